package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/builder/siteurl"
	"github.com/kettu/kettudocs/codespec"
	"github.com/kettu/kettudocs/internal/gitfs"
)

// versionConf is one version of a site in kettudocs.yaml:
//
//	versions:
//	  - {ref: main, label: v10, path: /}   # current: the work tree
//	  - {ref: v9, label: v9, path: /v9/}
type versionConf struct {
	Ref   string `yaml:"ref"`   // the git branch or tag it is built from
	Label string `yaml:"label"` // as readers know it
	Path  string `yaml:"path"`  // where it is published below the base URL: "/", "/v9/"
	// Current marks the version built from the work tree, the one
	// readers should read; by default the one at "/".
	Current bool `yaml:"current"`

	line int // its line in kettudocs.yaml
}

// changelogPage is the page of the current version that lists what
// changed in the codes from each version to the next.
const changelogPage = "codes-changelog.md"

// validVersions checks the versions of c, read from file.
func validVersions(file string, c siteConfig) diag.List {
	if len(c.Versions) == 0 {
		return nil
	}
	var problems diag.List
	at := func(v versionConf, msg, hint string) {
		problems = append(problems, diag.Problem{Pos: diag.Position{File: file, Line: v.line}, Msg: msg, Hint: hint})
	}
	labels, paths := map[string]bool{}, map[string]bool{}
	current := 0
	for _, v := range c.Versions {
		if v.Label == "" {
			at(v, "a version without a label", "give each version the label readers know it by: label: v9")
		} else if labels[v.Label] {
			at(v, fmt.Sprintf("two versions are labelled %q", v.Label), "give each version a label of its own")
		}
		labels[v.Label] = true
		if !strings.HasPrefix(v.Path, "/") || !strings.HasSuffix(v.Path, "/") || path.Clean(v.Path) != strings.TrimSuffix(v.Path, "/") && v.Path != "/" {
			at(v, fmt.Sprintf("version %s: path %q is not a folder below the base URL", v.Label, v.Path), "write it as /v9/, or / for the site's root")
		} else if paths[v.Path] {
			at(v, fmt.Sprintf("two versions are published at %s", v.Path), "give each version a path of its own")
		}
		paths[v.Path] = true
		if isCurrent(c, v) {
			current++
		} else if v.Ref == "" {
			at(v, fmt.Sprintf("version %s has no git ref", v.Label), "name the branch or tag it is built from: ref: v9")
		}
	}
	if current != 1 {
		problems = append(problems, diag.Problem{
			Pos:  diag.Position{File: file, Line: c.line("versions")},
			Msg:  fmt.Sprintf("versions: %d of them are current, want one", current),
			Hint: "the current version is built from the work tree: mark it current: true, or publish it at path: /",
		})
	}
	return problems
}

// isCurrent reports whether v is the current version of c's versions:
// the one marked current, else, when none is, the one at "/".
func isCurrent(c siteConfig, v versionConf) bool {
	for _, w := range c.Versions {
		if w.Current {
			return v.Current
		}
	}
	return v.Path == "/"
}

// A siteVersion is one version of a site being built.
type siteVersion struct {
	conf   versionConf
	index  int               // in the site's versions
	git    *gitVersion       // where an old version is read from; nil for the current one
	loaded *builder.Loaded   // nil while not loaded, and for a version kept as it is
	spec   *codespec.Spec    // its codes spec, nil without one
	rows   map[string]string // the URL of the page of each code row
	place  string            // where its problems are: "content", "v9:content"
	dest   string
	key    string         // what its output is made of, for the record of an old version
	rec    *versionRecord // the last build's record, when its output is as key says
}

// A gitVersion is an old version of a site, at its git ref.
type gitVersion struct {
	folder *gitfs.Folder // the repository's top folder, at the ref
	site   string        // the site folder, a slash path from the top; "" for the top
	conf   siteConfig    // its kettudocs.yaml
	spec   string        // its codes spec's path from the top
	tree   string        // what its site is made of (gitfs.Folder.Objects)
}

