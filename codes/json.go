package codes

// A JSONCode is the code in the JSON body of a failed REST response.
//
// It is also an error, like syscall.Errno, so errors.Is can match an
// [*APIError] against a code: errors.Is(err, codes.JSONUnknownUser).
type JSONCode int

// JSONCodeInfo is one JSON error code as the spec has it.
type JSONCodeInfo struct {
	Code    JSONCode
	Meaning string // Markdown
	Omit    string // why the docs leave it out of tables; "" if they don't
}

// A Category is the kind of a JSON error code, given by its first digit.
type Category int

// The values are the first digits of the five-digit codes.
const (
	General         Category = iota // code 0, and codes of no other category
	UnknownResource                 // 1xxxx: unknown user, guild, …
	Restriction                     // 2xxxx: not allowed for this user and resource
	Limit                           // 3xxxx: some limit reached
	Authorization                   // 4xxxx: authorization or request issue
	Configuration                   // 5xxxx: invalid request configuration
)

var categories = [...]string{
	General:         "general",
	UnknownResource: "unknown resource",
	Restriction:     "restriction",
	Limit:           "limit",
	Authorization:   "authorization or request",
	Configuration:   "invalid configuration",
}

// String returns a short description of c, e.g. "unknown resource".
func (c Category) String() string {
	if c >= 0 && int(c) < len(categories) {
		return categories[c]
	}
	return unknown("Category", int(c))
}

var jsonCodes = index(JSONCodes, func(i JSONCodeInfo) JSONCode { return i.Code })

// String returns the meaning of c, e.g. "unknown user", or "JSONCode(60001)"
// if the spec doesn't list c.
func (c JSONCode) String() string {
	if i, ok := jsonCodes[c]; ok {
		return plain(i.Meaning)
	}
	return unknown("JSONCode", int(c))
}

// Error returns c.String().
func (c JSONCode) Error() string { return c.String() }

// Known reports whether the spec lists c.
func (c JSONCode) Known() bool {
	_, ok := jsonCodes[c]
	return ok
}

// Category returns the category of c from its first digit. It needs no spec
// entry, so a client can handle a code newer than this package: 10999 is an
// UnknownResource. Codes of no category are General.
func (c JSONCode) Category() Category {
	if c >= 10000 && c <= 59999 {
		return Category(c / 10000)
	}
	return General
}
