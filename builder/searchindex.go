package builder

import (
	"maps"
	"slices"

	"kettudocs/builder/search"
)

// searchIndexAsset is the plain name of the search index among the assets.
const searchIndexAsset = "search-index.js"

// withSearchIndex indexes the pages, in reading order, from the trees they
// were parsed into, and returns the build's assets and asset names: the
// theme's, plus the index as "search-index.js" with a content hash in its
// name. A site without pages gets no index.
func (b *Builder) withSearchIndex(order []*page) ([]asset, map[string]string) {
	if len(order) == 0 {
		return b.assets, b.names
	}
	x := search.New()
	for _, p := range order {
		x.Add(p.doc, p.src, p.url, p.title)
	}
	js := x.JS()
	idx := asset{out: hashedName(searchIndexAsset, js), data: js}
	names := maps.Clone(b.names)
	names[searchIndexAsset] = idx.out
	return append(slices.Clip(b.assets), idx), names
}
