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
