package builder

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/frontmatter"
	"github.com/kettu/kettudocs/builder/linkcheck"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/builder/mdtext"
	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// A page is one Markdown file of the content, from parse to render.
type page struct {
	file   string // slash path in the content FS: "guide/intro.md"
	url    string // site-relative URL path: "guide/intro/", "" for the home page
	index  bool   // _index.md or index.md: the page of its folder
	src    []byte
	lines  *diag.Lines
	doc    ast.Node
	meta   frontmatter.Meta
	params map[string]any // front matter keys besides meta's, for layouts
	title  string
	hasH1  bool
	toc    []nav.Heading
	ids    map[string]bool // ids of headings and rows, for fragment checks
	// idList is a page from the cache's ids, sorted, instead of ids: a
	// map for each of ten thousand pages was a fiftieth of a rebuild
	// that changed one.
	idList []string
	rows   []string // ids of its code rows, in order (Config.Made, Loaded.Rows)
	weight int

	links    []pageLink       // links to other pages, checked once all are known
	external []linkcheck.Link // http(s) links, for CheckExternal
	search   *search.Page     // what the search index keeps of the page
	later    *laterExtract    // the preview's, when search is made after loading (see Live)
	lazy     *laterRender     // the preview's, when the page is rendered once asked for (see Live)
	summary  string           // for link previews: the description or the first paragraph
	content  chunk            // the rendered Markdown, in the build's scratch file
	deps     []string         // the names its links were rewritten by (see site.rewrite)
	edits    []edit           // its links rewritten in the source, for PAGE/index.md
	fmStart  int              // where its front matter starts and ends in src (0, 0 without)
	fmEnd    int
	markdown chunk         // PAGE/index.md, in the build's scratch file
	searchAt chunk         // its search extract, in the scratch file with a build cache
	aliases  []string      // its old URLs (aliases.go)
	diagram  bool          // it has a diagram, which the theme draws with its script
	layout   string        // the layout its front matter names, "" for its place's
	orderAt  diag.Position // where its front matter's order list is, for its problems

	src256   [32]byte // sha256 of src, with a build cache (cache.go)
	stamp    stamp    // its file's, when src256 was taken
	rec      *record  // its record in the build cache: the last build's, or one for the next
	render   [32]byte // the renderKey its HTML was written or kept with
	view     [32]byte // the same with its viewKey for the site's
	html, md [16]byte // the hashes of its HTML and Markdown as written
	written  bool     // render, html and md are set
	damaged  bool     // its blobs in the cache did not read back: not to be kept
}

// cached reports whether p came from the build cache rather than being
// parsed: its content and Markdown are in the cache's blobs.
func (p *page) cached() bool {
	return p.rec != nil && p.rec.Content.File >= 0 && p.content == (chunk{})
}

// parsePage parses src, the content of file, and collects everything later
// stages need from the tree, so the Markdown is parsed exactly once.
func (b *Builder) parsePage(file string, src []byte) (*page, diag.List) {
	p := &page{file: file, src: src, lines: diag.NewLines(file, src)}
	p.url, p.index = siteurl.Page(file)
	ctx := parser.NewContext(parser.WithIDs(markdown.AutoIDs()))
	p.doc = b.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	p.fmStart, p.fmEnd = frontmatter.Span(ctx)
	var problems diag.List
	p.meta, p.params, problems = frontmatter.Read(ctx, src, p.lines)
	problems = append(problems, markdown.TabProblems(ctx, p.lines)...)
	problems = append(problems, markdown.LargeBlocks(p.doc, src, p.lines)...)
	problems = append(problems, markdown.Components(p.doc, src, p.lines)...)
	problems = append(problems, markdown.Foreign(p.doc, src, p.lines)...)
	if b.checker != nil {
		problems = append(problems, b.checker.Check(p.doc, src, p.lines)...)
	}
	if b.clean != nil {
		// After the drift check, which reads the markers in HTML comments.
		problems = append(problems, b.clean.Doc(p.doc, p.src, p.lines)...)
	}
	p.collectHeadings()
	p.collectRowIDs()
	problems = append(problems, p.keepAnchors()...)
	problems = append(problems, p.readAliases()...)
	if pr := b.pageLayout(p); pr != nil {
		problems = append(problems, *pr)
	}
	switch {
	case p.meta.Title != "":
		p.title = p.meta.Title
	case p.firstH1() != "":
		p.title = p.firstH1()
	default:
		p.title = nav.FileTitle(file)
	}
	p.weight = p.meta.Weight
	if len(p.meta.Order) > 0 {
		p.orderAt = frontmatter.KeyPos(src, p.fmStart, p.lines, "order")
		if !p.index {
			problems = append(problems, diag.Problem{
				Pos:      p.orderAt,
				Msg:      "order orders the pages of a folder, and only in the folder's own page: here it does nothing",
				Hint:     "move it to the folder's _index.md (or index.md), or use weight: to place this page",
				Severity: diag.Warning,
			})
		}
	}
	p.summary = summary(p.meta.Description, p.doc, src)
	return p, problems
}

