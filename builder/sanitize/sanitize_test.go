package sanitize

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/internal/testfs"
)

// md parses and renders as the builder does, with the extensions that
// make raw HTML or URLs of their own (footnotes, definition lists,
// callouts, code blocks), without html.WithUnsafe.
var md = goldmark.New(
	goldmark.WithExtensions(markdown.GFM, extension.Footnote, extension.DefinitionList,
		markdown.Callouts, markdown.CodeTabs, markdown.Diagrams, markdown.Highlighting, markdown.TableWrap, markdown.TaskLabels, Extension),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// renderPage parses, sanitizes and renders src as the page x.md of a
// build that sanitizes, and returns the HTML and the problems.
func renderPage(t testing.TB, src string) (string, diag.List) {
	t.Helper()
	b := []byte(src)
	doc := md.Parser().Parse(text.NewReader(b))
	problems := New().Doc(doc, b, diag.NewLines("x.md", b))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, b, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), problems
}

// unsafeHTML returns what in out could run script or load active content
// in a reader's browser, or "" when there is nothing.
func unsafeHTML(out string) string {
	nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "does not parse: " + err.Error()
	}
	var bad string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if bad != "" {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
				"input", "button", "textarea", "select", "meta", "link", "base", "svg", "math", "body", "noscript":
				bad = "element <" + n.Data + ">"
				return
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc":
					bad = "attribute " + key + " on <" + n.Data + ">"
				case key == "href" || key == "src" || key == "action" || key == "formaction" ||
					key == "background" || key == "dynsrc" || key == "lowsrc" || key == "data" ||
					key == "poster" || key == "xlink:href" || key == "cite":
					if !safeURL(a.Val, n.Data == "img" && key == "src") {
						bad = key + "=" + a.Val + " on <" + n.Data + ">"
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad
}

// safeURL reports whether a browser would treat u as relative, or as an
// http, https or mailto URL, or with image as a data:image URL.
func safeURL(u string, image bool) bool {
	// The list of schemes is written out, not taken from urlSchemes, so
	// that adding a dangerous one there fails this test.
	// Browsers drop control characters and white space in schemes.
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(u))
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		return true // relative
	}
	switch scheme {
	case "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "irc", "ircs", "xmpp":
		return true
	case "data":
		return image && strings.HasPrefix(u, "data:image/")
	}
	return false
}

