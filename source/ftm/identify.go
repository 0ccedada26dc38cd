package ftm

import (
	"strings"

	interdict "github.com/interdict/interdict"
)

// identify infers an identifier's type from its shape and the kind of its
// holder, since targets.simple.csv gives bare values. The returned label
// names the guess ("OGRN", "MMSI") and is kept as the Identifier's Label.
// Russian numbers dominate OpenSanctions data, hence the digit counts:
// OGRN 13, OGRNIP 15, a company's INN 10 and a person's 12, SNILS 11; 10
// digits on a person is a Ukrainian RNOKPP or an INN.
func identify(kind interdict.Kind, v string) (interdict.IDType, string) {
	u := strings.ToUpper(v)
	org := kind == interdict.KindOrganization
	person := kind == interdict.KindPerson
	n := len(v)
	switch {
	case isIMO(u) && kind == interdict.KindVessel:
		return interdict.IDIMO, "IMO number"
	case isIMO(u):
		return interdict.IDIMO, "IMO company number"
	case kind == interdict.KindVessel && allDigits(v) && n == 9:
		return interdict.IDMMSI, "MMSI"
	case kind == interdict.KindVessel && isCallSign(u):
		return interdict.IDCallSign, "Call sign"
	case allDigits(v) && n == 13:
		return interdict.IDRegistration, "OGRN"
	case allDigits(v) && n == 15:
		return interdict.IDRegistration, "OGRNIP"
	case org && allDigits(v) && n == 10:
		return interdict.IDTax, "INN"
	case person && allDigits(v) && n == 12:
		return interdict.IDTax, "INN"
	case person && allDigits(v) && n == 10:
		return interdict.IDTax, "Tax number"
	case person && allDigits(v) && n == 11:
		return interdict.IDNational, "SNILS"
	case org && isLEI(u):
		return interdict.IDRegistration, "LEI"
	case org && isBIC(u):
		return interdict.IDSWIFT, "SWIFT/BIC"
	}
	return interdict.IDOther, "Identifier"
}

// isIMO matches "IMO" and seven digits, with an optional space.
func isIMO(u string) bool {
	rest, ok := strings.CutPrefix(u, "IMO")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, " ")
	return len(rest) == 7 && allDigits(rest)
}

// isCallSign matches a ship's radio call sign: 3 to 7 letters and digits
// with at least one letter.
func isCallSign(u string) bool {
	if len(u) < 3 || len(u) > 7 {
		return false
	}
	letter := false
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letter
}

// isLEI matches a Legal Entity Identifier: 18 letters or digits and two
// check digits.
func isLEI(u string) bool {
	return len(u) == 20 && allAlnum(u[:18]) && allDigits(u[18:])
}

// isBIC matches a SWIFT/BIC code: four letters (bank), two letters
// (country), two letters or digits (location), optionally three more
// (branch).
func isBIC(u string) bool {
	if len(u) != 8 && len(u) != 11 {
		return false
	}
	for i := 0; i < 6; i++ {
		if u[i] < 'A' || u[i] > 'Z' {
			return false
		}
	}
	return allAlnum(u[6:])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return s != ""
}
