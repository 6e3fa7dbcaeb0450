package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mkdocsConfig is what Import reads of mkdocs.yml.
type mkdocsConfig struct {
	SiteName   string         `yaml:"site_name"`
	SiteURL    string         `yaml:"site_url"`
	RepoURL    string         `yaml:"repo_url"`
	EditURI    *string        `yaml:"edit_uri"`
	DocsDir    string         `yaml:"docs_dir"`
	Nav        yaml.Node      `yaml:"nav"`
	Extra      map[string]any `yaml:"extra"`
	ExtraCSS   []string       `yaml:"extra_css"`
	ExtraJS    []string       `yaml:"extra_javascript"`
	Theme      yaml.Node      `yaml:"theme"`
	Plugins    yaml.Node      `yaml:"plugins"`
	Extensions yaml.Node      `yaml:"markdown_extensions"`
}

// mkdocsExtensions are the Markdown extensions of MkDocs and
// pymdown-extensions whose syntax kettudocs reads, or which change
// nothing a page shows.
var mkdocsExtensions = map[string]bool{
	"admonition": true, "pymdownx.details": true, "pymdownx.tabbed": true, "pymdownx.superfences": true,
	"toc": true, "tables": true, "footnotes": true, "def_list": true, "codehilite": true, "pymdownx.highlight": true,
	"pymdownx.inlinehilite": true, "fenced_code": true, "md_in_html": true, "pymdownx.tasklist": true,
	"sane_lists": true, "smarty": true, "pymdownx.magiclink": true, "meta": true,
}

// autodocRE matches a line of mkautodoc or mkdocstrings, which renders a
// Python object's documentation: "::: httpx.Client".
var autodocRE = regexp.MustCompile(`^:::\s+[A-Za-z_][\w.]*\s*$`)

// readMkDocs reads the MkDocs site in src: mkdocs.yml and its docs
// folder.
func readMkDocs(src string) (*site, error) {
	s := newSite(src)
	cfgName := "mkdocs.yml"
	data, err := os.ReadFile(filepath.Join(src, cfgName))
	if errors.Is(err, fs.ErrNotExist) {
		cfgName = "mkdocs.yaml"
		data, err = os.ReadFile(filepath.Join(src, cfgName))
	}
	if err != nil {
		return nil, fmt.Errorf("no MkDocs site in %s: %w", src, err)
	}
	var c mkdocsConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", cfgName, err)
	}
	s.title, s.baseURL = c.SiteName, c.SiteURL
	docs := c.DocsDir
	if docs == "" {
		docs = "docs"
	}
	// MkDocs's own default edit_uri for GitHub and GitLab.
	if c.RepoURL != "" && (c.EditURI == nil || *c.EditURI != "") {
		uri := "edit/master/" + docs + "/"
		if c.EditURI != nil {
			uri = *c.EditURI
		}
		if strings.Contains(c.RepoURL, "github.com") || strings.Contains(c.RepoURL, "gitlab.com") || c.EditURI != nil {
			s.editURL = strings.TrimSuffix(c.RepoURL, "/") + "/" + strings.TrimPrefix(uri, "/")
		}
	}

	// The settings kettudocs has no form of.
	customDir := themeCustomDir(&c.Theme)
	if dir := customDir; dir != "" {
		s.note(cfgName, c.Theme.Line, false, fmt.Sprintf("theme custom_dir %s: templates of MkDocs's theme", dir),
			"kettudocs's theme has its own layouts: put what you need in layouts/ or static/ (see the README, Theming)")
	}
	macros := false
	for _, p := range namedItems(&c.Plugins) {
		switch p.name {
		case "search":
		case "macros":
			macros = true
		default:
			s.note(cfgName, p.line, false, fmt.Sprintf("plugin %s", p.name), "kettudocs runs no MkDocs plugins: see whether kettudocs does the same by itself (search, redirects as aliases:, git dates)")
		}
	}
	for _, e := range namedItems(&c.Extensions) {
		if known := mkdocsExtensions[e.name]; !known {
			s.note(cfgName, e.line, false, fmt.Sprintf("Markdown extension %s", e.name), "kettudocs reads CommonMark, GitHub's extensions and MkDocs's admonitions and tabs: pages that use its syntax show it as text")
		}
	}
	for _, js := range c.ExtraJS {
		s.note(cfgName, 0, false, "extra_javascript "+js, "copy it into static/ and list it in kettudocs.yaml extra_js")
	}

	// The pages and files of docs_dir.
	root := filepath.Join(src, filepath.FromSlash(docs))
	names, err := files(root)
	if err != nil {
		return nil, err
	}
	css := map[string]bool{}
	for _, c := range c.ExtraCSS {
		css[path.Clean(c)] = true
	}
	for _, name := range names {
		from := path.Join(docs, name)
		if customDir != "" && strings.HasPrefix(from+"/", path.Clean(customDir)+"/") {
			continue // the theme's templates, noted above
		}
		switch {
		case path.Ext(name) == ".md":
			p, err := s.readPage(from)
			if err != nil {
				return nil, err
			}
			p.old = name
			to := name
			// README.md is the page of its folder in MkDocs, when the
			// folder has no index.md.
			if path.Base(name) == "README.md" && !slices.Contains(names, path.Join(path.Dir(name), "index.md")) {
				to = path.Join(path.Dir(name), "index.md")
				s.renamed[name] = to
				s.note(from, 0, true, "renamed to "+path.Join(docs, to)+", the page of its folder", "")
			}
			if macros {
				s.macros(p, mkdocsVars(c))
			}
			s.mkdocsPage(p)
			s.pages[to] = p
		case css[name]:
			s.files["static/"+name] = filepath.Join(root, filepath.FromSlash(name))
			s.extraCSS = append(s.extraCSS, name)
			s.note(from, 0, true, "extra_css: moved to static/"+name+", listed in kettudocs.yaml extra_css", "")
		default:
			s.addFile(root, from, name)
		}
	}
	if c.Nav.Kind == yaml.SequenceNode {
		s.mkdocsNav(cfgName, &c.Nav)
	}
	if err := s.folderNavs(root, docs); err != nil {
		return nil, err
	}
	return s, nil
}

