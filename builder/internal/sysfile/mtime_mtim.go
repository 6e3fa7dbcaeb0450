//go:build linux || openbsd

package sysfile

import "syscall"

func mtime(st *syscall.Stat_t) int64 { return st.Mtim.Nano() }
