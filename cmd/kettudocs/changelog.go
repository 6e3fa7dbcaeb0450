package main

import (
	"fmt"
	"strings"

	"github.com/kettu/kettudocs/builder/siteurl"
	"github.com/kettu/kettudocs/codespec"
)

// changelog returns the Markdown of the codes changelog of the versions
// vs, listed newest first, of which vs[current] is being built: for each
// version and the one after it in the list, what codespec.Diff finds
// between their specs, each entry linking to its row in each version.
// rows is the page file of each row id of the current version, which the
// page links as Markdown, so that the build checks those links; rows of
// the other versions are linked in HTML, as they are outside its content.
//
// The page names removed and renumbered codes only in table cells, never
// after the phrases a group's mentions are, so that the drift check,
// which the page goes through like every page, finds no stale mention.
func changelog(vs []*siteVersion, current int, rows map[string]string) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: Codes changelog\ndescription: What changed in the codes of the API from each version of these docs to the next.\n---\n\n")
	b.WriteString("# Codes changelog\n\n")
	b.WriteString("What changed in the codes of the API from each version of these docs to the next, as kettudocs finds it in the codes spec of each version. A change marked **breaking** can break a client written for the older version: a code removed or renumbered, or a changed value that clients act on, such as a close code's action.\n")
	// From the changelog page (codes-changelog/) up to the site's root,
	// where every version's folder is.
	up := "../" + strings.Repeat("../", strings.Count(strings.TrimPrefix(vs[current].conf.Path, "/"), "/"))
	link := func(v *siteVersion, g *codespec.Group, code, text string) string {
		if g == nil {
			return cell(text)
		}
		id := g.Anchor + "-" + code
		if v == vs[current] {
			if file, ok := rows[id]; ok {
				return fmt.Sprintf("[%s](/%s#%s)", cell(text), file, id)
			}
			return cell(text)
		}
		if u, ok := v.rows[id]; ok {
			href := siteurl.Safe(up + strings.TrimPrefix(v.conf.Path, "/") + u)
			return fmt.Sprintf(`<a href="%s#%s">%s</a>`, attr(href), attr(id), cell(text))
		}
		return cell(text)
	}
	for i := 0; i+1 < len(vs); i++ {
		newer, older := vs[i], vs[i+1]
		ns, ps := specOr(newer.spec), specOr(older.spec)
		fmt.Fprintf(&b, "\n## %s, from %s\n", newer.conf.Label, older.conf.Label)
		changes := codespec.Diff(ps, ns)
		if len(changes) == 0 {
			b.WriteString("\nNo changes in the codes.\n")
			continue
		}
		group := ""
		for _, c := range changes {
			ng, og := groupOf(ns, c.Group), groupOf(ps, c.Group)
			if c.Group != group {
				group = c.Group
				title := c.Title
				if title == "" {
					title = c.Group
				}
				fmt.Fprintf(&b, "\n### %s\n\n", cell(capital(title)))
				if c.Kind != codespec.GroupAdded && c.Kind != codespec.GroupRemoved {
					fmt.Fprintf(&b, "| Change | Code | In %s | In %s |\n| --- | --- | --- | --- |\n", cell(older.conf.Label), cell(newer.conf.Label))
				}
			}
			kind := ""
			switch c.Kind {
			case codespec.GroupAdded:
				fmt.Fprintf(&b, "New in %s: %s.\n", cell(newer.conf.Label), plural(entries(ng), "code"))
				continue
			case codespec.GroupRemoved:
				fmt.Fprintf(&b, "Removed in %s (**breaking**): it had %s.\n", cell(newer.conf.Label), plural(entries(og), "code"))
				continue
			case codespec.Added:
				kind = "Added"
			case codespec.Removed:
				kind = "Removed"
			case codespec.Renumbered:
				kind = "Renumbered"
			case codespec.Changed:
				kind = capital(c.Column) + " changed"
			}
			if c.Breaking {
				kind += ", **breaking**"
			}
			var was, is string
			switch c.Kind {
			case codespec.Added:
				was, is = "—", link(newer, ng, c.Code, c.Code)+" "+cell(c.New)
			case codespec.Removed:
				was, is = link(older, og, c.Code, c.Code)+" "+cell(c.Old), "—"
			case codespec.Renumbered:
				was, is = link(older, og, c.OldCode, c.OldCode), link(newer, ng, c.Code, c.Code)
				if c.New != "" {
					is += " " + cell(c.New)
				}
			case codespec.Changed:
				was, is = link(older, og, c.Code, c.Old), link(newer, ng, c.Code, c.New)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", kind, cell(c.Code), was, is)
		}
	}
	return []byte(b.String())
}

// specOr returns s, or an empty spec for a version without one.
func specOr(s *codespec.Spec) *codespec.Spec {
	if s == nil {
		return &codespec.Spec{}
	}
	return s
}

// groupOf returns the group name of s, nil when s has none.
func groupOf(s *codespec.Spec, name string) *codespec.Group {
	for _, g := range s.Groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// entries returns how many entries g has.
func entries(g *codespec.Group) int {
	if g == nil {
		return 0
	}
	return len(g.Entries)
}

// capital returns s with its first letter in upper case.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// cell escapes text of the spec for a cell of a Markdown table: what
// would end the cell or be read as Markdown or HTML.
var cellEscaper = strings.NewReplacer("|", `\|`, `\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, "`", "\\`", "\n", " ")

func cell(s string) string { return cellEscaper.Replace(s) }

// attr escapes s for an attribute value in double quotes.
func attr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;").Replace(s)
}
