package codes

import (
	"strconv"
	"strings"
)

// An HTTPStatus is the status code of a REST response.
type HTTPStatus int

// HTTPStatusInfo is one HTTP status code, or range of them, as the spec has
// it.
type HTTPStatusInfo struct {
	Code    string // "429", or a range such as "5xx"
	Name    string // Markdown
	Meaning string // Markdown
	Omit    string // why the docs leave it out of tables; "" if they don't
}

// statusRange is an HTTPStatusInfo whose code is a range, e.g. 5xx.
type statusRange struct {
	lo, hi HTTPStatus
	info   HTTPStatusInfo
}

var statuses, statusRanges = indexStatuses(HTTPStatuses)

func indexStatuses(list []HTTPStatusInfo) (map[HTTPStatus]HTTPStatusInfo, []statusRange) {
	exact := map[HTTPStatus]HTTPStatusInfo{}
	var ranges []statusRange
	for _, i := range list {
		digits := strings.TrimRight(i.Code, "x")
		n, err := strconv.Atoi(digits)
		if err != nil {
			panic("codes: bad HTTP status " + strconv.Quote(i.Code))
		}
		if len(digits) == len(i.Code) {
			exact[HTTPStatus(n)] = i
			continue
		}
		span := 1
		for range len(i.Code) - len(digits) {
			span *= 10
		}
		lo := HTTPStatus(n * span)
		ranges = append(ranges, statusRange{lo, lo + HTTPStatus(span) - 1, i})
	}
	return exact, ranges
}

func (s HTTPStatus) info() (HTTPStatusInfo, bool) {
	if i, ok := statuses[s]; ok {
		return i, true
	}
	for _, r := range statusRanges {
		if r.lo <= s && s <= r.hi {
			return r.info, true
		}
	}
	return HTTPStatusInfo{}, false
}

// String returns the name of s, e.g. "TOO MANY REQUESTS", or
// "HTTPStatus(418)" if the spec doesn't list s. A status in a range the spec
// lists has the range's name: 503 is "SERVER ERROR".
func (s HTTPStatus) String() string {
	if i, ok := s.info(); ok {
		return plain(i.Name)
	}
	return unknown("HTTPStatus", int(s))
}

// Known reports whether the spec lists s, itself or in a range.
func (s HTTPStatus) Known() bool {
	_, ok := s.info()
	return ok
}

// Meaning returns what s means, or "" if it is unknown.
func (s HTTPStatus) Meaning() string {
	i, _ := s.info()
	return plain(i.Meaning)
}