// openVersion finds the old version c of the site f names in git, at
// c.Ref, and reads its settings and codes spec: what its key needs, with
// little read. A ref the repository lacks is a problem of kettudocs.yaml
// saying how to fetch it.
func openVersion(ctx context.Context, f *siteFlags, c versionConf) (*gitVersion, *codespec.Spec, error) {
	repo := repoRoot(f.source)
	rel, err := filepath.Rel(repo, resolved(f.source))
	if err != nil {
		return nil, nil, err
	}
	g := &gitVersion{site: filepath.ToSlash(rel)}
	if g.site == "." {
		g.site = ""
	}
	if g.folder, err = gitfs.Open(ctx, repo, c.Ref); err != nil {
		return nil, nil, diag.List{{
			Pos:  diag.Position{File: configFile, Line: c.line},
			Msg:  fmt.Sprintf("version %s: %v", c.Label, err),
			Hint: "fetch the ref (git fetch --tags origin); in GitHub Actions check out with fetch-depth: 0",
		}}
	}
	conf, spec := g.in(configFile), g.in(defaultSpec)
	small, err := g.folder.FS(ctx, 1<<20, func(name string) bool { return name == conf })
	if err != nil {
		return nil, nil, err
	}
	if data, err := fs.ReadFile(small, conf); err == nil {
		if g.conf, err = parseConfig(configFile, data); err != nil {
			return nil, nil, err
		}
	}
	if g.conf.Codes != "" {
		spec = path.Clean(g.in(g.conf.Codes))
	}
	if spec == ".." || strings.HasPrefix(spec, "../") || path.IsAbs(spec) {
		return nil, nil, diag.List{{Pos: diag.Position{File: configFile, Line: g.conf.line("codes")}, Msg: "codes: " + g.conf.Codes + " is outside the repository", Hint: "keep the codes spec in the repository that holds the site"}}
	}
	g.spec = spec
	if g.tree, err = g.folder.Objects(ctx, configFile, "content", "layouts", "static", path.Dir(spec)); err != nil {
		return nil, nil, err
	}
	small, err = g.folder.FS(ctx, codespec.MaxSpecSize, func(name string) bool { return name == spec })
	if err != nil {
		return nil, nil, err
	}
	data, err := fs.ReadFile(small, spec)
	if err != nil {
		return g, nil, nil // a version without codes
	}
	s, err := codespec.Parse(spec, data)
	return g, s, err
}

// in returns the path from the repository's top of name in the site.
func (g *gitVersion) in(name string) string { return path.Join(g.site, name) }

// config returns what the builder of the version is made of: its content
// and theme, its settings (title, brand, raw HTML) and the registry of
// its codes spec s, all read from git.
func (g *gitVersion) config(ctx context.Context, f *siteFlags, s *codespec.Spec) (builder.Config, error) {
	var cfg builder.Config
	// The site's folders, the spec's Go package: nothing else of the
	// repository is read.
	areas := []string{g.in("content") + "/", g.in("layouts") + "/", g.in("static") + "/"}
	fsys, err := g.folder.FS(ctx, 256<<20, func(name string) bool {
		if path.Ext(name) == ".go" && path.Dir(name) == path.Dir(g.spec) {
			return true
		}
		for _, a := range areas {
			if strings.HasPrefix(name, a) {
				return true
			}
		}
		return false
	})
	if err != nil {
		return cfg, err
	}
	if s != nil {
		var hand []string
		if s.Output != "" {
			out := path.Join(path.Dir(g.spec), s.Output)
			hand, _ = codespec.ExportedFS(fsys, path.Dir(out), out)
		}
		cfg.Codes = s.Registry(hand)
	}
	site := fsys
	if g.site != "" {
		if site, err = fs.Sub(fsys, g.site); err != nil {
			return cfg, err
		}
	}
	if cfg.Content, err = fs.Sub(site, "content"); err != nil {
		return cfg, err
	}
	cfg.Theme = sitefs.Overlay(site, kettudocs.Theme())
	cfg.Title = g.conf.Title
	cfg.UnsafeHTML = g.conf.UnsafeHTML
	cfg.Brand = g.conf.brand()
	if f.safe {
		// A pull request decides nothing about its own safety, in any
		// version: see newBuilder.
		cfg.Theme, cfg.Brand, cfg.UnsafeHTML = kettudocs.Theme(), layout.Brand{}, false
	}
	cfg.Drafts = f.drafts
	return cfg, nil
}

// A versionRecord is what a build keeps of an old version it built, in
// the build cache, so that the next build can leave the version's output
// as it is when nothing it is made of changed.
type versionRecord struct {
	Key    string            // versionSet.key of the build
	Pages  []string          // its pages' URLs
	Rows   map[string]string // the URL of the page of each code row
	Latest []string          // the current version's pages, which its version menus link to
}

