package shipment

import (
	"encoding/json"
	"fmt"
)

// Level is the answer for a shipment.
type Level int

// Levels, in order: a decision is the highest level of its reasons.
const (
	// Clear: nothing found; the shipment may go as far as these checks
	// can tell.
	Clear Level = iota
	// Review: a person must look at the reasons before it goes.
	Review
	// Block: it must not go without a licence or a legal decision made
	// outside this tool.
	Block
)

var levelNames = []string{"clear", "review", "block"}

func (l Level) String() string {
	if l < Clear || l > Block {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel reads "clear", "review" or "block".
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("level %q: want clear, review or block", s)
}

// MarshalJSON writes the level's name.
func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

// UnmarshalJSON reads the level's name.
func (l *Level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseLevel(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Rule is one check a decision may cite.
type Rule struct {
	ID string `json:"id"`
	// Level is what the rule sets when it fires; embargoed-route sets
	// Block only when a goods line is controlled.
	Level       Level  `json:"level"`
	Description string `json:"description"`
	// Source is where the rule comes from: the section of
	// ../shared/reference/red_flags.md and the alert or rule it cites.
	Source string `json:"source"`
}

// Rule ids.
const (
	RuleListedParty        = "listed-party"
	RuleListedAddress      = "listed-address"
	RuleEmbargoedDest      = "embargoed-destination"
	RuleEmbargoedRoute     = "embargoed-route"
	RuleTransshipHigh      = "transshipment-high-priority"
	RuleTransshipUAV       = "transshipment-uav"
	RuleForwarderEndUser   = "forwarder-end-user"
	RuleThirdCountryPay    = "third-country-payment"
	RuleRecentCompany      = "recent-registration"
	RuleRouteChanged       = "route-changed"
	RuleMisdeclared        = "misdeclared-goods"
	RulePartiesNotScreened = "parties-not-screened"
)

// Rules is every rule, in the order reasons are given.
var Rules = []Rule{
	{RuleListedParty, Block,
		"A party's name alerts on a sanctions or export-control list (score at or above the screening threshold).",
		"The lists of the snapshot used (named in the decision); red_flags.md, Parties: the customer's name or address is similar to a party on the Entity List, SDN List or Denied Persons List [B1: BIS Red Flag Indicators]."},
	{RuleListedAddress, Review,
		"A party's address is the street address of a listed party (the listed street, and its city or country, are all in the party's address).",
		"red_flags.md, Parties: the firm shares an address with a listed party [A1: FinCEN/BIS FIN-2022-Alert003]; the customer's address is similar to a listed party's [B1: BIS Red Flag Indicators]."},
	{RuleEmbargoedDest, Block,
		"The consignee, notify party or end user is in, or the route ends in, an embargoed destination: Russia, Belarus, Iran, North Korea or Syria.",
		"15 CFR part 746 (746.4 North Korea, 746.7 Iran, 746.8 Russia and Belarus, 746.9 Syria) and its Supp. No. 7 (88 FR 12150), which names Iran, Russia and Belarus for the Iran-UAV items (reference/README.md, iran_uav_hs.csv); OFAC country programmes."},
	{RuleEmbargoedRoute, Review,
		"An embargoed country is elsewhere in the shipment: a transit country of the route, the shipper's or forwarder's country, or the payment's origin. Block when a goods line is controlled.",
		"15 CFR part 746 as above; red_flags.md, Destinations and routing: shipments or payments once meant for Russia or Belarus re-routed through a third country [A1: FIN-2022-Alert003]."},
	{RuleTransshipHigh, Review,
		"The consignee or end user is in a common transshipment point to Russia and Belarus, and a goods line is one of the nine high-priority codes (CHPL Tier 1 or 2).",
		"red_flags.md, Destinations and routing: the goods pass through a known transshipment point [A1: FIN-2022-Alert003, transshipment_countries.csv]; Goods focus: the nine Tier 1-2 CHPL codes [A2: FIN-2023-Alert004; B2: BIS best practices of 28 Sep 2023]."},
	{RuleTransshipUAV, Review,
		"The consignee or end user is in a transshipment point, and a goods line is on the Iranian-UAV table beyond the nine high-priority codes: aircraft engines and their parts, UAVs, servomotors, antennas, navigation instruments.",
		"red_flags.md, Goods focus: Iran UAV items [A5: Guidance to Industry on Iran's UAV-Related Activities, 9 Jun 2023]; transshipment_countries.csv (HK, MY, ID, TR, AE from OFAC Iran-UAV actions of 2023)."},
	{RuleForwarderEndUser, Review,
		"The end user or consignee is a freight forwarder, logistics firm or mail centre (by its name), or is the shipment's forwarder.",
		"red_flags.md, Parties: a freight forwarder, logistics firm or mail centre is named as the final destination, ultimate consignee or end user [B1: BIS Red Flag Indicators, for freight forwarders; A1: FIN-2022-Alert003, for logistics firms and mail centres]."},
	{RuleThirdCountryPay, Review,
		"The payment comes from a country that is neither the consignee's nor the end user's.",
		"red_flags.md, Payments and documents: payment comes from a third country, or from a business not named on the end-user statement [A1: FIN-2022-Alert003]."},
	{RuleRecentCompany, Review,
		"A party other than the shipper was registered on or after 24 Feb 2022, or less than a year before the order (or the screening, when no order date is given).",
		"red_flags.md, Parties: a new customer incorporated after 24 Feb 2022 [A2: FIN-2023-Alert004]."},
	{RuleRouteChanged, Review,
		"The route was changed after the order was placed (or the shipment records a change without an order date).",
		"red_flags.md, Payments and documents: shipping instructions changed at the last minute [A1: FIN-2022-Alert003; B1 similar]; Destinations and routing: shipments re-routed to a third country [A1]."},
	{RuleMisdeclared, Review,
		"A goods description reads, with certainty, as a controlled subheading the declared HS code is not under: an undeclared or misdeclared code.",
		"red_flags.md, Goods focus: the CHPL codes [A2, B2] and Iran UAV items [A5] to watch, whatever code the paperwork gives; Payments and documents: documents that do not name the real end user or goods [A3: FinCEN/BIS notice of 6 Nov 2023]."},
	{RulePartiesNotScreened, Review,
		"The parties could not be screened: no lists were loaded. A decision without them is not a clearance.",
		"Interdict: screening parties against the lists is the first check of every shipment."},
}

// RuleByID returns a rule of Rules.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
