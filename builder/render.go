package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// SiteData is what every template receives about the site as .Site.
type SiteData struct {
	Title   string
	BaseURL string     // as configured, with a trailing slash; "" when none was set
	Nav     []*NavItem // the navigation below the home page
}

// PageData is the data a layout is executed with. See the package doc,
// section "Layouts", for the templates that receive it.
type PageData struct {
	Site        *SiteData
	Title       string
	Description string
	Content     template.HTML // the rendered Markdown
	HasH1       bool          // the content starts its own h1; layouts print Title otherwise
	URL         string        // site-relative URL path: "guide/intro/", "" for the home page
	Permalink   string        // absolute URL when the base URL is absolute, else ""
	Root        string        // the path from this page to the site root: "../../", or the base URL path on 404.html
	TOC         []Heading     // h2 and h3 headings
	Prev, Next  *NavItem      // neighbours in reading order, nil at the ends
	IsHome      bool
	Is404       bool

	assets map[string]string
}

// Rel returns a link from this page to the site-relative URL path u.
func (d *PageData) Rel(u string) string {
	if d.Is404 {
		return d.Root + u
	}
	return relURL(d.URL, u)
}

// Asset returns the link to the theme asset name ("theme.css"), under the
// file name with a content hash the build gave it.
func (d *PageData) Asset(name string) (string, error) {
	out, ok := d.assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in the theme's static folder", name)
	}
	return d.Rel(out), nil
}

// SearchIndex returns the link to the site's search index script,
// search-index.js under its hashed name, or "" when the site has none
// (a site without pages). See the package doc, section "Search".
func (d *PageData) SearchIndex() string {
	out, ok := d.assets[searchIndexAsset]
	if !ok {
		return ""
	}
	return d.Rel(out)
}

// Current reports whether item is this page.
func (d *PageData) Current(item *NavItem) bool { return item.HasPage && item.URL == d.URL }

// loadLayouts parses every layouts/*.html of the theme into one set: a
// layout may call any other by its file name.
func loadLayouts(theme fs.FS) (*template.Template, error) {
	t := template.New("").Funcs(template.FuncMap{"dict": dict})
	names, err := fs.Glob(theme, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("theme has no layouts/*.html")
	}
	for _, name := range names {
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(path.Base(name)).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, need := range []string{"page.html", "404.html"} {
		if t.Lookup(need) == nil {
			return nil, fmt.Errorf("theme has no layouts/%s", need)
		}
	}
	return t, nil
}

// execute renders layout with data.
func execute(t *template.Template, layout string, data *PageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, layout, data); err != nil {
		return nil, fmt.Errorf("layout %s for %q: %w", layout, "/"+data.URL, err)
	}
	return buf.Bytes(), nil
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

// basePath returns the path part of an absolute base URL with a trailing
// slash ("/docs/"), or "/" when there is none.
func basePath(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		if j := strings.Index(rest, "/"); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if strings.HasPrefix(baseURL, "/") {
		return baseURL
	}
	return "/"
}

// dict makes a map of key, value pairs, to pass several values to a
// template: {{template "nav-item.html" (dict "Page" $ "Item" .)}}.
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
