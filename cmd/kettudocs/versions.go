package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/layout"
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

// checkVersions checks the versions of c, read from file.
func checkVersions(file string, c siteConfig) diag.List {
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
	b      *builder.Builder
	loaded *builder.Loaded
	spec   *codespec.Spec    // its codes spec, nil without one
	rows   map[string]string // the URL of the page of each code row
	place  string            // where its problems are: "content", "v9:content"
	dest   string
}

// loadVersions loads every version of the site f names, as conf lists
// them, the current one from the work tree and the others from git, and
// reports the problems of all of them at once. The caller closes what
// it returns.
func loadVersions(ctx context.Context, f *siteFlags, conf siteConfig) ([]*siteVersion, error) {
	all := make([]builder.Version, len(conf.Versions))
	for i, c := range conf.Versions {
		all[i] = builder.Version{Label: c.Label, Path: strings.TrimPrefix(c.Path, "/"), Latest: isCurrent(conf, c), Pages: map[string]bool{}}
	}
	baseURL := f.baseURL
	if baseURL == "" {
		baseURL = conf.BaseURL
	}
	if baseURL != "" && !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	vs := make([]*siteVersion, len(conf.Versions))
	var problems diag.List
	fail := func(err error, place string) error {
		if list, ok := err.(diag.List); ok {
			problems = append(problems, placeList(list, place)...)
			return nil
		}
		return err
	}
	current := slices.IndexFunc(all, func(v builder.Version) bool { return v.Latest })
	cur := &siteVersion{conf: conf.Versions[current], place: f.contentDir()}
	if s, err := codespec.ReadFile(specFile(f.source, conf)); err == nil {
		cur.spec = s
	}
	// With a codes spec, the current version lists what changed in the
	// codes, and every version's menu links to that list.
	var changelogURL string
	if cur.spec != nil && len(all) > 1 {
		changelogURL, _ = siteurl.Page(changelogPage)
	}
	// The old versions first: the current one's changelog needs their
	// codes and rows.
	for i, c := range conf.Versions {
		if i == current {
			continue
		}
		v := &siteVersion{conf: c, dest: filepath.Join(f.dest, filepath.FromSlash(all[i].Path))}
		vs[i] = v
		v.place = c.Ref + ":" + f.contentDir()
		cfg, spec, err := versionAt(ctx, f, c)
		if err != nil {
			if err := fail(err, c.Ref+":"+filepath.ToSlash(f.source)); err != nil {
				return vs, err
			}
			continue
		}
		v.spec = spec
		cfg.Dest, cfg.Versions, cfg.Version = v.dest, all, i
		cfg.BaseURL = baseURL
		if baseURL != "" {
			cfg.BaseURL += all[i].Path
		} else {
			cfg.BaseURL = "/" + all[i].Path
		}
		cfg.Drafts, cfg.Changelog = f.drafts, changelogURL
		if v.b, err = builder.New(cfg); err != nil {
			if err := fail(err, c.Ref+":"+filepath.ToSlash(f.source)); err != nil {
				return vs, fmt.Errorf("version %s (%s): %w", c.Label, c.Ref, err)
			}
			continue
		}
		if v.loaded, err = v.b.Load(ctx); err != nil {
			if err := fail(err, v.place); err != nil {
				return vs, err
			}
			continue
		}
		v.rows = urls(v.loaded.Rows())
		for _, u := range v.loaded.Pages() {
			all[i].Pages[u] = true
		}
	}

	vs[current] = cur
	cur.dest = filepath.Join(f.dest, filepath.FromSlash(all[current].Path))
	b, err := newBuilderWith(f, func(cfg *builder.Config) {
		cfg.Dest, cfg.Versions, cfg.Version = cur.dest, all, current
		if cfg.BaseURL != "" {
			cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/") + "/" + all[current].Path
		} else if all[current].Path != "" {
			cfg.BaseURL = "/" + all[current].Path
		}
		if changelogURL != "" {
			cfg.Changelog = changelogURL
			cfg.Made = map[string]func(map[string]string) ([]byte, error){
				changelogPage: func(rows map[string]string) ([]byte, error) {
					return changelog(vs, current, rows), nil
				},
			}
		}
	})
	if err != nil {
		if list, ok := err.(diag.List); ok {
			problems = append(problems, list...) // placed by newBuilder
		} else {
			return vs, err
		}
	} else {
		cur.b = b
		if cur.loaded, err = b.Load(ctx); err != nil {
			if err := fail(err, cur.place); err != nil {
				return vs, err
			}
		} else {
			for _, u := range cur.loaded.Pages() {
				all[current].Pages[u] = true
			}
		}
	}
	if len(problems) > 0 {
		problems.Sort()
		return vs, problems
	}
	return vs, nil
}

// urls returns rows, the page file of each row id, with the pages' URLs.
func urls(rows map[string]string) map[string]string {
	out := make(map[string]string, len(rows))
	for id, file := range rows {
		out[id], _ = siteurl.Page(file)
	}
	return out
}

