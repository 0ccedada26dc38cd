package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
)

// CaseBackend is what the alert pages need; a Backend that does not
// implement it has no alert pages (they answer 404).
type CaseBackend interface {
	// Alerts returns a page of the queue and the counts by state.
	Alerts(ctx context.Context, f interdict.AlertFilter) ([]interdict.Alert, map[interdict.AlertState]int64, error)
	// Alert returns one alert, its history, and whether decisions need a
	// second analyst. ErrNoAlert for an unknown id.
	Alert(ctx context.Context, id int64) (interdict.Alert, []interdict.CaseEvent, bool, error)
	// Decide applies key's decision. A *Refusal is shown to the analyst
	// as it is (a missing reason, a case that moved on, approving one's
	// own proposal); any other error is logged.
	Decide(ctx context.Context, key interdict.APIKey, id int64, action, reason string, version int64) error
}

// ErrNoAlert is returned by CaseBackend for an unknown alert.
var ErrNoAlert = errors.New("no such alert")

// Refusal is a decision the rules refused, with the reason for the
// analyst.
type Refusal struct{ Message string }

func (r *Refusal) Error() string { return r.Message }

func init() {
	for _, name := range []string{"alerts", "case"} {
		t := template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
		pages[name] = template.Must(t.ParseFS(templateFS, "templates/"+name+".html"))
	}
}

func (h *handler) cases(w http.ResponseWriter, r *http.Request) (CaseBackend, bool) {
	cb, ok := h.b.(CaseBackend)
	if !ok {
		h.fail(w, r, http.StatusNotFound)
		return nil, false
	}
	if !sessionFrom(r.Context()).key.Role.Allows(interdict.RoleAnalyst) {
		h.failWith(w, r, http.StatusForbidden, "Alerts need the analyst role",
			"Your key may screen names, but the alert queue and its cases need an analyst or admin key.")
		return nil, false
	}
	return cb, true
}

type alertRow struct {
	ID                            int64
	URL                           string
	Party, PartyName              string
	EntityID, EntityName, Source  string
	EntityURL                     string
	Score                         string
	State, StateLabel, StateClass string
	Origin, Opened                string
}

func newAlertRow(a interdict.Alert) alertRow {
	return alertRow{ID: a.ID, URL: fmt.Sprintf("/alerts/%d", a.ID), Party: a.Party, PartyName: a.PartyName,
		EntityID: a.EntityID, EntityName: a.EntityName, Source: a.Source, EntityURL: entityURL(a.EntityID),
		Score: strconv.FormatFloat(a.Score, 'f', 3, 64), State: string(a.State), StateLabel: stateLabel(a.State), StateClass: stateClass(a.State),
		Origin: a.Origin, Opened: a.Opened.UTC().Format("2006-01-02 15:04 UTC")}
}

func stateLabel(s interdict.AlertState) string {
	switch s {
	case interdict.AlertOpen:
		return "open"
	case interdict.AlertPendingConfirm:
		return "confirmation awaits approval"
	case interdict.AlertPendingDismiss:
		return "dismissal awaits approval"
	case interdict.AlertConfirmed:
		return "confirmed: true match"
	case interdict.AlertDismissed:
		return "dismissed: false positive"
	}
	return string(s)
}

func stateClass(s interdict.AlertState) string {
	switch s {
	case interdict.AlertConfirmed:
		return "alert"
	case interdict.AlertDismissed:
		return "clear"
	}
	return ""
}

type alertsView struct {
	Filter string
	Rows   []alertRow
	Counts []stateCount
	Next   string
}

type stateCount struct {
	Label, Filter string
	Count         int64
	Current       bool
}

