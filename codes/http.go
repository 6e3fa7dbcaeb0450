package codes

import "log/slog"

// An HTTPStatus is the status code of a REST response.
type HTTPStatus int

// statusEntry is an HTTP status's entry in the spec, or its range's.
type statusEntry struct {
	name    string
	meaning string
}

// String returns the name of s, e.g. "TOO MANY REQUESTS", or
// "HTTPStatus(418)" if the spec doesn't list s. A status in a range the spec
// lists has the range's name: 503 is "SERVER ERROR".
func (s HTTPStatus) String() string {
	if e, ok := lookupHTTPStatus(s); ok {
		return e.name
	}
	return unknown("HTTPStatus", int(s))
}

// Known reports whether the spec lists s, itself or in a range.
func (s HTTPStatus) Known() bool {
	_, ok := lookupHTTPStatus(s)
	return ok
}

// Meaning returns what s means, or "" if it is unknown.
func (s HTTPStatus) Meaning() string {
	e, _ := lookupHTTPStatus(s)
	return e.meaning
}

// LogValue records s as a group of its number and name, e.g.
// code=429 name="TOO MANY REQUESTS".
func (s HTTPStatus) LogValue() slog.Value { return codeValue(int(s), s.String()) }
