package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/drift"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/codespec"
)

// defaultSpec is the codes spec a site has when kettudocs.yaml names none.
var defaultSpec = filepath.Join("codes", "codes.yaml")

// regenerate is the command that rewrites a spec's generated Go file, for
// the hint of a stale one. This repository and sites made by kettudocs new
// run it from go generate.
const regenerate = "go generate ./... (or: kettudocs generate)"

// loadSpec reads the codes spec of the site folder dir, as c names it, or
// its default codes/codes.yaml if it has one, and verifies the Go file
// generated from it. A site without a spec has no drift check: reg is nil.
func loadSpec(dir string, c siteConfig, anywhere bool) (*drift.Registry, error) {
	name := specFile(dir, c)
	if c.Codes != "" {
		if _, err := os.Stat(name); err != nil {
			return nil, diag.List{{
				Pos:  diag.Position{File: filepath.ToSlash(filepath.Join(dir, configFile)), Line: c.line("codes")},
				Msg:  fmt.Sprintf("codes: %s: no such spec", c.Codes),
				Hint: "name the codes spec relative to the site folder, e.g. codes: codes/codes.yaml (kettudocs codes extract PAGE.md writes one)",
			}}
		}
	} else if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	var allow func(string) error
	if !anywhere {
		allow = inRepo(dir)
		if err := allow(name); err != nil {
			return nil, diag.List{{
				Pos:  diag.Position{File: filepath.ToSlash(filepath.Join(dir, configFile)), Line: c.line("codes")},
				Msg:  fmt.Sprintf("codes: %v", err),
				Hint: "keep the codes spec in the repository that holds the site, or pass --codes-anywhere if you trust kettudocs.yaml",
			}}
		}
	}
	return codespec.Load(name, regenerate, allow)
}

// inRepo returns the check of the files a site's codes spec may name:
// the spec itself and the Go file generated from it. kettudocs.yaml and
// the spec come with the pull request that is built, so they may name
// only files of the repository holding the site folder dir (or of dir,
// outside a repository), never one in a hidden folder such as .git, and
// only of the kind they should be (a YAML spec, a Go file): a build must
// not read, or quote in its messages, a file of the machine it runs on.
func inRepo(dir string) func(path string) error {
	repo := repoRoot(dir)
	return func(path string) error {
		real := resolved(path)
		rel, err := filepath.Rel(repo, real)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return fmt.Errorf("%s is outside the repository %s", filepath.ToSlash(path), filepath.ToSlash(repo))
		}
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if strings.HasPrefix(part, ".") {
				return fmt.Errorf("%s is in the hidden folder %s", filepath.ToSlash(path), part)
			}
		}
		switch filepath.Ext(real) {
		case ".yaml", ".yml", ".go":
			return nil
		}
		return fmt.Errorf("%s is not a .yaml spec or a .go file", filepath.ToSlash(path))
	}
}

// repoRoot returns the folder of the git repository holding dir, with
// symbolic links resolved: the first folder from dir up that holds .git;
// dir itself outside a repository.
func repoRoot(dir string) string {
	d := resolved(dir)
	for p := d; ; {
		if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
			return p
		}
		up := filepath.Dir(p)
		if up == p {
			return d
		}
		p = up
	}
}

// resolved returns p absolute, with symbolic links resolved; for a path
// that does not exist, its folder's.
func resolved(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(r, filepath.Base(p))
	}
	return p
}

// specFile returns the path of the codes spec of the site folder dir, as
// c names it, or the default codes/codes.yaml, which may not exist.
func specFile(dir string, c siteConfig) string {
	if c.Codes == "" {
		return filepath.Join(dir, defaultSpec)
	}
	name := filepath.FromSlash(c.Codes)
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	return name
}

// configFile is the name of a site's settings file, in the site folder.
const configFile = "kettudocs.yaml"

// siteConfig holds the settings that belong to a site rather than to one
// run, so CI and writers build the same site. Flags override them.
type siteConfig struct {
	Title   string `yaml:"title"`    // the site title; default the home page's title
	BaseURL string `yaml:"base_url"` // where the site is served, as --base-url
	Codes   string `yaml:"codes"`    // the codes spec, relative to the site folder; default codes/codes.yaml if present
	// UnsafeHTML publishes raw HTML and link URLs as written, unsanitized:
	// for sites whose every writer is trusted. See the README, Security.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// EditURL is where pages are edited: the URL of content/ in an editor.
	EditURL string `yaml:"edit_url"`
	// The site's brand on the theme: files of static/ (the site's or the
	// theme's), and a CSS colour.
	Logo     string       `yaml:"logo"`
	Favicon  string       `yaml:"favicon"`
	Accent   string       `yaml:"accent"`
	ExtraCSS []string     `yaml:"extra_css"`
	ExtraJS  []scriptConf `yaml:"extra_js"`
	// Versions publishes several versions of the site side by side, each
	// from a git ref (versions.go).
	Versions []versionConf `yaml:"versions"`

	lines map[string]int // the line of each key, for problems with its value
}

