// Package kettudocs carries the default theme of kettudocs sites: the
// layouts and static files below layouts/ and static/, embedded so that the
// binary needs nothing beside it. A site's own layouts/ and static/ folders
// override them file by file (see builder.Overlay); the package doc of
// builder, section "Layouts", lists the templates and the data they get.
//
// The theme needs no JavaScript to read or navigate a site, and no
// framework or web font: theme.css, theme.js and the generated chroma.css
// stay under 30 kB together. static/mermaid holds mermaid (MIT, its LICENSE
// beside it), the diagram library, which theme.js loads only on pages with
// a diagram; see authoring_test.go for its version and how to update it. Its tests drive Chromium (see
// internal/browsertest).
package kettudocs

import (
	"embed"
	"encoding/hex"
	"io/fs"
)

//go:generate go run ./cmd/themesums

//go:embed layouts static
var theme embed.FS

// Theme returns the default theme: layouts/*.html and static/**. It is a
// sitefs.SumFS: it knows the sums of its big files (theme_sums.go), so a
// build that does not publish the diagram script never reads its
// megabytes out of the binary (a tenth of a rebuild that changed
// nothing, most of a small site's build).
func Theme() fs.FS { return summed{theme} }

type summed struct{ embed.FS }

func (s summed) Sum256(name string) (sum [32]byte, ok bool) {
	h, ok := themeSums[name]
	if !ok {
		return sum, false
	}
	_, err := hex.Decode(sum[:], []byte(h))
	return sum, err == nil
}
