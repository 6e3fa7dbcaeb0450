// Package kettudocs carries the default theme of kettudocs sites: the
// layouts and static files below layouts/ and static/, embedded so that the
// binary needs nothing beside it. A site's own layouts/ and static/ folders
// override them file by file (see builder.Overlay).
package kettudocs

import (
	"embed"
	"io/fs"
)

//go:embed layouts static
var theme embed.FS

// Theme returns the default theme: layouts/*.html and static/**.
func Theme() fs.FS { return theme }
