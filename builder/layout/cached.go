package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/kettu/kettudocs/builder/diag"
)

// A layout called as {{.Cached "header.html"}} is executed once for all
// the pages at one folder depth, and its markup reused: executing a
// template costs html/template a call through reflection for every value
// and every escaper, and the parts of a page that are the same on every
// page (the header, the links to the theme's assets, the footer) were a
// quarter of a page's template work. Such a layout may read only what is
// the same for every page at one depth, which the build checks when it
// loads the layouts (checkCached): .Site, .Root, .Is404, .Asset,
// .SearchIndex and .Rel "".

// Cached returns the markup of the layout name executed with this page's
// data, made once for every page at this page's depth (the same .Root)
// and reused: see the package doc, section "Layouts".
func (d *PageData) Cached(name string) (template.HTML, error) {
	if d.frame == nil {
		return "", fmt.Errorf("Cached %q: no layouts to execute", name)
	}
	return d.frame.cache.get(name, d)
}

// cache holds the markup of cached layouts for one Frame.
type cache struct {
	t  *template.Template
	mu sync.Mutex
	m  map[cacheKey]template.HTML
}

// cacheKey names the markup of a cached layout. All a cached layout may
// read is the same for pages with the same Root and Is404 (checkCached):
// .Rel "" differs from .Root only on the home page, whose Root no other
// page has.
type cacheKey struct {
	name, root string
	is404      bool
}

func newCache(t *template.Template) *cache {
	return &cache{t: t, m: make(map[cacheKey]template.HTML)}
}

func (c *cache) get(name string, d *PageData) (template.HTML, error) {
	key := cacheKey{name, d.Root, d.Is404} // no string made for each of a page's calls
	c.mu.Lock()
	h, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	// Two pages may make it at once: both make the same markup.
	var buf bytes.Buffer
	if err := c.t.ExecuteTemplate(&buf, name, d); err != nil {
		return "", err
	}
	h = template.HTML(buf.String())
	c.mu.Lock()
	c.m[key] = h
	c.mu.Unlock()
	return h, nil
}

// checkCached reports every layout called with .Cached that reads what
// differs between pages at one depth, where it reads it: cached, it would
// show the first page's value on all of them.
func checkCached(t *template.Template) diag.List {
	c := &cachedChecker{t: t, done: make(map[string]bool)}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			c.findCalls(tt.Tree.Root)
		}
	}
	return c.problems
}

type cachedChecker struct {
	t        *template.Template
	done     map[string]bool // layouts checked, by name and dot
	problems diag.List
	// Of the layout being checked: its tree, the name of the cached
	// layout it serves, and whether the problem was reported already.
	tree     *parse.Tree
	top      int // what $ holds: dot where the layout starts
	cached   string
	reported bool
}

// findCalls checks the layout of each .Cached "NAME" call below n.
func (c *cachedChecker) findCalls(n parse.Node) {
	walkParse(n, func(n parse.Node) {
		cmd, ok := n.(*parse.CommandNode)
		if !ok || len(cmd.Args) != 2 {
			return
		}
		f, ok := cmd.Args[0].(*parse.FieldNode)
		s, isString := cmd.Args[1].(*parse.StringNode)
		if !ok || !isString || len(f.Ident) != 1 || f.Ident[0] != "Cached" {
			return
		}
		c.layout(s.Text, s.Text, dotPage)
	})
}

// What dot holds where a layout reads it.
const (
	dotPage = iota // the page's *PageData
	dotSame        // a value the same for every page at one depth
)

// layout checks the layout name, serving the cached layout cached, with
// dot as given.
func (c *cachedChecker) layout(name, cached string, dot int) {
	key := fmt.Sprintf("%s\x00%d", name, dot)
	tt := c.t.Lookup(name)
	if c.done[key] || tt == nil || tt.Tree == nil {
		return // a missing layout fails when executed
	}
	c.done[key] = true
	tree, top, outer, reported := c.tree, c.top, c.cached, c.reported
	c.tree, c.top, c.cached, c.reported = tt.Tree, dot, cached, false
	c.list(tt.Tree.Root, dot)
	c.tree, c.top, c.cached, c.reported = tree, top, outer, reported
}

// fail reports that the layout reads what at n.
func (c *cachedChecker) fail(n parse.Node, what string) {
	if c.reported {
		return // one problem a layout: the first is the one to fix
	}
	c.reported = true
	loc, _ := c.tree.ErrorContext(n)
	pos := diag.Position{File: "layouts/" + c.tree.ParseName}
	if _, rest, ok := strings.Cut(loc, ":"); ok {
		fmt.Sscanf(rest, "%d:%d", &pos.Line, &pos.Col)
		pos.Col++ // counted from 0
	}
	c.problems = append(c.problems, diag.Problem{
		Pos: pos,
		Msg: fmt.Sprintf("layout %s is cached ({{.Cached %q}}) but reads %s, which differs between pages at one depth", c.tree.Name, c.cached, what),
		Hint: "a cached layout may read only .Site, .Root, .Is404, .Asset, .SearchIndex and .Rel \"\"; " +
			fmt.Sprintf("call it with {{template %q .}} instead, or move what differs out of it", c.cached),
	})
}

func (c *cachedChecker) list(l *parse.ListNode, dot int) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n, dot)
	}
}

