package sanitize

import (
	"path"
	"strings"
)

// activeTypes are the file types a browser runs script in, or that style
// or script the pages of the domain they are served from: a content file
// of one of them, published as it is, would be raw HTML no sanitizer saw.
var activeTypes = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".shtml": true,
	".svg": true, ".svgz": true, ".xml": true, ".xsl": true, ".xslt": true,
	".js": true, ".mjs": true, ".cjs": true, ".css": true, ".wasm": true,
}

// ActiveFile reports whether a file named name is of a type that can run
// script or change the site's pages when served from its domain, such as
// .html, .svg, .xml, .js and .css.
func ActiveFile(name string) bool {
	return activeTypes[strings.ToLower(path.Ext(name))]
}

// ActiveFileHint is the hint of the problem of an active content file.
const ActiveFileHint = "a page's writers may add passive files only (images such as .png, .jpg, .webp; .pdf, .txt, .json, .zip …): " +
	"served from the docs domain, this file could run script in its readers' browsers. Convert it (an .svg to .png), " +
	"or set unsafe_html: true in kettudocs.yaml if every writer of the site is trusted (see the README, Security)"
