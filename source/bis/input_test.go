package bis

import (
	"strings"
	"testing"
)

func TestFixC1(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"plain ASCII", "plain ASCII", 0},
		{"GUI\u0092AN", "GUI’AN", 1},
		// U+0081 has no Windows-1252 character; é (C3 A9) and Â (C3 82) are no C1.
		{"a\u0081b é Â \u0080\u0096", "a\u0081b é Â €–", 2},
		{"\u0092", "’", 1},
		{"end\xc2", "end\xc2", 0},
	}
	for _, tt := range tests {
		got, n := fixC1([]byte(tt.in))
		if string(got) != tt.want || n != tt.n {
			t.Errorf("fixC1(%q) = %q, %d, want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		in, want, note, err string
	}{
		{"\xEF\xBB\xBFName", "Name", "", ""},
		{"caf\xe9 \x92", "café ’", "file is not valid UTF-8; read as Windows-1252", ""},
		{"\xFE\xFF\x00N", "", "", "bis: f: UTF-16 or binary data, want UTF-8 or Windows-1252 text"},
		{"N\x00", "", "", "bis: f: UTF-16 or binary data, want UTF-8 or Windows-1252 text"},
	}
	for _, tt := range tests {
		data, notes, err := readText(strings.NewReader(tt.in), "f")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("readText(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || string(data) != tt.want || (tt.note != "" && (len(notes) != 1 || notes[0] != tt.note)) {
			t.Errorf("readText(%q) = %q %q %v", tt.in, data, notes, err)
		}
	}
}
