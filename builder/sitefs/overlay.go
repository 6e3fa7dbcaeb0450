package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"sort"
)

// Overlay returns a file system that shows each name from the first layer
// that has it, so a site's own layouts/ and static/ files replace the
// default theme's file by file. Folders list the union of their entries.
// A nil layer is skipped.
func Overlay(layers ...fs.FS) fs.FS {
	var o overlay
	for _, l := range layers {
		if l != nil {
			o = append(o, l)
		}
	}
	return o
}

type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			if st, err := f.Stat(); err == nil && st.IsDir() {
				// A folder lists the entries of every layer.
				return &overlayDir{File: f, o: o, name: name}, nil
			}
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// The layer has name but cannot open it (a link out of the
			// site, no permission): say so rather than show another
			// layer's file in its place.
			return nil, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return nil, firstErr
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := make(map[string]bool)
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// overlayDir is a folder of an overlay: its own Stat, every layer's entries.
type overlayDir struct {
	fs.File
	o       overlay
	name    string
	entries []fs.DirEntry
	read    bool
}

func (d *overlayDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		entries, err := d.o.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = entries, true
	}
	if n <= 0 {
		rest := d.entries
		d.entries = nil
		return rest, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// ReadLink returns the target of the symlink name in the first layer that
// has name, so that problems can say where a broken link leads.
func (o overlay) ReadLink(name string) (string, error) {
	var target string
	err := o.first(name, func(l fs.FS) (err error) {
		// Lstat first: a layer that cannot read links must still say
		// whether it has name.
		if _, err := fs.Lstat(l, name); err != nil {
			return err
		}
		target, err = fs.ReadLink(l, name)
		return err
	})
	return target, err
}

// Lstat describes name in the first layer that has it, without following
// a symlink.
func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	var info fs.FileInfo
	err := o.first(name, func(l fs.FS) (err error) {
		info, err = fs.Lstat(l, name)
		return err
	})
	return info, err
}

// first calls f on the layers in order until one has name, that is until
// f returns anything but fs.ErrNotExist.
func (o overlay) first(name string, f func(fs.FS) error) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	err := error(&fs.PathError{Op: "readlink", Path: name, Err: fs.ErrNotExist})
	for _, l := range o {
		if err = f(l); !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return err
}

// Sum256 reports the SHA-256 of name as the first layer that has it
// knows it (see Sum256).
func (o overlay) Sum256(name string) (sum [32]byte, ok bool) {
	o.first(name, func(l fs.FS) error {
		if _, err := fs.Stat(l, name); err != nil {
			return err
		}
		sum, ok = Sum256(l, name)
		return nil
	})
	return sum, ok
}
