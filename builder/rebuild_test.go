package builder

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs"
)

// TestRebuildWritesWhatChanged: a build into the output of the last one
// leaves every file whose bytes did not change as it was (same inode, same
// time), so a rebuild of an unchanged site writes nothing, and one after
// an edit writes what the edit changed.
func TestRebuildWritesWhatChanged(t *testing.T) {
	content := fstest.MapFS{"_index.md": md("# Home\n\nWelcome.\n")}
	for i := range 150 { // three buckets of search page files
		content[fmt.Sprintf("guide/p%03d.md", i)] = md(fmt.Sprintf("# Page %d\n\nAbout widget%d.\n", i, i))
	}
	dest := filepath.Join(t.TempDir(), "public")
	cfg := Config{Dest: dest, Theme: kettudocs.Theme(), BaseURL: "https://docs.example/"}
	stat := func() map[string]os.FileInfo {
		t.Helper()
		m := map[string]os.FileInfo{}
		err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			st, err := os.Stat(p)
			rel, _ := filepath.Rel(dest, p)
			m[filepath.ToSlash(rel)] = st
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	written := func(before, after map[string]os.FileInfo) []string {
		var out []string
		for name, st := range after {
			if b, ok := before[name]; !ok || !os.SameFile(b, st) || !b.ModTime().Equal(st.ModTime()) {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}
	if _, err := build(t, content, cfg); err != nil {
		t.Fatal(err)
	}
	// The search page file of guide/p070/, which its body edit changes:
	// named by the page's place in reading order.
	p070 := ""
	files, _ := filepath.Glob(filepath.Join(dest, "search", "p*.js"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), `"u":"guide/p070/"`) {
			p070 = "search/" + filepath.Base(f)
		}
	}
	if p070 == "" {
		t.Fatalf("no search page file of guide/p070/ among %v", files)
	}
	tests := []struct {
		name   string
		edit   func()
		want   []string // written, each of them
		allow  []string // may be written too; with a trailing "*", those starting so
		others bool     // any file may be written too
	}{
		{"nothing changed", func() {}, nil, nil, false},
		{"one page's body", func() {
			content["guide/p070.md"] = md("# Page 70\n\nAbout widget70, and a zebra.\n")
			// Its search page file shows the text changed; the others of
			// its bucket keep their names and bytes.
		}, []string{".kettudocs-manifest", "guide/p070/index.html", "guide/p070/index.md", "search/index.js", p070},
			[]string{"llms.txt", "search/t*", "search/d*", "search/f*"}, false},
		{"one page's title", func() {
			content["guide/p070.md"] = md("# Page seventy\n\nAbout widget70, and a zebra.\n")
		}, []string{"guide/p070/index.html", "guide/p069/index.html", "guide/p071/index.html"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := stat()
			tt.edit()
			res, err := build(t, content, cfg)
			if err != nil {
				t.Fatal(err)
			}
			after := stat()
			got := written(before, after)
			if res.Unchanged != res.Files-countFiles(got) {
				t.Errorf("Unchanged %d of %d files, but %d were written", res.Unchanged, res.Files, countFiles(got))
			}
			for _, name := range got {
				if !tt.others && !slices.Contains(tt.want, name) && !matchesAny(name, tt.allow) {
					t.Errorf("%s written", name)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s not written; written: %v", w, got)
				}
			}
			if tt.want == nil && len(got) > 0 {
				t.Errorf("a rebuild of an unchanged site wrote %v", got)
			}
		})
	}
}

// countFiles counts the site's files among names: the manifest is not one.
func countFiles(names []string) int {
	n := 0
	for _, name := range names {
		if !strings.HasPrefix(name, ".kettudocs-") {
			n++
		}
	}
	return n
}

func matchesAny(name string, patterns []string) bool {
	for _, p := range patterns {
		if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(name, prefix) || name == p {
			return true
		}
	}
	return false
}

// TestRebuildDropped: a build into the output of the last one warns of
// each page the last one published that this one drops.
func TestRebuildDropped(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	content := fstest.MapFS{"_index.md": md("# Home\n"), "old.md": md("# Old\n"), "keep.md": md("# Keep\n")}
	if _, err := build(t, content, Config{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	delete(content, "old.md")
	content["new.md"] = md("# New\n")
	res, err := build(t, content, Config{Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Dropped) != 1 || !strings.HasPrefix(res.Dropped[0].String(), "warning: /old/, which the last build into this folder published, is gone") {
		t.Errorf("dropped: %v", res.Dropped)
	}
	content["new.md"] = md("---\naliases: [/old/]\n---\n# New\n")
	if res, err := build(t, content, Config{Dest: dest}); err != nil || len(res.Dropped) != 0 {
		t.Errorf("with the alias: %v, dropped %v", err, res.Dropped)
	}
}

// TestDiagramScriptOnlyWhenUsed: the theme's diagram script (5.5 MB) is
// published only by a site with a diagram.
func TestDiagramScriptOnlyWhenUsed(t *testing.T) {
	for _, tt := range []struct {
		page string
		want bool
	}{
		{"# Home\n\nNo diagram.\n", false},
		{"# Home\n\n```mermaid\ngraph TD; A-->B\n```\n", true},
	} {
		res, err := build(t, fstest.MapFS{"_index.md": md(tt.page)}, Config{Dest: filepath.Join(t.TempDir(), "public"), Theme: kettudocs.Theme()})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(res.Written, func(name string) bool { return strings.HasPrefix(name, "mermaid/mermaid.min.") })
		if got != tt.want {
			t.Errorf("%q: mermaid published %v, want %v", tt.page, got, tt.want)
		}
	}
}
