package kettudocs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/internal/browsertest"
	"github.com/kettu/kettudocs/internal/kettureg"
)

// tabsSite has pages with code tabs: page a two groups that share labels,
// page b one group.
var tabsSite = fstest.MapFS{
	"_index.md": {Data: []byte("# Tabs\n")},
	"a.md": {Data: []byte("# A\n\n<!-- tabs -->\n```go\nresp, err := http.Get(\"https://api.kettu.example/v1/gateway\")\n```\n\n" +
		"```console title=\"curl\"\n$ curl -s https://api.kettu.example/v1/gateway\n```\n\nText.\n\n<!-- tabs -->\n" +
		"```console title=\"curl\"\n$ curl -s https://api.kettu.example/v1/users/@me\n```\n```go\nme, err := client.Me(ctx)\n```\n" +
		"```python\nme = client.me()\n```\n")},
	"b.md": {Data: []byte("# B\n\n<!-- tabs -->\n```python\nprint(1)\n```\n```go\nfmt.Println(1)\n```\n")},
	"c.md": {Data: []byte("# C\n\n=== \"macOS\"\n\n    Install it with *Homebrew*:\n\n    ```sh\n    brew install kettu\n    ```\n\n" +
		"=== \"Linux\"\n\n    - Download the release.\n    - Unpack it.\n")},
}

// contrastJS returns the contrast ratio of the text colour of element e
// against the background of element bg, both as the browser paints them:
// a canvas turns any CSS colour (light-dark(), color-mix()) into sRGB bytes.
const contrastJS = `function contrast(e, bg) {
	var c = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
	function rgb(css) { c.clearRect(0, 0, 1, 1); c.fillStyle = "#fff"; c.fillRect(0, 0, 1, 1); c.fillStyle = css; c.fillRect(0, 0, 1, 1); return c.getImageData(0, 0, 1, 1).data; }
	function lum(d) { var v = [0, 1, 2].map(function (i) { var x = d[i] / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
	var a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(getComputedStyle(bg).backgroundColor));
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}`

