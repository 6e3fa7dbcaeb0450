package kettudocs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/kettu/kettudocs/internal/browsertest"
	"github.com/kettu/kettudocs/internal/kettureg"
)

// The browser tests load the built kettu docs in Chromium, served under a
// sub-path and opened from disk, and check what a reader sees and does.

const themeKey = "kettudocs-theme" // the localStorage key of the theme toggle

// Background colours of the page, as getComputedStyle reports them.
const (
	lightBg = "rgb(255, 255, 255)"
	darkBg  = "rgb(13, 17, 23)"
)

// recordFirstFrame runs in every new document of the tab, before the
// page's own scripts: it records the theme and the page background in the
// first animation frame, which is the frame before the first paint.
const recordFirstFrame = `requestAnimationFrame(function () {
	var r = document.documentElement;
	window.firstFrame = {theme: r.dataset.theme || "", bg: document.body ? getComputedStyle(document.body).backgroundColor : ""};
});`

func TestBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveSite(t, os.DirFS("content"), kettureg.Registry())
	fix := serveSite(t, fixture, nil)
	big := serveSite(t, bigSection, nil)
	opcodes := s.pageURL("opcodes-and-status-codes/index.html")

	t.Run("SystemThemeByDefault", func(t *testing.T) {
		// Not parallel: it holds back the server's scripts.
		tab := browsertest.Tab(t, b)
		firstFrames(t, tab)
		prefersDark(t, tab, true)
		if f := loadFirstFrame(t, tab, s, opcodes); f.Theme != "" || f.Bg != darkBg {
			t.Errorf("system prefers dark, nothing stored: first frame has theme %q on %s, want none on %s", f.Theme, f.Bg, darkBg)
		}
		if got := toggleLabel(t, tab); got != "Switch to light theme" {
			t.Errorf("toggle label %q, want %q", got, "Switch to light theme")
		}
		// Code follows the theme: JSON keys (.nt) in github-dark's green.
		if got := eval[string](t, tab, `getComputedStyle(document.querySelector(".chroma .nt")).color`); got != "rgb(126, 231, 135)" {
			t.Errorf("JSON key colour in dark mode: %s, want rgb(126, 231, 135)", got)
		}
		prefersDark(t, tab, false)
		poll(t, tab, `getComputedStyle(document.body).backgroundColor === "`+lightBg+`" &&
			document.querySelector(".theme-toggle").getAttribute("aria-label") === "Switch to dark theme"`,
			"page and toggle follow the system switching to light")
		if got := eval[string](t, tab, `getComputedStyle(document.querySelector(".chroma .nt")).color`); got != "rgb(5, 80, 174)" {
			t.Errorf("JSON key colour in light mode: %s, want rgb(5, 80, 174)", got)
		}
	})

	t.Run("ToggleRemembered", func(t *testing.T) {
		// Not parallel: it holds back the server's scripts.
		tab := browsertest.Tab(t, b)
		firstFrames(t, tab)
		prefersDark(t, tab, false)
		if f := loadFirstFrame(t, tab, s, opcodes); f.Theme != "" || f.Bg != lightBg {
			t.Errorf("first visit: first frame has theme %q on %s, want none on %s", f.Theme, f.Bg, lightBg)
		}
		do(t, tab, chromedp.Click(chromedp.CSS(".theme-toggle")))
		poll(t, tab, `document.documentElement.dataset.theme === "dark" && localStorage.getItem("`+themeKey+`") === "dark" &&
			getComputedStyle(document.body).backgroundColor === "`+darkBg+`"`, "dark theme applied and stored after a click")
		if got := toggleLabel(t, tab); got != "Switch to light theme" {
			t.Errorf("toggle label after switching to dark: %q", got)
		}
		// Stored, the choice is applied before the first paint of every
		// page, before the theme's script arrives, whatever the system
		// prefers.
		for _, u := range []string{opcodes, s.pageURL("writing-docs/index.html")} {
			if f := loadFirstFrame(t, tab, s, u); f.Theme != "dark" || f.Bg != darkBg {
				t.Errorf("load %s with dark stored: first frame has theme %q on %s, want dark on %s", u, f.Theme, f.Bg, darkBg)
			}
		}
		do(t, tab, chromedp.Click(chromedp.CSS(".theme-toggle")))
		poll(t, tab, `localStorage.getItem("`+themeKey+`") === "light"`, "light stored after a second click")
		prefersDark(t, tab, true)
		if f := loadFirstFrame(t, tab, s, opcodes); f.Theme != "light" || f.Bg != lightBg {
			t.Errorf("light chosen, system dark: first frame has theme %q on %s, want light on %s", f.Theme, f.Bg, lightBg)
		}
	})

	t.Run("CopyButton", func(t *testing.T) {
		// Not parallel: the clipboard belongs to the whole browser.
		tab := browsertest.Tab(t, b)
		grantClipboard(t, tab, s.url)
		grantClipboard(t, tab, fix.url)
		for _, pg := range []struct {
			url string
			md  []byte
		}{
			{s.url, []byte(readFile(t, "content/_index.md"))}, // Go, with a tab-indented line
			{opcodes, []byte(readFile(t, "content/opcodes-and-status-codes.md"))},
			{s.pageURL("writing-docs/index.html"), []byte(readFile(t, "content/writing-docs.md"))},
			{fix.pageURL("guide/setup/index.html"), fixture["guide/setup.md"].Data}, // prompts, line numbers
		} {
			do(t, tab, chromedp.Navigate(pg.url))
			want := codeBlocks(pg.md)
			if n := eval[int](t, tab, `document.querySelectorAll(".code-block .copy").length`); n != len(want) || n == 0 {
				t.Fatalf("%s: %d copy buttons, want one for each of the page's %d code blocks", pg.url, n, len(want))
			}
			for i, code := range want {
				writeClipboard(t, tab, "nothing copied yet")
				// A block in a code tab that is not shown: show its tab first.
				eval[chromedp.Void](t, tab, fmt.Sprintf(`(function (p) { if (p && p.hidden) document.getElementById(p.getAttribute("aria-labelledby")).click(); })(
					document.querySelectorAll(".code-block .copy")[%d].closest("[role=tabpanel]"))`, i))
				do(t, tab, chromedp.Click(chromedp.JSPath(fmt.Sprintf(`document.querySelectorAll(".code-block .copy")[%d]`, i))))
				poll(t, tab, fmt.Sprintf(`document.querySelectorAll(".code-block .copy")[%d].textContent.startsWith("Copied")`, i),
					"the button to say Copied")
				if got := readClipboard(t, tab); got != code {
					t.Errorf("%s: copy button %d put on the clipboard\n%q\nwant\n%q", pg.url, i, got, code)
				}
				if got := eval[string](t, tab, `document.querySelector("[role=status]").textContent`); got != "Code copied to clipboard" {
					t.Errorf("screen readers hear %q after a copy, want %q", got, "Code copied to clipboard")
				}
			}
		}

		// Without the Clipboard API (older browsers, some file:// pages)
		// the button copies through a selected textarea. Another tab,
		// which has the API, reads what arrived.
		do(t, tab, chromedp.Navigate(s.url))
		want := codeBlocks([]byte(readFile(t, "content/_index.md")))[0]
		writeClipboard(t, tab, "nothing copied yet")
		// A tab of the same browser context; a fresh one would have no permission.
		old, cancel := chromedp.NewContext(tab)
		defer cancel()
		_, err := chromedp.Call(old, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `Object.defineProperty(navigator, "clipboard", {value: undefined});`,
		})
		if err != nil {
			t.Fatal(err)
		}
		focus(t, old)
		do(t, old, chromedp.Navigate(s.url))
		if eval[bool](t, old, `navigator.clipboard !== undefined`) {
			t.Fatal("the Clipboard API is still there; the fallback would not run")
		}
		do(t, old, chromedp.Click(chromedp.CSS(".code-block .copy")))
		poll(t, old, `document.querySelector(".code-block .copy").textContent.startsWith("Copied")`, "the fallback copy to succeed")
		focus(t, tab)
		if got := readClipboard(t, tab); got != want {
			t.Errorf("fallback copy put on the clipboard\n%q\nwant\n%q", got, want)
		}
	})

	t.Run("TOCFollowsScroll", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(opcodes))
		for _, id := range []string{"http-response-codes", "close-codes", "json"} {
			eval[chromedp.Void](t, tab, `document.getElementById("`+id+`").scrollIntoView()`)
			poll(t, tab, `(function () {
				var on = document.querySelectorAll(".toc a.active");
				return on.length === 1 && on[0].hash === "#`+id+`" && on[0].getAttribute("aria-current") === "location";
			})()`, "only the TOC entry of #"+id+" to be marked")
		}
		eval[chromedp.Void](t, tab, `scrollTo(0, document.documentElement.scrollHeight)`)
		poll(t, tab, `document.querySelector(".toc a.active") && document.querySelector(".toc a.active").hash === "#5xx-responses"`,
			"the last heading to be marked at the end of the page")
		eval[chromedp.Void](t, tab, `scrollTo(0, 0)`)
		poll(t, tab, `!document.querySelector(".toc a.active")`, "no TOC entry to be marked above the first heading")
	})

	t.Run("CodeRowTarget", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(opcodes+"#close-4004"))
		// Wait for the scroll to the row; the checks below say what is wrong
		// when it does not come.
		chromedp.Run(tab, chromedp.Poll[chromedp.Void](`(function () {
			var top = document.getElementById("close-4004").getBoundingClientRect().top;
			return top >= document.querySelector(".site-header").getBoundingClientRect().bottom && top < innerHeight / 2;
		})()`, chromedp.WithPollingTimeout(5*time.Second)))
		type row struct {
			Bg, OtherBg       string
			Top, HeaderBottom float64
			ViewportHeight    float64
			LinkOpacity, Href string
			LinkWidth         float64
		}
		r := eval[row](t, tab, `(function () {
			var tr = document.getElementById("close-4004"), a = tr.querySelector("a.permalink");
			return {
				bg: getComputedStyle(tr).backgroundColor,
				otherBg: getComputedStyle(document.getElementById("close-4003")).backgroundColor,
				top: tr.getBoundingClientRect().top,
				headerBottom: document.querySelector(".site-header").getBoundingClientRect().bottom,
				viewportHeight: innerHeight,
				linkOpacity: getComputedStyle(a).opacity,
				href: a.getAttribute("href"),
				linkWidth: a.getBoundingClientRect().width,
			};
		})()`)
		if r.Bg == r.OtherBg {
			t.Errorf("#close-4004 is not highlighted: its background %s is that of other rows", r.Bg)
		}
		if r.Top < r.HeaderBottom || r.Top > r.ViewportHeight/2 {
			t.Errorf("#close-4004 is at y=%.0f; want it in view below the sticky header (bottom %.0f)", r.Top, r.HeaderBottom)
		}
		if r.Href != "#close-4004" || r.LinkOpacity != "1" || r.LinkWidth == 0 {
			t.Errorf("row anchor link: href %q, opacity %s, width %.0f; want a visible link to #close-4004", r.Href, r.LinkOpacity, r.LinkWidth)
		}
		// Following another row's anchor moves the highlight.
		do(t, tab, chromedp.Click(chromedp.CSS(`#json-40002 a.permalink`)))
		poll(t, tab, `location.hash === "#json-40002" && getComputedStyle(document.getElementById("json-40002")).backgroundColor === "`+r.Bg+`" &&
			getComputedStyle(document.getElementById("close-4004")).backgroundColor === "`+r.OtherBg+`"`, "#json-40002 to be highlighted instead")
	})

	t.Run("Mobile", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch))
		for _, u := range append(s.urls(), fix.urls()...) {
			do(t, tab, chromedp.Navigate(u))
			// A phone widens the layout to fit content that is too wide, so
			// compare with the screen, not the window.
			if w := eval[[]int](t, tab, `[document.documentElement.scrollWidth, innerWidth]`); w[0] > 360 || w[1] > 360 {
				t.Errorf("%s at 360px: the page is %dpx wide in a %dpx window; want no sideways scrolling", u, w[0], w[1])
			}
		}
		// Wide tables scroll in their own box, reachable by keyboard.
		do(t, tab, chromedp.Navigate(opcodes))
		if n := eval[int](t, tab, `Array.prototype.filter.call(document.querySelectorAll(".table-wrap"), function (w) {
			return w.scrollWidth > w.clientWidth && getComputedStyle(w).overflowX === "auto" && w.tabIndex === 0;
		}).length`); n == 0 {
			t.Error("no table scrolls sideways in its own focusable box at 360px")
		}
		// The menu button opens the navigation over the page, Escape closes it.
		poll(t, tab, `getComputedStyle(document.querySelector(".menu-button")).display !== "none" &&
			getComputedStyle(document.getElementById("sidebar")).visibility === "hidden"`, "a menu button and a hidden navigation")
		do(t, tab, chromedp.Click(chromedp.CSS(".menu-button")))
		poll(t, tab, `(function () {
			var nav = document.getElementById("sidebar"), r = nav.getBoundingClientRect();
			return document.querySelector(".menu-button").getAttribute("aria-expanded") === "true" &&
				getComputedStyle(nav).visibility === "visible" && r.left >= 0 && r.right <= innerWidth && Math.abs(r.bottom - innerHeight) < 1 &&
				document.activeElement === nav.querySelector('[aria-current="page"]') &&
				document.documentElement.scrollWidth <= 360;
		})()`, "the navigation to slide in, window high, with the current page focused")
		do(t, tab, chromedp.KeyEvent(kb.Escape))
		poll(t, tab, `document.querySelector(".menu-button").getAttribute("aria-expanded") === "false" &&
			getComputedStyle(document.getElementById("sidebar")).visibility === "hidden" &&
			document.activeElement === document.querySelector(".menu-button")`, "Escape to close the navigation and focus the button")
	})

	t.Run("Keyboard", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(opcodes))
		// The first Tab shows the skip link; following it puts the focus
		// on the content, so the next Tab reaches the article's first link.
		do(t, tab, chromedp.KeyEvent(kb.Tab))
		poll(t, tab, `document.activeElement.classList.contains("skip") && document.activeElement.getBoundingClientRect().top >= 0 &&
			getComputedStyle(document.activeElement).outlineStyle !== "none"`, "the skip link to show, focused with a visible outline")
		do(t, tab, chromedp.KeyEvent(kb.Enter))
		poll(t, tab, `document.activeElement.id === "content"`, "the skip link to focus the content")
		do(t, tab, chromedp.KeyEvent(kb.Tab))
		poll(t, tab, `document.activeElement.closest("main") !== null && document.activeElement.matches("a.permalink") &&
			getComputedStyle(document.activeElement).opacity === "1"`, "the next Tab to show the first heading's anchor link")
	})

	t.Run("NoJavaScript", func(t *testing.T) {
		t.Parallel()
		tab := noScriptTab(t, b)
		for _, width := range []int64{1280, 360} {
			do(t, tab, chromedp.EmulateViewport(width, 800), chromedp.Navigate(opcodes))
			type view struct {
				Scripted                 bool
				Title                    string
				NavLinks, TOCLinks, Rows int
				Hidden                   []string
				MenuShown, ToggleShown   bool
			}
			v := eval[view](t, tab, `(function () {
				var shown = function (el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
				var count = function (sel) { return Array.prototype.filter.call(document.querySelectorAll(sel), shown).length; };
				var hidden = [];
				document.querySelectorAll(".prose > *, .sidebar, .pager").forEach(function (el) {
					if (!shown(el) && el.className !== "toc") hidden.push(el.tagName + (el.id ? "#" + el.id : ""));
				});
				return {
					scripted: document.documentElement.classList.contains("js"),
					title: document.querySelector("main h1").textContent,
					navLinks: count(".sidebar a"), tocLinks: count(".toc a, .nav-toc a"), rows: count(".code-table tbody tr"),
					hidden: hidden,
					menuShown: shown(document.querySelector(".menu-button")), toggleShown: shown(document.querySelector(".theme-toggle")),
				};
			})()`)
			if v.Scripted {
				t.Fatal("scripts ran although disabled")
			}
			if v.Title != "Opcodes and Status Codes" || v.NavLinks < 2 || v.TOCLinks < 8 || v.Rows < 58 || len(v.Hidden) > 0 {
				t.Errorf("%dpx without JavaScript: title %q, %d navigation links, %d TOC links, %d code rows visible, hidden: %v",
					width, v.Title, v.NavLinks, v.TOCLinks, v.Rows, v.Hidden)
			}
			if v.MenuShown || v.ToggleShown {
				t.Errorf("%dpx without JavaScript: buttons that need it are shown (menu %v, theme %v)", width, v.MenuShown, v.ToggleShown)
			}
		}
	})

	t.Run("FromDisk", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		home := "file://" + filepath.ToSlash(filepath.Join(s.dir, "index.html"))
		do(t, tab, chromedp.Navigate(home))
		hrefs := eval[[]string](t, tab, `Array.prototype.map.call(document.querySelectorAll(".sidebar a:not([href^='#']), .pager a, .site-title"), function (a) { return a.href; })`)
		for _, h := range hrefs {
			if !strings.HasPrefix(h, "file://") || !strings.HasSuffix(h, "/index.html") {
				t.Errorf("opened from disk, link %s does not lead to an index.html", h)
			}
		}
		clickToLoad(t, tab, `.sidebar a[href$="opcodes-and-status-codes/index.html"]`)
		poll(t, tab, `location.href.endsWith("/opcodes-and-status-codes/index.html") && document.readyState === "complete" &&
			document.documentElement.classList.contains("js") &&
			getComputedStyle(document.querySelector(".site-header")).position === "sticky" &&
			document.querySelectorAll(".code-block .copy").length > 0`, "the opcodes page to load from disk, styled and scripted")
		clickToLoad(t, tab, `.pager a[rel=prev]`)
		poll(t, tab, `location.href === "`+home+`"`, "the pager to lead back home")
	})

	t.Run("Print", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		prefersDark(t, tab, true)
		do(t, tab, chromedp.Navigate(opcodes))
		if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		got := eval[map[string]string](t, tab, `(function () {
			var out = {};
			[".site-header", ".sidebar", ".toc", ".pager", ".site-footer", ".copy", "article"].forEach(function (sel) {
				out[sel] = getComputedStyle(document.querySelector(sel)).display;
			});
			out.background = getComputedStyle(document.body).backgroundColor;
			return out;
		})()`)
		for sel, display := range got {
			switch {
			case sel == "background":
				if display != lightBg {
					t.Errorf("printed on %s, want %s even in dark mode", display, lightBg)
				}
			case sel == "article":
				if display == "none" {
					t.Error("the article is hidden in print")
				}
			case display != "none":
				t.Errorf("%s is printed (display %s)", sel, display)
			}
		}
	})

	t.Run("Accessibility", func(t *testing.T) {
		t.Parallel()
		axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))
		urls := append(s.urls(), fix.urls()...)
		for _, p := range bigSectionPages {
			urls = append(urls, big.pageURL(p))
		}
		for _, view := range []struct {
			name   string
			dark   bool
			mobile bool // 360px wide, with the menu open
		}{
			{"light", false, false},
			{"dark", true, false},
			{"light-360px-menu", false, true},
			{"dark-360px-menu", true, true},
		} {
			t.Run(view.name, func(t *testing.T) {
				t.Parallel()
				tab := browsertest.Tab(t, b)
				prefersDark(t, tab, view.dark)
				list := urls
				if view.mobile {
					do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
					list = []string{opcodes, s.pageURL("writing-docs/index.html"), fix.pageURL("guide/setup/index.html"), big.pageURL("errors/e060/index.html")}
				}
				for _, u := range list {
					do(t, tab, chromedp.Navigate(u))
					if view.mobile {
						do(t, tab, chromedp.Click(chromedp.CSS(".menu-button")))
						poll(t, tab, `getComputedStyle(document.getElementById("sidebar")).transform === "none"`, "the menu to open")
					}
					checkAxe(t, tab, axe, u)
				}
			})
		}
	})

	// Screenshots for a person to look at: the opcodes page light, dark and
	// on a phone, and a page with sections, written to $KETTUDOCS_SHOTS.
	t.Run("Screenshots", func(t *testing.T) {
		t.Parallel()
		// Kept only in KETTUDOCS_SHOTS: a test run must leave nothing
		// behind, and parallel runs must not share a folder.
		dir := os.Getenv("KETTUDOCS_SHOTS")
		if dir == "" {
			dir = t.TempDir()
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		type shot struct {
			name   string
			url    string
			dark   bool
			mobile bool // 360×740, else 1280×800
			menu   bool // with the mobile menu open
			full   bool // the whole page, else the window
		}
		for _, sh := range []shot{
			{name: "opcodes-light.png", url: opcodes},
			{name: "opcodes-dark.png", url: opcodes, dark: true},
			{name: "opcodes-row-dark.png", url: opcodes + "#close-4004", dark: true},
			{name: "opcodes-full-light.png", url: opcodes, full: true},
			{name: "opcodes-mobile.png", url: opcodes, mobile: true},
			{name: "opcodes-mobile-dark.png", url: opcodes + "#close-codes", mobile: true, dark: true},
			{name: "opcodes-mobile-menu.png", url: opcodes, mobile: true, menu: true},
			{name: "home-dark.png", url: s.url, dark: true},
			{name: "sections-light.png", url: fix.pageURL("guide/setup/index.html"), full: true},
		} {
			tab := browsertest.Tab(t, b)
			prefersDark(t, tab, sh.dark)
			if sh.mobile {
				do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))
			} else {
				do(t, tab, chromedp.EmulateViewport(1280, 800))
			}
			do(t, tab, chromedp.Navigate(sh.url))
			if sh.menu {
				do(t, tab, chromedp.Click(chromedp.CSS(".menu-button")))
				poll(t, tab, `getComputedStyle(document.getElementById("sidebar")).transform === "none"`, "the menu to open")
			}
			shoot := chromedp.CaptureScreenshot()
			if sh.full {
				shoot = chromedp.FullScreenshot(100)
			}
			png, err := chromedp.Run(tab, shoot)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, sh.name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("screenshots in %s", dir)
	})
}

