package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

// ErrRateLimited is what a Backend's Screen should wrap when the key is
// over its rate limit: the page then says so (429) instead of reporting a
// failure.
var ErrRateLimited = errors.New("web: rate limited")

// searchForm is what the analyst typed, echoed back into the form.
type searchForm struct {
	Name, Kind, DOB, Country string
	// Errors by field id ("name", "kind", "dob", "country"), in form order.
	Errors []fieldError
}

type fieldError struct {
	Field, Message string
}

// Error returns the message for a field, or "".
func (f *searchForm) Error(field string) string {
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

type searchView struct {
	Form      searchForm
	Kinds     []interdict.Kind
	Countries []countryOption
	// Results is nil before a search.
	Results *resultsView
	// CanOpen says whether the key may open entity pages.
	CanOpen bool
}

type resultsView struct {
	Query     string
	Filters   []string
	Snapshot  string
	Matches   []matchView
	Alerts    int
	Floor     float64
	Threshold float64
}

type countryOption struct{ Code, Name string }

// countryOptions lists every code country.Name knows, for the country
// field's suggestions.
var countryOptions = func() []countryOption {
	var out []countryOption
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if n := country.Name(code); n != "" {
				out = append(out, countryOption{code, n})
			}
		}
	}
	return out
}()

func (h *handler) newSearchView(sess *session) *searchView {
	return &searchView{
		Kinds:     []interdict.Kind{interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel, interdict.KindAircraft},
		Countries: countryOptions,
		CanOpen:   sess != nil && sess.key.Role.Allows(interdict.RoleAnalyst),
	}
}

func (h *handler) searchPage(w http.ResponseWriter, r *http.Request) {
	if h.snapshot(w, r) == nil {
		return
	}
	h.render(w, r, http.StatusOK, "search", &page{Title: "Screen a name", Nav: "search", Data: h.newSearchView(sessionFrom(r.Context()))})
}

// search screens the posted form and shows the matches with their
// explanations.
func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r.Context())
	v := h.newSearchView(sess)
	v.Form = searchForm{
		Name:    strings.TrimSpace(r.PostForm.Get("name")),
		Kind:    strings.TrimSpace(r.PostForm.Get("kind")),
		DOB:     strings.TrimSpace(r.PostForm.Get("dob")),
		Country: strings.TrimSpace(r.PostForm.Get("country")),
	}
	q, filters := parseQuery(&v.Form)
	if len(v.Form.Errors) > 0 {
		h.render(w, r, http.StatusBadRequest, "search", &page{Title: "Screen a name: check the form", Nav: "search", Data: v})
		return
	}
	if h.snapshot(w, r) == nil {
		return
	}
	matches, version, err := h.b.Screen(r.Context(), sess.key, q)
	switch {
	case err == nil:
	case errors.Is(err, screen.ErrBadQuery):
		v.Form.Errors = append(v.Form.Errors, fieldError{"name", "This query cannot be screened as entered. Check the name and the filters."})
		h.render(w, r, http.StatusBadRequest, "search", &page{Title: "Screen a name: check the form", Nav: "search", Data: v})
		return
	case errors.Is(err, store.ErrRevoked):
		// The key was revoked after this session began: end the session.
		if id, _ := h.current(r); id != "" {
			h.sessions.remove(id)
		}
		h.setCookie(w, h.sessionCookie(), "", -1)
		renderError(w, r, http.StatusForbidden, nil, "Your key is no longer valid",
			"The key you signed in with has been revoked or may no longer screen, so this name was not screened. Sign in with a current key.")
		return
	case errors.Is(err, ErrRateLimited):
		w.Header().Set("Retry-After", "60")
		h.failWith(w, r, http.StatusTooManyRequests, "Too many screenings",
			"Your key has screened more names in the last minute than it is allowed, so this name was not screened. Wait a minute and try again.")
		return
	case isClientGone(r.Context(), err):
		return
	default:
		h.log.Error("screening failed", "key", sess.key.ID, "err", err)
		h.failWith(w, r, http.StatusServiceUnavailable, "The name could not be screened",
			"Screening did not complete, so no result is shown and nothing should be concluded from this attempt. Try again in a moment; if it keeps happening, tell your administrator.")
		return
	}
	res := &resultsView{Query: v.Form.Name, Filters: filters, Snapshot: version,
		Floor: screen.DefaultFloor, Threshold: interdict.DefaultThreshold}
	for i, m := range matches {
		mv := newMatchView(i+1, m, v.CanOpen)
		if m.Alert {
			res.Alerts++
		}
		if m.Explanation != nil && m.Explanation.Threshold > 0 {
			res.Threshold = m.Explanation.Threshold
		}
		res.Matches = append(res.Matches, mv)
	}
	v.Results = res
	http.Redirect(w, r, "/results/"+sess.keep(v), http.StatusSeeOther)
}

