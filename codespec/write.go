package codespec

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// Source returns the Go source of the package for s as package pkg (the
// spec's if ""), to be written to out: the exported names of the other Go
// files in out's folder are those of the package's hand-written part,
// which the generated names must not take.
func (s *Spec) Source(pkg, out string) ([]byte, error) {
	hand, err := Exported(filepath.Dir(out), out)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return s.Generate(pkg, hand)
}

// WriteFile writes src to name unless the file already holds it, so a
// no-op go generate causes no rebuilds.
func WriteFile(name string, src []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, src) {
		return nil
	}
	return os.WriteFile(name, src, 0o666)
}
