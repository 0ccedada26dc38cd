package ftm

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
)

// Detect reports whether a file is FtM JSON lines, from its first bytes:
// the first non-empty line must be a JSON object with an id, a schema and
// properties. The name is not used, so renamed files are still found.
// When the head ends inside the first line (an entity longer than the
// head), the keys are looked for in what there is.
func Detect(name string, head []byte) bool {
	head = trimBOM(head)
	var line []byte
	complete := false
	for len(head) > 0 {
		i := bytes.IndexByte(head, '\n')
		if i < 0 {
			line = bytes.TrimSpace(head)
			break
		}
		line = bytes.TrimSpace(head[:i])
		head = head[i+1:]
		if len(line) > 0 {
			complete = true
			break
		}
	}
	if len(line) == 0 || line[0] != '{' {
		return false
	}
	if complete || json.Valid(line) {
		var probe struct {
			ID         string          `json:"id"`
			Schema     string          `json:"schema"`
			Properties json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(line, &probe); err != nil {
			return false
		}
		return probe.ID != "" && probe.Schema != "" && bytes.HasPrefix(probe.Properties, []byte("{"))
	}
	return bytes.Contains(line, []byte(`"id"`)) && bytes.Contains(line, []byte(`"schema"`)) &&
		bytes.Contains(line, []byte(`"properties"`))
}

// simpleRequired are the columns a targets.simple.csv header must have.
// phones, emails, program_ids and last_change are read when present:
// older exports lack program_ids.
var simpleRequired = []string{
	"id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
	"identifiers", "sanctions", "dataset", "first_seen", "last_seen",
}

// DetectSimple reports whether a file is an OpenSanctions
// targets.simple.csv, from its header row.
func DetectSimple(name string, head []byte) bool {
	head = trimBOM(head)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	r := csv.NewReader(bytes.NewReader(head))
	header, err := r.Read()
	if err != nil {
		return false
	}
	return len(missingColumns(header)) == 0
}

// missingColumns lists the required columns a header lacks.
func missingColumns(header []string) []string {
	have := make(map[string]bool, len(header))
	for _, h := range header {
		have[h] = true
	}
	var missing []string
	for _, c := range simpleRequired {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	return missing
}
