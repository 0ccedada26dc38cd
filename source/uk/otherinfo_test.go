package uk

import (
	"reflect"
	"testing"
)

func TestParseOtherInfo(t *testing.T) {
	tests := []struct {
		in   string
		want []tagged
	}{
		{"", nil},
		{"no tags (2008) here", nil},
		{
			"(UK Sanctions List Ref):RUS1807. Financial sanctions imposed. (UK Statement of Reasons):Reasons (b) here. (Gender):Male",
			[]tagged{{tagRef, "RUS1807. Financial sanctions imposed."}, {tagReasons, "Reasons (b) here."}, {tagGender, "Male"}},
		},
		{
			"(UK Sanctions List Ref):SDi.005. (UN Ref):SDi.005. Text (Phone number):(1) +93-202 (2) 0202 (Email address):a@b.c",
			[]tagged{{tagRef, "SDi.005."}, {tagUNRef, "SDi.005. Text"}, {tagPhone, "(1) +93-202 (2) 0202"}, {tagEmail, "a@b.c"}},
		},
		{"(gender):female", []tagged{{tagGender, "female"}}},
		{"(Gender):", []tagged{{tagGender, ""}}},
		{"(Gender)", nil},
	}
	for _, tt := range tests {
		if got := parseOtherInfo(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseOtherInfo(%q) =\n %q\nwant\n %q", tt.in, got, tt.want)
		}
	}
}

func TestFirstToken(t *testing.T) {
	tests := map[string]string{
		"RUS1807. Financial": "RUS1807",
		"SDi.005.":           "SDi.005",
		" GHR0086":           "GHR0086",
		"":                   "",
		"TAe.010.\nINTERPOL": "TAe.010",
	}
	for in, want := range tests {
		if got := firstToken(in); got != want {
			t.Errorf("firstToken(%q) = %q, want %q", in, got, want)
		}
	}
}
