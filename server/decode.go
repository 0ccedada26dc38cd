package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/screen"
)

// Bounds on the attributes of one query, beyond screen's own limits on
// names. Real parties have a handful of each; the bounds keep one query's
// work small whatever a client sends.
const (
	maxAttrs        = 16  // birth dates, countries, identifiers
	maxSources      = 64  // more than there are sources
	maxAttrBytes    = 256 // one date, country, identifier or source
	maxSearchParams = 64  // values in one query string
)

// screenRequest is the body of POST /v1/screen and one query of a batch:
// one party, described by its names and whatever else is known.
type screenRequest struct {
	Names       []string         `json:"names"`
	Kind        string           `json:"kind"`
	BirthDates  []string         `json:"birth_dates"`
	Countries   []string         `json:"countries"`
	Identifiers []identifierWire `json:"identifiers"`
	Gender      string           `json:"gender"`
	Sources     []string         `json:"sources"`
	Limit       int              `json:"limit"`
	MinScore    float64          `json:"min_score"`
	// Explain, when false, leaves the explanations out (default true).
	Explain *bool `json:"explain"`
}

type identifierWire struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Country string `json:"country"`
}

// batchRequest is the body of POST /v1/screen/batch.
type batchRequest struct {
	Queries []screenRequest `json:"queries"`
}

// parsed is one decoded query, ready to screen.
type parsed struct {
	q       interdict.Query
	explain bool
}

// idTypes are the identifier types a query may name.
var idTypes = map[string]interdict.IDType{}

func init() {
	for _, t := range []interdict.IDType{interdict.IDPassport, interdict.IDNational, interdict.IDTax, interdict.IDRegistration,
		interdict.IDIMO, interdict.IDMMSI, interdict.IDCallSign, interdict.IDAircraftSerial, interdict.IDAircraftTail,
		interdict.IDSWIFT, interdict.IDEmail, interdict.IDWebsite, interdict.IDCrypto, interdict.IDPhone, interdict.IDOther} {
		idTypes[string(t)] = t
	}
}

// searchParams are the parameters GET /v1/search accepts; any other is
// refused, so that a misspelt filter ("minscore") is not silently ignored.
var searchParams = map[string]bool{"q": true, "kind": true, "dob": true, "country": true, "id": true,
	"source": true, "limit": true, "min_score": true, "explain": true}

// parseSearch reads the query string of GET /v1/search. Every name is a q;
// dob, country, id and source may repeat (source also takes a
// comma-separated list). The query it returns passes screen.Validate.
func parseSearch(v url.Values) (parsed, error) {
	p := parsed{explain: true}
	n := 0
	for k, vs := range v {
		if !searchParams[k] {
			return p, errorf(CodeBadRequest, "unknown parameter %q (accepted: q, kind, dob, country, id, source, limit, min_score, explain)", clip(k))
		}
		n += len(vs)
	}
	if n > maxSearchParams {
		return p, errorf(CodeBadRequest, "%d parameter values, at most %d", n, maxSearchParams)
	}
	q := &p.q
	q.Names = v["q"]
	if len(q.Names) == 0 {
		return p, errorf(CodeBadRequest, "q is required: the name to screen")
	}
	if k := v["kind"]; len(k) > 0 {
		if len(k) > 1 {
			return p, errorf(CodeBadRequest, "kind given %d times", len(k))
		}
		kind, err := parseKind(k[0], "kind")
		if err != nil {
			return p, err
		}
		q.Kind = kind
	}
	var err error
	if q.BirthDates, err = parseDates(v["dob"], "dob"); err != nil {
		return p, err
	}
	if q.Countries, err = parseCountries(v["country"], "country"); err != nil {
		return p, err
	}
	for _, s := range v["id"] {
		id, err := parseIdentifier(s)
		if err != nil {
			return p, err
		}
		q.Identifiers = append(q.Identifiers, id)
	}
	if len(q.Identifiers) > maxAttrs {
		return p, errorf(CodeBadRequest, "id given %d times, at most %d", len(q.Identifiers), maxAttrs)
	}
	var srcs []string
	for _, s := range v["source"] {
		for part := range strings.SplitSeq(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				srcs = append(srcs, part)
			}
		}
	}
	if q.Sources, err = checkSources(srcs, "source"); err != nil {
		return p, err
	}
	if q.Limit, err = parseInt(v["limit"], "limit", 1, screen.MaxLimit); err != nil {
		return p, err
	}
	if q.MinScore, err = parseScore(v["min_score"], "min_score"); err != nil {
		return p, err
	}
	if e := v["explain"]; len(e) > 0 {
		b, err := strconv.ParseBool(e[len(e)-1])
		if err != nil {
			return p, errorf(CodeBadRequest, "explain %q: want true or false", clip(e[len(e)-1]))
		}
		p.explain = b
	}
	return p, validate(&p.q)
}

