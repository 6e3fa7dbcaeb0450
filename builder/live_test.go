package builder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/internal/testfs"
)

// liveSite is a site on disk that TestLiveMatchesBuild edits at random.
type liveSite struct {
	t   *testing.T
	dir string // the content folder
	rnd *rand.Rand
	n   int // pages made so far, for new names
}

var liveWords = strings.Fields("gateway heartbeat token resume shard guild member intent payload session close reconnect limit bucket")

func (s *liveSite) write(name, data string) {
	s.t.Helper()
	testfs.Write(s.t, filepath.Join(s.dir, filepath.FromSlash(name)), data)
}

func (s *liveSite) read(name string) string {
	s.t.Helper()
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

// files returns the site's files, sorted; Markdown files only if md.
func (s *liveSite) files(md bool) []string {
	var out []string
	filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (!md || path.Ext(p) == ".md") {
			rel, _ := filepath.Rel(s.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func (s *liveSite) pick(names []string) string { return names[s.rnd.IntN(len(names))] }

func (s *liveSite) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = liveWords[s.rnd.IntN(len(liveWords))]
	}
	return strings.Join(w, " ")
}

// page makes the Markdown of a page: front matter, headings, prose, a
// link to another page, and sometimes a code table bound to liveCodes.
func (s *liveSite) page(title string, weight int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nweight: %d\n---\n\n## %s\n\n%s.\n\n", title, weight, s.words(2), s.words(12))
	if s.rnd.IntN(3) == 0 {
		b.WriteString("<!-- codes: errors -->\n| code | meaning |\n| ---- | ------- |\n| 10001 | unknown account |\n| 10002 | unknown guild |\n| 10003 | unknown guild |\n\n")
	}
	fmt.Fprintf(&b, "## %s\n\n%s.\n", s.words(1), s.words(6))
	return b.String()
}

// fix undoes what the edits did to cause pr, and returns the names that
// changed.
func (s *liveSite) fix(pr diag.Problem) (string, []string) {
	f := pr.Pos.File
	switch {
	case strings.Contains(pr.Msg, "index.html"): // a collision
		var gone []string
		for _, name := range s.files(false) {
			if path.Ext(name) == ".html" {
				os.Remove(filepath.Join(s.dir, filepath.FromSlash(name)))
				gone = append(gone, name)
			}
		}
		return "fixed collisions", gone
	case path.Ext(f) != ".md", strings.Contains(pr.Msg, "also the URL"):
		os.Remove(filepath.Join(s.dir, filepath.FromSlash(f)))
		return "deleted " + f, []string{f}
	}
	var keep []string
	for _, line := range strings.Split(s.read(f), "\n") {
		if strings.HasPrefix(line, "| 10002 | ") {
			line = "| 10002 | unknown guild |"
		}
		if !strings.HasPrefix(line, "See [") {
			keep = append(keep, line)
		}
	}
	s.write(f, strings.Join(keep, "\n"))
	return "fixed " + f, []string{f}
}

// edit makes one random change and returns the names that changed, as a
// watcher reports them: sometimes the folder instead of the file.
func (s *liveSite) edit() (string, []string) {
	pages := s.files(true)
	all := s.files(false)
	p := s.pick(pages)
	src := s.read(p)
	switch op := s.rnd.IntN(18); op {
	case 0: // a body, sometimes with HTML the build removes, with a warning
		body := s.words(5) + "."
		if s.rnd.IntN(3) == 0 {
			body += ` <img src="x.png" onerror="alert(1)">`
		}
		s.write(p, src+"\n"+body+"\n")
		return "body of " + p, []string{p}
	case 1: // a title
		s.write(p, replaceLine(src, "title: ", "title: "+s.words(2)))
		return "title of " + p, []string{p}
	case 2: // a weight
		s.write(p, replaceLine(src, "weight: ", fmt.Sprintf("weight: %d", s.rnd.IntN(5))))
		return "weight of " + p, []string{p}
	case 3: // a new page, maybe in a new folder
		s.n++
		dir := path.Dir(s.pick(pages))
		if s.rnd.IntN(4) == 0 {
			dir = path.Join(dir, fmt.Sprintf("new%d", s.n))
		}
		name := strings.TrimPrefix(path.Join(dir, fmt.Sprintf("page%d.md", s.n)), "./")
		s.write(name, s.page(s.words(2), s.rnd.IntN(5)))
		if s.rnd.IntN(2) == 0 {
			return "new page " + name, []string{path.Dir(name)}
		}
		return "new page " + name, []string{name}
	case 4: // a page deleted
		if len(pages) < 4 {
			return "nothing", nil
		}
		os.Remove(filepath.Join(s.dir, filepath.FromSlash(p)))
		if s.rnd.IntN(2) == 0 { // as a watcher may report it: its folder changed
			return "deleted " + p + ", reported as its folder", []string{path.Dir(p)}
		}
		return "deleted " + p, []string{p}
	case 5: // a page renamed
		s.n++
		to := path.Join(path.Dir(p), fmt.Sprintf("moved%d.md", s.n))
		os.Remove(filepath.Join(s.dir, filepath.FromSlash(p)))
		s.write(to, src)
		return "renamed " + p + " to " + to, []string{p, to}
	case 6: // a link, good or broken, with or without a heading
		to := s.pick(all)
		if s.rnd.IntN(4) == 0 {
			to = s.pick([]string{"missing.md", "gone/", "many/"})
		}
		rel := relPath(p, to)
		if s.rnd.IntN(3) == 0 {
			rel += "#" + strings.ReplaceAll(s.words(1), " ", "-")
		}
		s.write(p, src+"\nSee [there]("+rel+").\n")
		return "link " + rel + " on " + p, []string{p}
	case 7: // broken links fixed: every link on the page goes
		var keep []string
		for _, line := range strings.Split(src, "\n") {
			if !strings.HasPrefix(line, "See [") {
				keep = append(keep, line)
			}
		}
		s.write(p, strings.Join(keep, "\n"))
		return "links removed from " + p, []string{p}
	case 8: // a code row drifts
		s.write(p, strings.Replace(src, "| 10002 | unknown guild |", "| 10002 | unknown "+s.words(1)+" |", 1))
		return "code row on " + p, []string{p}
	case 9: // a draft, or not
		if strings.Contains(src, "draft: true\n") {
			src = strings.Replace(src, "draft: true\n", "", 1)
		} else {
			src = strings.Replace(src, "---\n", "---\ndraft: true\n", 1)
		}
		s.write(p, src)
		return "draft toggled on " + p, []string{p}
	case 10: // a file other than a page comes or goes
		img := path.Join(path.Dir(p), "img.png")
		if slices.Contains(all, img) {
			os.Remove(filepath.Join(s.dir, filepath.FromSlash(img)))
			return "deleted " + img, []string{img}
		}
		s.write(img, "PNG"+s.words(1))
		return "new " + img, []string{img}
	case 11: // a folder goes
		dir := path.Dir(p)
		if dir == "." || len(pages) < 8 {
			return "nothing", nil
		}
		os.RemoveAll(filepath.Join(s.dir, filepath.FromSlash(dir)))
		return "deleted folder " + dir, []string{dir}
	case 12: // an index page comes or goes
		idx := path.Join(path.Dir(p), "_index.md")
		if slices.Contains(pages, idx) {
			os.Remove(filepath.Join(s.dir, filepath.FromSlash(idx)))
			return "deleted " + idx, []string{idx}
		}
		s.write(idx, s.page("Section "+s.words(1), 0))
		return "new " + idx, []string{idx}
	case 14: // a folder renamed, or moved into another, at any depth
		dir := path.Dir(p)
		if dir == "." {
			return "nothing", nil
		}
		s.n++
		to := path.Join(path.Dir(dir), fmt.Sprintf("renamed%d", s.n))
		if s.rnd.IntN(2) == 0 {
			if into := path.Dir(s.pick(pages)); into != dir && !strings.HasPrefix(into, dir+"/") {
				to = path.Join(into, fmt.Sprintf("moved%d", s.n))
			}
		}
		os.MkdirAll(filepath.Join(s.dir, filepath.FromSlash(path.Dir(to))), 0o755)
		if err := os.Rename(filepath.Join(s.dir, filepath.FromSlash(dir)), filepath.Join(s.dir, filepath.FromSlash(to))); err != nil {
			s.t.Fatal(err)
		}
		return "folder " + dir + " moved to " + to, []string{dir, to}
	case 15: // an editor's backup or autosave file, which no site has
		name := s.pick([]string{p + "~", path.Join(path.Dir(p), "#"+path.Base(p)+"#"), path.Join(path.Dir(p), "."+path.Base(p)+".swp")})
		s.write(name, src)
		return "backup " + name, []string{name}
	case 16: // a page named in NFD or NFC, maybe beside the other spelling
		s.n++
		name := path.Join(path.Dir(p), fmt.Sprintf(s.pick([]string{"cafe\u0301%d.md", "caf\u00e9%d.md"}), s.n%3))
		s.write(name, s.page("Caf\u00e9 "+s.words(1), 0))
		return "NFD page " + name, []string{name}
	case 17: // a folder's order list, sometimes naming what is not there
		dir := path.Dir(p)
		idx := path.Join(dir, "_index.md")
		if dir == "." {
			idx = "_index.md"
		}
		if !slices.Contains(pages, idx) {
			return "nothing", nil
		}
		var names []string
		for _, f := range pages {
			if path.Dir(f) == dir && path.Base(f) != "_index.md" && s.rnd.IntN(2) == 0 {
				names = append(names, path.Base(f))
			}
		}
		s.rnd.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		if s.rnd.IntN(4) == 0 {
			names = append(names, "nope.md")
		}
		list := "order: [" + strings.Join(names, ", ") + "]"
		src := s.read(idx)
		if strings.Contains(src, "\norder: ") {
			src = replaceLine(src, "order: ", list)
		} else if strings.HasPrefix(src, "---\n") {
			src = "---\n" + list + "\n" + strings.TrimPrefix(src, "---\n")
		} else {
			src = "---\n" + list + "\n---\n" + src
		}
		s.write(idx, src)
		return "order of " + idx + ": " + list, []string{idx}
	default: // a file that collides with a page, or the collision fixed
		clash := strings.TrimSuffix(p, ".md") + "/index.html"
		if strings.HasSuffix(p, "_index.md") {
			clash = path.Join(path.Dir(p), "index.html")
		}
		if slices.Contains(all, clash) {
			os.Remove(filepath.Join(s.dir, filepath.FromSlash(clash)))
			return "deleted " + clash, []string{clash}
		}
		s.write(clash, "<p>mine</p>")
		return "new " + clash, []string{clash}
	}
}

func replaceLine(src, prefix, line string) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			break
		}
	}
	return strings.Join(lines, "\n")
}

