package main

import (
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"
)

// TestAddrInUseWinsock: the error a bind on a taken port returns on
// Windows, as net.Listen wraps it.
func TestAddrInUseWinsock(t *testing.T) {
	err := &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", syscall.Errno(10048))}
	if !addrInUse(fmt.Errorf("serve: %w", err)) {
		t.Errorf("addrInUse(%v) = false", err)
	}
}
