package interdict

// DefaultThreshold is the score at or above which a match alerts. It was
// chosen on the development sets of ../shared (go test ./screen -run
// 'Pairs|Negatives' -v; TUNETHR=1 TUNEP=... go test ./screen -run Tune
// sweeps it): at 0.775 the labelled pairs of bench/pairs_dev.csv score F1
// 0.866 with the token weights of every list and 0.867 without lists,
// and 0.46 % of the 100,000 synthetic negatives and 0.42 % of the US
// legislators alert against every list; at 0.74 F1 is 0.874 with lists
// but 0.860 without and 0.79 % of the negatives alert, at 0.80 F1 falls
// to 0.85.
const DefaultThreshold = 0.775

// Query is what is screened: one party, described by one or more names
// and whatever else is known about it. Only a name is required; every other
// field raises or lowers scores, and Kind is a soft signal that never
// excludes entities of unknown kind.
type Query struct {
	Names       []string     `json:"names"`
	Kind        Kind         `json:"kind,omitempty"`
	BirthDates  []Date       `json:"birth_dates,omitempty"`
	Countries   []string     `json:"countries,omitempty"` // ISO 3166-1 alpha-2
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Gender      Gender       `json:"gender,omitempty"`
	// Sources restricts the search to these lists; empty means all.
	Sources []string `json:"sources,omitempty"`
	// Limit caps the matches returned (0: a default); MinScore drops
	// matches below it (0: the default threshold).
	Limit    int     `json:"limit,omitempty"`
	MinScore float64 `json:"min_score,omitempty"`
}

// Match is one listed entity a query may be, with its score in [0, 1] and
// the explanation of every point of it.
type Match struct {
	ID          string       `json:"id"`
	Source      string       `json:"source"`
	Kind        Kind         `json:"kind"`
	Name        string       `json:"name"`
	MatchedName string       `json:"matched_name"`
	Score       float64      `json:"score"`
	Alert       bool         `json:"alert"`
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Explanation says how a score was reached: which query name met which
// listed name, how each token pair compared and weighed, and how each
// attribute moved the score.
type Explanation struct {
	QueryName   string       `json:"query_name"`
	ListedName  string       `json:"listed_name"`
	NameType    NameType     `json:"name_type"`
	NameScore   float64      `json:"name_score"`
	Tokens      []TokenMatch `json:"tokens"`
	Adjustments []Adjustment `json:"adjustments,omitempty"`
	Threshold   float64      `json:"threshold"`
}

// TokenMatch is one token of the query or the listed name and what it was
// paired with. Listed or Query is empty for a token left unpaired.
type TokenMatch struct {
	Query  string `json:"query,omitempty"`
	Listed string `json:"listed,omitempty"`
	// How: "exact", "phonetic" (same sound key), "skeleton" (same
	// consonants), "fuzzy" (edit similarity), "initial", "joined" (two
	// tokens written as one), or "unmatched".
	How        string  `json:"how"`
	Similarity float64 `json:"similarity"`
	// Weight is the token's share of its name (rare tokens weigh more;
	// legal forms and particles little).
	Weight float64 `json:"weight"`
}

// Adjustment is one attribute's effect on the score.
type Adjustment struct {
	Attribute string  `json:"attribute"` // "birth_date", "country", "identifier", "gender", "kind", "name_type"
	Delta     float64 `json:"delta"`
	Reason    string  `json:"reason"`
}