// relPath returns the link from page from to the file to.
func relPath(from, to string) string {
	up := strings.Count(path.Dir(from), "/")
	if path.Dir(from) != "." {
		up++
	}
	return strings.Repeat("../", up) + to
}

func liveCodes() *drift.Registry {
	return &drift.Registry{Groups: []drift.Group{{
		Name: "errors", Title: "error codes", Anchor: "err", Columns: []string{"meaning"},
		Entries: []drift.Entry{
			{Code: "10001", Fields: map[string]string{"meaning": "unknown account"}},
			{Code: "10002", Fields: map[string]string{"meaning": "unknown guild"}},
			{Code: "10003", Fields: map[string]string{"meaning": "unknown guild"}},
		},
	}}}
}

// TestLiveMatchesBuild applies random sequences of edits to a site on disk
// — bodies, titles, weights, pages new, deleted and renamed, links broken
// and fixed, code rows drifted and fixed, drafts, files, folders, index
// pages, collisions — and after each checks that the updated Live has
// exactly the problems a full build reports or, when there are none,
// serves exactly the files a full build writes, byte for byte.
func TestLiveMatchesBuild(t *testing.T) {
	steps := 25
	if testing.Short() {
		steps = 10
	}
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := &liveSite{t: t, dir: t.TempDir(), rnd: rand.New(rand.NewPCG(seed, 7))}
			s.write("_index.md", "# Home\n\nWelcome to the [guide](guide/).\n")
			for i := range 12 {
				dir := []string{"guide", "reference", "reference/errors"}[i%3]
				if i < 3 {
					s.write(dir+"/_index.md", s.page("Section "+dir, i))
				}
				s.write(fmt.Sprintf("%s/p%d.md", dir, i), s.page(s.words(2), i%4))
			}
			// Enough pages in one folder for the navigation to cut the
			// list and the section to have listing pages.
			for i := range 27 {
				s.write(fmt.Sprintf("many/m%02d.md", i), fmt.Sprintf("# Many %d\n\n%s.\n", i, s.words(4)))
			}
			ctx := context.Background()
			// One output folder for all steps, as a writer's public/ is
			// built again and again.
			cfg := Config{Content: os.DirFS(s.dir), Theme: kettudocs.Theme(), BaseURL: "https://example.com/docs/", Codes: liveCodes(),
				Dest: filepath.Join(t.TempDir(), "public"), Made: madeRows}
			l := startLive(t, cfg)
			var err error
			compareLive(t, "start", l, cfg)
			for step := range steps {
				var what string
				var changed []string
				if probs := l.Problems(); len(probs) > 0 && s.rnd.IntN(3) > 0 {
					what, changed = s.fix(probs[s.rnd.IntN(len(probs))])
				} else {
					what, changed = s.edit()
				}
				if l, err = l.Update(ctx, nil, changed); err != nil {
					t.Fatalf("step %d, %s: %v", step, what, err)
				}
				if !compareLive(t, fmt.Sprintf("step %d, %s", step, what), l, cfg) {
					return
				}
			}
		})
	}
}

