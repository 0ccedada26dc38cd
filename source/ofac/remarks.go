package ofac

import (
	"strings"

	"github.com/interdict/interdict"
)

// applyRemarks parses OFAC remarks into e. Remarks are "; "-separated
// segments, each "[alt. ]LABEL VALUE", ending with a period; segments with
// no known label (positions, relations, free text) stay in Remarks only.
// The XML writes links as "(Linked To: X)", so a fully parenthesised
// segment is read without its parentheses.
func (b *builder) applyRemarks(e *interdict.Entity, remarks string) {
	remarks = strings.TrimSpace(remarks)
	remarks = strings.TrimSuffix(remarks, ".")
	for remarks != "" {
		seg := remarks
		if i := strings.IndexByte(remarks, ';'); i >= 0 {
			seg, remarks = remarks[:i], remarks[i+1:]
		} else {
			remarks = ""
		}
		seg = strings.TrimSpace(seg)
		if len(seg) > 2 && seg[0] == '(' && seg[len(seg)-1] == ')' {
			seg = strings.TrimSpace(seg[1 : len(seg)-1])
		}
		b.applySegment(e, seg, "", "")
	}
}

// applySegment applies one "LABEL VALUE" statement to e and reports
// whether it was understood as anything but free text or fInfo. idCountry
// and note come from the XML's separate idCountry, issueDate and
// expirationDate elements; the CSV carries them inside the value.
func (b *builder) applySegment(e *interdict.Entity, seg, idCountry, note string) bool {
	seg = stripAlt(seg)
	if seg == "" {
		return false
	}
	l, v := matchLabel(seg)
	if l == nil || v == "" {
		return false
	}
	switch l.kind {
	case fDOB, fEstablished:
		return b.addDate(e, v)
	case fPOB:
		e.BirthPlaces = appendOnce(e.BirthPlaces, v)
	case fNationality:
		e.AddNationality(b.countries.code(v))
	case fCitizen:
		e.AddCitizenship(b.countries.code(v))
	case fCountry:
		if strings.EqualFold(v, "None Identified") {
			return true
		}
		e.AddCountry(b.countries.code(v))
	case fGender:
		switch {
		case strings.EqualFold(v, "male"):
			e.Gender = interdict.GenderMale
		case strings.EqualFold(v, "female"):
			e.Gender = interdict.GenderFemale
		default:
			return false
		}
	case fTitle:
		for t := range strings.SplitSeq(v, ", Alternate Title, ") {
			e.Titles = appendOnce(e.Titles, strings.TrimSpace(t))
		}
	case fWeakAKA:
		return b.addWeakAKA(e, v)
	case fLinkedTo:
		addLink(e, interdict.Link{Type: interdict.LinkLinkedTo, OtherName: v, Note: "Linked To: " + v})
	case fBuilt:
		vessel(e).Built = v
	case fVesselType:
		if vs := vessel(e); vs.Type == "" {
			vs.Type = v
		}
	case fCrypto:
		cur, addr, _ := strings.Cut(v, " ")
		addr = strings.TrimSpace(addr)
		if cur == "" || addr == "" || strings.ContainsAny(addr, " ") {
			return false
		}
		e.AddIdentifier(interdict.Identifier{Type: interdict.IDCrypto, Value: addr, Label: l.text + " " + cur, Note: note})
	case fID:
		return b.addID(e, l, v, idCountry, note)
	default:
		return false
	}
	return true
}

// stripAlt drops OFAC's "alt. " marker of a second value of a label.
func stripAlt(s string) string {
	if len(s) > 5 && equalFoldASCII(s[:4], "alt.") && s[4] == ' ' {
		return strings.TrimSpace(s[5:])
	}
	return s
}

func (b *builder) addDate(e *interdict.Entity, v string) bool {
	d, ok := parseDate(v)
	if !ok {
		b.badDates[v]++
		return false
	}
	e.AddBirthDate(d)
	return true
}

