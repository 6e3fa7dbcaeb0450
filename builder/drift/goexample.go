package drift

import (
	"fmt"
	"go/scanner"
	gotoken "go/token"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// goLangs are the info string languages of Go code blocks.
var goLangs = map[string]bool{"go": true, "golang": true}

// goPackage is a validated Package.
type goPackage struct {
	name     string
	exported map[string]bool
	sorted   []string
}

// addPackages validates the registry's packages and indexes them.
func (c *Checker) addPackages(pkgs []Package) []error {
	var errs []error
	for i, p := range pkgs {
		switch {
		case !gotoken.IsIdentifier(p.Name):
			errs = append(errs, fmt.Errorf("drift: package %d: name %q is not a Go identifier", i+1, p.Name))
			continue
		case c.pkgs[p.Name] != nil:
			errs = append(errs, fmt.Errorf("drift: package %q given twice", p.Name))
			continue
		}
		gp := &goPackage{name: p.Name, exported: map[string]bool{}}
		for _, x := range p.Exported {
			if !gotoken.IsExported(x) || !gotoken.IsIdentifier(x) {
				errs = append(errs, fmt.Errorf("drift: package %q: %q is not an exported Go identifier", p.Name, x))
				continue
			}
			gp.exported[x] = true
		}
		for x := range gp.exported {
			gp.sorted = append(gp.sorted, x)
		}
		sort.Strings(gp.sorted)
		c.pkgs[p.Name] = gp
	}
	return errs
}

// goExample checks the identifiers a Go example takes from the registry's
// packages. Examples are often fragments (a statement, an if block), so
// rather than parse the code it scans it for PKG "." Name, where PKG is a
// registry package not itself selected from something else (x.codes.Y)
// and Name is exported; comments and strings are skipped by the scanner.
func (k *run) goExample(n *ast.FencedCodeBlock) {
	if len(k.c.pkgs) == 0 || !goLangs[strings.ToLower(string(n.Language(k.src)))] {
		return
	}
	t := k.blockText(n)
	fset := gotoken.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(t.b))
	var s scanner.Scanner
	s.Init(file, t.b, func(gotoken.Position, string) {}, 0) // fragments need not scan cleanly
	type tok struct {
		tok gotoken.Token
		lit string
	}
	var before, pkg, dot tok // the three tokens before the current one
	for {
		pos, tk, lit := s.Scan()
		if tk == gotoken.EOF {
			return
		}
		if tk == gotoken.IDENT && dot.tok == gotoken.PERIOD && pkg.tok == gotoken.IDENT && before.tok != gotoken.PERIOD {
			if p := k.c.pkgs[pkg.lit]; p != nil && gotoken.IsExported(lit) && !p.exported[lit] {
				k.report(t.pos(file.Offset(pos)),
					fmt.Sprintf("unknown identifier %s.%s in Go example (package %s has no exported %s)", p.name, lit, p.name, lit),
					p.hint(lit))
			}
		}
		before, pkg, dot = pkg, dot, tok{tk, lit}
	}
}

// hint suggests the exported names closest to name.
func (p *goPackage) hint(name string) string {
	type cand struct {
		x string
		d int
	}
	var cs []cand
	for _, x := range p.sorted {
		cs = append(cs, cand{x, distance(strings.ToLower(name), strings.ToLower(x))})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	var near []string
	for _, c := range cs[:min(3, len(cs))] {
		near = append(near, p.name+"."+c.x)
	}
	h := "fix the example; if the spec changed, regenerate (go generate ./...) and use the new name"
	if len(near) > 0 {
		h = "did you mean " + strings.Join(near, ", ") + "? " + h
	}
	return h
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
