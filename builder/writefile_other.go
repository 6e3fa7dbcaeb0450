//go:build !unix

package builder

import (
	"io/fs"
	"os"
)

// writeFile is os.WriteFile; see writefile_unix.go.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// readFile is os.ReadFile, with errors naming the file as name; see
// writefile_unix.go.
func readFile(path, name string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return data, err
}
