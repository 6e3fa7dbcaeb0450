//go:build !unix

package sysfile

import (
	"io/fs"
	"os"
)

// Write is os.WriteFile; see writefile_unix.go.
func Write(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// Read is os.ReadFile, with errors naming the file as name; see
// writefile_unix.go.
func Read(path, name string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return data, err
}
