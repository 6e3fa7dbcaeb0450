package layout

import (
	"fmt"
	"html/template"
	"slices"
	"time"

	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// SiteData is what every template receives about the site as .Site.
type SiteData struct {
	Title   string
	BaseURL string // as configured, with a trailing slash; "" when none was set
	EditURL string // Config.EditURL with a trailing slash; "" when none was set
	Brand   Brand  // the site's own look, on the theme's
	// Version is the label of the version of the site being read ("v9"),
	// "" for a site of one version. The same on every page, so cached
	// layouts may read it: the default theme's search field says which
	// version it searches.
	Version string
}

// A VersionLink is an entry of the version menu: a version of the site,
// and the link to it from the page.
type VersionLink struct {
	Label   string
	Href    string // to this page in that version when it has it, else to its home page
	Same    bool   // Href leads to this page
	Current bool   // the version being read
	Latest  bool   // the version readers should read
}

// Brand is what a site changes of the theme's look without layouts of its
// own: files are the plain names of static files (the site's static/ or
// the theme's), which layouts link with .Asset.
type Brand struct {
	Logo    string   // shown in the header instead of the theme's
	Favicon string   // the page icon
	Accent  string   // a CSS colour for links, the current page, focus
	CSS     []string // stylesheets after the theme's
	JS      []string // scripts after the theme's, deferred
	// Swap are the scripts of JS that do their work again on the
	// kettudocs:swap event, which the preview's live reload dispatches on
	// each region it puts in place; their tags carry data-kettudocs-swap.
	// A page with any other script reloads on every change instead.
	Swap []string
}

// Swaps reports whether the script name of JS is one of Swap.
func (b Brand) Swaps(name string) bool { return slices.Contains(b.Swap, name) }

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
	TOC         []nav.Heading // h2 and h3 headings
	Listing     *nav.Listing  // on section pages: the section's entries, or one page of them; else nil
	Prev, Next  *nav.Item     // neighbours in reading order, nil at the ends
	IsHome      bool
	Is404       bool
	// Params holds the page's front matter keys other than the known
	// ones (date, tags, author, …), as Hugo's .Params: {{.Params.author}}.
	Params  map[string]any
	File    string    // the source's slash path below the content folder; "" for pages the build made
	Updated time.Time // when the source last changed (Config.Updated); zero when unknown
	// Versions is the version menu, every version of the site in its
	// order; nil for a site of one version. Latest, on a page of a version
	// that is not the latest, is the latest's entry: the theme shows a
	// banner leading to it. Changelog links to the page that lists what
	// changed between versions, "" without one.
	Versions  []VersionLink
	Latest    *VersionLink
	Changelog string

	frame *Frame
	view  *nav.View // what Nav and NavHTML are made of
	navc  *nav.Item // Nav's result, made the first time it is asked for
}

// A Frame is what the pages of one build share besides the site: the
// theme's assets and the markup of cached layouts. Its Page method gives
// a PageData its frame and navigation, which layouts cannot change.
type Frame struct {
	assets map[string]string
	cache  *cache
}

// NewFrame returns a frame of the layouts t, with assets, the output name
// of each asset by its plain name (see Asset and SearchIndex).
func NewFrame(t *template.Template, assets map[string]string) *Frame {
	return &Frame{assets: assets, cache: newCache(t)}
}

// Page gives d the frame f and the navigation v, and returns d.
func (f *Frame) Page(d *PageData, v *nav.View) *PageData {
	d.frame, d.view = f, v
	return d
}

// Nav returns the navigation of this page: the home page's item, open,
// with the way to this page (see the package doc, section Navigation).
func (d *PageData) Nav() *nav.Item {
	if d.navc == nil && d.view != nil {
		d.navc = d.view.Items()
	}
	return d.navc
}

// NavHTML returns the navigation of this page as the default theme's
// sidebar shows it: a list with a Home entry, then Nav's entries, the
// current one marked with aria-current and followed by the page's
// headings. It is made in Go, not by layouts, because it is most of a
// page's markup; a theme that wants other markup ranges over Nav.
func (d *PageData) NavHTML() template.HTML {
	n := d.view
	if n == nil { // a PageData made without a site: Home alone
		n = (*nav.Tree)(nil).Top("")
	}
	return n.HTML(d.Rel(""), d.IsHome)
}

// TOCHTML returns .TOC as the default theme's "On this page" column
// lists it: a <ul> of links to the headings, each item classed toc-h2 or
// toc-h3; "" without headings. Made in Go as NavHTML is: a template
// escaping three values a heading was a fifth of a page's template work.
// A theme that wants other markup ranges over .TOC.
func (d *PageData) TOCHTML() template.HTML { return nav.TOCHTML(d.TOC) }

// Rel returns a link from this page to the site-relative URL path u
// (no query or fragment: they are escaped as part of the path).
func (d *PageData) Rel(u string) string {
	if d.Is404 {
		return d.Root + siteurl.Escaped(u)
	}
	return siteurl.Rel(d.URL, u)
}

// Asset returns the link to the theme asset name ("theme.css"), under the
// file name with a content hash the build gave it. The link goes through
// .Root, so it is the same for every page at one depth (see Cached).
func (d *PageData) Asset(name string) (string, error) {
	out, ok := d.frame.asset(name)
	if !ok {
		return "", fmt.Errorf("no asset %q in the theme's static folder", name)
	}
	return d.Root + out, nil
}

// SearchIndex returns the link to the site's search index script,
// search-index.js under its hashed name, or "" when the site has none
// (a site without pages). See the package doc, section "Search".
func (d *PageData) SearchIndex() string {
	out, ok := d.frame.asset(SearchIndexAsset)
	if !ok {
		return ""
	}
	return d.Root + out
}

// Current reports whether item is this page.
func (d *PageData) Current(item *nav.Item) bool { return !d.Is404 && item.URL == d.URL }

// asset returns the output name of the asset name; none without a frame.
func (f *Frame) asset(name string) (string, bool) {
	if f == nil {
		return "", false
	}
	out, ok := f.assets[name]
	return out, ok
}

// SearchIndexAsset is the plain name of the search index among the assets,
// which layouts link with .SearchIndex.
const SearchIndexAsset = "search-index.js"

// EditURL returns the link to edit this page's source: the site's edit URL
// and the source's path below the content folder, or "" when the site has
// no edit URL or the page has no source (a listing the build made).
func (d *PageData) EditURL() string {
	if d.Site == nil || d.Site.EditURL == "" || d.File == "" {
		return ""
	}
	return d.Site.EditURL + siteurl.Escape(d.File)
}
