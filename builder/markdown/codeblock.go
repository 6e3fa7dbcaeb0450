package markdown

import (
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/util"
)

// codeBlockWrapper puts each fenced code block in a <div class="code-block">,
// the box the theme's copy button sits in. Chroma writes the <pre> of a
// highlighted block; a block without a known language is written here.
func codeBlockWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	if entering {
		w.WriteString(`<div class="code-block">`)
		if !c.Highlighted() {
			w.WriteString("<pre><code")
			if lang, ok := c.Language(); ok && len(lang) > 0 {
				w.WriteString(` class="language-`)
				w.Write(util.EscapeHTML(lang))
				w.WriteString(`"`)
			}
			w.WriteString(">")
		}
		return
	}
	if !c.Highlighted() {
		w.WriteString("</code></pre>")
	}
	w.WriteString("</div>\n")
}
