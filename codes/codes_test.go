package codes_test

import (
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"kettudocs/codes"
)

func TestOpcode(t *testing.T) {
	tests := []struct {
		op                     codes.Opcode
		str, meaning           string
		dir                    codes.Direction
		known, sends, receives bool
	}{
		{codes.OpDispatch, "dispatch", "all typical gateway events", codes.Both, true, true, true},
		{codes.OpHello, "hello", "first received message after connecting", codes.Receive, true, false, true},
		{codes.OpIdentify, "identify", "used to identify the connection", codes.Send, true, true, false},
		{codes.OpInvalidSession, "invalid session", "the session is invalid; reconnect and identify again", codes.Receive, true, false, true},
		{codes.OpReconnect, "reconnect", "the server asks you to reconnect and resume", codes.Receive, true, false, true},
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
		codes.Send: "send", codes.Receive: "receive", codes.Both: "both", 0: "Direction(0)", 9: "Direction(9)",
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
		{codes.CloseUnknownError, "unknown error", "unknown error, try reconnecting", codes.Resume, true, true, true},
		{codes.CloseAuthenticationFailed, "authentication failed", "the token is invalid, probably", codes.Abort, true, false, false},
		{codes.CloseInvalidSeq, "invalid seq", "you sent an invalid seq when resuming", codes.Restart, true, true, false},
		{codes.CloseServerRestarting, "server restarting", "reconnect and start a new session (delay 3-6 seconds)", codes.Restart, true, true, false},
		{codes.CloseInvalidAPIVersion, "invalid api version", "that api version isn't supported", codes.Abort, true, false, false},
		// Unknown codes abort: see CloseCode.Action.
		{4006, "CloseCode(4006)", "", codes.Abort, false, false, false},
		{1001, "CloseCode(1001)", "", codes.Abort, false, false, false},
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
		codes.Resume: "resume", codes.Restart: "restart", codes.Abort: "abort", 0: "Action(0)", 4: "Action(4)",
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
		{codes.JSONGeneralError, "general error", codes.General, "general", true},
		{codes.JSONUnknownUser, "unknown user", codes.UnknownResource, "unknown resource", true},
		{codes.JSONUnauthorizedInvalidToken, "unauthorized, invalid token", codes.Authorization, "authorization or request", true},
		{codes.JSONInvalidIPForTheMFACode, "invalid ip for the mfa code", codes.Configuration, "invalid configuration", true},
		// Unknown codes still have a category, from the first digit.
		{10999, "JSONCode(10999)", codes.UnknownResource, "unknown resource", false},
		{20001, "JSONCode(20001)", codes.Restriction, "restriction", false},
		{30001, "JSONCode(30001)", codes.Limit, "limit", false},
		{60001, "JSONCode(60001)", codes.General, "general", false},
		{123, "JSONCode(123)", codes.General, "general", false},
		{-10001, "JSONCode(-10001)", codes.General, "general", false},
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

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   *codes.APIError
		msg    string
	}{
		{
			name:   "4xx",
			status: 401,
			body:   `{"code": 40002, "message": "Invalid authentication token"}`,
			want:   &codes.APIError{Status: 401, Code: codes.JSONUnauthorizedInvalidToken, Message: "Invalid authentication token"},
			msg:    "kettu: 40002 unauthorized, invalid token: Invalid authentication token",
		},
		{
			name:   "5xx",
			status: 500,
			body:   "{\n  \"message\": \"Internal Server Error\",\n  \"report\": \"1-2-4732n-xbsjdwa\"\n}\n",
			want:   &codes.APIError{Status: 500, Code: codes.JSONGeneralError, Message: "Internal Server Error", Report: "1-2-4732n-xbsjdwa"},
			msg:    "kettu: 0 general error: Internal Server Error (report 1-2-4732n-xbsjdwa)",
		},
		{
			name:   "unknown code",
			status: 400,
			body:   `{"code": 60001, "message": "Something new", "extra": true}`,
			want:   &codes.APIError{Status: 400, Code: 60001, Message: "Something new"},
			msg:    "kettu: 60001: Something new",
		},
		{
			name:   "code only",
			status: 404,
			body:   `{"code": 10001}`,
			want:   &codes.APIError{Status: 404, Code: codes.JSONUnknownUser},
			msg:    "kettu: 10001 unknown user",
		},
		{
			name:   "HTML",
			status: 502,
			body:   "<html>Bad Gateway</html>",
			msg:    `kettu: HTTP 502 SERVER ERROR: body is not a JSON error: "<html>Bad Gateway</html>"`,
		},
		{
			name:   "empty",
			status: 418,
			msg:    `kettu: HTTP 418: body is not a JSON error: ""`,
		},
		{
			name:   "other JSON",
			status: 400,
			body:   `{"error": "nope"}`,
			msg:    `kettu: HTTP 400 BAD REQUEST: body is not a JSON error: "{\"error\": \"nope\"}"`,
		},
		{
			name:   "null",
			status: 400,
			body:   `null`,
			msg:    `kettu: HTTP 400 BAD REQUEST: body is not a JSON error: "null"`,
		},
		{
			name:   "wrong types",
			status: 400,
			body:   `{"code": "40002", "message": "x"}`,
			msg:    `kettu: HTTP 400 BAD REQUEST: body is not a JSON error: "{\"code\": \"40002\", \"message\": \"x\"}"`,
		},
		{
			name:   "trailing data",
			status: 400,
			body:   `{"message": "x"} {}`,
			msg:    `kettu: HTTP 400 BAD REQUEST: body is not a JSON error: "{\"message\": \"x\"} {}"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := codes.DecodeError(tt.status, strings.NewReader(tt.body))
			if err == nil {
				t.Fatal("DecodeError returned nil")
			}
			if got := err.Error(); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			var apiErr *codes.APIError
			found := errors.As(err, &apiErr)
			if tt.want == nil {
				if found {
					t.Errorf("errors.As found %#v in a non-JSON error", apiErr)
				}
				return
			}
			if !found {
				t.Fatalf("errors.As found no *APIError in %v", err)
			}
			if *apiErr != *tt.want {
				t.Errorf("got %#v, want %#v", *apiErr, *tt.want)
			}
			if !errors.Is(err, tt.want.Code) {
				t.Errorf("errors.Is(err, %v) = false", tt.want.Code)
			}
			if errors.Is(err, codes.JSONUnknownGuild) {
				t.Errorf("errors.Is(err, JSONUnknownGuild) = true")
			}
			if errors.Is(err, io.EOF) {
				t.Errorf("errors.Is(err, io.EOF) = true")
			}
		})
	}
}

func TestDecodeErrorReadFailure(t *testing.T) {
	boom := errors.New("boom")
	err := codes.DecodeError(503, iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap %v", err, boom)
	}
	if want := "kettu: HTTP 503 SERVER ERROR: reading error body: boom"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestDecodeErrorLimit(t *testing.T) {
	// A valid error body padded past the limit is cut, so it isn't JSON.
	body := `{"message": "` + strings.Repeat("x", 64<<10) + `"}`
	var apiErr *codes.APIError
	if err := codes.DecodeError(400, strings.NewReader(body)); errors.As(err, &apiErr) {
		t.Errorf("DecodeError read past its limit")
	}
}

// TestTables checks that the docs' view of the codes holds what the typed
// tables hold, in the same order.
func TestTables(t *testing.T) {
	type cell = map[string]string
	var want [][]codes.Row
	var rows []codes.Row
	for _, i := range codes.Opcodes {
		rows = append(rows, codes.Row{Code: strconv.Itoa(int(i.Code)), Fields: cell{"name": i.Name, "action": i.Direction.String(), "meaning": i.Meaning}, Omit: i.Omit})
	}
	want = append(want, rows)
	rows = nil
	for _, i := range codes.CloseCodes {
		rows = append(rows, codes.Row{Code: strconv.Itoa(int(i.Code)), Fields: cell{"description": i.Description, "action": i.Action.String(), "meaning": i.Meaning}, Omit: i.Omit})
	}
	want = append(want, rows)
	rows = nil
	for _, i := range codes.HTTPStatuses {
		rows = append(rows, codes.Row{Code: i.Code, Fields: cell{"name": i.Name, "meaning": i.Meaning}, Omit: i.Omit})
	}
	want = append(want, rows)
	rows = nil
	for _, i := range codes.JSONCodes {
		rows = append(rows, codes.Row{Code: strconv.Itoa(int(i.Code)), Fields: cell{"meaning": i.Meaning}, Omit: i.Omit})
	}
	want = append(want, rows)

	names := []string{"opcodes", "close-codes", "http-statuses", "json-codes"}
	if len(codes.Tables) != len(names) {
		t.Fatalf("%d tables, want %d", len(codes.Tables), len(names))
	}
	for ti, tab := range codes.Tables {
		if tab.Name != names[ti] {
			t.Errorf("Tables[%d].Name = %q, want %q", ti, tab.Name, names[ti])
		}
		if tab.Title == "" || tab.Anchor == "" || len(tab.Mentions) == 0 {
			t.Errorf("table %s lacks a title, anchor or mentions", tab.Name)
		}
		if !slices.EqualFunc(tab.Rows, want[ti], rowEqual) {
			t.Errorf("table %s rows:\n%v\nwant:\n%v", tab.Name, tab.Rows, want[ti])
		}
		for _, r := range tab.Rows {
			for col := range r.Fields {
				if !slices.Contains(tab.Columns, col) {
					t.Errorf("table %s row %s has field %q, not a column", tab.Name, r.Code, col)
				}
			}
			if len(r.Fields) != len(tab.Columns) {
				t.Errorf("table %s row %s has %d fields, want %d", tab.Name, r.Code, len(r.Fields), len(tab.Columns))
			}
		}
	}
}

func rowEqual(a, b codes.Row) bool {
	if a.Code != b.Code || a.Omit != b.Omit || len(a.Fields) != len(b.Fields) {
		return false
	}
	for k, v := range a.Fields {
		if b.Fields[k] != v {
			return false
		}
	}
	return true
}

// TestSpecText pins cells whose Markdown the docs must keep.
func TestSpecText(t *testing.T) {
	cell := func(table, code, col string) string {
		for _, tab := range codes.Tables {
			if tab.Name != table {
				continue
			}
			for _, r := range tab.Rows {
				if r.Code == code {
					return r.Fields[col]
				}
			}
		}
		t.Fatalf("no row %s in %s", code, table)
		return ""
	}
	for _, tt := range []struct{ table, code, col, want string }{
		{"close-codes", "4007", "description", "invalid `seq`"},
		{"http-statuses", "401", "meaning", "you need an `Authorization` header"},
		{"http-statuses", "5xx", "name", "SERVER ERROR"},
		{"opcodes", "6", "name", "invalid session"},
		{"opcodes", "7", "action", "receive"},
	} {
		if got := cell(tt.table, tt.code, tt.col); got != tt.want {
			t.Errorf("%s %s %s = %q, want %q", tt.table, tt.code, tt.col, got, tt.want)
		}
	}
}

// TestTablesPrivate checks that editing the exported tables doesn't change
// what the methods say.
func TestTablesPrivate(t *testing.T) {
	saved := codes.Opcodes[0].Name
	codes.Opcodes[0].Name = "changed"
	defer func() { codes.Opcodes[0].Name = saved }()
	if got := codes.OpDispatch.String(); got != "dispatch" {
		t.Errorf("OpDispatch.String() = %q after editing Opcodes", got)
	}
}
