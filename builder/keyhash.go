package builder

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// A keyHash makes a cache key of fields, each written with its length
// so that no two lists of fields make the same bytes. Keys of the whole
// site (siteKey, searchKey, llmsKey, and the survey's of every file's
// size and time) take a few fields of every page on each build; written
// with fmt or quoted, they were a fiftieth of a rebuild that changed one
// page.
type keyHash struct {
	h   hash.Hash
	buf []byte
}

func newKeyHash(key [32]byte) *keyHash {
	k := &keyHash{h: sha256.New(), buf: make([]byte, 0, 8<<10)}
	k.buf = append(k.buf, key[:]...)
	return k
}

func (k *keyHash) str(s string) {
	k.int(int64(len(s)))
	k.buf = append(k.buf, s...)
	k.flush(false)
}

func (k *keyHash) bytes(b []byte) {
	k.int(int64(len(b)))
	k.buf = append(k.buf, b...)
	k.flush(false)
}

func (k *keyHash) int(v int64) { k.buf = binary.AppendVarint(k.buf, v) }

func (k *keyHash) bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	k.buf = append(k.buf, b)
}

// flush hashes what is buffered, when it is much or all.
func (k *keyHash) flush(all bool) {
	if all || len(k.buf) >= 4<<10 {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
	}
}

func (k *keyHash) sum() [32]byte {
	k.flush(true)
	return [32]byte(k.h.Sum(nil))
}
