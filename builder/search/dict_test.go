package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDict checks that a Dict numbers a term, however it is capitalized,
// once, and keeps it lowered, across the table's growth.
func TestDict(t *testing.T) {
	d := NewDict()
	r := rand.New(rand.NewPCG(1, 2))
	want := make(map[string]uint32)
	for i := range 50000 {
		w := fmt.Sprintf("w%d", r.IntN(20000))
		if i%3 == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		if i%7 == 0 {
			w = "" // the empty term is a term too, for the table
		}
		lower := strings.ToLower(w)
		var id uint32
		if lower != w {
			id = d.idUpper(w)
		} else {
			id = d.id(w)
		}
		if prev, ok := want[lower]; ok && prev != id {
			t.Fatalf("%q: number %d, was %d", w, id, prev)
		}
		want[lower] = id
		if d.terms[id] != lower {
			t.Fatalf("%q: term %d is %q", w, id, d.terms[id])
		}
	}
	if len(d.terms) != len(want) || len(d.slots) < 2*len(d.terms) {
		t.Errorf("%d terms for %d words, %d slots", len(d.terms), len(want), len(d.slots))
	}
}