// scriptConf is an entry of extra_js: a file name, or a mapping
// {src: FILE, swap: true} for a script that does its work again on the
// kettudocs:swap event, so that the preview's live reload may put changes
// in place on pages that load it rather than reload them.
type scriptConf struct {
	Src  string
	Swap bool
}

// UnmarshalYAML reads either form, naming an unknown key: a decoder's
// KnownFields does not reach into a type that decodes itself.
func (s *scriptConf) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Decode(&s.Src)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var err error
			switch k.Value {
			case "src":
				err = v.Decode(&s.Src)
			case "swap":
				err = v.Decode(&s.Swap)
			default:
				return fmt.Errorf("yaml: line %d: unknown key %q in an extra_js entry: want a file name, or src: FILE with swap: true", k.Line, k.Value)
			}
			if err != nil {
				return err
			}
		}
		if s.Src == "" {
			return fmt.Errorf("yaml: line %d: an extra_js entry without src: want src: FILE", n.Line)
		}
		return nil
	}
	return fmt.Errorf("yaml: line %d: an extra_js entry must be a file name, or src: FILE with swap: true", n.Line)
}

// brand returns the site's look on the theme, as layouts see it.
func (c siteConfig) brand() layout.Brand {
	b := layout.Brand{Logo: c.Logo, Favicon: c.Favicon, Accent: c.Accent, CSS: c.ExtraCSS}
	for _, s := range c.ExtraJS {
		b.JS = append(b.JS, s.Src)
		if s.Swap {
			b.Swap = append(b.Swap, s.Src)
		}
	}
	return b
}

// line returns the line of key in the file, or 0 when it has none.
func (c siteConfig) line(key string) int { return c.lines[key] }

var (
	yamlField = regexp.MustCompile(`line (\d+): field (\S+) not found in type \S+`)
	yamlLine  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// loadConfig reads the settings file of the site folder dir, if it has one.
// What is wrong in it is a diag.List, placed in the file as the site
// folder names it ("site/kettudocs.yaml:2"); an unknown key is a problem,
// so a typo does not silently leave a setting out.
func loadConfig(dir string) (siteConfig, error) {
	var c siteConfig
	name := filepath.Join(dir, configFile)
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, diag.List{diag.ReadError(filepath.ToSlash(name), err)}
	}
	return parseConfig(filepath.ToSlash(name), data)
}

// parseConfig reads the settings file file, whose bytes are data.
func parseConfig(file string, data []byte) (siteConfig, error) {
	var c siteConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		p := diag.Problem{Pos: diag.Position{File: file}, Msg: err.Error(), Hint: "settings are YAML: key: value, one a line"}
		if m := yamlField.FindStringSubmatch(err.Error()); m != nil {
			p.Pos.Line, _ = strconv.Atoi(m[1])
			p.Msg = fmt.Sprintf("unknown key %q", m[2])
			p.Hint = codespec.Suggest(m[2], []string{"title", "base_url", "codes", "unsafe_html", "edit_url", "logo", "favicon", "accent", "extra_css", "extra_js", "versions", "ref", "label", "path", "current"}, "the known keys are title, base_url, codes, unsafe_html, edit_url, logo, favicon, accent, extra_css, extra_js and versions (each with ref, label, path, current)")
		} else if m := yamlLine.FindStringSubmatch(strings.TrimSpace(err.Error())); m != nil {
			p.Pos.Line, _ = strconv.Atoi(m[1])
			p.Msg = m[2]
		}
		return c, diag.List{p}
	}
	// The decoded file is valid YAML: its node tree gives each key's line.
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 {
		m := doc.Content[0]
		c.lines = make(map[string]int, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			c.lines[m.Content[i].Value] = m.Content[i].Line
			if m.Content[i].Value == "versions" {
				for j, v := range m.Content[i+1].Content {
					if j < len(c.Versions) {
						c.Versions[j].line = v.Line
					}
				}
			}
		}
	}
	if problems := validVersions(file, c); len(problems) > 0 {
		return c, problems
	}
	return c, nil
}

// gitLogDir returns the folder of the HEAD log of the git repository
// holding dir, to which git adds a line on every commit, checkout, merge
// and reset; "" outside a repository. .git may be a file naming the git
// folder, as in a worktree.
func gitLogDir(dir string) string {
	repo := repoRoot(dir)
	g := filepath.Join(repo, ".git")
	st, err := os.Stat(g)
	switch {
	case err != nil:
		return ""
	case !st.IsDir():
		data, err := os.ReadFile(g)
		if err != nil || len(data) > 4096 {
			return ""
		}
		target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir: ")
		if !ok {
			return ""
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(repo, target)
		}
		g = target
	}
	return filepath.Join(g, "logs")
}
