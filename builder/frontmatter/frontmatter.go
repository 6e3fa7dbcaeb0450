package frontmatter

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	fm "go.abhg.dev/goldmark/frontmatter"
	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
)

// yamlFrontMatter is fm.YAML decoded with the YAML package the
// builder uses, so that decode can parse the data once into a
// yaml.Node and decode the node twice, or read simple front matter
// without YAML (see simpleFrontMatter).
var yamlFrontMatter = fm.Format{Name: "YAML", Delim: '-', Unmarshal: unmarshalYAML}

// Extension is go.abhg.dev/goldmark/frontmatter's Extender, with a
// parser that remembers where front matter opened and whether it closed,
// for Span and Read.
var Extension goldmark.Extender = extension{}

type extension struct{}

func (extension) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(&frontMatterParser{
		fm.Parser{Formats: []fm.Format{yamlFrontMatter, fm.TOML}},
	}, 0)))
}

var (
	frontMatterOpen   = parser.NewContextKey() // int: the offset of the opening line
	frontMatterClosed = parser.NewContextKey() // bool: the closing line was found
	frontMatterEnd    = parser.NewContextKey() // int: the offset after the closing line
)

// frontMatterParser is the extension's parser, noting in the parser
// context where front matter opens and whether it closes.
type frontMatterParser struct {
	fm.Parser
}

func (p *frontMatterParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	n, st := p.Parser.Open(parent, reader, pc)
	if n != nil {
		pc.Set(frontMatterOpen, seg.Start)
	}
	return n, st
}

func (p *frontMatterParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	_, seg := reader.PeekLine()
	st := p.Parser.Continue(node, reader, pc)
	if st == parser.Close {
		pc.Set(frontMatterClosed, true)
		pc.Set(frontMatterEnd, seg.Stop)
	}
	return st
}

// Span returns where the front matter of the page just parsed
// with pc starts and ends in its source, opening and closing lines
// included, or 0, 0 when it has none (or it was never closed).
func Span(pc parser.Context) (start, end int) {
	start, ok := pc.Get(frontMatterOpen).(int)
	end, closed := pc.Get(frontMatterEnd).(int)
	if !ok || !closed {
		return 0, 0
	}
	return start, end
}

// problem reports front matter that would swallow the page:
// one that is never closed, or one with only comments in it, which is
// what a page's headings become between two thematic breaks.
func problem(pc parser.Context, src []byte, lines *diag.Lines) *diag.Problem {
	off, ok := pc.Get(frontMatterOpen).(int)
	if !ok {
		return nil
	}
	first, rest, _ := bytes.Cut(src[off:], []byte("\n"))
	delim := string(bytes.TrimRight(first, " \t\r"))
	pos := lines.Pos(off)
	if pc.Get(frontMatterClosed) == nil {
		return &diag.Problem{
			Pos:  pos,
			Msg:  "front matter opened here is never closed: the whole page would be read as front matter",
			Hint: "end the front matter with a " + delim + " line after its last key, or remove this line if the page has none",
		}
	}
	if delim[0] != '-' {
		return nil
	}
	comments := false
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimSpace(line)
		switch {
		case string(line) == delim:
			rest = nil
		case len(line) == 0:
		case line[0] == '#':
			comments = true
		default:
			return nil
		}
	}
	if !comments {
		return nil
	}
	return &diag.Problem{
		Pos:  pos,
		Msg:  "front matter holds only comments: are these lines (# …) meant as headings of the page?",
		Hint: "front matter is YAML between two " + delim + " lines at the top; remove the first " + delim + " line if this is page text",
	}
}

// openLine returns the line front matter opened on, 1 when unknown.
func openLine(pc parser.Context, lines *diag.Lines) int {
	if off, ok := pc.Get(frontMatterOpen).(int); ok {
		return lines.Pos(off).Line
	}
	return 1
}

// Meta is what kettudocs reads of a page's front matter; see the package doc.
type Meta struct {
	Title       string `yaml:"title" toml:"title"`
	Description string `yaml:"description" toml:"description"`
	Weight      int    `yaml:"weight" toml:"weight"`
	Draft       bool   `yaml:"draft" toml:"draft"`
	// Layout names the layout the page is rendered with, a file of the
	// site's layouts/ or the theme's ("wide" or "wide.html"), instead of
	// the one its place picks.
	Layout string `yaml:"layout" toml:"layout"`

	// Aliases are the page's old URLs, which lead to it (Hugo's name);
	// RedirectFrom is the same, as Jekyll and MkDocs pages write it. A
	// single path may be written without a list.
	Aliases      List `yaml:"aliases" toml:"aliases"`
	RedirectFrom List `yaml:"redirect_from" toml:"redirect_from"`
	// Anchors keeps old ids of the page's headings: old id → the id of
	// the heading that has it now.
	Anchors map[string]string `yaml:"anchors" toml:"anchors"`
	// Order, in a folder's page (_index.md), lists the folder's pages and
	// folders by name ("intro.md", "gateway/") in the order the
	// navigation shows them, before those it does not list.
	Order List `yaml:"order" toml:"order"`
}

// A List is a list of strings that may be written as one string.
type List []string

// UnmarshalYAML reads a list, or one string as a list of it.
func (l *List) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var s string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = List{s}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*l = list
	return nil
}

// Keys are the keys of Meta, sorted.
var Keys = []string{"aliases", "anchors", "description", "draft", "layout", "order", "redirect_from", "title", "weight"}

