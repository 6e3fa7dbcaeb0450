package builder

import (
	"fmt"
	"strings"

	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/output"
)

// products lists every file a build of s writes: its pages, its files, and
// the build's own (listing pages, 404.html, sitemap.xml, the theme's static
// files).
// The search index is left Out: its name holds a hash no source can
// guess.
func (b *Builder) products(s *site) []output.Product {
	var out []output.Product
	for _, p := range s.pages.All() {
		out = append(out, output.Product{Out: p.url + "index.html", From: p.file})
		out = append(out, output.Product{Out: p.url + "index.md", From: p.file}) // llms.go
	}
	for name := range s.files {
		out = append(out, output.Product{Out: name, From: name})
	}
	aliases := false
	for _, p := range s.pages.All() {
		for _, a := range p.aliases {
			out = append(out, output.Product{Out: aliasFile(a), From: p.file, Own: "alias /" + a})
			aliases = true
		}
	}
	if aliases {
		out = append(out, output.Product{Out: "_redirects", Own: "the build's _redirects, of the pages' aliases"})
	}
	for _, u := range s.generated {
		l := s.listings[u]
		out = append(out, output.Product{Out: u + "index.html", Own: fmt.Sprintf("page %d of the listing of the section /%s", l.Page, strings.TrimSuffix(u, nav.ListingSuffix(l.Page)))})
	}
	out = append(out, output.Product{Out: "404.html", Own: "the build's 404.html"})
	if b.sitemapped() {
		out = append(out, output.Product{Out: "sitemap.xml", Own: "the build's sitemap.xml"})
	}
	out = append(out, output.Product{Out: "llms.txt", Own: "the build's llms.txt"})
	for _, a := range b.assets {
		out = append(out, output.Product{Out: a.Out, Own: "the theme's " + a.Out})
	}
	return out
}
