package server

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// scanAnswer is what the tests read of a POST /v1/scan answer.
type scanAnswer struct {
	Snapshot string `json:"snapshot"`
	Decision string `json:"decision"`
	AuditID  int64  `json:"audit_id"`
	Document struct {
		Format string   `json:"format"`
		Notes  []string `json:"notes"`
		Bytes  int      `json:"bytes"`
		SHA256 string   `json:"sha256"`
	} `json:"document"`
	Result struct {
		Mentions []struct {
			Start, End int
			Text       string
			Alert      bool
			Match      interdict.Match
			Also       []interdict.Match
			Sentence   struct{ Text string }
		} `json:"mentions"`
		Alerts int `json:"alerts"`
	} `json:"result"`
}

// found reports whether a mention of text at its place in doc alerts with
// id among its matches.
func (a scanAnswer) found(doc, text, id string) bool {
	for _, m := range a.Result.Mentions {
		if m.Text != text || !m.Alert || doc != "" && doc[m.Start:m.End] != text {
			continue
		}
		if m.Match.ID == id {
			return true
		}
		for _, x := range m.Also {
			if x.ID == id {
				return true
			}
		}
	}
	return false
}

const scanArticle = "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken in New Delhi. " +
	"Lavrov said the talks were short.\n\nМинистр иностранных дел России Сергей Лавров провёл переговоры с Энтони Блинкеном. " +
	"Замминистра Сергей Рябков их не комментировал."

