package codes

// A CloseCode is the status with which the gateway closes a connection.
type CloseCode int

// CloseCodeInfo is one gateway close code as the spec has it.
type CloseCodeInfo struct {
	Code        CloseCode
	Description string // Markdown
	Action      Action
	Meaning     string // Markdown
	Omit        string // why the docs leave it out of tables; "" if they don't
}

// An Action is what a client should do after the gateway closes the
// connection. Like the docs say, it is a suggestion.
type Action int

// The zero Action is none of these; CloseCode.Action never returns it.
const (
	Resume  Action = iota + 1 // reconnect and resume the session
	Restart                   // reconnect and identify for a new session
	Abort                     // don't reconnect: it would fail the same way
)

var actions = [...]string{Resume: "resume", Restart: "restart", Abort: "abort"}

// String returns the spec's name for a: "resume", "restart" or "abort".
func (a Action) String() string {
	if a > 0 && int(a) < len(actions) {
		return actions[a]
	}
	return unknown("Action", int(a))
}

var closeCodes = index(CloseCodes, func(i CloseCodeInfo) CloseCode { return i.Code })

// String returns the description of c without Markdown, e.g. "invalid seq",
// or "CloseCode(4999)" if the spec doesn't list c.
func (c CloseCode) String() string {
	if i, ok := closeCodes[c]; ok {
		return plain(i.Description)
	}
	return unknown("CloseCode", int(c))
}

// Known reports whether the spec lists c.
func (c CloseCode) Known() bool {
	_, ok := closeCodes[c]
	return ok
}

// Meaning returns what c means, or "" if it is unknown.
func (c CloseCode) Meaning() string { return plain(closeCodes[c].Meaning) }

// Action returns what a client should do after the gateway closes with c.
//
// It is Abort for a code the spec doesn't list. Such a code is most likely
// new, and nothing says reconnecting would help: if it is, say, a new kind
// of authentication failure, a client that reconnects would loop and get
// ratelimited. Aborting puts the unknown code in front of a person instead.
// Closes that don't come from kettu, like network failures or WebSocket
// status 1001 (going away), are for the client to handle before asking.
func (c CloseCode) Action() Action {
	if i, ok := closeCodes[c]; ok {
		return i.Action
	}
	return Abort
}

// CanReconnect reports whether a client should reconnect after c, resuming
// or not.
func (c CloseCode) CanReconnect() bool {
	a := c.Action()
	return a == Resume || a == Restart
}

// CanResume reports whether a client may resume its session after c.
func (c CloseCode) CanResume() bool { return c.Action() == Resume }
