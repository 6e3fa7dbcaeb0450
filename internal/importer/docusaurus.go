package importer

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	// Settings of docusaurus.config.js, which is JavaScript: only
	// settings written as plain strings are read.
	dsTitleRE   = regexp.MustCompile(`(?m)^\s*title:\s*['"]([^'"]+)['"]`)
	dsURLRE     = regexp.MustCompile(`(?m)^\s*url:\s*['"]([^'"]+)['"]`)
	dsBaseRE    = regexp.MustCompile(`(?m)^\s*baseUrl:\s*['"]([^'"]+)['"]`)
	dsDocsRE    = regexp.MustCompile(`(?s)docs:\s*\{(.*?)\n\s{0,8}\}`)
	dsPathRE    = regexp.MustCompile(`(?m)^\s*path:\s*['"]([^'"]+)['"]`)
	dsRouteRE   = regexp.MustCompile(`(?m)^\s*routeBasePath:\s*['"]([^'"]*)['"]`)
	dsSidebarRE = regexp.MustCompile(`sidebarPath:\s*(?:require\.resolve\(|path\.resolve\(__dirname,\s*)?['"]([^'"]+)['"]`)

	// numberPrefixRE is the number prefix Docusaurus orders files and
	// folders by and leaves out of their ids: "01-intro.md".
	numberPrefixRE = regexp.MustCompile(`^(\d+)[-_. ]+`)
	importRE       = regexp.MustCompile(`^import\s+(?:(\w+)|\{[^}]*\})\s+from\s+['"]([^'"]+)['"];?\s*$`)
	partialUseRE   = regexp.MustCompile(`^\s*<([A-Z]\w*)\s*/>\s*$`)
	tocInlineRE    = regexp.MustCompile(`^\s*<TOCInline\b[^>]*/>\s*$`)
	tabsOpenRE     = regexp.MustCompile(`^\s*<Tabs(\s[^>]*)?>\s*$`)
	tabsCloseRE    = regexp.MustCompile(`^\s*</Tabs>\s*$`)
	tabItemRE      = regexp.MustCompile(`^\s*<TabItem(\s[^>]*)?>\s*$`)
	tabItemCloseRE = regexp.MustCompile(`^\s*</TabItem>\s*$`)
	attrRE         = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|'([^']*)'|\{['"]([^'"]*)['"]\})`)
	mdxCommentRE   = regexp.MustCompile(`\{/\*(.*?)\*/\}`)
	staticRefRE    = regexp.MustCompile(`(?:\]\(|src=["'])(/[^)"'\s]+)`)
)

