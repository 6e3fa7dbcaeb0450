package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
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

// chromaCSS writes the highlighting stylesheet: one rule per group of token
// classes with the same look, each colour given for both styles as
// light-dark(LIGHT, DARK). The colours then follow the page's color-scheme,
// which the theme sets from the reader's system preference or the theme
// toggle, with no second copy of the rules for dark mode.
//
// Colour differences are kept exactly. Of the font styles, italic and
// underline are used when either style has them, bold only when both do
// (and for strong text), so switching themes never changes line lengths
// much.
func chromaCSS() ([]byte, error) {
	light, dark := styles.Get(lightStyle), styles.Get(darkStyle)
	lbg, dbg := light.Get(chroma.Background), dark.Get(chroma.Background)

	var types []chroma.TokenType
	for tt := range chroma.StandardTypes {
		types = append(types, tt)
	}
	slices.Sort(types)

	rules := make(map[string][]string) // declarations → classes
	var order []string
	for _, tt := range types {
		class := chroma.StandardTypes[tt]
		switch {
		case class == "", tt == chroma.TextWhitespace:
			continue
		case tt < 0 && tt != chroma.Error && tt != chroma.LineNumbers && tt != chroma.LineNumbersTable && tt != chroma.LineHighlight:
			continue // wrappers and line tables, which the theme lays out
		}
		l, d := light.Get(tt).Sub(lbg), dark.Get(tt).Sub(dbg)
		if l.IsZero() && d.IsZero() {
			continue
		}
		var decls []string
		if l.Colour.IsSet() || d.Colour.IsSet() {
			decls = append(decls, "color:"+lightDark(l.Colour, d.Colour, "currentcolor"))
		}
		if l.Background.IsSet() || d.Background.IsSet() {
			decls = append(decls, "background-color:"+lightDark(l.Background, d.Background, "transparent"))
		}
		if l.Bold == chroma.Yes && d.Bold == chroma.Yes || tt == chroma.GenericStrong {
			decls = append(decls, "font-weight:bold")
		}
		if l.Italic == chroma.Yes || d.Italic == chroma.Yes {
			decls = append(decls, "font-style:italic")
		}
		if l.Underline == chroma.Yes || d.Underline == chroma.Yes {
			decls = append(decls, "text-decoration:underline")
		}
		switch tt {
		case chroma.LineNumbers, chroma.LineNumbersTable, chroma.GenericPrompt:
			// Not code: never selected or copied with it.
			decls = append(decls, "user-select:none")
		}
		if len(decls) == 0 {
			continue
		}
		key := strings.Join(decls, ";")
		if _, ok := rules[key]; !ok {
			order = append(order, key)
		}
		rules[key] = append(rules[key], ".chroma ."+class)
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "/* Code highlighting: chroma styles %q (light) and %q (dark). */\n", lightStyle, darkStyle)
	buf.WriteString(".chroma{tab-size:4}\n.chroma .ln,.chroma .lnt{margin-right:.8em}\n")
	for _, key := range order {
		fmt.Fprintf(&buf, "%s{%s}\n", strings.Join(rules[key], ","), key)
	}
	return buf.Bytes(), nil
}

// lightDark returns the CSS light-dark() of two colours, with unset for a
// colour the style leaves at its default.
func lightDark(l, d chroma.Colour, unset string) string {
	str := func(c chroma.Colour) string {
		if !c.IsSet() {
			return unset
		}
		return c.String()
	}
	if l == d {
		return str(l)
	}
	return "light-dark(" + str(l) + "," + str(d) + ")"
}
