package interdict

import (
	"strconv"
	"time"
)

// Webhook is a subscriber to new alerts: each alert opened is POSTed to
// URL, signed with Secret (HMAC-SHA256).
type Webhook struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
	// Secret signs the deliveries. The store keeps it as given (it must
	// sign), and the API shows it only when the webhook is created.
	Secret  string    `json:"-"`
	Active  bool      `json:"active"`
	Created time.Time `json:"created"`
}

// DeliveryState is where one delivery of one alert to one webhook stands.
type DeliveryState string

// Delivery states: pending until the receiver answers 2xx (delivered) or
// the last retry fails (dead, listed as a dead letter).
const (
	DeliveryPending   DeliveryState = "pending"
	DeliveryDelivered DeliveryState = "delivered"
	DeliveryDead      DeliveryState = "dead"
)

// Delivery is one alert owed to one webhook: a row of the outbox, written
// in the same transaction as the alert, so that no alert is opened
// without its deliveries.
type Delivery struct {
	ID        int64 `json:"id"`
	WebhookID int64 `json:"webhook_id"`
	AlertID   int64 `json:"alert_id"`
	// Key is the idempotency key sent with every attempt:
	// DeliveryKey(AlertID, WebhookID). Receivers recognise a repeat by it.
	Key      string        `json:"key"`
	Event    string        `json:"event"`
	State    DeliveryState `json:"state"`
	Attempts int           `json:"attempts"`
	Created  time.Time     `json:"created"`
	// NextAttempt is when a pending delivery is next due.
	NextAttempt time.Time `json:"next_attempt"`
	// LeaseUntil and LeaseToken belong to the worker that claimed it last;
	// another worker may claim it only after LeaseUntil.
	LeaseUntil time.Time `json:"-"`
	LeaseToken string    `json:"-"`
	// LastStatus and LastError describe the last failed attempt (HTTP
	// status, 0 when there was none).
	LastStatus int       `json:"last_status,omitempty"`
	LastError  string    `json:"last_error,omitempty"`
	Done       time.Time `json:"done,omitzero"`
}

// EventAlertOpened is the one event delivered today.
const EventAlertOpened = "alert.opened"

// DeliveryKey is the idempotency key of the delivery of an alert to a
// webhook: the same for every attempt, different for every (alert,
// webhook).
func DeliveryKey(alertID, webhookID int64) string {
	return "alert-" + strconv.FormatInt(alertID, 10) + "-webhook-" + strconv.FormatInt(webhookID, 10)
}

// DeliveryAttempt is the outcome of one attempt, as a worker reports it.
type DeliveryAttempt struct {
	At time.Time
	// OK: the receiver answered 2xx.
	OK     bool
	Status int
	Error  string
	// Next is when to try again after a failure; zero means it was the
	// last try and the delivery is dead.
	Next time.Time
}

// DeliveryFilter selects deliveries; zero fields match everything.
// Ascending id order from the first id above AfterID; Limit 0: no limit.
type DeliveryFilter struct {
	State     DeliveryState
	WebhookID int64
	AlertID   int64
	AfterID   int64
	Limit     int
}
