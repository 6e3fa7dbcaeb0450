package builder

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Chroma styles for code blocks: light and dark, switched by the theme.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// asset is a file of the output that does not come from a page.
type asset struct {
	out  string // slash path in the output
	data []byte
}

// themeAssets reads the theme's static/ folder. CSS and JS files get a
// content hash in their name ("theme.css" → "theme.3f2a9c1b.css") so hosts
// can cache them forever; names maps each to its output path. The
// generated highlighting stylesheet is one of them, as "chroma.css".
func themeAssets(theme fs.FS) (files []asset, names map[string]string, err error) {
	names = make(map[string]string)
	add := func(name string, data []byte) {
		out := name
		if ext := path.Ext(name); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		names[name] = out
		files = append(files, asset{out: out, data: data})
	}
	css, err := chromaCSS()
	if err != nil {
		return nil, nil, err
	}
	if _, err := fs.Stat(theme, "static"); err != nil {
		add("chroma.css", css)
		return files, names, nil
	}
	err = fs.WalkDir(theme, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return err
		}
		add(strings.TrimPrefix(name, "static/"), data)
		return nil
	})
	if _, ok := names["chroma.css"]; !ok {
		add("chroma.css", css)
	}
	return files, names, err
}

// chromaCSS writes the highlighting styles: the light style by default, the
// dark one under [data-theme="dark"] (set by the theme toggle) and, for
// readers with no choice stored, when the system prefers dark.
func chromaCSS() ([]byte, error) {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	light, dark := styles.Get(lightStyle), styles.Get(darkStyle)
	if err := f.WriteCSS(&buf, light); err != nil {
		return nil, err
	}
	var d bytes.Buffer
	if err := f.WriteCSS(&d, dark); err != nil {
		return nil, err
	}
	buf.WriteString("/* dark */\n")
	buf.Write(scopeCSS(d.Bytes(), `:root[data-theme="dark"] `))
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	buf.Write(scopeCSS(d.Bytes(), `:root:not([data-theme="light"]) `))
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// scopeCSS prefixes every selector of chroma's one-rule-per-line CSS.
func scopeCSS(css []byte, scope string) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(css))
	for sc.Scan() {
		line := sc.Text()
		// Chroma prefixes each rule with a comment: "/* Name */ .chroma .x { … }".
		if i := strings.Index(line, "*/"); i >= 0 {
			line = line[i+2:]
		}
		line = strings.TrimSpace(line)
		sel, body, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		parts := strings.Split(sel, ",")
		for i := range parts {
			parts[i] = scope + strings.TrimSpace(parts[i])
		}
		fmt.Fprintf(&out, "%s {%s\n", strings.Join(parts, ", "), body)
	}
	return out.Bytes()
}
