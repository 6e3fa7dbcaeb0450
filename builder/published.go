package builder

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kettu/kettudocs/builder/diag"
)

// Published is what a site publishes that readers may link to from
// outside it: its pages' URLs and their ids, its aliases, and its other
// files. Two Published of one site, before and after a change, say which
// of those links the change would break (Gone).
type Published struct {
	Pages   map[string]PublishedPage // by URL path: "guide/intro/", "" for the home page
	Aliases map[string]string        // alias URL path → the URL of its page
	Files   map[string]bool          // the content's other files, by path
}

// A PublishedPage is one page of a Published site.
type PublishedPage struct {
	File string          // its source, a slash path in Config.Content
	IDs  map[string]bool // the ids links may name: headings, rows, kept old ids
}

// Published loads the site, as Check does, and returns what it publishes.
// Problems of the site do not matter to it: a page is published if a
// build would write it.
func (b *Builder) Published(ctx context.Context) (*Published, error) {
	s, _, err := b.load(ctx, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	out := &Published{Pages: map[string]PublishedPage{}, Aliases: map[string]string{}, Files: maps.Clone(s.files)}
	for _, p := range s.order {
		out.Pages[p.url] = PublishedPage{File: p.file, IDs: p.ids}
		for _, a := range p.aliases {
			out.Aliases[a] = p.url
		}
	}
	return out, nil
}

// Serves reports whether the site answers the URL path u, a page's or a
// file's: as a page, an alias, or a file.
func (p *Published) Serves(u string) bool {
	if _, ok := p.Pages[u]; ok {
		return true
	}
	if _, ok := p.Aliases[u]; ok {
		return true
	}
	if strings.HasSuffix(u, "index.html") {
		if _, ok := p.Aliases[strings.TrimSuffix(u, "index.html")]; ok {
			return true
		}
	}
	return p.Files[u]
}

// Gone returns, as problems, every link to was that now would break: a URL
// of was that now serves nothing, and an id of a page both have that the
// page lost. renamed maps a source of was to its new name where git saw
// it renamed (old slash path in the content → new), for the exact fix.
// Problems are placed on the new source when there is one, else on the
// old; label names the version was is ("v1.2", "main").
func (now *Published) Gone(was *Published, renamed map[string]string, label string) diag.List {
	var problems diag.List
	for _, u := range slices.Sorted(maps.Keys(was.Pages)) {
		old := was.Pages[u]
		page, still := now.Pages[u]
		if !still {
			if now.Serves(u) {
				continue
			}
			problems = append(problems, moved("/"+u, old.File, renamed, now, label, true))
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(old.IDs)) {
			if !page.IDs[id] {
				problems = append(problems, diag.Problem{
					Pos:  diag.Position{File: page.File},
					Msg:  fmt.Sprintf("the link /%s#%s of %s leads nowhere now: the page has no id %q", u, id, label, id),
					Hint: fmt.Sprintf("give the heading that replaced it its old id, ## Title {#%s}, or add anchors: {%s: NEW-ID} to the front matter", id, id),
				})
			}
		}
	}
	for _, a := range slices.Sorted(maps.Keys(was.Aliases)) {
		if now.Serves(a) {
			continue
		}
		file := was.Pages[was.Aliases[a]].File
		problems = append(problems, moved("/"+a, file, renamed, now, label, true))
	}
	for _, f := range slices.Sorted(maps.Keys(was.Files)) {
		if now.Serves(f) {
			continue
		}
		problems = append(problems, moved("/"+f, f, renamed, now, label, false))
	}
	return problems
}

// moved is the problem of a URL u of was, from the source file, that the
// site no longer serves.
func moved(u, file string, renamed map[string]string, now *Published, label string, page bool) diag.Problem {
	msg := fmt.Sprintf("%s, published in %s, is gone: links to it from elsewhere would break", u, label)
	if to, ok := renamed[file]; ok {
		if p, ok := pageOf(now, to); ok && page {
			return diag.Problem{
				Pos:  diag.Position{File: to},
				Msg:  fmt.Sprintf("%s (%s moved to %s)", msg, file, to),
				Hint: fmt.Sprintf("add aliases: [%s] to the front matter of %s, so that the old URL leads to /%s", u, to, p),
			}
		}
	}
	hint := "add aliases: [" + u + "] to the page that replaces it, so that the old URL leads there"
	if !page {
		hint = "keep the file, or redirect its URL where your host allows (a _redirects file)"
	}
	return diag.Problem{Pos: diag.Position{File: file}, Msg: msg, Hint: hint}
}

// pageOf returns the URL of the page whose source is file.
func pageOf(p *Published, file string) (string, bool) {
	for u, pg := range p.Pages {
		if pg.File == file {
			return u, true
		}
	}
	return "", false
}

// dropped returns a warning for each page of the last build (its output
// files, see output.Folder.Dropped) that this build drops: someone may
// link to it.
func dropped(files []string) diag.List {
	var warnings diag.List
	for _, name := range files {
		u, ok := strings.CutSuffix(name, "index.html")
		if !ok || u != "" && !strings.HasSuffix(u, "/") {
			continue
		}
		warnings = append(warnings, diag.Problem{
			Msg:      fmt.Sprintf("/%s, which the last build into this folder published, is gone: links to it from elsewhere would break", u),
			Hint:     fmt.Sprintf("if the page moved, add aliases: [/%s] to its front matter (kettudocs check --since REF finds every such URL in a pull request)", u),
			Severity: diag.Warning,
		})
	}
	return warnings
}
