package codes

import "log/slog"

// The type JSONCode, its constants and the methods String and Known are
// generated from codes.yaml into zz_codes.go.

// A Category is the kind of a JSON error code, given by its first digit.
//
// It is coarse: CategoryAuthorization, for one, holds an expired access
// token, which a refresh fixes, beside a blacklisted client and an endpoint
// bots can't use, which no retry fixes. Match the codes themselves with
// errors.Is to decide what to do.
type Category int

// The values are the first digits of the five-digit codes.
const (
	CategoryGeneral         Category = iota // code 0, and codes of no other category
	CategoryUnknownResource                 // 1xxxx: unknown user, guild, …
	CategoryRestriction                     // 2xxxx: not allowed for this user and resource
	CategoryLimit                           // 3xxxx: some limit reached
	CategoryAuthorization                   // 4xxxx: authorization or request issue
	CategoryConfiguration                   // 5xxxx: invalid request configuration
)

var categoryNames = [...]string{
	CategoryGeneral:         "general",
	CategoryUnknownResource: "unknown resource",
	CategoryRestriction:     "restriction",
	CategoryLimit:           "limit",
	CategoryAuthorization:   "authorization or request",
	CategoryConfiguration:   "invalid configuration",
}

// String returns a short description of c, e.g. "unknown resource".
func (c Category) String() string {
	if c >= 0 && int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return unknown("Category", int(c))
}

// Error returns c.String().
func (c JSONCode) Error() string { return c.String() }

// Category returns the category of c from its first digit. It needs no spec
// entry, so a client can handle a code newer than this package: 10999 is in
// CategoryUnknownResource. Codes of no category are CategoryGeneral.
func (c JSONCode) Category() Category {
	if c >= 10000 && c <= 59999 {
		return Category(c / 10000)
	}
	return CategoryGeneral
}

// LogValue records c as a group of its number and name, e.g.
// code=10001 name="unknown user".
func (c JSONCode) LogValue() slog.Value { return codeValue(int(c), c.String()) }
