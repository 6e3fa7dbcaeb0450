// Package cowmap provides a map from strings that is copied in constant
// time, the copy and the original then sharing what neither changes: a
// write copies only the part of the map the key is in, one of Parts.
//
// It is for the live preview's site, of which every save makes a new
// version that shares all but a page or two with the last, while the last
// stays whole for the requests still reading it: copying Go maps of every
// page on each save was work that grew with the site.
package cowmap

import (
	"hash/maphash"
	"iter"
)

// Parts is how many parts a map is cut into, by a hash of the key: a
// write to a copy copies 1/Parts of the map.
const Parts = 256

// seed is the same for every map, so that a key is in the same part of
// a map and of its copies. It never changes once set.
var seed = maphash.MakeSeed()

// A Map is a map from strings to V. The zero value is an empty map ready
// to use. A Map must not be copied by value once used: use Clone. It is
// not safe for concurrent writes; reads may run concurrently with each
// other, and with writes to a Clone.
type Map[V any] struct {
	parts [Parts]map[string]V
	owned [Parts]bool // parts this Map alone has, which it may change in place
	n     int
}

// New returns an empty map that will hold about n keys.
func New[V any](n int) *Map[V] {
	m := &Map[V]{}
	for i := range m.parts {
		m.parts[i] = make(map[string]V, n/Parts)
		m.owned[i] = true
	}
	return m
}

func part(k string) int { return int(maphash.String(seed, k) % Parts) }

// Get returns the value of k, and whether m has it.
func (m *Map[V]) Get(k string) (V, bool) {
	v, ok := m.parts[part(k)][k]
	return v, ok
}

// Has reports whether m has k.
func (m *Map[V]) Has(k string) bool {
	_, ok := m.parts[part(k)][k]
	return ok
}

// Set sets the value of k.
func (m *Map[V]) Set(k string, v V) {
	p := m.own(part(k))
	if _, ok := p[k]; !ok {
		m.n++
	}
	p[k] = v
}

// Delete removes k.
func (m *Map[V]) Delete(k string) {
	i := part(k)
	if _, ok := m.parts[i][k]; !ok {
		return
	}
	delete(m.own(i), k)
	m.n--
}

// own returns part i, copied first if another Map shares it.
func (m *Map[V]) own(i int) map[string]V {
	if !m.owned[i] {
		c := make(map[string]V, len(m.parts[i])+1)
		for k, v := range m.parts[i] {
			c[k] = v
		}
		m.parts[i], m.owned[i] = c, true
	}
	return m.parts[i]
}

// Len returns how many keys m has.
func (m *Map[V]) Len() int { return m.n }

// All yields the keys and values of m, in no particular order.
func (m *Map[V]) All() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for _, p := range m.parts {
			for k, v := range p {
				if !yield(k, v) {
					return
				}
			}
		}
	}
}

// Keys yields the keys of m, in no particular order.
func (m *Map[V]) Keys() iter.Seq[string] {
	return func(yield func(string) bool) {
		for k := range m.All() {
			if !yield(k) {
				return
			}
		}
	}
}

// Clone returns a copy of m, in constant time: both share every part
// until one of them writes to it.
func (m *Map[V]) Clone() *Map[V] {
	c := &Map[V]{parts: m.parts, n: m.n}
	m.owned = [Parts]bool{} // m's next write to a part copies it too
	return c
}
