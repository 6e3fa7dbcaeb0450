package builder

import (
	"github.com/kettu/kettudocs/builder/search"
)

// takeExtract returns the search extract of the site's page i in
// reading order, and drops the page's hold on it: BuildStateFrom lets go
// of each extract once it has used it, and the build's memory shrinks as
// the index grows.
func (s *site) takeExtract(i int) *search.Page {
	p := s.order[i]
	x := p.search
	p.search = nil
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
