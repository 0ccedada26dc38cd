package interdict

import "time"

// MonitoredParty is a party watched for new designations: screened when
// registered and again on each list refresh that could change its answer.
type MonitoredParty struct {
	// ID is the caller's own reference for the party (a customer number):
	// 1 to 128 bytes of printable text. Registering an ID again replaces
	// its query.
	ID    string `json:"id"`
	Query Query  `json:"query"`
	// Added is when the ID was first registered, Updated when its query
	// last changed.
	Added   time.Time `json:"added"`
	Updated time.Time `json:"updated"`
	// Screened and Snapshot say when and against which lists the party was
	// last screened (zero and "" before the first screening); Nearest is
	// the best score that screening found, hit or not. A refresh
	// re-screens a party whose Nearest lies close under the threshold,
	// because a new list version moves every score a little.
	Screened time.Time `json:"screened,omitzero"`
	Snapshot string    `json:"snapshot,omitempty"`
	Nearest  float64   `json:"nearest"`
}

// MonitoredScreening records one screening of a monitored party.
type MonitoredScreening struct {
	ID       string
	At       time.Time
	Snapshot string
	Nearest  float64
}

// MaxPartyID bounds a monitored party's ID (and an alert's Party).
const MaxPartyID = 128
