package server

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

// BenchmarkSearch measures GET /v1/search over the alias-holdout lists
// with the benchmark's own queries (../shared/bench/alias_holdout), in
// process, one request per iteration: the screening alone, the whole
// handler with an in-memory store, and the whole handler with the SQLite
// store (synchronous=NORMAL, the serve default). The difference between
// the first two is the server's own cost per request.
func BenchmarkSearch(b *testing.B) {
	root := shared.Root()
	if root == "" {
		b.Skip("shared data not found")
	}
	data := filepath.Join(root, "bench", "alias_holdout", "data")
	f, err := os.Open(filepath.Join(root, "bench", "alias_holdout", "queries.jsonl"))
	if err != nil {
		b.Skip(err)
	}
	var paths []string
	var queries []interdict.Query
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct{ Query, Type string }
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			b.Fatal(err)
		}
		v := url.Values{"q": {q.Query}, "limit": {"10"}}
		kind := interdict.KindUnknown
		switch q.Type {
		case "person", "vessel":
			v.Set("kind", q.Type)
			kind = interdict.Kind(q.Type)
		case "business":
			v.Set("kind", "organization")
			kind = interdict.KindOrganization
		}
		paths = append(paths, "/v1/search?"+v.Encode())
		queries = append(queries, interdict.Query{Names: []string{q.Query}, Kind: kind, Limit: 10})
	}
	f.Close()

	start := func(b *testing.B, open func(context.Context) (store.Store, error)) (*Server, string) {
		st := newFakeStore()
		_, secret, _ := st.CreateKey(context.Background(), "bench", interdict.RoleScreener)
		s := New(Config{Addr: "127.0.0.1:0", LoadCatalog: func(ctx context.Context) (*source.Catalog, error) { return source.Load(ctx, data) },
			OpenStore: func(ctx context.Context) (store.Store, error) {
				real, err := open(ctx)
				if err != nil {
					return nil, err
				}
				return &keysFrom{Store: real, keys: st}, nil
			}, Logger: slog.New(slog.DiscardHandler)})
		if err := s.Run(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		for s.holder.Current() == nil || s.backend.Load() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		return s, secret
	}
	run := func(b *testing.B, s *Server, secret string) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			req := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("%s: %d %s", paths[i%len(paths)], w.Code, w.Body)
			}
			i++
		}
	}

	b.Run("screen", func(b *testing.B) {
		s, _ := start(b, func(context.Context) (store.Store, error) { return newFakeStore(), nil })
		snap := s.holder.Current()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := snap.Screener.Screen(&queries[i%len(queries)], true); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("handler-memory", func(b *testing.B) {
		s, secret := start(b, func(context.Context) (store.Store, error) { return newFakeStore(), nil })
		run(b, s, secret)
	})
	b.Run("handler-sqlite", func(b *testing.B) {
		dir := b.TempDir()
		s, secret := start(b, func(ctx context.Context) (store.Store, error) {
			return sqlite.Open(ctx, filepath.Join(dir, "interdict.db"))
		})
		run(b, s, secret)
	})
}

// keysFrom takes its keys from one store and everything else from
// another, so that the benchmark's key exists whatever the engine.
type keysFrom struct {
	store.Store
	keys store.Store
}

func (k *keysFrom) LookupKey(ctx context.Context, secret string) (interdict.APIKey, error) {
	return k.keys.LookupKey(ctx, secret)
}
