package ca

import "testing"

func TestRecordID(t *testing.T) {
	tests := []struct {
		country, schedule, item, want string
	}{
		{"Russia / Russie", "1, Part 1", "123", "ca:russia-1-part-1-123"},
		{"Belarus / Bélarus", "1,Part 1.1", "5", "ca:belarus-1-part-1.1-5"},
		{"Venezuela ", "", "12", "ca:venezuela-12"},
		{"Myanmar (Burma) / Myanmar (Birmanie)", "Part 2", "7", "ca:myanmar-burma-part-2-7"},
		{"Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / Règlement (RJVDEC)", "", "3", "ca:jvcfor-3"},
		{"Haïti", "Part 1", "1", "ca:haiti-part-1-1"},
		{"Sudan / Soudan", "Part 1", "--", "ca:sudan-part-1-x"},
		{"/", "", "1", "ca:-1"},
	}
	for _, tt := range tests {
		if got := recordID(tt.country, tt.schedule, tt.item); got != tt.want {
			t.Errorf("recordID(%q, %q, %q) = %q, want %q", tt.country, tt.schedule, tt.item, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Ayyub\u00a0", "Ayyub"},
		{"a  b", "a b"},
		{" a", "a"},
		{"Minsk\nElectrotechnical", "Minsk Electrotechnical"},
		{"plain words", "plain words"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
