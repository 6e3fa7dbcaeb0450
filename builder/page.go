package builder

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/linkcheck"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/builder/mdtext"
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
	meta   frontMatter
	params map[string]any // front matter keys besides meta's, for layouts
	title  string
	hasH1  bool
	toc    []Heading
	ids    map[string]bool // ids of headings and rows, for fragment checks
	weight int

	links    []pageLink       // links to other pages, checked once all are known
	external []linkcheck.Link // http(s) links, for CheckExternal
	search   *search.Page     // what the search index keeps of the page
	summary  string           // for link previews: the description or the first paragraph
	content  chunk            // the rendered Markdown, in the build's scratch file
	deps     []string         // the names its links were rewritten by (see site.rewrite)
	edits    []edit           // its links rewritten in the source, for PAGE/index.md
	fmStart  int              // where its front matter starts and ends in src (0, 0 without)
	fmEnd    int
	markdown chunk // PAGE/index.md, in the build's scratch file
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// frontMatter is the metadata a page may start with; see the package doc.
type frontMatter struct {
	Title       string `yaml:"title" toml:"title"`
	Description string `yaml:"description" toml:"description"`
	Weight      int    `yaml:"weight" toml:"weight"`
	Draft       bool   `yaml:"draft" toml:"draft"`
}

var frontMatterKeys = []string{"description", "draft", "title", "weight"}

// parsePage parses src, the content of file, and collects everything later
// stages need from the tree, so the Markdown is parsed exactly once.
func (b *Builder) parsePage(file string, src []byte) (*page, diag.List) {
	p := &page{file: file, src: src, lines: diag.NewLines(file, src)}
	p.url, p.index = siteurl.Page(file)
	ctx := parser.NewContext()
	p.doc = b.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))

	p.fmStart, p.fmEnd = frontMatterSpan(ctx)
	var problems diag.List
	if fp := p.frontMatterProblem(ctx); fp != nil {
		// Decoding would only add YAML errors about the page's text.
		problems = append(problems, *fp)
	} else {
		problems = append(problems, p.decodeFrontMatter(frontmatter.Get(ctx), frontMatterLine(ctx, p.lines))...)
	}
	problems = append(problems, markdown.TabProblems(ctx, p.lines)...)
	if b.checker != nil {
		problems = append(problems, b.checker.Check(p.doc, src, p.lines)...)
	}
	if b.clean != nil {
		// After the drift check, which reads the markers in HTML comments.
		problems = append(problems, b.clean.Doc(p.doc, p.src, p.lines)...)
	}
	p.collectHeadings()
	p.collectRowIDs()
	switch {
	case p.meta.Title != "":
		p.title = p.meta.Title
	case p.firstH1() != "":
		p.title = p.firstH1()
	default:
		p.title = titleFromFile(file)
	}
	p.weight = p.meta.Weight
	p.summary = summary(p.meta.Description, p.doc, src)
	return p, problems
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// decodeFrontMatter decodes the front matter opened on line open (1, or 2
// after a heading or a blank line), at p.fmStart.
func (p *page) decodeFrontMatter(data *frontmatter.Data, open int) diag.List {
	if data == nil {
		return nil
	}
	// The front matter starts on the line after "---".
	fmPos := func(err error) diag.Position {
		pos := diag.Position{File: p.file, Line: open}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			pos.Line = n + open
		}
		return pos
	}
	var problems diag.List
	// YAML, nearly all front matter, is parsed once and its tree decoded
	// twice; parsing was most of the time spent on front matter.
	decode := data.Decode
	if p.fmEnd > 0 && p.src[p.fmStart] == yamlFrontMatter.Delim {
		var raw rawYAML
		data.Decode(&raw) // cannot fail: unmarshalYAML
		if m, ok := simpleFrontMatter(raw); ok {
			p.meta = m // only known keys: no params, no typos
			return nil
		}
		var doc yaml.Node
		if err := data.Decode(&doc); err != nil {
			return diag.List{{Pos: fmPos(err), Msg: "invalid front matter: " + cleanYAMLError(err, open),
				Hint: "front matter is YAML between two --- lines (or TOML between +++ lines)"}}
		}
		decode = func(v any) error {
			if doc.Kind == 0 { // empty
				return nil
			}
			return doc.Decode(v)
		}
	}
	var keys map[string]any
	if err := decode(&keys); err != nil {
		return diag.List{{Pos: fmPos(err), Msg: "invalid front matter: " + cleanYAMLError(err, open),
			Hint: "front matter is YAML between two --- lines (or TOML between +++ lines)"}}
	}
	// Keys of other generators (date, tags, author, …) are kept for the
	// layouts, as .Params, so a site migrates as it is; a near miss of a
	// known key is a typo that would silently lose a setting.
	var typos []string
	for k, v := range keys {
		if i := sort.SearchStrings(frontMatterKeys, k); i < len(frontMatterKeys) && frontMatterKeys[i] == k {
			continue
		}
		if diag.Nearest(k, frontMatterKeys) != "" {
			typos = append(typos, k)
			continue
		}
		if p.params == nil {
			p.params = map[string]any{}
		}
		p.params[k] = v
	}
	sort.Strings(typos)
	for _, k := range typos {
		problems = append(problems, diag.Problem{
			Pos:  p.keyPos(k, open),
			Msg:  fmt.Sprintf("unknown front matter key %q", k),
			Hint: fmt.Sprintf("did you mean %s? The known keys are %s; other keys are kept for layouts as .Params", diag.Nearest(k, frontMatterKeys), strings.Join(frontMatterKeys, ", ")),
		})
	}
	if err := decode(&p.meta); err != nil {
		problems = append(problems, diag.Problem{Pos: fmPos(err), Msg: "invalid front matter: " + cleanYAMLError(err, open),
			Hint: "title and description are text, weight is a whole number, draft is true or false"})
	}
	return problems
}

