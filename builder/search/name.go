package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// format is the version of what Build makes of a list of pages. The
// entry file is named after its inputs and format, not after its
// contents, so that a preview server can name it (and link it from every
// page) after an edit without building the index; bump format whenever
// Build's output for the same pages changes (TestFormatPinned fails until
// then), or browsers and CDNs keep an old entry file under the new
// contents' name.
const format = 1

// Name returns the name of the entry file Build(pages) makes: the hash of
// the pages, in order, and of the format. It costs a hash of one digest
// per page, computed when the page was extracted.
func Name(pages []*Page) string {
	h := sha256.New()
	var n [8]byte
	for _, v := range []int{format, ChunkSize, MaxPostings, MaxEntries, len(pages)} {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	for _, p := range pages {
		d := p.digest()
		h.Write(d[:])
	}
	return "search/index." + hex.EncodeToString(h.Sum(nil)[:4]) + ".js"
}

// digest returns the hash of everything Build reads of p: the one taken
// by Extract, or, for a Page made otherwise, a new one.
func (p *Page) digest() [sha256.Size]byte {
	if p.hashed {
		return p.sum
	}
	return p.hash()
}

func (p *Page) hash() [sha256.Size]byte {
	h := sha256.New()
	// Written through one buffer: h.Write([]byte(s)) copied every string.
	buf := make([]byte, 0, 8<<10)
	str := func(s string) {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(len(s)))
		buf = append(buf, s...)
		if len(buf) >= 6<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	str(p.URL)
	str(p.Title)
	for i, e := range p.Entries {
		for _, s := range []string{e.ID, e.Title, e.Section, e.Text, e.Code, e.Key, p.keyTerm(i)} {
			str(s)
		}
		// Each field's terms as one string joined by spaces, its length
		// first, without making the string. An entry's terms come a
		// field at a time, the best first (see finish).
		terms := p.terms[e.lo:e.hi]
		var count, size [4]int
		for _, x := range terms {
			count[x&3]++
			size[x&3] += 1 + len(p.dict.terms[x>>2])
		}
		for f := range 4 {
			start := 0
			for g := f + 1; g < 4; g++ {
				start += count[g]
			}
			buf = binary.LittleEndian.AppendUint64(buf, uint64(max(size[f]-1, 0)))
			for i, x := range terms[start : start+count[f]] {
				if i > 0 {
					buf = append(buf, ' ')
				}
				buf = append(buf, p.dict.terms[x>>2]...)
			}
			if len(buf) >= 6<<10 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
	}
	h.Write(buf)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
