package builder

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cespare/xxhash/v2"

	kettudocs "github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/internal/testfs"
)

// cacheBuild builds cfg and returns its problems (warnings too), the
// output folder's files but the manifest, and the result.
func cacheBuild(t *testing.T, cfg Config) (string, map[string][]byte, *Result) {
	t.Helper()
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	var problems diag.List
	if err != nil && !errors.As(err, &problems) {
		t.Fatalf("build into %s: %v", cfg.Dest, err)
	}
	if err == nil {
		problems = res.Warnings
	}
	if err != nil {
		return fmt.Sprint(problems), nil, nil // the output is as it was
	}
	files := readTree(t, cfg.Dest)
	delete(files, output.ManifestName)
	return fmt.Sprint(problems), files, res
}

// diffTrees describes how got differs from want, or "" when not at all.
func diffTrees(got, want map[string][]byte) string {
	var d []string
	for name, data := range want {
		if g, ok := got[name]; !ok {
			d = append(d, "missing "+name)
		} else if !bytes.Equal(g, data) {
			d = append(d, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			d = append(d, "extra "+name)
		}
	}
	slices.Sort(d)
	if len(d) > 8 {
		d = append(d[:8], fmt.Sprintf("and %d more", len(d)-8))
	}
	return strings.Join(d, "\n")
}

// TestCacheMatchesBuild applies random sequences of edits to a site on
// disk, as TestLiveMatchesBuild does, and after each builds it twice:
// with a build cache and an output folder both kept from step to step,
// and without either. Both must report the same problems and, without
// errors, write the same files, byte for byte. Now and then the cache is
// damaged between steps (a blob or a records file changed, the index cut
// short or replaced): the build must notice, say so, and still match.
func TestCacheMatchesBuild(t *testing.T) {
	steps := 25
	if testing.Short() {
		steps = 10
	}
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := &liveSite{t: t, dir: t.TempDir(), rnd: rand.New(rand.NewPCG(seed, 11))}
			s.write("_index.md", "---\ntitle: Home\ntags: [a, b]\ndate: 2024-01-02\nextra: {x: 1, y: [2, 3]}\n---\n\nWelcome to the [guide](guide/).\n")
			for i := range 12 {
				dir := []string{"guide", "reference", "reference/errors"}[i%3]
				if i < 3 {
					s.write(dir+"/_index.md", s.page("Section "+dir, i))
				}
				s.write(fmt.Sprintf("%s/p%d.md", dir, i), s.page(s.words(2), i%4))
			}
			for i := range 27 {
				s.write(fmt.Sprintf("many/m%02d.md", i), fmt.Sprintf("# Many %d\n\n%s.\n", i, s.words(4)))
			}
			cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
			cfg := Config{Content: os.DirFS(s.dir), Theme: kettudocs.Theme(), BaseURL: "https://example.com/docs/", Codes: liveCodes()}
			fromCache := 0
			for step := range steps + 1 {
				what := "start"
				if step > 0 {
					if s.rnd.IntN(5) == 0 {
						what = damageCache(t, cache, s.rnd) + "; "
					} else {
						what = ""
					}
					var did string
					if probs := s.problems(cfg); len(probs) > 0 && s.rnd.IntN(3) > 0 {
						did, _ = s.fix(probs[s.rnd.IntN(len(probs))])
					} else {
						did, _ = s.edit()
					}
					what += did
				}
				cached, fresh := cfg, cfg
				cached.Cache, cached.Dest = cache, dest
				fresh.Dest = filepath.Join(t.TempDir(), "public")
				gotProbs, got, res := cacheBuild(t, cached)
				wantProbs, want, _ := cacheBuild(t, fresh)
				if gotProbs != wantProbs {
					t.Fatalf("step %d, %s: with the cache, problems\n%s\nwithout:\n%s", step, what, gotProbs, wantProbs)
				}
				if d := diffTrees(got, want); d != "" {
					t.Fatalf("step %d, %s: with the cache, the output differs:\n%s", step, what, d)
				}
				if res != nil {
					fromCache += res.Cached
					if strings.Contains(what, "damaged") && res.CacheWarning == nil && !strings.Contains(what, "unread") {
						t.Errorf("step %d, %s: no warning of the damaged cache", step, what)
					}
				}
			}
			if fromCache == 0 {
				t.Error("no page ever came from the cache")
			}
		})
	}
}