// startLive loads the site of cfg into memory, as serve does at start.
func startLive(t *testing.T, cfg Config) *Live {
	t.Helper()
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Live(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// compareLive reports whether l matches a full build of cfg.
func compareLive(t *testing.T, step string, l *Live, cfg Config) bool {
	t.Helper()
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	var want diag.List
	if err != nil && !errors.As(err, &want) {
		t.Fatalf("%s: build: %v", step, err)
	}
	if err == nil {
		want = res.Warnings
	}
	if got := l.Problems(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: live problems:\n%v\nbuild problems:\n%v", step, got, want)
		return false
	}
	if err != nil {
		t.Logf("%s: %d problems", step, len(want))
		return true
	}
	t.Logf("%s: %d files, %d warnings", step, len(res.Written), len(res.Warnings))
	if got := l.Files(); !slices.Equal(got, res.Written) {
		t.Errorf("%s: live files:\n%s\nbuild wrote:\n%s", step, strings.Join(got, "\n"), strings.Join(res.Written, "\n"))
		return false
	}
	ok := true
	for _, name := range res.Written {
		want, err := os.ReadFile(filepath.Join(cfg.Dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Open(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs (err %v):\nlive:\n%s\nbuild:\n%s", step, name, err, got, want)
			ok = false
		}
	}
	return ok
}

// TestLiveNewRegistry updates a Live with a builder that checks against
// another registry, as serve does after an edit of the codes spec: every
// page is checked again, as a full build would.
func TestLiveNewRegistry(t *testing.T) {
	dir := t.TempDir()
	s := &liveSite{t: t, dir: dir}
	s.write("_index.md", "# Home\n")
	s.write("errors.md", "# Errors\n\n<!-- codes: errors -->\n| code | meaning |\n| ---- | ------- |\n| 10001 | unknown account |\n| 10002 | unknown guild |\n| 10003 | unknown guild |\n")
	cfg := Config{Content: os.DirFS(dir), Theme: testTheme, Codes: liveCodes(), Dest: filepath.Join(t.TempDir(), "public")}
	l := startLive(t, cfg)
	if len(l.Problems()) > 0 {
		t.Fatal(l.Problems())
	}
	cfg.Codes = liveCodes()
	cfg.Codes.Groups[0].Entries[1].Fields["meaning"] = "unknown server"
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if l, err = l.Update(context.Background(), b, nil); err != nil {
		t.Fatal(err)
	}
	if !compareLive(t, "new registry", l, cfg) || len(l.Problems()) != 1 {
		t.Errorf("after the registry changed: %v", l.Problems())
	}
}

// TestLiveHeadingLinks changes the headings of a page that others link
// to by #fragment: the links to it, and only those, are checked again
// (site.anchored), as the links on it come and go.
func TestLiveHeadingLinks(t *testing.T) {
	s := &liveSite{t: t, dir: t.TempDir()}
	s.write("_index.md", "# Home\n")
	s.write("b.md", "# B\n\n## Setup\n\nText.\n")
	s.write("a.md", "# A\n\nSee [setup](b.md#setup).\n")
	s.write("c.md", "# C\n\nSee [b](b.md).\n")
	cfg := Config{Content: os.DirFS(s.dir), Theme: testTheme, Codes: liveCodes(), Dest: filepath.Join(t.TempDir(), "public")}
	l := startLive(t, cfg)
	for i, tt := range []struct {
		file, text string
		broken     []string // the files with a broken link to b.md#setup
	}{
		{"b.md", "# B\n\n## Install\n\nText.\n", []string{"a.md"}},
		{"b.md", "# B\n\n## Setup\n\nText.\n", nil},
		{"c.md", "# C\n\nSee [b](b.md) and [setup](b.md#setup).\n", nil},
		{"b.md", "# B\n\n## Install\n\nText.\n", []string{"a.md", "c.md"}},
		{"a.md", "# A\n\nNo links.\n", []string{"c.md"}},
		{"b.md", "# B\n\n## Setup\n\nText.\n", nil},
		{"c.md", "# C\n\nSee [b](b.md).\n", nil},
		{"b.md", "# B\n\n## Install\n\nText.\n", nil},
		{"a.md", "# A\n\nSee [setup](b.md#setup).\n", []string{"a.md"}},
	} {
		s.write(tt.file, tt.text)
		var err error
		if l, err = l.Update(context.Background(), nil, []string{tt.file}); err != nil {
			t.Fatal(err)
		}
		var broken []string
		for _, p := range l.Problems() {
			if strings.Contains(p.Msg, `has no heading or row with id "setup"`) {
				broken = append(broken, p.Pos.File)
			}
		}
		if !slices.Equal(broken, tt.broken) {
			t.Errorf("step %d (%s): broken links on %v, want %v", i, tt.file, broken, tt.broken)
		}
		if !compareLive(t, fmt.Sprint("step ", i), l, cfg) {
			return
		}
	}
}

// TestLiveFolderReported removes and adds files in a folder and reports
// only the folder, as a watcher may after a git checkout: files gone from
// it are gone from the site, new ones are in it.
func TestLiveFolderReported(t *testing.T) {
	s := &liveSite{t: t, dir: t.TempDir()}
	s.write("_index.md", "# Home\n\nSee [a](guide/a.md).\n")
	s.write("guide/a.md", "# A\n")
	s.write("guide/b.md", "# B\n")
	s.write("guide/img.png", "PNG")
	cfg := Config{Content: os.DirFS(s.dir), Theme: testTheme, Dest: filepath.Join(t.TempDir(), "public")}
	l := startLive(t, cfg)
	for _, f := range []string{"guide/b.md", "guide/img.png"} {
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	s.write("guide/c.md", "# C\n")
	l, err := l.Update(context.Background(), nil, []string{"guide"})
	if err != nil {
		t.Fatal(err)
	}
	if !compareLive(t, "folder reported", l, cfg) {
		return
	}
	if slices.Contains(l.Files(), "guide/b/index.html") || !slices.Contains(l.Files(), "guide/c/index.html") {
		t.Errorf("files after the change: %v", l.Files())
	}
}

// TestLiveSettingsChange: whichever setting of the site changes, the
// preview updated with the new Builder shows what a build with it makes,
// both ways: unsafe_html above all, which changes every page's HTML and
// which files are published.
func TestLiveSettingsChange(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":       md("# Home\n\nHi <span onclick=\"x()\">there</span>.\n\n![logo](logo.svg)\n"),
		"logo.svg":        md(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"draft.md":        md("---\ndraft: true\n---\n# Draft\n"),
		"guide/a.md":      md("# A\n\n<b>bold</b> <script>alert(1)</script>\n"),
		"guide/_index.md": md("# Guide\n"),
	}
	base := Config{Content: content, Theme: kettudocs.Theme(), Dest: filepath.Join(t.TempDir(), "public")}
	with := func(f func(*Config)) Config { c := base; f(&c); return c }
	for _, tt := range []struct {
		name     string
		from, to Config
	}{
		{"unsafe_html on", base, with(func(c *Config) { c.UnsafeHTML = true })},
		{"unsafe_html off", with(func(c *Config) { c.UnsafeHTML = true }), base},
		{"drafts", base, with(func(c *Config) { c.Drafts = true })},
		{"base URL", base, with(func(c *Config) { c.BaseURL = "https://example.com/docs/" })},
		{"edit URL", base, with(func(c *Config) { c.EditURL = "https://example.com/edit/" })},
		{"title", base, with(func(c *Config) { c.Title = "Other" })},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := startLive(t, tt.from)
			b, err := New(tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if l, err = l.Update(t.Context(), b, nil); err != nil {
				t.Fatal(err)
			}
			compareLive(t, tt.name, l, tt.to)
		})
	}
}

// TestLiveSidebarLabel: a new sidebar_label, the title unchanged, shows in
// the other pages' navigation, as a build makes it.
func TestLiveSidebarLabel(t *testing.T) {
	dir := t.TempDir()
	s := &liveSite{t: t, dir: dir}
	s.write("_index.md", "# Home\n")
	s.write("a.md", "---\nweight: 1\n---\n# A\n")
	cfg := Config{Content: os.DirFS(dir), Theme: kettudocs.Theme(), Dest: filepath.Join(t.TempDir(), "public")}
	l := startLive(t, cfg)
	s.write("a.md", "---\nweight: 1\nsidebar_label: Start here\n---\n# A\n")
	var err error
	if l, err = l.Update(context.Background(), nil, []string{"a.md"}); err != nil {
		t.Fatal(err)
	}
	home, err := l.Open("index.html")
	if err != nil || !strings.Contains(string(home), "Start here") {
		t.Errorf("the home page's navigation lacks the label (%v)", err)
	}
	compareLive(t, "sidebar_label", l, cfg)
}

// madeRows makes a page that links to every code row of the site, as
// kettudocs's codes changelog does: Live must make it again when rows
// come, go or move, as Build would.
var madeRows = map[string]func(map[string]string) ([]byte, error){
	"made-rows.md": func(rows map[string]string) ([]byte, error) {
		var b strings.Builder
		b.WriteString("# Rows\n\n")
		for _, id := range slices.Sorted(maps.Keys(rows)) {
			fmt.Fprintf(&b, "- [%s](/%s#%s)\n", id, rows[id], id)
		}
		return []byte(b.String()), nil
	},
}

// TestLiveStopsFill: the background work making the extracts of a
// Live's pages goes on for the Lives an update makes of it, and stops
// once a Live that loaded every page again replaces them.
func TestLiveStopsFill(t *testing.T) {
	s := &liveSite{t: t, dir: t.TempDir()}
	s.write("_index.md", "# Home\n")
	s.write("a.md", "# A\n")
	cfg := Config{Content: os.DirFS(s.dir), Theme: testTheme}
	l := startLive(t, cfg)
	s.write("a.md", "# A again\n")
	n, err := l.Update(context.Background(), nil, []string{"a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if n.filling != l.filling || l.filling.Err() != nil {
		t.Fatalf("an update of a page: filling %v, shared %v; want the same work, going on", l.filling.Err(), n.filling == l.filling)
	}
	cfg.Drafts = true // how pages load: every page again
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := n.Update(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.filling.Err() == nil || m.filling == l.filling || m.filling.Err() != nil {
		t.Errorf("a Live loaded anew: the old filling %v, the new %v; want the old stopped, the new going on", l.filling.Err(), m.filling.Err())
	}
}

// TestLiveRendersLater: the preview's first load renders no page; a page
// is rendered when it is first asked for, once, and the others are left;
// an updated page is rendered as it loads.
// TestLiveRenderRetries: a page whose parse, when first asked for, runs
// out of the page timeout (a busy machine) is an error for that request
// only: the next request renders it.
func TestLiveRenderRetries(t *testing.T) {
	s := &liveSite{t: t, dir: t.TempDir()}
	s.write("_index.md", "# Home\n")
	const n = 10
	for i := range n {
		s.write(fmt.Sprintf("p%d.md", i), fmt.Sprintf("# Page %d\n\nWords, [home](_index.md).\n", i))
	}
	cfg := Config{Content: os.DirFS(s.dir), Theme: testTheme}
	l := startLive(t, cfg)
	// A timer of a nanosecond fires before a parse is done: all but
	// surely, so ten pages, of which at least one must fail. The pages
	// are asked for through a Builder of their own, for l's is read by
	// the background's extraction.
	cfg.PageTimeout = time.Nanosecond
	busy, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for i := range n {
		p, _ := l.loaded.Get(fmt.Sprintf("p%d.md", i))
		if _, _, err := busy.rendered(l.s, p); err != nil {
			failed = append(failed, p.url+"index.html")
		}
	}
	if len(failed) == 0 {
		t.Fatal("no page ran out of a timeout of 1 ns")
	}
	for _, name := range failed {
		page, err := l.Open(name)
		if err != nil || !bytes.Contains(page, []byte("Words")) {
			t.Errorf("%s, asked for again with time enough: %v\n%s", name, err, page)
		}
	}
}

func TestLiveRendersLater(t *testing.T) {
	s := &liveSite{t: t, dir: t.TempDir()}
	s.write("_index.md", "# Home\n\nSee [A](a.md).\n")
	s.write("a.md", "# A\n\nBack [home](_index.md).\n")
	s.write("b.md", "# B\n")
	l := startLive(t, Config{Content: os.DirFS(s.dir), Theme: testTheme})
	rendered := func(l *Live, file string) bool {
		p, _ := l.loaded.Get(file)
		if p.lazy == nil {
			return l.html.Has(file)
		}
		return p.lazy.html != nil
	}
	for _, f := range []string{"_index.md", "a.md", "b.md"} {
		if rendered(l, f) {
			t.Errorf("%s rendered by the first load", f)
		}
	}
	for range 2 {
		page, err := l.Open("a/index.html")
		if err != nil || !bytes.Contains(page, []byte(`href="../"`)) {
			t.Fatalf("a/index.html: %v, without its link home made relative:\n%s", err, page)
		}
	}
	if !rendered(l, "a.md") || rendered(l, "b.md") || rendered(l, "_index.md") {
		t.Errorf("after a/ was asked for: a %v, b %v, home %v rendered; want a alone", rendered(l, "a.md"), rendered(l, "b.md"), rendered(l, "_index.md"))
	}
	s.write("b.md", "# B again\n")
	n, err := l.Update(context.Background(), nil, []string{"b.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !rendered(n, "b.md") {
		t.Error("b.md, updated, not rendered as it loaded")
	}
}