// folderNavs reads the navigation files of the awesome-pages and
// awesome-nav plugins, .pages and .nav.yml in a folder of the docs
// (title:, and nav: or arrange:, a list of the folder's entries in
// order, "..." for the rest), into the folder's order and title.
func (s *site) folderNavs(root, docs string) error {
	return filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != ".pages" && d.Name() != ".nav.yml" && d.Name() != ".nav.yaml") {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(file))
		dir := filepath.ToSlash(rel) + "/"
		if dir == "./" {
			dir = ""
		}
		from := path.Join(docs, dir, d.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var f struct {
			Title   string    `yaml:"title"`
			Nav     yaml.Node `yaml:"nav"`
			Arrange yaml.Node `yaml:"arrange"`
		}
		if err := yaml.Unmarshal(data, &f); err != nil {
			s.note(from, 0, false, "unreadable: "+err.Error(), "write the folder's order as an order: list in its _index.md")
			return nil
		}
		if f.Title != "" {
			if p := s.pages[dir+"index.md"]; p != nil && p.title() != f.Title {
				p.set("sidebar_label", f.Title)
			} else if p == nil {
				s.folderTitles[dir] = f.Title
			}
		}
		list := &f.Nav
		if list.Kind != yaml.SequenceNode {
			list = &f.Arrange
		}
		var order []string
		for _, item := range list.Content {
			title, entry := "", item.Value
			if item.Kind == yaml.MappingNode && len(item.Content) == 2 {
				title, entry = item.Content[0].Value, item.Content[1].Value
			}
			switch {
			case entry == "..." || entry == "":
			case strings.Contains(entry, "://"):
				s.note(from, item.Line, false, fmt.Sprintf("nav link %q to %s", title, entry), "link to it from a page: kettudocs's navigation lists the site's pages")
			case s.pages[dir+entry] != nil:
				order = append(order, entry)
				if p := s.pages[dir+entry]; title != "" && title != p.title() {
					p.set("sidebar_label", title)
				}
			case s.isFolder(dir + entry):
				order = append(order, strings.TrimSuffix(entry, "/")+"/")
			default:
				s.note(from, item.Line, false, "nav entry "+entry+", which is no page or folder here", "remove it from the list")
			}
		}
		if len(order) > 0 {
			s.order[dir] = order
			s.note(from, 0, true, "read into the order: list of "+path.Join(docs, dir), "")
		}
		return nil
	})
}

