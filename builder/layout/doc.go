// Package layout executes a theme's layouts: html/template files that
// make each page of a site from its PageData. Load parses and checks them;
// a build makes one Frame, which the pages share, and gives each page's
// PageData its frame and navigation with Frame.Page.
//
// Layouts are html/template files in the theme's layouts/ folder, all
// parsed into one set: a layout calls another by its file name, as in
// {{template "nav.html" .}}. A page is rendered with home.html (the home
// page), section.html (a folder's page) or page.html, whichever exists
// first in that order; page.html and 404.html are required. Each receives a
// *PageData:
//
//	.Site.Title, .Site.BaseURL, .Site.EditURL  the site
//	.Title, .Description, .Content          the page; Content is the HTML
//	.Summary                                for link previews: .Description, or the first paragraph's text
//	.File, .EditURL                         the source's path in the content; the link to edit it, or ""
//	.Updated                                when the source last changed (Config.Updated); zero when unknown
//	.HasH1                                  the content has its own h1
//	.URL, .Permalink, .Root                 where the page is
//	.TOC                                    h2 and h3 headings: .Level .ID .Text
//	.TOCHTML                                .TOC as the default theme's "On this page" list
//	.Nav                                    this page's navigation (see package nav)
//	.NavHTML                                .Nav as the default theme's sidebar shows it
//	.Listing                                on section pages, the section's entries, or nil
//	.Prev, .Next                            neighbours in reading order, or nil
//	.IsHome, .Is404
//	.Params                                 the page's other front matter keys: .Params.author
//	.Rel URL                                a link from this page to a site URL
//	.Asset NAME                             a link to a static asset, by its plain name
//	.SearchIndex                            a link to the search index script, or "" (see package builder, Search)
//	.Current ITEM                           whether a nav item is this page
//	.Cached NAME                            the layout NAME, executed once for all pages at this depth
//
// and the function dict, which builds a map to pass several values to a
// layout.
//
// {{.Cached "header.html"}} gives what {{template "header.html" .}} does,
// but executes the layout only once for all the pages with the same .Root
// (one folder depth) and reuses its markup: html/template pays a call
// through reflection for every value it prints, and the parts of a page
// that are the same everywhere were a quarter of a page's template work.
// A cached layout, and the layouts it calls, may read only .Site, .Root,
// .Is404, .Asset, .SearchIndex and .Rel "", besides constants and
// functions of their arguments; the build checks this when it loads the
// layouts and names the file, line and column of anything else, which a
// cached layout would show as the first page's on every page.
//
// The default theme, kettudocs.Theme, is made of these layouts. A site
// replaces any of them with a file of the same name in its own layouts/
// folder (see sitefs.Overlay), and may add home.html or section.html. All receive
// the page's *PageData.
//
//	page.html      every page: header, sidebar, the content in <article class="prose">, pager, TOC, footer
//	404.html       the page hosts serve for any missing address; its links go through .Root
//	page-meta.html the page's last-updated date and edit link, when known
//	head.html      <head>: title, meta tags (Open Graph too), then head-assets.html, cached
//	head-assets.html links to the theme's CSS and JS, and the inline script that applies
//	               a stored theme choice before first paint and adds the class "js" to <html>
//	header.html    the top bar: menu button, site title, search slot (id "search"), theme toggle; cached
//	versions.html  with versions: the version menu (.Versions, a <details> of links) and,
//	               on a version that is not the latest, the banner leading to .Latest
//	nav.html       the sidebar: .NavHTML, a Home entry, then the entries of .Nav, each
//	               a page, a closed section (a link to its page), or an open section
//	               (a <details open>, its own page as "Overview" first), with "N more"
//	               links for entries left out and the .TOC below the current entry
//	listing.html   .Listing: a section's entries, with links to its other listing pages
//	toc.html       "On this page": .TOCHTML in an <aside>
//	pager.html     links to .Prev and .Next
//	footer.html    the footer; cached
//
// The theme's static/ folder is copied to the root of the output. CSS and
// JS files get a content hash in their names (theme.css → theme.1a2b3c4d.css)
// so hosts may cache them forever; layouts link them with .Asset. Overlay
// lays a site's own layouts/ and static/ over a default theme, file by file.
// The default theme's assets are theme.css, theme.js and chroma.css, which
// the build writes unless the theme has its own; all three together stay
// under 30 kB; a site with versions also links versions.css (under 1 kB),
// which others do not publish. Its search.js loads on first use (see package builder, Search). The pages
// work without theme.js, which only enhances them: the search field,
// copy buttons, the theme toggle, the menu of small screens, marking the
// heading in view in the TOC, and index.html links for pages opened from
// disk. chroma.css colours code for light and dark with light-dark(), so
// it follows the page's color-scheme property, which theme.css sets.
//
// The rendered Markdown gives stylesheets these hooks: each fenced code
// block is a <div class="code-block"> around its <pre>, each table is in a
// <div class="table-wrap"> that scrolls sideways, headings and code-table
// rows end with <a class="permalink">, code tables have the class
// "code-table", and a callout is a <div class="callout KIND" role="note">
// (KIND: note, tip, important, warning, caution) starting with a
// <p class="callout-title"> that holds an <svg> icon and the title. A group
// of code tabs is a <div class="code-tabs"> of <div class="code-tab"
// data-label="…">, each a <p class="code-tab-label"> and the code block;
// theme.js makes the group WAI-ARIA tabs and stores the label chosen last
// in localStorage ("kettudocs-tab").
package layout
