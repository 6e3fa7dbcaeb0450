package builder

import (
	"maps"
	"slices"

	"kettudocs/builder/search"
)

// searchIndexAsset is the plain name of the search index among the assets:
// its entry file, which loads the rest as a query needs it.
const searchIndexAsset = "search-index.js"

// withSearchIndex builds the search index from the pages, in reading
// order, as the first pass of the build extracted them, and returns the
// build's assets and asset names: the theme's, plus the files of the index
// (search/index.HASH.js, named "search-index.js" among the assets, and the
// shards it loads). A site without pages gets no index.
func (b *Builder) withSearchIndex(order []*page) ([]asset, map[string]string) {
	if len(order) == 0 {
		return b.assets, b.names
	}
	pages := make([]*search.Page, len(order))
	for i, p := range order {
		pages[i] = p.search
	}
	x := search.Build(pages)
	for _, p := range order {
		p.search = nil // in the index now: free it before the pages are written
	}
	assets := slices.Clip(b.assets)
	for _, f := range x.Files {
		assets = append(assets, asset{out: f.Name, data: f.Data})
	}
	names := maps.Clone(b.names)
	names[searchIndexAsset] = x.Entry
	return assets, names
}
