package codes

import (
	"log/slog"
	"strconv"
)

// The type CloseCode, its constants, the Action enum and the methods
// String, Known and Meaning are generated from codes.yaml into zz_codes.go.

// Action returns what a client should do after the connection closed with c.
//
// For a code the spec lists, it is the spec's action.
//
// For a code outside 4000–4999 it is ActionResume. Those codes are not
// kettu's verdict on the session but the transport's: 1000 (normal
// closure) and 1001 (going away) when a server restarts or a proxy
// recycles the connection, 1006 (abnormal closure) or a library's -1 when
// the network drops. The session is still alive on the server, and a blip
// must not shut a bot down; if the session is gone after all, the gateway
// answers the resume with OpInvalidSession and the client identifies anew.
//
// For an unknown code in 4000–4999 it is ActionAbort. Such a code is kettu
// closing on purpose for a reason newer than this package, and nothing says
// reconnecting would help: if it is, say, a new kind of authentication
// failure, a client that reconnects would loop and get ratelimited.
// Aborting puts the unknown code in front of a person instead.
func (c CloseCode) Action() Action {
	if e, ok := lookupCloseCode(c); ok {
		return e.action
	}
	if 4000 <= c && c <= 4999 {
		return ActionAbort
	}
	return ActionResume
}

// CanReconnect reports whether a client should reconnect after c, resuming
// or not.
func (c CloseCode) CanReconnect() bool {
	a := c.Action()
	return a == ActionResume || a == ActionRestart
}

// CanResume reports whether a client may resume its session after c.
func (c CloseCode) CanResume() bool { return c.Action() == ActionResume }

// LogValue records c as a group of its number and name, e.g.
// code=4004 name="authentication failed".
func (c CloseCode) LogValue() slog.Value { return codeValue(int(c), c.String()) }

// codeValue is the LogValue of every code type: the number, which is what
// to search logs for, and the name, which is what a person reads.
func codeValue(code int, name string) slog.Value {
	return slog.GroupValue(slog.Int("code", code), slog.String("name", name))
}

// unknown is the String of a code the spec doesn't list: "Opcode(42)".
func unknown(typ string, code int) string {
	return typ + "(" + strconv.Itoa(code) + ")"
}