// problems returns the problems of a build of the site, for fix.
func (s *liveSite) problems(cfg Config) diag.List {
	s.t.Helper()
	b, err := New(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	probs, err := b.Check(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return slices.DeleteFunc(probs, func(p diag.Problem) bool { return p.Severity == diag.Warning })
}

// damageCache changes the cache in dir at random, and says how.
func damageCache(t *testing.T, dir string, rnd *rand.Rand) string {
	t.Helper()
	index := filepath.Join(dir, "index")
	data, err := os.ReadFile(index)
	if err != nil {
		return "no cache to damage"
	}
	switch rnd.IntN(5) {
	case 0:
		os.WriteFile(index, data[:rnd.IntN(len(data))], 0o644)
		return "index damaged: cut short"
	case 1:
		data[len(data)-1-rnd.IntN(len(data)/2)] ^= 0x55
		os.WriteFile(index, data, 0o644)
		return "index damaged: a byte changed"
	case 2:
		os.WriteFile(index, []byte("not a cache at all"), 0o644)
		return "index damaged: replaced"
	case 3:
		if !flipByte(dir, "records-*", rnd) {
			return "no records to damage"
		}
		return "records damaged: a byte changed"
	default:
		if !flipByte(dir, "blobs-*", rnd) {
			return "no blobs to damage"
		}
		// Maybe in a blob no build reads again: the warning comes only
		// when one is read.
		return "blob damaged (maybe unread)"
	}
}

// flipByte changes a byte of one of the files of dir that match pattern,
// at random; false when there is none to change.
func flipByte(dir, pattern string, rnd *rand.Rand) bool {
	names, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(names) == 0 {
		return false
	}
	name := names[rnd.IntN(len(names))]
	b, err := os.ReadFile(name)
	if err != nil || len(b) == 0 {
		return false
	}
	b[rnd.IntN(len(b))] ^= 0x55
	return os.WriteFile(name, b, 0o644) == nil
}

// openCounter is a file system that counts the files read whole from
// it, as the build reads pages and the files it copies.
type openCounter struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *openCounter) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return fs.ReadFile(c.FS, name)
}

func (c *openCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// TestCacheStamps: a build with the cache reads no file whose size and
// time are those it had when the last build read it, at least a second
// after it last changed; a file changed since, even to bytes of the same
// size, is read again, and the output follows it.
func TestCacheStamps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]string{
		"_index.md": "# Home\n\nSee [a](a.md) and the ![logo](logo.png).\n",
		"a.md":      "# A\n\nAlpha.\n",
		"logo.png":  "PNG1",
	}
	for name, data := range files {
		testfs.Write(t, filepath.Join(dir, name), data)
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	content := &openCounter{FS: os.DirFS(dir), opened: map[string]int{}}
	cfg := Config{Content: content, Theme: kettudocs.Theme(), Cache: t.TempDir(), Dest: filepath.Join(t.TempDir(), "public")}
	build := func() *Result {
		t.Helper()
		clear(content.opened)
		_, _, res := cacheBuild(t, cfg)
		if res == nil {
			t.Fatal("build failed")
		}
		return res
	}
	build()
	if res := build(); res.Cached != 2 || len(content.opened) != 0 {
		t.Errorf("second build: %d pages from the cache, opened %v; want 2 and none", res.Cached, content.opened)
	}
	// Same sizes, new bytes, new times.
	testfs.Write(t, filepath.Join(dir, "a.md"), "# A\n\nOmega.\n")
	testfs.Write(t, filepath.Join(dir, "logo.png"), "PNG2")
	if res := build(); res.Cached != 1 || content.opened["a.md"] != 1 || content.opened["logo.png"] != 1 {
		t.Errorf("after an edit: %d pages from the cache, opened %v; want 1, and a.md and logo.png once", res.Cached, content.opened)
	}
	for name, want := range map[string]string{"a/index.html": "Omega", "logo.png": "PNG2"} {
		data, err := os.ReadFile(filepath.Join(cfg.Dest, name))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s does not hold %q after the edit: %v", name, want, err)
		}
	}
}

