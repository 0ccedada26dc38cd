package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/webhook"
)

// startWebhooks runs the delivery worker on the server's background
// context once the store is open.
func (s *Server) startWebhooks(st store.Store) {
	w := &webhook.Worker{Store: st, Client: s.cfg.WebhookClient, Log: s.log, Now: s.now}
	s.hooks.Store(w)
	s.background(w.Run)
}

// notifyWebhooks wakes the worker: alerts were opened.
func (s *Server) notifyWebhooks() {
	if w := s.hooks.Load(); w != nil {
		w.Notify()
	}
}

// webhookCreated answers POST /v1/webhooks: the webhook and, this once,
// its signing secret.
type webhookCreated struct {
	interdict.Webhook
	Secret string `json:"secret"`
}

// createWebhook answers POST /v1/webhooks.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, c *call) error {
	var req struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	if err := decodeJSON(r.Body, &req); err != nil {
		return err
	}
	hook := interdict.Webhook{Name: strings.TrimSpace(req.Name), URL: strings.TrimSpace(req.URL), Secret: webhook.NewSecret(), Active: true, Created: s.now().UTC()}
	if err := store.CheckWebhook(&hook); err != nil {
		return &Error{Code: CodeBadRequest, Message: err.Error()}
	}
	created, err := c.b.st.CreateWebhook(r.Context(), hook)
	if err != nil {
		return errInternal(err)
	}
	s.log.Info("webhook created", "webhook", created.ID, "url", created.URL, "by", c.key.ID)
	writeJSON(w, http.StatusOK, webhookCreated{Webhook: created, Secret: created.Secret})
	return nil
}

// listWebhooks answers GET /v1/webhooks (without secrets).
func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, c *call) error {
	hooks, err := c.b.st.ListWebhooks(r.Context())
	if err != nil {
		return errInternal(err)
	}
	if hooks == nil {
		hooks = []interdict.Webhook{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": hooks})
	return nil
}

// deliveriesPage answers GET /v1/webhooks/dead-letters.
type deliveriesPage struct {
	Deliveries []interdict.Delivery `json:"deliveries"`
	NextAfter  int64                `json:"next_after,omitempty"`
}

// deadLetters answers GET /v1/webhooks/dead-letters: deliveries that
// failed their last attempt.
func (s *Server) deadLetters(w http.ResponseWriter, r *http.Request, c *call) error {
	v := r.URL.Query()
	f := interdict.DeliveryFilter{State: interdict.DeliveryDead, Limit: 100}
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
	ds, err := c.b.st.ListDeliveries(r.Context(), f)
	if err != nil {
		return errInternal(err)
	}
	page := deliveriesPage{Deliveries: ds}
	if page.Deliveries == nil {
		page.Deliveries = []interdict.Delivery{}
	}
	if len(ds) == f.Limit {
		page.NextAfter = ds[len(ds)-1].ID
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// requeueDelivery answers POST /v1/webhooks/dead-letters/{id}/requeue.
func (s *Server) requeueDelivery(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errorf(CodeNotFound, "no such delivery")
	}
	switch err := c.b.st.RequeueDelivery(r.Context(), id, s.now()); {
	case errors.Is(err, store.ErrNotFound):
		return errorf(CodeNotFound, "no such delivery")
	case errors.Is(err, store.ErrConflict):
		return errorf(CodeConflict, "delivery %d is not a dead letter", id)
	case errors.Is(err, context.DeadlineExceeded):
		return err
	case err != nil:
		return errInternal(err)
	}
	s.notifyWebhooks()
	writeJSON(w, http.StatusOK, map[string]int64{"requeued": id})
	return nil
}
