package codes_test

import (
	"errors"
	"fmt"
	"strings"

	"kettudocs/codes"
)

func Example() {
	// A failed REST response.
	body := strings.NewReader(`{"code": 40002, "message": "Invalid authentication token"}`)
	err := codes.DecodeError(401, body)

	var apiErr *codes.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, int(apiErr.Code), apiErr.Code.Category())
	}
	if errors.Is(err, codes.JSONUnauthorizedInvalidToken) {
		fmt.Println("token rejected:", err)
	}

	// The gateway closed the connection.
	for _, c := range []codes.CloseCode{codes.CloseRatelimited, codes.CloseInvalidSeq, codes.CloseAuthenticationFailed} {
		fmt.Printf("%d %s: %s\n", int(c), c, c.Action())
	}

	// Output:
	// 401 40002 authorization or request
	// token rejected: kettu: 40002 unauthorized, invalid token: Invalid authentication token
	// 4008 ratelimited: resume
	// 4007 invalid seq: restart
	// 4004 authentication failed: abort
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
