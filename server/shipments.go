package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/shipment"
)

// auditShipment names shipment decisions in the audit trail.
const auditShipment = "POST /v1/shipments/screen"

// maxShipmentBody bounds a shipment: parties and up to a few thousand
// goods lines.
const maxShipmentBody = 4 << 20

// shipmentResponse is the answer to POST /v1/shipments/screen: the
// decision (level, every reason with evidence and source, each party's
// matches, goods controls, versions) and the audit record that holds it.
type shipmentResponse struct {
	AuditID  int64              `json:"audit_id"`
	Decision *shipment.Decision `json:"decision"`
}

// screenShipment answers POST /v1/shipments/screen. The decision is
// recorded in the audit trail like any screening, before it is sent: the
// shipment's party names are the query, "alert" stands for review or
// block, and every party match is kept.
func (s *Server) screenShipment(w http.ResponseWriter, r *http.Request, c *call) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err // a *http.MaxBytesError becomes 413 in asError
	}
	sh, err := shipment.DecodeJSON(body)
	if err != nil {
		var bad *shipment.InvalidError
		if errors.As(err, &bad) {
			return &Error{Code: CodeBadRequest, Message: "shipment: " + bad.Error()}
		}
		return errorf(CodeBadRequest, "shipment: the body is not a shipment JSON object")
	}
	snap, _, err := s.ready()
	if err != nil {
		return err
	}
	d, err := shipment.Screen(r.Context(), snap, sh)
	if err != nil {
		var bad *shipment.InvalidError
		if errors.As(err, &bad) {
			return &Error{Code: CodeBadRequest, Message: "shipment: " + bad.Error()}
		}
		return err
	}
	rec := &interdict.AuditRecord{
		At:       s.now().UTC(),
		KeyID:    c.key.ID,
		User:     c.key.Name,
		Route:    auditShipment,
		Snapshot: snap.Version,
		Decision: decisionClear,
		Matches:  []interdict.AuditMatch{},
	}
	if d.Level != shipment.Clear {
		rec.Decision = decisionAlert
	}
	for _, p := range d.Parties {
		rec.Query.Names = append(rec.Query.Names, p.Party.Name)
		for _, m := range p.Matches {
			rec.Matches = append(rec.Matches, interdict.AuditMatch{ID: m.ID, Score: m.Score, Alert: m.Alert})
		}
	}
	if len(rec.Query.Names) == 0 {
		rec.Query.Names = []string{"(no party)"}
	}
	if err := c.b.aud.Record(r.Context(), rec); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return &Error{Code: CodeTimeout, Message: "the request ran out of time before its decision was recorded; nothing was decided", Err: err}
		}
		return errInternal(fmt.Errorf("audit: %w", err))
	}
	writeJSON(w, http.StatusOK, shipmentResponse{AuditID: rec.ID, Decision: d})
	return nil
}
