package nav

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAppendView: on random sites with a page renamed or reweighed, a
// page whose navigation (all View.Items gives a theme) differs between
// the trees before and after has other AppendView bytes; and pages whose
// navigation does not show the change keep theirs, which is the point.
func TestAppendView(t *testing.T) {
	kept := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 9))
		pages := randomSite(r)
		next := slices.Clone(pages)
		i := r.IntN(len(next))
		if r.IntN(2) == 0 {
			next[i].Title = fmt.Sprintf("T%d", r.IntN(8))
		} else {
			next[i].Weight = r.IntN(3)
		}
		a, _ := Build(pages)
		b, _ := Build(next)
		for _, p := range pages {
			shown := func(tree *Tree) []byte {
				data, err := json.Marshal(tree.At(p.URL, nil, p.URL).Items())
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
			same := bytes.Equal(a.AppendView(nil, p.URL), b.AppendView(nil, p.URL))
			if !bytes.Equal(shown(a), shown(b)) && same {
				t.Fatalf("seed %d: %s: the navigation changed, its bytes did not:\n%s\n%s", seed, p.URL, shown(a), shown(b))
			}
			if same {
				kept++
			}
		}
	}
	if kept == 0 {
		t.Error("no page kept its navigation's bytes")
	}
}
