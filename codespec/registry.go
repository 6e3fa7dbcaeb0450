package codespec

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
)

// Registry returns the spec as the drift check's registry: each group's
// rows exactly as the spec has them (Markdown kept), and, when the spec
// has a package, its exported names (the generated ones and hand, those
// of its hand-written files) for the check of the docs' Go examples.
func (s *Spec) Registry(hand []string) *drift.Registry {
	reg := &drift.Registry{}
	for _, g := range s.Groups {
		dg := drift.Group{
			Name:       g.Name,
			Title:      g.Title,
			Anchor:     g.Anchor,
			Mentions:   slices.Clone(g.Mentions),
			JSONKeys:   slices.Clone(g.JSONKeys),
			Strings:    g.Strings,
			CodeHeader: g.CodeHeader,
			CodeWith:   g.CodeWith,
		}
		for _, c := range g.Columns {
			if !c.Free {
				dg.Columns = append(dg.Columns, c.Name)
			}
			if c.Group != "" {
				if dg.ColumnGroups == nil {
					dg.ColumnGroups = map[string]string{}
				}
				dg.ColumnGroups[c.Name] = c.Group
			}
		}
		for _, e := range g.Entries {
			fields := make(map[string]string, len(e.Fields))
			for k, v := range e.Fields {
				fields[k] = v
			}
			dg.Entries = append(dg.Entries, drift.Entry{Code: e.Code, Fields: fields, Omit: e.Omit != ""})
		}
		reg.Groups = append(reg.Groups, dg)
	}
	if s.Package != "" {
		names := append(slices.Clone(hand), s.Names()...)
		slices.Sort(names)
		reg.Packages = []drift.Package{{Name: s.Package, Exported: slices.Compact(names)}}
	}
	return reg
}

// GoRegistry returns the Go source of a package pkg whose function
// Registry returns reg, built anew on each call so no caller can change
// what another one checks. It lets a program carry a spec's registry
// compiled in, as this module's tests do with the kettu codes.
func GoRegistry(spec, pkg string, reg *drift.Registry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(Header(spec))
	fmt.Fprintf(&b, "\npackage %s\n\nimport \"github.com/kettu/kettudocs/builder/drift\"\n", pkg)
	b.WriteString("\n// Registry returns the codes of the spec as a drift registry, built anew\n// on each call so no caller can change what another one checks.\n")
	b.WriteString("func Registry() *drift.Registry {\n\treturn &drift.Registry{\n\t\tGroups: []drift.Group{\n")
	strs := func(l []string) string {
		q := make([]string, len(l))
		for i, s := range l {
			q[i] = strconv.Quote(s)
		}
		return "[]string{" + strings.Join(q, ", ") + "}"
	}
	for _, g := range reg.Groups {
		fmt.Fprintf(&b, "\t\t\t{\n\t\t\t\tName: %q, Title: %q, Anchor: %q,\n", g.Name, g.Title, g.Anchor)
		fmt.Fprintf(&b, "\t\t\t\tColumns: %s,\n\t\t\t\tMentions: %s,\n\t\t\t\tJSONKeys: %s,\n", strs(g.Columns), strs(g.Mentions), strs(g.JSONKeys))
		if g.Strings {
			b.WriteString("\t\t\t\tStrings: true,\n")
		}
		if g.CodeHeader != "" {
			fmt.Fprintf(&b, "\t\t\t\tCodeHeader: %q,\n", g.CodeHeader)
		}
		if g.CodeWith != "" {
			fmt.Fprintf(&b, "\t\t\t\tCodeWith: %q,\n", g.CodeWith)
		}
		if len(g.ColumnGroups) > 0 {
			b.WriteString("\t\t\t\tColumnGroups: map[string]string{")
			sep := ""
			for _, c := range g.Columns {
				if o, ok := g.ColumnGroups[c]; ok {
					fmt.Fprintf(&b, "%s%q: %q", sep, c, o)
					sep = ", "
				}
			}
			b.WriteString("},\n")
		}
		b.WriteString("\t\t\t\tEntries: []drift.Entry{\n")
		for _, e := range g.Entries {
			fmt.Fprintf(&b, "\t\t\t\t\t{Code: %q, Fields: map[string]string{", e.Code)
			sep := ""
			for _, c := range g.Columns {
				if v, ok := e.Fields[c]; ok {
					fmt.Fprintf(&b, "%s%q: %q", sep, c, v)
					sep = ", "
				}
			}
			b.WriteString("}")
			if e.Omit {
				b.WriteString(", Omit: true")
			}
			b.WriteString("},\n")
		}
		b.WriteString("\t\t\t\t},\n\t\t\t},\n")
	}
	b.WriteString("\t\t},\n")
	if len(reg.Packages) > 0 {
		b.WriteString("\t\tPackages: []drift.Package{\n")
		for _, p := range reg.Packages {
			fmt.Fprintf(&b, "\t\t\t{Name: %q, Exported: []string{\n", p.Name)
			for _, n := range p.Exported {
				fmt.Fprintf(&b, "\t\t\t\t%q,\n", n)
			}
			b.WriteString("\t\t\t}},\n")
		}
		b.WriteString("\t\t},\n")
	}
	b.WriteString("\t}\n}\n")
	return format.Source(b.Bytes())
}

