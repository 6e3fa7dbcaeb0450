// Package importer makes a kettudocs site of a site written for another
// generator (MkDocs, Docusaurus, Hugo), converting once what has a
// kettudocs form (navigation files, renamed pages and the links to them,
// macros with known values, shortcodes and components that are callouts,
// tabs, links or images) and reporting, at its file and line, each thing it
// could not convert, with what to do.
//
// What kettudocs reads as it is (MkDocs admonitions and content tabs,
// Docusaurus containers, sidebar_position, aliases, weight) is left as it
// is: the site stays close to what its writers know.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/kettu/kettudocs/builder/sanitize"
)

// The kinds of sites Import reads.
const (
	MkDocs     = "mkdocs"
	Docusaurus = "docusaurus"
	Hugo       = "hugo"
)

// Kinds lists the kinds of sites Import reads.
var Kinds = []string{MkDocs, Docusaurus, Hugo}

// A Report says what Import did.
type Report struct {
	Kind  string
	Pages int    // pages written
	Files int    // other files copied
	Notes []Note // what was converted and what was not, by file and line
	// Sources gives the source of each page of the new site, by its path
	// in content/ ("guide/intro.md" → "docs/01-guide/intro.mdx"), as
	// notes name it; pages the import made name the folder they are of.
	Sources map[string]string
}

// A Note is one thing Import converted, or could not.
type Note struct {
	File string // in the source site, as its folder names it
	Line int    // 0 for the whole file
	Done bool   // converted; otherwise left for a person to do
	Msg  string
	Hint string // for what was left: what to do
}

func (n Note) String() string {
	at := n.File
	if n.Line > 0 {
		at = fmt.Sprintf("%s:%d", n.File, n.Line)
	}
	if n.Done {
		return at + ": " + n.Msg
	}
	s := at + ": not converted: " + n.Msg
	if n.Hint != "" {
		s += "\n\thint: " + n.Hint
	}
	return s
}

// Left returns how many things Import could not convert, and in how many
// pages.
func (r *Report) Left() (things, pages int) {
	files := map[string]bool{}
	for _, n := range r.Notes {
		if !n.Done {
			things++
			files[n.File] = true
		}
	}
	return things, len(files)
}

func (r *Report) String() string {
	done := 0
	for _, n := range r.Notes {
		if n.Done {
			done++
		}
	}
	left, pages := r.Left()
	return fmt.Sprintf("imported %s: %d pages, %d other files; %d conversions; %d things to do by hand in %d files", r.Kind, r.Pages, r.Files, done, left, pages)
}

// Import reads the site of kind (MkDocs, Docusaurus or Hugo) in the folder
// src and writes a kettudocs site into dest, a folder that must not exist
// or be empty: no file is ever overwritten. The source is only read.
func Import(kind, src, dest string) (*Report, error) {
	if err := emptyDest(dest); err != nil {
		return nil, err
	}
	var s *site
	var err error
	switch kind {
	case MkDocs:
		s, err = readMkDocs(src)
	case Docusaurus:
		s, err = readDocusaurus(src)
	case Hugo:
		s, err = readHugo(src)
	default:
		return nil, fmt.Errorf("unknown kind of site %q: want %s", kind, strings.Join(Kinds, ", "))
	}
	if err != nil {
		return nil, err
	}
	s.finish()
	if err := s.write(dest); err != nil {
		return nil, err
	}
	notes := s.notes
	sort.SliceStable(notes, func(i, j int) bool {
		if notes[i].File != notes[j].File {
			return notes[i].File < notes[j].File
		}
		return notes[i].Line < notes[j].Line
	})
	sources := make(map[string]string, len(s.pages))
	for name, p := range s.pages {
		sources[name] = p.from
	}
	return &Report{Kind: kind, Pages: len(s.pages), Files: len(s.files), Notes: notes, Sources: sources}, nil
}

// emptyDest checks that dest does not exist or is an empty folder.
func emptyDest(dest string) error {
	entries, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: name a new folder, so that nothing in it is overwritten", dest)
	}
	return nil
}

