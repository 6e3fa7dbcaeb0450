package codes_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/kettu/kettudocs/codes"
)

// A client turns every failed response into an *APIError with
// DecodeResponse, then decides on the code, or on the status when a proxy
// answered with no JSON at all.
func ExampleDecodeResponse() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/expired":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"code": 40007, "message": "Expired access token"}`)
		case "/banned":
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"code": 40001, "message": "Blacklisted"}`)
		case "/busy":
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/proxy":
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, "<html>502 Bad Gateway</html>")
		}
	}))
	defer srv.Close()

	for _, path := range []string{"/expired", "/banned", "/busy", "/proxy"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			panic(err)
		}
		err = codes.DecodeResponse(resp)
		resp.Body.Close()

		var apiErr *codes.APIError
		switch {
		case errors.Is(err, codes.JSONExpiredAccessToken):
			fmt.Println("refresh the access token and try again:", err)
		case errors.As(err, &apiErr) && apiErr.Status == codes.StatusTooManyRequests:
			fmt.Println("try again in", apiErr.RetryAfter)
		case errors.As(err, &apiErr) && apiErr.Status >= 500:
			fmt.Println("try again later:", err)
		case err != nil:
			fmt.Println("give up:", err)
		}
	}
	// Output:
	// refresh the access token and try again: kettu: HTTP 401 UNAUTHORIZED: 40007 expired access token: Expired access token
	// give up: kettu: HTTP 403 FORBIDDEN: 40001 blacklisted: Blacklisted
	// try again in 3s
	// try again later: kettu: HTTP 502 SERVER ERROR: body "<html>502 Bad Gateway</html>"
}

// Both an expired token and a blacklisted client are in
// CategoryAuthorization, and only one is fixed by a new token: decide on
// the code, and use the category for what the codes have in common.
func ExampleJSONCode_Category() {
	for _, c := range []codes.JSONCode{codes.JSONExpiredAccessToken, codes.JSONBlacklisted, codes.JSONBotsCannotUseThisEndpoint, 10999} {
		fmt.Printf("%d %v: %v\n", int(c), c, c.Category())
	}
	// Output:
	// 40007 expired access token: authorization or request
	// 40001 blacklisted: authorization or request
	// 40003 bots cannot use this endpoint: authorization or request
	// 10999 JSONCode(10999): unknown resource
}

// A gateway client decides what to do when the connection closes: kettu's
// codes by the spec, everything else (a dropped network is 1006) by
// resuming.
func ExampleCloseCode_Action() {
	for _, code := range []codes.CloseCode{
		codes.CloseRatelimited, codes.CloseInvalidSeq, codes.CloseAuthenticationFailed,
		1006, // abnormal closure: the network dropped
		4099, // a kettu code newer than this package
	} {
		switch code.Action() {
		case codes.ActionResume:
			fmt.Printf("%d %v: reconnect and send %v\n", int(code), code, codes.OpResume)
		case codes.ActionRestart:
			fmt.Printf("%d %v: reconnect and send %v\n", int(code), code, codes.OpIdentify)
		case codes.ActionAbort:
			fmt.Printf("%d %v: stop\n", int(code), code)
		}
	}
	// Output:
	// 4008 ratelimited: reconnect and send resume
	// 4007 invalid seq: reconnect and send identify
	// 4004 authentication failed: stop
	// 1006 CloseCode(1006): reconnect and send resume
	// 4099 CloseCode(4099): stop
}

// Codes log as their number and name.
func ExampleCloseCode_LogValue() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	log.Warn("gateway closed", "close", codes.CloseSessionTimedOut)
	err := codes.DecodeError(404, strings.NewReader(`{"code": 10001, "message": "Unknown user"}`))
	log.Error("request failed", "err", err)
	// Output:
	// level=WARN msg="gateway closed" close.code=4009 close.name="session timed out"
	// level=ERROR msg="request failed" err.status.code=404 err.status.name="NOT FOUND" err.code.code=10001 err.code.name="unknown user" err.message="Unknown user"
}

func ExampleHTTPStatus_String() {
	fmt.Println(codes.StatusTooManyRequests)
	fmt.Println(codes.HTTPStatus(503))
	fmt.Println(codes.HTTPStatus(418))
	// Output:
	// TOO MANY REQUESTS
	// SERVER ERROR
	// HTTPStatus(418)
}

func ExampleOpcode_ClientSends() {
	for _, op := range []codes.Opcode{codes.OpHeartbeat, codes.OpHello, codes.OpIdentify} {
		fmt.Println(op, op.Direction(), op.ClientSends())
	}
	// Output:
	// heartbeat both true
	// hello receive false
	// identify send true
}
