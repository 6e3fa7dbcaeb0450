package codes_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/kettu/kettudocs/codes"
)

func TestOpcode(t *testing.T) {
	tests := []struct {
		op                     codes.Opcode
		str, meaning           string
		dir                    codes.Direction
		known, sends, receives bool
	}{
		{codes.OpDispatch, "dispatch", "all typical gateway events", codes.DirectionBoth, true, true, true},
		{codes.OpHello, "hello", "first received message after connecting", codes.DirectionReceive, true, false, true},
		{codes.OpIdentify, "identify", "used to identify the connection", codes.DirectionSend, true, true, false},
		{codes.OpInvalidSession, "invalid session", "the session is invalid; reconnect and identify again", codes.DirectionReceive, true, false, true},
		{codes.OpReconnect, "reconnect", "the server asks you to reconnect and resume", codes.DirectionReceive, true, false, true},
		{2, "Opcode(2)", "", 0, false, false, false},
		{-1, "Opcode(-1)", "", 0, false, false, false},
	}
	for _, tt := range tests {
		op := tt.op
		if op.String() != tt.str || op.Meaning() != tt.meaning || op.Direction() != tt.dir ||
			op.Known() != tt.known || op.ClientSends() != tt.sends || op.ClientReceives() != tt.receives {
			t.Errorf("Opcode(%d): got %q %q %v known=%v sends=%v receives=%v, want %q %q %v known=%v sends=%v receives=%v",
				int(op), op.String(), op.Meaning(), op.Direction(), op.Known(), op.ClientSends(), op.ClientReceives(),
				tt.str, tt.meaning, tt.dir, tt.known, tt.sends, tt.receives)
		}
	}
}

