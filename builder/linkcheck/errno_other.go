//go:build !windows

package linkcheck

import (
	"errors"
	"syscall"
)

// connRefused reports whether err is a dial that the host refused.
func connRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
