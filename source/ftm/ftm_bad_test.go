package ftm

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

const goodLine = `{"id": "p1", "schema": "Person", "caption": "Ivan Petrov", "properties": {"name": ["Ivan Petrov"]}, "target": true}`

// utf16 encodes ASCII s as UTF-16LE with a byte order mark, as a
// Windows tool might save a file.
func utf16(s string) string {
	b := []byte{0xFF, 0xFE}
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return string(b)
}

// TestParseBadFiles checks that a file that is not FtM at all is an error
// naming the file and line, and that damage after the first line only
// rejects the damaged lines.
func TestParseBadFiles(t *testing.T) {
	tests := []struct {
		name, in string
		err      string // error wanted, "" for none
		rejects  []int  // reject lines wanted when there is no error
	}{
		{"empty", "", "ftm: in.json: no FtM objects (empty file)", nil},
		{"blank lines", "\n  \n\r\n", "ftm: in.json: no FtM objects (empty file)", nil},
		{"csv", "id,schema,name\n1,Person,X\n", "ftm: in.json line 1: not FollowTheMoney JSON lines: invalid JSON at byte 1", nil},
		{"json array", "[" + goodLine + "]\n", "ftm: in.json line 1: not FollowTheMoney JSON lines: not an FtM object", nil},
		{"other json", `{"DATA_SOURCE": "X", "RECORD_ID": "1"}` + "\n" + goodLine, "ftm: in.json line 1: not FollowTheMoney JSON lines: not an FtM object: no id and no schema", nil},
		{"null", "null\n", "ftm: in.json line 1: not FollowTheMoney JSON lines: not an FtM object: no id and no schema", nil},
		{"utf-16", utf16(goodLine + "\n"), "ftm: in.json line 1: not FollowTheMoney JSON lines: not valid UTF-8", nil},
		{"first line truncated", goodLine[:40], "ftm: in.json line 1: not FollowTheMoney JSON lines: truncated JSON object", nil},
		{"property not a list", `{"id": "p1", "schema": "Person", "properties": {"name": "Ivan"}}`, "ftm: in.json line 1: not FollowTheMoney JSON lines: not an FtM object: json: cannot unmarshal string", nil},
		{"truncated last line", goodLine + "\n" + goodLine[:50], "", []int{2}},
		{"latin-1 line", goodLine + "\n" + `{"id": "p2", "schema": "Person", "properties": {"name": ["Jos` + "\xe9" + `"]}}` + "\n", "", []int{2}},
		{"crlf and bom", "\xEF\xBB\xBF" + goodLine + "\r\n\r\n" + strings.Replace(goodLine, "p1", "p2", 1) + "\r\n", "", nil},
		{"two objects on a line", goodLine + "\n" + strings.Replace(goodLine, "p1", "p2", 1) + goodLine, "", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(tt.in), "in.json")
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := rejectLines(l); len(got) != len(tt.rejects) || (len(got) > 0 && got[0] != tt.rejects[0]) {
				t.Errorf("rejects = %v, want lines %v", l.Rejects, tt.rejects)
			}
		})
	}
}

// TestParseReadError checks that an I/O error is an error naming the file
// and the line being read, not a partial load.
func TestParseReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader(goodLine+"\n"), iotest.ErrReader(errors.New("disk gone")))
	_, err := Parse(r, "in.json")
	if err == nil || err.Error() != "ftm: in.json line 2: disk gone" {
		t.Errorf("err = %v", err)
	}
}

// TestParseLongLine checks that a line over maxLine is rejected without
// being held whole, and the next line still loads.
func TestParseLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 32 MiB line")
	}
	var b bytes.Buffer
	b.WriteString(goodLine + "\n")
	b.WriteString(`{"id": "big", "schema": "Person", "properties": {"notes": ["`)
	b.Write(bytes.Repeat([]byte("x"), maxLine))
	b.WriteString(`"]}}` + "\n")
	b.WriteString(strings.Replace(goodLine, "p1", "p2", 1) + "\n")
	l, err := Parse(&b, "in.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 2 || len(l.Rejects) != 1 || l.Rejects[0].Line != 2 || l.Records != 3 {
		t.Errorf("entities %d rejects %v records %d", len(l.Entities), l.Rejects, l.Records)
	}
}

// TestDetect checks Detect on FtM heads and on the heads of other formats
// found beside FtM files.
func TestDetect(t *testing.T) {
	long := `{"id": "x", "schema": "Company", "properties": {"name": ["` + strings.Repeat("a", 70000) + `"]}}`
	tests := []struct {
		name, head string
		want       bool
	}{
		{"ftm", goodLine + "\n" + goodLine + "\n", true},
		{"ftm one line, no newline", goodLine, true},
		{"ftm with bom and blank line", "\xEF\xBB\xBF\n" + goodLine + "\n", true},
		{"ftm first line cut by the head", long[:65536], true},
		{"renamed ftm", goodLine + "\n", true},
		{"senzing json", `{"DATA_SOURCE": "OPEN_SANCTIONS", "RECORD_ID": "x", "RECORD_TYPE": "PERSON"}` + "\n", false},
		{"json without properties", `{"id": "x", "schema": "Person"}` + "\n", false},
		{"properties not an object", `{"id": "x", "schema": "Person", "properties": []}` + "\n", false},
		{"json object file", `{"0": {"cik_str": 1, "ticker": "A", "title": "B"}}`, false},
		{"simple csv", `"id","schema","name"` + "\n", false},
		{"xml", `<?xml version="1.0"?><sdnList/>`, false},
		{"empty", "", false},
		{"broken json line", `{"id": "x", "schema": "Person", "properties": {}` + "\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect("entities.ftm.json", []byte(tt.head)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}
