package codes_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/kettu/kettudocs/codes"
)

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   codes.APIError // Body aside: it is always the body
		msg    string
	}{
		{
			name:   "4xx",
			status: 401,
			body:   `{"code": 40002, "message": "Invalid authentication token"}`,
			want:   codes.APIError{Status: 401, Code: codes.JSONUnauthorizedInvalidToken, HasCode: true, Message: "Invalid authentication token"},
			msg:    "kettu: HTTP 401 UNAUTHORIZED: 40002 unauthorized, invalid token: Invalid authentication token",
		},
		{
			name:   "5xx has no code",
			status: 500,
			body:   "{\n  \"message\": \"Internal Server Error\",\n  \"report\": \"1-2-4732n-xbsjdwa\"\n}\n",
			want:   codes.APIError{Status: 500, Message: "Internal Server Error", Report: "1-2-4732n-xbsjdwa"},
			msg:    "kettu: HTTP 500 SERVER ERROR: Internal Server Error (report 1-2-4732n-xbsjdwa)",
		},
		{
			name:   "code 0 is a code",
			status: 400,
			body:   `{"code": 0, "message": "General error"}`,
			want:   codes.APIError{Status: 400, Code: codes.JSONGeneralError, HasCode: true, Message: "General error"},
			msg:    "kettu: HTTP 400 BAD REQUEST: 0 general error: General error",
		},
		{
			name:   "unknown code",
			status: 400,
			body:   `{"code": 60001, "message": "Something new", "extra": true}`,
			want:   codes.APIError{Status: 400, Code: 60001, HasCode: true, Message: "Something new"},
			msg:    "kettu: HTTP 400 BAD REQUEST: 60001: Something new",
		},
		{
			name:   "code only",
			status: 404,
			body:   `{"code": 10001}`,
			want:   codes.APIError{Status: 404, Code: codes.JSONUnknownUser, HasCode: true},
			msg:    "kettu: HTTP 404 NOT FOUND: 10001 unknown user",
		},
		{
			name:   "HTML",
			status: 502,
			body:   "<html>Bad Gateway</html>",
			want:   codes.APIError{Status: 502},
			msg:    `kettu: HTTP 502 SERVER ERROR: body "<html>Bad Gateway</html>"`,
		},
		{
			name:   "empty",
			status: 429,
			want:   codes.APIError{Status: 429},
			msg:    `kettu: HTTP 429 TOO MANY REQUESTS`,
		},
		{
			name:   "unknown status",
			status: 418,
			want:   codes.APIError{Status: 418},
			msg:    `kettu: HTTP 418`,
		},
		{
			name:   "other JSON",
			status: 400,
			body:   `{"error": "nope"}`,
			want:   codes.APIError{Status: 400},
			msg:    `kettu: HTTP 400 BAD REQUEST: body "{\"error\": \"nope\"}"`,
		},
		{
			name:   "null",
			status: 400,
			body:   `null`,
			want:   codes.APIError{Status: 400},
			msg:    `kettu: HTTP 400 BAD REQUEST: body "null"`,
		},
		{
			name:   "null code",
			status: 400,
			body:   `{"code": null, "message": "x"}`,
			want:   codes.APIError{Status: 400, Message: "x"},
			msg:    `kettu: HTTP 400 BAD REQUEST: x`,
		},
		{
			name:   "wrong types",
			status: 400,
			body:   `{"code": "40002", "message": "x", "report": 7}`,
			want:   codes.APIError{Status: 400, Message: "x"},
			msg:    `kettu: HTTP 400 BAD REQUEST: x`,
		},
		{
			name:   "trailing data",
			status: 400,
			body:   `{"message": "x"} {}`,
			want:   codes.APIError{Status: 400},
			msg:    `kettu: HTTP 400 BAD REQUEST: body "{\"message\": \"x\"} {}"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := codes.DecodeError(tt.status, strings.NewReader(tt.body))
			if got := err.Error(); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			var apiErr *codes.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("errors.As found no *APIError in %v", err)
			}
			if string(apiErr.Body) != tt.body {
				t.Errorf("Body %q, want %q", apiErr.Body, tt.body)
			}
			got := *apiErr
			got.Body = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			if tt.want.HasCode != errors.Is(err, tt.want.Code) {
				t.Errorf("errors.Is(err, %v) = %v", tt.want.Code, !tt.want.HasCode)
			}
			if !tt.want.HasCode && errors.Is(err, codes.JSONGeneralError) {
				t.Errorf("an error without a code is JSONGeneralError")
			}
			if errors.Is(err, codes.JSONUnknownGuild) {
				t.Errorf("errors.Is(err, JSONUnknownGuild) = true")
			}
		})
	}
}

func TestDecodeErrorReadFailure(t *testing.T) {
	boom := errors.New("boom")
	err := codes.DecodeError(503, io.MultiReader(strings.NewReader("<ht"), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap %v", err, boom)
	}
	var apiErr *codes.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 503 || string(apiErr.Body) != "<ht" {
		t.Errorf("err = %#v, want an *APIError with status 503 and what was read", err)
	}
	if want := `kettu: HTTP 503 SERVER ERROR: body "<ht" (reading body: boom)`; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestDecodeErrorLimit(t *testing.T) {
	// A valid error body padded past the limit is cut, so it isn't JSON.
	body := `{"message": "` + strings.Repeat("x", 64<<10) + `"}`
	var apiErr *codes.APIError
	if err := codes.DecodeError(400, strings.NewReader(body)); !errors.As(err, &apiErr) {
		t.Fatalf("no *APIError in %v", err)
	}
	if len(apiErr.Body) != 64<<10 || apiErr.Message != "" {
		t.Errorf("DecodeError read %d bytes, message %.10q", len(apiErr.Body), apiErr.Message)
	}
}

func TestDecodeResponse(t *testing.T) {
	date := time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		retry  time.Duration
		isNil  bool
	}{
		{name: "200", status: 200, body: `{"code": 40002}`, isNil: true},
		{name: "204", status: 204, isNil: true},
		{name: "299", status: 299, isNil: true},
		{name: "304", status: 304},
		{name: "seconds", status: 429, header: http.Header{"Retry-After": {"2"}}, retry: 2 * time.Second},
		{name: "date", status: 503, header: http.Header{
			"Date":        {date.Format(http.TimeFormat)},
			"Retry-After": {date.Add(90 * time.Second).Format(http.TimeFormat)},
		}, body: "<html>", retry: 90 * time.Second},
		{name: "date in the past", status: 503, header: http.Header{
			"Date":        {date.Format(http.TimeFormat)},
			"Retry-After": {date.Add(-time.Minute).Format(http.TimeFormat)},
		}},
		{name: "negative", status: 429, header: http.Header{"Retry-After": {"-5"}}},
		{name: "junk", status: 429, header: http.Header{"Retry-After": {"soon"}}},
		{name: "huge", status: 429, header: http.Header{"Retry-After": {"99999999999999999"}}, retry: time.Duration(1<<63 - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tt.status, Header: tt.header, Body: io.NopCloser(strings.NewReader(tt.body))}
			if resp.Header == nil {
				resp.Header = http.Header{}
			}
			err := codes.DecodeResponse(resp)
			if tt.isNil {
				if err != nil {
					t.Errorf("DecodeResponse = %v, want nil", err)
				}
				return
			}
			var apiErr *codes.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("no *APIError in %v", err)
			}
			if apiErr.Status != codes.HTTPStatus(tt.status) || apiErr.RetryAfter != tt.retry || string(apiErr.Body) != tt.body {
				t.Errorf("got status %d, retry %v, body %q; want %d, %v, %q",
					apiErr.Status, apiErr.RetryAfter, apiErr.Body, tt.status, tt.retry, tt.body)
			}
		})
	}
}

func TestDecodeResponseNoBody(t *testing.T) {
	err := codes.DecodeResponse(&http.Response{StatusCode: 502, Header: http.Header{}})
	var apiErr *codes.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 502 {
		t.Errorf("DecodeResponse = %#v", err)
	}
}

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		e    *codes.APIError
		want string
	}{
		{"JSON body as received", decoded(t, 500, "{\n  \"message\": \"Internal Server Error\",\n  \"report\": \"r\"\n}"), "{\n  \"message\": \"Internal Server Error\",\n  \"report\": \"r\"\n}"},
		{"code 0 kept", decoded(t, 400, `{"code":0,"message":"x"}`), `{"code":0,"message":"x"}`},
		{"HTML body", decoded(t, 502, "<html>"), `{"message":""}`},
		{"made by hand", &codes.APIError{Status: 404, Code: codes.JSONUnknownUser, HasCode: true, Message: "Unknown user"}, `{"code":10001,"message":"Unknown user"}`},
		{"no code", &codes.APIError{Status: 500, Message: "oops", Report: "r"}, `{"message":"oops","report":"r"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// MarshalJSON itself, as json.Marshal compacts what it returns.
			got, err := tt.e.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("MarshalJSON = %s, want %s", got, tt.want)
			}
		})
	}
}

