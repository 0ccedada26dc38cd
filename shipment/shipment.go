// Package shipment screens a shipment as a whole: its parties against the
// lists (through a dataset snapshot), its goods lines against the
// controlled-goods tables (package goods), and its route, payment and
// paperwork against the red-flag indicators of the FinCEN/BIS alerts. The
// answer is a Decision: clear, review or block, with every reason, its
// evidence and its source, and the versions of the lists and tables used.
//
// It sits above dataset and goods: the screening engine and the tables
// know nothing of shipments. Screen is what the CLI calls and what the
// HTTP endpoint POST /v1/shipments/screen is to call; Shipment and
// Decision are the JSON shapes of both.
package shipment

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/goods"
)

// Limits on one shipment. A real shipment has a handful of parties, a
// route of a few countries and at most some thousands of goods lines;
// anything larger is refused rather than screened in part.
const (
	MaxGoodsLines     = 10000
	MaxRoute          = 32
	MaxNameBytes      = 1024 // as screen.MaxNameBytes
	MaxTextBytes      = 2048 // addresses, descriptions, notes
	MaxBytes          = 8 << 20
	maxProblems       = 20 // validation problems reported at once
	maxIDBytes        = 256
	maxCurrencyLength = 3
)

// Shipment is one consignment: who sends it, to whom, for whom, by which
// route, with what goods and paid from where. Only goods and at least one
// named party are required.
type Shipment struct {
	// ID is the caller's own reference (invoice, booking or file number).
	ID          string `json:"id,omitempty"`
	Shipper     *Party `json:"shipper,omitempty"`
	Consignee   *Party `json:"consignee,omitempty"`
	NotifyParty *Party `json:"notify_party,omitempty"`
	EndUser     *Party `json:"end_user,omitempty"`
	Forwarder   *Party `json:"forwarder,omitempty"`
	// Route is the countries the goods pass through, origin first and
	// final destination last: ISO 3166-1 codes (alpha-2 or alpha-3) or
	// English names, read to alpha-2.
	Route []string    `json:"route,omitempty"`
	Goods []GoodsLine `json:"goods"`
	// PaymentOrigin is the country the payment comes from.
	PaymentOrigin string `json:"payment_origin,omitempty"`
	// OrderDate is when the goods were ordered, YYYY-MM-DD.
	OrderDate string `json:"order_date,omitempty"`
	// RouteChange, when present, says the route was changed.
	RouteChange *RouteChange `json:"route_change,omitempty"`

	validated bool
	orderDate time.Time
}

// Party is one party to a shipment.
type Party struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Address string `json:"address,omitempty"`
	// Registered is the date the company was incorporated or registered,
	// YYYY-MM-DD, where known.
	Registered string `json:"registered,omitempty"`
	// Kind is "person" or "organization" (or the other words
	// interdict.ParseKind reads); empty means not known.
	Kind string `json:"kind,omitempty"`

	registered time.Time
	kind       interdict.Kind
}

