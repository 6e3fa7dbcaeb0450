package main

import (
	"errors"
	"syscall"
)

// wsaeaddrinuse is Winsock's "address already in use". On Windows a bind
// fails with it, not with syscall.EADDRINUSE, which there is a placeholder
// that no system call returns.
const wsaeaddrinuse syscall.Errno = 10048

// addrInUse reports whether err is a listen on an address already taken.
func addrInUse(err error) bool {
	return errors.Is(err, wsaeaddrinuse) || errors.Is(err, syscall.EADDRINUSE)
}