// ReadFile reads and parses the spec in the file name.
func ReadFile(name string) (*Spec, error) {
	data, err := readBounded(name, MaxSpecSize)
	if err != nil {
		return nil, diag.List{diag.ReadError(filepath.ToSlash(name), err)}
	}
	return Parse(filepath.ToSlash(name), data)
}

// MaxSpecSize is the largest codes spec, and generated Go file, that is
// read: the biggest real API's codes take a few hundred kilobytes, and a
// spec setting that names a device (codes: /dev/zero) must not read until
// memory runs out.
const MaxSpecSize = 8 << 20

// readBounded reads the regular file name, refusing anything else (a
// device, a pipe, a folder) and files over max bytes.
func readBounded(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", filepath.ToSlash(name))
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s: %d bytes, over the limit of %d", filepath.ToSlash(name), st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("%s: over the limit of %d bytes", filepath.ToSlash(name), max)
	}
	return data, err
}

// OutputPath returns the generated file's path: s.Output, relative to the
// spec's folder. It is "" if the spec has no output.
func (s *Spec) OutputPath() string {
	if s.Output == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(filepath.FromSlash(s.File)), filepath.FromSlash(s.Output))
}

// Load reads the spec in the file name, as a build does: it parses it,
// and if the spec names an output, verifies that the file is exactly what
// the spec generates, so neither the docs nor the Go package can drift
// from the spec unnoticed. regen is the command that regenerates the
// file, for the hint. It returns the spec's registry, whose Go package
// names include those the package's hand-written files declare.
//
// allow, when not nil, is asked before the generated file and its
// package are read, and its error is returned as a problem of the spec's
// output setting: a spec may name any path, and a build of a pull request
// must not read, or quote in its messages, a file outside the repository.
func Load(name, regen string, allow func(path string) error) (*drift.Registry, error) {
	s, err := ReadFile(name)
	if err != nil {
		return nil, err
	}
	out := s.OutputPath()
	if out == "" {
		return s.Registry(nil), nil
	}
	if allow != nil {
		if err := allow(out); err != nil {
			return nil, diag.List{{
				Pos:  diag.Position{File: s.File},
				Msg:  fmt.Sprintf("output: %v", err),
				Hint: "generate the Go package inside the repository that holds the site",
			}}
		}
	}
	hand, err := Exported(filepath.Dir(out), out)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, diag.List{{Pos: diag.Position{File: filepath.ToSlash(out)}, Msg: "cannot read the Go package: " + err.Error(), Hint: "fix the package's Go files"}}
	}
	want, err := s.Generate("", hand)
	if err != nil {
		return nil, err
	}
	got, err := readBounded(out, MaxSpecSize)
	outName := filepath.ToSlash(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, diag.List{{
			Pos:  diag.Position{File: outName},
			Msg:  fmt.Sprintf("the Go file generated from %s is missing", s.File),
			Hint: "generate it: " + regen,
		}}
	case err != nil:
		return nil, diag.List{diag.ReadError(outName, err)}
	case !bytes.Equal(got, want):
		return nil, diag.List{{
			Pos:  diag.Position{File: outName, Line: firstDiff(got, want)},
			Msg:  fmt.Sprintf("stale generated file: it differs from what %s generates", s.File),
			Hint: "regenerate it: " + regen,
		}}
	}
	return s.Registry(hand), nil
}

// firstDiff returns the first line at which a and b differ.
func firstDiff(a, b []byte) int {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
