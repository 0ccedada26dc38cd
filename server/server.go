// Package server is Interdict's HTTP service: the JSON API under /v1
// (described by the OpenAPI document it serves at /v1/openapi.json), the
// health, readiness and metrics endpoints, and the mount point of the web
// UI. Every screening decision it answers is first made durable in the
// store's audit trail.
//
// A Server is wired from a Config, started with Run (which listens at once
// and loads the lists in the background) and stopped with Close; tests
// start it on 127.0.0.1:0.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/webhook"
)

// Defaults for the Config fields left zero.
const (
	DefaultAddr = "127.0.0.1:8080"
	// DefaultMaxBatch bounds one batch request; a batch of 1,000 queries
	// is answered in well under a second on two cores.
	DefaultMaxBatch     = 1000
	DefaultFetchTimeout = 10 * time.Minute
	// DefaultRate is the requests per second one API key may make when
	// the serve command is not told otherwise: far above what one
	// integration needs (the screening benchmark peaks at a few thousand
	// per second on two cores), low enough to stop a runaway client from
	// filling the audit trail.
	DefaultRate           = 10000
	DefaultRequestTimeout = 30 * time.Second
	// DefaultKeyTTL is how long a key lookup is remembered, and so how
	// long a revoked key may still be accepted.
	DefaultKeyTTL = 2 * time.Second
	// maxQueryBody bounds a /v1/screen body: 16 names of 1 KiB and their
	// attributes fit several times over.
	maxQueryBody = 64 << 10
	// perBatchQuery is the body allowance per query of a batch.
	perBatchQuery = 8 << 10
)

// Config is what a Server is made from.
type Config struct {
	// Addr is the TCP address to listen on (":0" or "127.0.0.1:0" picks a
	// free port; Addr reports it).
	Addr string
	// DataDir, when set, is a read-only directory of list files to load;
	// otherwise the lists fetched into StateDir are loaded, and fetched
	// first if there are none.
	DataDir  string
	StateDir string
	// FetchTimeout bounds one download of a list.
	FetchTimeout time.Duration
	// Fetcher replaces the default fetcher (tests point it at a local
	// server). Its StateDir defaults to StateDir.
	Fetcher *source.Fetcher
	// LoadCatalog, when set, replaces loading and fetching altogether, at
	// start and on refresh (tests use it to hold the server in its loading
	// state).
	LoadCatalog func(ctx context.Context) (*source.Catalog, error)

	// OpenStore opens the store of audit records and API keys. It runs
	// in the background after the server listens; /v1 answers 503 until
	// it has returned. The server closes the store on Close.
	OpenStore func(ctx context.Context) (store.Store, error)
	// AuditWait is how long the audit writer lingers for more records
	// before committing (0: commit as soon as the last commit is done,
	// which already groups concurrent requests).
	AuditWait time.Duration

	// MaxBatch bounds the queries of one batch request.
	MaxBatch int
	// Rate is the requests per second each API key may make (a key's own
	// rate overrides it); 0 means no limit.
	Rate float64
	// RequestTimeout bounds one request (a refresh is bounded by
	// FetchTimeout instead).
	RequestTimeout time.Duration
	// KeyTTL is how long key lookups are cached.
	KeyTTL time.Duration

	// SecureCookies marks the web UI's cookies Secure, for a server
	// reached over HTTPS (through a TLS-terminating proxy).
	SecureCookies bool

	// FourEyes requires a second analyst to approve each decision on an
	// alert (package cases). WebhookClient sends webhook deliveries
	// (nil: http.DefaultClient; tests point it at their receiver).
	FourEyes      bool
	WebhookClient *http.Client

	// With a store shared by several instances (store.ListVersions, see
	// propagate.go): Instance names this one in the record of list
	// versions (default: host, pid and address), and VersionPoll is how
	// often it reads the newest version besides being notified (0:
	// DefaultVersionPoll; negative: never).
	Instance    string
	VersionPoll time.Duration

	Logger *slog.Logger
	// Now is the clock for audit records, snapshots, key caching and rate
	// limits.
	Now func() time.Time
}

