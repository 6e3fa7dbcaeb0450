package importer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

var (
	// A shortcode, {{< name args >}} or {{% name args %}}: its name, and
	// its arguments.
	shortcodeRE = regexp.MustCompile(`\{\{([<%])\s*(/?)\s*([\w./-]+)((?:[^>%}]|%[^}]|>[^}])*?)\s*[>%]\}\}`)
	// pairedRE finds a shortcode with a body, up to its closing tag: a
	// callout or highlight (name, arguments, body, closing name), or a
	// tabpane (arguments, body), whose tabs close before it does.
	pairedRE = regexp.MustCompile(`(?s)\{\{[<%]\s*(alert|pageinfo|notice|highlight)\b((?:[^>%}]|%[^}]|>[^}])*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/\s*(alert|pageinfo|notice|highlight)\s*[>%]\}\}` +
		`|\{\{[<%]\s*tabpane\b((?:[^>%}]|%[^}]|>[^}])*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/\s*tabpane\s*[>%]\}\}`)
	escapedRE    = regexp.MustCompile(`\{\{([<%])/\*\s*(.*?)\s*\*/([>%])\}\}`)
	argRE        = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|(\S+)`)
	hugoRefRE    = regexp.MustCompile(`\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s>%]+)"?\s*[>%]\}\}`)
	hugoParamRE  = regexp.MustCompile(`\{\{[<%]\s*param\s+"?([\w.]+)"?\s*[>%]\}\}`)
	calloutKinds = map[string]string{
		"warning": "WARNING", "danger": "CAUTION", "error": "CAUTION", "success": "TIP", "tip": "TIP",
		"info": "NOTE", "note": "NOTE", "primary": "NOTE", "secondary": "NOTE", "light": "NOTE", "dark": "NOTE", "important": "IMPORTANT",
	}
)

// readHugo reads the Hugo site in src: its configuration and its content
// folder (the default language's, for a site in several).
func readHugo(src string) (*site, error) {
	s := newSite(src)
	cfg, cfgName, err := hugoConfig(src)
	if err != nil {
		return nil, err
	}
	str := func(m map[string]any, key string) string {
		v, _ := m[key].(string)
		return v
	}
	s.title, s.baseURL = str(cfg, "title"), str(cfg, "baseURL")
	contentDir := str(cfg, "contentDir")
	params, _ := cfg["params"].(map[string]any)
	if params == nil {
		params = map[string]any{}
	}
	// A site in several languages: the default one's content.
	if langs, ok := cfg["languages"].(map[string]any); ok && len(langs) > 0 {
		lang := str(cfg, "defaultContentLanguage")
		if lang == "" {
			lang = "en"
		}
		l, ok := langs[lang].(map[string]any)
		if !ok {
			for _, name := range sortedKeys(langs) {
				l, _ = langs[name].(map[string]any)
				lang = name
				break
			}
		}
		if l != nil {
			if d := str(l, "contentDir"); d != "" {
				contentDir = d
			}
			if t := str(l, "title"); t != "" && s.title == "" {
				s.title = t
			}
			if p, ok := l["params"].(map[string]any); ok {
				for k, v := range p {
					params[k] = v
				}
			}
		}
		if len(langs) > 1 {
			s.note(cfgName, 0, false, fmt.Sprintf("%d languages: the pages of %s (%s) were imported", len(langs), lang, contentDir), "import each other language's content folder as a site of its own")
		}
	}
	if contentDir == "" {
		contentDir = "content"
	}
	if str(cfg, "theme") != "" || cfg["theme"] != nil {
		s.note(cfgName, 0, false, fmt.Sprintf("theme %v: its layouts and shortcodes", cfg["theme"]), "kettudocs's theme has its own layouts: put what you need in layouts/ or static/ (see the README, Theming)")
	}

	root := filepath.Join(src, filepath.FromSlash(contentDir))
	names, err := files(root)
	if err != nil {
		return nil, fmt.Errorf("the content of %s: %w", src, err)
	}
	for _, name := range names {
		from := path.Join(contentDir, name)
		switch ext := path.Ext(name); {
		case ext == ".md" || ext == ".markdown":
			p, err := s.readPage(from)
			if err != nil {
				return nil, err
			}
			p.old = name
			to := strings.TrimSuffix(name, ext) + ".md"
			s.pages[to] = p
		default:
			s.addFile(root, from, name)
		}
	}
	// Links first: shortcodes change how many lines a page has. The
	// static files pages link are known to them.
	s.staticFiles(filepath.Join(src, "static"))
	s.relinkAll()
	for name, p := range s.pages {
		s.hugoPage(p, name, params)
	}
	s.rootLinksOutside = true
	return s, nil
}