// xssVectors are attacks from the OWASP XSS filter evasion cheat sheet
// (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html)
// and a few more, as raw HTML blocks, inline HTML and Markdown. Each must
// render to nothing that can run; warn says whether the writer is told.
// Some are not HTML to a Markdown parser (an unquoted attribute value may
// not hold quotes, "<svg/" is no tag): they are text, shown as written.
var xssVectors = []struct {
	name, src string
	warn      bool
}{
	{"script block", "<script>alert(1)</script>\n", true},
	{"script src", "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>\n", true},
	{"script slash", "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>\n", false},
	{"extra open bracket", "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>\n", true},
	{"img javascript", "<IMG SRC=\"javascript:alert('XSS');\">\n", true},
	{"img javascript unquoted", "<IMG SRC=javascript:alert('XSS')>\n", false},
	{"img javascript case", "<IMG SRC=JaVaScRiPt:alert('XSS')>\n", false},
	{"img grave accents", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>\n", false},
	{"img fromCharCode", "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>\n", true},
	{"img entities", "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>\n", true},
	{"img long entities", "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>\n", true},
	{"img hex entities", "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>\n", true},
	{"img embedded tab", "<IMG SRC=\"jav\tascript:alert('XSS');\">\n", true},
	{"img encoded tab", "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">\n", true},
	{"img encoded newline", "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">\n", true},
	{"img leading spaces", "<IMG SRC=\" &#14;  javascript:alert('XSS');\">\n", true},
	{"img onerror", "<img src=x onerror=alert(1)>\n", true},
	{"img onmouseover", "<IMG SRC=# onmouseover=\"alert('xxs')\">\n", true},
	{"img onerror entities", "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">\n", true},
	{"malformed img", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">\n", true},
	{"img dynsrc", "<IMG DYNSRC=\"javascript:alert('XSS')\">\n", true},
	{"img lowsrc", "<IMG LOWSRC=\"javascript:alert('XSS')\">\n", true},
	{"anchor onmouseover", "<a onmouseover=\"alert(document.cookie)\">xxs link</a>\n", true},
	{"anchor javascript", "<a href=\"javascript:alert(1)\">x</a>\n", true},
	{"anchor spaced javascript", "<a href=\"  javascript:alert(1)\">x</a>\n", true},
	{"anchor vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>\n", true},
	{"anchor data html", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>\n", true},
	{"anchor data image svg", "<a href=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\">x</a>\n", true},
	{"area data image", "<map name=m><area href=\"data:image/png;base64,iVBORw0KGgo=\" shape=rect coords=\"0,0,1,1\"></map>\n", true},
	{"body onload", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>\n", true},
	{"body background", "<BODY BACKGROUND=\"javascript:alert('XSS')\">\n", true},
	{"svg onload", "<svg/onload=alert('XSS')>\n", false},
	{"svg script", "<svg><script>alert(1)</script></svg>\n", true},
	{"style list image", "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>\n", true},
	{"style attribute", "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">\n", true},
	{"meta refresh", "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">\n", true},
	{"iframe", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>\n", true},
	{"iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n", true},
	{"frameset", "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>\n", true},
	{"table background", "<TABLE BACKGROUND=\"javascript:alert('XSS')\">\n", true},
	{"td background", "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">\n", true},
	{"object", "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>\n", true},
	{"embed svg", "<EMBED SRC=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>\n", true},
	{"form", "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(2)\">x</button></form>\n", true},
	{"input autofocus", "<input onfocus=alert(1) autofocus>\n", true},
	{"link stylesheet", "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">\n", true},
	{"base href", "<BASE HREF=\"javascript:alert('XSS');//\">\n", true},
	{"math xlink", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>\n", true},
	{"details ontoggle", "<details open ontoggle=alert(1)>\n<summary>x</summary>\n</details>\n", true},
	{"noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">\n", true},
	{"div around script", "<div>\n<script>alert(1)</script>\n</div>\n", true},
	{"unclosed iframe tag", "<iframe src=http://xss.rocks/scriptlet.html <\n", false},
	{"inline img onerror", "Some text <img src=x onerror=alert(1)> more.\n", true},
	{"inline anchor javascript", "Click <a href=\"javascript:alert(1)\">here</a> now.\n", true},
	{"inline script", "Text <script>alert(1)</script> more.\n", true},
	{"inline multi-line attribute", "Text <img src=x\nonerror=alert(1)> more.\n", true},
	{"inline in list", "- item <span onclick=\"alert(1)\">x</span>\n", true},
	{"inline in quote", "> quote <a href=\"vbscript:x\">y</a>\n", true},
	{"markdown link javascript", "[x](javascript:alert(1))\n", true},
	{"markdown link case", "[x](JaVaScRiPt:alert(1))\n", true},
	{"markdown link entity", "[x](&#106;avascript:alert(1))\n", true},
	{"markdown link vbscript", "[x](vbscript:msgbox(1))\n", true},
	{"markdown link data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n", true},
	{"markdown reference javascript", "[x][r]\n\n[r]: javascript:alert(1)\n", true},
	{"markdown link data image", "[x](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)\n", true},
	{"markdown image javascript", "![x](javascript:alert(1))\n", true},
	{"markdown image data html", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n", true},
	{"markdown autolink javascript", "<javascript:alert(1)>\n", true},
	{"markdown link in table", "| a |\n|---|\n| [x](javascript:alert(1)) |\n", true},
	{"markdown link in heading", "## [x](javascript:alert(1))\n", true},
}

func TestSanitizeXSSVectors(t *testing.T) {
	for _, tt := range xssVectors {
		t.Run(tt.name, func(t *testing.T) {
			out, problems := renderPage(t, tt.src)
			if bad := unsafeHTML(out); bad != "" {
				t.Errorf("output keeps %s:\n%s", bad, out)
			}
			if problems.HasErrors() {
				t.Errorf("problems are errors, want warnings:\n%v", problems)
			}
			if tt.warn && len(problems) == 0 {
				t.Errorf("no warning; output:\n%s", out)
			}
			if !tt.warn && len(problems) > 0 {
				t.Errorf("unexpected warnings:\n%v", problems)
			}
			for _, p := range problems {
				if p.Severity != diag.Warning || p.Pos.Line < 1 || p.Pos.Col < 1 || p.Hint == "" || !strings.HasPrefix(p.Msg, "removed ") {
					t.Errorf("warning %#v: want a placed warning saying what was removed, with a hint", p)
				}
			}
		})
	}
}

// TestSanitizeKeeps pins the HTML writers use, which must come through
// unchanged and without warnings.
func TestSanitizeKeeps(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // in order
	}{
		{"kbd", "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n", []string{"<kbd>Ctrl</kbd>+<kbd>C</kbd>"}},
		{"details", "<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n",
			[]string{"<details>\n<summary>More</summary>", "<p>Hidden <em>text</em>.</p>", "</details>"}},
		{"details open", "<details open>\n<summary>More</summary>\n</details>\n", []string{`<details open="">`}},
		{"sup sub br", "x<sup>2</sup> H<sub>2</sub>O<br>next\n", []string{"x<sup>2</sup> H<sub>2</sub>O<br>next"}},
		{"img http", `<img src="https://example.com/a.png" alt="A" width="10">` + "\n",
			[]string{`<img src="https://example.com/a.png" alt="A" width="10">`}},
		{"img relative", `<img src="../img/a.png" alt="A">` + "\n", []string{`<img src="../img/a.png" alt="A">`}},
		{"img data", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">` + "\n", []string{`src="data:image/png;base64,iVBORw0KGgo="`}},
		{"links", `<a href="https://example.com/">e</a> <a href="../b/#x">b</a> <a href="mailto:a@example.com">m</a> <a name="old">o</a>` + "\n",
			[]string{`<a href="https://example.com/">e</a>`, `<a href="../b/#x">b</a>`, `<a href="mailto:a@example.com">m</a>`, `<a name="old">o</a>`}},
		{"id", `<span id="anchor">x</span>` + "\n", []string{`<span id="anchor">x</span>`}},
		{"table", "<table>\n<tr><th colspan=\"2\">h</th></tr>\n<tr><td>a</td><td>b</td></tr>\n</table>\n",
			[]string{"<table>", `<th colspan="2">h</th>`, "<td>a</td><td>b</td>", "</table>"}},
		{"comment", "<!-- codes: x -->\n", []string{"<!-- codes: x -->"}},
		{"markdown links", "[a](https://example.com/) [b](../b/) [c](#x) [d](mailto:a@example.com) <https://example.com/x> a@example.com ![i](a.png) ![d](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n",
			[]string{`<a href="https://example.com/">a</a>`, `<a href="../b/">b</a>`, `<a href="#x">c</a>`, `<a href="mailto:a@example.com">d</a>`,
				`<a href="https://example.com/x">`, `<a href="mailto:a@example.com">a@example.com</a>`, `<img src="a.png" alt="i">`, `src="data:image/gif;base64,R0lGODlhAQABAAAAACw="`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, problems := renderPage(t, tt.src)
			if len(problems) > 0 {
				t.Errorf("problems:\n%v", problems)
			}
			if w, ok := testfs.InOrder(out, tt.want); !ok {
				t.Fatalf("output lacks %q (in order):\n%s", w, out)
			}
		})
	}
}

// TestSanitizeWarnings pins where each warning is and what it says.
func TestSanitizeWarnings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the warnings, as printed without the hint
		out       string   // the output holds this
	}{
		{"attribute", "# T\n\nSome <img src=\"a.png\" onerror=\"alert(1)\"> text.\n",
			[]string{`x.md:3:6: warning: removed the attribute onerror="alert(1)" from <img>`}, `<img src="a.png">`},
		{"element", "Intro.\n\n<div>\n  <script>alert(1)</script>\n</div>\n",
			[]string{`x.md:4:3: warning: removed <script> and its content`}, "<div>\n  \n</div>"},
		{"end tag of a removed element goes too", "a <a href=\"javascript:x\">b</a> c\n",
			[]string{`x.md:1:3: warning: removed <a href="javascript:x">`}, "<p>a b c</p>"},
		{"markdown link", "See [this](javascript:alert(1)).\n",
			[]string{`x.md:1:5: warning: removed the link to "javascript:alert(1)": links may have ` + allowedURLs}, "<p>See this.</p>"},
		{"markdown image", "![alt](vbscript:x)\n",
			[]string{`x.md:1:1: warning: removed the image "vbscript:x": images may have data:image/… and ` + allowedURLs}, "<p>alt</p>"},
		{"several", "<iframe src=\"https://example.com\"></iframe>\n\n<p onclick=\"x()\" id=\"a\">p</p>\n",
			[]string{`x.md:1:1: warning: removed <iframe src="https://example.com">`, `x.md:3:1: warning: removed the attribute onclick="x()" from <p>`}, `<p id="a">p</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, problems := renderPage(t, tt.src)
			var got []string
			for _, p := range problems {
				got = append(got, p.Pos.String()+": warning: "+p.Msg)
				if p.Hint != sanitizeHint {
					t.Errorf("hint %q", p.Hint)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, out)
			}
		})
	}
}

// FuzzSanitize puts raw HTML and Markdown through the page pipeline: the
// output must never hold anything that can run, and every warning must be
// placed in the page.
func FuzzSanitize(f *testing.F) {
	for _, v := range xssVectors {
		f.Add(v.src)
	}
	f.Add("<details>\n<summary>x</summary>\n\n- a <kbd>b</kbd>\n\n</details>\n")
	f.Add("> <a href=\"x\" onclick=y>\n> z</a>\n")
	f.Fuzz(func(t *testing.T, src string) {
		out, problems := renderPage(t, src)
		if bad := unsafeHTML(out); bad != "" {
			t.Errorf("output keeps %s:\n%s", bad, out)
		}
		lines := strings.Count(src, "\n") + 1
		for _, p := range problems {
			if p.Severity == diag.Warning && (p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Col < 1) {
				t.Errorf("warning outside the page: %v", p)
			}
		}
	})
}