// isFolder reports whether dir (a path in content/) holds a page.
func (s *site) isFolder(dir string) bool {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	for name := range s.pages {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// mkdocsPage converts what MkDocs pages write that kettudocs writes
// otherwise, and notes what it cannot.
func (s *site) mkdocsPage(p *page) {
	if t := p.get("template"); t != "" {
		s.note(p.from, 1, false, "template: "+t+", a template of MkDocs's theme", "name a layout of kettudocs's theme with layout: (page.html, home.html, section.html, or one of your layouts/)")
	}
	p.body = mapLines(p.body, p.bodyLine, func(n int, l string) string {
		if autodocRE.MatchString(l) {
			s.note(p.from, n, false, "generated API documentation "+strings.TrimSpace(l), "kettudocs does not read Python code: write the reference in Markdown, or generate it into a page before the build")
		}
		return l
	})
}

// mkdocsVars returns the values of mkdocs-macros's variables: extra's,
// and config.
func mkdocsVars(c mkdocsConfig) map[string]any {
	vars := map[string]any{}
	for k, v := range c.Extra {
		vars[k] = v
	}
	vars["config"] = map[string]any{"site_name": c.SiteName, "site_url": c.SiteURL, "repo_url": c.RepoURL}
	return vars
}

// mkdocsNav reads the navigation items of the list nav (nav: in
// mkdocs.yml, or one of its sections) into the order of the folders, and
// returns the folder the list's pages share, if they share one.
func (s *site) mkdocsNav(cfg string, nav *yaml.Node) (folder string, one bool) {
	folders := map[string]bool{}
	page := func(entryTitle, file string, line int) {
		file = path.Clean(strings.TrimPrefix(file, "/"))
		if to, ok := s.renamed[file]; ok {
			file = to
		}
		p, ok := s.pages[file]
		if !ok {
			s.note(cfg, line, false, "nav entry "+file+", which is no page of the docs", "remove it from the navigation")
			return
		}
		dir, _ := path.Split(file)
		folders[dir] = true
		s.place(file)
		switch t := p.title(); {
		case entryTitle == "" || entryTitle == t:
		case t == "":
			// MkDocs titles a page without an h1 by its navigation entry.
			p.set("title", entryTitle)
		default:
			p.set("sidebar_label", entryTitle)
		}
	}
	for _, item := range nav.Content {
		switch item.Kind {
		case yaml.ScalarNode:
			page("", item.Value, item.Line)
		case yaml.MappingNode:
			if len(item.Content) != 2 {
				continue
			}
			k, v := item.Content[0], item.Content[1]
			switch {
			case v.Kind == yaml.ScalarNode && strings.Contains(v.Value, "://"):
				s.note(cfg, k.Line, false, fmt.Sprintf("nav link %q to %s", k.Value, v.Value), "link to it from a page: kettudocs's navigation lists the site's pages")
			case v.Kind == yaml.ScalarNode:
				page(k.Value, v.Value, k.Line)
			case v.Kind == yaml.SequenceNode:
				dir, one := s.mkdocsNav(cfg, v)
				switch {
				case !one:
					s.note(cfg, k.Line, false, fmt.Sprintf("nav section %q, whose pages are in several folders", k.Value),
						"kettudocs's sections are folders: the pages keep their URLs and the navigation's order; to make the section, move them into one folder and give each its old URL in aliases:")
				case dir != "" && s.pages[dir+"index.md"] == nil && s.pages[dir+"_index.md"] == nil:
					s.folderTitles[dir] = k.Value
				}
				if one {
					folders[dir] = true
				}
			}
		}
	}
	if len(folders) == 1 {
		for d := range folders {
			return d, true
		}
	}
	return "", false
}

// A namedItem is an entry of a list of plugins or extensions: a name,
// or a mapping from the name to its settings.
type namedItem struct {
	name string
	line int
}

// namedItems returns the names of the list n.
func namedItems(n *yaml.Node) []namedItem {
	var out []namedItem
	for _, item := range n.Content {
		switch item.Kind {
		case yaml.ScalarNode:
			out = append(out, namedItem{item.Value, item.Line})
		case yaml.MappingNode:
			if len(item.Content) > 0 {
				out = append(out, namedItem{item.Content[0].Value, item.Line})
			}
		}
	}
	return out
}

// themeCustomDir returns the custom_dir of MkDocs's theme setting n.
func themeCustomDir(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "custom_dir" {
			return n.Content[i+1].Value
		}
	}
	return ""
}