// A versionSet is the versions of a site being built together.
type versionSet struct {
	// snapshot gives each builder the versions' pages as they are when
	// it is made, for a preview, whose builders render pages while the
	// next are made; a build fills them in once every version is loaded,
	// before any page is rendered.
	snapshot  bool
	f         *siteFlags
	conf      siteConfig
	vs        []*siteVersion
	all       []builder.Version
	current   int
	baseURL   string // the site's, with a trailing slash; "" for none
	changelog string // the changelog page's URL, "" for none
	problems  diag.List
}

// loadVersions loads every version of the site f names, as conf lists
// them: the current one from the work tree, the others from git, each
// old one unless the build cache says its output is there as this build
// would make it. It reports the problems of all of them at once. The
// caller closes the versions' Loaded.
func loadVersions(ctx context.Context, f *siteFlags, conf siteConfig) (*versionSet, error) {
	set, err := newVersionSet(ctx, f, conf)
	if err != nil {
		return set, err
	}
	cur := set.vs[set.current]
	for _, v := range set.vs {
		if v == cur {
			continue
		}
		v.key = set.key(v)
		if r := set.record(v); r != nil && r.Key == v.key {
			// Kept, unless the current version's pages changed: then
			// its menus are made again, once they are known.
			v.rec, v.rows = r, r.Rows
			for _, u := range r.Pages {
				set.all[v.index].Pages[u] = true
			}
			continue
		}
		if err := set.load(ctx, v); err != nil {
			return set, err
		}
	}
	if err := set.loadCurrent(ctx); err != nil {
		return set, err
	}
	for _, v := range set.vs {
		if v.rec != nil && !slices.Equal(v.rec.Latest, pagesOf(set.all[set.current])) {
			v.rec = nil
			if err := set.load(ctx, v); err != nil {
				return set, err
			}
		}
	}
	if len(set.problems) > 0 {
		set.problems.Sort()
		return set, set.problems
	}
	return set, nil
}

// newVersionSet returns the versions of the site f names, as conf lists
// them, with each old version found in git and its codes spec read.
func newVersionSet(ctx context.Context, f *siteFlags, conf siteConfig) (*versionSet, error) {
	set := &versionSet{f: f, conf: conf, baseURL: f.baseURL}
	if set.baseURL == "" {
		set.baseURL = conf.BaseURL
	}
	if set.baseURL != "" && !strings.HasSuffix(set.baseURL, "/") {
		set.baseURL += "/"
	}
	for i, c := range conf.Versions {
		set.all = append(set.all, builder.Version{Label: c.Label, Path: strings.TrimPrefix(c.Path, "/"), Latest: isCurrent(conf, c), Pages: map[string]bool{}})
		v := &siteVersion{conf: c, index: i, place: c.Ref + ":" + f.contentDir()}
		v.dest = filepath.Join(f.dest, filepath.FromSlash(set.all[i].Path))
		set.vs = append(set.vs, v)
	}
	set.current = slices.IndexFunc(set.all, func(v builder.Version) bool { return v.Latest })
	cur := set.vs[set.current]
	cur.place = f.contentDir()
	if s, err := codespec.ReadFile(specFile(f.source, conf)); err == nil {
		cur.spec = s
	}
	// With a codes spec, the current version lists what changed in the
	// codes, and every version's menu links to that list.
	if cur.spec != nil && len(set.all) > 1 {
		set.changelog, _ = siteurl.Page(changelogPage)
	}
	// The old versions first: the current one's changelog needs their
	// codes and rows.
	for _, v := range set.vs {
		if v == cur {
			continue
		}
		var err error
		if v.git, v.spec, err = openVersion(ctx, f, v.conf); err != nil {
			if err := set.fail(err, v.conf.Ref+":"+filepath.ToSlash(f.source)); err != nil {
				return set, err
			}
		}
	}
	if len(set.problems) > 0 {
		return set, set.problems
	}
	return set, nil
}

// fail adds the problems err lists to the set's, placed below place, and
// returns nil; any other error as it is.
func (set *versionSet) fail(err error, place string) error {
	var list diag.List
	if errors.As(err, &list) {
		set.problems = append(set.problems, placeList(list, place)...)
		return nil
	}
	return err
}

