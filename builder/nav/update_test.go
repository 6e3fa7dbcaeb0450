package nav

import (
	"fmt"
	"math/rand/v2"
	"path"
	"reflect"
	"slices"
	"testing"
)

// randomSite makes the pages of a site of nested folders, some with an
// index page and an order list, many pages weighted or of equal titles,
// sorted by file as the builder gives them to Build.
func randomSite(r *rand.Rand) []Page {
	pages := []Page{{File: "_index.md", URL: "", Index: true, Title: "Home"}}
	dirs := []string{""}
	for range 3 + r.IntN(6) {
		parent := dirs[r.IntN(len(dirs))]
		dirs = append(dirs, fmt.Sprintf("%sd%d/", parent, len(dirs)))
	}
	for _, d := range dirs[1:] {
		if r.IntN(3) > 0 {
			pages = append(pages, Page{File: d + "_index.md", URL: d, Index: true, Title: fmt.Sprintf("T%d", r.IntN(5)), Weight: r.IntN(3)})
		}
	}
	for i := range 10 + r.IntN(60) {
		d := dirs[r.IntN(len(dirs))]
		pages = append(pages, Page{File: fmt.Sprintf("%sp%d.md", d, i), URL: fmt.Sprintf("%sp%d/", d, i), Title: fmt.Sprintf("T%d", r.IntN(8)), Weight: r.IntN(3)})
	}
	for i, p := range pages {
		if p.Index && r.IntN(4) == 0 {
			// An order list naming one of its folder's pages, if any.
			for _, q := range pages {
				if !q.Index && path.Dir(q.File)+"/" == p.URL {
					pages[i].Order = []string{path.Base(q.File)}
					break
				}
			}
		}
	}
	slices.SortFunc(pages, func(a, b Page) int {
		if a.File < b.File {
			return -1
		}
		return 1
	})
	return pages
}

// TestUpdateMatchesBuild renames and reweighs random pages of random
// sites: the tree Update makes shows every page's navigation and every
// section's listing as Build's of the new pages does, the reading order
// mended with Within in the sections Update names is Build's, and the
// tree before is as it was.
func TestUpdateMatchesBuild(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 7))
		pages := randomSite(r)
		old, oldOrder := Build(pages)
		before := views(old, pages)

		next := slices.Clone(pages)
		var changed []Page
		for range 1 + r.IntN(3) {
			i := r.IntN(len(next))
			if r.IntN(2) == 0 {
				next[i].Title = fmt.Sprintf("T%d", r.IntN(8))
			} else {
				next[i].Weight = r.IntN(3)
			}
			changed = append(changed, next[i])
		}
		got, sorted, ok := old.Update(changed)
		if !ok {
			t.Fatalf("seed %d: Update refused pages of the tree", seed)
		}
		want, wantOrder := Build(next)
		if g, w := views(got, next), views(want, next); !reflect.DeepEqual(g, w) {
			for k := range w {
				if g[k] != w[k] {
					t.Fatalf("seed %d: %s after Update:\n%s\nafter Build:\n%s", seed, k, g[k], w[k])
				}
			}
		}
		if v := views(old, pages); !reflect.DeepEqual(v, before) {
			t.Fatalf("seed %d: Update changed the tree before", seed)
		}

		// The order as URLs: Within gives those.
		order := make([]string, len(oldOrder))
		pos := make(map[string]int)
		for i, j := range oldOrder {
			order[i], pos[pages[j].URL] = pages[j].URL, i
		}
		var wantURLs []string
		for _, j := range wantOrder {
			wantURLs = append(wantURLs, next[j].URL)
		}
		moves := Moves(old, got, sorted)
		starts := make([]int, len(moves))
		for i, m := range moves {
			if len(m.Was) != len(m.Is) || len(m.Was) == 0 {
				t.Fatalf("seed %d: a move of %d pages to %d", seed, len(m.Was), len(m.Is))
			}
			starts[i] = pos[m.Was[0]]
		}
		for i, m := range moves {
			copy(order[starts[i]:], m.Is)
		}
		if !slices.Equal(order, wantURLs) {
			t.Errorf("seed %d: reading order mended in %q: %v, want %v", seed, sorted, order, wantURLs)
		}
	}
}

// views returns what a tree shows: every page's navigation, the 404
// page's, and every section's listing pages.
func views(t *Tree, pages []Page) map[string]string {
	out := map[string]string{"404": string(t.Top("/").HTML("/", false))}
	for _, p := range pages {
		out[p.URL] = string(t.At(p.URL, nil, p.URL).HTML("", p.URL == ""))
	}
	for _, s := range t.Sections() {
		for _, l := range t.Listings(s) {
			var titles []string
			for _, it := range l.Items {
				titles = append(titles, it.Title+" "+it.URL)
			}
			out["listing "+s.URL+fmt.Sprint(l.Page)] = fmt.Sprint(titles, l.First, l.Last, l.Prev, l.Next)
		}
		out["section "+s.URL] = fmt.Sprint(s.Title, s.Weight, s.Pages, s.HasPage)
	}
	return out
}

// TestUpdateRefuses: a page the tree does not have is not updated.
func TestUpdateRefuses(t *testing.T) {
	tree, _ := Build([]Page{{File: "a.md", URL: "a/", Title: "A"}, {File: "d/_index.md", URL: "d/", Index: true, Title: "D"}})
	for _, p := range []Page{
		{File: "b.md", URL: "b/", Title: "B"},
		{File: "d.md", URL: "d/", Title: "D"},                     // the folder's URL, not as its index page
		{File: "a/_index.md", URL: "a/", Index: true, Title: "A"}, // a page's URL as a folder's
	} {
		if _, _, ok := tree.Update([]Page{p}); ok {
			t.Errorf("Update took %+v", p)
		}
	}
}