// TestAuthoringBrowser checks the writers' features on the writing guide,
// which shows each of them, in Chromium: callouts, definition lists.
func TestAuthoringBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveSite(t, os.DirFS("content"), kettureg.Registry())
	guide := s.pageURL("writing-docs/index.html")

	t.Run("Callouts", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		for _, dark := range []bool{false, true} {
			prefersDark(t, tab, dark)
			do(t, tab, chromedp.Navigate(guide))
			type callout struct {
				Class, Role, Label, Title string
				Icon                      bool
				Contrast                  float64
				Border                    string
			}
			got := eval[[]callout](t, tab, `(function () {`+contrastJS+`
				return Array.prototype.map.call(document.querySelectorAll(".callout"), function (c) {
					var title = c.querySelector(".callout-title");
					return {Class: c.className, Role: c.getAttribute("role"), Label: c.getAttribute("aria-label"),
						Title: title.textContent, Icon: title.querySelector("svg").getBoundingClientRect().width > 0,
						Contrast: contrast(title, c), Border: getComputedStyle(c).borderLeftColor};
				});
			})()`)
			want := []struct{ class, title string }{
				{"callout note", "Note"}, {"callout tip", "Tip"}, {"callout important", "Important"},
				{"callout warning", "Warning"}, {"callout caution", "Caution"},
			}
			if len(got) != len(want) {
				t.Fatalf("dark=%v: %d callouts on the writing guide, want %d: %+v", dark, len(got), len(want), got)
			}
			borders := map[string]bool{}
			for i, w := range want {
				c := got[i]
				if c.Class != w.class || c.Role != "note" || c.Label != w.title || c.Title != w.title || !c.Icon {
					t.Errorf("dark=%v: callout %d is %+v, want class %q, role note, label and title %q, an icon", dark, i, c, w.class, w.title)
				}
				if c.Contrast < 4.5 {
					t.Errorf("dark=%v: %s title contrast %.2f, want at least 4.5", dark, w.class, c.Contrast)
				}
				borders[c.Border] = true
			}
			if len(borders) != len(want) {
				t.Errorf("dark=%v: callout kinds share colours: %v", dark, borders)
			}
			// The page's text in a callout passes too.
			if r := eval[float64](t, tab, `(function () {`+contrastJS+` var c = document.querySelector(".callout.warning"); return contrast(c.querySelector("p:not(.callout-title)"), c); })()`); r < 4.5 {
				t.Errorf("dark=%v: text in a callout has contrast %.2f, want at least 4.5", dark, r)
			}
		}
	})

	t.Run("DefinitionList", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(guide))
		got := eval[[]string](t, tab, `Array.prototype.map.call(document.querySelectorAll(".prose dl > *"), function (e) { return e.tagName + ":" + e.textContent.trim(); })`)
		want := []string{"DT:Resume", "DD:Reconnect with the session id and replay the events missed.", "DT:Reconnect", "DD:Start a new session: identify again."}
		if len(got) != len(want) {
			t.Fatalf("definition list: %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("definition list item %d: %q, want %q", i, got[i], want[i])
			}
		}
	})

	t.Run("CodeTabs", func(t *testing.T) {
		// Not parallel: the clipboard belongs to the whole browser.
		tabs := serveSite(t, tabsSite, nil)
		a, bPage := tabs.pageURL("a/index.html"), tabs.pageURL("b/index.html")
		tab := browsertest.Tab(t, b)
		grantClipboard(t, tab, tabs.url)
		do(t, tab, chromedp.Navigate(a))
		type group struct {
			List, Label string
			Tabs        []string // label, "*" when selected
			Shown       []bool   // the panels shown
			Wired       bool     // tab and panel point at each other
		}
		state := func() []group {
			return eval[[]group](t, tab, `Array.prototype.map.call(document.querySelectorAll(".code-tabs"), function (g) {
				var list = g.querySelector("[role=tablist]"), wired = true;
				var tabs = Array.prototype.map.call(g.querySelectorAll("[role=tab]"), function (b) {
					var p = document.getElementById(b.getAttribute("aria-controls"));
					wired = wired && p && p.getAttribute("role") === "tabpanel" && p.getAttribute("aria-labelledby") === b.id &&
						(b.getAttribute("aria-selected") === "true") === (b.tabIndex === 0);
					return b.textContent + (b.getAttribute("aria-selected") === "true" ? "*" : "");
				});
				return {List: list ? list.getAttribute("role") : "", Label: list ? list.getAttribute("aria-label") : "", Tabs: tabs, Wired: wired,
					Shown: Array.prototype.map.call(g.querySelectorAll(".code-tab"), function (p) { return p.getBoundingClientRect().height > 0; })};
			})`)
		}
		check := func(what string, want ...[]string) {
			t.Helper()
			got := state()
			if len(got) != len(want) {
				t.Fatalf("%s: %d tab groups, want %d", what, len(got), len(want))
			}
			for i, g := range got {
				ok := g.List == "tablist" && g.Label != "" && g.Wired && strings.Join(g.Tabs, ",") == strings.Join(want[i], ",")
				for j, shown := range g.Shown {
					ok = ok && j < len(want[i]) && shown == strings.HasSuffix(want[i][j], "*")
				}
				if !ok {
					t.Errorf("%s: group %d is %+v, want tabs %q, the selected one's panel alone shown", what, i, g, want[i])
				}
			}
		}
		check("at first", []string{"Go*", "curl"}, []string{"curl*", "Go", "Python"})

		// Clicking a label chooses it in every group that has it.
		do(t, tab, chromedp.Click(chromedp.CSS(`.code-tabs [role=tab][data-label=curl]`)))
		check("after clicking curl", []string{"Go", "curl*"}, []string{"curl*", "Go", "Python"})
		// The copy button copies the tab shown.
		writeClipboard(t, tab, "nothing copied yet")
		do(t, tab, chromedp.Click(chromedp.JSPath(`Array.prototype.filter.call(document.querySelectorAll(".code-tabs")[0].querySelectorAll(".copy"), function (b) { return b.offsetParent; })[0]`)))
		poll(t, tab, `document.querySelector(".code-tabs .copy.done") !== null`, "the copy button to say Copied")
		if got := readClipboard(t, tab); got != "curl -s https://api.kettu.example/v1/gateway" {
			t.Errorf("copy in the curl tab put %q on the clipboard", got)
		}

		// Arrow keys move along the tabs, wrapping; Home and End go to the ends.
		do(t, tab, chromedp.Focus(chromedp.CSS(`.code-tabs:nth-of-type(2) [aria-selected=true]`)))
		for _, step := range []struct {
			key  string
			want []string
		}{
			{kb.ArrowRight, []string{"curl", "Go*", "Python"}},
			{kb.ArrowRight, []string{"curl", "Go", "Python*"}},
			{kb.ArrowRight, []string{"curl*", "Go", "Python"}},
			{kb.ArrowLeft, []string{"curl", "Go", "Python*"}},
			{kb.Home, []string{"curl*", "Go", "Python"}},
			{kb.End, []string{"curl", "Go", "Python*"}},
		} {
			do(t, tab, chromedp.KeyEvent(step.key))
			got := state()[1]
			if strings.Join(got.Tabs, ",") != strings.Join(step.want, ",") {
				t.Errorf("after %q: tabs %q, want %q", step.key, got.Tabs, step.want)
			}
			if f := eval[string](t, tab, `document.activeElement.getAttribute("aria-selected") + document.activeElement.textContent`); !strings.HasPrefix(f, "true") {
				t.Errorf("after %q the focus is on %q, want the selected tab", step.key, f)
			}
		}
		// Python is only in the second group: the first keeps curl.
		check("after choosing Python", []string{"Go", "curl*"}, []string{"curl", "Go", "Python*"})

		// The choice is remembered on other pages and the next visit.
		do(t, tab, chromedp.Navigate(bPage))
		check("on another page after choosing Python, curl before", []string{"Python*", "Go"})
		do(t, tab, chromedp.Click(chromedp.CSS(`[role=tab][data-label=Go]`)))
		do(t, tab, chromedp.Navigate(a))
		check("back on the first page after choosing Go", []string{"Go*", "curl"}, []string{"curl", "Go*", "Python"})

		// Content tabs (=== "macOS") hold prose and code: the same tabs,
		// their tab list unlabelled, as its tabs say what it holds.
		cPage := tabs.pageURL("c/index.html")
		do(t, tab, chromedp.Navigate(cPage))
		prose := `Array.prototype.map.call(document.querySelectorAll(".code-tabs [role=tab]"), function (b) { return b.textContent + (b.getAttribute("aria-selected") === "true" ? "*" : ""); }).concat(
			Array.prototype.map.call(document.querySelectorAll(".code-tab"), function (p) { return p.getBoundingClientRect().height > 0 ? p.querySelector("p:not(.code-tab-label), li:last-child").textContent : "hidden"; }),
			[document.querySelector("[role=tablist]").hasAttribute("aria-label") ? "labelled" : "unlabelled", String(document.querySelectorAll(".code-tab .copy").length)])`
		if got := eval[[]string](t, tab, prose); strings.Join(got, ",") != "macOS*,Linux,Install it with Homebrew:,hidden,unlabelled,1" {
			t.Errorf("content tabs at first: %q", got)
		}
		do(t, tab, chromedp.Click(chromedp.CSS(`.code-tabs [role=tab][data-label=Linux]`)))
		if got := eval[[]string](t, tab, prose); strings.Join(got, ",") != "macOS,Linux*,hidden,Unpack it.,unlabelled,1" {
			t.Errorf("content tabs after clicking Linux: %q", got)
		}

		axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))
		for _, dark := range []bool{false, true} {
			prefersDark(t, tab, dark)
			checkAxe(t, tab, axe, a)
			checkAxe(t, tab, axe, cPage)
		}
		// 360px wide: the tab list scrolls in its own box, the page does not.
		do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile), chromedp.Navigate(a))
		if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("at 360px the page with tabs is %dpx wide", w)
		}

		// From disk, the same.
		disk := browsertest.Tab(t, b)
		do(t, disk, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(tabs.dir, "a", "index.html"))))
		do(t, disk, chromedp.Click(chromedp.CSS(`.code-tabs [role=tab][data-label=curl]`)))
		if got := eval[[]string](t, disk, `Array.prototype.map.call(document.querySelectorAll("[role=tab][aria-selected=true]"), function (b) { return b.textContent; })`); strings.Join(got, ",") != "curl,curl" {
			t.Errorf("from disk, after clicking curl, the selected tabs are %q", got)
		}

		// Without JavaScript, every block shows under its label.
		plain := noScriptTab(t, b)
		do(t, plain, chromedp.Navigate(a))
		got := eval[[]string](t, plain, `Array.prototype.map.call(document.querySelectorAll(".code-tab"), function (p) {
			return p.querySelector(".code-tab-label").textContent + (p.querySelector("pre").getBoundingClientRect().height > 0 ? "" : " hidden");
		}).concat(document.querySelectorAll("[role=tablist]").length ? ["a tab list"] : [])`)
		if strings.Join(got, ",") != "Go,curl,curl,Go,Python" {
			t.Errorf("without JavaScript the tab panels are %q, want every block shown with its label and no tab list", got)
		}
	})

	t.Run("Diagrams", func(t *testing.T) {
		t.Parallel()
		opcodes := s.pageURL("opcodes-and-status-codes/index.html")
		disk := "file://" + filepath.ToSlash(filepath.Join(s.dir, "opcodes-and-status-codes", "index.html"))
		axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))
		drawn := `(function () {
			var f = document.querySelector("figure.diagram"), svg = f && f.querySelector(".diagram-drawn svg");
			return !!svg && svg.getBoundingClientRect().width > 100 && svg.querySelectorAll("text").length > 5 &&
				f.querySelector(".diagram-source").getBoundingClientRect().height === 0;
		})()`
		for _, u := range []string{opcodes, disk} {
			tab := browsertest.Tab(t, b)
			do(t, tab, chromedp.Navigate(u))
			poll(t, tab, drawn+` && document.querySelector("figure.diagram").dataset.theme === "light"`, "the gateway session diagram to be drawn, light, in place of its source: "+u)
			if got := eval[string](t, tab, `document.querySelector(".diagram-drawn svg").getAttribute("aria-roledescription")`); got != "sequence" {
				t.Errorf("%s: the diagram's svg has aria-roledescription %q, want sequence", u, got)
			}
			// Nothing comes from elsewhere: every resource is the site's.
			if bad := eval[[]string](t, tab, `performance.getEntriesByType("resource").map(function (r) { return r.name; }).filter(function (n) {
				return n.indexOf(location.origin === "null" ? "file://" : location.origin) !== 0; })`); len(bad) > 0 {
				t.Errorf("%s loads from elsewhere: %q", u, bad)
			}
			checkAxe(t, tab, axe, u+" (diagram drawn, light)")
			// The theme toggle draws it again in dark colours.
			do(t, tab, chromedp.Click(chromedp.CSS(".theme-toggle")))
			poll(t, tab, drawn+` && document.querySelector("figure.diagram").dataset.theme === "dark"`, "the diagram drawn again, dark")
			checkAxe(t, tab, axe, u+" (diagram drawn, dark)")
		}

		// Pages without a diagram never load mermaid.
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.pageURL("index.html")))
		if n := eval[int](t, tab, `performance.getEntriesByType("resource").filter(function (r) { return /mermaid/.test(r.name); }).length + document.querySelectorAll("script[src*=mermaid]").length`); n != 0 {
			t.Error("the home page, which has no diagram, loads mermaid")
		}

		// At 360px the diagram fits, or scrolls in its own box.
		do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile), chromedp.Navigate(opcodes))
		poll(t, tab, drawn, "the diagram to be drawn at 360px")
		if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("at 360px the page with a diagram is %dpx wide", w)
		}

		// Without JavaScript, the source shows.
		plain := noScriptTab(t, b)
		do(t, plain, chromedp.Navigate(opcodes))
		if got := eval[string](t, plain, `(function () { var p = document.querySelector("figure.diagram .diagram-source"); return p.getBoundingClientRect().height > 0 ? p.textContent : ""; })()`); !strings.HasPrefix(got, "sequenceDiagram\n") {
			t.Errorf("without JavaScript the diagram's source is not shown: %q", got)
		}
	})

	t.Run("PageMeta", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "public")
		buildWithMeta(t, dir)
		u := "file://" + filepath.ToSlash(filepath.Join(dir, "writing-docs", "index.html"))
		axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))
		tab := browsertest.Tab(t, b)
		for _, view := range []struct {
			dark  bool
			width int64
		}{{false, 1280}, {true, 1280}, {false, 360}, {true, 360}} {
			prefersDark(t, tab, view.dark)
			do(t, tab, chromedp.EmulateViewport(view.width, 800), chromedp.Navigate(u))
			got := eval[[]string](t, tab, `(function () {
				var m = document.querySelector("article .page-meta"), a = m.querySelector("a"), time = m.querySelector("time");
				return [a.href, a.textContent, time.dateTime, time.textContent, String(a.getBoundingClientRect().width > 0 && time.getBoundingClientRect().width > 0)];
			})()`)
			want := []string{"https://github.com/kettu/docs/edit/main/content/writing-docs.md", "Edit this page", "2026-11-27T09:30:00Z", "27 November 2026", "true"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("dark=%v %dpx: page meta %q, want %q", view.dark, view.width, got, want)
			}
			if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > int(view.width) {
				t.Errorf("%dpx: the page is %dpx wide", view.width, w)
			}
			checkAxe(t, tab, axe, fmt.Sprintf("%s (dark=%v, %dpx)", u, view.dark, view.width))
		}
	})

	t.Run("CopyPageAsMarkdown", func(t *testing.T) {
		// Not parallel: the clipboard belongs to the whole browser.
		tab := browsertest.Tab(t, b)
		grantClipboard(t, tab, s.url)
		do(t, tab, chromedp.Navigate(guide))
		writeClipboard(t, tab, "nothing copied yet")
		do(t, tab, chromedp.Click(chromedp.CSS("main .page-meta .copy-page")))
		poll(t, tab, `document.querySelector(".copy-page").textContent === "Copied"`, "the button to say Copied")
		if got, want := readClipboard(t, tab), readFile(t, filepath.Join(s.dir, "writing-docs", "index.md")); got != want || !strings.HasPrefix(got, "# Writing docs\n") {
			t.Errorf("Copy page as Markdown put %d bytes on the clipboard, want writing-docs/index.md's %d", len(got), len(want))
		}
		if got := eval[string](t, tab, `document.querySelector("[role=status]").textContent`); got != "Page copied as Markdown" {
			t.Errorf("screen readers hear %q after the copy", got)
		}
		// From disk a page cannot fetch its Markdown: no button.
		do(t, tab, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(s.dir, "writing-docs", "index.html"))))
		if n := eval[int](t, tab, `document.querySelectorAll(".copy-page").length`); n != 0 {
			t.Error("a page opened from disk has a Copy page as Markdown button")
		}
	})
}