// readDocusaurus reads the Docusaurus site in src: the folder of
// docusaurus.config.js, its docs and the static files they use.
func readDocusaurus(src string) (*site, error) {
	s := newSite(src)
	var cfgName string
	var cfg []byte
	for _, n := range []string{"docusaurus.config.js", "docusaurus.config.mjs", "docusaurus.config.ts", "docusaurus.config.cjs"} {
		data, err := os.ReadFile(filepath.Join(src, n))
		if err == nil {
			cfgName, cfg = n, data
			break
		}
	}
	if cfgName == "" {
		return nil, fmt.Errorf("no Docusaurus site in %s: no docusaurus.config.js", src)
	}
	text := string(cfg)
	first := func(re *regexp.Regexp, in string) string {
		if m := re.FindStringSubmatch(in); m != nil {
			return m[1]
		}
		return ""
	}
	s.title = first(dsTitleRE, text)
	docs, route, sidebars := "docs", "docs", ""
	if m := dsDocsRE.FindStringSubmatch(text); m != nil {
		if p := first(dsPathRE, m[1]); p != "" {
			docs = p
		}
		if r := dsRouteRE.FindStringSubmatch(m[1]); r != nil {
			route = r[1]
		}
		sidebars = first(dsSidebarRE, m[1])
	}
	route = strings.Trim(route, "/")
	if route != "" {
		s.urlBase = route + "/"
	}
	if u := first(dsURLRE, text); u != "" {
		s.baseURL = strings.TrimSuffix(u, "/") + "/" + strings.Trim(first(dsBaseRE, text), "/")
		s.baseURL = strings.TrimSuffix(s.baseURL, "/") + "/" + s.urlBase
	}
	if data, err := os.ReadFile(filepath.Join(src, "versions.json")); err == nil {
		if json.Unmarshal(data, &s.versions) == nil {
			s.versions = append(s.versions, "next")
			s.note("versions.json", 0, false, fmt.Sprintf("%d versions of the docs besides the current one (versioned_docs/)", len(s.versions)-1),
				"links to them lead to the old site; to publish them with kettudocs, commit each as a git tag or branch and list them under versions: in kettudocs.yaml (see the README, Versions)")
		}
	}
	if strings.Contains(text, "editUrl") {
		s.note(cfgName, 0, false, "editUrl", "set edit_url in kettudocs.yaml to the URL where content/ is edited, once the site has moved")
	}

	root := filepath.Join(src, filepath.FromSlash(docs))
	partials := map[string]*page{}
	names, err := files(root)
	if err != nil {
		return nil, fmt.Errorf("the docs of %s: %w", src, err)
	}
	categories := map[string]string{} // folder → its _category_ file
	for _, name := range names {
		from := path.Join(docs, name)
		ext := path.Ext(name)
		base := path.Base(name)
		switch {
		case base == "_category_.json" || base == "_category_.yml" || base == "_category_.yaml":
			categories[path.Dir(name)] = name
		case (ext == ".md" || ext == ".mdx") && hiddenPart(name):
			// A partial, which pages import: not a page of its own.
			p, err := s.readPage(from)
			if err != nil {
				return nil, err
			}
			p.old = name
			partials[name] = p
		case ext == ".md" || ext == ".mdx":
			p, err := s.readPage(from)
			if err != nil {
				return nil, err
			}
			p.old = name
			to := s.docusaurusName(p, name)
			if _, dup := s.pages[to]; dup {
				s.note(from, 0, false, "its new name "+to+" is another page's", "rename one of them")
				to = strings.TrimSuffix(name, ext) + ".md"
			}
			if to != name {
				s.renamed[name] = to
				s.note(from, 0, true, "renamed to "+to+", the URL it had", "")
			}
			s.pages[to] = p
		case hiddenPart(name):
		default:
			s.addFile(root, from, name)
		}
	}
	// Links first: partials change how many lines a page has. The
	// static files pages link are known to them.
	s.staticFiles(filepath.Join(src, "static"))
	s.relinkAll()
	for to, p := range s.pages {
		s.docusaurusPage(p, to, partials)
	}
	for dir, name := range categories {
		s.category(path.Join(docs, name), filepath.Join(root, filepath.FromSlash(name)), dir)
	}
	if sidebars != "" {
		s.sidebars(src, path.Clean(sidebars))
	}
	return s, nil
}

// hiddenPart reports whether a part of name starts with "_": Docusaurus
// leaves such files out of the pages.
func hiddenPart(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, "_") && !strings.HasPrefix(part, "_category_") {
			return true
		}
	}
	return false
}

// docusaurusName returns the path in the new site's content of the page
// p at name in the docs: without number prefixes, named by its id, as a
// .md file, so that its URL is the one Docusaurus gave it. Its slug, a
// URL of its own, becomes an alias.
func (s *site) docusaurusName(p *page, name string) string {
	dir, file := path.Split(name)
	var parts []string
	for _, part := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
		if part != "" {
			parts = append(parts, numberPrefixRE.ReplaceAllString(part, ""))
		}
	}
	stem := strings.TrimSuffix(file, path.Ext(file))
	if m := numberPrefixRE.FindStringSubmatch(stem); m != nil {
		stem = strings.TrimPrefix(stem, m[0])
		if p.node("sidebar_position") == nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				p.set("sidebar_position", n)
			}
		}
	}
	if id := p.get("id"); id != "" && !strings.Contains(id, "/") {
		stem = id
	}
	p.remove("id")
	newDir := strings.Join(parts, "/")
	// Its id, by which sidebars name it.
	s.docIDs[path.Join(newDir, stem)] = path.Join(newDir, stem+".md")
	to := path.Join(newDir, stem+".md")
	if slug := p.get("slug"); slug != "" && strings.Trim(slug, "/") == strings.Trim(newDir, "/") && strings.HasPrefix(slug, "/") {
		// The page of its folder (slug: / is the docs' home page).
		p.remove("slug")
		s.note(p.from, 1, true, "slug "+slug+": the page of its folder", "")
		to := path.Join(newDir, "index.md")
		s.docIDs[path.Join(newDir, stem)] = to
		return to
	}
	if slug := p.get("slug"); slug != "" {
		old := slug
		if !strings.HasPrefix(slug, "/") {
			old = path.Join("/", newDir, slug)
		}
		alias := "/" + strings.Trim(path.Clean(old), "/") + "/"
		if alias == "//" {
			alias = "/"
		}
		p.remove("slug")
		if alias != "/"+strings.TrimSuffix(to, ".md")+"/" {
			p.set("aliases", []string{alias})
			s.note(p.from, 1, true, "slug "+slug+" kept as the alias "+alias+", which leads to the page", "")
		}
	}
	return to
}

