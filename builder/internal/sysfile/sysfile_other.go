//go:build !(linux || darwin || freebsd || openbsd || netbsd)

package sysfile

import (
	"io/fs"
	"os"
)

// Write is os.WriteFile, also returning what stat finds after; see
// sysfile_unix.go.
func Write(name string, data []byte) (Stat, error) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return Stat{}, err
	}
	return Lstat(name)
}

// Lstat is os.Lstat, returning a Stat; see sysfile_unix.go.
func Lstat(path string) (Stat, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return Stat{}, err
	}
	return Stat{Size: st.Size(), MTime: st.ModTime().UnixNano(), Regular: st.Mode().IsRegular()}, nil
}

// Read is os.ReadFile, with errors naming the file as name; see
// sysfile_unix.go.
func Read(path, name string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return data, err
}

// Map returns the contents of the file at path, read: see sysfile_unix.go.
func Map(path string) (data []byte, unmap func() error, err error) {
	data, err = os.ReadFile(path)
	return data, func() error { return nil }, err
}
