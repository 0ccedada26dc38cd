package interdict

import "time"

// AlertState is where an alert stands in its case's life.
//
//	open ──confirm──► confirmed          (one analyst, four-eyes off)
//	open ──dismiss──► dismissed
//	open ──confirm──► pending-confirm ──approve──► confirmed   (four-eyes on:
//	open ──dismiss──► pending-dismiss ──approve──► dismissed    a second analyst)
//	pending-* ──reject──► open
//
// Open and the two pending states are active: at most one active alert
// exists for a (party, entity) pair at any time.
type AlertState string

// Alert states.
const (
	AlertOpen           AlertState = "open"
	AlertPendingConfirm AlertState = "pending-confirm"
	AlertPendingDismiss AlertState = "pending-dismiss"
	AlertConfirmed      AlertState = "confirmed"
	AlertDismissed      AlertState = "dismissed"
)

// Active reports whether the alert still waits for a decision.
func (s AlertState) Active() bool {
	return s == AlertOpen || s == AlertPendingConfirm || s == AlertPendingDismiss
}

// Valid reports whether s is one of the states above.
func (s AlertState) Valid() bool {
	return s.Active() || s == AlertConfirmed || s == AlertDismissed
}

// Alert is one possible match between a party (a monitored customer, or a
// party screened with open_alerts) and a listed entity that reached the
// threshold: the start of a case an analyst decides.
type Alert struct {
	ID int64 `json:"id"`
	// Party is the party's reference: a monitored party's id, or the
	// reference a screening request gave (see server docs).
	Party     string `json:"party"`
	PartyName string `json:"party_name"`
	// Query is what was screened for the party.
	Query Query `json:"query"`
	// EntityID, EntityName and Source name the listed entity matched.
	EntityID   string `json:"entity_id"`
	EntityName string `json:"entity_name"`
	Source     string `json:"source"`
	// Fingerprint is the listed entity's content fingerprint
	// (EntityFingerprint) when the alert was opened: a dismissed pair
	// stays suppressed while the entity's fingerprint is unchanged.
	Fingerprint string  `json:"fingerprint"`
	Score       float64 `json:"score"`
	MatchedName string  `json:"matched_name,omitempty"`
	// Snapshot is the version of the lists the match was made against.
	Snapshot string `json:"snapshot"`
	// Origin says what opened it: "monitor" (registration or bulk
	// import), "refresh" (a list refresh) or "screen" (a screening
	// request that asked for alerts).
	Origin string     `json:"origin"`
	State  AlertState `json:"state"`
	// Version counts the alert's state changes; a decision names the
	// version it was made on, so that two analysts deciding at once
	// cannot both succeed.
	Version int64     `json:"version"`
	Opened  time.Time `json:"opened"`
	Updated time.Time `json:"updated"`
}

// Alert origins.
const (
	OriginMonitor = "monitor"
	OriginRefresh = "refresh"
	OriginScreen  = "screen"
)

// CaseEventKind names what happened to an alert.
type CaseEventKind string

// Case event kinds. The history of an alert is these events, append-only.
const (
	EventOpened  CaseEventKind = "opened"
	EventConfirm CaseEventKind = "confirmed" // a final true-match decision
	EventDismiss CaseEventKind = "dismissed" // a final false-positive decision
	// EventPropose is the first analyst's decision under the four-eyes
	// rule; EventApprove the second analyst's agreement (the alert takes
	// the proposed outcome); EventReject sends it back to open.
	EventPropose CaseEventKind = "proposed"
	EventApprove CaseEventKind = "approved"
	EventReject  CaseEventKind = "rejected"
	// EventNote is a comment; EventEntityChanged and EventEntityRemoved
	// are written by a list refresh on active alerts whose listed entity
	// changed or left the list.
	EventNote          CaseEventKind = "note"
	EventEntityChanged CaseEventKind = "entity-changed"
	EventEntityRemoved CaseEventKind = "entity-removed"
)

// CaseEvent is one entry of an alert's history. Events are never updated
// or deleted.
type CaseEvent struct {
	ID      int64         `json:"id"`
	AlertID int64         `json:"alert_id"`
	At      time.Time     `json:"at"`
	Kind    CaseEventKind `json:"kind"`
	// State is the alert's state after the event.
	State AlertState `json:"state"`
	// KeyID and Actor say who acted: an API key and its name, or "" and
	// "system" for what the service did by itself.
	KeyID  string `json:"key_id,omitempty"`
	Actor  string `json:"actor"`
	Reason string `json:"reason,omitempty"`
}

// AlertFilter selects alerts; zero fields match everything. Alerts come in
// ascending id order, from the first id above AfterID (keyset
// pagination); Limit 0 means no limit.
type AlertFilter struct {
	States   []AlertState
	Party    string
	EntityID string
	AfterID  int64
	Limit    int
}
