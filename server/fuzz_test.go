package server

import (
	"bytes"
	"net/url"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/screen"
)

// The request decoders are fuzzed with their seed corpora in
// testdata/fuzz/. Whatever the input, a decoder must not panic, must
// refuse with a client error (never an internal one) whose message is
// valid UTF-8, or return a query that screen.Validate accepts and that
// screens without panicking.

var fuzzSnap = sync.OnceValue(func() *dataset.Snapshot { return dataset.Build(testCatalog(), time.Unix(0, 0)) })

func checkDecoded(t *testing.T, p parsed, err error) {
	t.Helper()
	if err != nil {
		e := asError(err)
		if e.Code != CodeBadRequest && e.Code != CodeTooLarge {
			t.Fatalf("error code %s for client input: %v", e.Code, err)
		}
		if !utf8.ValidString(e.Message) || e.Message == "" {
			t.Fatalf("message %q", e.Message)
		}
		return
	}
	if verr := screen.Validate(&p.q); verr != nil {
		t.Fatalf("decoded a query screen refuses: %v", verr)
	}
	for _, c := range p.q.Countries {
		if len(c) != 2 {
			t.Fatalf("country %q is not an ISO alpha-2 code", c)
		}
	}
	if _, err := fuzzSnap().Screener.Screen(&p.q, p.explain); err != nil {
		t.Fatalf("screening a valid query: %v", err)
	}
}

func FuzzSearchQuery(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // the server answers that with 400 before parseSearch
		}
		p, err := parseSearch(v)
		checkDecoded(t, p, err)
	})
}

func FuzzScreenBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeScreen(bytes.NewReader(body))
		checkDecoded(t, p, err)
	})
}

func FuzzBatchBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		qs, errs, err := decodeBatch(bytes.NewReader(body), 8)
		if err != nil {
			checkDecoded(t, parsed{}, err)
			return
		}
		if len(qs) == 0 || len(qs) > 8 || len(errs) != len(qs) {
			t.Fatalf("%d queries, %d errors", len(qs), len(errs))
		}
		for i := range qs {
			checkDecoded(t, qs[i], errs[i])
		}
	})
}

// FuzzAuditQuery fuzzes the query string of GET /v1/audit: a client error
// or a filter the store can take (a page size in range, a record id, a
// known decision, a range that does not end before it starts).
func FuzzAuditQuery(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // the server answers that with 400 before parseAudit
		}
		fl, err := parseAudit(v)
		if err != nil {
			checkDecoded(t, parsed{}, err)
			return
		}
		if fl.Limit < 1 || fl.Limit > maxAuditLimit || fl.AfterID < 0 {
			t.Fatalf("limit %d, after %d", fl.Limit, fl.AfterID)
		}
		if fl.Decision != "" && fl.Decision != decisionAlert && fl.Decision != decisionClear {
			t.Fatalf("decision %q", fl.Decision)
		}
		if !fl.From.IsZero() && !fl.To.IsZero() && fl.To.Before(fl.From) {
			t.Fatalf("from %v after to %v", fl.From, fl.To)
		}
		for k := range v {
			if !auditParams[k] {
				t.Fatalf("unknown parameter %q accepted", k)
			}
		}
	})
}