// TestScanE2E drives POST /v1/scan on a real server over every list of
// ../shared/data: a JSON text and the PDF, DOCX and HTML files of
// package document, bad input of every kind, and the audit trail.
func TestScanE2E(t *testing.T) {
	data := shared.Data(t)
	e := startE2E(t, data, nil)
	waitReady(t, e.c)
	screener := e.keys[interdict.RoleScreener]

	t.Run("json text", func(t *testing.T) {
		r := e.c.post("/v1/scan", screener, map[string]any{"text": scanArticle})
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var a scanAnswer
		r.decode(t, &a)
		if a.Decision != decisionAlert || a.AuditID == 0 || a.Document.Format != "text" || a.Document.Bytes != len(scanArticle) || len(a.Document.SHA256) != 64 {
			t.Errorf("answer %s", r.body)
		}
		for _, name := range []string{"Sergei Lavrov", "Сергей Лавров", "Lavrov"} {
			if !a.found(scanArticle, name, "ofac-sdn:35233") {
				t.Errorf("%q not found as ofac-sdn:35233: %s", name, r.body)
			}
		}
		for _, m := range a.Result.Mentions {
			if strings.Contains(m.Text, "Blinken") || strings.Contains(m.Text, "Блинкен") || strings.Contains(m.Text, "Рябков") {
				t.Errorf("unlisted official flagged: %+v", m)
			}
		}
		recs, err := e.db.ListAudit(context.Background(), interdict.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var rec *interdict.AuditRecord
		for i := range recs {
			if recs[i].ID == a.AuditID {
				rec = &recs[i]
			}
		}
		if rec == nil || rec.Route != auditScan || rec.Decision != decisionAlert || rec.User != "e2e-screener" ||
			!strings.HasPrefix(rec.Query.Names[0], "document sha256:"+a.Document.SHA256) || !strings.Contains(strings.Join(rec.Query.Names, "|"), "Sergei Lavrov") {
			t.Fatalf("audit record %+v", rec)
		}
		has := false
		for _, m := range rec.Matches {
			has = has || m.ID == "ofac-sdn:35233" && m.Alert
		}
		if !has {
			t.Errorf("audit matches lack ofac-sdn:35233: %+v", rec.Matches)
		}
	})

	t.Run("one list", func(t *testing.T) {
		r := e.c.post("/v1/scan", screener, map[string]any{"text": scanArticle, "sources": []string{"ofac-sdn"}, "explain": true})
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var a scanAnswer
		r.decode(t, &a)
		for _, m := range a.Result.Mentions {
			if m.Match.Source != "ofac-sdn" || m.Match.Explanation == nil {
				t.Errorf("mention %+v", m)
			}
		}
		if !a.found(scanArticle, "Sergei Lavrov", "ofac-sdn:35233") {
			t.Errorf("answer %s", r.body)
		}
	})

	t.Run("clear", func(t *testing.T) {
		r := e.c.post("/v1/scan", screener, map[string]any{"text": "The argument over the budget was graceful. Antony Blinken flew home."})
		r.expect(t, http.StatusOK, "")
		e.countAnswered(1)
		var a scanAnswer
		r.decode(t, &a)
		if a.Decision != decisionClear || len(a.Result.Mentions) != 0 {
			t.Errorf("answer %s", r.body)
		}
	})

	for _, f := range []struct{ name, ctype string }{
		{"news.pdf", "application/pdf"},
		{"news.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"news.html", "text/html"},
		{"news.docx", "application/octet-stream"}, // told by content
	} {
		t.Run(f.name+" as "+f.ctype, func(t *testing.T) {
			if f.name == "news.pdf" {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils)")
				}
			}
			body, err := os.ReadFile(filepath.Join("..", "document", "testdata", f.name))
			if err != nil {
				t.Fatal(err)
			}
			r := e.c.post("/v1/scan?source=ofac-sdn&min_score=0.5", screener, body, "Content-Type", f.ctype)
			r.expect(t, http.StatusOK, "")
			e.countAnswered(1)
			var a scanAnswer
			r.decode(t, &a)
			if want := strings.TrimPrefix(filepath.Ext(f.name), "."); a.Document.Format != want || a.Document.Bytes != len(body) {
				t.Errorf("document %+v, want %s", a.Document, want)
			}
			if !a.found("", "Sergei Lavrov", "ofac-sdn:35233") || !a.found("", "Сергей Лавров", "ofac-sdn:35233") {
				t.Errorf("Lavrov not found in %s: %s", f.name, r.body)
			}
		})
	}

	docx, err := os.ReadFile(filepath.Join("..", "document", "testdata", "news.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		path   string
		body   any
		ctype  string
		status int
		code   Code
		msg    string
	}{
		{"empty text", "/v1/scan", map[string]any{"text": "  "}, "", 400, CodeBadRequest, "text: empty"},
		{"no text field", "/v1/scan", map[string]any{"txt": "x"}, "", 400, CodeBadRequest, ""},
		{"bad min score", "/v1/scan", map[string]any{"text": "x", "min_score": 3}, "", 400, CodeBadRequest, "min_score 3: want 0..1"},
		{"unknown source", "/v1/scan", map[string]any{"text": "Sergei Lavrov", "sources": []string{"nope"}}, "", 400, CodeBadRequest, `nope\" is not loaded`},
		{"empty body", "/v1/scan", "", "text/plain", 400, CodeBadRequest, "body: empty"},
		{"binary body", "/v1/scan", []byte("Lavrov\x00\x01\x02\x03 and more"), "application/octet-stream", 400, CodeBadRequest, "binary data"},
		{"image", "/v1/scan", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...), "image/png", 400, CodeBadRequest, "a PNG image"},
		{"corrupt docx", "/v1/scan", docx[:len(docx)/2], "application/octet-stream", 400, CodeBadRequest, "not a readable zip archive"},
		{"corrupt pdf", "/v1/scan", []byte("%PDF-1.4\nnot really\n"), "application/pdf", 400, CodeBadRequest, ""},
		{"unknown parameter", "/v1/scan?limit=3", "Sergei Lavrov", "text/plain", 400, CodeBadRequest, `unknown query parameter \"limit\"`},
		{"query string with json", "/v1/scan?min_score=0.5", map[string]any{"text": "x"}, "", 400, CodeBadRequest, "options go in the body"},
		{"too large", "/v1/scan", bytes.Repeat([]byte("Sergei Lavrov "), maxScanBody/14+10), "text/plain", 413, CodeTooLarge, ""},
		{"text over the scan limit", "/v1/scan", bytes.Repeat([]byte("Lavrov "), maxScanText/7+10), "text/plain", 413, CodeTooLarge, "(the limit)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "corrupt pdf" {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed")
				}
			}
			var headers []string
			if c.ctype != "" {
				headers = []string{"Content-Type", c.ctype}
			}
			r := e.c.post(c.path, screener, c.body, headers...)
			r.expect(t, c.status, c.code)
			if !strings.Contains(string(r.body), c.msg) {
				t.Errorf("body %s lacks %q", r.body, c.msg)
			}
		})
	}

	t.Run("no key", func(t *testing.T) {
		e.c.post("/v1/scan", "", map[string]any{"text": "Sergei Lavrov"}).expect(t, http.StatusUnauthorized, CodeUnauthorized)
	})

	t.Run("every decision audited", func(t *testing.T) {
		recs, err := e.db.ListAudit(context.Background(), interdict.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range recs {
			if r.Route == auditScan {
				n++
			}
		}
		if n != e.answered {
			t.Errorf("%d scan records in the audit trail for %d answered scans", n, e.answered)
		}
	})
}