// builder returns the builder of the old version v, read from git; nil
// when it has problems, which are added to the set's.
func (set *versionSet) builder(ctx context.Context, v *siteVersion) (*builder.Builder, error) {
	cfg, err := v.git.config(ctx, set.f, v.spec)
	if err != nil {
		return nil, set.fail(err, v.conf.Ref+":"+filepath.ToSlash(set.f.source))
	}
	cfg.Dest, cfg.Versions, cfg.Version, cfg.Changelog = v.dest, set.versions(), v.index, set.changelog
	cfg.BaseURL = set.baseURLOf(v.index)
	b, err := builder.New(cfg)
	if err != nil {
		if err := set.fail(err, v.conf.Ref+":"+filepath.ToSlash(set.f.source)); err != nil {
			return nil, fmt.Errorf("version %s (%s): %w", v.conf.Label, v.conf.Ref, err)
		}
		return nil, nil
	}
	return b, nil
}

// load loads the old version v from git.
func (set *versionSet) load(ctx context.Context, v *siteVersion) error {
	b, err := set.builder(ctx, v)
	if b == nil {
		return err
	}
	if v.loaded, err = b.Load(ctx); err != nil {
		return set.fail(err, v.place)
	}
	set.loadedAs(v, v.loaded.Pages(), v.loaded.Rows())
	return nil
}

// loadedAs records the pages and code rows (page files by id) of v,
// just loaded.
func (set *versionSet) loadedAs(v *siteVersion, pages []string, rows map[string]string) {
	v.rows = urls(rows)
	clear(set.all[v.index].Pages)
	for _, u := range pages {
		set.all[v.index].Pages[u] = true
	}
}

// tweakCurrent makes cfg, the configuration newBuilder made of the work
// tree, the current version's: in its folder, with the version menu and
// the codes changelog.
func (set *versionSet) tweakCurrent(cfg *builder.Config) {
	cfg.Dest, cfg.Versions, cfg.Version = set.vs[set.current].dest, set.versions(), set.current
	cfg.BaseURL = set.baseURLOf(set.current)
	if set.changelog != "" {
		cfg.Changelog = set.changelog
		cfg.Made = map[string]func(map[string]string) ([]byte, error){
			changelogPage: func(rows map[string]string) ([]byte, error) {
				return changelog(set.vs, set.current, rows), nil
			},
		}
	}
}

// baseURLOf returns the base URL of the version i: the site's, with the
// version's path; without one, the path alone ("" at the root).
func (set *versionSet) baseURLOf(i int) string {
	path := set.all[i].Path
	if set.baseURL == "" && path != "" {
		return "/" + path
	}
	return set.baseURL + path
}

// versions returns the versions for a builder (see snapshot).
func (set *versionSet) versions() []builder.Version {
	if !set.snapshot {
		return set.all
	}
	vs := slices.Clone(set.all)
	for i := range vs {
		vs[i].Pages = maps.Clone(vs[i].Pages)
	}
	return vs
}

// loadCurrent loads the current version from the work tree, with the
// codes changelog.
func (set *versionSet) loadCurrent(ctx context.Context) error {
	cur, all := set.vs[set.current], set.all
	b, err := newBuilderWith(set.f, set.tweakCurrent)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			set.problems = append(set.problems, list...) // placed by newBuilder
			return nil
		}
		return err
	}
	if cur.loaded, err = b.Load(ctx); err != nil {
		return set.fail(err, cur.place)
	}
	for _, u := range cur.loaded.Pages() {
		all[set.current].Pages[u] = true
	}
	return nil
}

