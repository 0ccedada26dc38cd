package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/document"
	"github.com/interdict/interdict/scan"
)

// auditScan names document scans in the audit trail.
const auditScan = "POST /v1/scan"

// Limits of POST /v1/scan. A body is a document of up to maxScanBody
// bytes (a JSON text, or the document's own bytes); the text scanned is
// at most maxScanText: at a few milliseconds of CPU a kilobyte, 4 MiB
// takes up to half a minute, which the route's time limit allows.
const (
	maxScanBody = 16 << 20
	maxScanText = 4 << 20
	// auditScanNames caps the mention texts recorded in the audit query.
	auditScanNames = 32
)

// scanRequest is the JSON body of POST /v1/scan.
type scanRequest struct {
	Text      string   `json:"text"`
	MinScore  *float64 `json:"min_score"`
	Sources   []string `json:"sources"`
	Explain   bool     `json:"explain"`
	NoRepeats bool     `json:"no_repeats"`
}

// scanDocumentInfo says what was scanned.
type scanDocumentInfo struct {
	Format document.Format `json:"format"`
	Notes  []string        `json:"notes,omitempty"`
	// Bytes is the size of the document sent; the result's offsets count
	// in the text extracted from it (for "text", the text itself).
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// scanResponse is the answer to POST /v1/scan.
type scanResponse struct {
	Snapshot string           `json:"snapshot"`
	Decision string           `json:"decision"`
	AuditID  int64            `json:"audit_id"`
	Document scanDocumentInfo `json:"document"`
	Result   *scan.Result     `json:"result"`
}

// scanDocument answers POST /v1/scan: a JSON body {"text": …} or a
// document's own bytes (text, HTML, PDF, DOCX: the format is told by
// content; options then in the query string). The listed parties the
// text names are found with package scan, and the decision (alert when
// any mention alerts) is recorded in the audit trail before it is sent:
// the query recorded names the document by its SHA-256 and lists the
// mentions, and every matched entity is kept.
func (s *Server) scanDocument(w http.ResponseWriter, r *http.Request, c *call) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err // a *http.MaxBytesError becomes 413 in asError
	}
	req, data, err := decodeScan(r, body)
	if err != nil {
		return err
	}
	info := scanDocumentInfo{Format: document.Text, Bytes: len(data)}
	sum := sha256.Sum256(data)
	info.SHA256 = hex.EncodeToString(sum[:])
	text := req.Text
	if data != nil {
		doc, err := document.Extract(r.Context(), data, "document", document.Limits{MaxInput: maxScanBody, MaxText: maxScanText})
		if err != nil {
			return scanInputError(err)
		}
		text, info.Format, info.Notes = doc.Text, doc.Format, doc.Notes
	} else {
		sum = sha256.Sum256([]byte(text))
		info.SHA256, info.Bytes = hex.EncodeToString(sum[:]), len(text)
		if strings.TrimSpace(text) == "" {
			return errorf(CodeBadRequest, "text: empty; want the text to scan")
		}
	}
	if len(text) > maxScanText {
		return errorf(CodeTooLarge, "the text is %d bytes, at most %d; split it", len(text), maxScanText)
	}
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	if err := checkLoaded(snap, req.Sources); err != nil {
		return err
	}
	opt := scan.Options{Sources: req.Sources, Explain: req.Explain, NoRepeats: req.NoRepeats}
	if req.MinScore != nil {
		opt.MinScore = *req.MinScore
	}
	res, err := scan.New(snap.Screener).Scan(r.Context(), text, opt)
	if err != nil {
		if errors.Is(err, scan.ErrBadOptions) || errors.Is(err, scan.ErrTooLarge) {
			return &Error{Code: CodeBadRequest, Message: err.Error()}
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return &Error{Code: CodeTimeout, Message: "the scan took too long and was stopped; nothing was decided (split the document)", Err: err}
		}
		return err
	}
	rec := scanAudit(c.key, snap.Version, info, opt, res)
	rec.At = s.now().UTC()
	if err := c.b.aud.Record(r.Context(), rec); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return &Error{Code: CodeTimeout, Message: "the request ran out of time before its decision was recorded; nothing was decided", Err: err}
		}
		return errInternal(fmt.Errorf("audit: %w", err))
	}
	writeJSON(w, http.StatusOK, scanResponse{Snapshot: snap.Version, Decision: rec.Decision, AuditID: rec.ID, Document: info, Result: res})
	return nil
}

