package builder

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder/drift"
)

// benchSite makes a site of n pages in n/20 sections. Each page has front
// matter, headings, prose with code mentions, a bound code table of 40
// rows, a JSON example, a Go code block and links to its neighbours: about
// the size of a real API reference page.
func benchSite(n int) (fstest.MapFS, *drift.Registry) {
	g := drift.Group{Name: "errors", Title: "error codes", Anchor: "err", Columns: []string{"meaning"},
		Mentions: []string{"error code"}, JSONKeys: []string{"code"}}
	var table strings.Builder
	table.WriteString("<!-- codes: errors -->\n| code | meaning |\n| ---- | ------- |\n")
	for i := range 40 {
		code := fmt.Sprint(10000 + i)
		g.Entries = append(g.Entries, drift.Entry{Code: code, Fields: map[string]string{"meaning": "unknown thing " + code}})
		fmt.Fprintf(&table, "| %s | unknown thing %s |\n", code, code)
	}
	content := fstest.MapFS{"_index.md": md("# Home\n\nWelcome.\n")}
	for i := range n {
		sec := fmt.Sprintf("s%02d", i/20)
		if i%20 == 0 {
			content[sec+"/_index.md"] = md("# Section " + sec + "\n")
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d\nweight: %d\n---\n\n# Page %d\n\n", i, i%20+1, i)
		for s := range 5 {
			fmt.Fprintf(&b, "## Part %d\n\nSome *prose* about error code 10003 and `code spans`, with a [link](../%s/_index.md) and more text to read. ", s, sec)
			b.WriteString(strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 8))
			b.WriteString("\n\n")
		}
		b.WriteString(table.String())
		b.WriteString("\n```json\n{\n  \"code\": 10004,\n  \"message\": \"unknown thing\"\n}\n```\n\n```go\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n")
		content[fmt.Sprintf("%s/p%03d.md", sec, i)] = md(b.String())
	}
	return content, &drift.Registry{Groups: []drift.Group{g}}
}

// BenchmarkBuild builds a 200-page site to disk. Target: a 200-page site
// builds in well under a second on 2 cores (see bench/README.md).
func BenchmarkBuild(b *testing.B) {
	content, reg := benchSite(200)
	dest := filepath.Join(b.TempDir(), "public")
	bl, err := New(Config{Content: content, Theme: testTheme, Dest: dest, Codes: reg})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bl.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/200, "µs/page")
}

// BenchmarkCheck parses and checks the same site without writing it: what
// `kettudocs check` costs in CI.
func BenchmarkCheck(b *testing.B) {
	content, reg := benchSite(200)
	bl, err := New(Config{Content: content, Theme: testTheme, Codes: reg})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		problems, err := bl.Check(context.Background())
		if err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
	}
}