// docusaurusPage converts what a Docusaurus page writes that kettudocs
// writes otherwise: partials it imports, its <Tabs>, MDX comments; it
// drops the imports these needed and notes the others.
func (s *site) docusaurusPage(p *page, name string, partials map[string]*page) {
	uses := map[string]*page{}
	tabs, toc := false, false
	p.body = mapLines(p.body, p.bodyLine, func(n int, l string) string {
		m := importRE.FindStringSubmatch(l)
		if m == nil {
			return mdxCommentRE.ReplaceAllString(l, "<!--$1-->")
		}
		from := m[2]
		switch {
		case from == "@theme/Tabs" || from == "@theme/TabItem":
			tabs = true
			return ""
		case from == "@theme/TOCInline":
			toc = true
			return ""
		case (strings.HasSuffix(from, ".md") || strings.HasSuffix(from, ".mdx")) && m[1] != "":
			target := path.Clean(path.Join(path.Dir(p.old), from))
			if part, ok := partials[target]; ok {
				uses[m[1]] = part
				return ""
			}
		}
		s.note(p.from, n, false, "import of "+from, "kettudocs runs no MDX: what the import brings in shows as nothing; write it in Markdown")
		return l
	})
	if tabs || strings.Contains(p.body, "<Tabs") {
		p.body = s.convertTabs(p)
	}
	if toc {
		// kettudocs shows a page's headings beside it.
		p.body = mapLines(p.body, p.bodyLine, func(n int, l string) string {
			if tocInlineRE.MatchString(l) {
				s.note(p.from, n, true, "<TOCInline> left out: the theme lists the page's headings beside it", "")
				return ""
			}
			return l
		})
	}
	if len(uses) > 0 {
		p.body = mapLines(p.body, p.bodyLine, func(n int, l string) string {
			if m := partialUseRE.FindStringSubmatch(l); m != nil {
				if part := uses[m[1]]; part != nil {
					s.note(p.from, n, true, fmt.Sprintf("<%s /> replaced by the partial %s", m[1], part.from), "")
					// Its links lead from where it is put.
					in := *part
					return strings.TrimRight(s.relink(name, &in), "\n")
				}
			}
			return l
		})
	}
}

// convertTabs returns p's body with each <Tabs> group, its <TabItem>s
// on lines of their own, written as MkDocs's content tabs, which
// kettudocs reads: === "Label" over the item's body, indented. Each line
// stays one line (tags become blank lines), so that later notes name
// their lines in the source.
func (s *site) convertTabs(p *page) string {
	lines := strings.Split(p.body, "\n")
	out := make([]string, len(lines))
	var code fences
	inTabs, first := false, false
	item := -1 // the line of the open <TabItem>, -1 outside one
	closeItem := func(end int) {
		body := lines[item+1 : end]
		indent := commonIndent(body)
		for i, l := range body {
			if strings.TrimSpace(l) == "" {
				out[item+1+i] = ""
			} else {
				out[item+1+i] = "    " + l[min(indent, len(l)):]
			}
		}
		item = -1
	}
	for i, l := range lines {
		n := p.bodyLine + i
		out[i] = l
		if code.in(l) {
			continue
		}
		switch {
		case !inTabs && tabsOpenRE.MatchString(l):
			inTabs, first = true, true
			out[i] = ""
			s.note(p.from, n, true, "<Tabs> written as content tabs (=== \"Label\")", "")
		case inTabs && item < 0 && tabItemRE.MatchString(l):
			attrs := map[string]string{}
			for _, a := range attrRE.FindAllStringSubmatch(l, -1) {
				attrs[a[1]] = a[2] + a[3] + a[4]
			}
			label := attrs["label"]
			if label == "" {
				label = attrs["value"]
			}
			marker := "==="
			if first {
				marker, first = "===!", false
			}
			out[i] = fmt.Sprintf("%s %q", marker, label)
			item = i
		case item >= 0 && tabItemCloseRE.MatchString(l):
			closeItem(i)
			out[i] = ""
		case inTabs && item < 0 && tabsCloseRE.MatchString(l):
			inTabs = false
			out[i] = ""
		case inTabs && item < 0 && strings.TrimSpace(l) != "":
			s.note(p.from, n, false, "text between the tabs of a <Tabs>: "+strings.TrimSpace(l), "move it into a tab, or before the tabs")
		case item < 0 && (strings.Contains(l, "<Tabs") || strings.Contains(l, "<TabItem")):
			s.note(p.from, n, false, "a <Tabs> or <TabItem> tag that shares its line", "put each tag on a line of its own and import again, or write content tabs: === \"Label\" over an indented body")
		}
	}
	if item >= 0 {
		closeItem(len(lines))
	}
	return strings.Join(out, "\n")
}

