package sysfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, data := range [][]byte{nil, []byte("x"), bytes.Repeat([]byte("kettu "), 100_000)} {
		p := filepath.Join(dir, "f")
		st, err := Write(p, data)
		if err != nil {
			t.Fatal(err)
		}
		if want, err := os.Lstat(p); err != nil || st != (Stat{want.Size(), want.ModTime().UnixNano(), true}) {
			t.Fatalf("Write returned %+v, lstat after finds %v (%v)", st, want, err)
		}
		if got, err := Lstat(p); err != nil || got != st {
			t.Fatalf("Lstat = %+v, %v; want %+v", got, err, st)
		}
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("after Write of %d bytes, the file holds %d (%v)", len(data), len(got), err)
		}
		got, err := Read(p, "f")
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Read of %d bytes = %d bytes, %v", len(data), len(got), err)
		}
	}
	if st, err := Lstat(dir); err != nil || st.Regular {
		t.Errorf("Lstat of a folder = %+v, %v; want no regular file", st, err)
	}
	if _, err := Lstat(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Lstat of a missing file: %v, want ErrNotExist", err)
	}
	if _, err := Write(filepath.Join(dir, "no", "f"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write in a missing folder: %v, want ErrNotExist", err)
	}
	for _, tt := range []struct {
		path string
		want error
	}{
		{filepath.Join(dir, "missing"), fs.ErrNotExist},
		{dir, nil}, // a folder: some error, named
	} {
		_, err := Read(tt.path, "name.md")
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != "name.md" || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Read(%s) = %v, want a *fs.PathError for name.md (%v)", tt.path, err, tt.want)
		}
	}
}

// TestMap: a file mapped has its bytes, which a change to the mapping
// leaves in the file as they were; an empty file maps to nothing, and a
// missing one is an error.
func TestMap(t *testing.T) {
	dir := t.TempDir()
	for _, data := range [][]byte{nil, []byte("x"), bytes.Repeat([]byte("kettu "), 100_000)} {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, unmap, err := Map(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Map of %d bytes = %d bytes, %v", len(data), len(got), err)
		}
		if len(got) > 0 {
			got[0] = '!'
		}
		if err := unmap(); err != nil {
			t.Fatal(err)
		}
		if after, err := os.ReadFile(p); err != nil || !bytes.Equal(after, data) {
			t.Errorf("a change to the mapping reached the file (%v)", err)
		}
	}
	if _, _, err := Map(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Map of a missing file: %v, want ErrNotExist", err)
	}
}

// TestWriteThrough: what write writes reaches the file and h, whole past
// the buffer, and the file is closed; write's error is returned.
func TestWriteThrough(t *testing.T) {
	data := bytes.Repeat([]byte("kettu "), 100_000)
	broken := errors.New("broken")
	for _, werr := range []error{nil, broken} {
		f, err := os.CreateTemp(t.TempDir(), "f")
		if err != nil {
			t.Fatal(err)
		}
		var h bytes.Buffer
		err = WriteThrough(f, &h, func(w io.Writer) error {
			w.Write(data)
			return werr
		})
		if !errors.Is(err, werr) || werr == nil && err != nil {
			t.Fatalf("WriteThrough = %v, want %v", err, werr)
		}
		if werr == nil {
			got, err := os.ReadFile(f.Name())
			if err != nil || !bytes.Equal(got, data) || !bytes.Equal(h.Bytes(), data) {
				t.Errorf("file has %d bytes, h %d; want %d (%v)", len(got), h.Len(), len(data), err)
			}
		}
		if _, err := f.Write([]byte("x")); err == nil {
			t.Error("the file is still open")
		}
	}
}