// resultsPage shows a screening kept in the session.
func (h *handler) resultsPage(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r.Context())
	v := sess.result(r.PathValue("id"))
	if v == nil {
		h.failWith(w, r, http.StatusNotFound, "These results are no longer available",
			"Results are kept for your latest screenings during this session only. Screen the name again to see its matches.")
		return
	}
	title := fmt.Sprintf("%d matches for %s", len(v.Results.Matches), v.Form.Name)
	if len(v.Results.Matches) == 1 {
		title = "1 match for " + v.Form.Name
	}
	h.render(w, r, http.StatusOK, "search", &page{Title: title, Nav: "search", Snapshot: v.Results.Snapshot, Data: v})
}

// parseQuery turns the form into a query, recording a message for each
// field it cannot read, and describes the filters in words.
func parseQuery(f *searchForm) (*interdict.Query, []string) {
	q := &interdict.Query{}
	var filters []string
	switch {
	case f.Name == "":
		f.Errors = append(f.Errors, fieldError{"name", "Enter a name to screen."})
	case len(f.Name) > screen.MaxNameBytes:
		f.Errors = append(f.Errors, fieldError{"name", "The name is too long: at most 1,024 bytes."})
	case !utf8.ValidString(f.Name):
		f.Errors = append(f.Errors, fieldError{"name", "The name contains characters that cannot be read."})
	default:
		q.Names = []string{f.Name}
	}
	if f.Kind != "" {
		k, ok := interdict.ParseKind(f.Kind)
		if !ok || k == interdict.KindUnknown {
			f.Errors = append(f.Errors, fieldError{"kind", "Choose a kind from the list."})
		} else {
			q.Kind = k
			filters = append(filters, kindLabel(k))
		}
	}
	if f.DOB != "" {
		d, err := interdict.ParseISODate(f.DOB)
		if err != nil || !d.Valid() || d.Year == 0 {
			f.Errors = append(f.Errors, fieldError{"dob", "Enter the birth date as a year (1952), a year and month (1952-10) or a full date (1952-10-07)."})
		} else {
			q.BirthDates = []interdict.Date{d}
			filters = append(filters, "born "+d.String())
		}
	}
	if f.Country != "" {
		if len(f.Country) > 200 {
			f.Errors = append(f.Errors, fieldError{"country", "Enter one country, by name or two-letter code."})
		} else if c, ok := country.Code(f.Country); !ok {
			f.Errors = append(f.Errors, fieldError{"country", "That country was not recognised. Enter a country name or its two-letter code (RU, IR)."})
		} else {
			q.Countries = []string{c}
			filters = append(filters, "country "+countryLabel(c))
		}
	}
	return q, filters
}

// matchView is one match as the result list shows it.
type matchView struct {
	Rank  int
	M     interdict.Match
	URL   string // the entity page, "" when the key may not open it
	Score string
	// MatchedType is the type of the matched name in words ("a.k.a.").
	MatchedType string
	Explain     *explainView
}

type explainView struct {
	// Summary is the explanation in sentences.
	Summary     []string
	QueryName   string
	ListedName  string
	NameScore   string
	Tokens      []tokenView
	Adjustments []adjView
	Sum         string
	Final       string
	Capped      bool
	Threshold   string
}

type tokenView struct {
	Query, Listed, How, Similarity, Weight string
	Unmatched                              bool
}

type adjView struct {
	Attribute, Delta, Reason string
	Up                       bool
}

func newMatchView(rank int, m interdict.Match, canOpen bool) matchView {
	threshold := interdict.DefaultThreshold
	if m.Explanation != nil && m.Explanation.Threshold > 0 {
		threshold = m.Explanation.Threshold
	}
	v := matchView{Rank: rank, M: m, Score: scoreText(m.Score, m.Alert, threshold)}
	if canOpen {
		v.URL = entityURL(m.ID)
	}
	if m.Explanation != nil {
		v.MatchedType = nameTypeLabel(m.Explanation.NameType)
		v.Explain = newExplainView(m)
	}
	return v
}

