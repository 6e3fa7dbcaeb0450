//go:build darwin || freebsd || netbsd

package sysfile

import "syscall"

func mtime(st *syscall.Stat_t) int64 { return st.Mtimespec.Nano() }
