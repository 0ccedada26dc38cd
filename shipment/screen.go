package shipment

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/goods"
)

// Decision is the answer for one shipment: the level, every reason with
// its evidence and source, what each party, goods line and route country
// gave, and the versions of the lists and tables used, so that the
// decision can be filed and replayed.
type Decision struct {
	ShipmentID string   `json:"shipment_id,omitempty"`
	Level      Level    `json:"level"`
	Reasons    []Reason `json:"reasons"`
	// Parties are the shipment's parties in the order of Roles, with
	// their screening matches.
	Parties []PartyResult `json:"parties"`
	Goods   []GoodsResult `json:"goods"`
	Route   []RouteStop   `json:"route"`
	// Entries are the table entries cited by the goods lines, once each,
	// with their descriptions and sources.
	Entries []*goods.Entry `json:"entries"`
	// Snapshot is the version of the lists the parties were screened
	// against ("" when none were loaded); GoodsTables the version of the
	// controlled-goods tables.
	Snapshot    string `json:"snapshot"`
	GoodsTables string `json:"goods_tables"`
	// MatchFloor is the lowest party-match score reported.
	MatchFloor float64   `json:"match_floor"`
	ScreenedAt time.Time `json:"screened_at"`
	// Shipment is the shipment as screened (countries read to ISO codes).
	Shipment *Shipment `json:"shipment"`
}

// Reason is one fired rule: what, where, the evidence and the source.
type Reason struct {
	Rule  string `json:"rule"`
	Level Level  `json:"level"`
	// Field is the part of the shipment the reason is about, as a JSON
	// path: "consignee", "goods[2]", "route[1]", "payment_origin".
	Field    string `json:"field,omitempty"`
	Evidence string `json:"evidence"`
	Source   string `json:"source"`
}

// PartyResult is one party and what screening it gave.
type PartyResult struct {
	Role  string `json:"role"`
	Party Party  `json:"party"`
	// Matches are the listed entities the name may be, best first: every
	// match at or above the report floor, alerting or not.
	Matches []interdict.Match `json:"matches"`
	Alert   bool              `json:"alert"`
	// Addresses are listed parties whose address this party's address is.
	Addresses []AddressMatch `json:"addresses,omitempty"`
}

// GoodsResult is one goods line and the controls it falls under.
type GoodsResult struct {
	Index       int    `json:"index"`
	HSCode      string `json:"hs_code,omitempty"` // the declared code's digits
	Description string `json:"description,omitempty"`
	// Controlled is true when a control counts for the rules: by the
	// declared code or its heading, or by a certain reading of the
	// description.
	Controlled   bool      `json:"controlled"`
	HighPriority bool      `json:"high_priority"`
	Controls     []Control `json:"controls"`
	// Readings are the subheadings the description reads as, listed or
	// not.
	Readings []ReadingResult `json:"readings,omitempty"`
}

