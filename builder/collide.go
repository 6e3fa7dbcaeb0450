package builder

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/output"
)

// products lists every file a build of s writes: its pages, its files, and
// the build's own (listing pages, 404.html, sitemap.xml, the theme's static
// files).
// The search index is left Out: its name holds a hash no source can
// guess.
func (b *Builder) products(s *site) []output.Product {
	out := make([]output.Product, 0, 2*s.pages.Len()+len(s.files)+len(s.generated)+len(b.assets)+4)
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

// collisions returns output.Collisions of the products of s, unless the
// last build, whose cache c is, had exactly these products and no
// collision: a pure function of them, and a tenth of a rebuild that
// changed nothing. With a cache, s keeps the key of the products for
// the next build.
func (b *Builder) collisions(s *site, c *cache) diag.List {
	products := b.products(s)
	if c == nil {
		return output.Collisions(products, b.cfg.UnsafeHTML)
	}
	// The sum of the products' hashes, which does not depend on their
	// order (pages come from maps), with their number and the setting.
	var sum [4]uint64
	var buf []byte
	for _, p := range products {
		// Quoted: no name can end early and take the next one's place.
		buf = strconv.AppendQuote(strconv.AppendQuote(strconv.AppendQuote(buf[:0], p.Out), p.From), p.Own)
		d := sha256.Sum256(buf)
		for i := range sum {
			sum[i] += binary.LittleEndian.Uint64(d[8*i:])
		}
	}
	key := sha256.Sum256(fmt.Appendf(nil, "%v %d %x", b.cfg.UnsafeHTML, len(products), sum))
	if c.last.Products == key {
		s.productsKey = key
		return nil
	}
	problems := output.Collisions(products, b.cfg.UnsafeHTML)
	if len(problems) == 0 {
		s.productsKey = key
	}
	return problems
}
