package cowmap

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// TestAgainstMaps applies random writes to a Map and its clones, clones
// of clones, and to Go maps copied at the same points: every version reads
// as its Go map, whatever its copies did after it was made.
func TestAgainstMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	type version struct {
		m    *Map[int]
		want map[string]int
	}
	var zero Map[int]
	vs := []version{{New[int](100), map[string]int{}}, {&zero, map[string]int{}}}
	for step := range 5000 {
		i := r.IntN(len(vs))
		v := &vs[i]
		k := fmt.Sprint("k", r.IntN(400))
		switch op := r.IntN(10); {
		case op < 6:
			v.m.Set(k, step)
			v.want[k] = step
		case op < 9:
			v.m.Delete(k)
			delete(v.want, k)
		default:
			vs = append(vs, version{v.m.Clone(), maps.Clone(v.want)})
		}
		if step%97 == 0 {
			for j, v := range vs {
				if v.m.Len() != len(v.want) {
					t.Fatalf("step %d: version %d has %d keys, want %d", step, j, v.m.Len(), len(v.want))
				}
				got := maps.Collect(v.m.All())
				if !maps.Equal(got, v.want) {
					t.Fatalf("step %d: version %d differs from its Go map", step, j)
				}
				for k, x := range v.want {
					if y, ok := v.m.Get(k); !ok || y != x || !v.m.Has(k) {
						t.Fatalf("step %d: version %d: Get(%s) = %d, %v; want %d", step, j, k, y, ok, x)
					}
				}
				if v.m.Has("absent") {
					t.Fatal("has a key never set")
				}
			}
		}
	}
	if len(vs) < 50 {
		t.Fatalf("only %d versions", len(vs))
	}
}

// BenchmarkCloneWrite is what a preview update pays for a page map: a
// copy and a write, at 100,000 keys, against a Go map's copy.
func BenchmarkCloneWrite(b *testing.B) {
	const n = 100000
	m, g := New[int](n), make(map[string]int, n)
	for i := range n {
		m.Set(fmt.Sprint("page", i), i)
		g[fmt.Sprint("page", i)] = i
	}
	b.Run("cowmap", func(b *testing.B) {
		for b.Loop() {
			m = m.Clone()
			m.Set("page17", 1)
		}
	})
	b.Run("go map", func(b *testing.B) {
		for b.Loop() {
			g = maps.Clone(g)
			g["page17"] = 1
		}
	})
}
