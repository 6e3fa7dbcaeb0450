package builder

import (
	"fmt"
	"os"
	"sync/atomic"
)

// scratch holds the rendered content of every page between the two passes
// of a build, in one temporary file rather than in memory: a big site's
// HTML would otherwise stay alive until the last page is written.
type scratch struct {
	f    *os.File
	size atomic.Int64
}

// chunk is where put stored a page's content.
type chunk struct{ off, n int64 }

func newScratch() (*scratch, error) {
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