// hugoConfig reads the configuration of the Hugo site in src.
func hugoConfig(src string) (map[string]any, string, error) {
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml", "config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/config.toml", "config/_default/config.yaml"} {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		if err != nil {
			continue
		}
		cfg := map[string]any{}
		if strings.HasSuffix(name, ".toml") {
			err = toml.Unmarshal(data, &cfg)
		} else {
			err = yaml.Unmarshal(data, &cfg)
		}
		if err != nil {
			return nil, name, fmt.Errorf("%s: %w", name, err)
		}
		return cfg, name, nil
	}
	return nil, "", fmt.Errorf("no Hugo site in %s: no hugo.toml, hugo.yaml or config.toml", src)
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hugoPage converts what a Hugo page writes that kettudocs writes
// otherwise: its shortcodes that have a kettudocs form, linkTitle, url
// and slug; it notes the shortcodes it leaves.
func (s *site) hugoPage(p *page, name string, params map[string]any) {
	if t := p.get("linkTitle"); t != "" {
		p.remove("linkTitle")
		if t != p.title() {
			p.set("sidebar_label", t)
		}
	}
	dir := path.Dir(name)
	if dir == "." {
		dir = ""
	}
	for _, key := range []string{"url", "slug"} {
		v := p.get(key)
		if v == "" {
			continue
		}
		old := v
		if key == "slug" {
			old = path.Join("/", dir, v)
		}
		alias := "/" + strings.Trim(old, "/") + "/"
		p.remove(key)
		p.set("aliases", append(listOf(p.node("aliases")), alias))
		s.note(p.from, 1, true, key+": "+v+" kept as the alias "+alias+", which leads to the page", "")
	}
	if l := p.get("layout"); l != "" {
		p.remove("layout")
		s.note(p.from, 1, false, "layout: "+l+", a layout of Hugo's theme, left out: the page has kettudocs's layout", "to give it a layout of its own, add layouts/NAME.html and write layout: NAME")
	}
	// Hugo runs shortcodes in code blocks too (an example of one is
	// written {{</* name */>}}): so are they converted here.
	convert := func(text string) string {
		// Each pass but the last keeps the lines as they are: an offset's
		// line in the text of a pass is its line in the source.
		line := func(off int) int { return p.bodyLine + strings.Count(text[:min(off, len(text))], "\n") }
		text = escapedRE.ReplaceAllStringFunc(text, func(m string) string {
			sub := escapedRE.FindStringSubmatch(m)
			return "{{" + sub[1] + " " + sub[2] + " " + sub[3] + "}}"
		})
		text = replaceAllIndex(hugoRefRE, text, func(m []string, off int) string {
			target, frag, _ := strings.Cut(m[1], "#")
			to, ok := s.hugoRef(dir, target)
			if !ok {
				s.note(p.from, line(off), false, "ref to "+m[1]+", which is no page of the content", "link to the page's .md file")
				return m[0]
			}
			rel := relPath(dir, to)
			if frag != "" {
				rel += "#" + frag
			}
			s.note(p.from, line(off), true, "ref "+m[1]+" → "+rel, "")
			return rel
		})
		text = replaceAllIndex(hugoParamRE, text, func(m []string, off int) string {
			if v, ok := lookup(params, m[1]); ok {
				s.note(p.from, line(off), true, fmt.Sprintf("param %s replaced by its value %q", m[1], v), "")
				return v
			}
			s.note(p.from, line(off), false, "param "+m[1]+", which the configuration does not give", "write its value")
			return m[0]
		})
		text = replaceAllIndex(shortcodeRE, text, func(m []string, off int) string {
			name, args := m[3], parseArgs(m[4])
			switch name {
			case "youtube":
				id := args["id"]
				if id == "" {
					id = args["0"]
				}
				s.note(p.from, line(off), true, "youtube "+id+" as a link to the video", "")
				return fmt.Sprintf("[Video on YouTube](https://www.youtube.com/watch?v=%s)", id)
			case "figure":
				alt := args["alt"]
				if alt == "" {
					alt = args["caption"]
				}
				out := fmt.Sprintf("![%s](%s)", escapeLinkText(alt), args["src"])
				if c := args["caption"]; c != "" && c != alt {
					out = fmt.Sprintf("![%s](%s %q)", escapeLinkText(alt), args["src"], c)
				}
				s.note(p.from, line(off), true, "figure as an image", "")
				return out
			}
			if m[2] == "" && !handled[name] {
				s.note(p.from, line(off), false, "shortcode "+name+", which kettudocs shows as text", "write what it shows in Markdown, or leave it out")
			}
			return m[0]
		})
		// Last: the one pass that changes how many lines there are, so
		// that the notes of the others name their lines.
		return replaceAllIndex(pairedRE, text, func(m []string, off int) string {
			return s.pairedShortcode(p, m, line(off))
		})
	}
	p.body = convert(p.body)
}

// handled are the shortcodes noted where they are converted: by the
// passes of ref, relref and param, and of the shortcodes with a body.
var handled = map[string]bool{"ref": true, "relref": true, "param": true, "alert": true, "pageinfo": true, "notice": true, "highlight": true, "tab": true, "tabpane": true}