// decodeScreen reads the body of POST /v1/screen.
func decodeScreen(r io.Reader) (parsed, error) {
	var req screenRequest
	if err := decodeJSON(r, &req); err != nil {
		return parsed{}, err
	}
	return req.query("")
}

// decodeBatch reads the body of POST /v1/screen/batch. A body that is not
// a batch at all, or holds more than max queries, is an error; a query
// that cannot be screened gets its own error in errs and the others go on.
func decodeBatch(r io.Reader, max int) (qs []parsed, errs []error, err error) {
	var req batchRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, nil, err
	}
	if len(req.Queries) == 0 {
		return nil, nil, errorf(CodeBadRequest, "queries is empty: want 1 to %d queries", max)
	}
	if len(req.Queries) > max {
		return nil, nil, errorf(CodeTooLarge, "%d queries in one batch, at most %d", len(req.Queries), max)
	}
	qs = make([]parsed, len(req.Queries))
	errs = make([]error, len(req.Queries))
	for i := range req.Queries {
		qs[i], errs[i] = req.Queries[i].query(fmt.Sprintf("queries[%d].", i))
	}
	return qs, errs, nil
}

// query checks the request and makes it a query; prefix names the
// request's place in a batch in messages.
func (req *screenRequest) query(prefix string) (parsed, error) {
	p := parsed{explain: req.Explain == nil || *req.Explain}
	q := &p.q
	q.Names = req.Names
	var err error
	if req.Kind != "" {
		if q.Kind, err = parseKind(req.Kind, prefix+"kind"); err != nil {
			return p, err
		}
	}
	switch strings.ToLower(strings.TrimSpace(req.Gender)) {
	case "":
	case "male", "m":
		q.Gender = interdict.GenderMale
	case "female", "f":
		q.Gender = interdict.GenderFemale
	default:
		return p, errorf(CodeBadRequest, "%sgender %q: want male or female", prefix, clip(req.Gender))
	}
	if q.BirthDates, err = parseDates(req.BirthDates, prefix+"birth_dates"); err != nil {
		return p, err
	}
	if q.Countries, err = parseCountries(req.Countries, prefix+"countries"); err != nil {
		return p, err
	}
	if len(req.Identifiers) > maxAttrs {
		return p, errorf(CodeBadRequest, "%sidentifiers: %d given, at most %d", prefix, len(req.Identifiers), maxAttrs)
	}
	for i, w := range req.Identifiers {
		id, err := w.identifier(fmt.Sprintf("%sidentifiers[%d]", prefix, i))
		if err != nil {
			return p, err
		}
		q.Identifiers = append(q.Identifiers, id)
	}
	if q.Sources, err = checkSources(req.Sources, prefix+"sources"); err != nil {
		return p, err
	}
	q.Limit = req.Limit
	if !(req.MinScore >= 0 && req.MinScore <= 1) {
		return p, errorf(CodeBadRequest, "%smin_score %g: want 0 to 1", prefix, req.MinScore)
	}
	q.MinScore = req.MinScore
	if err := validate(q); err != nil {
		if prefix != "" {
			return p, errorf(CodeBadRequest, "%s: %s", strings.TrimSuffix(prefix, "."), asError(err).Message)
		}
		return p, err
	}
	return p, nil
}

func (w identifierWire) identifier(field string) (interdict.Identifier, error) {
	var id interdict.Identifier
	if w.Type != "" {
		t, ok := idTypes[strings.ToLower(strings.TrimSpace(w.Type))]
		if !ok {
			return id, errorf(CodeBadRequest, "%s.type %q: not an identifier type (e.g. passport, imo, tax-id, registration, other)", field, clip(w.Type))
		}
		id.Type = t
	}
	id.Value = strings.TrimSpace(w.Value)
	if id.Value == "" || len(id.Value) > maxAttrBytes || !utf8.ValidString(id.Value) {
		return id, errorf(CodeBadRequest, "%s.value: want 1 to %d bytes of text", field, maxAttrBytes)
	}
	if w.Country != "" {
		c, ok := country.Code(w.Country)
		if !ok {
			return id, errorf(CodeBadRequest, "%s.country %q: not a country", field, clip(w.Country))
		}
		id.Country = c
	}
	return id, nil
}

// validate runs screen's checks and turns their error into a bad request
// with screen's message.
func validate(q *interdict.Query) error {
	if err := screen.Validate(q); err != nil {
		return &Error{Code: CodeBadRequest, Message: strings.TrimPrefix(err.Error(), screen.ErrBadQuery.Error()+": ")}
	}
	return nil
}

