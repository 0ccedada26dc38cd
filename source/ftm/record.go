package ftm

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// record is one FtM object as it appears on a line.
type record struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Caption    string              `json:"caption"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"`
	FirstSeen  string              `json:"first_seen"`
	LastSeen   string              `json:"last_seen"`
	Target     bool                `json:"target"`
}

// decodeRecord reads one line as an FtM object. The error says what is
// wrong in a few words, for a Reject or, on a file's first line, the
// error that the file is not FtM.
func decodeRecord(line []byte) (*record, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("not valid UTF-8 (FtM is UTF-8)")
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se) && se.Offset >= int64(len(line)):
			return nil, fmt.Errorf("truncated JSON object: %v", err)
		case errors.As(err, &se):
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		return nil, fmt.Errorf("not an FtM object: %v", err)
	}
	rec.ID = strings.TrimSpace(rec.ID)
	rec.Schema = strings.TrimSpace(rec.Schema)
	switch {
	case rec.ID == "" && rec.Schema == "":
		return nil, errors.New("not an FtM object: no id and no schema")
	case rec.ID == "":
		return nil, fmt.Errorf("%s object without an id", rec.Schema)
	case rec.Schema == "":
		return nil, fmt.Errorf("object %s without a schema", rec.ID)
	}
	return &rec, nil
}

// first returns a property's first non-empty value, trimmed.
func (r *record) first(prop string) string {
	for _, v := range r.Properties[prop] {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// values returns a property's non-empty values, trimmed.
func (r *record) values(prop string) []string {
	vs := r.Properties[prop]
	out := vs[:0:0]
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