// scoreText formats a score to two decimals, or three where two would
// round a score under the threshold up to it.
func scoreText(score float64, alert bool, threshold float64) string {
	if !alert && math.Round(score*100)/100 >= threshold {
		return fmt.Sprintf("%.3f", score)
	}
	return fmt.Sprintf("%.2f", score)
}

func newExplainView(m interdict.Match) *explainView {
	ex := m.Explanation
	threshold := ex.Threshold
	if threshold == 0 {
		threshold = interdict.DefaultThreshold
	}
	v := &explainView{QueryName: ex.QueryName, ListedName: ex.ListedName, NameScore: fmt.Sprintf("%.3f", ex.NameScore),
		Threshold: fmt.Sprintf("%.2f", threshold), Final: fmt.Sprintf("%.3f", m.Score)}

	sum := ex.NameScore
	paired, queryTokens, byHow := 0, 0, map[string]int{}
	var missQ, missL []string
	for _, t := range ex.Tokens {
		if t.Query != "" {
			queryTokens++
		}
		tv := tokenView{Query: t.Query, Listed: t.Listed, How: howLabel(t), Similarity: fmt.Sprintf("%.2f", t.Similarity), Weight: fmt.Sprintf("%.2f", t.Weight)}
		switch {
		case t.Query != "" && t.Listed != "" && t.How != "unmatched":
			paired++
			byHow[t.How]++
		case t.Query != "":
			tv.Unmatched = true
			missQ = append(missQ, quote(t.Query))
		default:
			tv.Unmatched = true
			missL = append(missL, quote(t.Listed))
		}
		v.Tokens = append(v.Tokens, tv)
	}

	if ex.QueryName == "" && len(ex.Tokens) == 0 {
		v.Summary = append(v.Summary, "No name of this entity was close to the query; it was found through an identifier the query gave.")
	} else {
		v.Summary = append(v.Summary, fmt.Sprintf("The query name %s was compared with the listed %s %s, giving a name score of %.3f.",
			quote(ex.QueryName), nameTypeLabel(ex.NameType), quote(ex.ListedName), ex.NameScore))
		var parts []string
		for _, how := range []string{"exact", "phonetic", "skeleton", "fuzzy", "initial", "joined"} {
			if n := byHow[how]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, howShort(how)))
			}
		}
		verb := "were"
		if queryTokens == 1 {
			verb = "was"
		}
		s := fmt.Sprintf("%d of %s %s paired with listed tokens", paired, plural(queryTokens, "query token"), verb)
		if len(parts) > 0 {
			s += " (" + strings.Join(parts, ", ") + ")"
		}
		s += "."
		if len(missQ) > 0 {
			s += fmt.Sprintf(" Not found in the listed name: %s.", strings.Join(missQ, ", "))
		}
		if len(missL) > 0 {
			s += fmt.Sprintf(" Listed but not in the query: %s.", strings.Join(missL, ", "))
		}
		v.Summary = append(v.Summary, s)
	}

	var moves []string
	for _, a := range ex.Adjustments {
		sum += a.Delta
		label := attributeLabel(a.Attribute)
		v.Adjustments = append(v.Adjustments, adjView{Attribute: label, Delta: signed(a.Delta), Reason: a.Reason, Up: a.Delta > 0})
		verb := "raised"
		if a.Delta < 0 {
			verb = "lowered"
		}
		if len(moves) > 0 {
			label = strings.ToLower(label)
		}
		moves = append(moves, fmt.Sprintf("%s %s the score by %s (%s)", label, verb, unsigned(a.Delta), a.Reason))
	}
	if len(moves) > 0 {
		v.Summary = append(v.Summary, strings.Join(moves, "; ")+".")
	} else {
		v.Summary = append(v.Summary, "No other attribute moved the score.")
	}
	v.Sum = fmt.Sprintf("%.3f", sum)
	v.Capped = sum > 1.0005 || sum < -0.0005
	verdict := fmt.Sprintf("The final score %s is below the alert threshold of %.2f.", v.Final, threshold)
	if m.Alert {
		verdict = fmt.Sprintf("The final score %s reaches the alert threshold of %.2f, so this match alerts.", v.Final, threshold)
	}
	if v.Capped {
		verdict = fmt.Sprintf("The scores add up to %s, kept within 0 to 1. ", v.Sum) + verdict
	}
	v.Summary = append(v.Summary, verdict)
	return v
}

func quote(s string) string { return "“" + s + "”" }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
