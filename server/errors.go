package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/interdict/interdict/screen"
)

// Code is the machine-readable kind of an API error, sent in the error
// envelope. Clients branch on it, never on the message.
type Code string

// The error codes. statusOf maps each to its HTTP status.
const (
	CodeBadRequest       Code = "bad_request"
	CodeUnauthorized     Code = "unauthorized"
	CodeForbidden        Code = "forbidden"
	CodeNotFound         Code = "not_found"
	CodeMethodNotAllowed Code = "method_not_allowed"
	CodeTooLarge         Code = "too_large"
	CodeRateLimited      Code = "rate_limited"
	CodeLoading          Code = "loading"
	CodeTimeout          Code = "timeout"
	CodeInternal         Code = "internal"
)

// statusOf is the one place an error code becomes an HTTP status.
var statusOf = map[Code]int{
	CodeBadRequest:       http.StatusBadRequest,
	CodeUnauthorized:     http.StatusUnauthorized,
	CodeForbidden:        http.StatusForbidden,
	CodeNotFound:         http.StatusNotFound,
	CodeMethodNotAllowed: http.StatusMethodNotAllowed,
	CodeTooLarge:         http.StatusRequestEntityTooLarge,
	CodeRateLimited:      http.StatusTooManyRequests,
	CodeLoading:          http.StatusServiceUnavailable,
	CodeTimeout:          http.StatusServiceUnavailable,
	CodeInternal:         http.StatusInternalServerError,
}

// Error is an API error. Message is written for the client and is always
// safe to send; Err, the cause, is logged and never sent.
type Error struct {
	Code    Code
	Message string
	// RetryAfter, when set, is sent as the Retry-After header (rate
	// limits, loading).
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// errorf makes an error whose message is shown to the client.
func errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// errInternal wraps a cause the client must not see.
func errInternal(err error) *Error {
	return &Error{Code: CodeInternal, Message: "internal error; the server log has the details", Err: err}
}

// asError classifies any error a handler returns. Only errors built by this
// package, bad queries (whose text describes the client's own input) and
// the standard request limits are shown as they are; everything else is an
// internal error whose text stays in the log.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errorf(CodeTooLarge, "request body over %d bytes", tooBig.Limit)
	case errors.Is(err, screen.ErrBadQuery):
		return &Error{Code: CodeBadRequest, Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: CodeTimeout, Message: "the request took too long and was stopped", Err: err}
	}
	return errInternal(err)
}

// errorBody is the envelope every error is sent in.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// writeError sends err in the envelope with its status, and logs the
// cause of server-side failures.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := asError(err)
	status, ok := statusOf[e.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 && e.Code != CodeLoading {
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.Int("status", status), slog.String("error", e.Error()))
	}
	if e.RetryAfter > 0 {
		secs := int64((e.RetryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	if e.Code == CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="interdict"`)
	}
	writeJSON(w, status, errorBody{errorDetail{Code: e.Code, Message: e.Message}})
}