// pairedShortcode returns the Markdown of a shortcode with a body, m as
// pairedRE matches it, at line n of p.
func (s *site) pairedShortcode(p *page, m []string, n int) string {
	if m[1] == "" { // a tabpane
		return s.tabpane(p, m[6], parseArgs(m[5]), n)
	}
	name, args, body := m[1], parseArgs(m[2]), strings.TrimSpace(m[3])
	if name != m[4] {
		return m[0]
	}
	switch name {
	case "alert", "pageinfo", "notice":
		kind := "NOTE"
		color := args["color"]
		if color == "" {
			color = args["0"] // notice's type
		}
		for _, w := range strings.Fields(color) {
			if k, ok := calloutKinds[w]; ok {
				kind = k
				break
			}
		}
		title := args["title"]
		if name == "notice" && title == "" {
			title = args["1"]
		}
		head := "> [!" + kind + "]"
		if title != "" {
			head += " " + title
		}
		var b strings.Builder
		b.WriteString(head + "\n")
		for _, l := range strings.Split(body, "\n") {
			if strings.TrimSpace(l) == "" {
				b.WriteString(">\n")
			} else {
				b.WriteString("> " + l + "\n")
			}
		}
		s.note(p.from, n, true, name+" as a callout ("+kind+")", "")
		return strings.TrimSuffix(b.String(), "\n")
	case "highlight":
		lang := args["0"]
		s.note(p.from, n, true, "highlight as a fenced code block", "")
		return "```" + lang + "\n" + body + "\n```"
	}
	return m[0]
}

// tabRE finds the tabs of a Docsy tabpane.
var tabRE = regexp.MustCompile(`(?s)\{\{[<%]\s*tab\b((?:[^>%}]|%[^}]|>[^}])*?)\s*[>%]\}\}(.*?)\{\{[<%]\s*/\s*tab\s*[>%]\}\}`)

// tabpane returns a Docsy tabpane's tabs as content tabs.
func (s *site) tabpane(p *page, body string, args map[string]string, n int) string {
	var b strings.Builder
	first := true
	for _, t := range tabRE.FindAllStringSubmatch(body, -1) {
		targs := parseArgs(t[1])
		label := targs["header"]
		if label == "" {
			label = targs["0"]
		}
		lang := targs["lang"]
		if lang == "" {
			lang = args["lang"]
		}
		content := strings.Trim(t[2], "\n")
		if lang != "" && !strings.Contains(content, "```") && targs["text"] != "true" && args["text"] != "true" {
			content = "```" + lang + "\n" + strings.TrimSpace(content) + "\n```"
		}
		marker := "==="
		if first {
			marker, first = "===!", false
		}
		fmt.Fprintf(&b, "%s %q\n\n", marker, label)
		for _, l := range strings.Split(content, "\n") {
			if strings.TrimSpace(l) == "" {
				b.WriteString("\n")
			} else {
				b.WriteString("    " + l + "\n")
			}
		}
		b.WriteString("\n")
	}
	s.note(p.from, n, true, "tabpane as content tabs (=== \"Label\")", "")
	return strings.TrimSuffix(b.String(), "\n")
}

// hugoRef returns the page of the content that Hugo's ref shortcode
// finds for target from the folder dir.
func (s *site) hugoRef(dir, target string) (string, bool) {
	var cands []string
	if t, ok := strings.CutPrefix(target, "/"); ok {
		cands = []string{t}
	} else {
		cands = []string{path.Join(dir, target), target}
	}
	for _, c := range cands {
		if to, ok := s.pageAt(strings.TrimSuffix(path.Clean(c), "/")); ok {
			return to, true
		}
	}
	// Hugo also finds a page by its file name alone, when one has it.
	var found []string
	base := path.Base(strings.TrimSuffix(target, "/"))
	for name := range s.pages {
		b := path.Base(name)
		if b == base || b == base+".md" || (b == "_index.md" || b == "index.md") && path.Base(path.Dir(name)) == base {
			found = append(found, name)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// parseArgs returns the arguments of a shortcode: named ones by name,
// the others by their place ("0", "1").
func parseArgs(s string) map[string]string {
	args := map[string]string{}
	i := 0
	for _, m := range argRE.FindAllStringSubmatch(s, -1) {
		if m[1] != "" {
			args[m[1]] = m[2] + m[3] + m[4]
			continue
		}
		args[fmt.Sprint(i)] = m[5] + m[6]
		i++
	}
	return args
}

// listOf returns the strings of the YAML list or string n.
func listOf(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// replaceAllIndex replaces each match of re in text with what f returns
// for its submatches and offset.
func replaceAllIndex(re *regexp.Regexp, text string, f func(m []string, off int) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = text[loc[2*i]:loc[2*i+1]]
			}
		}
		b.WriteString(text[last:loc[0]])
		b.WriteString(f(m, loc[0]))
		last = loc[1]
	}
	b.WriteString(text[last:])
	return b.String()
}
