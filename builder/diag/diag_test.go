package diag

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestLinesPos(t *testing.T) {
	src := []byte("ab\ncde\n\nf")
	l := NewLines("x.md", src)
	tests := []struct {
		off  int
		want string
	}{
		{0, "x.md:1:1"},
		{1, "x.md:1:2"},
		{2, "x.md:1:3"}, // the newline ends line 1
		{3, "x.md:2:1"},
		{5, "x.md:2:3"},
		{7, "x.md:3:1"},
		{8, "x.md:4:1"},
		{9, "x.md:4:2"}, // the end of the file
	}
	for _, tt := range tests {
		if got := l.Pos(tt.off).String(); got != tt.want {
			t.Errorf("Pos(%d) = %s, want %s", tt.off, got, tt.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Pos: Position{"a.md", 3, 7}, Msg: "bad"}, "a.md:3:7: bad"},
		{Problem{Pos: Position{"a.md", 3, 0}, Msg: "bad", Hint: "fix it"}, "a.md:3: bad\n\thint: fix it"},
		{Problem{Pos: Position{File: "a.md"}, Msg: "bad"}, "a.md: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestListSortAndError(t *testing.T) {
	l := List{
		{Pos: Position{"b.md", 1, 1}, Msg: "4"},
		{Pos: Position{"a.md", 9, 1}, Msg: "2"},
		{Pos: Position{"a.md", 2, 5}, Msg: "1"},
		{Pos: Position{"a.md", 9, 1}, Msg: "3"}, // same place: keeps its order
	}
	l.Sort()
	var got string
	for _, p := range l {
		got += p.Msg
	}
	if got != "1234" {
		t.Errorf("sorted order %s, want 1234", got)
	}
	var err error = l
	var back List
	if !errors.As(fmt.Errorf("build: %w", err), &back) || len(back) != 4 {
		t.Errorf("errors.As lost the list")
	}
	if want := "a.md:2:5: 1\na.md:9:1: 2\na.md:9:1: 3\nb.md:1:1: 4"; l.Error() != want {
		t.Errorf("Error() = %q, want %q", l.Error(), want)
	}
	if (List{}).Err() != nil || l.Err() == nil {
		t.Errorf("Err: empty list must be nil, non-empty not")
	}
}

func TestReadError(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "gone.png"))
	p := ReadError("img/gone.png", err)
	if got, want := p.Pos.String()+": "+p.Msg, "img/gone.png: cannot read: no such file or directory"; got != want && runtime.GOOS != "windows" {
		t.Errorf("got %q, want %q", got, want)
	}
	if strings.Contains(p.Msg, "open ") || p.Hint == "" {
		t.Errorf("problem repeats Go's path error or has no hint: %v", p)
	}
}

// TestWarnings: a warning prints as one, counts apart, and alone is no
// error.
func TestWarnings(t *testing.T) {
	w := Problem{Pos: Position{File: "a.md", Line: 3, Col: 5}, Msg: "removed <script>", Hint: "h", Severity: Warning}
	if got, want := w.String(), "a.md:3:5: warning: removed <script>\n\thint: h"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	e := Problem{Pos: Position{File: "a.md", Line: 1}, Msg: "broken"}
	if e.Severity != Error || e.Severity.String() != "error" || w.Severity.String() != "warning" {
		t.Errorf("severities: %v %v", e.Severity, w.Severity)
	}
	tests := []struct {
		l              List
		errs, warnings int
	}{
		{nil, 0, 0},
		{List{w}, 0, 1},
		{List{w, e, w}, 1, 2},
	}
	for _, tt := range tests {
		errs, warnings := tt.l.Count()
		if errs != tt.errs || warnings != tt.warnings || tt.l.HasErrors() != (tt.errs > 0) || (tt.l.Err() != nil) != (tt.errs > 0) {
			t.Errorf("%v: Count %d, %d; HasErrors %v; Err %v", tt.l, errs, warnings, tt.l.HasErrors(), tt.l.Err())
		}
	}
	if err := (List{w, e}).Err(); err == nil || !strings.Contains(err.Error(), "warning: removed") {
		t.Errorf("the error of a list with warnings leaves them out: %v", err)
	}
}
