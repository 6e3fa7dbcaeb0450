package linkcheck

import (
	"errors"
	"syscall"
)

// wsaeconnrefused is Winsock's "connection refused". On Windows a dial
// fails with it, not with syscall.ECONNREFUSED, which there is a
// placeholder that no system call returns.
const wsaeconnrefused syscall.Errno = 10061

// connRefused reports whether err is a dial that the host refused.
func connRefused(err error) bool {
	return errors.Is(err, wsaeconnrefused) || errors.Is(err, syscall.ECONNREFUSED)
}