// TestTabsDriftChecked checks that code in tabs is checked against the
// kettu codes as any other code: a JSON error body with an unknown code
// and a Go example with a name the codes package lacks both fail.
func TestTabsDriftChecked(t *testing.T) {
	page := "# Errors\n\n<!-- tabs -->\n```json\n{\"code\": 40099, \"message\": \"nope\"}\n```\n\n" +
		"```go\nif errors.Is(err, codes.JSONNoSuchThing) {\n}\n```\n"
	b, err := builder.New(builder.Config{
		Content: fstest.MapFS{"errors.md": {Data: []byte(page)}},
		Theme:   kettudocs.Theme(),
		Codes:   kettureg.Registry(),
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := b.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Pos.String()+": "+p.Msg)
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "errors.md:5:") || !strings.Contains(got[0], "40099") ||
		!strings.HasPrefix(got[1], "errors.md:9:") || !strings.Contains(got[1], "JSONNoSuchThing") {
		t.Errorf("problems:\n%s\nwant the JSON code at errors.md:5 and the Go name at errors.md:9", strings.Join(got, "\n"))
	}
}

// mermaidVersion is the version of mermaid in static/mermaid, from npm:
// npm pack mermaid@VERSION, then copy package/dist/mermaid.min.js and
// package/LICENSE, and run go generate ./... (its sum, theme_sums.go).
const mermaidVersion = "12.3.0"