func TestDirectionString(t *testing.T) {
	for d, want := range map[codes.Direction]string{
		codes.DirectionSend: "send", codes.DirectionReceive: "receive", codes.DirectionBoth: "both", 0: "Direction(0)", 9: "Direction(9)",
	} {
		if got := d.String(); got != want {
			t.Errorf("Direction(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

func TestCloseCode(t *testing.T) {
	tests := []struct {
		code                 codes.CloseCode
		str, meaning         string
		action               codes.Action
		known, reconn, resum bool
	}{
		{codes.CloseUnknownError, "unknown error", "unknown error, try reconnecting", codes.ActionResume, true, true, true},
		{codes.CloseAuthenticationFailed, "authentication failed", "the token is invalid, probably", codes.ActionAbort, true, false, false},
		{codes.CloseInvalidSeq, "invalid seq", "you sent an invalid seq when resuming", codes.ActionRestart, true, true, false},
		{codes.CloseServerRestarting, "server restarting", "reconnect and start a new session (delay 3-6 seconds)", codes.ActionRestart, true, true, false},
		{codes.CloseInvalidAPIVersion, "invalid api version", "that api version isn't supported", codes.ActionAbort, true, false, false},
		// Unknown kettu codes abort: see CloseCode.Action.
		{4006, "CloseCode(4006)", "", codes.ActionAbort, false, false, false},
		{4999, "CloseCode(4999)", "", codes.ActionAbort, false, false, false},
		// The transport's closes resume: a network blip must not stop a bot.
		{3999, "CloseCode(3999)", "", codes.ActionResume, false, true, true},
		{5000, "CloseCode(5000)", "", codes.ActionResume, false, true, true},
		{1000, "CloseCode(1000)", "", codes.ActionResume, false, true, true}, // normal closure
		{1001, "CloseCode(1001)", "", codes.ActionResume, false, true, true}, // going away
		{1006, "CloseCode(1006)", "", codes.ActionResume, false, true, true}, // abnormal closure: the network dropped
		{1011, "CloseCode(1011)", "", codes.ActionResume, false, true, true}, // internal error
		{1015, "CloseCode(1015)", "", codes.ActionResume, false, true, true}, // TLS handshake
		{0, "CloseCode(0)", "", codes.ActionResume, false, true, true},
		{-1, "CloseCode(-1)", "", codes.ActionResume, false, true, true}, // a library's "no close frame"
	}
	for _, tt := range tests {
		c := tt.code
		if c.String() != tt.str || c.Meaning() != tt.meaning || c.Action() != tt.action ||
			c.Known() != tt.known || c.CanReconnect() != tt.reconn || c.CanResume() != tt.resum {
			t.Errorf("CloseCode(%d): got %q %q %v known=%v reconnect=%v resume=%v, want %q %q %v known=%v reconnect=%v resume=%v",
				int(c), c.String(), c.Meaning(), c.Action(), c.Known(), c.CanReconnect(), c.CanResume(),
				tt.str, tt.meaning, tt.action, tt.known, tt.reconn, tt.resum)
		}
	}
}

func TestActionString(t *testing.T) {
	for a, want := range map[codes.Action]string{
		codes.ActionResume: "resume", codes.ActionRestart: "restart", codes.ActionAbort: "abort", 0: "Action(0)", 4: "Action(4)",
	} {
		if got := a.String(); got != want {
			t.Errorf("Action(%d).String() = %q, want %q", int(a), got, want)
		}
	}
}

func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		s            codes.HTTPStatus
		str, meaning string
	}{
		{codes.StatusOK, "OK", "request completed"},
		{codes.StatusNoContent, "NO CONTENT", "it worked and nothing was returned"},
		{codes.StatusUnauthorized, "UNAUTHORIZED", "you need an Authorization header"},
		{codes.StatusTooManyRequests, "TOO MANY REQUESTS", "do that less please kthx"},
		{500, "SERVER ERROR", "sorry my bad"},
		{503, "SERVER ERROR", "sorry my bad"},
		{599, "SERVER ERROR", "sorry my bad"},
		{600, "HTTPStatus(600)", ""},
		{499, "HTTPStatus(499)", ""},
		{418, "HTTPStatus(418)", ""},
	}
	for _, tt := range tests {
		if got, meaning := tt.s.String(), tt.s.Meaning(); got != tt.str || meaning != tt.meaning {
			t.Errorf("HTTPStatus(%d): got %q %q, want %q %q", int(tt.s), got, meaning, tt.str, tt.meaning)
		}
		if known := tt.s.Known(); known != (tt.meaning != "") {
			t.Errorf("HTTPStatus(%d).Known() = %v", int(tt.s), known)
		}
	}
}

func TestJSONCode(t *testing.T) {
	tests := []struct {
		c     codes.JSONCode
		str   string
		cat   codes.Category
		catS  string
		known bool
	}{
		{codes.JSONGeneralError, "general error", codes.CategoryGeneral, "general", true},
		{codes.JSONUnknownUser, "unknown user", codes.CategoryUnknownResource, "unknown resource", true},
		{codes.JSONUnauthorizedInvalidToken, "unauthorized, invalid token", codes.CategoryAuthorization, "authorization or request", true},
		{codes.JSONInvalidIPForTheMFACode, "invalid ip for the mfa code", codes.CategoryConfiguration, "invalid configuration", true},
		// Unknown codes still have a category, from the first digit.
		{10999, "JSONCode(10999)", codes.CategoryUnknownResource, "unknown resource", false},
		{20001, "JSONCode(20001)", codes.CategoryRestriction, "restriction", false},
		{30001, "JSONCode(30001)", codes.CategoryLimit, "limit", false},
		{60001, "JSONCode(60001)", codes.CategoryGeneral, "general", false},
		{123, "JSONCode(123)", codes.CategoryGeneral, "general", false},
		{-10001, "JSONCode(-10001)", codes.CategoryGeneral, "general", false},
	}
	for _, tt := range tests {
		c := tt.c
		if c.String() != tt.str || c.Error() != tt.str || c.Category() != tt.cat || c.Category().String() != tt.catS || c.Known() != tt.known {
			t.Errorf("JSONCode(%d): got %q %v %q known=%v, want %q %v %q known=%v",
				int(c), c.String(), c.Category(), c.Category().String(), c.Known(), tt.str, tt.cat, tt.catS, tt.known)
		}
	}
	if got := codes.Category(9).String(); got != "Category(9)" {
		t.Errorf("Category(9).String() = %q", got)
	}
}

// TestEveryCloseCodeHasAnAction checks each close code the spec lists has one
// of the three actions, so a client's switch on it is exhaustive.
func TestEveryCloseCodeHasAnAction(t *testing.T) {
	for c := codes.CloseCode(4000); c <= 4999; c++ {
		if a := c.Action(); a < codes.ActionResume || a > codes.ActionAbort {
			t.Errorf("CloseCode(%d).Action() = %v", int(c), a)
		}
	}
}

func TestLogValue(t *testing.T) {
	tests := []struct {
		v    slog.LogValuer
		want string
	}{
		{codes.OpInvalidSession, `v.code=6 v.name="invalid session"`},
		{codes.Opcode(42), `v.code=42 v.name=Opcode(42)`},
		{codes.CloseAuthenticationFailed, `v.code=4004 v.name="authentication failed"`},
		{codes.CloseCode(1006), `v.code=1006 v.name=CloseCode(1006)`},
		{codes.StatusTooManyRequests, `v.code=429 v.name="TOO MANY REQUESTS"`},
		{codes.HTTPStatus(503), `v.code=503 v.name="SERVER ERROR"`},
		{codes.JSONUnknownUser, `v.code=10001 v.name="unknown user"`},
		{codes.JSONGeneralError, `v.code=0 v.name="general error"`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
			ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
				if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == slog.LevelKey || a.Key == slog.MessageKey) {
					return slog.Attr{}
				}
				return a
			},
		}))
		log.Info("", "v", tt.v)
		if got := string(bytes.TrimSpace(buf.Bytes())); got != tt.want {
			t.Errorf("%T %v logs %s, want %s", tt.v, tt.v, got, tt.want)
		}
	}
}

// TestLookupAllocates checks the package allocates nothing to look a code
// up: its data is in switches, not in tables built at init.
func TestLookupAllocates(t *testing.T) {
	n := testing.AllocsPerRun(10, func() {
		_ = codes.CloseInvalidSeq.String()
		_ = codes.OpHello.Direction()
		_ = codes.HTTPStatus(503).Meaning()
		_ = codes.JSONUnknownUser.Known()
	})
	if n != 0 {
		t.Errorf("looking codes up allocates %v times", n)
	}
}