// commonIndent returns the indentation the non-blank lines share.
func commonIndent(lines []string) int {
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	return max(indent, 0)
}

// category reads the _category_.json (or .yml) file of the folder dir,
// from, into the folder's page: its title and place.
func (s *site) category(from, file, dir string) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	var c struct {
		Label    string  `json:"label" yaml:"label"`
		Position float64 `json:"position" yaml:"position"`
	}
	if strings.HasSuffix(file, ".json") {
		err = json.Unmarshal(data, &c)
	} else {
		err = yaml.Unmarshal(data, &c)
	}
	if err != nil {
		s.note(from, 0, false, "unreadable: "+err.Error(), "give the folder an _index.md with its title and weight")
		return
	}
	d := s.newPath(dir)
	if d != "" {
		d += "/"
	}
	index := d + "_index.md"
	for _, n := range []string{d + "index.md", d + "README.md", d + path.Base(strings.TrimSuffix(d, "/")) + ".md"} {
		if _, ok := s.pages[n]; ok {
			index = n
		}
	}
	p := s.pages[index]
	if p == nil {
		if c.Label == "" {
			c.Label = path.Base(dir)
		}
		s.folderTitles[d] = c.Label
		// The order of the folder's pages, by their sidebar_position.
		var entries []string
		for name := range s.pages {
			if path.Dir(name)+"/" == d || (d == "" && path.Dir(name) == ".") {
				entries = append(entries, path.Base(name))
			}
		}
		slices.SortFunc(entries, func(a, b string) int {
			pa, pb := position(s.pages[d+a]), position(s.pages[d+b])
			if pa != pb {
				return pa - pb
			}
			return strings.Compare(a, b)
		})
		p = &page{from: from, body: "# " + c.Label + "\n"}
		s.pages[index] = p
		if s.order[d] == nil {
			s.order[d] = entries
		}
	} else if c.Label != "" && p.title() != c.Label {
		p.set("sidebar_label", c.Label)
	}
	if c.Position != 0 && p.node("sidebar_position") == nil {
		p.set("sidebar_position", int(c.Position))
	}
	s.note(from, 0, true, "read into "+index+": the section's title and place", "")
}

// position returns the sidebar_position of p, or a large number.
func position(p *page) int {
	if p != nil {
		if n, err := strconv.Atoi(p.get("sidebar_position")); err == nil {
			return n
		}
	}
	return 1 << 30
}

// newPath returns the path in the new site of the docs folder dir: without
// number prefixes.
func (s *site) newPath(dir string) string {
	if dir == "." || dir == "" {
		return ""
	}
	parts := strings.Split(dir, "/")
	for i, part := range parts {
		parts[i] = numberPrefixRE.ReplaceAllString(part, "")
	}
	return strings.Join(parts, "/")
}

