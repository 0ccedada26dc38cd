package server

import (
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The OpenAPI document is checked three ways: it parses and every $ref in
// it resolves; its operations are exactly the route table's, with the same
// roles; and the answers of the tests validate against its schemas (see
// apiDoc.checkResponse, called for every request the tests make through
// their client).

// apiDoc is the parsed OpenAPI document with a small JSON Schema checker:
// type (also a list of types), required, properties,
// additionalProperties, items, enum, allOf, minimum/maximum,
// minItems/maxItems, minLength/maxLength and the date-time format. That
// is all the document uses.
type apiDoc struct {
	root map[string]any
}

var loadDoc = sync.OnceValues(func() (*apiDoc, error) {
	var root map[string]any
	if err := json.Unmarshal(openapiJSON, &root); err != nil {
		return nil, err
	}
	return &apiDoc{root: root}, nil
})

func doc(t testing.TB) *apiDoc {
	t.Helper()
	d, err := loadDoc()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return d
}

// resolve follows a local $ref ("#/components/schemas/Match").
func (d *apiDoc) resolve(ref string) (any, error) {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("ref %q is not local", ref)
	}
	var cur any = d.root
	for _, part := range strings.Split(p, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("ref %q: %q is not in an object", ref, part)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("ref %q: no %q", ref, part)
		}
	}
	return cur, nil
}

