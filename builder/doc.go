// Package builder turns a folder of Markdown into a static documentation
// site, and checks the site's code tables against a registry of codes.
//
// A build is two steps, so that a broken site never reaches the output:
// every page is parsed and checked first, and only when no page has a
// problem are the pages rendered, in parallel, and put into the output
// folder (see Output for what a build guarantees there).
//
//	b, err := builder.New(builder.Config{
//		Content: os.DirFS("content"),
//		Theme:   sitefs.Overlay(os.DirFS("."), kettudocs.Theme()),
//		Dest:    "public",
//		Codes:   &registry,
//	})
//	res, err := b.Build(ctx) // err is a diag.List when pages have problems
//
// The builder knows nothing about any API: the codes it checks arrive as a
// drift.Registry.
//
// # Packages
//
// This package holds the site model and the two passes, behind Builder
// (Build, Check, CheckExternal) and Live (the preview's site in memory).
// Each other job has a package of its own; none of them imports this one,
// and each imports only packages below it in this list:
//
//	layout      the theme's layouts: Load, PageData, the .Cached cache and its check
//	assets      the theme's static files, minified and named by content hash
//	markdown    the goldmark extensions (callouts, code tabs, highlighting, …), each usable alone
//	sanitize    raw HTML and link URLs made safe, and the extension that renders what is left
//	frontmatter front matter: its goldmark extension, Read into Meta, its problems
//	drift       the code tables, examples and mentions checked against a registry
//	search      the search index
//	nav         the navigation tree, reading order, listings, the sidebar's markup
//	output      the output folder: staging, manifest, commit, collisions
//	sitefs      the site's files: symbolic links confined to the site, Overlay, Walk, ReadProblem
//	linkcheck   external links, for CheckExternal
//	fastlex     fast lexers for the languages API docs show most (Go, JSON), for markdown
//	siteurl     page URLs and the relative links between them
//	mdtext      plain text, offsets and sources of goldmark nodes
//	diag        problems, as file:line:col: message, and their lists
//
// Packages watch, reload and gitdates serve the command (the preview's
// file watching and live reload, last-changed dates from git); the
// builder does not use them.
//
// The path of a page: New loads the layouts (layout.Load) and the theme's
// assets (assets.Load). Build walks the content (sitefs.Walk) and parses
// each page once with one goldmark (markdown.go: GFM and the extensions
// of packages markdown, frontmatter and sanitize); parsePage reads its
// front matter (frontmatter.Read), its tabs' problems, checks its code
// tables (drift), sanitizes it (sanitize.Sanitizer.Doc), and collects
// headings, permalinks, its summary and its search extract, all from the
// one tree. With every page known, each page's links are resolved and
// checked (links.go, with siteurl), the navigation and reading order are
// made (nav.Build), and the sources that would write one file are found
// (output.Collisions). Only then, when no page has a problem, are the
// pages rendered in parallel: the Markdown into the build's scratch file,
// then through the layout (layout.Frame, nav.Tree.At) into the output
// folder's staging (output.Folder.Write), with 404.html, sitemap.xml,
// llms.txt, the assets and the search index; output.Folder.Commit moves
// the new site in. Live does the same in memory, page by page, as files
// change and as the preview asks for them.
//
// # Pages
//
// Every .md file of the content is a page, served at a clean URL:
// guide/intro.md is written to guide/intro/index.html and linked as
// guide/intro/. A folder's _index.md (or index.md) is the page of the
// folder; the content's _index.md is the home page. Files and folders whose
// names start with "." are ignored; every other file (images, downloads) is
// copied as it is. Symbolic links to files and folders are followed; read
// through sitefs.New, as kettudocs does, a link that leads out of the
// site folder's content/, layouts/ and static/, or into a hidden folder
// such as .git, is a problem of the link instead, so that no pull request
// can publish a file of the machine that builds it or of its repository.
// So is a link to a folder that holds it, which would never end.
//
// Markdown is CommonMark with GitHub's tables, strikethrough, autolinks and
// task lists, plus footnotes, definition lists (Term / ": definition") and
// callouts in GitHub's alert syntax ("> [!NOTE]", TIP, IMPORTANT, WARNING,
// CAUTION; see callout.go). Fenced code blocks right after a
// <!-- tabs --> comment form a group of code tabs, labelled by a title="…"
// in the info string or by the language (see codetabs.go); MkDocs's
// content tabs (=== "Title" over an indented body of any Markdown) form
// groups of the same tabs (see tabbed.go). A ```mermaid
// block is a diagram: <figure class="diagram"> around its source in a
// <pre class="diagram-source">, which the default theme draws with mermaid
// (see mermaid.go). Raw HTML is sanitized (see Raw HTML). Fenced code
// blocks are
// highlighted by chroma with CSS classes; the stylesheet, light and dark, is
// the asset "chroma.css". Headings get ids from their text ("Close Codes" →
// close-codes), made unique within the page with a numeric suffix, and a
// permalink.
//
// # Raw HTML
//
// Raw HTML in a page, and the URLs of Markdown links, images and
// autolinks, are sanitized with bluemonday's policy for user content,
// plus kbd, name on links, data:image URLs in images and comments: no
// script, style, iframe, object, embed or form elements, no event
// handlers, no style or class attributes, no javascript:, vbscript: or
// data: URLs. Each removal is a problem with Severity diag.Warning at its
// place; warnings do not fail a build (Result.Warnings has them). Only
// what the writer wrote is sanitized, on the parsed tree: the HTML the
// builder renders itself, such as permalinks and highlighted code, is not.
// Content files of types a browser runs where they are served (.html,
// .svg, .xml, .js, .css; see sanitize.ActiveFile) are problems too, not
// warnings: they cannot be sanitized in part. Config.UnsafeHTML publishes
// raw HTML, URLs and files as written.
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
// Other keys, such as the date, tags or author of a site written for
// another generator, are kept for the layouts as PageData.Params
// ({{.Params.author}}), like Hugo's. A key that is a near miss of a known
// one ("tilte", "Title", "wieght") is a problem naming the key it likely
// means, so a misspelt setting does not go unnoticed.
// Front matter that is never closed is a problem at its opening line, and
// so is front matter holding only comments: the page's text would vanish
// into it.
//
// # Links
//
// Links and images with a relative destination are checked and rewritten to
// work from the page's URL. A link to a .md file becomes a link to that
// page; a fragment (#close-codes) must name a heading or code row of the
// target page. A link to a folder leads to the folder's page: its
// _index.md or index.md, or the listing the build makes for a folder
// without one (which has no headings to link to). A destination starting
// with "/" is relative to the content folder. All links in the output are relative, so a site works under any
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
// schemes (mailto:, tel:) are not checked. The fragment of an external URL
// (#install) must be the id or name of an element of the page when the
// page is HTML; text fragments (#:~:text=…) are not checked (see package
// linkcheck for what counts as broken, retries and limits). Links written in raw HTML, such as
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
// Layouts are html/template files in the theme's layouts/ folder; package
// layout loads and checks them, and documents what they receive
// (PageData) and the default theme's files. A page is rendered with
// home.html, section.html or page.html, whichever the theme has first
// in that order; page.html and 404.html are required. The theme's
// static/ folder is copied to the root of the output, CSS and JS
// minified and named by a hash of their content (see package assets).
//
// # Navigation
//
// A page's navigation (.Nav) shows the way to the page and no more, so that
// its cost does not grow with the site: the top level, and the entries of
// each section on the way down to the page, that section open. Other
// sections are closed: a link to their page. Each list shows at most 25
// entries, a window around the entry on the way; .Before and .After count
// the entries left out and link to the listing page that has them. A
// NavItem has .Title, .URL, .Href (the link from this page), .HasPage,
// .Section, .Pages (pages below a section), .Current, .TOC (on the current
// entry), .Open, .Children, .Before and .After, each a *NavMore with .Count,
// .URL and .Href. The default theme's nav.html prints .NavHTML, this
// navigation rendered in Go: some 75 entries a page made it three quarters
// of a build's template work when layouts rendered it, nearly all of it
// html/template calling its escapers by reflection. A theme with other
// markup ranges over .Nav in its own nav.html; layout/testdata/navlayouts has
// layouts that make exactly .NavHTML's markup.
//
// Every section has a page: its _index.md or index.md, or, for a folder
// without one, a page the build makes. A section with more entries than
// its navigation shows lists them on its page, 100 a page; the second and
// later listing pages are at section/page/2/ and so on. So every page can be
// reached from the home page by links alone, without JavaScript. Listing
// pages the build makes are not in the reading order, the sitemap or the
// search index.
//
// # Search
//
// A build with pages writes a search index, which package search makes
// from the pages in reading order: parsePage extracts what the index needs
// of each page from its tree as it parses it, in parallel, and the index
// is built from those extracts. It has an entry for the text above a
// page's first h2, one for each h2 and h3 section, up to the next one, and
// one for each code-table row with an id, that is each row the drift check
// binds: titled by its first two cells ("4004 authentication failed") and
// linking to the row (#close-4004). Text is plain, with white space
// collapsed and a cap per entry; code blocks are kept apart, to rank below
// prose, and raw HTML is left out.
//
// The index is split so that a query loads little of it, whatever the size
// of the site: under search/, an entry file (search/index.js, the asset
// "search-index.js" that layouts link with .SearchIndex, "" for a site
// without pages) lists the directory files (search/d0.1a2b3c4d.js), each
// of which holds the directory of 64 term shards; each shard
// (search/t3.9f8e7d6c.js) a contiguous range of the sorted terms with the
// entries each occurs in; and one file per page (search/p12.5e6f7a8b.js)
// what its results show, named with its bucket's hash from a bucket file
// (search/f0.4c5d6e7f.js). A query loads the directory files of its words,
// the shard of each of its words (up to the five longest; the last word,
// the one being typed, may be the start of longer ones: then one more),
// the shard of the last word's stem, and the page files of the ten results
// it shows: at most 100 kB, search.js included, on a site of 10,000 pages,
// and the entry grows by some 13 bytes for 64 shards, not 14 for each. Every file is a script that hands its data to
// window.kettudocsSearch, not JSON, so that it loads where fetch fails: on
// pages opened from disk. Shards and the entry are named by the hash of
// their content, page files by one hash of all of them, so hosts can cache
// them forever. The format is package search's. With a build cache, the
// index's state (search.State) is kept in the cache, and a build that
// changed a few pages makes the index from it and those pages' extracts
// (updateIndex) rather than from every page's, and makes again only the
// shards whose terms' lists changed.
//
// The default theme puts the search field in header.html's search slot,
// with the links it needs in data attributes: data-root (the site root),
// data-index and data-script (the asset search.js). It shows only with
// JavaScript. theme.js loads the index's entry and search.js when the
// field first gets the focus, so the pages' budget of 30 kB does not pay
// for them (search.js stays under 9.6 kB), and search.js loads the rest as
// queries need it, once a pause in typing says the query is there. "/" and
// Ctrl+K focus the field; on narrow screens a button opens it over the
// header. The field is an ARIA combobox: up to ten results in a listbox,
// busy (aria-busy) while they load, arrows to move, Enter to open, Escape
// to close, and the number of results announced. A row whose code is the
// query comes first (4004), then a page, then a heading, whose title is
// the query (tar: the page "tar", not "git get-tar-commit-id"), then
// titles with every word, then headings, then the first sentence of a
// section, text and code, and a query's words together in a title or text
// move a result up among those shown. Every word of the query must start
// a word of the entry, in any case, or be another form of it (closing:
// close, by the stems the index lists, see search.Stem), or, when it
// matches nothing, a typo or two away from one (heartbaet); a number must
// be a whole number of the entry: 400 does not find 4000. Words in so many entries that the
// index lists only the best thousand ("the") are optional, as are
// prefixes of more words than the shards a query loads for one hold
// ("ka"). A result shows the page title
// › section, its title and a snippet of the start of its text, with the
// matches marked. Its link is relative to the page, with index.html added
// when the page was opened from disk.
//
// # Output
//
// Besides the pages and files: 404.html, the theme's static files,
// sitemap.xml when the base URL is absolute (sitemaps need absolute URLs),
// each page's Markdown next to its HTML (PAGE/index.md: the source without
// its front matter, headed by the title when it has no h1), and llms.txt
// (llmstxt.org): the site title, its home page's summary, and a link to
// each page's index.md with its summary, grouped by section.
// With Config.UnsafeHTML, a file of the content with the same name as one
// of these wins, so a site may bring its own 404.html, sitemap.xml or
// llms.txt; without, it is a problem, so that no writer replaces the
// theme's script or the build's files. One whose name differs from it
// only in case is a problem either way, as on a case-insensitive file
// system it would be the same file. A theme's
// static/404.html, static/sitemap.xml or static/llms.txt is a problem of
// the theme: the build makes those.
//
// Two sources writing one output file are a problem, reported like the
// others, naming both: a page and a content file (foo.md and
// foo/index.html), two pages with one URL (foo/_index.md and foo/index.md),
// a file where another needs a folder (a file named foo and a page
// foo/bar.md), and names that differ only in case (Foo.md and foo.md),
// since hosts may serve from case-insensitive file systems.
//
// The output folder is the site's to share: it may be a git worktree of a
// gh-pages branch with a CNAME file, a symlink (followed and kept) or a
// mount point. A build guarantees:
//
//   - It never removes or overwrites a file it did not write. The output
//     folder's .kettudocs-manifest lists what the last build wrote; the
//     next build replaces those files, removes those it no longer writes
//     (and the folders it made that this leaves empty), and leaves every
//     other file alone: .git, CNAME, a README, any dotfile.
//   - A build that would overwrite a file not in the manifest fails before
//     changing anything, naming the files. This includes the first build
//     into a folder that holds the output of a kettudocs too old to keep a
//     manifest: delete that folder once.
//   - A failed or cancelled build changes nothing. Files are written into
//     a hidden .kettudocs-staging-* folder inside the output folder (on its
//     file system, so that each can be renamed into place), and only when
//     all are written are they moved in.
//   - The output folder is never missing, nor any page the old and new site
//     both have: each file is replaced by one rename, so a reader, such as
//     a server of the folder, gets its old or its new version. While a
//     build moves its files in, a reader may get some pages of each site;
//     assets go first, as their names change with their content, so a new
//     page never links to an asset that is not there yet.
//   - What a killed build left, a staging folder (or, from older versions,
//     a .NAME.new-* or .NAME.old-* folder beside the output), is removed by
//     the next build. The manifest lists the files of both builds while
//     files move in, so a build killed then leaves nothing the next one
//     refuses to replace.
//
// Two builds into one output folder at once are not supported.
//
// # Versions
//
// The versions of a site can be published side by side, each built by a
// Builder of its own from its own content, theme and codes, into a folder
// of one output: the latest at the root, older ones in folders such as
// v9/. Every builder gets the list of all of them (Config.Versions, in
// the order of the version menu) and its own place in it
// (Config.Version). To publish all of them or none, a caller loads every
// version (Load), fills in each Version's Pages from its Loaded site, then
// stages every one (Loaded.Stage) and commits them only when all are
// staged (Loaded.Commit):
//
//	for i := range versions { loaded[i], err = builders[i].Load(ctx) ... }
//	for i := range versions { vs[i].Pages = pagesOf(loaded[i].Pages()) }
//	for _, l := range loaded { err = l.Stage(ctx) ... }
//	for _, l := range loaded { res, err = l.Commit() ... }
//
// Pages then have a version menu (PageData.Versions) that leads to the
// same page in each version when it has it, else to its home page, and a
// link to the changelog (Config.Changelog); pages of a version that is not
// the latest also get the latest's entry (PageData.Latest), for a banner,
// and a canonical link to the latest's page when it has one. Only the
// latest version writes sitemap.xml. A file of a version's content that
// would be written into another version's folder is a problem.
//
// Config.Made adds pages the build makes from the site's code rows, such
// as kettudocs's codes changelog: their names are known before any page is
// parsed, so pages may link to them; their Markdown is made once every
// other page is parsed, from where each code row is (Loaded.Rows), and is
// checked like any page's. A Live makes them again when a changed page's
// rows changed.
//
// # Previews
//
// A preview server holds the site in memory as a Live instead of building
// it: Live loads it as Build's first pass does, Update applies a change to
// its files with work in proportion to the change, and Open renders a file
// of the output when it is asked for:
//
//	l, err := b.Live(ctx)
//	...
//	l, err = l.Update(ctx, nil, []string{"guide/intro.md"}) // after a save
//	page, err := l.Open("guide/intro/index.html")
//
// An update loads the changed pages again, and the pages whose links looked
// up a file that came or went. It makes the navigation and reading order
// again only when a page came, went, or got a new title or weight, and
// checks every link again only when a page came or went or a page's
// headings changed. What Open returns is byte for byte what Build writes
// for the same files, and Problems what Build would report. A Live never
// changes: an update returns a new one, sharing what did not change (its
// maps of pages are cowmap.Maps, copied in constant time and on write a
// part at a time, so an update's work does not grow with the site).
//
// The search index's entry file has one name whatever the pages
// (search.EntryName), so a page links it without the index being built,
// and no page changes when the index does; a Live builds the index when a
// file of it is first asked for. Live loads the pages without their search
// extracts, nearly half of loading, and makes them afterwards in the
// background from the sources parsed again (laterExtract), and without
// rendering them: a page is rendered from the source it was loaded from
// when it is first asked for (laterRender). The first page is served
// sooner; an update's pages are extracted and rendered as they load.
//
// # Problems
//
// Check and Build report every problem of the site at once as a diag.List,
// sorted by file and line, each printing as "file:line:col: message" with a
// hint on how to fix it. Paths are relative to the content. A file that
// cannot be read, such as a broken symlink, is a problem of that file too.
//
// New reports what is wrong with the theme, such as a layout that does not
// parse, the same way, with paths relative to the theme (layouts/page.html),
// and a bad Config.BaseURL as a *BaseURLError.
package builder
