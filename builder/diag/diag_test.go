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