func decoded(t *testing.T, status int, body string) *codes.APIError {
	t.Helper()
	var apiErr *codes.APIError
	if !errors.As(codes.DecodeError(status, strings.NewReader(body)), &apiErr) {
		t.Fatal("no *APIError")
	}
	return apiErr
}

func TestAPIErrorLogValueNil(t *testing.T) {
	var e *codes.APIError
	if got := e.LogValue().String(); got != "<nil>" {
		t.Errorf("nil *APIError logs %q", got)
	}
}

func TestAPIErrorLogValue(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	e := decoded(t, 401, `{"code": 40002, "message": "Invalid authentication token"}`)
	log.Error("request failed", "err", e)
	want := `{"level":"ERROR","msg":"request failed","err":{"status":{"code":401,"name":"UNAUTHORIZED"},"code":{"code":40002,"name":"unauthorized, invalid token"},"message":"Invalid authentication token"}}`
	if got := strings.TrimSpace(buf.String()); got != want {
		t.Errorf("logged\n%s\nwant\n%s", got, want)
	}
}

// FuzzDecodeError checks that any body of any status decodes to an
// *APIError that keeps the body, marshals back to it when it is JSON, and
// has a code only when the body is a JSON object with one.
func FuzzDecodeError(f *testing.F) {
	for _, body := range []string{
		`{"code": 40002, "message": "Invalid authentication token"}`,
		`{"message": "Internal Server Error", "report": "1-2"}`,
		`{"code": null}`, `{"code": 1e3}`, `{"code": "1"}`, `[]`, `null`, ``, `<html>`,
	} {
		f.Add(401, body, "2")
		f.Add(503, body, "Fri, 27 Nov 2026 20:00:00 GMT")
	}
	f.Fuzz(func(t *testing.T, status int, body, retry string) {
		resp := &http.Response{
			StatusCode: status,
			Header:     http.Header{"Retry-After": {retry}},
			Body:       io.NopCloser(strings.NewReader(body)),
		}
		err := codes.DecodeResponse(resp)
		if 200 <= status && status <= 299 {
			if err != nil {
				t.Fatalf("DecodeResponse of a %d = %v", status, err)
			}
			err = codes.DecodeError(status, strings.NewReader(body))
		}
		var apiErr *codes.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("no *APIError in %v", err)
		}
		if int(apiErr.Status) != status || string(apiErr.Body) != body || apiErr.RetryAfter < 0 {
			t.Errorf("got status %d body %q retry %v", apiErr.Status, apiErr.Body, apiErr.RetryAfter)
		}
		if apiErr.HasCode && !json.Valid([]byte(body)) {
			t.Errorf("a code from a body that is not JSON: %q", body)
		}
		if !apiErr.HasCode && apiErr.Code != 0 {
			t.Errorf("Code %d without HasCode", apiErr.Code)
		}
		if !apiErr.HasCode && errors.Is(err, codes.JSONGeneralError) {
			t.Errorf("no code, yet JSONGeneralError")
		}
		out, merr := apiErr.MarshalJSON()
		if merr != nil {
			t.Fatalf("MarshalJSON: %v", merr)
		}
		if json.Valid([]byte(body)) && string(out) != body {
			t.Errorf("JSON body %q marshals to %q", body, out)
		}
		if !json.Valid(out) {
			t.Errorf("json.Marshal gave invalid JSON %q", out)
		}
		if !strings.HasPrefix(err.Error(), "kettu: HTTP ") {
			t.Errorf("message %q", err)
		}
	})
}

// TestRetryAfterDateWithoutDate checks that an HTTP date counts from now
// when the response has no Date header.
func TestRetryAfterDateWithoutDate(t *testing.T) {
	at := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {at}}, Body: http.NoBody}
	var apiErr *codes.APIError
	if !errors.As(codes.DecodeResponse(resp), &apiErr) {
		t.Fatal("no *APIError")
	}
	// The header has whole seconds, and time passes while the test runs.
	if apiErr.RetryAfter <= 58*time.Minute || apiErr.RetryAfter > time.Hour {
		t.Errorf("RetryAfter = %v, want about an hour", apiErr.RetryAfter)
	}
}
