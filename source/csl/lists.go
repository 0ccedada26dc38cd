package csl

import (
	"strings"
	"unicode"
)

// list is one of the lists the CSL merges, read from a row's source
// cell: "Entity List (EL) - Bureau of Industry and Security" gives code
// "EL" and name "Entity List"; "Military End User (MEU) List - Bureau of
// Industry and Security" gives "MEU" and "Military End User List".
type list struct {
	Code, Name string
}

// knownCodes gives the code of a list whose source cell carries none.
var knownCodes = map[string]string{
	"entity list":                             "EL",
	"denied persons list":                     "DPL",
	"unverified list":                         "UVL",
	"military end user list":                  "MEU",
	"specially designated nationals":          "SDN",
	"sectoral sanctions identifications list": "SSI",
	"foreign sanctions evaders":               "FSE",
	"palestinian legislative council list":    "PLC",
	"capta list":                              "CAP",
	"non-sdn menu-based sanctions list":       "NS-MBS",
	"itar debarred":                           "DTC",
	"nonproliferation sanctions":              "ISN",
}

func parseList(source string) list {
	s := strings.Join(strings.Fields(source), " ")
	if i := strings.LastIndex(s, " - "); i > 0 {
		s = s[:i] // the agency
	}
	var l list
	if open := strings.IndexByte(s, '('); open >= 0 {
		if end := strings.IndexByte(s[open:], ')'); end > 0 {
			l.Code = strings.TrimSpace(s[open+1 : open+end])
			s = strings.Join(strings.Fields(s[:open]+" "+s[open+end+1:]), " ")
		}
	}
	l.Name = strings.TrimSpace(s)
	if l.Code == "" {
		l.Code = knownCodes[strings.ToLower(l.Name)]
	}
	if l.Code == "" {
		l.Code = initials(l.Name)
	}
	return l
}

// initials makes a code from the capitalised words of a name, the way the
// CSL's own codes are made ("Denied Persons List" → "DPL").
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "CSL"
	}
	return b.String()
}