// collectHeadings gives each heading without an id of its own the id
// GitHub gives it (markdown.Slug), records the table of contents (h2 and
// h3), remembers every heading id and gives each heading a permalink. On
// the way, it notes whether the page has a diagram.
func (p *page) collectHeadings() {
	p.ids = make(map[string]bool)
	var headings []*ast.Heading
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
			return ast.WalkSkipChildren, nil
		case *markdown.Diagram:
			p.diagram = true
		}
		return ast.WalkContinue, nil
	})
	idOf := func(h *ast.Heading) string {
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		return string(idb)
	}
	// Ids written out ({#id}) first: a slug must not take one.
	for _, h := range headings {
		if id := idOf(h); id != "" && !markdown.IsAutoID(id) {
			p.ids[id] = true
		}
	}
	for _, h := range headings {
		text := mdtext.Inline(h, p.src)
		if h.Level == 1 {
			p.hasH1 = true
		}
		id := idOf(h)
		if markdown.IsAutoID(id) {
			id = markdown.Unique(markdown.Slug(text), func(s string) bool { return p.ids[s] })
			h.SetAttributeString("id", []byte(id))
		}
		idb := []byte(id)
		if len(idb) == 0 {
			continue
		}
		p.ids[id] = true
		if h.Level == 2 || h.Level == 3 {
			p.toc = append(p.toc, nav.Heading{Level: h.Level, ID: id, Text: text})
		}
		if h.Level > 1 {
			h.AppendChild(h, markdown.NewPermalink(id, "Link to "+text))
		}
	}
}

// collectRowIDs remembers the ids the drift check gave code-table rows and
// adds a permalink to each row's first cell.
func (p *page) collectRowIDs() {
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		row, ok := n.(*east.TableRow)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if v, ok := row.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok && len(id) > 0 {
				p.ids[string(id)] = true
				p.rows = append(p.rows, string(id))
				if cell := row.FirstChild(); cell != nil {
					cell.AppendChild(cell, markdown.NewPermalink(string(id), "Link to this row"))
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

func (p *page) firstH1() string {
	var title string
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if h.Level == 1 {
				title = mdtext.Inline(h, p.src)
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return title
}

// pageLayout sets p.layout to the layout p's front matter names, which
// must be one of the theme's, or returns why it cannot.
func (b *Builder) pageLayout(p *page) *diag.Problem {
	name := p.meta.Layout
	if name == "" {
		return nil
	}
	if !strings.HasSuffix(name, ".html") {
		name += ".html"
	}
	if strings.Contains(name, "/") || b.layouts.Lookup(name) == nil {
		var names []string
		for _, t := range b.layouts.Templates() {
			if n := t.Name(); strings.HasSuffix(n, ".html") && !strings.Contains(n, "/") && n != "404.html" {
				names = append(names, strings.TrimSuffix(n, ".html"))
			}
		}
		slices.Sort(names)
		return &diag.Problem{
			Pos:  p.keyPos("layout"),
			Msg:  fmt.Sprintf("layout %q: no layout %s in layouts/ or the theme", p.meta.Layout, name),
			Hint: "add layouts/" + name + ", or name one of the layouts there are: " + strings.Join(names, ", "),
		}
	}
	p.layout = name
	return nil
}

// hasID reports whether p has a heading or row with the id.
func (p *page) hasID(id string) bool {
	if p.ids != nil {
		return p.ids[id]
	}
	_, ok := slices.BinarySearch(p.idList, id)
	return ok
}
