package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The state directory's list cache:
//
//	STATE/lists/manifest.json              which version of each source is live
//	STATE/lists/<source>/<fetched-at>/…    one folder per fetched version
//
// A version folder is complete before the manifest names it (files are
// written to temporary names, synced, renamed, and the folder synced), so a
// crash mid-fetch leaves the previous version in service.
const (
	listsDir     = "lists"
	manifestName = "manifest.json"
	// manifestVersion is bumped when the manifest's shape changes.
	manifestVersion = 1
	// maxDownload bounds one file; the largest official file (OFAC's
	// SDN_ADVANCED.XML) is about 127 MB.
	maxDownload = 512 << 20
)

// Manifest records the live version of each fetched source.
type Manifest struct {
	Version int                      `json:"version"`
	Sources map[string]*SourceRecord `json:"sources"`
}

// SourceRecord is one fetched version of one source.
type SourceRecord struct {
	Source    string       `json:"source"`
	Dir       string       `json:"dir"` // relative to STATE/lists
	FetchedAt time.Time    `json:"fetched_at"`
	Published string       `json:"published,omitempty"`
	Entities  int          `json:"entities"`
	Files     []FileRecord `json:"files"`
}

// FileRecord is one downloaded file.
type FileRecord struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	// Resolved is where the file really came from after redirects (OFAC
	// answers with a presigned storage URL that expires; URL is what is
	// asked again next time).
	Resolved     string `json:"resolved,omitempty"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Fetcher downloads the official lists into a state directory.
type Fetcher struct {
	StateDir  string
	Client    *http.Client
	UserAgent string
	Remotes   []Remote
	// Now is the clock; tests set it.
	Now func() time.Time
}

// FetchResult says what happened to one source.
type FetchResult struct {
	Source string `json:"source"`
	// Status is "updated", "unchanged", "refused" (downloaded but failed
	// its sanity check; the previous version stays) or "failed".
	Status   string        `json:"status"`
	Record   *SourceRecord `json:"record,omitempty"`
	Err      string        `json:"error,omitempty"`
	Previous int           `json:"previous_entities,omitempty"`
}

// DefaultUserAgent names Interdict to publishers; some (OFAC among them)
// refuse requests without a User-Agent.
const DefaultUserAgent = "Interdict/0.1 (sanctions screening; +https://github.com/interdict/interdict)"

// Fetch downloads every remote source, or only those named. Each source
// succeeds or fails on its own; the error is non-nil only when the state
// directory itself cannot be used.
func (f *Fetcher) Fetch(ctx context.Context, only ...string) ([]FetchResult, error) {
	root := filepath.Join(f.StateDir, listsDir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("fetch: state directory: %w", err)
	}
	man, err := ReadManifest(f.StateDir)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, s := range only {
		want[s] = true
	}
	var out []FetchResult
	for _, r := range f.remotes() {
		if len(want) > 0 && !want[r.Source] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		res := f.fetchOne(ctx, root, r, man.Sources[r.Source])
		if res.Status == "updated" {
			man.Sources[r.Source] = res.Record
			if err := writeManifest(f.StateDir, man); err != nil {
				return out, err
			}
		}
		out = append(out, res)
	}
	return out, nil
}

func (f *Fetcher) remotes() []Remote {
	if f.Remotes != nil {
		return f.Remotes
	}
	return Remotes
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f *Fetcher) fetchOne(ctx context.Context, root string, r Remote, prev *SourceRecord) FetchResult {
	res := FetchResult{Source: r.Source, Status: "failed"}
	if prev != nil {
		res.Previous = prev.Entities
	}
	stamp := f.now().UTC()
	tmp, err := os.MkdirTemp(filepath.Join(root), "."+r.Source+"-")
	if err != nil {
		res.Err = err.Error()
		return res
	}
	defer os.RemoveAll(tmp)

	rec := &SourceRecord{Source: r.Source, FetchedAt: stamp}
	changed := prev == nil
	for _, rf := range r.Files {
		var old *FileRecord
		if prev != nil {
			for i := range prev.Files {
				if prev.Files[i].Name == rf.Name {
					old = &prev.Files[i]
				}
			}
		}
		fr, notModified, err := f.download(ctx, rf, old, tmp)
		if err != nil {
			res.Err = fmt.Sprintf("%s: %v", rf.Name, err)
			return res
		}
		if notModified {
			// Reuse the cached copy of the unchanged file.
			if err := copyFile(filepath.Join(root, prev.Dir, rf.Name), filepath.Join(tmp, rf.Name)); err != nil {
				res.Err = fmt.Sprintf("%s: cached copy: %v", rf.Name, err)
				return res
			}
			fr = *old
		} else if old == nil || old.SHA256 != fr.SHA256 {
			changed = true
		}
		rec.Files = append(rec.Files, fr)
	}
	if !changed {
		res.Status, res.Record = "unchanged", prev
		return res
	}

	// Sanity check: the new version must parse as this source, hold
	// entities, and not shrink below half the previous version.
	cat, err := Load(ctx, tmp)
	var none *ErrNoLists
	if errors.As(err, &none) && cat != nil {
		var why []string
		for _, s := range cat.Skipped {
			why = append(why, s.File+": "+s.Reason)
		}
		for _, f := range cat.Failures {
			why = append(why, firstLine(f.Err))
		}
		res.Status, res.Err = "refused", fmt.Sprintf("no %s entities in the download (%s)", r.Source, strings.Join(why, "; "))
		return res
	}
	if err != nil {
		res.Status, res.Err = "refused", "does not parse: "+firstLine(err.Error())
		return res
	}
	l := cat.List(r.Source)
	if l == nil || len(l.Live.Entities) == 0 {
		got := []string{}
		for _, x := range cat.Lists {
			got = append(got, x.Source)
		}
		res.Status, res.Err = "refused", fmt.Sprintf("no %s entities in the download (found: %s)", r.Source, strings.Join(got, ", "))
		if len(cat.Failures) > 0 {
			res.Err += "; " + cat.Failures[0].Err
		}
		return res
	}
	if prev != nil && 2*len(l.Live.Entities) < prev.Entities {
		res.Status, res.Err = "refused", fmt.Sprintf("%d entities, under half the %d of the version in service", len(l.Live.Entities), prev.Entities)
		return res
	}
	rec.Entities = len(l.Live.Entities)
	rec.Published = l.Live.Published

	rec.Dir = filepath.Join(r.Source, stamp.Format("20060102T150405Z"))
	final := filepath.Join(root, rec.Dir)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		res.Err = err.Error()
		return res
	}
	if err := syncDir(tmp); err != nil {
		res.Err = err.Error()
		return res
	}
	if err := os.Rename(tmp, final); err != nil {
		res.Err = err.Error()
		return res
	}
	if err := syncDir(filepath.Dir(final)); err != nil {
		res.Err = err.Error()
		return res
	}
	res.Status, res.Record = "updated", rec
	return res
}

// download fetches one file into dir, following a landing page when the
// remote says so. It sends the validators of the cached copy and reports
// a 304 as notModified.
func (f *Fetcher) download(ctx context.Context, rf RemoteFile, old *FileRecord, dir string) (FileRecord, bool, error) {
	target := rf.URL
	if rf.Link != nil {
		u, err := f.findLink(ctx, rf)
		if err != nil {
			return FileRecord{}, false, err
		}
		target = u
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return FileRecord{}, false, err
	}
	req.Header.Set("User-Agent", f.userAgent())
	if old != nil && old.URL == target {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return FileRecord{}, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && old != nil {
		return FileRecord{}, true, nil
	}
	if resp.StatusCode != http.StatusOK {
		return FileRecord{}, false, fmt.Errorf("GET %s: %s", target, resp.Status)
	}
	fr := FileRecord{Name: rf.Name, URL: target, Resolved: resp.Request.URL.String(), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	path := filepath.Join(dir, rf.Name)
	fh, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return FileRecord{}, false, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(fh, h), io.LimitReader(resp.Body, maxDownload+1))
	if err == nil && n > maxDownload {
		err = fmt.Errorf("larger than %d bytes", maxDownload)
	}
	if err == nil && resp.ContentLength > 0 && n != resp.ContentLength {
		err = fmt.Errorf("truncated: got %d of %d bytes", n, resp.ContentLength)
	}
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileRecord{}, false, fmt.Errorf("GET %s: %w", target, err)
	}
	if n == 0 {
		return FileRecord{}, false, fmt.Errorf("GET %s: empty file", target)
	}
	fr.Size, fr.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	// The file's time is the publisher's Last-Modified, so that a format
	// without a date inside (OFAC's CSV) is dated by its publication.
	if t, err := http.ParseTime(fr.LastModified); err == nil {
		_ = os.Chtimes(path, t, t)
	}
	return fr, false, nil
}

// findLink reads a landing page and returns the absolute URL of the first
// link matching rf.Link.
func (f *Fetcher) findLink(ctx context.Context, rf RemoteFile) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rf.URL, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("User-Agent", f.userAgent())
	resp, err := f.client().Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("landing page %s: %s", rf.URL, resp.Status)
	}
	page, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return "", fmt.Errorf("landing page %s: %w", rf.URL, err)
	}
	m := rf.Link.FindSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("landing page %s links no file matching %s", rf.URL, rf.Link)
	}
	base, err := url.Parse(resp.Request.URL.String())
	if err != nil {
		return "", err
	}
	ref, err := url.Parse(strings.TrimSpace(string(m[1])))
	if err != nil {
		return "", fmt.Errorf("landing page %s: bad link %q", rf.URL, m[1])
	}
	return base.ResolveReference(ref).String(), nil
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return &http.Client{Timeout: 10 * time.Minute}
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return DefaultUserAgent
}

// ReadManifest reads STATE/lists/manifest.json; a missing manifest is an
// empty one.
func ReadManifest(stateDir string) (*Manifest, error) {
	p := filepath.Join(stateDir, listsDir, manifestName)
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return &Manifest{Version: manifestVersion, Sources: map[string]*SourceRecord{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", p, err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("fetch: %s: manifest version %d, want %d", p, m.Version, manifestVersion)
	}
	if m.Sources == nil {
		m.Sources = map[string]*SourceRecord{}
	}
	return &m, nil
}

func writeManifest(stateDir string, m *Manifest) error {
	dir := filepath.Join(stateDir, listsDir)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, manifestName), b)
}

// writeFileAtomic writes to a temporary file, syncs it and renames it over
// path, so readers see the old content or the new, never a part.
func writeFileAtomic(path string, b []byte) error {
	fh, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(fh.Name())
	if _, err := fh.Write(b); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Sync(); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	if err := os.Rename(fh.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	// Keep the time: it dates formats that carry no date inside.
	if fi, err := in.Stat(); err == nil {
		_ = os.Chtimes(dst, fi.ModTime(), fi.ModTime())
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// StateDirs returns the live version folder of every fetched source, in
// source order, for LoadState.
func StateDirs(stateDir string) ([]string, error) {
	m, err := ReadManifest(stateDir)
	if err != nil {
		return nil, err
	}
	var srcs []string
	for s := range m.Sources {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	var out []string
	for _, s := range srcs {
		out = append(out, filepath.Join(stateDir, listsDir, m.Sources[s].Dir))
	}
	return out, nil
}
