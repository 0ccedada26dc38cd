package shipment

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReadJSON reads one shipment from JSON (the Shipment fields) and
// validates it. Unknown fields are refused, so that a misspelt field is
// not silently ignored; every error names the field as a JSON path.
func ReadJSON(r io.Reader) (*Shipment, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return DecodeJSON(b)
}

// DecodeJSON is ReadJSON on bytes.
func DecodeJSON(b []byte) (*Shipment, error) {
	if len(b) > MaxBytes {
		return nil, invalid("", "larger than %d bytes", MaxBytes)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return nil, invalid("", "not valid UTF-8")
	}
	if !json.Valid(b) {
		var x any
		err := json.Unmarshal(b, &x)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, invalid("", "bad JSON at byte %d: %v", se.Offset, se)
		}
		return nil, invalid("", "bad JSON: %v", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil || top == nil {
		return nil, invalid("", "want a JSON object")
	}
	var ps problems
	s := &Shipment{}
	for _, k := range sortedKeys(top) {
		raw := top[k]
		switch k {
		case "id":
			decodeInto(&ps, k, raw, &s.ID)
		case RoleShipper, RoleConsignee, RoleNotifyParty, RoleEndUser, RoleForwarder:
			if isNull(raw) {
				continue
			}
			var p Party
			if decodeInto(&ps, k, raw, &p) {
				s.setParty(k, &p)
			}
		case "route":
			decodeInto(&ps, k, raw, &s.Route)
		case "payment_origin":
			decodeInto(&ps, k, raw, &s.PaymentOrigin)
		case "order_date":
			decodeInto(&ps, k, raw, &s.OrderDate)
		case "route_change":
			if isNull(raw) {
				continue
			}
			var rc RouteChange
			if decodeInto(&ps, k, raw, &rc) {
				s.RouteChange = &rc
			}
		case "goods":
			var lines []json.RawMessage
			if !decodeInto(&ps, k, raw, &lines) {
				continue
			}
			if len(lines) > MaxGoodsLines {
				ps.add("goods", "%d lines, at most %d", len(lines), MaxGoodsLines)
				continue
			}
			s.Goods = make([]GoodsLine, len(lines))
			for i, l := range lines {
				decodeInto(&ps, fmt.Sprintf("goods[%d]", i), l, &s.Goods[i])
			}
		default:
			ps.add(k, "unknown field (want id, shipper, consignee, notify_party, end_user, forwarder, route, goods, payment_origin, order_date, route_change)")
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

func invalid(field, format string, args ...any) error {
	var ps problems
	ps.add(field, format, args...)
	return ps.err()
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func sortedKeys(m map[string]json.RawMessage) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// decodeInto decodes one field strictly and records a problem naming it.
func decodeInto(ps *problems, field string, raw json.RawMessage, dst any) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		return true
	}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		f := field
		if te.Field != "" {
			f += "." + te.Field
		}
		if want := jsonType(te.Type.String()); want == "a number" && strings.HasPrefix(te.Value, "number") {
			ps.add(f, "%s is out of range", te.Value)
		} else {
			ps.add(f, "want %s, got %s", want, te.Value)
		}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		ps.add(field, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	default:
		ps.add(field, "%v", err)
	}
	return false
}

// jsonType names a Go type as the JSON a user writes.
func jsonType(t string) string {
	switch {
	case t == "string":
		return "a string"
	case t == "float64" || t == "int":
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "shipment.") || strings.HasPrefix(t, "map"):
		return "an object"
	}
	return t
}

// ---- CSV -----------------------------------------------------------

// The CSV layout: header rows, one field a row ("field,value"; a list
// field takes its values in further cells or separated by ";" in one),
// then the goods table, which starts at the row whose first cell is
// "hs_code" or "description" and names the goods columns (hs_code,
// description, quantity, unit, value, currency, in any order). Field
// names are the JSON ones with a dot for parties: shipper.name,
// consignee.country, end_user.registered, route_change.date,
// route_change.previous_route. A first row "field,value" is skipped;
// lines starting with # are comments.
//
//	field,value
//	id,INV-2024-117
//	shipper.name,Acme Elektronik GmbH
//	shipper.country,DE
//	consignee.name,Gulf Star Trading FZE
//	consignee.country,AE
//	route,DE,AE
//	payment_origin,HK
//	order_date,2024-03-02
//	hs_code,description,quantity,unit,value,currency
//	8542.31,32-bit microcontrollers,5000,pcs,12500,USD
//	8526.91,GNSS receiver modules,200,pcs,9000,USD
var goodsColumns = []string{"hs_code", "description", "quantity", "unit", "value", "currency"}

var partyFields = []string{"name", "country", "address", "registered", "kind"}

// ReadCSV reads one shipment in the CSV layout above and validates it.
// Errors name the line and the field.
func ReadCSV(r io.Reader) (*Shipment, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return DecodeCSV(b)
}

// DecodeCSV is ReadCSV on bytes.
func DecodeCSV(b []byte) (*Shipment, error) {
	if len(b) > MaxBytes {
		return nil, invalid("", "larger than %d bytes", MaxBytes)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return nil, invalid("", "not valid UTF-8")
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	var ps problems
	s := &Shipment{}
	var cols []string // goods columns, once the goods table has started
	seen := map[string]int{}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps.add("", "line %d: %v", pe.Line, pe.Err)
			} else {
				ps.add("", "%v", err)
			}
			break
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if allEmpty(rec) {
			continue
		}
		key := fieldName(rec[0])
		if first {
			first = false
			if key == "field" {
				continue
			}
		}
		if cols == nil && (key == "hs_code" || key == "description") {
			for i, c := range rec {
				c = fieldName(c)
				if c == "" && i == len(rec)-1 {
					continue
				}
				if !slices.Contains(goodsColumns, c) {
					ps.add("", "line %d: unknown goods column %q (want %s)", line, rec[i], strings.Join(goodsColumns, ", "))
				}
				if slices.Contains(cols, c) {
					ps.add("", "line %d: goods column %q given twice", line, c)
				}
				cols = append(cols, c)
			}
			continue
		}
		if cols != nil {
			if len(s.Goods) >= MaxGoodsLines {
				ps.add("goods", "more than %d lines", MaxGoodsLines)
				break
			}
			g := GoodsLine{line: line}
			f := fmt.Sprintf("goods[%d]", len(s.Goods))
			for i, v := range rec {
				if i >= len(cols) {
					if v != "" {
						ps.add(f, "line %d: %d cells, the goods header has %d columns", line, len(rec), len(cols))
					}
					break
				}
				switch cols[i] {
				case "hs_code":
					g.HSCode = v
				case "description":
					g.Description = v
				case "unit":
					g.Unit = v
				case "currency":
					g.Currency = v
				case "quantity", "value":
					if v == "" {
						continue
					}
					x, ok := parseNumber(v)
					if !ok {
						ps.add(f+"."+cols[i], "%q is not a number (line %d)", clip(v), line)
					}
					if cols[i] == "quantity" {
						g.Quantity = x
					} else {
						g.Value = x
					}
				}
			}
			s.Goods = append(s.Goods, g)
			continue
		}
		// A header field.
		vals := values(rec[1:])
		if prev, ok := seen[key]; ok {
			ps.add(key, "line %d: given again (first on line %d)", line, prev)
			continue
		}
		seen[key] = line
		one := func() string {
			if len(vals) > 1 {
				ps.add(key, "line %d: one value, not %d", line, len(vals))
			}
			if len(vals) == 0 {
				return ""
			}
			return vals[0]
		}
		role, sub, dotted := strings.Cut(key, ".")
		switch {
		case key == "id":
			s.ID = one()
		case key == "route":
			s.Route = listValues(vals)
		case key == "payment_origin":
			s.PaymentOrigin = one()
		case key == "order_date":
			s.OrderDate = one()
		case dotted && role == "route_change":
			if s.RouteChange == nil {
				s.RouteChange = &RouteChange{}
			}
			switch sub {
			case "date":
				s.RouteChange.Date = one()
			case "previous_route":
				s.RouteChange.PreviousRoute = listValues(vals)
			case "note":
				s.RouteChange.Note = one()
			default:
				ps.add(key, "line %d: unknown field (want route_change.date, route_change.previous_route or route_change.note)", line)
			}
		case dotted && slices.Contains(Roles, role):
			p := s.Party(role)
			if p == nil {
				p = &Party{}
				s.setParty(role, p)
			}
			switch sub {
			case "name":
				p.Name = one()
			case "country":
				p.Country = one()
			case "address":
				p.Address = one()
			case "registered":
				p.Registered = one()
			case "kind":
				p.Kind = one()
			default:
				ps.add(key, "line %d: unknown field (want %s.%s)", line, role, strings.Join(partyFields, ", "+role+"."))
			}
		default:
			ps.add(key, "line %d: unknown field %q (want id, route, payment_origin, order_date, ROLE.name/country/address/registered/kind for ROLE in %s, route_change.date/previous_route/note, then the goods header row)",
				line, rec[0], strings.Join(Roles, ", "))
		}
	}
	if cols == nil && len(ps.e.Problems) == 0 {
		ps.add("goods", "no goods table (a row starting hs_code,description,… then one row per line)")
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

func allEmpty(rec []string) bool {
	for _, c := range rec {
		if c != "" {
			return false
		}
	}
	return true
}

// fieldName folds a CSV field or column name: "Shipper Name" and
// "shipper.name" are the same field, as are "HS code" and "hs_code".
func fieldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(s), "_")
	s = strings.ReplaceAll(s, "-", "_")
	for _, role := range Roles {
		if strings.HasPrefix(s, role+"_") && slices.Contains(partyFields, s[len(role)+1:]) {
			return role + "." + s[len(role)+1:]
		}
	}
	if after, ok := strings.CutPrefix(s, "route_change_"); ok {
		return "route_change." + after
	}
	switch s {
	case "hs", "hs_code", "hscode", "hts", "hts_code", "commodity_code", "tariff_code":
		return "hs_code"
	case "notify", "notify_party":
		return "notify_party"
	}
	return s
}

// values are the non-empty cells after the field name.
func values(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// listValues splits "DE;TR;AM" cells as well as one country a cell.
func listValues(cells []string) []string {
	var out []string
	for _, c := range cells {
		for _, v := range strings.Split(c, ";") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

var thousands = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)

// parseNumber reads a CSV number: "12", "12.5", "-3", "1,250" or
// "1,250.75" (comma thousands).
func parseNumber(s string) (float64, bool) {
	if thousands.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}