// GoodsLine is one line of the goods: an HS code, a description, or both.
type GoodsLine struct {
	// HSCode at any precision: "8542.31", "854231", "8542.31.00.00",
	// or the heading "8542".
	HSCode      string  `json:"hs_code,omitempty"`
	Description string  `json:"description,omitempty"`
	Quantity    float64 `json:"quantity,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Value       float64 `json:"value,omitempty"`
	// Currency is an ISO 4217 code: "USD", "EUR".
	Currency string `json:"currency,omitempty"`

	code goods.HSCode
	line int // CSV line, for messages
}

// RouteChange records a change of route.
type RouteChange struct {
	// Date of the change, YYYY-MM-DD.
	Date string `json:"date,omitempty"`
	// PreviousRoute is the route before the change.
	PreviousRoute []string `json:"previous_route,omitempty"`
	Note          string   `json:"note,omitempty"`

	date time.Time
}

// Roles of the parties, as their JSON fields name them.
const (
	RoleShipper     = "shipper"
	RoleConsignee   = "consignee"
	RoleNotifyParty = "notify_party"
	RoleEndUser     = "end_user"
	RoleForwarder   = "forwarder"
)

// Roles lists the roles in the order they are screened and reported.
var Roles = []string{RoleShipper, RoleConsignee, RoleNotifyParty, RoleEndUser, RoleForwarder}

// Party returns the party of a role, or nil.
func (s *Shipment) Party(role string) *Party {
	switch role {
	case RoleShipper:
		return s.Shipper
	case RoleConsignee:
		return s.Consignee
	case RoleNotifyParty:
		return s.NotifyParty
	case RoleEndUser:
		return s.EndUser
	case RoleForwarder:
		return s.Forwarder
	}
	return nil
}

func (s *Shipment) setParty(role string, p *Party) {
	switch role {
	case RoleShipper:
		s.Shipper = p
	case RoleConsignee:
		s.Consignee = p
	case RoleNotifyParty:
		s.NotifyParty = p
	case RoleEndUser:
		s.EndUser = p
	case RoleForwarder:
		s.Forwarder = p
	}
}

// Problem is one thing wrong with a shipment: the field, as a JSON path
// ("goods[2].hs_code", "consignee.country"), and what is wrong with it.
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// ErrInvalid is matched (errors.Is) by every *InvalidError.
var ErrInvalid = errors.New("invalid shipment")

// InvalidError lists what is wrong with a shipment, up to a bound. Its
// text names each field: `goods[2].hs_code: "ABCD" is not an HS code`.
type InvalidError struct {
	Problems []Problem `json:"problems"`
	// More counts the problems beyond those listed.
	More int `json:"more,omitempty"`
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "; and %d more", e.More)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

type problems struct{ e InvalidError }

func (ps *problems) add(field, format string, args ...any) {
	if len(ps.e.Problems) >= maxProblems {
		ps.e.More++
		return
	}
	ps.e.Problems = append(ps.e.Problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err() error {
	if len(ps.e.Problems) == 0 {
		return nil
	}
	e := ps.e
	return &e
}

// notCountries are codes country.Exact knows that are not countries of
// ISO 3166-1 today: the EU, the UN and dissolved states.
var notCountries = map[string]bool{"EU": true, "UN": true, "SU": true, "YU": true, "CS": true, "DD": true, "AN": true}

// Country reads an ISO 3166-1 code (alpha-2 or alpha-3, any case) or an
// English country name to the alpha-2 code. Kosovo's XK is accepted,
// as the lists use it.
func Country(s string) (string, bool) {
	c, ok := country.Exact(s)
	if !ok || notCountries[c] || len(c) != 2 {
		return "", false
	}
	return c, true
}

// dateLayout is the only date form read: ISO 8601 calendar dates.
const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, strings.TrimSpace(s))
	return t, err == nil
}

// Validate checks every field, reads countries to alpha-2 codes and HS
// codes to digits, and returns an *InvalidError naming each bad field.
// Screen calls it; a caller may call it first to refuse bad input early.
func (s *Shipment) Validate() error {
	var ps problems
	text := func(field, v string, max int) {
		if !utf8.ValidString(v) {
			ps.add(field, "not valid UTF-8")
		} else if len(v) > max {
			ps.add(field, "%d bytes, at most %d", len(v), max)
		}
	}
	text("id", s.ID, maxIDBytes)
	named := 0
	for _, role := range Roles {
		p := s.Party(role)
		if p == nil {
			continue
		}
		p.Name = strings.TrimSpace(p.Name)
		switch {
		case p.Name == "":
			ps.add(role+".name", "empty: a party needs a name")
		default:
			named++
			text(role+".name", p.Name, MaxNameBytes)
		}
		if p.Country = strings.TrimSpace(p.Country); p.Country != "" {
			if c, ok := Country(p.Country); ok {
				p.Country = c
			} else {
				ps.add(role+".country", "%q is not an ISO 3166 country (give a code such as AE or ARE, or a name)", clip(p.Country))
			}
		}
		text(role+".address", p.Address, MaxTextBytes)
		if p.Registered = strings.TrimSpace(p.Registered); p.Registered != "" {
			if t, ok := parseDate(p.Registered); ok {
				p.registered = t
			} else {
				ps.add(role+".registered", "%q is not a date (want YYYY-MM-DD)", clip(p.Registered))
			}
		}
		p.kind = interdict.KindUnknown
		if p.Kind != "" {
			if k, ok := interdict.ParseKind(p.Kind); ok {
				p.kind = k
			} else {
				ps.add(role+".kind", "%q: want person or organization", clip(p.Kind))
			}
		}
	}
	if named == 0 {
		ps.add("parties", "no party: give at least one of shipper, consignee, notify_party, end_user, forwarder, with a name")
	}
	s.Route = checkCountries(&ps, "route", s.Route)
	if s.PaymentOrigin = strings.TrimSpace(s.PaymentOrigin); s.PaymentOrigin != "" {
		if c, ok := Country(s.PaymentOrigin); ok {
			s.PaymentOrigin = c
		} else {
			ps.add("payment_origin", "%q is not an ISO 3166 country", clip(s.PaymentOrigin))
		}
	}
	if s.OrderDate = strings.TrimSpace(s.OrderDate); s.OrderDate != "" {
		if t, ok := parseDate(s.OrderDate); ok {
			s.orderDate = t
		} else {
			ps.add("order_date", "%q is not a date (want YYYY-MM-DD)", clip(s.OrderDate))
		}
	}
	if rc := s.RouteChange; rc != nil {
		if rc.Date = strings.TrimSpace(rc.Date); rc.Date != "" {
			if t, ok := parseDate(rc.Date); ok {
				rc.date = t
			} else {
				ps.add("route_change.date", "%q is not a date (want YYYY-MM-DD)", clip(rc.Date))
			}
		}
		rc.PreviousRoute = checkCountries(&ps, "route_change.previous_route", rc.PreviousRoute)
		text("route_change.note", rc.Note, MaxTextBytes)
	}
	switch {
	case len(s.Goods) == 0:
		ps.add("goods", "no goods line")
	case len(s.Goods) > MaxGoodsLines:
		ps.add("goods", "%d lines, at most %d", len(s.Goods), MaxGoodsLines)
	}
	for i := range s.Goods[:min(len(s.Goods), MaxGoodsLines)] {
		g := &s.Goods[i]
		f := fmt.Sprintf("goods[%d]", i)
		at := ""
		if g.line > 0 {
			at = fmt.Sprintf(" (line %d)", g.line)
		}
		g.HSCode = strings.TrimSpace(g.HSCode)
		g.Description = strings.TrimSpace(g.Description)
		if g.HSCode == "" && g.Description == "" {
			ps.add(f, "neither hs_code nor description given%s", at)
		}
		if g.HSCode != "" {
			c, err := goods.ParseHS(g.HSCode)
			if err != nil {
				ps.add(f+".hs_code", "%v%s", err, at)
			}
			g.code = c
		}
		text(f+".description", g.Description, MaxTextBytes)
		switch {
		case math.IsNaN(g.Quantity) || math.IsInf(g.Quantity, 0):
			ps.add(f+".quantity", "not a number%s", at)
		case g.Quantity < 0:
			ps.add(f+".quantity", "%s is negative%s", num(g.Quantity), at)
		}
		switch {
		case math.IsNaN(g.Value) || math.IsInf(g.Value, 0):
			ps.add(f+".value", "not a number%s", at)
		case g.Value < 0:
			ps.add(f+".value", "%s is negative%s", num(g.Value), at)
		}
		text(f+".unit", g.Unit, 64)
		if g.Currency = strings.ToUpper(strings.TrimSpace(g.Currency)); g.Currency != "" && !isCurrency(g.Currency) {
			ps.add(f+".currency", "%q is not an ISO 4217 currency code (want three letters, e.g. USD)%s", clip(g.Currency), at)
		}
	}
	if err := ps.err(); err != nil {
		return err
	}
	s.validated = true
	return nil
}

func checkCountries(ps *problems, field string, cs []string) []string {
	if len(cs) > MaxRoute {
		ps.add(field, "%d countries, at most %d", len(cs), MaxRoute)
		return cs
	}
	out := make([]string, 0, len(cs))
	for i, v := range cs {
		v = strings.TrimSpace(v)
		if c, ok := Country(v); ok {
			out = append(out, c)
			continue
		}
		if v == "" {
			ps.add(fmt.Sprintf("%s[%d]", field, i), "empty")
		} else {
			ps.add(fmt.Sprintf("%s[%d]", field, i), "%q is not an ISO 3166 country", clip(v))
		}
		out = append(out, v)
	}
	return out
}

func isCurrency(s string) bool {
	if len(s) != maxCurrencyLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func num(v float64) string { return fmt.Sprint(v) }

// clip shortens a value quoted in a message.
func clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