// cachedSite writes a site of n pages, p0.md and on, into a folder of
// its own, and returns the folder and a Config that builds it with a
// cache of its own.
func cachedSite(t *testing.T, n int) (string, Config) {
	dir := t.TempDir()
	for i := range n {
		testfs.Write(t, filepath.Join(dir, fmt.Sprintf("p%d.md", i)), fmt.Sprintf("# Page %d\n\nWords %d.\n", i, i))
	}
	return dir, Config{Content: os.DirFS(dir), Theme: kettudocs.Theme(), Cache: t.TempDir(), Dest: filepath.Join(t.TempDir(), "public")}
}

// buildAsFresh builds cfg with its cache, in step of a test, and fails t
// when the build fails or warns of its cache, or writes other output than
// a build without the cache.
func buildAsFresh(t *testing.T, cfg Config, step int) {
	t.Helper()
	_, got, res := cacheBuild(t, cfg)
	if res == nil || res.CacheWarning != nil {
		t.Fatalf("step %d: the build failed, or warns of its cache: %v", step, res)
	}
	fresh := cfg
	fresh.Cache, fresh.Dest = "", filepath.Join(t.TempDir(), "public")
	if _, want, _ := cacheBuild(t, fresh); diffTrees(got, want) != "" {
		t.Fatalf("step %d: with the cache, the output differs:\n%s", step, diffTrees(got, want))
	}
}

