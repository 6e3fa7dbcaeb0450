//go:build !windows

package main

import (
	"errors"
	"syscall"
)

// addrInUse reports whether err is a listen on an address already taken.
func addrInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }
