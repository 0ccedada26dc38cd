package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interdict/interdict/internal/shared"
)

// publisher is a local stand-in for the official servers, serving real
// files from ../shared/data the way the publishers answer: OFAC redirects
// to a presigned storage URL and wants a User-Agent; the UN sends
// validators and answers conditional requests with 304; METI links its
// current file from a landing page; the US CSL file may have a preamble
// line before its header. Its failure mode per path can be switched.
type publisher struct {
	t    *testing.T
	mu   sync.Mutex
	fail map[string]string // path → "500", "truncate", "slow", "html", "short"
	hits map[string]int
	body map[string][]byte
}

func newPublisher(t *testing.T) (*publisher, *httptest.Server) {
	p := &publisher{t: t, fail: map[string]string{}, hits: map[string]int{}, body: map[string][]byte{}}
	read := func(path ...string) []byte {
		b, err := os.ReadFile(shared.Data(t, path...))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p.body["/storage/sdn.csv"] = read("ofac_sdn_2021-07-07", "sdn.csv")
	p.body["/storage/alt.csv"] = read("ofac_sdn_2021-07-07", "alt.csv")
	p.body["/storage/add.csv"] = read("ofac_sdn_2021-07-07", "add.csv")
	p.body["/storage/sdn_comments.csv"] = read("ofac_sdn_2021-07-07", "sdn_comments.csv")
	p.body["/un/consolidated.xml"] = read("un_consolidated", "UN_consolidated.xml")
	p.body["/meti/files/20250929_4.xlsx"] = read("japan_meti_end_user_list", "20250929_4.xlsx")
	p.body["/dpl/dpl.txt"] = read("us_bis_dpl", "dpl.txt")
	// trade.gov's CSV as some mirrors serve it: a line before the header.
	p.body["/csl/consolidated.csv"] = append([]byte("Consolidated Screening List, generated 2025-06-25\n"), read("us_csl_samples", "consolidated.csv")...)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv
}

func (p *publisher) set(path, mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if mode == "" {
		delete(p.fail, path)
	} else {
		p.fail[path] = mode
	}
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.URL.Path]++
	mode := p.fail[r.URL.Path]
	p.mu.Unlock()
	switch {
	case strings.HasPrefix(r.URL.Path, "/ofac/"):
		// The Sanctions List Service: a User-Agent is required, and the
		// answer is a redirect to a presigned storage URL.
		if r.UserAgent() == "" || strings.HasPrefix(r.UserAgent(), "Go-http-client") {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		name := strings.ToLower(strings.TrimPrefix(r.URL.Path, "/ofac/"))
		http.Redirect(w, r, "/storage/"+name+"?X-Amz-Expires=3600&X-Amz-Signature=abc", http.StatusFound)
		return
	case r.URL.Path == "/meti/":
		fmt.Fprint(w, `<html><body><h1>外国ユーザーリスト</h1><ul>
<li><a href="/meti/files/press.pdf">press release</a></li>
<li><a href="files/20250929_4.xlsx">End User List (xlsx)</a></li></ul></body></html>`)
		return
	}
	body, ok := p.body[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch mode {
	case "500":
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	case "slow":
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		return
	case "html":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Service temporarily unavailable. Please try again later.</body></html>")
		return
	case "truncate":
		// Promise the whole file, send a third, then drop the connection.
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body[:len(body)/3])
		return
	case "short":
		// A well-formed file with far fewer records: cut at a line.
		cut := body[:len(body)/10]
		if i := strings.LastIndexByte(string(cut), '\n'); i > 0 {
			cut = cut[:i+1]
		}
		w.Write(cut)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Fri, 27 Feb 2026 00:00:09 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

func testRemotes(base string) []Remote {
	return []Remote{
		{Source: "ofac-sdn", Files: []RemoteFile{
			{Name: "sdn.csv", URL: base + "/ofac/SDN.CSV"},
			{Name: "alt.csv", URL: base + "/ofac/ALT.CSV"},
			{Name: "add.csv", URL: base + "/ofac/ADD.CSV"},
			{Name: "sdn_comments.csv", URL: base + "/ofac/SDN_COMMENTS.CSV"},
		}},
		{Source: "un", Files: []RemoteFile{{Name: "un_consolidated.xml", URL: base + "/un/consolidated.xml"}}},
		{Source: "jp-meti", Files: []RemoteFile{{Name: "meti_end_user_list.xlsx", URL: base + "/meti/",
			Link: regexp.MustCompile(`(?i)href\s*=\s*["']([^"']+\.xlsx)["']`)}}},
		{Source: "us-dpl", Files: []RemoteFile{{Name: "dpl.txt", URL: base + "/dpl/dpl.txt"}}},
		{Source: "csl", Files: []RemoteFile{{Name: "consolidated.csv", URL: base + "/csl/consolidated.csv"}}},
	}
}

func newTestFetcher(t *testing.T, base string) *Fetcher {
	clock := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	return &Fetcher{
		StateDir: t.TempDir(),
		Client:   &http.Client{Timeout: 2 * time.Second},
		Remotes:  testRemotes(base),
		Now: func() time.Time {
			clock = clock.Add(time.Minute)
			return clock
		},
	}
}

func statusOf(res []FetchResult) map[string]string {
	out := map[string]string{}
	for _, r := range res {
		out[r.Source] = r.Status
		if r.Err != "" {
			out[r.Source] += ": " + r.Err
		}
	}
	return out
}

func TestFetchLikeThePublishers(t *testing.T) {
	pub, srv := newPublisher(t)
	f := newTestFetcher(t, srv.URL)
	ctx := context.Background()

	res, err := f.Fetch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for src, st := range statusOf(res) {
		if st != "updated" {
			t.Errorf("first fetch of %s: %s", src, st)
		}
	}
	man, err := ReadManifest(f.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	un := man.Sources["un"]
	if un == nil || un.Entities != 1003 || un.Published != "2026-02-27" {
		t.Fatalf("manifest un = %+v, want 1003 entities published 2026-02-27", un)
	}
	body := pub.body["/un/consolidated.xml"]
	sum := sha256.Sum256(body)
	if got := un.Files[0]; got.SHA256 != hex.EncodeToString(sum[:]) || got.Size != int64(len(body)) || got.ETag == "" {
		t.Errorf("un file record = %+v", got)
	}
	ofacRec := man.Sources["ofac-sdn"]
	if ofacRec == nil || ofacRec.Entities != 8976 || !strings.Contains(ofacRec.Files[0].Resolved, "/storage/sdn.csv") || ofacRec.Published != "2026-02-27" {
		t.Errorf("ofac-sdn record = %+v, want 8976 entities fetched from the storage redirect, dated by Last-Modified", ofacRec)
	}
	if m := man.Sources["jp-meti"]; m == nil || !strings.HasSuffix(m.Files[0].URL, "/meti/files/20250929_4.xlsx") {
		t.Errorf("jp-meti record = %+v, want the file linked from the landing page", m)
	}

	// A second fetch sends the validators and keeps what did not change.
	res, err = f.Fetch(ctx, "un")
	if err != nil {
		t.Fatal(err)
	}
	if st := statusOf(res)["un"]; st != "unchanged" {
		t.Errorf("second fetch of un: %s, want unchanged", st)
	}

	// Every command finds the fetched lists without --data.
	cat, err := LoadState(ctx, f.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	if m := man.Sources["csl"]; m == nil || m.Entities != 13 {
		t.Errorf("csl record = %+v, want 13 entities read past the preamble line", m)
	}
	for _, src := range []string{"ofac-sdn", "un", "jp-meti", "us-dpl", "csl"} {
		if cat.List(src) == nil {
			t.Errorf("LoadState: %s missing", src)
		}
	}
}

func TestFetchRefusesBadDownloads(t *testing.T) {
	pub, srv := newPublisher(t)
	f := newTestFetcher(t, srv.URL)
	ctx := context.Background()
	if _, err := f.Fetch(ctx, "un"); err != nil {
		t.Fatal(err)
	}
	before, err := ReadManifest(f.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	good := before.Sources["un"]
	if good == nil {
		t.Fatal("first fetch stored nothing")
	}

	for _, tc := range []struct {
		mode, status, errHas string
	}{
		{"500", "failed", "500"},
		{"truncate", "failed", ""},
		{"slow", "failed", ""},
		{"html", "refused", "no un entities"},
		{"short", "refused", ""},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			pub.set("/un/consolidated.xml", tc.mode)
			defer pub.set("/un/consolidated.xml", "")
			res, err := f.Fetch(ctx, "un")
			if err != nil {
				t.Fatal(err)
			}
			r := res[0]
			if r.Status != tc.status || !strings.Contains(r.Err, tc.errHas) {
				t.Fatalf("status %q error %q, want %q containing %q", r.Status, r.Err, tc.status, tc.errHas)
			}
			if r.Previous != good.Entities {
				t.Errorf("previous = %d, want %d", r.Previous, good.Entities)
			}
			after, err := ReadManifest(f.StateDir)
			if err != nil {
				t.Fatal(err)
			}
			if after.Sources["un"].Dir != good.Dir {
				t.Errorf("manifest moved to %s; the previous version must stay", after.Sources["un"].Dir)
			}
			cat, err := LoadState(ctx, f.StateDir)
			if err != nil {
				t.Fatal(err)
			}
			if l := cat.List("un"); l == nil || len(l.Live.Entities) != good.Entities {
				t.Errorf("after a %s the live UN list changed", tc.mode)
			}
			// No temporary folders are left behind.
			left, _ := filepath.Glob(filepath.Join(f.StateDir, listsDir, ".un-*"))
			if len(left) > 0 {
				t.Errorf("temporary folders left: %v", left)
			}
		})
	}
}

func TestFetchWithoutUserAgentIsRefusedByOFAC(t *testing.T) {
	_, srv := newPublisher(t)
	f := newTestFetcher(t, srv.URL)
	f.UserAgent = "Go-http-client/1.1"
	res, err := f.Fetch(context.Background(), "ofac-sdn")
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != "failed" || !strings.Contains(res[0].Err, "403") {
		t.Errorf("got %+v, want a 403 failure", res[0])
	}
}