// addWeakAKA adds a remark alias: the value is the name in single quotes,
// which may itself hold apostrophes ("'ABU 'ABD AL-'AZIZ'"), so the name
// runs from the first quote to the last. An opening quote with no closing
// one means OFAC cut the remark short; the fragment is not a name.
func (b *builder) addWeakAKA(e *interdict.Entity, v string) bool {
	if v[0] == '\'' {
		if len(v) < 2 || v[len(v)-1] != '\'' {
			b.cutAKAs++
			return false
		}
		v = v[1 : len(v)-1]
	}
	e.AddName(nameOf(v, interdict.NameWeakAKA, e.Kind == interdict.KindPerson))
	return true
}

// addID adds an identifier whose value may carry a trailing "(Country)"
// and "issued …"/"expires …" details, as OFAC writes them.
func (b *builder) addID(e *interdict.Entity, l *label, v, idCountry, note string) bool {
	// the XML gives the country apart; a parenthesis in its idNumber is
	// part of the number
	val, ctry, extra := splitIDValue(v, idCountry == "")
	if idCountry != "" {
		ctry = idCountry
	}
	note = joinNonEmpty(" ", note, extra)
	typ := l.id
	if typ == interdict.IDRegistration && l.text == "Vessel Registration Identification" && len(val) > 3 && equalFoldASCII(val[:3], "IMO") {
		// the XML writes the IMO number as idType "Vessel Registration
		// Identification", idNumber "IMO 9187629" (sometimes "IMO9187629")
		typ, val = interdict.IDIMO, strings.TrimSpace(val[3:])
	}
	if typ == interdict.IDNational && e.Kind != interdict.KindPerson {
		// a company's "National ID No." is its registration number
		typ = interdict.IDRegistration
	}
	if !plausibleID(l, typ, val) {
		return false
	}
	code := ""
	switch {
	case ctry == "":
	case placeInParens[l.text]:
		code, _ = b.countries.lookup(ctry)
	default:
		code = b.countries.code(ctry)
	}
	if ctry != "" && code == "" {
		note = joinNonEmpty(" ", "("+ctry+")", note)
	}
	e.AddIdentifier(interdict.Identifier{Type: typ, Value: val, Label: l.text, Country: code, Note: note})
	return true
}

// plausibleID rejects values that show the label was the first word of
// free text ("Passport and National ID were issued in Ulm").
func plausibleID(l *label, t interdict.IDType, v string) bool {
	if v == "" {
		return false
	}
	if lettersOnly[l.text] {
		return true
	}
	switch t {
	case interdict.IDEmail:
		return strings.IndexByte(v, '@') > 0 && !strings.ContainsAny(v, " ")
	case interdict.IDWebsite:
		return strings.IndexByte(v, '.') > 0 && !strings.ContainsAny(v, " ")
	case interdict.IDSWIFT, interdict.IDCallSign:
		return true
	}
	return strings.ContainsAny(v, "0123456789")
}

// idMarkers start the issue and expiry details after an identifier.
var idMarkers = []string{" issued", " expires", " expired", " Issue Date", " Expire Date"}

// splitIDValue splits "A123 (Russia) issued 01 Jan 2000 expires 01 Jan
// 2010" into the number, the country string (when withCountry) and the
// details. Only a trailing parenthesis that reads like a country name
// (letters, not an acronym or a number) is taken as the country:
// "(Stuttgart)" in "HRA 738077 (Stuttgart) (Germany)" stays in the number.
func splitIDValue(v string, withCountry bool) (val, ctry, note string) {
	cut := len(v)
	for _, m := range idMarkers {
		if i := strings.Index(v, m); i >= 0 && i < cut {
			cut = i
		}
	}
	val, note = v[:cut], strings.TrimSpace(v[cut:])
	val = strings.TrimRight(strings.TrimSpace(val), ",")
	if n := len(val); withCountry && n > 0 && val[n-1] == ')' {
		if i := strings.LastIndexByte(val, '('); i > 0 && countryLike(val[i+1:n-1]) {
			ctry = val[i+1 : n-1]
			val = strings.TrimRight(strings.TrimSpace(val[:i]), ",")
		}
	}
	return val, ctry, note
}

func countryLike(s string) bool {
	if len(s) < 4 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	hasLower := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' || c == '(' || c == ')' {
			return false
		}
		if 'a' <= c && c <= 'z' {
			hasLower = true
		}
	}
	return hasLower
}