func parseKind(s, field string) (interdict.Kind, error) {
	k, ok := interdict.ParseKind(s)
	if !ok {
		return "", errorf(CodeBadRequest, "%s %q: want person, organization, vessel, aircraft or unknown", field, clip(s))
	}
	return k, nil
}

func parseDates(vs []string, field string) ([]interdict.Date, error) {
	if len(vs) > maxAttrs {
		return nil, errorf(CodeBadRequest, "%s: %d given, at most %d", field, len(vs), maxAttrs)
	}
	var out []interdict.Date
	for _, s := range vs {
		d, err := interdict.ParseISODate(s)
		if err != nil || d.IsZero() {
			return nil, errorf(CodeBadRequest, "%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", field, clip(s))
		}
		out = append(out, d)
	}
	return out, nil
}

func parseCountries(vs []string, field string) ([]string, error) {
	if len(vs) > maxAttrs {
		return nil, errorf(CodeBadRequest, "%s: %d given, at most %d", field, len(vs), maxAttrs)
	}
	var out []string
	for _, s := range vs {
		if len(s) > maxAttrBytes {
			return nil, errorf(CodeBadRequest, "%s: a value of %d bytes, at most %d", field, len(s), maxAttrBytes)
		}
		c, ok := country.Code(s)
		if !ok {
			return nil, errorf(CodeBadRequest, "%s %q: not a country (give an ISO 3166 code such as RU or IRN, or a name)", field, clip(s))
		}
		out = append(out, c)
	}
	return out, nil
}

// parseIdentifier reads "VALUE" or "TYPE:VALUE" where TYPE is an
// identifier type; a prefix that is not a type is part of the value.
func parseIdentifier(s string) (interdict.Identifier, error) {
	var id interdict.Identifier
	v := strings.TrimSpace(s)
	if t, rest, ok := strings.Cut(v, ":"); ok {
		if typ, known := idTypes[strings.ToLower(strings.TrimSpace(t))]; known {
			id.Type, v = typ, strings.TrimSpace(rest)
		}
	}
	if v == "" || len(v) > maxAttrBytes || !utf8.ValidString(v) {
		return id, errorf(CodeBadRequest, "id %q: want VALUE or TYPE:VALUE with 1 to %d bytes of text", clip(s), maxAttrBytes)
	}
	id.Value = v
	return id, nil
}

func checkSources(vs []string, field string) ([]string, error) {
	if len(vs) > maxSources {
		return nil, errorf(CodeBadRequest, "%s: %d given, at most %d", field, len(vs), maxSources)
	}
	for _, s := range vs {
		if s == "" || len(s) > maxAttrBytes || !utf8.ValidString(s) {
			return nil, errorf(CodeBadRequest, "%s: want source names such as ofac-sdn, un, uk", field)
		}
	}
	return vs, nil
}

func parseInt(vs []string, field string, lo, hi int) (int, error) {
	if len(vs) == 0 {
		return 0, nil
	}
	if len(vs) > 1 {
		return 0, errorf(CodeBadRequest, "%s given %d times", field, len(vs))
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < lo || n > hi {
		return 0, errorf(CodeBadRequest, "%s %q: want a whole number from %d to %d", field, clip(vs[0]), lo, hi)
	}
	return n, nil
}

func parseScore(vs []string, field string) (float64, error) {
	if len(vs) == 0 {
		return 0, nil
	}
	if len(vs) > 1 {
		return 0, errorf(CodeBadRequest, "%s given %d times", field, len(vs))
	}
	f, err := strconv.ParseFloat(vs[0], 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		return 0, errorf(CodeBadRequest, "%s %q: want a number from 0 to 1", field, clip(vs[0]))
	}
	return f, nil
}

// decodeJSON reads exactly one JSON object into v, refusing unknown
// fields and trailing data. Its errors describe the body in the client's
// terms; encoding/json's own texts name Go types and are not sent.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return errorf(CodeBadRequest, "body: unexpected data after the JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var (
		tooBig *http.MaxBytesError
		syn    *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.Is(err, io.EOF):
		return errorf(CodeBadRequest, "body: empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(CodeBadRequest, "body: the JSON ends too early")
	case errors.As(err, &syn):
		return errorf(CodeBadRequest, "body: invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return errorf(CodeBadRequest, "body: want a JSON object, got %s", clip(typ.Value))
		}
		return errorf(CodeBadRequest, "body: field %s: want %s, got %s", clip(typ.Field), jsonType(typ.Type), clip(typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errorf(CodeBadRequest, "body: unknown field %s", clip(strings.TrimPrefix(err.Error(), "json: unknown field ")))
	}
	return errorf(CodeBadRequest, "body: invalid JSON")
}

// jsonType names a Go type as the JSON a client should have sent.
func jsonType(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonType(t.Elem())
	}
	return "an object"
}

// clip shortens a client's value for an error message and makes it valid
// UTF-8.
func clip(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
