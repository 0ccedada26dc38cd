package server

import (
	"context"
	"errors"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// The fake store holds no cases, monitored parties or webhooks: the unit
// tests that use it do not reach them (cases_e2e_test.go runs on SQLite).

var errFakeCases = errors.New("fake store: no cases")

func (f *fakeStore) OpenAlert(context.Context, interdict.Alert, interdict.CaseEvent) (interdict.Alert, bool, error) {
	return interdict.Alert{}, false, errFakeCases
}
func (f *fakeStore) GetAlert(context.Context, int64) (interdict.Alert, []interdict.CaseEvent, error) {
	return interdict.Alert{}, nil, store.ErrNotFound
}
func (f *fakeStore) ListAlerts(context.Context, interdict.AlertFilter) ([]interdict.Alert, error) {
	return nil, nil
}
func (f *fakeStore) CountAlerts(context.Context) (map[interdict.AlertState]int64, error) {
	return map[interdict.AlertState]int64{}, nil
}
func (f *fakeStore) TransitionAlert(context.Context, int64, int64, interdict.CaseEvent) (interdict.Alert, error) {
	return interdict.Alert{}, store.ErrNotFound
}
func (f *fakeStore) AddCaseEvent(context.Context, int64, interdict.CaseEvent) (interdict.CaseEvent, error) {
	return interdict.CaseEvent{}, store.ErrNotFound
}
func (f *fakeStore) PutMonitored(context.Context, []interdict.MonitoredParty, time.Time) (int, int, error) {
	return 0, 0, errFakeCases
}
func (f *fakeStore) GetMonitored(context.Context, string) (interdict.MonitoredParty, error) {
	return interdict.MonitoredParty{}, store.ErrNotFound
}
func (f *fakeStore) ListMonitored(context.Context, string, int) ([]interdict.MonitoredParty, error) {
	return nil, nil
}
func (f *fakeStore) CountMonitored(context.Context) (int64, error) { return 0, nil }
func (f *fakeStore) DeleteMonitored(context.Context, string) error { return store.ErrNotFound }
func (f *fakeStore) RecordScreenings(context.Context, []interdict.MonitoredScreening) error {
	return nil
}
func (f *fakeStore) CreateWebhook(context.Context, interdict.Webhook) (interdict.Webhook, error) {
	return interdict.Webhook{}, errFakeCases
}
func (f *fakeStore) GetWebhook(context.Context, int64) (interdict.Webhook, error) {
	return interdict.Webhook{}, store.ErrNotFound
}
func (f *fakeStore) ListWebhooks(context.Context) ([]interdict.Webhook, error) { return nil, nil }
func (f *fakeStore) SetWebhookActive(context.Context, int64, bool) error       { return store.ErrNotFound }
func (f *fakeStore) ClaimDeliveries(context.Context, time.Time, time.Duration, int) ([]interdict.Delivery, error) {
	return nil, nil
}
func (f *fakeStore) FinishAttempt(context.Context, int64, string, interdict.DeliveryAttempt) error {
	return store.ErrNotFound
}
func (f *fakeStore) ListDeliveries(context.Context, interdict.DeliveryFilter) ([]interdict.Delivery, error) {
	return nil, nil
}
func (f *fakeStore) RequeueDelivery(context.Context, int64, time.Time) error {
	return store.ErrNotFound
}
