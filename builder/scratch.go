package builder

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
)

// scratch holds the rendered content of every page between the two passes
// of a build, in one temporary file rather than in memory: a big site's
// HTML would otherwise stay alive until the last page is written.
//
// With a build cache, the file is made in the cache folder and becomes
// the build's blobs file there (see cache.save): the pages' bytes are
// written once, not written here and copied there.
type scratch struct {
	f    *os.File
	size atomic.Int64
	// in is the cache folder the file is in, under a .tmp name, and
	// linked: save renames it; "" for a file unlinked at once.
	in string
}

// chunk is where put stored a page's content.
type chunk struct{ off, n int64 }

// newScratch makes the scratch file of a build, in cacheDir when set
// (see scratch) and it can be made there.
func newScratch(cacheDir string) (*scratch, error) {
	// Not on Windows, where an open file cannot be renamed.
	if cacheDir != "" && runtime.GOOS != "windows" && os.MkdirAll(cacheDir, 0o755) == nil {
		if f, err := os.CreateTemp(cacheDir, "blobs-*.tmp"); err == nil {
			return &scratch{f: f, in: cacheDir}, nil
		}
	}
	f, err := os.CreateTemp("", "kettudocs-build-*")
	if err != nil {
		return nil, fmt.Errorf("scratch file: %w", err)
	}
	// Unlinked at once where the system allows it (not on Windows, where
	// close removes it), so that not even a killed build leaves it
	// behind; the open file stays usable.
	os.Remove(f.Name())
	return &scratch{f: f}, nil
}

// put stores data; safe for concurrent use.
func (s *scratch) put(data []byte) (chunk, error) {
	n := int64(len(data))
	off := s.size.Add(n) - n
	if _, err := s.f.WriteAt(data, off); err != nil {
		return chunk{}, fmt.Errorf("scratch file: %w", err)
	}
	return chunk{off, n}, nil
}

// get returns what put stored at c, in buf's memory when it is big
// enough; safe for concurrent use.
func (s *scratch) get(buf []byte, c chunk) ([]byte, error) {
	if int64(cap(buf)) < c.n {
		buf = make([]byte, c.n)
	}
	buf = buf[:c.n]
	if _, err := s.f.ReadAt(buf, c.off); err != nil {
		return nil, fmt.Errorf("scratch file: %w", err)
	}
	return buf, nil
}

func (s *scratch) close() {
	name := s.f.Name()
	s.f.Close()
	os.Remove(name)
}
