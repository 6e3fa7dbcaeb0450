package linkcheck

import (
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"
)

// TestConnRefusedWinsock: the error a dial to a closed port returns on
// Windows, as net.Dial wraps it.
func TestConnRefusedWinsock(t *testing.T) {
	err := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connectex", syscall.Errno(10061))}
	if !connRefused(fmt.Errorf("get: %w", err)) {
		t.Errorf("connRefused(%v) = false", err)
	}
}