// sidebars reads the sidebars file (sidebarPath), when it is JSON, into
// the order of the folders.
func (s *site) sidebars(src, name string) {
	file := filepath.Join(src, filepath.FromSlash(name))
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	var sb map[string]any
	if err := json.Unmarshal(data, &sb); err != nil {
		// sidebars.js: most are one object literal, which reads as JSON
		// once written as JSON.
		js, ok := jsObject(data)
		if !ok || json.Unmarshal(js, &sb) != nil {
			s.note(name, 0, false, "a sidebars file in JavaScript that is more than an object of names", "order the pages with sidebar_position in their front matter, or with an order: list in each folder's _index.md")
			return
		}
		data = js
	}
	byID := s.docIDs
	var walk func(items any, within string)
	var category func(label string)
	add := func(id string) {
		if to, ok := byID[id]; ok {
			s.place(to)
		}
	}
	walk = func(items any, within string) {
		switch v := items.(type) {
		case string:
			add(v)
		case []any:
			for _, it := range v {
				walk(it, within)
			}
		case map[string]any:
			if t, _ := v["type"].(string); t != "" {
				switch t {
				case "doc":
					id, _ := v["id"].(string)
					add(id)
				case "category":
					label, _ := v["label"].(string)
					walk(v["items"], label)
				}
				return
			}
			for _, label := range slices.Sorted(maps.Keys(v)) {
				category(label)
				walk(v[label], label)
			}
		}
	}
	category = func(label string) {
		s.note(name, 0, false, fmt.Sprintf("sidebar category %q", label), "kettudocs's sections are folders: the pages keep their URLs and the sidebar's order; to make the section, move its pages into a folder and give each its old URL in aliases:")
	}
	// Each sidebar, and its categories written as {"Label": [ids]}, in
	// the order of the file, which a Go map does not keep.
	var sidebarsByName map[string]json.RawMessage
	json.Unmarshal(data, &sidebarsByName)
	for _, key := range jsonKeys(data) {
		raw := sidebarsByName[key]
		if labels := jsonKeys(raw); labels != nil {
			var cats map[string]json.RawMessage
			json.Unmarshal(raw, &cats)
			for _, label := range labels {
				var items any
				json.Unmarshal(cats[label], &items)
				category(label)
				walk(items, label)
			}
			continue
		}
		var v any
		json.Unmarshal(raw, &v)
		walk(v, "")
	}
	s.note(name, 0, true, "the sidebars' order read into the folders' order: lists", "")
}

// jsonKeys returns the keys of the JSON object data in their order.
func jsonKeys(data []byte) []string {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

var (
	jsLineCommentRE  = regexp.MustCompile(`(?m)^\s*//.*$|\s//[^'"\n]*$`)
	jsBlockCommentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)
	jsKeyRE          = regexp.MustCompile(`([{,]\s*)([A-Za-z_$][\w$]*)\s*:`)
	jsSingleRE       = regexp.MustCompile(`'((?:[^'\\"]|\\.)*)'`)
	jsTrailingRE     = regexp.MustCompile(`,(\s*[}\]])`)
	jsStartRE        = regexp.MustCompile(`(?:module\.exports\s*=|export\s+default|const\s+\w+(?:\s*:\s*[\w.]+)?\s*=)\s*\{`)
)

// jsObject returns the object literal a sidebars.js exports, written as
// JSON: comments left out, keys quoted, single quotes made double,
// trailing commas dropped. It reports false for a file that is more than
// that (requires, functions, spreads, variables).
func jsObject(src []byte) ([]byte, bool) {
	text := jsBlockCommentRE.ReplaceAllString(string(src), "")
	text = jsLineCommentRE.ReplaceAllString(text, "")
	loc := jsStartRE.FindStringIndex(text)
	if loc == nil {
		return nil, false
	}
	// The object: from its brace to the one that closes it.
	start, depth, end := loc[1]-1, 0, -1
	var quote byte
	for i := start; i < len(text) && end < 0; i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				end = i + 1
			}
		}
	}
	if end < 0 {
		return nil, false
	}
	obj := text[start:end]
	if strings.Contains(obj, "`") || strings.Contains(obj, "...") || strings.Contains(obj, "require(") || strings.Contains(obj, "=>") {
		return nil, false
	}
	obj = jsSingleRE.ReplaceAllString(obj, `"$1"`)
	obj = jsKeyRE.ReplaceAllString(obj, `$1"$2":`)
	obj = jsTrailingRE.ReplaceAllString(obj, "$1")
	return []byte(obj), json.Valid([]byte(obj))
}
