package assets

import (
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// minifyAsset shrinks a CSS or JS file of the theme: comments and spaces
// cost every reader bytes on every first visit. Other files are returned
// as they are, and so is a file the minifier cannot parse — a site's odd
// but working script must not break its build.
//
// Files named *.min.js and *.min.css are minified already: a vendored
// bundle such as mermaid's is left as its authors built it, licence
// comments included, and its megabytes cost the build nothing.
func minifyAsset(name string, data []byte) []byte {
	if !minifies(name) {
		return data
	}
	mediatype := "application/javascript"
	if path.Ext(name) == ".css" {
		mediatype = "text/css"
	}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	out, err := m.Bytes(mediatype, data)
	if err != nil {
		return data
	}
	return out
}

// minifies reports whether minifyAsset minifies the file name: CSS and
// JS, but for those minified already (".min.js", ".min.css").
func minifies(name string) bool {
	ext := path.Ext(name)
	return (ext == ".css" || ext == ".js") && !strings.HasSuffix(name, ".min.js") && !strings.HasSuffix(name, ".min.css")
}