func (c *cachedChecker) node(n parse.Node, dot int) {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	case *parse.ActionNode:
		c.pipe(n.Pipe, dot)
	case *parse.IfNode:
		c.branch(&n.BranchNode, dot, dot)
	case *parse.RangeNode:
		c.branch(&n.BranchNode, dot, dotSame) // dot: what the checked pipeline gives
	case *parse.WithNode:
		c.branch(&n.BranchNode, dot, dotSame)
	case *parse.TemplateNode:
		callee := dotSame
		if n.Pipe != nil {
			if onlyDot(n.Pipe) {
				callee = dot // passed on as it is
			} else {
				c.pipe(n.Pipe, dot)
			}
		}
		c.layout(n.Name, c.cached, callee)
	default:
		c.fail(n, n.String())
	}
}

// branch checks an if, range or with, whose list sees dot as inner.
func (c *cachedChecker) branch(b *parse.BranchNode, dot, inner int) {
	c.pipe(b.Pipe, dot)
	c.list(b.List, inner)
	c.list(b.ElseList, dot)
}

// onlyDot reports whether p is just ".".
func onlyDot(p *parse.PipeNode) bool {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

func (c *cachedChecker) pipe(p *parse.PipeNode, dot int) {
	if p == nil {
		return
	}
	for i, cmd := range p.Cmds {
		c.command(cmd, dot, i == 0)
	}
}

func (c *cachedChecker) command(cmd *parse.CommandNode, dot int, first bool) {
	args := cmd.Args
	if c.isRel(args[0], dot) {
		// .Rel "" is the link to the site root; any other URL's link
		// depends on the folders the page shares with it.
		if s, ok := argString(args); !ok || s != "" || !first {
			c.fail(args[0], `.Rel with an argument other than ""`)
		}
		return
	}
	for _, a := range args {
		c.arg(a, dot)
	}
}

// isRel reports whether a is the page's Rel method: .Rel or $.Rel.
func (c *cachedChecker) isRel(a parse.Node, dot int) bool {
	switch a := a.(type) {
	case *parse.FieldNode:
		return dot == dotPage && len(a.Ident) == 1 && a.Ident[0] == "Rel"
	case *parse.VariableNode:
		return c.top == dotPage && len(a.Ident) == 2 && a.Ident[0] == "$" && a.Ident[1] == "Rel"
	}
	return false
}

// argString returns the argument of a command of two args, when a string.
func argString(args []parse.Node) (string, bool) {
	if len(args) != 2 {
		return "", false
	}
	s, ok := args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return s.Text, true
}

// sameFields are the fields and methods of PageData that are the same for
// all pages at one depth. Asset and SearchIndex link files of the site
// root's through .Root (see PageData.Asset).
var sameFields = map[string]bool{"Site": true, "Root": true, "Is404": true, "Asset": true, "SearchIndex": true}

// pureFuncs are the functions of layouts whose result depends only on
// their arguments.
var pureFuncs = map[string]bool{
	"and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"len": true, "index": true, "slice": true, "print": true, "printf": true, "println": true,
	"html": true, "js": true, "urlquery": true, "dict": true,
}

func (c *cachedChecker) arg(a parse.Node, dot int) {
	switch a := a.(type) {
	case *parse.FieldNode:
		if dot == dotPage && !sameFields[a.Ident[0]] {
			c.fail(a, "."+a.Ident[0])
		}
	case *parse.VariableNode:
		// Variables the layout declares hold what was checked.
		if a.Ident[0] != "$" || c.top != dotPage {
			return
		}
		switch {
		case len(a.Ident) == 1:
			c.fail(a, "$, the whole page")
		case !sameFields[a.Ident[1]]:
			c.fail(a, "$."+a.Ident[1])
		}
	case *parse.DotNode:
		if dot == dotPage {
			c.fail(a, "., the whole page")
		}
	case *parse.ChainNode:
		c.arg(a.Node, dot)
	case *parse.PipeNode:
		c.pipe(a, dot)
	case *parse.IdentifierNode:
		if !pureFuncs[a.Ident] && !strings.HasPrefix(a.Ident, "_html_template_") {
			c.fail(a, "the function "+a.Ident)
		}
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
	default:
		c.fail(a, a.String())
	}
}

// walkParse calls f with n and every node below it, in the nodes a
// layout's tree is made of.
func walkParse(n parse.Node, f func(parse.Node)) {
	f(n)
	var kids []parse.Node
	switch n := n.(type) {
	case *parse.ListNode:
		kids = n.Nodes
	case *parse.ActionNode:
		kids = []parse.Node{n.Pipe}
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			kids = append(kids, c)
		}
	case *parse.CommandNode:
		kids = n.Args
	case *parse.ChainNode:
		kids = []parse.Node{n.Node}
	case *parse.IfNode:
		kids = branches(&n.BranchNode)
	case *parse.RangeNode:
		kids = branches(&n.BranchNode)
	case *parse.WithNode:
		kids = branches(&n.BranchNode)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			kids = []parse.Node{n.Pipe}
		}
	}
	for _, k := range kids {
		walkParse(k, f)
	}
}

// branches returns the parts of an if, range or with that are there.
func branches(b *parse.BranchNode) []parse.Node {
	kids := []parse.Node{b.Pipe, b.List}
	if b.ElseList != nil {
		kids = append(kids, b.ElseList)
	}
	return kids
}