func TestBenchSiteIsClean(t *testing.T) {
	content, reg := benchSite(40)
	if _, err := build(t, content, Config{Dest: filepath.Join(t.TempDir(), "out"), Codes: reg}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBuildScale builds sites of 1,000 and 8,000 pages, to show how
// the cost grows: 8× the pages must cost at most 10× the time, and the
// median page must not grow (bench/compare measures the same on the
// shared corpus, beside Hugo). One section holds every page in the "flat"
// case, the worst for a navigation.
func BenchmarkBuildScale(b *testing.B) {
	for _, tt := range []struct {
		name string
		n    int
		flat bool
	}{{"pages=1000", 1000, false}, {"pages=8000", 8000, false}, {"flat=5000", 5000, true}} {
		b.Run(tt.name, func(b *testing.B) {
			content, reg := benchSite(tt.n)
			if tt.flat {
				flat := fstest.MapFS{}
				for name, f := range content {
					if path.Base(name) != "_index.md" || name == "_index.md" {
						flat[strings.Replace(name, path.Dir(name)+"/", "all/", 1)] = f
					}
				}
				content = flat
			}
			dest := filepath.Join(b.TempDir(), "public")
			// The default theme: its navigation is what grew with the site.
			bl, err := New(Config{Content: content, Theme: kettudocs.Theme(), Dest: dest, Codes: reg})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var res *Result
			for b.Loop() {
				if res, err = bl.Build(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(tt.n), "µs/page")
			var sizes []int
			for _, name := range res.Written {
				if strings.HasSuffix(name, "/index.html") {
					st, err := os.Stat(filepath.Join(dest, name))
					if err != nil {
						b.Fatal(err)
					}
					sizes = append(sizes, int(st.Size()))
				}
			}
			slices.Sort(sizes)
			b.ReportMetric(float64(sizes[len(sizes)/2]), "B/medianpage")
			b.ReportMetric(float64(sizes[len(sizes)-1]), "B/maxpage")
		})
	}
}

// big adds sites of 100,000 pages to the benchmarks that take sizes: a
// few GB of memory and a minute to set up, so not by default.
var big = flag.Bool("big", false, "benchmark sites of 100,000 pages too")

// BenchmarkLiveUpdate measures what serve does after a save, at 1,000 and
// 10,000 pages (and 100,000 with -big): the update of the site in memory after an edit of one
// page's body, title or headings, and rendering the edited page (what its reload
// asks for). Target (issue 8): edit to the page's new DOM in under 100 ms
// at 10,000 pages, so update and render must cost a small part of that
// and must not grow with the site; bench/serve measures the whole way in
// Chromium, beside hugo server.
func BenchmarkLiveUpdate(b *testing.B) {
	sizes := []int{1000, 10000}
	if *big {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		content, reg := benchSite(n)
		// The preview reads sources in the background after its first
		// load (fillExtracts): edits go through a lock, as a file
		// system's writes and reads of one file do not race.
		fsys := &lockedFS{m: content}
		bl, err := New(Config{Content: fsys, Theme: kettudocs.Theme(), Codes: reg})
		if err != nil {
			b.Fatal(err)
		}
		l, err := bl.Live(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		// Measured once the background extraction is done, which takes a
		// processor meanwhile (tens of seconds at 100,000 pages): a
		// writer's edits then, not the first seconds after serve starts.
		<-l.filled
		runtime.GC() // of the load's garbage, which the first edits would pay for
		const name = "s10/p200.md"
		orig := content[name].Data
		for _, edit := range []struct {
			kind string
			make func(i int) []byte
		}{
			{"body", func(i int) []byte { return fmt.Appendf(bytes.Clone(orig), "\nMore text %d.\n", i) }},
			{"title", func(i int) []byte {
				return bytes.Replace(orig, []byte("title: Page 200"), fmt.Appendf(nil, "title: Page 200 renamed %d", i), 1)
			}},
			// A new heading id: the links to the page's headings are
			// checked again, and only those.
			{"heading", func(i int) []byte { return fmt.Appendf(bytes.Clone(orig), "\n## New heading %d\n\nText.\n", i) }},
		} {
			b.Run(fmt.Sprintf("pages=%d/%s", n, edit.kind), func(b *testing.B) {
				i := 0
				for b.Loop() {
					i++
					fsys.set(name, edit.make(i))
					next, err := l.Update(context.Background(), nil, []string{name})
					if err != nil {
						b.Fatal(err)
					}
					if len(next.Problems()) > 0 {
						b.Fatal(next.Problems())
					}
					if _, err := next.Open("s10/p200/index.html"); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		fsys.set(name, orig)
	}
}

// lockedFS is a MapFS whose files can be written while it is read.
type lockedFS struct {
	mu sync.RWMutex
	m  fstest.MapFS
}

func (f *lockedFS) Open(name string) (fs.File, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	file, err := f.m.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err == nil && !st.IsDir() {
		// Read now, under the lock: MapFS files read the map's data.
		data, err := io.ReadAll(file)
		file.Close()
		if err != nil {
			return nil, err
		}
		return fstest.MapFS{name: &fstest.MapFile{Data: data, Mode: st.Mode(), ModTime: st.ModTime()}}.Open(name)
	}
	return file, nil
}

func (f *lockedFS) set(name string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[name] = &fstest.MapFile{Data: data}
}

// BenchmarkRebuild rebuilds a site of 8,000 pages on disk, with the build
// cache, into the output of the build before: with nothing changed, and
// after one page's body changed. Target (issue 23): nothing changed
// ≤ 10 % of a cold build, one page ≤ 15 % (bench/compare measures the
// same on the shared corpus, beside Hugo).
func BenchmarkRebuild(b *testing.B) {
	content, reg := benchSite(8000)
	src := b.TempDir()
	for name, f := range content {
		full := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	// Older than the cache's grain, as files written before a build are.
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			os.Chtimes(p, old, old)
		}
		return err
	})
	dest, cache := filepath.Join(b.TempDir(), "public"), b.TempDir()
	bl, err := New(Config{Content: os.DirFS(src), Theme: kettudocs.Theme(), Dest: dest, Codes: reg, Cache: cache})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	edited := filepath.Join(src, "s00", "p001.md")
	body, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	// A cold build of the same site, for the ratios: into a new folder,
	// with an empty cache.
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			cold, err := New(Config{Content: os.DirFS(src), Theme: kettudocs.Theme(), Dest: filepath.Join(b.TempDir(), "public"), Codes: reg, Cache: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := cold.Build(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, tt := range []struct {
		name string
		edit bool
	}{{"unchanged", false}, {"one-body", true}} {
		b.Run(tt.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if tt.edit {
					i++
					if err := os.WriteFile(edited, append(body, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644); err != nil {
						b.Fatal(err)
					}
					t := old.Add(time.Duration(i) * time.Second)
					os.Chtimes(edited, t, t)
				}
				if _, err := bl.Build(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
