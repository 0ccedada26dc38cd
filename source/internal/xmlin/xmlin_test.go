package xmlin

import (
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestNewDecoder(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="%s"?><r><n>%s</n></r>`
	tests := []struct {
		name string
		in   []byte
		want string // text of <n>, or the start of the error
	}{
		{"UTF-8", []byte(`<r><n>JOSÉ</n></r>`), "JOSÉ"},
		{"UTF-8 BOM", []byte("\xEF\xBB\xBF<r><n>JOSÉ</n></r>"), "JOSÉ"},
		{"UTF-16LE BOM", utf16LE(strings.Replace(strings.Replace(doc, "%s", "UTF-16", 1), "%s", "JOSÉ", 1)), "JOSÉ"},
		{"Latin-1 declared", []byte(strings.Replace(strings.Replace(doc, "%s", "ISO-8859-1", 1), "%s", "JOS\xc9", 1)), "JOSÉ"},
		{"Windows-1252 declared", []byte(strings.Replace(strings.Replace(doc, "%s", "windows-1252", 1), "%s", "\x93Q\x94", 1)), "“Q”"},
		{"UTF-16 without BOM", []byte(strings.Replace(strings.Replace(doc, "%s", "UTF-16", 1), "%s", "x", 1)), "error: xml: opening charset \"UTF-16\": declares encoding"},
		{"unknown", []byte(strings.Replace(strings.Replace(doc, "%s", "x-klingon", 1), "%s", "x", 1)), "error: xml: opening charset \"x-klingon\": unsupported encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				N string `xml:"n"`
			}
			got := ""
			if err := NewDecoder(strings.NewReader(string(tt.in))).Decode(&v); err != nil {
				got = "error: " + err.Error()
			} else {
				got = v.N
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRootElement(t *testing.T) {
	tests := []struct {
		head string
		want xml.Name
		ok   bool
	}{
		{`<?xml version="1.0"?><!-- c --><CONSOLIDATED_LIST dateGenerated="2026-01-01">`, xml.Name{Local: "CONSOLIDATED_LIST"}, true},
		{"\xEF\xBB\xBF<export xmlns=\"urn:x\"><a>", xml.Name{Space: "urn:x", Local: "export"}, true},
		{string(utf16LE(`<x/>`)), xml.Name{Local: "x"}, true},
		{"name,schema\n", xml.Name{}, false},
		{"", xml.Name{}, false},
	}
	for _, tt := range tests {
		se, ok := RootElement([]byte(tt.head))
		if ok != tt.ok || se.Name != tt.want {
			t.Errorf("RootElement(%.30q) = %v %v, want %v %v", tt.head, se.Name, ok, tt.want, tt.ok)
		}
	}
}
