// Package builder turns a folder of Markdown into a static documentation
// site, and checks the site's code tables against a registry of codes.
//
// A build is two steps, so that a broken site never reaches the output:
// every page is parsed and checked first, and only when no page has a
// problem are the pages rendered, in parallel, into a new folder that then
// takes the place of the old output whole.
//
//	b, err := builder.New(builder.Config{
//		Content: os.DirFS("content"),
//		Theme:   builder.Overlay(os.DirFS("."), kettudocs.Theme()),
//		Dest:    "public",
//		Codes:   &registry,
//	})
//	res, err := b.Build(ctx) // err is a diag.List when pages have problems
//
// The builder knows nothing about any API: the codes it checks arrive as a
// drift.Registry.
//
// # Pages
//
// Every .md file of the content is a page, served at a clean URL:
// guide/intro.md is written to guide/intro/index.html and linked as
// guide/intro/. A folder's _index.md (or index.md) is the page of the
// folder; the content's _index.md is the home page. Files and folders whose
// names start with "." are ignored; every other file (images, downloads) is
// copied as it is.
//
// Markdown is CommonMark with GitHub's tables, strikethrough, autolinks and
// task lists, plus footnotes. Raw HTML is kept. Fenced code blocks are
// highlighted by chroma with CSS classes; the stylesheet, light and dark, is
// the asset "chroma.css". Headings get ids from their text ("Close Codes" →
// close-codes), made unique within the page with a numeric suffix, and a
// permalink.
//
// # Front matter
//
// A page may start with YAML between "---" lines (or TOML between "+++"):
//
//	title        the page title; default the first h1, then the file name
//	description  a one-line summary, for the description meta tag
//	weight       the order in the navigation: lower first, 0 (unset) last
//	draft        true leaves the page out unless Config.Drafts
//
// Any other key is a problem, so a misspelt key does not go unnoticed.
//
// # Links
//
// Links and images with a relative destination are checked and rewritten to
// work from the page's URL. A link to a .md file becomes a link to that
// page; a fragment (#close-codes) must name a heading or code row of the
// target page. A destination starting with "/" is relative to the content
// folder. All links in the output are relative, so a site works under any
// sub-path and opened from disk; 404.html, which a host serves at any path,
// links through the base URL's path instead.
//
// Links, images and autolinks (<https://…>, and bare URLs in the text) to
// http and https URLs are external: they are written as they are, and
// Check and Build do not request them, as builds must not need the
// network. CheckExternal does: it collects them while resolving the links
// of the one parse, with their positions, and hands them to a
// linkcheck.Checker, which requests each URL once and reports every use of
// a broken one, sorted together with the site's other problems:
//
//	problems, rep, err := b.CheckExternal(ctx, &linkcheck.Checker{Timeout: 5 * time.Second})
//	fmt.Println(rep) // checked 12 external links (9 unique): 1 broken
//
// A protocol-relative URL (//example.com/x) is checked as https. Other
// schemes (mailto:, tel:) are not checked, nor is the fragment of an
// external URL, which a server never sees (see package linkcheck for what
// counts as broken, retries and limits). Links written in raw HTML, such as
// <a href="…">, are checked neither as internal nor as external links.
//
// # Code tables
//
// With Config.Codes set, every page is checked by package drift: code
// tables bound by a marker (<!-- codes: close-codes -->) must list exactly
// the registry's codes, in order, with the registry's texts; JSON examples
// and prose may mention only existing codes. Each row of a bound table gets
// an id from the group's anchor prefix and its code (close-4004) and a
// permalink. See package drift for the rules.
//
// # Layouts
//
// Layouts are html/template files in the theme's layouts/ folder, all
// parsed into one set: a layout calls another by its file name, as in
// {{template "nav.html" .}}. A page is rendered with home.html (the home
// page), section.html (a folder's page) or page.html, whichever exists
// first in that order; page.html and 404.html are required. Each receives a
// *PageData:
//
//	.Site.Title, .Site.BaseURL, .Site.Nav   the site, and its navigation tree
//	.Title, .Description, .Content          the page; Content is the HTML
//	.HasH1                                  the content has its own h1
//	.URL, .Permalink, .Root                 where the page is
//	.TOC                                    h2 and h3 headings: .Level .ID .Text
//	.Prev, .Next                            neighbours in reading order, or nil
//	.IsHome, .Is404
//	.Rel URL                                a link from this page to a site URL
//	.Asset NAME                             a link to a static asset, by its plain name
//	.SearchIndex                            a link to the search index script, or "" (see Search)
//	.Current ITEM                           whether a nav item is this page
//
// and the function dict, which builds a map to pass several values to a
// layout. A NavItem has .Title, .URL, .HasPage, .Children, .IsSection and
// .Contains URL.
//
// The default theme, kettudocs.Theme, is made of these layouts. A site
// replaces any of them with a file of the same name in its own layouts/
// folder (see Overlay), and may add home.html or section.html. All receive
// the page's *PageData except nav-item.html.
//
//	page.html      every page: header, sidebar, the content in <article class="prose">, pager, TOC, footer
//	404.html       the page hosts serve for any missing address; its links go through .Root
//	head.html      <head>: title, meta tags, assets, and the inline script that applies
//	               a stored theme choice before first paint and adds the class "js" to <html>
//	header.html    the top bar: menu button, site title, search slot (id "search"), theme toggle
//	nav.html       the sidebar: a Home entry, then .Site.Nav
//	nav-item.html  one entry, with dict "Page" (the *PageData) and "Item" (a *NavItem);
//	               a section is a <details>, open when it holds the current page
//	nav-toc.html   the .TOC below the current page's entry, for windows too narrow for toc.html
//	toc.html       "On this page": the .TOC in an <aside>
//	pager.html     links to .Prev and .Next
//	footer.html    the footer
//
// The theme's static/ folder is copied to the root of the output. CSS and
// JS files get a content hash in their names (theme.css → theme.1a2b3c4d.css)
// so hosts may cache them forever; layouts link them with .Asset. Overlay
// lays a site's own layouts/ and static/ over a default theme, file by file.
// The default theme's assets are theme.css, theme.js and chroma.css, which
// the build writes unless the theme has its own; all three together stay
// under 30 kB. Its search.js loads on first use (see Search). The pages
// work without theme.js, which only enhances them: the search field,
// copy buttons, the theme toggle, the menu of small screens, marking the
// heading in view in the TOC, and index.html links for pages opened from
// disk. chroma.css colours code for light and dark with light-dark(), so
// it follows the page's color-scheme property, which theme.css sets.
//
// The rendered Markdown gives stylesheets these hooks: each fenced code
// block is a <div class="code-block"> around its <pre>, each table is in a
// <div class="table-wrap"> that scrolls sideways, headings and code-table
// rows end with <a class="permalink">, and code tables have the class
// "code-table".
//
// # Search
//
// A build with pages writes a search index, the asset "search-index.js"
// (fingerprinted like the theme's: search-index.1a2b3c4d.js), which package
// search makes from the trees the pages were parsed into, in reading order.
// It has an entry for the text above a page's first h2, one for each h2 and
// h3 section, up to the next one, and one for each code-table row with an
// id, that is each row the drift check binds: titled by its first two
// cells ("4004 authentication failed") and linking to the row
// (#close-4004). Text is plain, with white space collapsed and a cap per
// entry; code blocks are kept apart, to rank below prose, and raw HTML is
// left out. The index is a script that sets window.kettudocsSearch, not
// JSON, so that it loads where fetch fails: on pages opened from disk.
// Layouts link it with .SearchIndex, which is "" for a site without pages.
//
// The default theme puts the search field in header.html's search slot,
// with the links it needs in data attributes: data-root (the site root),
// data-index and data-script (the asset search.js). It shows only with
// JavaScript. theme.js loads the index and search.js when the field first
// gets the focus, so the pages' budget of 30 kB does not pay for them
// (search.js stays under 8 kB). "/" and Ctrl+K focus the field; on narrow
// screens a button opens it over the header. The field is an ARIA
// combobox: up to ten results in a listbox, arrows to move, Enter to open,
// Escape to close, and the number of results announced. A row whose code is
// the query comes first (4004), then matches in titles and headings, then
// in text, then in code; every word of the query must start a word of the
// entry, in any case. A result shows the page title › section, its title
// and a snippet, with the matches marked. Its link is relative to the page,
// with index.html added when the page was opened from disk.
//
// # Output
//
// Besides the pages and files: 404.html, and sitemap.xml when the base URL
// is absolute (sitemaps need absolute URLs). A file of the content with the
// same name as one of these wins.
//
// # Problems
//
// Check and Build report every problem of the site at once as a diag.List,
// sorted by file and line, each printing as "file:line:col: message" with a
// hint on how to fix it.
package builder