// axeViolation is a violation axe-core reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// runAxe runs axe-core, whose source is axe, on the tab's page.
func runAxe(t testing.TB, tab context.Context, axe string) []axeViolation {
	t.Helper()
	eval[chromedp.Void](t, tab, axe)
	return eval[[]axeViolation](t, tab, `axe.run(document, {resultTypes: ["violations"]}).then(function (r) { return r.violations; })`, chromedp.EvalAwaitPromise)
}

// do runs actions in the tab and fails the test on an error.
// checkAxe runs axe-core on the page in tab and fails the test on every
// serious or critical violation; lesser ones are logged. label names the
// page state in messages.
func checkAxe(t testing.TB, tab context.Context, axe, label string) {
	t.Helper()
	for _, v := range runAxe(t, tab, axe) {
		msg := fmt.Sprintf("%s: axe %s %s: %s", label, v.Impact, v.ID, v.Help)
		for _, n := range v.Nodes {
			msg += fmt.Sprintf("\n\t%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " "))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// noScriptTab opens a tab with JavaScript disabled, as a reader without
// it sees the site.
func noScriptTab(t testing.TB, browser context.Context) context.Context {
	t.Helper()
	tab := browsertest.Tab(t, browser)
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	return tab
}

func do(t testing.TB, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the tab's page.
func eval[T any](t testing.TB, tab context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// poll waits until the JavaScript expression is true in the tab, or fails
// the test saying what it waited for.
func poll(t testing.TB, tab context.Context, js, what string) {
	t.Helper()
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](js)); err != nil {
		t.Fatalf("waiting until %s: %v", what, err)
	}
}

// clickToLoad clicks the element that sel selects and waits until the page
// that the click leads to has loaded.
func clickToLoad(t testing.TB, tab context.Context, sel string) {
	t.Helper()
	untilLoad(t, tab, sel, chromedp.Click(chromedp.CSS(sel)))
}

// untilLoad runs action and waits until the page it leads to has loaded;
// what names the action in messages.
func untilLoad(t testing.TB, tab context.Context, what string, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	loads := chromedp.Events(tab, page.LoadEventFired)
	do(t, tab, action)
	for _, err := range loads {
		if err != nil {
			t.Fatalf("waiting for the page that %s leads to: %v", what, err)
		}
		break
	}
}

// prefersDark makes the tab's system preference dark or light.
func prefersDark(t testing.TB, tab context.Context, dark bool) {
	t.Helper()
	v := "light"
	if dark {
		v = "dark"
	}
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// firstFrames makes every page loaded in the tab record its first frame.
func firstFrames(t testing.TB, tab context.Context) {
	t.Helper()
	_, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordFirstFrame})
	if err != nil {
		t.Fatal(err)
	}
}

type frame struct {
	Theme string `json:"theme"`
	Bg    string `json:"bg"`
}

// loadFirstFrame loads url in the tab while the server holds back the
// page's scripts, and returns what recordFirstFrame saw: so only what the
// page does before its scripts arrive, in its head, can count. It returns
// once the page has loaded in full.
func loadFirstFrame(t testing.TB, tab context.Context, s *site, url string) frame {
	t.Helper()
	eval[chromedp.Void](t, tab, `delete window.firstFrame`)
	release := s.holdScripts()
	defer release()
	if _, err := chromedp.Call(tab, page.Navigate, page.NavigateParams{URL: url}); err != nil {
		t.Fatal(err)
	}
	// The poll may start in the old page, and end with it.
	for tries := 0; ; tries++ {
		f, err := chromedp.Run(tab, chromedp.Poll[frame](`window.firstFrame`))
		if err == nil {
			release()
			poll(t, tab, `document.readyState === "complete" && document.documentElement.classList.contains("js")`, url+" to load")
			return f
		}
		if tab.Err() != nil || tries == 20 {
			t.Fatalf("waiting for the first frame of %s: %v", url, err)
		}
	}
}

func toggleLabel(t testing.TB, tab context.Context) string {
	t.Helper()
	return eval[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-label")`)
}

// grantClipboard lets pages of origin in the tab's browser context read
// and write the clipboard without asking.
func grantClipboard(t testing.TB, tab context.Context, origin string) {
	t.Helper()
	id := chromedp.FromContext(tab).BrowserContextID
	u, err := url.Parse(origin)
	if err != nil {
		t.Fatal(err)
	}
	origin = u.Scheme + "://" + u.Host
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(tab, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name},
			Setting:          browser.PermissionSettingGranted,
			Origin:           origin,
			BrowserContextID: id,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	focus(t, tab)
}

// focus makes the tab's page believe it has the focus, as a page in the
// foreground does; the Clipboard API works only then.
func focus(t testing.TB, tab context.Context) {
	t.Helper()
	if _, err := chromedp.Call(tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

func writeClipboard(t testing.TB, tab context.Context, s string) {
	t.Helper()
	js, _ := json.Marshal(s)
	eval[chromedp.Void](t, tab, `navigator.clipboard.writeText(`+string(js)+`)`, chromedp.EvalAwaitPromise)
}

func readClipboard(t testing.TB, tab context.Context) string {
	t.Helper()
	return eval[string](t, tab, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)
}

// codeBlocks returns what the copy buttons of a page made from the
// Markdown src must copy: the text of each fenced code block exactly as
// written, but for the prompts ("$ ") of console sessions.
func codeBlocks(src []byte) []string {
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var out []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*ast.FencedCodeBlock); ok && entering && string(c.Language(src)) != "mermaid" { // diagrams have no copy button
			var b strings.Builder
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				line := string(seg.Value(src))
				if string(c.Language(src)) == "console" {
					line = strings.TrimPrefix(line, "$ ")
				}
				b.WriteString(line)
			}
			out = append(out, strings.TrimSuffix(b.String(), "\n"))
		}
		return ast.WalkContinue, nil
	})
	return out
}