// deref resolves v while it is a {"$ref": …} object.
func (d *apiDoc) deref(v any) (map[string]any, error) {
	for range 10 {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("not an object: %v", v)
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		var err error
		if v, err = d.resolve(ref); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("ref loop")
}

// validate checks value v against schema s and returns every violation,
// each prefixed with its JSON path.
func (d *apiDoc) validate(s any, v any, path string) []string {
	sch, err := d.deref(s)
	if err != nil {
		return []string{path + ": schema: " + err.Error()}
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if all, ok := sch["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, d.validate(sub, v, path)...)
		}
	}
	if t, ok := sch["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(typ string) bool { return isType(v, typ) }) {
			fail("want %s, got %s", strings.Join(types, " or "), jsonKind(v))
			return errs
		}
	}
	if enum, ok := sch["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
		fail("%v is not one of %v", v, enum)
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := sch["properties"].(map[string]any)
		if req, ok := sch["required"].([]any); ok {
			for _, r := range req {
				if _, ok := v[r.(string)]; !ok {
					fail("required property %q is missing", r)
				}
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k]; ok {
				errs = append(errs, d.validate(ps, v[k], path+"."+k)...)
				continue
			}
			switch ap := sch["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("property %q is not in the schema", k)
				}
			case map[string]any:
				errs = append(errs, d.validate(ap, v[k], path+"."+k)...)
			}
		}
	case []any:
		if n, ok := sch["minItems"].(float64); ok && float64(len(v)) < n {
			fail("%d items, at least %v", len(v), n)
		}
		if n, ok := sch["maxItems"].(float64); ok && float64(len(v)) > n {
			fail("%d items, at most %v", len(v), n)
		}
		if items, ok := sch["items"]; ok {
			for i, x := range v {
				errs = append(errs, d.validate(items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case float64:
		if n, ok := sch["minimum"].(float64); ok && v < n {
			fail("%v is below the minimum %v", v, n)
		}
		if n, ok := sch["maximum"].(float64); ok && v > n {
			fail("%v is above the maximum %v", v, n)
		}
	case string:
		if n, ok := sch["minLength"].(float64); ok && float64(len([]rune(v))) < n {
			fail("shorter than %v", n)
		}
		if n, ok := sch["maxLength"].(float64); ok && float64(len([]rune(v))) > n {
			fail("longer than %v", n)
		}
		if sch["format"] == "date-time" {
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				fail("%q is not a date-time", v)
			}
		}
	}
	return errs
}

func isType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// operation finds the documented operation for a method and a request
// path, matching path templates segment by segment. It returns the path
// template too.
func (d *apiDoc) operation(method, path string) (map[string]any, string) {
	paths := d.root["paths"].(map[string]any)
	segs := strings.Split(path, "/")
	for tmpl, item := range paths {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		match := true
		for i := range ts {
			if !(strings.HasPrefix(ts[i], "{") && segs[i] != "") && ts[i] != segs[i] {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if op, ok := item.(map[string]any)[strings.ToLower(method)].(map[string]any); ok {
			return op, tmpl
		}
	}
	return nil, ""
}

// checkResponse validates one answer against the document: a documented
// operation must document the status and the media type, and the body must
// validate against the schema. A request outside the documented
// operations (an unknown route, a wrong method) must still answer in the
// error envelope. Streamed x-ndjson bodies are checked line by line.
func (d *apiDoc) checkResponse(method, path string, status int, contentType string, body []byte) []string {
	mt, _, _ := mime.ParseMediaType(contentType)
	if method == http.MethodHead {
		return nil
	}
	op, tmpl := d.operation(method, path)
	if op == nil {
		if status < 400 {
			return []string{fmt.Sprintf("%s %s: %d answered for an undocumented operation", method, path, status)}
		}
		if strings.HasPrefix(path, "/v1/") || path == "/healthz" || path == "/readyz" || path == "/metrics" {
			return d.checkBody(method+" "+path, map[string]any{"$ref": "#/components/schemas/Error"}, mt, "application/json", body)
		}
		return nil // the web UI
	}
	where := fmt.Sprintf("%s %s (%s) %d", method, path, tmpl, status)
	resp, ok := op["responses"].(map[string]any)[strconv.Itoa(status)]
	if !ok {
		return []string{where + ": status not documented"}
	}
	r, err := d.deref(resp)
	if err != nil {
		return []string{where + ": " + err.Error()}
	}
	content, _ := r["content"].(map[string]any)
	media, ok := content[mt].(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: media type %q not documented", where, mt)}
	}
	return d.checkBody(where, media["schema"], mt, mt, body)
}

func (d *apiDoc) checkBody(where string, schema any, got, want string, body []byte) []string {
	if got != want {
		return []string{fmt.Sprintf("%s: content type %q, want %q", where, got, want)}
	}
	var docs [][]byte
	switch got {
	case "application/x-ndjson":
		for line := range strings.SplitSeq(strings.TrimSuffix(string(body), "\n"), "\n") {
			docs = append(docs, []byte(line))
		}
	case "application/json":
		docs = [][]byte{body}
	default:
		return nil // text: nothing to check beyond the media type
	}
	var errs []string
	for _, b := range docs {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			errs = append(errs, fmt.Sprintf("%s: body is not JSON: %v", where, err))
			continue
		}
		for _, e := range d.validate(schema, v, "$") {
			errs = append(errs, where+": "+e)
		}
	}
	return errs
}

// TestOpenAPIRoutes checks that the document and the route table describe
// the same operations with the same roles, and that every route needing
// a key documents the refusals.
func TestOpenAPIRoutes(t *testing.T) {
	d := doc(t)
	if v := d.root["openapi"]; v != "3.1.0" {
		t.Errorf("openapi %v, want 3.1.0", v)
	}
	documented := map[string]bool{}
	for p, item := range d.root["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range routeTable {
		name := rt.method + " " + rt.path
		routed[name] = true
		op, tmpl := d.operation(rt.method, strings.ReplaceAll(rt.path, "{id}", "x"))
		if op == nil || tmpl != rt.path {
			t.Errorf("route %s is not documented", name)
			continue
		}
		if role, _ := op["x-interdict-role"].(string); role != string(rt.role) {
			t.Errorf("%s: documented role %q, routed %q", name, role, rt.role)
		}
		sec, hasSec := op["security"].([]any)
		if public := hasSec && len(sec) == 0; public != (rt.role == "") {
			t.Errorf("%s: documented public %v, routed role %q", name, public, rt.role)
		}
		resp := op["responses"].(map[string]any)
		want := []string{"200"}
		if rt.role != "" {
			want = append(want, "401", "403", "429", "500", "503")
		}
		if rt.body != nil {
			want = append(want, "413")
		}
		for _, code := range want {
			if _, ok := resp[code]; !ok {
				t.Errorf("%s: response %s not documented", name, code)
			}
		}
	}
	for name := range documented {
		if !routed[name] {
			t.Errorf("documented operation %s is not routed", name)
		}
	}
	// Every reference resolves.
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, err := d.resolve(ref); err != nil {
					t.Errorf("%s: %v", at, err)
				}
			}
			for k, x := range v {
				walk(x, at+"/"+k)
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(d.root, "#")
	// The error codes documented are the codes there are.
	enum := d.root["components"].(map[string]any)["schemas"].(map[string]any)["ErrorDetail"].(map[string]any)["properties"].(map[string]any)["code"].(map[string]any)["enum"].([]any)
	var docCodes, codes []string
	for _, c := range enum {
		docCodes = append(docCodes, c.(string))
	}
	for c := range statusOf {
		codes = append(codes, string(c))
	}
	slices.Sort(docCodes)
	slices.Sort(codes)
	if !slices.Equal(docCodes, codes) {
		t.Errorf("documented error codes %v, defined %v", docCodes, codes)
	}
}

// TestSchemaChecker makes sure the checker itself catches what it should.
func TestSchemaChecker(t *testing.T) {
	d := doc(t)
	match := map[string]any{"$ref": "#/components/schemas/ScreenResult"}
	for _, tc := range []struct {
		body string
		bad  bool
	}{
		{`{"snapshot":"s","decision":"clear","audit_id":1,"matches":[]}`, false},
		{`{"snapshot":"s","decision":"clear","audit_id":1}`, true},                                       // required
		{`{"snapshot":"s","decision":"maybe","audit_id":1,"matches":[]}`, true},                          // enum
		{`{"snapshot":"s","decision":"clear","audit_id":1.5,"matches":[]}`, true},                        // integer
		{`{"snapshot":"s","decision":"clear","audit_id":1,"matches":[{"id":"x"}]}`, true},                // nested required
		{`{"snapshot":"s","decision":"clear","audit_id":1,"matches":"none"}`, true},                      // type
		{`{"snapshot":1,"decision":"clear","audit_id":1,"matches":[]}`, true},                            // type
		{`{"snapshot":"s","decision":"clear","audit_id":1,"matches":[],"extra":{"any":"thing"}}`, false}, // open object
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.body), &v); err != nil {
			t.Fatal(err)
		}
		errs := d.validate(match, v, "$")
		if (len(errs) > 0) != tc.bad {
			t.Errorf("%s: errors %v, want bad=%v", tc.body, errs, tc.bad)
		}
	}
	var v any
	json.Unmarshal([]byte(`{"names":["x"],"limit":"ten"}`), &v)
	if errs := d.validate(map[string]any{"$ref": "#/components/schemas/ScreenRequest"}, v, "$"); len(errs) == 0 {
		t.Error("a string limit passed")
	}
	json.Unmarshal([]byte(`{"names":["x"],"surprise":1}`), &v)
	if errs := d.validate(map[string]any{"$ref": "#/components/schemas/ScreenRequest"}, v, "$"); len(errs) == 0 {
		t.Error("an unknown request field passed additionalProperties: false")
	}
}
