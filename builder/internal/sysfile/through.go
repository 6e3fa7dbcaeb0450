package sysfile

import (
	"bufio"
	"io"
	"os"
)

// WriteThrough writes what write writes to f through a buffer, and to h
// too, such as a hash of it, then closes f: for files of MB, written as
// they are made rather than made whole in memory first.
func WriteThrough(f *os.File, h io.Writer, write func(io.Writer) error) error {
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 64<<10)
	err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
