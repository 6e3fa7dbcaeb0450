package sitefs

import "io/fs"

// A SumFS is a file system that knows the SHA-256 of some of its files
// without reading them: a theme embedded in the binary with a table of
// the sums of its big files, made when the binary was.
type SumFS interface {
	fs.FS
	// Sum256 returns the SHA-256 of the bytes of the file name, and
	// true, or false when it would have to read the file to tell.
	Sum256(name string) ([32]byte, bool)
}

// Sum256 returns the SHA-256 of the file name of fsys when fsys is a
// SumFS that knows it, so that the file need not be read until its bytes
// are needed: the diagram script of the default theme is megabytes,
// which most builds do not publish.
func Sum256(fsys fs.FS, name string) ([32]byte, bool) {
	if s, ok := fsys.(SumFS); ok {
		return s.Sum256(name)
	}
	return [32]byte{}, false
}
