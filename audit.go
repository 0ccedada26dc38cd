package interdict

import "time"

// Role is what an API key may do. Each role includes the ones before it.
type Role string

// Roles: a screener screens; an analyst also reads entities, the audit
// trail and cases; an admin also manages keys and refreshes the lists.
const (
	RoleScreener Role = "screener"
	RoleAnalyst  Role = "analyst"
	RoleAdmin    Role = "admin"
)

// Allows reports whether a key of role r may act as role need.
func (r Role) Allows(need Role) bool { return rank(r) >= rank(need) && rank(need) > 0 }

func rank(r Role) int {
	switch r {
	case RoleScreener:
		return 1
	case RoleAnalyst:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// APIKey describes a key; the secret itself is never stored, only its
// hash.
type APIKey struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Role    Role       `json:"role"`
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked,omitempty"`
	// RatePerMinute limits the key's requests; 0 means the server default.
	RatePerMinute int `json:"rate_per_minute,omitempty"`
}

// AuditRecord is one screening decision as written to the audit trail:
// who asked what, when, against which snapshot, and what was answered.
type AuditRecord struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	KeyID    string    `json:"key_id"`
	User     string    `json:"user"`
	Route    string    `json:"route"`
	Snapshot string    `json:"snapshot"`
	Query    Query     `json:"query"`
	// Decision is "alert" when any match reached the threshold, else
	// "clear".
	Decision string       `json:"decision"`
	Matches  []AuditMatch `json:"matches"`
}

// AuditMatch is one match as recorded: enough to replay the decision.
type AuditMatch struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Alert bool    `json:"alert"`
}

// AuditFilter selects audit records; zero fields match everything.
type AuditFilter struct {
	From, To time.Time
	User     string
	Decision string
	Limit    int
	AfterID  int64
}
