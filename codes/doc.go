// Package codes is the Go client library of the kettu API's codes: gateway
// opcodes and close codes, HTTP status codes and JSON error codes, with what
// each means and what a client should do about it. It has no dependencies
// beyond the standard library.
//
// Every code is a typed constant with a String method, so it prints as its
// name, and a LogValue method, so log/slog records it as {code, name}.
// Everything here comes from codes.yaml, the same spec the kettu docs are
// checked against, so a client and the docs can't disagree.
//
// # REST errors
//
// [DecodeResponse] turns every response that is not 2xx into an
// [*APIError], whatever its body: a JSON error object, an HTML page from a
// proxy, or nothing. It holds the status, the JSON code and message when
// the body has them, the Retry-After delay and the raw body:
//
//	resp, err := http.DefaultClient.Do(req)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	if err := codes.DecodeResponse(resp); err != nil {
//		var apiErr *codes.APIError
//		switch {
//		case errors.Is(err, codes.JSONExpiredAccessToken):
//			// refresh the access token and try again
//		case errors.As(err, &apiErr) && apiErr.Status == codes.StatusTooManyRequests:
//			// wait apiErr.RetryAfter and try again
//		}
//		return err
//	}
//
// A JSON code's [Category] groups codes by their first digit, and works for
// codes newer than this package; match single codes with errors.Is for
// anything that decides what to do.
//
// # Gateway closes
//
// [CloseCode.Action] says whether to resume the session, start a new one or
// give up, for every close a client can see: kettu's 4xxx codes, the
// WebSocket protocol's own (1000–1015) and a connection that dropped with no
// close frame at all:
//
//	switch code := codes.CloseCode(status); code.Action() {
//	case codes.ActionResume:
//		// reconnect and send OpResume
//	case codes.ActionRestart:
//		// reconnect and send OpIdentify
//	case codes.ActionAbort:
//		return fmt.Errorf("gateway closed: %d %v", int(code), code)
//	}
//
// # Logging
//
// Opcode, CloseCode, HTTPStatus, JSONCode and *APIError implement
// [log/slog.LogValuer]: a code logs as a group of its number, which is what
// to search for, and its name, which is what a person reads,
//
//	slog.Warn("gateway closed", "close", code)
//	// level=WARN msg="gateway closed" close.code=4009 close.name="session timed out"
//
// and an *APIError as its status, code, message, report and Retry-After.
package codes