// key returns what the output of the old version v is made of besides
// the current version's pages (which its record keeps): this kettudocs,
// the versions and how they are built, and what git has of the site of
// every old version, whose pages its menus link to.
func (set *versionSet) key(v *siteVersion) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%q %q %q %v %v %v\n", version(), set.baseURL, set.changelog, v.dest, set.f.drafts, set.f.safe, v.index)
	for i, w := range set.vs {
		fmt.Fprintf(h, "%q %q %v\n", set.all[i].Label, set.all[i].Path, set.all[i].Latest)
		if w.git != nil {
			io.WriteString(h, w.git.tree)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// recordFile returns the file of the record of the old version v in the
// build cache; "" without a cache.
func (set *versionSet) recordFile(v *siteVersion) string {
	dir := cacheDir(set.f)
	if dir == "" {
		return ""
	}
	h := sha256.Sum256([]byte(v.conf.Label + "\x00" + v.conf.Path))
	return filepath.Join(dir, "versions", hex.EncodeToString(h[:8])+".json")
}

// record returns the last build's record of the old version v, when its
// output folder still holds what that build wrote; nil otherwise.
func (set *versionSet) record(v *siteVersion) *versionRecord {
	name := set.recordFile(v)
	if name == "" {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var r versionRecord
	if json.Unmarshal(data, &r) != nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(v.dest, output.ManifestName)); err != nil {
		return nil // the output was removed: build it again
	}
	return &r
}

// save writes the record of the old version v, just built, into the
// build cache. A record that cannot be written only costs the next build
// the version's build.
func (set *versionSet) save(v *siteVersion) error {
	name := set.recordFile(v)
	if name == "" || v.loaded == nil {
		return nil
	}
	r := versionRecord{Key: v.key, Pages: v.loaded.Pages(), Rows: v.rows, Latest: pagesOf(set.all[set.current])}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	// A build killed while writing leaves the old record or the new one.
	return writeFile(name, data, 0o644)
}

// pagesOf returns the URLs of v's pages, sorted.
func pagesOf(v builder.Version) []string {
	return slices.Sorted(maps.Keys(v.Pages))
}

// urls returns rows, the page file of each row id, with the pages' URLs.
func urls(rows map[string]string) map[string]string {
	out := make(map[string]string, len(rows))
	for id, file := range rows {
		out[id], _ = siteurl.Page(file)
	}
	return out
}

// close drops what the versions staged and did not commit.
func (set *versionSet) close() {
	for _, v := range set.vs {
		if v.loaded != nil {
			v.loaded.Close()
		}
	}
}

// buildVersions builds every version of the site f names into its folder
// of the output, all or none: each is loaded and checked, then staged,
// and only when every one is are they moved in. An old version whose
// output is there as this build would make it is left as it is.
func buildVersions(ctx context.Context, f *siteFlags, conf siteConfig, stdout, stderr io.Writer) int {
	set, err := loadVersions(ctx, f, conf)
	defer set.close()
	stopped := func() int {
		fmt.Fprintf(stderr, "kettudocs: stopped; %s was left as it was\n", f.dest)
		return exitProblems
	}
	if err != nil && ctx.Err() != nil {
		return stopped()
	}
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	for _, v := range set.vs {
		if v.loaded == nil {
			continue
		}
		if err := v.loaded.Stage(ctx); err != nil {
			if ctx.Err() != nil {
				return stopped()
			}
			return report(place(err, v.place), f, stdout, stderr)
		}
	}
	var warnings diag.List
	var lines []string
	for _, v := range set.vs {
		if v.loaded == nil {
			lines = append(lines, fmt.Sprintf("kettudocs: %s: nothing changed at %s since the last build; %s left as it was", v.conf.Label, v.conf.Ref, v.dest))
			continue
		}
		res, err := v.loaded.Commit()
		if err != nil {
			return report(err, f, stdout, stderr)
		}
		if err := set.save(v); err != nil && !f.quiet {
			fmt.Fprintf(stderr, "kettudocs: warning: version %s: build cache not written: %v\n", v.conf.Label, err)
		}
		warnings = append(warnings, built(res, f, v.dest, v.place, stdout, stderr)...)
		lines = append(lines, fmt.Sprintf("kettudocs: %s: %v into %s", v.conf.Label, res, v.dest))
	}
	printProblems(warnings, f, stdout, stderr)
	if !f.quiet {
		out := summaryOut(f, stdout, stderr)
		for i, l := range lines {
			if i == len(lines)-1 {
				l += warningCount(warnings)
			}
			fmt.Fprintln(out, l)
		}
	}
	return exitOK
}

// checkAllVersions checks every version of the site f names, each
// against its own codes spec, and writes nothing; with a ref sinceRef,
// also what the current version would break of the site published at it.
func checkAllVersions(ctx context.Context, f *siteFlags, conf siteConfig, sinceRef string, stdout, stderr io.Writer) int {
	set, err := loadVersions(ctx, f, conf)
	defer set.close()
	if err == nil && sinceRef != "" {
		var b *builder.Builder
		if b, err = newBuilderWith(f, set.tweakCurrent); err == nil {
			var gone diag.List
			if gone, err = since(ctx, f, b, sinceRef); err == nil && len(gone) > 0 {
				gone.Sort()
				err = placeList(gone, f.contentDir())
			}
		}
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "kettudocs: stopped")
		return exitProblems
	}
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	var warnings diag.List
	for _, v := range set.vs {
		warnings = append(warnings, placeList(v.loaded.Warnings(), v.place)...)
	}
	printProblems(warnings, f, stdout, stderr)
	if !f.quiet {
		fmt.Fprintf(summaryOut(f, stdout, stderr), "kettudocs: no problems found in %s%s\n", plural(len(set.vs), "version"), warningCount(warnings))
	}
	return exitOK
}