// decodeScan reads the request: a JSON body gives the text and the
// options; any other body is the document itself (returned as data),
// with the options in the query string.
func decodeScan(r *http.Request, body []byte) (scanRequest, []byte, error) {
	var req scanRequest
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/json" {
		if err := decodeJSON(bytes.NewReader(body), &req); err != nil {
			return req, nil, err
		}
		if len(r.URL.Query()) > 0 {
			return req, nil, errorf(CodeBadRequest, "with a JSON body the options go in the body, not the query string")
		}
		return req, nil, checkScanOptions(&req)
	}
	if len(body) == 0 {
		return req, nil, errorf(CodeBadRequest, "body: empty; send {\"text\": …} as application/json, or a document (text, HTML, PDF, DOCX)")
	}
	q := r.URL.Query()
	for k := range q {
		switch k {
		case "min_score", "source", "explain", "no_repeats":
		default:
			return req, nil, errorf(CodeBadRequest, "unknown query parameter %q (want min_score, source, explain, no_repeats)", clip(k))
		}
	}
	if v := q.Get("min_score"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return req, nil, errorf(CodeBadRequest, "min_score %q: not a number", clip(v))
		}
		req.MinScore = &f
	}
	req.Sources = q["source"]
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"explain", &req.Explain}, {"no_repeats", &req.NoRepeats}} {
		if v := q.Get(b.name); v != "" {
			x, err := strconv.ParseBool(v)
			if err != nil {
				return req, nil, errorf(CodeBadRequest, "%s %q: want true or false", b.name, clip(v))
			}
			*b.dst = x
		}
	}
	return req, body, checkScanOptions(&req)
}

func checkScanOptions(req *scanRequest) error {
	if req.MinScore != nil && !(*req.MinScore >= 0 && *req.MinScore <= 1) {
		return errorf(CodeBadRequest, "min_score %g: want 0..1", *req.MinScore)
	}
	if len(req.Sources) > 32 {
		return errorf(CodeBadRequest, "%d sources, at most 32", len(req.Sources))
	}
	return nil
}

// scanInputError tells the client why its document cannot be read.
func scanInputError(err error) error {
	switch {
	case errors.Is(err, document.ErrTooLarge):
		return &Error{Code: CodeTooLarge, Message: err.Error()}
	case errors.Is(err, document.ErrNoPDFTool):
		return &Error{Code: CodeBadRequest, Message: "this server cannot read PDF (pdftotext is not installed); send the text instead", Err: err}
	case errors.Is(err, document.ErrEmpty), errors.Is(err, document.ErrUnsupported), errors.Is(err, document.ErrCorrupt):
		return &Error{Code: CodeBadRequest, Message: err.Error()}
	}
	return err
}

// scanAudit is the audit record of a scan: the document (its hash,
// format and size) and the mentions as the query, every entity matched
// with its best score as the matches.
func scanAudit(key interdict.APIKey, snapshot string, info scanDocumentInfo, opt scan.Options, res *scan.Result) *interdict.AuditRecord {
	rec := &interdict.AuditRecord{
		KeyID:    key.ID,
		User:     key.Name,
		Route:    auditScan,
		Snapshot: snapshot,
		Decision: decisionClear,
		Matches:  []interdict.AuditMatch{},
	}
	rec.Query.Names = []string{fmt.Sprintf("document sha256:%s (%s, %d bytes, %d mentions)", info.SHA256, info.Format, info.Bytes, len(res.Mentions))}
	rec.Query.Sources, rec.Query.MinScore = opt.Sources, opt.MinScore
	seenName := map[string]bool{}
	best := map[string]int{} // entity id → index in rec.Matches
	for _, m := range res.Mentions {
		if m.Alert {
			rec.Decision = decisionAlert
		}
		if !seenName[m.Text] && len(rec.Query.Names) <= auditScanNames {
			seenName[m.Text] = true
			rec.Query.Names = append(rec.Query.Names, m.Text)
		}
		for _, mt := range append([]interdict.Match{m.Match}, m.Also...) {
			if i, ok := best[mt.ID]; ok {
				if mt.Score > rec.Matches[i].Score {
					rec.Matches[i] = interdict.AuditMatch{ID: mt.ID, Score: mt.Score, Alert: mt.Alert}
				}
				continue
			}
			best[mt.ID] = len(rec.Matches)
			rec.Matches = append(rec.Matches, interdict.AuditMatch{ID: mt.ID, Score: mt.Score, Alert: mt.Alert})
		}
	}
	return rec
}
