package builder

import (
	"github.com/kettu/kettudocs/builder/search"
)

// extracts returns the search extracts of pages.
func extracts(pages []*page) []*search.Page {
	x := make([]*search.Page, len(pages))
	for i, p := range pages {
		x[i] = p.search
	}
	return x
}

// indexExtras returns the files of x.
func indexExtras(x search.Index) []extra {
	files := make([]extra, 0, len(x.Files))
	for _, f := range x.Files {
		files = append(files, extra{out: f.Name, make: func() ([]byte, error) { return f.Data, nil }})
	}
	return files
}

// dicts lends search.Dicts to the goroutines of one pass loading pages:
// each Dict to one goroutine at a time, as a Dict requires, and no more
// Dicts than goroutines, so that search.Build looks up few terms twice. A
// pass makes its own and drops it when done: a Dict must not change once
// a Build may read its pages, and a Live's index may be built while the
// next Live loads.
type dicts chan *search.Dict

func newDicts() dicts { return make(dicts, workers()) }

func (c dicts) get() *search.Dict {
	select {
	case d := <-c:
		return d
	default:
		return search.NewDict()
	}
}

func (c dicts) put(d *search.Dict) {
	select {
	case c <- d:
	default: // more goroutines than workers(): let it go
	}
}