// TestMermaidVendored checks that the build publishes the bundled mermaid
// as its authors built it (not minified again, licence comments kept),
// under a fingerprinted name, with its licence beside it.
func TestMermaidVendored(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildSite(t, os.DirFS("content"), kettureg.Registry(), dir, "https://docs.kettu.example/")
	js, _ := filepath.Glob(filepath.Join(dir, "mermaid", "mermaid.min.*.js"))
	if len(js) != 1 {
		t.Fatalf("want one mermaid/mermaid.min.HASH.js in the output, have %q", js)
	}
	if got, want := readFile(t, js[0]), readFile(t, "static/mermaid/mermaid.min.js"); got != want {
		t.Error("the published mermaid differs from static/mermaid/mermaid.min.js")
	} else if !strings.Contains(got, `version:"`+mermaidVersion+`"`) {
		t.Errorf("static/mermaid/mermaid.min.js is not mermaid %s", mermaidVersion)
	}
	if lic := readFile(t, filepath.Join(dir, "mermaid", "LICENSE")); !strings.Contains(lic, "MIT License") {
		t.Errorf("mermaid/LICENSE in the output is not mermaid's MIT licence:\n%s", lic)
	}
	// Pages point theme.js at it; only pages with a diagram load it.
	page := readFile(t, filepath.Join(dir, "index.html"))
	if !strings.Contains(page, `data-mermaid="mermaid/`+filepath.Base(js[0])+`"`) {
		t.Errorf("the home page does not tell theme.js where mermaid is")
	}
}