// alertsPage is the queue: active alerts, oldest first, or those of one
// state.
func (h *handler) alertsPage(w http.ResponseWriter, r *http.Request) {
	cb, ok := h.cases(w, r)
	if !ok {
		return
	}
	filter := r.URL.Query().Get("state")
	f := interdict.AlertFilter{Limit: 100}
	switch {
	case filter == "" || filter == "active":
		filter = "active"
		f.States = []interdict.AlertState{interdict.AlertOpen, interdict.AlertPendingConfirm, interdict.AlertPendingDismiss}
	case interdict.AlertState(filter).Valid():
		f.States = []interdict.AlertState{interdict.AlertState(filter)}
	case filter == "all":
	default:
		h.fail(w, r, http.StatusBadRequest)
		return
	}
	if a := r.URL.Query().Get("after"); a != "" {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n < 0 {
			h.fail(w, r, http.StatusBadRequest)
			return
		}
		f.AfterID = n
	}
	as, counts, err := cb.Alerts(r.Context(), f)
	if err != nil {
		h.log.Error("alerts: listing failed", "err", err)
		h.fail(w, r, http.StatusInternalServerError)
		return
	}
	v := alertsView{Filter: filter}
	for _, a := range as {
		v.Rows = append(v.Rows, newAlertRow(a))
	}
	active := counts[interdict.AlertOpen] + counts[interdict.AlertPendingConfirm] + counts[interdict.AlertPendingDismiss]
	v.Counts = append(v.Counts, stateCount{Label: "Awaiting a decision", Filter: "active", Count: active, Current: filter == "active"})
	for _, s := range []interdict.AlertState{interdict.AlertPendingConfirm, interdict.AlertPendingDismiss, interdict.AlertConfirmed, interdict.AlertDismissed} {
		v.Counts = append(v.Counts, stateCount{Label: stateLabel(s), Filter: string(s), Count: counts[s], Current: filter == string(s)})
	}
	if len(as) == f.Limit {
		v.Next = fmt.Sprintf("/alerts?state=%s&after=%d", filter, as[len(as)-1].ID)
	}
	h.render(w, r, http.StatusOK, "alerts", &page{Title: "Alerts", Nav: "alerts", Data: v})
}

type eventRow struct {
	At, Kind, State, Actor, Reason string
}

type caseView struct {
	Alert    alertRow
	Version  int64
	Query    string
	Snapshot string
	Matched  string
	History  []eventRow
	FourEyes bool
	// Actions the form offers in this state.
	CanDecide, CanApprove bool
	Error                 string
	Reason                string
}

// casePage shows one alert, its history and the decision form.
func (h *handler) casePage(w http.ResponseWriter, r *http.Request) {
	h.showCase(w, r, http.StatusOK, "", "")
}

func (h *handler) showCase(w http.ResponseWriter, r *http.Request, status int, problem, reason string) {
	cb, ok := h.cases(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.failWith(w, r, http.StatusNotFound, "No such alert", "There is no alert with this number.")
		return
	}
	a, evs, fourEyes, err := cb.Alert(r.Context(), id)
	if errors.Is(err, ErrNoAlert) {
		h.failWith(w, r, http.StatusNotFound, "No such alert", "There is no alert with this number.")
		return
	}
	if err != nil {
		h.log.Error("alerts: reading failed", "alert", id, "err", err)
		h.fail(w, r, http.StatusInternalServerError)
		return
	}
	v := caseView{Alert: newAlertRow(a), Version: a.Version, Query: strings.Join(a.Query.Names, " · "), Snapshot: a.Snapshot, Matched: a.MatchedName,
		FourEyes: fourEyes, CanDecide: a.State == interdict.AlertOpen,
		CanApprove: a.State == interdict.AlertPendingConfirm || a.State == interdict.AlertPendingDismiss, Error: problem, Reason: reason}
	for _, e := range evs {
		v.History = append(v.History, eventRow{At: e.At.UTC().Format(time.DateTime + " UTC"), Kind: string(e.Kind), State: stateLabel(e.State), Actor: e.Actor, Reason: e.Reason})
	}
	h.render(w, r, status, "case", &page{Title: fmt.Sprintf("Alert %d", a.ID), Nav: "alerts", Data: v})
}

// decide takes the decision form: confirm, dismiss, approve or reject,
// with a reason, on the version the analyst saw.
func (h *handler) decide(w http.ResponseWriter, r *http.Request) {
	cb, ok := h.cases(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, http.StatusNotFound)
		return
	}
	version, err := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	if err != nil {
		h.fail(w, r, http.StatusBadRequest)
		return
	}
	action, reason := r.PostForm.Get("action"), r.PostForm.Get("reason")
	err = cb.Decide(r.Context(), sessionFrom(r.Context()).key, id, action, reason, version)
	var refused *Refusal
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/alerts/%d", id), http.StatusSeeOther)
	case errors.Is(err, ErrNoAlert):
		h.failWith(w, r, http.StatusNotFound, "No such alert", "There is no alert with this number.")
	case errors.As(err, &refused):
		h.showCase(w, r, http.StatusConflict, refused.Message, reason)
	default:
		h.log.Error("alerts: decision failed", "alert", id, "err", err)
		h.fail(w, r, http.StatusInternalServerError)
	}
}