// Control is one table entry a goods line falls under.
type Control struct {
	List  goods.List  `json:"list"`
	Code  string      `json:"code"`
	Tier  string      `json:"tier,omitempty"`
	Basis goods.Basis `json:"basis"`
	Label string      `json:"label"`
	// By is "code", "heading" or "description" (see goods.Hit).
	By      string   `json:"by"`
	Certain bool     `json:"certain"`
	Score   float64  `json:"score"`
	Words   []string `json:"words,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// ReadingResult is one reading of a description (see goods.Reading).
type ReadingResult struct {
	Codes   []string `json:"codes"`
	Concept string   `json:"concept"`
	Score   float64  `json:"score"`
	Certain bool     `json:"certain"`
	Listed  bool     `json:"listed"`
	Words   []string `json:"words"`
	Note    string   `json:"note,omitempty"`
}

// RouteStop is one country of the route.
type RouteStop struct {
	Country string `json:"country"`
	Name    string `json:"name"`
	// Role is "origin", "transit" or "destination".
	Role          string `json:"role"`
	Transshipment bool   `json:"transshipment,omitempty"`
	Embargoed     bool   `json:"embargoed,omitempty"`
}

// Screener screens shipments. The zero value is ready: the embedded
// tables, the wall clock and the default report bounds.
type Screener struct {
	// Tables are the controlled-goods tables (nil: goods.Default()).
	Tables *goods.Tables
	// Now stamps decisions and dates "recent" registrations when a
	// shipment gives no order date (nil: time.Now).
	Now func() time.Time
	// MatchFloor is the lowest party-match score reported (0:
	// DefaultMatchFloor); MatchLimit the most matches per party (0:
	// DefaultMatchLimit). Only alerting matches make reasons.
	MatchFloor float64
	MatchLimit int
}

// Report bounds for party matches: near misses from 0.6 are shown so that
// an analyst sees what almost matched; three per party keep the report
// readable.
const (
	DefaultMatchFloor = 0.6
	DefaultMatchLimit = 3
)

// recentSince is the date FIN-2023-Alert004 names: customers incorporated
// after Russia's full invasion of Ukraine on 24 Feb 2022.
var recentSince = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

// recentWithin is how close to the order a registration counts as recent.
const recentWithin = 365 * 24 * time.Hour

// Screen screens a shipment against a snapshot of the lists (nil: the
// parties are not screened, and the decision says so) with the default
// Screener.
func Screen(ctx context.Context, snap *dataset.Snapshot, s *Shipment) (*Decision, error) {
	var sc Screener
	return sc.Screen(ctx, snap, s)
}

// Screen screens one shipment. It validates the shipment first (an
// *InvalidError names each bad field) and stops early, with ctx's error,
// when ctx is done.
func (sc *Screener) Screen(ctx context.Context, snap *dataset.Snapshot, s *Shipment) (*Decision, error) {
	if !s.validated {
		if err := s.Validate(); err != nil {
			return nil, err
		}
	}
	tables := sc.Tables
	if tables == nil {
		tables = goods.Default()
	}
	now := time.Now
	if sc.Now != nil {
		now = sc.Now
	}
	d := &Decision{ShipmentID: s.ID, GoodsTables: tables.Version, ScreenedAt: now().UTC(), Shipment: s,
		Reasons: []Reason{}, Parties: []PartyResult{}, Goods: make([]GoodsResult, 0, len(s.Goods)), Route: []RouteStop{}}
	screened := snap != nil && snap.Screener != nil && snap.Index != nil && snap.Entities() > 0
	if screened {
		d.Snapshot = snap.Version
	}
	d.MatchFloor = cmp.Or(sc.MatchFloor, DefaultMatchFloor)
	r := &run{d: d, s: s, t: tables, snap: snap}

	// Parties.
	var addrs *addrIndex
	if screened {
		addrs = addressIndex(snap)
	}
	for _, role := range Roles {
		p := s.Party(role)
		if p == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pr := PartyResult{Role: role, Party: *p, Matches: []interdict.Match{}}
		if screened {
			q := &interdict.Query{Names: []string{p.Name}, Kind: p.kind, Limit: cmp.Or(sc.MatchLimit, DefaultMatchLimit),
				MinScore: d.MatchFloor}
			if p.Country != "" {
				q.Countries = []string{p.Country}
			}
			ms, err := snap.Screener.Screen(q, true)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", role, err)
			}
			if ms != nil {
				pr.Matches = ms
			}
			for _, m := range ms {
				pr.Alert = pr.Alert || m.Alert
			}
			if p.Address != "" {
				pr.Addresses = addrs.match(p.Address, p.Country)
			}
		}
		d.Parties = append(d.Parties, pr)
	}

	// Goods.
	cited := map[*goods.Entry]bool{}
	for i := range s.Goods {
		if i%256 == 255 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		g := &s.Goods[i]
		l := tables.Screen(g.code, g.Description)
		gr := GoodsResult{Index: i, HSCode: string(g.code), Description: g.Description, Controls: make([]Control, 0, len(l.Hits))}
		for _, h := range l.Hits {
			e := h.Entry
			gr.Controls = append(gr.Controls, Control{List: e.List, Code: e.Code, Tier: e.Tier, Basis: e.Basis, Label: e.Label(),
				By: h.By, Certain: h.Certain, Score: h.Score, Words: h.Words, Note: h.Note})
			if counts(h) {
				gr.Controlled = true
				gr.HighPriority = gr.HighPriority || e.HighPriority()
			}
			if !cited[e] {
				cited[e] = true
				d.Entries = append(d.Entries, e)
			}
		}
		for _, rd := range l.Readings {
			gr.Readings = append(gr.Readings, ReadingResult{Codes: rd.Codes, Concept: rd.Concept, Score: rd.Score, Certain: rd.Certain,
				Listed: len(rd.Entries) > 0, Words: rd.Words, Note: rd.Note})
		}
		d.Goods = append(d.Goods, gr)
	}
	slices.SortFunc(d.Entries, func(a, b *goods.Entry) int {
		return cmp.Or(cmp.Compare(a.List, b.List), cmp.Compare(a.Code, b.Code))
	})
	if d.Entries == nil {
		d.Entries = []*goods.Entry{}
	}

	// Route.
	for i, c := range s.Route {
		role := "transit"
		switch {
		case i == len(s.Route)-1 && i > 0:
			role = "destination"
		case i == 0:
			role = "origin"
		}
		_, ts := tables.Transshipment[c]
		_, em := tables.Embargoed[c]
		d.Route = append(d.Route, RouteStop{Country: c, Name: country.Name(c), Role: role, Transshipment: ts, Embargoed: em})
	}

	// Rules.
	if !screened {
		r.add(RulePartiesNotScreened, "", "no lists loaded: the parties were not screened against any sanctions or export-control list")
	}
	r.listed()
	r.embargo()
	r.transshipment()
	r.forwarder()
	r.payment()
	r.registration(now().UTC())
	r.routeChange()
	r.misdeclared(tables)
	order := map[string]int{}
	for i, ru := range Rules {
		order[ru.ID] = i
	}
	slices.SortStableFunc(d.Reasons, func(a, b Reason) int {
		return cmp.Or(cmp.Compare(b.Level, a.Level), cmp.Compare(order[a.Rule], order[b.Rule]))
	})
	for _, rs := range d.Reasons {
		d.Level = max(d.Level, rs.Level)
	}
	return d, nil
}

// counts says whether a hit counts for the rules: a declared code or its
// heading, or a certain reading of the description. Uncertain readings
// are shown but decide nothing.
func counts(h goods.Hit) bool { return h.By != goods.ByDescription || h.Certain }

// run is the state of one screening while the rules run.
type run struct {
	d    *Decision
	s    *Shipment
	t    *goods.Tables
	snap *dataset.Snapshot
}

func (r *run) add(rule, field, evidence string) {
	r.addLevel(rule, field, evidence, -1)
}

// addLevel adds a reason at the rule's level, or at level when it is 0
// or more.
func (r *run) addLevel(rule, field, evidence string, level Level) {
	ru, _ := RuleByID(rule)
	if level < 0 {
		level = ru.Level
	}
	r.d.Reasons = append(r.d.Reasons, Reason{Rule: rule, Level: level, Field: field, Evidence: evidence, Source: ru.Source})
}

func (r *run) listed() {
	for _, pr := range r.d.Parties {
		alerted := map[string]bool{}
		for _, m := range pr.Matches {
			if !m.Alert {
				continue
			}
			alerted[m.ID] = true
			how := ""
			if m.MatchedName != "" && m.MatchedName != m.Name {
				how = fmt.Sprintf(" as %q", m.MatchedName)
			}
			r.d.Reasons = append(r.d.Reasons, Reason{Rule: RuleListedParty, Level: Block, Field: pr.Role,
				Evidence: fmt.Sprintf("%s %q matches %s %q%s on the %s list (score %.2f, alert at %.2f)", roleWords(pr.Role), pr.Party.Name,
					m.ID, m.Name, how, m.Source, m.Score, r.snap.Screener.Threshold),
				Source: fmt.Sprintf("%s list, snapshot %s. %s", m.Source, r.snap.Version, ruleSource(RuleListedParty))})
		}
		for _, a := range pr.Addresses {
			if alerted[a.EntityID] {
				continue
			}
			r.add(RuleListedAddress, pr.Role+".address", fmt.Sprintf("%s address %q is the address of %s %q on the %s list: %q",
				roleWords(pr.Role), clip(pr.Party.Address), a.EntityID, a.Name, a.Source, a.Address))
		}
	}
}

func ruleSource(id string) string {
	ru, _ := RuleByID(id)
	return ru.Source
}

func roleWords(role string) string { return strings.ReplaceAll(role, "_", " ") }

func (r *run) countryWords(c string) string {
	if n := country.Name(c); n != "" {
		return c + " (" + n + ")"
	}
	return c
}

// controlledLines names the controlled goods lines, for evidence.
func (r *run) controlledLines(keep func(*GoodsResult, *Control) bool, max int) (n int, words string) {
	var parts []string
	for i := range r.d.Goods {
		g := &r.d.Goods[i]
		for j := range g.Controls {
			c := &g.Controls[j]
			if !g.Controlled || !(c.By != goods.ByDescription || c.Certain) || !keep(g, c) {
				continue
			}
			n++
			if len(parts) < max {
				parts = append(parts, fmt.Sprintf("goods[%d] %s", g.Index, c.Label))
			}
			break
		}
	}
	words = strings.Join(parts, "; ")
	if n > len(parts) {
		words += fmt.Sprintf("; and %d more", n-len(parts))
	}
	return n, words
}

func (r *run) embargo() {
	for _, role := range []string{RoleConsignee, RoleNotifyParty, RoleEndUser} {
		if p := r.s.Party(role); p != nil {
			if _, ok := r.t.Embargoed[p.Country]; ok {
				r.add(RuleEmbargoedDest, role+".country", fmt.Sprintf("the %s %q is in %s, an embargoed destination", roleWords(role), p.Name, r.countryWords(p.Country)))
			}
		}
	}
	n := len(r.s.Route)
	if n > 1 {
		if c := r.s.Route[n-1]; r.embargoed(c) {
			r.add(RuleEmbargoedDest, fmt.Sprintf("route[%d]", n-1), fmt.Sprintf("the route ends in %s, an embargoed destination", r.countryWords(c)))
		}
	}
	// Elsewhere: an embargoed country that is not already a destination.
	dest := map[string]bool{}
	for _, rs := range r.d.Reasons {
		if rs.Rule == RuleEmbargoedDest {
			for _, role := range []string{RoleConsignee, RoleNotifyParty, RoleEndUser} {
				if p := r.s.Party(role); p != nil && rs.Field == role+".country" {
					dest[p.Country] = true
				}
			}
		}
	}
	if n > 1 && r.embargoed(r.s.Route[n-1]) {
		dest[r.s.Route[n-1]] = true
	}
	elsewhere := func(c string) bool { return r.embargoed(c) && !dest[c] }
	controlled, lines := r.controlledLines(func(*GoodsResult, *Control) bool { return true }, 3)
	level := Review
	tail := ""
	if controlled > 0 {
		level = Block
		tail = "; controlled goods: " + lines
	}
	for _, role := range []string{RoleShipper, RoleForwarder} {
		if p := r.s.Party(role); p != nil && elsewhere(p.Country) {
			r.addLevel(RuleEmbargoedRoute, role+".country", fmt.Sprintf("the %s %q is in %s, an embargoed country%s", roleWords(role), p.Name, r.countryWords(p.Country), tail), level)
		}
	}
	for i := 0; i < n-1; i++ {
		if c := r.s.Route[i]; elsewhere(c) {
			what := "passes through"
			if i == 0 {
				what = "starts in"
			}
			r.addLevel(RuleEmbargoedRoute, fmt.Sprintf("route[%d]", i), fmt.Sprintf("the route %s %s, an embargoed country%s", what, r.countryWords(c), tail), level)
		}
	}
	if c := r.s.PaymentOrigin; elsewhere(c) {
		r.addLevel(RuleEmbargoedRoute, "payment_origin", fmt.Sprintf("the payment comes from %s, an embargoed country%s", r.countryWords(c), tail), level)
	}
}

func (r *run) embargoed(c string) bool {
	_, ok := r.t.Embargoed[c]
	return ok
}

func (r *run) transshipment() {
	for _, role := range []string{RoleConsignee, RoleEndUser} {
		p := r.s.Party(role)
		if p == nil {
			continue
		}
		ts, ok := r.t.Transshipment[p.Country]
		if !ok {
			continue
		}
		where := fmt.Sprintf("the %s %q is in %s, a transshipment point (%s)", roleWords(role), p.Name, r.countryWords(p.Country), shortSource(ts.Source))
		if n, lines := r.controlledLines(func(_ *GoodsResult, c *Control) bool {
			return c.List == goods.ListCHPL && (c.Tier == "1" || c.Tier == "2")
		}, 3); n > 0 {
			r.add(RuleTransshipHigh, role, where+"; high-priority goods: "+lines)
		}
		// Iran-UAV items beyond the nine high-priority codes (which the
		// rule above covers: all nine are also Supp. No. 7 items).
		if n, lines := r.controlledLines(func(_ *GoodsResult, c *Control) bool {
			return c.List == goods.ListIranUAV && !slices.ContainsFunc(r.t.At(c.Code), (*goods.Entry).HighPriority)
		}, 3); n > 0 {
			r.add(RuleTransshipUAV, role, where+"; Iranian-UAV goods: "+lines)
		}
	}
}

// shortSource cuts a transshipment row's citation to its first clause.
func shortSource(s string) string {
	if i := strings.Index(s, " (text:"); i > 0 {
		return s[:i]
	}
	if i := strings.Index(s, ";"); i > 0 {
		return s[:i]
	}
	return clip(s)
}

// forwarderWords are words in a company name that say it moves goods for
// others. Folded to lower case; the last are the German, French, Spanish,
// Turkish and Russian (transliterated) forms.
var forwarderWords = map[string]bool{
	"freight": true, "forwarder": true, "forwarders": true, "forwarding": true, "logistic": true, "logistics": true, "shipping": true,
	"cargo": true, "courier": true, "couriers": true, "mail": true, "mailbox": true, "parcel": true, "parcels": true, "transport": true,
	"transports": true, "transportation": true, "transit": true, "warehouse": true, "warehousing": true, "3pl": true,
	"fulfilment": true, "fulfillment": true, "consolidator": true, "consolidators": true, "shipper": true, "shippers": true,
	"spedition": true, "logistik": true, "logistique": true, "logistica": true, "logística": true, "lojistik": true, "nakliyat": true,
	"tasimacilik": true, "taşımacılık": true, "ekspeditsiya": true, "perevozki": true,
}

func forwarderName(name string) []string {
	var hits []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r == '-' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}) {
		if forwarderWords[w] && !slices.Contains(hits, w) {
			hits = append(hits, w)
		}
	}
	low := strings.ToLower(name)
	for _, ph := range []string{"supply chain", "mail centre", "mail center", "post box", "package forwarding"} {
		if strings.Contains(low, ph) && !slices.Contains(hits, ph) {
			hits = append(hits, ph)
		}
	}
	return hits
}

func sameName(a, b string) bool {
	f := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
		}), " ")
	}
	return f(a) != "" && f(a) == f(b)
}

func (r *run) forwarder() {
	fw := r.s.Forwarder
	for _, role := range []string{RoleEndUser, RoleConsignee} {
		p := r.s.Party(role)
		if p == nil {
			continue
		}
		if ws := forwarderName(p.Name); len(ws) > 0 {
			r.add(RuleForwarderEndUser, role, fmt.Sprintf("the %s %q is named like a freight forwarder or logistics firm (%s)", roleWords(role), p.Name, quoteAll(ws)))
		} else if fw != nil && sameName(fw.Name, p.Name) {
			r.add(RuleForwarderEndUser, role, fmt.Sprintf("the %s %q is the shipment's forwarder", roleWords(role), p.Name))
		}
	}
}

func quoteAll(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}

func (r *run) payment() {
	pay := r.s.PaymentOrigin
	if pay == "" {
		return
	}
	var buyers []string
	for _, role := range []string{RoleConsignee, RoleEndUser} {
		if p := r.s.Party(role); p != nil && p.Country != "" {
			if pay == p.Country {
				return
			}
			buyers = append(buyers, fmt.Sprintf("%s in %s", roleWords(role), p.Country))
		}
	}
	if len(buyers) == 0 {
		return
	}
	r.add(RuleThirdCountryPay, "payment_origin", fmt.Sprintf("the payment comes from %s; the %s", r.countryWords(pay), strings.Join(buyers, ", the ")))
}

func (r *run) registration(now time.Time) {
	ref, refWords := r.s.orderDate, "the order ("+r.s.OrderDate+")"
	if ref.IsZero() {
		ref, refWords = now.Truncate(24*time.Hour), "this screening"
	}
	for _, role := range Roles[1:] { // the shipper is the exporter itself
		p := r.s.Party(role)
		if p == nil || p.registered.IsZero() {
			continue
		}
		var why []string
		switch gap := ref.Sub(p.registered); {
		case gap < 0:
			why = append(why, "after "+refWords)
		case gap < recentWithin:
			why = append(why, fmt.Sprintf("%d days before %s", int(gap.Hours()/24), refWords))
		}
		if !p.registered.Before(recentSince) {
			why = append(why, "on or after 24 Feb 2022")
		}
		if len(why) > 0 {
			r.add(RuleRecentCompany, role+".registered", fmt.Sprintf("the %s %q was registered on %s: %s", roleWords(role), p.Name, p.Registered, strings.Join(why, ", ")))
		}
	}
}

func (r *run) routeChange() {
	rc := r.s.RouteChange
	if rc == nil {
		return
	}
	if len(rc.PreviousRoute) > 0 && slices.Equal(rc.PreviousRoute, r.s.Route) {
		return
	}
	if !rc.date.IsZero() && !r.s.orderDate.IsZero() && rc.date.Before(r.s.orderDate) {
		return // changed before the order: the order was placed on this route
	}
	var b strings.Builder
	b.WriteString("the route was changed")
	switch {
	case !rc.date.IsZero() && !r.s.orderDate.IsZero():
		fmt.Fprintf(&b, " on %s, %d days after the order (%s)", rc.Date, int(rc.date.Sub(r.s.orderDate).Hours()/24), r.s.OrderDate)
	case !rc.date.IsZero():
		fmt.Fprintf(&b, " on %s (no order date given)", rc.Date)
	default:
		b.WriteString(" (no date given)")
	}
	if len(rc.PreviousRoute) > 0 {
		fmt.Fprintf(&b, ": %s became %s", strings.Join(rc.PreviousRoute, "→"), strings.Join(r.s.Route, "→"))
		var added []string
		for _, c := range r.s.Route {
			if !slices.Contains(rc.PreviousRoute, c) {
				added = append(added, r.countryWords(c))
			}
		}
		if len(added) > 0 {
			fmt.Fprintf(&b, " (added %s)", strings.Join(added, ", "))
		}
	}
	if rc.Note != "" {
		fmt.Fprintf(&b, "; note: %q", clip(rc.Note))
	}
	r.add(RuleRouteChanged, "route_change", b.String())
}

func (r *run) misdeclared(tables *goods.Tables) {
	for i := range r.d.Goods {
		g := &r.d.Goods[i]
		var certain []ReadingResult
		for _, rd := range g.Readings {
			if rd.Certain && rd.Listed {
				certain = append(certain, rd)
			}
		}
		if len(certain) == 0 {
			continue
		}
		declared := goods.HSCode(g.HSCode)
		if declared != "" && slices.ContainsFunc(certain, func(rd ReadingResult) bool {
			return slices.ContainsFunc(rd.Codes, func(c string) bool {
				return strings.HasPrefix(c, declared.Heading()) || strings.HasPrefix(c, string(declared))
			})
		}) {
			continue
		}
		rd := certain[0]
		var labels []string
		for _, c := range rd.Codes {
			for _, e := range tables.At(c) {
				labels = append(labels, e.Label())
			}
		}
		reads := fmt.Sprintf("the description %q reads as %s, %s (words: %s)", clip(g.Description), rd.Concept, strings.Join(uniqStrings(labels), ", "), strings.Join(rd.Words, " "))
		var ev string
		switch {
		case declared == "":
			ev = "no HS code declared; " + reads
		case len(tables.Code(declared)) == 0:
			ev = fmt.Sprintf("declared %s, on no table; %s", declared.Dotted(), reads)
		default:
			ev = fmt.Sprintf("declared %s, under another heading; %s", declared.Dotted(), reads)
		}
		r.add(RuleMisdeclared, fmt.Sprintf("goods[%d]", g.Index), ev)
	}
}

func uniqStrings(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