// Server is the running service.
type Server struct {
	cfg     Config
	log     *slog.Logger
	now     func() time.Time
	holder  dataset.Holder
	backend atomic.Pointer[backend]
	info    atomic.Pointer[listsInfo] // of the snapshot in service
	keys    *keyCache
	revoked *revokedKeys // for browser sessions, which hold no secret
	limits  *limiters
	metrics *metricSet
	handler http.Handler

	// loadFailed is set when the last load found nothing to serve, so that
	// /healthz can say so.
	loadFailed atomic.Bool
	closing    atomic.Bool
	// prop is set when the store is shared by several instances.
	prop atomic.Pointer[propagation]

	ln    net.Listener
	srv   *http.Server
	bg    context.Context
	stop  context.CancelFunc
	bgMu  sync.Mutex // guards starting background work against Close
	bgWG  sync.WaitGroup
	once  sync.Once
	err   error
	refMu sync.Mutex // one load or refresh at a time

	mon   monState                       // monitoring (monitor.go)
	hooks atomic.Pointer[webhook.Worker] // webhook deliveries (webhooks.go)
}

// backend is the store and its audit writer, set once the store is open.
type backend struct {
	st  store.Store
	aud *store.Auditor
}

// New makes a server from cfg, filling in defaults. It does nothing else;
// Run starts it.
func New(cfg Config) *Server {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = DefaultFetchTimeout
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = DefaultMaxBatch
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.KeyTTL <= 0 {
		cfg.KeyTTL = DefaultKeyTTL
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		now:     cfg.Now,
		keys:    newKeyCache(cfg.KeyTTL),
		revoked: &revokedKeys{ttl: cfg.KeyTTL},
		limits:  newLimiters(cfg.Rate),
	}
	s.metrics = newMetrics(s.readGauges)
	s.handler = s.routes()
	return s
}

// Run listens on the configured address and starts serving: /healthz at
// once, and the API once the store is open and the lists are loaded, which
// happens in the background. It returns when the server is listening, or
// with the error that stopped it. Cancelling ctx stops the loading, not
// the serving; Close stops everything.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	s.ln = ln
	s.bg, s.stop = context.WithCancel(ctx)
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// A batch body is read within the request's own time limit; the
		// connection limit only stops a client that stalls.
		ReadTimeout: s.cfg.RequestTimeout + 10*time.Second,
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serving stopped", "error", err)
		}
	}()
	s.background(s.start)
	return nil
}

// Addr is the address the server listens on, once Run has returned.
func (s *Server) Addr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Close stops the server: it refuses new connections, lets requests in
// flight finish (their audit records are committed), stops loading, and
// closes the store.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.closing.Store(true)
		s.bgMu.Lock()
		if s.stop != nil {
			s.stop()
		}
		s.bgMu.Unlock()
		if s.srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			if err := s.srv.Shutdown(ctx); err != nil {
				s.log.Warn("shutdown: requests still in flight were cut", "error", err)
				s.srv.Close()
			}
			cancel()
		}
		s.bgWG.Wait()
		// stop a network build still running for the snapshot in service
		s.holder.Close()
		if b := s.backend.Load(); b != nil {
			b.aud.Close()
			s.err = b.st.Close()
		}
	})
	return s.err
}

// background runs fn on the server's background context unless the server
// is closing; Close waits for it.
func (s *Server) background(fn func(ctx context.Context)) bool {
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	if s.closing.Load() || s.bg == nil {
		return false
	}
	s.bgWG.Add(1)
	go func() {
		defer s.bgWG.Done()
		fn(s.bg)
	}()
	return true
}

// start opens the store and loads the first snapshot.
func (s *Server) start(ctx context.Context) {
	if s.cfg.OpenStore == nil {
		s.log.Error("no store configured: the API will answer 503")
	} else if st, err := s.cfg.OpenStore(ctx); err != nil {
		s.log.Error("the store could not be opened: the API will answer 503 until a restart", "error", err)
	} else {
		// Before the backend: the API answers once it is set, and a
		// refresh then must find the propagation in place.
		s.startPropagation(st)
		s.backend.Store(&backend{st: st, aud: store.NewAuditor(st, s.cfg.AuditWait)})
		s.startWebhooks(st)
	}

	s.refMu.Lock()
	defer s.refMu.Unlock()
	if s.cfg.DataDir == "" && s.cfg.LoadCatalog == nil {
		// A first start may fetch into a state directory other
		// instances share.
		defer s.lockRefresh(ctx)()
	}
	start := time.Now()
	cat, _, err := s.loadCatalog(ctx, false)
	if err != nil {
		s.loadFailed.Store(true)
		if ctx.Err() == nil {
			s.explainLoadFailure(err)
		}
		return
	}
	snap := dataset.Build(cat, s.now())
	s.install(snap)
	s.announce(ctx, snap)
	s.log.Info("lists loaded: serving", "snapshot", snap.Version, "entities", snap.Entities(), "sources", len(cat.Lists),
		"load", cat.Took.Round(time.Millisecond), "index", snap.BuildTook.Round(time.Millisecond), "since_start", time.Since(start).Round(time.Millisecond))
}