// versionAt reads the version c of the site f names from git, at c.Ref,
// without touching the work tree, and returns what its builder is made
// of: its content and theme, its settings (title, brand, raw HTML) and
// the registry of its codes spec.
func versionAt(ctx context.Context, f *siteFlags, c versionConf) (builder.Config, *codespec.Spec, error) {
	var cfg builder.Config
	repo := repoRoot(f.source)
	rel, err := filepath.Rel(repo, resolved(f.source))
	if err != nil {
		return cfg, nil, err
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = ""
	}
	folder, err := gitfs.Open(ctx, repo, c.Ref)
	if err != nil {
		return cfg, nil, diag.List{{
			Pos:  diag.Position{File: configFile, Line: c.line},
			Msg:  fmt.Sprintf("version %s: %v", c.Label, err),
			Hint: "fetch the ref (git fetch --tags origin); in GitHub Actions check out with fetch-depth: 0",
		}}
	}
	in := func(name string) string { return path.Join(rel, name) }
	// The settings first: they name the codes spec.
	fsys, err := folder.FS(ctx, 1<<20, func(name string) bool { return name == in(configFile) })
	if err != nil {
		return cfg, nil, err
	}
	var conf siteConfig
	if data, err := fs.ReadFile(fsys, in(configFile)); err == nil {
		if conf, err = parseConfig(configFile, data); err != nil {
			return cfg, nil, err
		}
	}
	spec := in(defaultSpec)
	if conf.Codes != "" {
		spec = path.Clean(in(conf.Codes))
	}
	if spec == ".." || strings.HasPrefix(spec, "../") || path.IsAbs(spec) {
		return cfg, nil, diag.List{{Pos: diag.Position{File: configFile, Line: conf.line("codes")}, Msg: "codes: " + conf.Codes + " is outside the repository", Hint: "keep the codes spec in the repository that holds the site"}}
	}
	// Then the site's folders, the spec and its Go package: nothing else
	// of the repository is read.
	areas := []string{in("content") + "/", in("layouts") + "/", in("static") + "/"}
	fsys, err = folder.FS(ctx, 256<<20, func(name string) bool {
		if name == spec || path.Ext(name) == ".go" && path.Dir(name) == path.Dir(spec) {
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
		return cfg, nil, err
	}
	var s *codespec.Spec
	if data, err := fs.ReadFile(fsys, spec); err == nil {
		if s, err = codespec.Parse(spec, data); err != nil {
			return cfg, nil, err
		}
		var hand []string
		if s.Output != "" {
			out := path.Join(path.Dir(spec), s.Output)
			hand, _ = codespec.ExportedFS(fsys, path.Dir(out), out)
		}
		cfg.Codes = s.Registry(hand)
	}
	site := fsys
	if rel != "" {
		if site, err = fs.Sub(fsys, rel); err != nil {
			return cfg, nil, err
		}
	}
	if cfg.Content, err = fs.Sub(site, "content"); err != nil {
		return cfg, nil, err
	}
	cfg.Theme = sitefs.Overlay(site, kettudocs.Theme())
	cfg.Title = conf.Title
	cfg.UnsafeHTML = conf.UnsafeHTML
	cfg.Brand = layout.Brand{Logo: conf.Logo, Favicon: conf.Favicon, Accent: conf.Accent, CSS: conf.ExtraCSS, JS: conf.ExtraJS}
	if f.safe {
		cfg.Theme, cfg.Brand, cfg.UnsafeHTML = kettudocs.Theme(), layout.Brand{}, false
	}
	return cfg, s, nil
}

// buildVersions builds every version of the site f names into its folder
// of the output, all or none: each is loaded and checked, then staged,
// and only when every one is are they moved in.
func buildVersions(ctx context.Context, f *siteFlags, conf siteConfig, stdout, stderr io.Writer) int {
	vs, err := loadVersions(ctx, f, conf)
	defer func() {
		for _, v := range vs {
			if v != nil && v.loaded != nil {
				v.loaded.Close()
			}
		}
	}()
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(stderr, "kettudocs: stopped; %s was left as it was\n", f.dest)
		return exitProblems
	}
	if err != nil {
		return report(err, f, stdout, stderr)
	}
	for _, v := range vs {
		if err := v.loaded.Stage(ctx); err != nil {
			if ctx.Err() != nil {
				fmt.Fprintf(stderr, "kettudocs: stopped; %s was left as it was\n", f.dest)
				return exitProblems
			}
			return report(place(err, v.place), f, stdout, stderr)
		}
	}
	var warnings diag.List
	var lines []string
	for _, v := range vs {
		res, err := v.loaded.Commit()
		if err != nil {
			return report(err, f, stdout, stderr)
		}
		if f.verbose {
			for _, name := range res.Written {
				fmt.Fprintln(stdout, filepath.Join(v.dest, filepath.FromSlash(name)))
			}
		}
		if res.CacheWarning != nil && !f.quiet {
			fmt.Fprintf(stderr, "kettudocs: warning: %v\n", res.CacheWarning)
		}
		warnings = append(warnings, placeList(res.Warnings, v.place)...)
		warnings = append(warnings, res.Dropped...)
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