// TestLinkPreviews checks the Open Graph and Twitter card tags of the
// kettu docs built under a sub-path: absolute og:url, the description or
// else the first paragraph.
func TestLinkPreviews(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildSite(t, os.DirFS("content"), kettureg.Registry(), dir, "https://docs.kettu.example/api/")
	for _, tt := range []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<meta property="og:title" content="kettu API docs">`,
			`<meta property="og:description" content="Reference documentation for the kettu API, its gateway and its codes.">`,
			`<meta property="og:type" content="website">`,
			`<meta property="og:site_name" content="kettu API docs">`,
			`<meta property="og:url" content="https://docs.kettu.example/api/">`,
			`<meta name="twitter:card" content="summary">`,
		}},
		{"writing-docs/index.html", []string{
			`<meta property="og:title" content="Writing docs">`,
			`<meta property="og:type" content="article">`,
			`<meta property="og:url" content="https://docs.kettu.example/api/writing-docs/">`,
		}},
	} {
		html := readFile(t, filepath.Join(dir, filepath.FromSlash(tt.page)))
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", tt.page, w)
			}
		}
	}

	// A page without a description is previewed with its first paragraph;
	// without an absolute base URL there is no og:url.
	dir = filepath.Join(t.TempDir(), "public")
	buildSite(t, fstest.MapFS{"_index.md": {Data: []byte("# Home\n\nThe *first* paragraph & more.\n\nSecond.\n")}}, nil, dir, "/docs/")
	html := readFile(t, filepath.Join(dir, "index.html"))
	if !strings.Contains(html, `<meta property="og:description" content="The first paragraph &amp; more.">`) || strings.Contains(html, "og:url") {
		t.Errorf("a page without a description under /docs/: want its first paragraph as og:description and no og:url:\n%s", html)
	}
}

// buildWithMeta builds the kettu docs with an edit URL and last-updated
// dates, as the CLI does in a git work tree, into dest.
func buildWithMeta(t testing.TB, dest string) {
	t.Helper()
	b, err := builder.New(builder.Config{
		Content: os.DirFS("content"),
		Theme:   kettudocs.Theme(),
		Dest:    dest,
		Codes:   kettureg.Registry(),
		EditURL: "https://github.com/kettu/docs/edit/main/content/",
		Updated: func(context.Context) map[string]time.Time {
			return map[string]time.Time{"writing-docs.md": time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
}