// loadCatalog loads the lists: from the data directory, or from the state
// directory, fetching them first when refresh is set or when nothing has
// been fetched yet.
func (s *Server) loadCatalog(ctx context.Context, refresh bool) (*source.Catalog, []source.FetchResult, error) {
	switch {
	case s.cfg.LoadCatalog != nil:
		cat, err := s.cfg.LoadCatalog(ctx)
		return cat, nil, err
	case s.cfg.DataDir != "":
		cat, err := source.Load(ctx, s.cfg.DataDir)
		return cat, nil, err
	}
	if !refresh {
		cat, err := source.LoadState(ctx, s.cfg.StateDir)
		var none *source.ErrNoLists
		if !errors.As(err, &none) {
			return cat, nil, err
		}
		s.log.Info("no lists have been fetched yet: fetching the official lists", "state", s.cfg.StateDir)
	}
	res, err := s.fetcher().Fetch(ctx)
	if err != nil {
		return nil, res, err
	}
	for _, r := range res {
		if r.Status == "updated" || r.Status == "unchanged" {
			s.log.Info("fetched", "source", r.Source, "status", r.Status)
		} else {
			s.log.Warn("fetch failed", "source", r.Source, "status", r.Status, "error", r.Err)
		}
	}
	cat, err := source.LoadState(ctx, s.cfg.StateDir)
	return cat, res, err
}

func (s *Server) fetcher() *source.Fetcher {
	f := s.cfg.Fetcher
	if f == nil {
		f = &source.Fetcher{Client: &http.Client{Timeout: s.cfg.FetchTimeout}}
	} else {
		c := *f
		f = &c
	}
	if f.StateDir == "" {
		f.StateDir = s.cfg.StateDir
	}
	return f
}

// explainLoadFailure logs, in plain words, why there is nothing to serve
// and what to do about it. The server keeps running and answers 503.
func (s *Server) explainLoadFailure(err error) {
	var none *source.ErrNoLists
	switch {
	case s.cfg.DataDir != "":
		s.log.Error(fmt.Sprintf("no list could be loaded from %s; /healthz answers 503. Point --data at a directory holding official list files (OFAC sdn.csv, UN consolidated XML, EU FSF XML, UK list, …).", s.cfg.DataDir), "error", err)
	case errors.As(err, &none):
		s.log.Error(fmt.Sprintf("no list could be fetched into %s (is there network access?); /healthz answers 503. Start the server with --data DIR, a directory of official list files, or run `interdict fetch` where the network is reachable and restart.", s.cfg.StateDir), "error", err)
	default:
		s.log.Error("the lists could not be loaded; /healthz answers 503", "error", err)
	}
}

// install puts snap in service; queries already running finish on the
// snapshot they took.
func (s *Server) install(snap *dataset.Snapshot) *dataset.Snapshot {
	s.info.Store(newListsInfo(snap, s.manifest(snap)))
	s.loadFailed.Store(false)
	old := s.holder.Swap(snap)
	s.monitorAfterSwap(old, snap)
	// Loading the lists (at start, on a refresh, following another
	// instance) leaves several times the index's size in garbage: return
	// it to the OS rather than keep it resident while serving.
	debug.FreeOSMemory()
	return old
}

// manifest reads the fetch records of the state directory when the
// snapshot came from it.
func (s *Server) manifest(snap *dataset.Snapshot) *source.Manifest {
	if s.cfg.DataDir != "" || s.cfg.LoadCatalog != nil || s.cfg.StateDir == "" {
		return nil
	}
	m, err := source.ReadManifest(s.cfg.StateDir)
	if err != nil {
		s.log.Warn("the fetch manifest could not be read", "error", err)
		return nil
	}
	return m
}

// ready returns the snapshot in service and the store, or a loading error.
func (s *Server) ready() (*dataset.Snapshot, *backend, error) {
	b := s.backend.Load()
	snap := s.holder.Current()
	if b == nil || snap == nil {
		return nil, nil, &Error{Code: CodeLoading, Message: "the lists are still loading; retry shortly", RetryAfter: 2 * time.Second}
	}
	return snap, b, nil
}
