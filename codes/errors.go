package codes

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// APIError is the JSON body of a failed REST response:
//
//	{"code": 40002, "message": "Invalid authentication token"}
//
// or, for a 5xx response, which has no code:
//
//	{"message": "Internal Server Error", "report": "1-2-4732n-xbsjdwa"}
type APIError struct {
	Status  int      `json:"-"` // HTTP status of the response
	Code    JSONCode `json:"code"`
	Message string   `json:"message"`
	Report  string   `json:"report,omitempty"` // id under which a 5xx error was logged
}

// Error returns e.g.
// "kettu: 40002 unauthorized, invalid token: Invalid authentication token".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("kettu: ")
	b.WriteString(strconv.Itoa(int(e.Code)))
	if e.Code.Known() {
		b.WriteString(" ")
		b.WriteString(e.Code.String())
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
	return b.String()
}

// Is reports whether target is e's JSON code, so that
// errors.Is(err, codes.JSONUnknownUser) works.
func (e *APIError) Is(target error) bool {
	c, ok := target.(JSONCode)
	return ok && c == e.Code
}

// maxErrorBody bounds what DecodeError reads: error bodies are small, and a
// client shouldn't buffer a huge one just to report it.
const maxErrorBody = 64 << 10

// DecodeError reads the body of a response with the given status (4xx or
// 5xx) and returns it as an [*APIError]. If the body isn't a JSON error
// object, one with a code or a message, it returns an error saying so, which
// holds no *APIError; the same if reading fails. It reads at most 64 KiB.
func DecodeError(status int, body io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(body, maxErrorBody))
	if err != nil {
		return fmt.Errorf("kettu: %s: reading error body: %w", statusText(status), err)
	}
	// Pointers tell a missing field from a zero one: an object with neither
	// a code nor a message is not an error body.
	var v struct {
		Code    *JSONCode `json:"code"`
		Message *string   `json:"message"`
		Report  string    `json:"report"`
	}
	if err := json.Unmarshal(data, &v); err != nil || v.Code == nil && v.Message == nil {
		return fmt.Errorf("kettu: %s: body is not a JSON error: %.64q", statusText(status), data)
	}
	e := &APIError{Status: status, Report: v.Report}
	if v.Code != nil {
		e.Code = *v.Code
	}
	if v.Message != nil {
		e.Message = *v.Message
	}
	return e
}

// statusText returns e.g. "HTTP 503 SERVER ERROR", or "HTTP 418".
func statusText(status int) string {
	s := "HTTP " + strconv.Itoa(status)
	if st := HTTPStatus(status); st.Known() {
		s += " " + st.String()
	}
	return s
}
