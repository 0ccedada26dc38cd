package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/server/web"
	"github.com/interdict/interdict/store"
)

// CodeConflict: the request lost a race (another decision came first) or
// does not apply to the resource as it stands (approving one's own
// proposal, deciding a decided case).
const CodeConflict Code = "conflict"

func init() { statusOf[CodeConflict] = http.StatusConflict }

// casesService is the rules over the store in service.
func (s *Server) casesService(b *backend) *cases.Service {
	return &cases.Service{Store: b.st, FourEyes: s.cfg.FourEyes, Now: s.now}
}

// caseError maps the errors of package cases and the store's to the API's.
func caseError(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errorf(CodeNotFound, "no such alert")
	case errors.Is(err, cases.ErrBadDecision), errors.Is(err, store.ErrInvalid):
		return &Error{Code: CodeBadRequest, Message: err.Error()}
	case errors.Is(err, store.ErrConflict):
		return &Error{Code: CodeConflict, Message: "the alert changed since it was read (another decision came first); read it again and decide on what it is now", Err: err}
	case errors.Is(err, cases.ErrNotAllowed):
		return &Error{Code: CodeConflict, Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return errInternal(err)
}

func actorOf(c *call) cases.Actor { return cases.Actor{KeyID: c.key.ID, Name: c.key.Name} }

// alertsPage is the answer to GET /v1/alerts.
type alertsPage struct {
	Alerts    []interdict.Alert              `json:"alerts"`
	NextAfter int64                          `json:"next_after,omitempty"`
	Counts    map[interdict.AlertState]int64 `json:"counts"`
}

// listAlerts answers GET /v1/alerts: the queue, oldest first.
func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request, c *call) error {
	v := r.URL.Query()
	f := interdict.AlertFilter{Party: v.Get("party"), EntityID: v.Get("entity"), Limit: 100}
	for _, st := range v["state"] {
		switch st {
		case "active":
			f.States = append(f.States, cases.Active...)
		default:
			if !interdict.AlertState(st).Valid() {
				return errorf(CodeBadRequest, "state %q: want active, open, pending-confirm, pending-dismiss, confirmed or dismissed", clip(st))
			}
			f.States = append(f.States, interdict.AlertState(st))
		}
	}
	var err error
	if l := v["limit"]; len(l) > 0 {
		if f.Limit, err = parseInt(l, "limit", 1, 1000); err != nil {
			return err
		}
	}
	if a := v.Get("after"); a != "" {
		if f.AfterID, err = strconv.ParseInt(a, 10, 64); err != nil || f.AfterID < 0 {
			return errorf(CodeBadRequest, "after %q: want the next_after of the previous page", clip(a))
		}
	}
	as, err := c.b.st.ListAlerts(r.Context(), f)
	if err != nil {
		return caseError(err)
	}
	counts, err := c.b.st.CountAlerts(r.Context())
	if err != nil {
		return caseError(err)
	}
	page := alertsPage{Alerts: as, Counts: counts}
	if page.Alerts == nil {
		page.Alerts = []interdict.Alert{}
	}
	if len(as) == f.Limit {
		page.NextAfter = as[len(as)-1].ID
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// caseResponse is one alert with its history.
type caseResponse struct {
	Alert   interdict.Alert       `json:"alert"`
	History []interdict.CaseEvent `json:"history"`
	// FourEyes says whether decisions need a second analyst.
	FourEyes bool `json:"four_eyes"`
}

func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(CodeNotFound, "no such alert")
	}
	return id, nil
}

// getAlert answers GET /v1/alerts/{id}.
func (s *Server) getAlert(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := alertID(r)
	if err != nil {
		return err
	}
	a, evs, err := c.b.st.GetAlert(r.Context(), id)
	if err != nil {
		return caseError(err)
	}
	writeJSON(w, http.StatusOK, caseResponse{Alert: a, History: evs, FourEyes: s.cfg.FourEyes})
	return nil
}

// decideAlert answers POST /v1/alerts/{id}/decision.
func (s *Server) decideAlert(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := alertID(r)
	if err != nil {
		return err
	}
	var d cases.Decision
	if err := decodeJSON(r.Body, &d); err != nil {
		return err
	}
	if _, err := s.casesService(c.b).Decide(r.Context(), id, actorOf(c), d); err != nil {
		return caseError(err)
	}
	return s.getAlert(w, r, c)
}

// noteAlert answers POST /v1/alerts/{id}/notes.
func (s *Server) noteAlert(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := alertID(r)
	if err != nil {
		return err
	}
	var n struct {
		Text string `json:"text"`
	}
	if err := decodeJSON(r.Body, &n); err != nil {
		return err
	}
	if _, err := s.casesService(c.b).Note(r.Context(), id, actorOf(c), n.Text); err != nil {
		return caseError(err)
	}
	return s.getAlert(w, r, c)
}

// The web UI's alert pages (web.CaseBackend).

// Alerts lists a page of the queue with the counts by state.
func (b Backend) Alerts(ctx context.Context, f interdict.AlertFilter) ([]interdict.Alert, map[interdict.AlertState]int64, error) {
	be := b.s.backend.Load()
	if be == nil {
		return nil, nil, errors.New("the store is not open")
	}
	as, err := be.st.ListAlerts(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	counts, err := be.st.CountAlerts(ctx)
	return as, counts, err
}

// Alert reads one alert and its history.
func (b Backend) Alert(ctx context.Context, id int64) (interdict.Alert, []interdict.CaseEvent, bool, error) {
	be := b.s.backend.Load()
	if be == nil {
		return interdict.Alert{}, nil, false, errors.New("the store is not open")
	}
	a, evs, err := be.st.GetAlert(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return a, nil, false, web.ErrNoAlert
	}
	return a, evs, b.s.cfg.FourEyes, err
}

// Decide applies a decision made in the browser, by the same rules as
// the API.
func (b Backend) Decide(ctx context.Context, key interdict.APIKey, id int64, action, reason string, version int64) error {
	be := b.s.backend.Load()
	if be == nil {
		return errors.New("the store is not open")
	}
	_, err := b.s.casesService(be).Decide(ctx, id, cases.Actor{KeyID: key.ID, Name: key.Name}, cases.Decision{Action: action, Reason: reason, Version: version})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound):
		return web.ErrNoAlert
	case errors.Is(err, store.ErrConflict):
		return &web.Refusal{Message: "The alert changed while you were reading it (another decision came first). Here it is as it stands now."}
	case errors.Is(err, cases.ErrBadDecision), errors.Is(err, cases.ErrNotAllowed):
		var msg string
		switch {
		case errors.Is(err, cases.ErrNeedsReason):
			msg = "Give a reason for the decision: it is kept in the case history."
		case errors.Is(err, cases.ErrOwnProposal):
			msg = "You proposed this decision; under the four-eyes rule another analyst must approve it."
		case errors.Is(err, cases.ErrBadDecision):
			msg = "Choose an action and give a reason of at most 4,000 characters."
		default:
			msg = "That action does not apply to the alert as it stands."
		}
		return &web.Refusal{Message: msg}
	}
	return err
}