// Read returns the front matter of the page src just parsed with pc: the
// keys of Meta, the other keys (for layouts, as .Params; nil when none),
// and its problems, placed with lines. Front matter that would swallow the
// page (never closed, or only comments) is a problem, and so is a key
// that is a near miss of one of Keys.
func Read(pc parser.Context, src []byte, lines *diag.Lines) (Meta, map[string]any, diag.List) {
	p := &page{file: lines.File(), src: src}
	p.start, p.end = Span(pc)
	if fp := problem(pc, src, lines); fp != nil {
		// Decoding would only add YAML errors about the page's text.
		return Meta{}, nil, diag.List{*fp}
	}
	if size := p.end - p.start; size > MaxSize {
		return Meta{}, nil, diag.List{{
			Pos:  lines.Pos(p.start),
			Msg:  fmt.Sprintf("front matter of %d kB is not read: the most it may be is %d kB", size>>10, MaxSize>>10),
			Hint: "keep data for layouts in a file of its own",
		}}
	}
	problems := p.decode(fm.Get(pc), openLine(pc, lines))
	if len(p.params) > MaxKeys {
		problems = append(problems, diag.Problem{
			Pos:  lines.Pos(p.start),
			Msg:  fmt.Sprintf("front matter has %d keys: the most it may have is %d", len(p.params), MaxKeys),
			Hint: "keep data for layouts in a file of its own",
		})
		p.params = nil
	}
	return p.meta, p.params, problems
}

// Limits of front matter, which the YAML parser reads whole into memory
// before anything else: front matter of 100,000 keys took seconds.
const (
	MaxSize = 64 << 10 // bytes, "---" lines included
	MaxKeys = 256      // keys besides those of Meta
)

// page is what decoding a page's front matter reads and makes.
type page struct {
	file       string
	src        []byte
	start, end int // Span
	meta       Meta
	params     map[string]any
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// decode decodes the front matter opened on line open (1, or 2 after a
// heading or a blank line), at start in src.
func (p *page) decode(data *fm.Data, open int) diag.List {
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
	if p.end > 0 && p.src[p.start] == yamlFrontMatter.Delim {
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
		if i := sort.SearchStrings(Keys, k); i < len(Keys) && Keys[i] == k {
			continue
		}
		if diag.Nearest(k, Keys) != "" {
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
			Hint: fmt.Sprintf("did you mean %s? The known keys are %s; other keys are kept for layouts as .Params", diag.Nearest(k, Keys), strings.Join(Keys, ", ")),
		})
	}
	if err := decode(&p.meta); err != nil {
		problems = append(problems, diag.Problem{Pos: fmPos(err), Msg: "invalid front matter: " + cleanYAMLError(err, open),
			Hint: "title and description are text, weight is a whole number, draft is true or false, aliases a list of paths, anchors a mapping of old ids to new"})
	} else if w, ok := keys["weight"].(float64); ok && w != math.Trunc(w) {
		// YAML decodes 1.5 into an int as 1, without a word.
		problems = append(problems, diag.Problem{Pos: p.keyPos("weight", open), Msg: fmt.Sprintf("weight %v is not a whole number", w),
			Hint: "weights are whole numbers: 1, 2, 10 …; leave gaps (10, 20) to insert pages between"})
	}
	// The order keys of other tools order pages as weight does, when the
	// page has none: Docusaurus's sidebar_position, Just the Docs's
	// nav_order. They stay in .Params too.
	if _, ok := keys["weight"]; !ok {
		for _, k := range orderKeys {
			v, ok := keys[k]
			if !ok {
				continue
			}
			switch n := v.(type) {
			case int:
				p.meta.Weight = n
			case uint64:
				p.meta.Weight = int(min(n, math.MaxInt32))
			case float64:
				if n != math.Trunc(n) || math.Abs(n) > math.MaxInt32 {
					problems = append(problems, diag.Problem{Pos: p.keyPos(k, open), Msg: fmt.Sprintf("%s %v is not a whole number, which kettudocs orders pages by", k, n),
						Hint: "write weight: with a whole number instead (weights 10, 20, … leave room between pages)"})
					break
				}
				p.meta.Weight = int(n)
			case int64:
				p.meta.Weight = int(max(min(n, math.MaxInt32), math.MinInt32))
			}
			break
		}
	}
	return problems
}

// orderKeys are other tools' front matter keys that order pages, read as
// weight.
var orderKeys = []string{"sidebar_position", "nav_order"}

// keyPos finds the line of a top-level front matter key, for messages.
func (p *page) keyPos(key string, open int) diag.Position {
	return diag.Position{File: p.file, Line: keyLine(p.src, open, key), Col: 1}
}

// KeyPos returns where the top-level key key of the front matter that
// opens at the offset start of src (see Span) is, placed with lines:
// column 1 of its line, or of the opening line when the front matter
// lacks the key. For problems with a key's value found after Read.
func KeyPos(src []byte, start int, lines *diag.Lines, key string) diag.Position {
	return diag.Position{File: lines.File(), Line: keyLine(src, lines.Pos(start).Line, key), Col: 1}
}

// keyLine returns the line of the key key in the front matter opened on
// line open of src, or open.
func keyLine(src []byte, open int, key string) int {
	lines := bytes.Split(src, []byte("\n"))
	for i := open; i < len(lines); i++ {
		l := lines[i]
		if bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("+++")) {
			break
		}
		if bytes.HasPrefix(l, []byte(key)) {
			rest := bytes.TrimLeft(l[len(key):], " \t\"'")
			if len(rest) > 0 && (rest[0] == ':' || rest[0] == '=') {
				return i + 1
			}
		}
	}
	return open
}

func cleanYAMLError(err error, open int) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.ReplaceAll(s, "unmarshal errors:\n  ", "")
	return yamlLine.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+open)
	})
}
