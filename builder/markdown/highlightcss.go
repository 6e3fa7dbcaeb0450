package markdown

import (
	"bytes"
	"fmt"
	"math"
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

// The code block backgrounds of the default theme, light and dark. Token
// colours are adjusted, where needed, to a contrast of at least 4.5:1
// against them (WCAG AA for text).
var codeBackground = [2]chroma.Colour{chroma.MustParseColour("#f6f8fa"), chroma.MustParseColour("#161b22")}

// HighlightCSS returns the stylesheet of Highlighting's classes: one rule per group of token
// classes that look the same, each colour given for both styles as
// light-dark(LIGHT, DARK). The colours follow the page's color-scheme,
// which the theme sets from the reader's system preference or the theme
// toggle, with no second copy of the rules for dark mode.
//
// Colours are kept, except that a token drawn in the style's plain text
// colour inherits the page's, and a colour too faint to read on the code
// background is darkened (lightened in dark mode) until it reads. Italic
// and underline are used when either style has them, bold only when both
// do (and for strong text), so switching themes barely moves the text.
func HighlightCSS() ([]byte, error) {
	st := [2]*chroma.Style{styles.Get(lightStyle), styles.Get(darkStyle)}
	var bg, text [2]chroma.StyleEntry
	for i, s := range st {
		bg[i], text[i] = s.Get(chroma.Background), s.Get(chroma.Text)
	}

	var types []chroma.TokenType
	for tt := range chroma.StandardTypes {
		types = append(types, tt)
	}
	slices.Sort(types)

	rules := make(map[string][]string) // declarations → selectors
	var order []string
	for _, tt := range types {
		class := chroma.StandardTypes[tt]
		if class == "" || tt == chroma.TextWhitespace || tt < 0 && tt != chroma.Error && tt != chroma.LineNumbers && tt != chroma.LineNumbersTable {
			continue // wrappers and line tables are the theme's to lay out
		}
		var e [2]chroma.StyleEntry
		var fg, back [2]string
		for i, s := range st {
			e[i] = s.Get(tt).Sub(bg[i])
			under := codeBackground[i]
			if c := e[i].Background; c.IsSet() {
				back[i], under = c.String(), c
			}
			if c := e[i].Colour; c.IsSet() && c != text[i].Colour {
				fg[i] = readable(c, under).String()
			}
		}
		var decls []string
		if fg != [2]string{} {
			decls = append(decls, "color:"+lightDark(fg, "currentcolor"))
		}
		if back != [2]string{} {
			decls = append(decls, "background-color:"+lightDark(back, "transparent"))
		}
		if e[0].Bold == chroma.Yes && e[1].Bold == chroma.Yes || tt == chroma.GenericStrong {
			decls = append(decls, "font-weight:bold")
		}
		if e[0].Italic == chroma.Yes || e[1].Italic == chroma.Yes {
			decls = append(decls, "font-style:italic")
		}
		if e[0].Underline == chroma.Yes || e[1].Underline == chroma.Yes {
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
	buf.WriteString(".chroma{tab-size:4}\n.chroma .ln,.chroma .lnt{margin-right:.8em}\n.chroma .hl{display:block;background-color:light-dark(#fff8c5,#3b2e0a)}\n")
	for _, key := range order {
		fmt.Fprintf(&buf, "%s{%s}\n", strings.Join(rules[key], ","), key)
	}
	return buf.Bytes(), nil
}

// lightDark returns light-dark(LIGHT,DARK), or the one value when both are
// the same; an empty value stands for unset.
func lightDark(v [2]string, unset string) string {
	for i := range v {
		if v[i] == "" {
			v[i] = unset
		}
	}
	if v[0] == v[1] {
		return v[0]
	}
	return "light-dark(" + v[0] + "," + v[1] + ")"
}

// readable returns c, or c moved towards black (towards white on a dark
// background) until its contrast with bg is at least 4.5:1.
func readable(c, bg chroma.Colour) chroma.Colour {
	end := uint8(0)
	if luminance(bg) < 0.18 {
		end = 255
	}
	mix := func(a uint8, t float64) uint8 { return uint8(float64(a) + (float64(end)-float64(a))*t + 0.5) }
	out := c
	for t := 0.05; contrast(out, bg) < 4.5 && t <= 1; t += 0.05 {
		out = chroma.NewColour(mix(c.Red(), t), mix(c.Green(), t), mix(c.Blue(), t))
	}
	return out
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of c.
func luminance(c chroma.Colour) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.Red()) + 0.7152*lin(c.Green()) + 0.0722*lin(c.Blue())
}
