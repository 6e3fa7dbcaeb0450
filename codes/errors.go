package codes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// APIError is a failed REST response: any response whose status is not
// 2xx. Its body is usually a JSON error object,
//
//	{"code": 40002, "message": "Invalid authentication token"}
//
// or, for a 5xx response, one without a code,
//
//	{"message": "Internal Server Error", "report": "1-2-4732n-xbsjdwa"}
//
// but a proxy in the way may answer with an HTML page or nothing at all, and
// that is an APIError too, with only Status, Body and RetryAfter set.
type APIError struct {
	Status HTTPStatus // of the response

	// Code is the body's JSON code when HasCode is true. A body without
	// one, such as a 5xx's, leaves Code 0 and HasCode false: it is not
	// JSONGeneralError, which is a code the server sent.
	Code    JSONCode
	HasCode bool

	Message string // the body's message, if any
	Report  string // id under which a 5xx error was logged, if any

	// RetryAfter is how long the Retry-After header asks to wait, given
	// in seconds or as an HTTP date; 0 if it is missing or not valid.
	// Only DecodeResponse sees headers.
	RetryAfter time.Duration

	// Body is the body as received, at most 64 KiB of it.
	Body []byte
}

// Error returns the status, then the JSON code and its name when there is
// one, then the message, e.g.
// "kettu: HTTP 401 UNAUTHORIZED: 40002 unauthorized, invalid token: Invalid authentication token".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("kettu: HTTP ")
	b.WriteString(strconv.Itoa(int(e.Status)))
	if e.Status.Known() {
		b.WriteString(" ")
		b.WriteString(e.Status.String())
	}
	if e.HasCode {
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(int(e.Code)))
		if e.Code.Known() {
			b.WriteString(" ")
			b.WriteString(e.Code.String())
		}
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Report != "" {
		b.WriteString(" (report ")
		b.WriteString(e.Report)
		b.WriteString(")")
	}
	if !e.HasCode && e.Message == "" && len(e.Body) > 0 {
		// A body that is not a kettu error, likely a proxy's page: its
		// start is all there is to go on.
		fmt.Fprintf(&b, ": body %.64q", e.Body)
	}
	return b.String()
}

// Is reports whether target is e's JSON code, so that
// errors.Is(err, codes.JSONUnknownUser) works. An error without a code
// matches no code, JSONGeneralError included.
func (e *APIError) Is(target error) bool {
	c, ok := target.(JSONCode)
	return ok && e.HasCode && c == e.Code
}

// MarshalJSON returns the body as received when it was JSON, so that a
// client passing the error on sends what the server sent. Otherwise it
// returns the error's fields as a JSON error object.
func (e *APIError) MarshalJSON() ([]byte, error) {
	if len(e.Body) > 0 && json.Valid(e.Body) {
		return bytes.Clone(e.Body), nil
	}
	v := struct {
		Code    *JSONCode `json:"code,omitempty"`
		Message string    `json:"message"`
		Report  string    `json:"report,omitempty"`
	}{Message: e.Message, Report: e.Report}
	if e.HasCode {
		v.Code = &e.Code
	}
	return json.Marshal(v)
}

// LogValue records e as a group of the status, the code when there is one,
// the message, the report and the Retry-After delay when set, e.g.
// status.code=429 status.name="TOO MANY REQUESTS" message="…" retry_after=2s.
func (e *APIError) LogValue() slog.Value {
	if e == nil {
		return slog.StringValue("<nil>")
	}
	attrs := []slog.Attr{slog.Any("status", e.Status)}
	if e.HasCode {
		attrs = append(attrs, slog.Any("code", e.Code))
	}
	if e.Message != "" {
		attrs = append(attrs, slog.String("message", e.Message))
	}
	if e.Report != "" {
		attrs = append(attrs, slog.String("report", e.Report))
	}
	if e.RetryAfter > 0 {
		attrs = append(attrs, slog.Duration("retry_after", e.RetryAfter))
	}
	return slog.GroupValue(attrs...)
}

// maxErrorBody bounds what is read of an error body: error bodies are
// small, and a client shouldn't buffer a huge one just to report it.
const maxErrorBody = 64 << 10

// DecodeResponse returns nil if resp's status is 2xx, and otherwise an
// [*APIError] with the status, what the body says and the Retry-After
// header. It reads at most 64 KiB of the body and does not close it.
//
// A 3xx response is an *APIError too: kettu's only one, 304 Not Modified,
// answers a conditional request, so a client that makes them checks
// for it first.
//
// If reading the body fails, the error it returns holds both the
// *APIError, with what was read, and the read error, for errors.As and
// errors.Is.
func DecodeResponse(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	var body io.Reader = http.NoBody
	if resp.Body != nil {
		body = resp.Body
	}
	e, err := decode(resp.StatusCode, body)
	e.RetryAfter = retryAfter(resp.Header)
	if err != nil {
		return fmt.Errorf("%w (reading body: %w)", e, err)
	}
	return e
}

// DecodeError reads the body of a response with the given status and
// returns it as an [*APIError], whatever the body holds; see
// [DecodeResponse], which also reads the headers and is what most clients
// want. It reads at most 64 KiB.
func DecodeError(status int, body io.Reader) error {
	e, err := decode(status, body)
	if err != nil {
		return fmt.Errorf("%w (reading body: %w)", e, err)
	}
	return e
}

func decode(status int, body io.Reader) (*APIError, error) {
	data, err := io.ReadAll(io.LimitReader(body, maxErrorBody))
	e := &APIError{Status: HTTPStatus(status), Body: data}
	if err != nil {
		return e, err
	}
	// Each field on its own, so a body with, say, a code that is not a
	// number still yields its message.
	var v map[string]json.RawMessage
	if json.Unmarshal(data, &v) != nil {
		return e, nil
	}
	// A null code is no code, as json.Unmarshal would leave Code 0.
	if raw, ok := v["code"]; ok && string(raw) != "null" && json.Unmarshal(raw, &e.Code) == nil {
		e.HasCode = true
	} else {
		e.Code = 0
	}
	_ = json.Unmarshal(v["message"], &e.Message)
	_ = json.Unmarshal(v["report"], &e.Report)
	return e, nil
}

// retryAfter returns the delay a Retry-After header asks for: a number of
// seconds, or an HTTP date, taken relative to the response's Date header
// when it has one, so a client whose clock is off still waits as long as
// the server meant.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		// Cap where a Duration would overflow.
		if n > int64(1<<63-1)/int64(time.Second) {
			return time.Duration(1<<63 - 1)
		}
		return time.Duration(n) * time.Second
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	base := time.Now()
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		base = d
	}
	if d := at.Sub(base); d > 0 {
		return d
	}
	return 0
}
