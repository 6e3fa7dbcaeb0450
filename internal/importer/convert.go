package importer

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// fenceRE matches the line that opens or closes a fenced code block.
var fenceRE = regexp.MustCompile("^\\s*(```+|~~~+)")

// mapLines calls f with each line of body (its number in the source,
// start being the first line's) that is not in a fenced code block, and
// returns body with each such line replaced by what f returns, which may
// be several lines.
func mapLines(body string, start int, f func(n int, line string) string) string {
	lines := strings.Split(body, "\n")
	var code fences
	for i, l := range lines {
		if !code.in(l) {
			lines[i] = f(start+i, l)
		}
	}
	return strings.Join(lines, "\n")
}

// fences follows the fenced code blocks of a page, line by line.
type fences struct{ open string } // the fence of the open block, "" outside one

// in reports whether the line l, the next of the page, opens, closes or
// is in a fenced code block.
func (f *fences) in(l string) bool {
	if m := fenceRE.FindStringSubmatch(l); m != nil {
		switch {
		case f.open == "":
			f.open = m[1]
			return true
		case strings.HasPrefix(m[1], f.open[:1]) && len(m[1]) >= len(f.open) && strings.TrimSpace(l) == m[1]:
			f.open = ""
			return true
		}
	}
	return f.open != ""
}

// linkRE matches the destination of an inline link or image, "](dest" up
// to its end or title; refDefRE a link reference definition.
var (
	linkRE   = regexp.MustCompile(`\]\(\s*(<[^>]*>|[^)\s]+)`)
	refDefRE = regexp.MustCompile(`^(\s{0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)`)
)

// relink returns p's body, at name in the new site, with each relative
// link to a page or file of the site rewritten to lead to its file where
// it is in the new site: a renamed page's new name, from the page's own
// new folder, and the .md file of a link written without it ("clients",
// "../advanced/transports" as MkDocs's URLs lead, "/docs/intro/").
func (s *site) relink(name string, p *page) string {
	oldDir := path.Dir(p.old)
	newDir := path.Dir(name)
	stem := strings.TrimSuffix(p.old, path.Ext(p.old))
	return mapLines(p.body, p.bodyLine, func(n int, l string) string {
		fix := func(dest string) string {
			bracket := strings.HasPrefix(dest, "<")
			d := strings.Trim(dest, "<>")
			if d == "" || strings.HasPrefix(d, "#") || strings.Contains(d, "://") || strings.HasPrefix(d, "mailto:") || strings.HasPrefix(d, "//") {
				return dest
			}
			target, frag, _ := strings.Cut(d, "#")
			to, ok := s.resolve(oldDir, stem, target)
			if !ok {
				if abs := s.outside(target); abs != "" {
					if frag != "" {
						abs += "#" + frag
					}
					s.note(p.from, n, true, fmt.Sprintf("link %s, to a page of the site outside the docs, → %s", d, abs), "")
					return abs
				}
				return dest
			}
			rel := relPath(newDir, to)
			if strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "/"+s.urlBase) {
				rel = "/" + to
			}
			if rel == target {
				return dest
			}
			if frag != "" {
				rel += "#" + frag
			}
			s.note(p.from, n, true, fmt.Sprintf("link %s → %s", d, rel), "")
			if bracket || strings.ContainsAny(rel, " ()") {
				return "<" + rel + ">"
			}
			return rel
		}
		if m := refDefRE.FindStringSubmatchIndex(l); m != nil {
			l = l[:m[4]] + fix(l[m[4]:m[5]]) + l[m[5]:]
		}
		return linkRE.ReplaceAllStringFunc(l, func(m string) string {
			sub := linkRE.FindStringSubmatch(m)
			return strings.TrimSuffix(m, sub[1]) + fix(sub[1])
		})
	})
}

