// Package diag holds the problems a build reports: a position in a source
// file, what is wrong there and how to fix it.
//
// Every stage of the builder (front matter, links, the drift check) collects
// problems instead of stopping at the first, so a writer sees all of them in
// one run, sorted by file and line.
//
// A problem is an error, which fails the build, unless its Severity is
// Warning: something the build changed to make it safe, such as raw HTML
// it sanitized, which the writer should know about but which does not
// stop a site from being published.
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Position is a place in a source file. Line and Col count from 1; a zero
// Line means the problem concerns the whole file, a zero Col the whole line.
type Position struct {
	File string
	Line int
	Col  int
}

func (p Position) String() string {
	file := printable(p.File)
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// printable escapes the control characters of a file name as Go does in
// a quoted string ("a\nb"), so that a problem stays one line whatever a
// file is named.
func printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// Severity says whether a problem fails the build.
type Severity int

const (
	// Error fails the build. It is the zero value, so a Problem is an
	// error unless it says otherwise.
	Error Severity = iota
	// Warning is reported but does not fail the build: the build changed
	// the input into something safe, such as raw HTML it sanitized.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with the input.
type Problem struct {
	Pos      Position
	Msg      string // what is wrong, e.g. `unknown code 50014 (expected one of the "json-codes" group)`
	Hint     string // one line on how to fix it; may be empty
	Severity Severity
}

// String formats p as "file:line:col: msg", followed by the hint on its own
// indented line when there is one. A warning reads "file:line:col:
// warning: msg".
func (p Problem) String() string {
	s := ""
	if p.Pos != (Position{}) { // a problem of no file has no place
		s = p.Pos.String() + ": "
	}
	if p.Severity == Warning {
		s += "warning: "
	}
	s += p.Msg
	if p.Hint != "" {
		s += "\n\thint: " + p.Hint
	}
	return s
}

// ReadError is the problem of a file that cannot be read: it prints like
// every other problem, "file: cannot read: permission denied", rather
// than as Go's "open file: …".
func ReadError(file string, err error) Problem {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return Problem{
		Pos:  Position{File: file},
		Msg:  "cannot read: " + err.Error(),
		Hint: "check that the file exists and can be read, or remove it",
	}
}

// List is a set of problems. As an error it prints every problem, one per
// line, so it can be returned from a build and printed as is.
type List []Problem

// Sort orders the problems by file, line and column, keeping the original
// order of problems at the same position.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Err returns l as an error, or nil when l holds no errors: warnings
// alone do not fail a build. The error prints the warnings too.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// HasErrors reports whether any problem of l is an error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity != Warning {
			return true
		}
	}
	return false
}

// Count returns how many errors and how many warnings l holds.
func (l List) Count() (errors, warnings int) {
	for _, p := range l {
		if p.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// Lines maps byte offsets in a source to line and column numbers.
// Columns count bytes, as go/token and goldmark do, starting at 1.
type Lines struct {
	file  string
	start []int // byte offset of the start of each line
}

// NewLines indexes src, which is the content of file.
func NewLines(file string, src []byte) *Lines {
	start := []int{0}
	for i, c := range src {
		if c == '\n' {
			start = append(start, i+1)
		}
	}
	return &Lines{file: file, start: start}
}

// Pos returns the position of byte offset off.
func (l *Lines) Pos(off int) Position {
	i := sort.Search(len(l.start), func(i int) bool { return l.start[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Position{File: l.file, Line: i + 1, Col: off - l.start[i] + 1}
}

// File returns the name of the indexed file.
func (l *Lines) File() string { return l.file }
