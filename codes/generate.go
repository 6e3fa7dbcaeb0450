// Package codes holds the codes of the kettu API: gateway opcodes and close
// codes, HTTP status codes and JSON error codes, with what each means and
// what a client should do about it.
//
// Everything here comes from codes.yaml, the same spec the docs are checked
// against, so a client and the docs can't disagree. After editing the spec,
// run go generate ./... from the module root.
//
// A client decoding a failed REST response:
//
//	if resp.StatusCode >= 400 {
//		err := codes.DecodeError(resp.StatusCode, resp.Body)
//		var apiErr *codes.APIError
//		if errors.As(err, &apiErr) && apiErr.Code.Category() == codes.Authorization {
//			// refresh the token
//		}
//		if errors.Is(err, codes.JSONUnknownUser) {
//			// ...
//		}
//		return err
//	}
//
// A gateway client deciding what to do when the connection closes:
//
//	switch code := codes.CloseCode(status); code.Action() {
//	case codes.Resume:
//		// reconnect and send OpResume
//	case codes.Restart:
//		// reconnect and send OpIdentify
//	case codes.Abort:
//		return fmt.Errorf("gateway closed: %d %v", int(code), code)
//	}
//
// The docs builder uses [Tables], a generic view of the same data.
package codes

//go:generate go run kettudocs/cmd/gencodes -spec codes.yaml -out zz_codes.go