// A site is what a reader made of another generator's site: the pages
// and files of the kettudocs site, by their paths in it, and its settings.
type site struct {
	src string // the source folder

	title, baseURL, editURL string
	extraCSS                []string

	pages map[string]*page  // by path in content/: "guide/intro.md"
	files map[string]string // path in the new site ("content/img/a.png", "static/x.css") → source file
	// order is the order of each folder's entries, as the source's
	// navigation gives it: "" for content/, "guide/"; names such as
	// "intro.md" and "api/".
	order        map[string][]string
	folderTitles map[string]string // of folders without an index page, from the navigation
	renamed      map[string]string // old path in content/ → new, for the navigation
	docIDs       map[string]string // a Docusaurus doc id → its path in content/
	byOld        map[string]string // every page's old path → its path in content/, for links
	// urlBase is the path below the site's root where the docs' pages
	// were served ("docs/" for Docusaurus), which absolute links have.
	urlBase string
	// rootLinksOutside says that links from the site's root to no page
	// of the content lead to what the site serves besides (Hugo).
	rootLinksOutside bool
	// versions are the other versions of the docs, which stay on the
	// old site: Docusaurus's versions.json, and "next".
	versions []string
	notes    []Note
}

func newSite(src string) *site {
	return &site{
		src: src, pages: map[string]*page{}, files: map[string]string{},
		order: map[string][]string{}, folderTitles: map[string]string{}, renamed: map[string]string{}, docIDs: map[string]string{},
	}
}

// note adds a note.
func (s *site) note(file string, line int, done bool, msg, hint string) {
	s.notes = append(s.notes, Note{File: file, Line: line, Done: done, Msg: msg, Hint: hint})
}

// A page is a page of the new site.
type page struct {
	from   string     // its source, as notes name it
	old    string     // its path in the source's docs folder, which its relative links start from
	linked bool       // its links were rewritten (relinkAll)
	front  *yaml.Node // its front matter, a mapping; nil for none
	body   string     // the Markdown after it
	// bodyLine is the line of the source where body starts, for notes.
	bodyLine int
}

// readPage reads the Markdown file name (a path below s.src) as a page.
func (s *site) readPage(name string) (*page, error) {
	data, err := os.ReadFile(filepath.Join(s.src, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	p := &page{from: name, body: string(data), bodyLine: 1}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if end := strings.Index(rest, "\n---\n"); end >= 0 || strings.HasSuffix(rest, "\n---") {
			if end < 0 {
				end = len(rest) - 4
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(rest[:end]), &doc); err == nil && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
				p.front = doc.Content[0]
				p.body = strings.TrimPrefix(rest[end:], "\n---")
				p.body = strings.TrimPrefix(p.body, "\n")
				p.bodyLine = strings.Count(text[:len(text)-len(p.body)], "\n") + 1
			}
		}
	} else if rest, ok := strings.CutPrefix(text, "+++\n"); ok {
		// TOML, as Hugo sites often write it: read into the YAML that
		// pages are written with (in the order of its keys' names).
		if end := strings.Index(rest, "\n+++"); end >= 0 {
			m := map[string]any{}
			if _, err := toml.Decode(rest[:end], &m); err == nil {
				var n yaml.Node
				if n.Encode(m) == nil && n.Kind == yaml.MappingNode {
					p.front = &n
					p.body = strings.TrimPrefix(strings.TrimPrefix(rest[end:], "\n+++"), "\n")
					p.bodyLine = strings.Count(text[:len(text)-len(p.body)], "\n") + 1
				}
			}
		}
	} else {
		p.body = text
	}
	return p, nil
}

