package builder

import (
	"github.com/kettu/kettudocs/builder/search"
)

// searchIndexAsset is the plain name of the search index among the assets:
// its entry file, which loads the rest as a query needs it.
const searchIndexAsset = "search-index.js"

// searchIndex builds the search index from the pages, in reading order,
// as the first pass of the build extracted them, and returns its files:
// search/index.HASH.js, named "search-index.js" among the assets (see
// frame), and the shards it loads. A site without pages gets no index.
// Build frees the pages' search entries once it has the index.
func searchIndex(order []*page) []extra {
	if len(order) == 0 {
		return nil
	}
	pages := make([]*search.Page, len(order))
	for i, p := range order {
		pages[i] = p.search
	}
	x := search.Build(pages)
	var files []extra
	for _, f := range x.Files {
		files = append(files, extra{f.Name, func() ([]byte, error) { return f.Data, nil }})
	}
	return files
}