// TestCacheFolder: the build's scratch file becomes its blobs file in the
// cache folder, so after each build the folder holds the index, records,
// blobs and search state only, never a file left half made; a failed
// build leaves it as it was; and after many builds a compaction keeps it
// to maxBlobFiles blobs files, with output as a build without the cache.
func TestCacheFolder(t *testing.T) {
	dir, cfg := cachedSite(t, 5)
	listing := func() []string {
		entries, err := os.ReadDir(cfg.Cache)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	check := func(step string) []string {
		t.Helper()
		names := listing()
		blobs := 0
		for _, n := range names {
			switch {
			case n == "index", strings.HasPrefix(n, "records-"), strings.HasPrefix(n, "search-"):
			case strings.HasPrefix(n, "blobs-") && !strings.HasSuffix(n, ".tmp"):
				blobs++
			default:
				t.Errorf("%s: the cache folder holds %s", step, n)
			}
		}
		if blobs == 0 || blobs > maxBlobFiles {
			t.Errorf("%s: %d blobs files", step, blobs)
		}
		return names
	}
	first, blobs, compacted := "", 0, false // the first build's blobs file, how many there are
	for step := range 2 * maxBlobFiles {
		testfs.Write(t, filepath.Join(dir, fmt.Sprintf("p%d.md", step%5)), fmt.Sprintf("# Page %d\n\nWords of step %d.\n", step%5, step))
		buildAsFresh(t, cfg, step)
		names := check(fmt.Sprint("step ", step))
		n := 0
		for _, name := range names {
			if strings.HasPrefix(name, "blobs-") {
				first, n = cmp.Or(first, name), n+1
			}
		}
		if n < blobs && !compacted {
			// Every page was built again since the first build: the
			// first compaction dropped its blobs file, all out of use,
			// rather than keeping it as the biggest.
			compacted = true
			if slices.Contains(names, first) {
				t.Errorf("step %d: the first build's blobs file %s, out of use, is still there", step, first)
			}
		}
		blobs = n
	}
	if !compacted {
		t.Error("no compaction")
	}
	before := check("before a failed build")
	testfs.Write(t, filepath.Join(dir, "p0.md"), "# Page 0\n\nA [broken](nowhere.md) link.\n")
	if probs, _, res := cacheBuild(t, cfg); res != nil || !strings.Contains(probs, "nowhere") {
		t.Fatalf("a broken link: built anyway (%s)", probs)
	}
	if after := listing(); !slices.Equal(before, after) {
		t.Errorf("a failed build changed the cache folder:\n%v\nto\n%v", before, after)
	}
}

// TestCacheKeyFollowsTheme: the cache's key changes with every file of
// the theme's layouts and static folders, the site's over the default
// theme's, and with nothing else of the theme folder.
func TestCacheKeyFollowsTheme(t *testing.T) {
	key := func(site fs.FS) [32]byte {
		t.Helper()
		b, err := New(Config{Content: fstest.MapFS{"a.md": {Data: []byte("# A\n")}}, Theme: sitefs.Overlay(site, kettudocs.Theme())})
		if err != nil {
			t.Fatal(err)
		}
		k, err := b.cacheKey()
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := fstest.MapFS{
		"static/site.css":    {Data: []byte("body { color: red }")},
		"static/logo.svg":    {Data: []byte("<svg/>")},
		"layouts/extra.html": {Data: []byte(`{{define "extra"}}x{{end}}`)},
		"public/index.html":  {Data: []byte("output")},
	}
	with := func(name, data string) fstest.MapFS {
		m := maps.Clone(base)
		if data == "" {
			delete(m, name)
		} else {
			m[name] = &fstest.MapFile{Data: []byte(data)}
		}
		return m
	}
	k0 := key(base)
	if key(maps.Clone(base)) != k0 {
		t.Fatal("the same theme, another key")
	}
	if key(with("public/index.html", "other output")) != k0 {
		t.Error("a file outside layouts/ and static/ changed the key")
	}
	for _, tt := range []struct{ name, data string }{
		{"static/site.css", "body { color: blue }"},
		{"static/logo.svg", "<svg></svg>"},
		{"static/logo.svg", ""},
		{"static/new.txt", "new"},
		{"static/theme.css", "replaces the default theme's"},
		{"layouts/extra.html", `{{define "extra"}}y{{end}}`},
		{"layouts/page.html", `{{.Content}}`},
	} {
		if key(with(tt.name, tt.data)) == k0 {
			t.Errorf("%s changed to %q: the same key", tt.name, tt.data)
		}
	}
}

// TestCacheCollisions: a rebuild with the cache finds the output files
// that collide as a build without it does, though the check is skipped
// when the output's files are the last build's.
func TestCacheCollisions(t *testing.T) {
	dir := t.TempDir()
	testfs.Put(t, dir, map[string]string{"_index.md": "# Home\n", "guide/a.md": "# A\n", "guide/b.md": "# B\n"})
	cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	cfg := Config{Content: os.DirFS(dir), Theme: testTheme, Cache: cache, Dest: dest}
	for i, step := range []struct {
		put  map[string]string
		want string // in the problems; "" for none
	}{
		{nil, ""},
		{nil, ""}, // the same files: the check skipped
		{map[string]string{"guide/A.md": "# A again\n"}, "guide/A.md"},
		{map[string]string{"guide/b/index.html": "<p>mine</p>"}, "guide/b/index.html"},
	} {
		testfs.Put(t, dir, step.put)
		probs, _, _ := cacheBuild(t, cfg)
		if step.want == "" && probs != "" || step.want != "" && !strings.Contains(probs, step.want) {
			t.Fatalf("build %d: problems %s, want %q", i, probs, step.want)
		}
		if step.want != "" {
			os.Remove(filepath.Join(dir, filepath.FromSlash(slices.Collect(maps.Keys(step.put))[0])))
		}
	}
}

// TestGoBuildID: the build ID goBuildID finds in an executable is the one
// the go command reports; a file that is no Go executable has none.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if id == "" {
		t.Fatalf("no build ID found in %s", exe)
	}
	if out, err := exec.Command("go", "tool", "buildid", exe).Output(); err == nil {
		if want := strings.TrimSpace(string(out)); id != want {
			t.Errorf("goBuildID = %q, go tool buildid says %q", id, want)
		}
	} else {
		t.Logf("go tool buildid: %v; only checked that there is an ID", err)
	}
	other := filepath.Join(t.TempDir(), "not-go")
	if err := os.WriteFile(other, []byte("#!/bin/sh\necho \xff Go build ID: \"x\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if id := goBuildID(other); id != "" {
		t.Errorf("a script: build ID %q, want none", id)
	}
}

// TestCacheOtherFormat: a cache an older or newer kettudocs wrote is
// started afresh without a warning, as after any upgrade; a file that is
// no cache at all, or this version's cut short, is warned of.
func TestCacheOtherFormat(t *testing.T) {
	for _, tt := range []struct {
		index string
		warn  bool
	}{
		{"kettudocs build cache 4\n" + strings.Repeat("x", 100), false},
		{"kettudocs build cache 99\n" + strings.Repeat("x", 100), false},
		{cacheFormat + "short", true},
		{"something else\n" + strings.Repeat("x", 100), true},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "index"), []byte(tt.index), 0o644); err != nil {
			t.Fatal(err)
		}
		c := openCache(dir, [32]byte{1})
		if (c.ignored != nil) != tt.warn {
			t.Errorf("index %.30q: ignored = %v, want a warning: %v", tt.index, c.ignored, tt.warn)
		}
	}
}

