package builder

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"time"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// SiteData is what every template receives about the site as .Site.
type SiteData struct {
	Title   string
	BaseURL string // as configured, with a trailing slash; "" when none was set
	EditURL string // Config.EditURL with a trailing slash; "" when none was set
}

// PageData is the data a layout is executed with. See the package doc,
// section "Layouts", for the templates that receive it.
type PageData struct {
	Site        *SiteData
	Title       string
	Description string
	Summary     string        // for link previews: Description, or the first paragraph's text
	Content     template.HTML // the rendered Markdown
	HasH1       bool          // the content starts its own h1; layouts print Title otherwise
	URL         string        // site-relative URL path: "guide/intro/", "" for the home page
	Permalink   string        // absolute URL when the base URL is absolute, else ""
	Root        string        // the path from this page to the site root: "../../", or the base URL path on 404.html
	TOC         []Heading     // h2 and h3 headings
	Listing     *Listing      // on section pages: the section's entries, or one page of them; else nil
	Prev, Next  *NavItem      // neighbours in reading order, nil at the ends
	IsHome      bool
	Is404       bool
	// Params holds the page's front matter keys other than the known
	// ones (date, tags, author, …), as Hugo's .Params: {{.Params.author}}.
	Params  map[string]any
	File    string    // the source's slash path below the content folder; "" for pages the build made
	Updated time.Time // when the source last changed (Config.Updated); zero when unknown

	assets map[string]string
	nav    *navOf   // what Nav and NavHTML are made of
	navc   *NavItem // Nav's result, made the first time it is asked for
	cache  *layoutCache
}

// Nav returns the navigation of this page: the home page's item, open,
// with the way to this page (see the package doc, section Navigation).
func (d *PageData) Nav() *NavItem {
	if d.navc == nil && d.nav != nil {
		d.navc = d.nav.view()
	}
	return d.navc
}

// NavHTML returns the navigation of this page as the default theme's
// sidebar shows it: a list with a Home entry, then Nav's entries, the
// current one marked with aria-current and followed by the page's
// headings. It is made in Go, not by layouts, because it is most of a
// page's markup; a theme that wants other markup ranges over Nav.
func (d *PageData) NavHTML() template.HTML {
	n := d.nav
	if n == nil { // a PageData made without a site: Home alone
		n = &navOf{tree: &navTree{root: &NavItem{}}, top: true}
	}
	return n.html(d.Rel(""), d.IsHome)
}

// TOCHTML returns .TOC as the default theme's "On this page" column
// lists it: a <ul> of links to the headings, each item classed toc-h2 or
// toc-h3; "" without headings. Made in Go as NavHTML is: a template
// escaping three values a heading was a fifth of a page's template work.
// A theme that wants other markup ranges over .TOC.
func (d *PageData) TOCHTML() template.HTML { return tocHTML(d.TOC) }

// Rel returns a link from this page to the site-relative URL path u.
func (d *PageData) Rel(u string) string {
	if d.Is404 {
		return d.Root + u
	}
	return siteurl.Rel(d.URL, u)
}

// Asset returns the link to the theme asset name ("theme.css"), under the
// file name with a content hash the build gave it. The link goes through
// .Root, so it is the same for every page at one depth (see Cached).
func (d *PageData) Asset(name string) (string, error) {
	out, ok := d.assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in the theme's static folder", name)
	}
	return d.Root + out, nil
}

// SearchIndex returns the link to the site's search index script,
// search-index.js under its hashed name, or "" when the site has none
// (a site without pages). See the package doc, section "Search".
func (d *PageData) SearchIndex() string {
	out, ok := d.assets[searchIndexAsset]
	if !ok {
		return ""
	}
	return d.Root + out
}

// Current reports whether item is this page.
func (d *PageData) Current(item *NavItem) bool { return !d.Is404 && item.URL == d.URL }

// loadLayouts parses every layouts/*.html of the theme into one set: a
// layout may call any other by its file name.
func loadLayouts(theme fs.FS) (*template.Template, error) {
	t := template.New("").Funcs(template.FuncMap{"dict": dict})
	// fs.Glob ignores a folder it cannot read, such as a link out of the
	// site: that is a problem of the folder.
	if _, err := fs.Stat(theme, "layouts"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, diag.List{sitefs.ReadProblem(theme, "layouts", err)}
	}
	names, err := fs.Glob(theme, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("theme has no layouts/*.html")
	}
	var problems diag.List
	for _, name := range names {
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			problems = append(problems, sitefs.ReadProblem(theme, name, err))
			continue
		}
		if _, err := t.New(path.Base(name)).Parse(string(src)); err != nil {
			problems = append(problems, parseProblem(name, err))
		}
	}
	for _, need := range []string{"page.html", "404.html"} {
		if t.Lookup(need) == nil && len(problems) == 0 {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: "layouts/" + need},
				Msg:  "missing: every theme needs it",
				Hint: "add it, or remove your layouts/ folder to use the default theme",
			})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return t, nil
}

var templateErr = regexp.MustCompile(`^template: [^:]*:(\d+):(?:(\d+):)? ?(.*)$`)

// parseProblem places a template's parse error in its file.
func parseProblem(file string, err error) diag.Problem {
	p := diag.Problem{
		Pos:  diag.Position{File: file},
		Msg:  "layout does not parse: " + err.Error(),
		Hint: "see https://pkg.go.dev/text/template for the syntax",
	}
	if m := templateErr.FindStringSubmatch(err.Error()); m != nil {
		p.Pos.Line, _ = strconv.Atoi(m[1])
		p.Pos.Col, _ = strconv.Atoi(m[2])
		p.Msg = "layout does not parse: " + m[3]
	}
	return p
}

// execute renders layout with data.
func execute(t *template.Template, layout string, data *PageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := executeTo(&buf, t, layout, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// executeTo renders layout with data into buf.
func executeTo(buf *bytes.Buffer, t *template.Template, layout string, data *PageData) error {
	if err := t.ExecuteTemplate(buf, layout, data); err != nil {
		return fmt.Errorf("layout %s for %q: %w", layout, "/"+data.URL, err)
	}
	return nil
}

// layoutFor picks a page's layout: section.html for the index page of a
// folder other than the root, home.html for the home page, if the theme has
// them, else page.html.
func layoutFor(t *template.Template, p *page) string {
	name := "page.html"
	switch {
	case p.url == "":
		name = "home.html"
	case p.index:
		name = "section.html"
	}
	if t.Lookup(name) != nil {
		return name
	}
	return "page.html"
}

// dict makes a map of key, value pairs, to pass several values to a
// template: {{template "item.html" (dict "Page" $ "Item" .)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