// keyPos finds the line of a top-level front matter key, for messages.
func (p *page) keyPos(key string, open int) diag.Position {
	lines := bytes.Split(p.src, []byte("\n"))
	for i := open; i < len(lines); i++ {
		l := lines[i]
		if bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("+++")) {
			break
		}
		if bytes.HasPrefix(l, []byte(key)) {
			rest := bytes.TrimLeft(l[len(key):], " \t\"'")
			if len(rest) > 0 && (rest[0] == ':' || rest[0] == '=') {
				return diag.Position{File: p.file, Line: i + 1, Col: 1}
			}
		}
	}
	return diag.Position{File: p.file, Line: open, Col: 1}
}

func cleanYAMLError(err error, open int) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.ReplaceAll(s, "unmarshal errors:\n  ", "")
	return yamlLine.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+open)
	})
}

// collectHeadings records the table of contents (h2 and h3), remembers
// every heading id and gives each heading a permalink.
func (p *page) collectHeadings() {
	p.ids = make(map[string]bool)
	ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		text := mdtext.Inline(h, p.src)
		if h.Level == 1 {
			p.hasH1 = true
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if len(idb) == 0 {
			return ast.WalkSkipChildren, nil
		}
		p.ids[string(idb)] = true
		if h.Level == 2 || h.Level == 3 {
			p.toc = append(p.toc, Heading{Level: h.Level, ID: string(idb), Text: text})
		}
		if h.Level > 1 {
			h.AppendChild(h, markdown.NewPermalink(string(idb), "Link to "+text))
		}
		return ast.WalkSkipChildren, nil
	})
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

// titleFromFile makes a title of a file name: "getting-started.md" →
// "Getting started". It is the last resort for pages with no title and no h1.
func titleFromFile(file string) string {
	dir, base := path.Split(file)
	name := strings.TrimSuffix(base, path.Ext(base))
	if name == "_index" || name == "index" {
		name = path.Base(strings.TrimSuffix(dir, "/"))
		if name == "." || name == "" {
			return "Home"
		}
	}
	name = dashesToSpaces.Replace(name)
	if name == "" {
		return "Untitled"
	}
	// The first rune, not byte: "éclair" → "Éclair".
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

var dashesToSpaces = strings.NewReplacer("-", " ", "_", " ")