// resolve returns the path in the new site's content of the page or file
// that target, a link of the page whose old path without extension is
// stem, in the old folder dir, leads to; false when it leads to none.
func (s *site) resolve(dir, stem, target string) (string, bool) {
	var cands []string
	if t, ok := strings.CutPrefix(target, "/"); ok {
		// Relative to the docs' root, or to the URL their pages had.
		cands = append(cands, t)
		if s.urlBase != "" {
			if u, ok := strings.CutPrefix(t, s.urlBase); ok {
				cands = append(cands, u)
			}
		}
	} else {
		cands = append(cands, path.Join(dir, target), path.Join(stem, target))
	}
	for _, c := range cands {
		c = path.Clean(c)
		if c == "." || c == ".." || strings.HasPrefix(c, "../") {
			continue
		}
		for _, form := range []string{c, c + ".md", c + ".mdx", c + "/index.md", c + "/_index.md", c + "/README.md"} {
			if to, ok := s.byOld[form]; ok {
				return to, true
			}
		}
		// A page's new name, which is the URL it had (a Docusaurus id).
		if to, ok := s.pageAt(c); ok {
			return to, true
		}
		if _, ok := s.files["content/"+c]; ok {
			return c, true
		}
	}
	return "", false
}

// pageAt returns the page of the new site that the path c (in content/,
// without a trailing slash) names: the file, its .md, or the folder's page.
func (s *site) pageAt(c string) (string, bool) {
	for _, form := range []string{c, c + ".md", c + "/_index.md", c + "/index.md"} {
		if _, ok := s.pages[form]; ok {
			return form, true
		}
	}
	return "", false
}

// outside returns the absolute URL of target, a link from the site's root
// ("/blog/", "/help") to a page outside the docs, which stays where it
// was: on the site of the base URL's host. "" for other links, and
// without a base URL; for docs at the site's root, only when the reader
// says that such links lead to what the site makes besides its content
// (Hugo's generated API references, its other sections).
func (s *site) outside(target string) string {
	if !strings.HasPrefix(target, "/") || s.baseURL == "" || s.urlBase == "" && !s.rootLinksOutside {
		return ""
	}
	if rest, ok := strings.CutPrefix(strings.TrimPrefix(target, "/"), s.urlBase); ok && s.urlBase != "" {
		// Another version's docs stay on the old site; any other link
		// into the docs that leads to no page is a broken link the
		// build reports.
		v, _, _ := strings.Cut(rest, "/")
		if !slices.Contains(s.versions, v) {
			return ""
		}
	}
	i := strings.Index(s.baseURL, "://")
	if i < 0 {
		return ""
	}
	host := s.baseURL
	if j := strings.Index(s.baseURL[i+3:], "/"); j >= 0 {
		host = s.baseURL[:i+3+j]
	}
	return host + target
}

// relPath returns the relative path from the folder dir to the file or
// folder to, both slash paths from the same root ("." for the root).
func relPath(dir, to string) string {
	if dir == "." {
		dir = ""
	}
	from := strings.Split(dir, "/")
	if dir == "" {
		from = nil
	}
	parts := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(parts)-1 && from[i] == parts[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(parts[i:], "/")
}

// macroRE matches a macro of mkdocs-macros or Jinja, {{ name.path }}, and
// tagRE a template tag, {% … %}.
var (
	macroRE = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}`)
	tagRE   = regexp.MustCompile(`\{%.*?%\}|\{\{.*?\}\}`)
)

// macros replaces in p's body each macro whose value vars gives (by its
// dotted path: {{ project.name }} is vars["project"]["name"]), and notes
// each that is left.
func (s *site) macros(p *page, vars map[string]any) {
	p.body = mapLines(p.body, p.bodyLine, func(n int, l string) string {
		l = macroRE.ReplaceAllStringFunc(l, func(m string) string {
			name := macroRE.FindStringSubmatch(m)[1]
			if v, ok := lookup(vars, name); ok {
				s.note(p.from, n, true, fmt.Sprintf("macro {{ %s }} replaced by its value %q", name, v), "")
				return v
			}
			return m
		})
		for _, m := range tagRE.FindAllString(l, -1) {
			if strings.HasPrefix(m, "{{<") || strings.HasPrefix(m, "{{%") {
				continue // Hugo's shortcodes: hugo.go's
			}
			s.note(p.from, n, false, fmt.Sprintf("template macro %s, which kettudocs prints as text", m),
				"write its value, or leave it out: kettudocs runs no templates in pages")
		}
		return l
	})
}

// lookup returns the text of the value of the dotted name in vars.
func lookup(vars map[string]any, name string) (string, bool) {
	var v any = vars
	for _, part := range strings.Split(name, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		if v, ok = m[part]; !ok {
			return "", false
		}
	}
	switch v := v.(type) {
	case string:
		return v, true
	case int, int64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}