// TestWriteNamed: a cache file is named by the hash of what was written,
// left as it is when the last build's has that name, and a write that
// fails leaves no file at all; readNamed reads back only the bytes the
// name is the hash of.
func TestWriteNamed(t *testing.T) {
	c := &cache{dir: t.TempDir()}
	data := bytes.Repeat([]byte("kettu "), 100_000) // more than the write buffer
	writeData := func(w io.Writer) error { _, err := w.Write(data); return err }
	name, err := c.writeNamed("search-", nil, writeData)
	if err != nil || name != "search-"+cacheSum(xxhash.Sum64(data)) {
		t.Fatalf("writeNamed = %q, %v", name, err)
	}
	if got, err := c.readNamed("search-", name); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("readNamed = %d bytes, %v; want the %d written", len(got), err, len(data))
	}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(filepath.Join(c.dir, name), old, old); err != nil {
		t.Fatal(err)
	}
	if again, err := c.writeNamed("search-", []string{name}, writeData); err != nil || again != name {
		t.Fatalf("writeNamed again = %q, %v; want %q", again, err, name)
	}
	if st, err := os.Stat(filepath.Join(c.dir, name)); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("the last build's file was written again (%v)", err)
	}
	broken := errors.New("disk full")
	if _, err := c.writeNamed("records-", nil, func(w io.Writer) error {
		w.Write(data[:1000])
		return broken
	}); !errors.Is(err, broken) {
		t.Errorf("writeNamed of a failing write = %v, want %v", err, broken)
	}
	if entries, _ := os.ReadDir(c.dir); len(entries) != 1 {
		t.Errorf("cache folder holds %d files, want the one written: %v", len(entries), entries)
	}
	other := "search-" + cacheSum(xxhash.Sum64(data[1:]))
	if err := os.Rename(filepath.Join(c.dir, name), filepath.Join(c.dir, other)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.readNamed("search-", other); err == nil {
		t.Error("readNamed took a file whose bytes do not have the hash in its name")
	}
}