// get returns the value of key in p's front matter as a string, "" when
// it has none.
func (p *page) get(key string) string {
	if n := p.node(key); n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

// node returns the value node of key in p's front matter.
func (p *page) node(key string) *yaml.Node {
	if p.front == nil {
		return nil
	}
	for i := 0; i+1 < len(p.front.Content); i += 2 {
		if p.front.Content[i].Value == key {
			return p.front.Content[i+1]
		}
	}
	return nil
}

// set sets key in p's front matter to value (a string, an int or a list
// of strings), adding the key when it has none.
func (p *page) set(key string, value any) {
	var v yaml.Node
	if err := v.Encode(value); err != nil {
		return
	}
	if v.Kind == yaml.SequenceNode {
		v.Style = yaml.FlowStyle
	}
	if p.front == nil {
		p.front = &yaml.Node{Kind: yaml.MappingNode}
	}
	if n := p.node(key); n != nil {
		*n = v
		return
	}
	p.front.Content = append(p.front.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &v)
}

// remove removes key from p's front matter.
func (p *page) remove(key string) {
	if p.front == nil {
		return
	}
	for i := 0; i+1 < len(p.front.Content); i += 2 {
		if p.front.Content[i].Value == key {
			p.front.Content = slices.Delete(p.front.Content, i, i+2)
			return
		}
	}
}

// title returns the page's title: its front matter's, else its first h1.
func (p *page) title() string {
	if t := p.get("title"); t != "" {
		return t
	}
	title := ""
	mapLines(p.body, 1, func(_ int, l string) string {
		if t, ok := strings.CutPrefix(l, "# "); ok && title == "" {
			title = strings.TrimSpace(t)
		}
		return l
	})
	return title
}

// bytes returns the page as a file.
func (p *page) bytes() []byte {
	var b bytes.Buffer
	if p.front != nil && len(p.front.Content) > 0 {
		b.WriteString("---\n")
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		enc.Encode(p.front)
		enc.Close()
		b.WriteString("---\n")
	}
	b.WriteString(p.body)
	return b.Bytes()
}

// finish writes the navigation's order into the folders' index pages,
// making one for a folder that has none, and rewrites the links to
// renamed pages.
func (s *site) finish() {
	s.relinkAll()
	for _, dir := range slices.Sorted(maps.Keys(s.order)) {
		names := s.order[dir]
		index := dir + "_index.md"
		if _, ok := s.pages[dir+"index.md"]; ok {
			index = dir + "index.md"
		}
		p, ok := s.pages[index]
		if !ok {
			// A section without a page of its own: one that lists its
			// pages in the navigation's order.
			title := s.folderTitles[dir]
			switch {
			case title == "" && dir == "":
				title = orName(s.title, "Home")
			case title == "":
				title = strings.TrimSuffix(path.Base(dir), "/")
			}
			var body strings.Builder
			fmt.Fprintf(&body, "# %s\n\n", title)
			for _, n := range names {
				if strings.HasSuffix(n, "/") {
					fmt.Fprintf(&body, "- [%s](%s)\n", s.sectionTitle(dir+n), n)
				} else if q := s.pages[dir+n]; q != nil {
					fmt.Fprintf(&body, "- [%s](%s)\n", escapeLinkText(orName(q.title(), n)), n)
				}
			}
			p = &page{from: s.sourceOf(dir), body: body.String()}
			s.pages[index] = p
			s.note(s.sourceOf(dir), 0, true, fmt.Sprintf("made %s, the page of the section %q, listing its pages", index, title), "")
		}
		p.set("order", names)
	}
}

// relinkAll rewrites the links of every page not yet relinked (see
// relink). Readers call it before conversions that change how many lines
// a page has, so that the notes of links name their lines in the source.
func (s *site) relinkAll() {
	if s.byOld == nil {
		s.byOld = make(map[string]string, len(s.pages))
		for name, p := range s.pages {
			if p.old != "" {
				s.byOld[p.old] = name
			}
		}
	}
	for name, p := range s.pages {
		if p.old != "" && !p.linked {
			p.body = s.relink(name, p)
			p.linked = true
		}
	}
}

// place adds the page or folder file (a path in content/) to the order
// of its folder, and its folders to theirs, up to content/, each where it
// first comes.
func (s *site) place(file string) {
	add := func(dir, name string) {
		if !slices.Contains(s.order[dir], name) {
			s.order[dir] = append(s.order[dir], name)
		}
	}
	dir, base := path.Split(file)
	if base != "index.md" && base != "_index.md" {
		add(dir, base)
	}
	for d := dir; d != ""; {
		parent, name := path.Split(strings.TrimSuffix(d, "/"))
		add(parent, name+"/")
		d = parent
	}
}

// sourceOf names the source folder of the content folder dir in notes.
func (s *site) sourceOf(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// sectionTitle returns the title of the section folder dir.
func (s *site) sectionTitle(dir string) string {
	for _, index := range []string{dir + "_index.md", dir + "index.md"} {
		if p := s.pages[index]; p != nil {
			if t := p.title(); t != "" {
				return escapeLinkText(t)
			}
		}
	}
	if t := s.folderTitles[dir]; t != "" {
		return escapeLinkText(t)
	}
	return escapeLinkText(strings.TrimSuffix(path.Base(dir), "/"))
}

// write writes the site into dest.
func (s *site) write(dest string) error {
	put := func(name string, data []byte) error {
		full := filepath.Join(dest, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		// O_EXCL: never overwrite, whatever came into dest meanwhile.
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	for name, p := range s.pages {
		if err := put("content/"+name, p.bytes()); err != nil {
			return err
		}
	}
	for name, from := range s.files {
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		if err := put(name, data); err != nil {
			return err
		}
	}
	return put("kettudocs.yaml", s.config())
}

// config returns the new site's kettudocs.yaml.
func (s *site) config() []byte {
	var b strings.Builder
	b.WriteString("# Made by kettudocs import; see the README of kettudocs for every setting.\n")
	field := func(key, value string) {
		if value != "" {
			v, _ := yaml.Marshal(value)
			fmt.Fprintf(&b, "%s: %s", key, v)
		}
	}
	field("title", s.title)
	field("base_url", s.baseURL)
	field("edit_url", s.editURL)
	if len(s.extraCSS) > 0 {
		b.WriteString("extra_css:\n")
		for _, c := range s.extraCSS {
			v, _ := yaml.Marshal(c)
			fmt.Fprintf(&b, "  - %s", v)
		}
	}
	return []byte(b.String())
}

// orName returns title, or name without its extension when title is "".
func orName(title, name string) string {
	if title != "" {
		return title
	}
	return strings.TrimSuffix(name, path.Ext(name))
}

// files returns the files below the folder root, by slash path, but for
// hidden ones and those of hidden folders.
func files(root string) ([]string, error) {
	var names []string
	err := fs.WalkDir(os.DirFS(root), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			names = append(names, name)
		}
		return nil
	})
	return names, err
}

// addFile adds the file name of the docs folder root to the new site's
// content as it is; a file a browser runs is noted instead (from names
// it as notes do).
func (s *site) addFile(root, from, name string) {
	if sanitize.ActiveFile(name) {
		s.activeFile(from)
		return
	}
	s.files["content/"+name] = filepath.Join(root, filepath.FromSlash(name))
}

// activeFile notes the file from, of a type a browser runs (see
// sanitize.ActiveFile), which the build refuses in content/.
func (s *site) activeFile(from string) {
	s.note(from, 0, false, "a file a browser runs ("+path.Ext(from)+"), which kettudocs publishes only from a trusted site",
		"convert it to a passive file (an .svg image to .png), move it to static/ if the theme needs it, or set unsafe_html: true in kettudocs.yaml if every writer is trusted")
}

// escapeLinkText escapes text for the text of a Markdown link.
func escapeLinkText(text string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(text)
}

// staticFiles copies the files of Docusaurus's static folder that pages
// link from the site's root ("/img/a.png") into the new site's content,
// where such links lead in kettudocs.
func (s *site) staticFiles(static string) {
	for _, p := range s.pages {
		for _, m := range staticRefRE.FindAllStringSubmatch(p.body, -1) {
			name := strings.TrimPrefix(path.Clean(m[1]), "/")
			file := filepath.Join(static, filepath.FromSlash(name))
			if st, err := os.Stat(file); err != nil || st.IsDir() {
				continue // not a static file: a link checked as any other
			}
			if _, ok := s.files["content/"+name]; !ok {
				s.files["content/"+name] = file
				if sanitize.ActiveFile(name) {
					s.activeFile("static/" + name)
				} else {
					s.note("static/"+name, 0, true, "copied into content/"+name+", which pages link as /"+name, "")
				}
			}
		}
	}
}