// TestCacheCompactionKeepsBase: once a cache has too many blobs files, a
// compaction copies the blobs of the small ones and leaves the first
// build's, most of which is still in use, as it is; output stays that of
// a build without the cache. (TestCacheFolder covers a compaction of a
// first build's file that is mostly out of use: all is copied.)
func TestCacheCompactionKeepsBase(t *testing.T) {
	dir, cfg := cachedSite(t, 20)
	blobs := func() []string {
		names, err := filepath.Glob(filepath.Join(cfg.Cache, "blobs-*"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	cacheBuild(t, cfg)
	first := blobs()
	if len(first) != 1 {
		t.Fatalf("a first build left %d blobs files", len(first))
	}
	st, err := os.Stat(first[0])
	if err != nil {
		t.Fatal(err)
	}
	compacted := false
	for step := range maxBlobFiles + 2 {
		testfs.Write(t, filepath.Join(dir, "p0.md"), fmt.Sprintf("# Page 0\n\nWords of step %d.\n", step))
		buildAsFresh(t, cfg, step)
		names := blobs()
		if len(names) > maxBlobFiles {
			t.Fatalf("step %d: %d blobs files", step, len(names))
		}
		compacted = compacted || len(names) == 2
		if again, err := os.Stat(first[0]); err != nil || !os.SameFile(st, again) || !again.ModTime().Equal(st.ModTime()) {
			t.Fatalf("step %d: the first build's blobs file was removed or rewritten (%v)", step, err)
		}
	}
	if !compacted {
		t.Error("no compaction")
	}
}

// TestCacheKeepsUnshownPages: with the cache, a page renamed is rendered
// again with the pages that show its title (its section's navigation
// around it, its neighbours in reading order, its section's listing),
// not every page, and the site is the one a build without the cache
// makes. A section of 30 pages: the section page's navigation shows the
// first 25, its listing all 30, so renaming the 29th changes the
// listing alone there.
func TestCacheKeepsUnshownPages(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":   md("---\ntitle: Home\n---\nWelcome.\n"),
		"a/_index.md": md("---\ntitle: A\nweight: 1\n---\nSection A.\n"),
		"b/_index.md": md("---\ntitle: B\nweight: 2\n---\nSection B.\n"),
	}
	page := func(title string, w int) *fstest.MapFile {
		return md(fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\nText of %s.\n", title, w, title))
	}
	for i := range 30 {
		content[fmt.Sprintf("a/p%02d.md", i)] = page(fmt.Sprintf("A%02d", i), i+1)
	}
	for i := range 10 {
		content[fmt.Sprintf("b/q%02d.md", i)] = page(fmt.Sprintf("B%02d", i), i+1)
	}
	cfg := Config{Content: content, Theme: kettudocs.Theme(), Cache: t.TempDir(), Dest: filepath.Join(t.TempDir(), "public")}
	if _, _, res := cacheBuild(t, cfg); res == nil || res.Rendered != 43 {
		t.Fatalf("first build: %+v, want 43 pages rendered", res)
	}
	content["a/p28.md"] = page("A28 renamed", 29)
	probs, got, res := cacheBuild(t, cfg)
	fresh := cfg
	fresh.Cache, fresh.Dest = "", filepath.Join(t.TempDir(), "public")
	wantProbs, want, _ := cacheBuild(t, fresh)
	if probs != wantProbs || diffTrees(got, want) != "" {
		t.Fatalf("with the cache: %s %s; without: %s", probs, diffTrees(got, want), wantProbs)
	}
	// p28 itself, p27 and p29 (previous and next), the pages of a/ whose
	// window of 25 shows p28 (p04 to p29), and a/ (its listing): at most
	// 27, none of b/ and not the home page.
	if res.Rendered < 4 || res.Rendered > 27 {
		t.Errorf("a rename rendered %d pages, want 4 to 27 of 43", res.Rendered)
	}
}
