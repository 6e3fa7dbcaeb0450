package kettudocs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/internal/browsertest"
	"github.com/kettu/kettudocs/internal/kettureg"
)

// The search tests build the kettu docs and search them: the index the
// build writes, and the search field in Chromium, served under a sub-path
// and opened from disk.

var (
	searchSlot = regexp.MustCompile(`<div class="search-slot" id="search" role="search" data-root="([^"]*)" data-index="([^"]*)" data-script="([^"]*)">`)
)

// TestSearchIndex checks the index the build writes: an entry file of one
// name (so no page changes with the index), the same for the same
// content, whose shards and page files hold an entry for each bound code
// row, and which every page links (but does not load) from its search
// slot.
func TestSearchIndex(t *testing.T) {
	var first []byte
	for i := range 2 {
		dir := filepath.Join(t.TempDir(), "public")
		buildSite(t, os.DirFS("content"), kettureg.Registry(), dir, "https://docs.kettu.example/")
		names, _ := filepath.Glob(filepath.Join(dir, "search", "index*.js"))
		if len(names) != 1 || filepath.Base(names[0]) != "index.js" {
			t.Fatalf("want one search/index.js in the output, have %v", names)
		}
		name := "search/index.js"
		// The other files are named after their contents.
		js := []byte(readFile(t, names[0]))
		var all []byte // every file of the index, in name order
		files, _ := filepath.Glob(filepath.Join(dir, "search", "*.js"))
		for _, f := range files {
			all = append(all, readFile(t, f)...)
		}
		if i == 1 {
			if !bytes.Equal(all, first) {
				t.Error("two builds of the same content wrote different indexes")
			}
			break
		}
		first = all
		for _, want := range []string{`window.kettudocsSearch={"v":5,`, `kettudocsSearch.dir(0,"`, `kettudocsSearch.pages(0,"`, `kettudocsSearch.add(0,"`, `|4004|`,
			`{"a":"close-4004","t":"4004 authentication failed","s":"Close Codes","x":"abort the token is invalid, probably","k":"4004"}`, `"a":"op-6","t":"6 invalid session"`} {
			if !bytes.Contains(all, []byte(want)) {
				t.Errorf("index lacks %s", want)
			}
		}
		t.Logf("%s: %d bytes, %d files, %d bytes in all", name, len(js), len(files), len(all))

		for _, page := range htmlFiles(t, dir) {
			html := readFile(t, filepath.Join(dir, page))
			m := searchSlot.FindStringSubmatch(html)
			if m == nil {
				t.Errorf("%s has no search slot with its root, index and script", page)
				continue
			}
			root, index, script := m[1], m[2], m[3]
			wantRoot := strings.Repeat("../", strings.Count(page, "/"))
			switch {
			case page == "404.html":
				wantRoot = "/"
			case wantRoot == "":
				wantRoot = "./"
			}
			if root != wantRoot {
				t.Errorf("%s: data-root %q, want %q", page, root, wantRoot)
			}
			if want := strings.TrimPrefix(root, "./") + name; index != want {
				t.Errorf("%s: data-index %q, want %q", page, index, want)
			}
			if !hashedRef.MatchString(strings.TrimPrefix(script, "/")) || !strings.HasPrefix(path.Base(script), "search.") {
				t.Errorf("%s: data-script %q is not a link to a fingerprinted search.js", page, script)
			} else if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Base(script)))); err != nil {
				t.Errorf("%s: data-script %q: %v", page, script, err)
			}
			if strings.Contains(html, `src="`+index+`"`) || strings.Contains(html, `src="`+script+`"`) {
				t.Errorf("%s loads the search up front; it must load on first use", page)
			}
		}
	}
}

// TestSearchNoPages checks that a site without pages gets no index, and
// that its 404 page keeps an empty search slot.
func TestSearchNoPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildSite(t, fstest.MapFS{"logo.png": {Data: []byte("PNG")}}, nil, dir, "")
	if names, _ := filepath.Glob(filepath.Join(dir, "search", "*")); len(names) > 0 {
		t.Errorf("a site without pages has a search index: %v", names)
	}
	if html := readFile(t, filepath.Join(dir, "404.html")); !strings.Contains(html, `<div class="search-slot" id="search"></div>`) {
		t.Errorf("404.html of a site without pages: want an empty search slot")
	}
}

// TestSearch searches the kettu docs in Chromium.
func TestSearch(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveSite(t, os.DirFS("content"), kettureg.Registry())
	opcodes := s.pageURL("opcodes-and-status-codes/index.html")

	t.Run("CodeJump", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url))
		if eval[bool](t, tab, `!!window.kettudocsSearch || !!document.querySelector('script[src*="search"]')`) {
			t.Error("the search loaded before the field was used")
		}
		typeQuery(t, tab, "4004")
		poll(t, tab, `document.querySelectorAll("script[src*='search']").length >= 3 && !!window.kettudocsSearch`, "search.js and the index to load")
		r := results(t, tab)
		if len(r.Hrefs) == 0 || !strings.HasSuffix(r.Hrefs[0], "/docs/opcodes-and-status-codes/#close-4004") {
			t.Fatalf("first result for 4004: %v, want .../docs/opcodes-and-status-codes/#close-4004", r.Hrefs)
		}
		if r.Expanded != "true" || r.Active != r.IDs[0] || r.Selected != 1 || r.Status != fmt.Sprintf("%d results", len(r.Hrefs)) && r.Status != "1 result" {
			t.Errorf("after 4004: aria-expanded %s, active descendant %q (first option %q), %d selected, status %q",
				r.Expanded, r.Active, r.IDs[0], r.Selected, r.Status)
		}
		if r.Texts[0] != "Opcodes and Status Codes › Close Codes|4004 authentication failed|abort the token is invalid, probably" || r.Marks[0] != "4004" {
			t.Errorf("first result reads %q with %q marked", r.Texts[0], r.Marks[0])
		}
		keyToLoad(t, tab, kb.Enter)
		poll(t, tab, `location.href === "`+opcodes+`#close-4004" &&
			document.getElementById("close-4004").matches(":target")`, "Enter to open the row, as the :target")
	})

	t.Run("Words", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(opcodes))
		for _, tt := range []struct{ query, first, mark string }{
			{"invalid session", "#op-6", "invalid"},
			{"Authentication FAILED", "#close-4004", "authentication"},
			{"auth fail", "#close-4004", "auth"},     // prefixes of words
			{"close codes", "#close-codes", "Close"}, // headings before rows
			{"go generate", "/writing-docs/#changing-a-code", "go"},
			{"kettu docs", "/docs/", "kettu"}, // a page title: the top of the page
		} {
			typeQuery(t, tab, tt.query)
			r := results(t, tab)
			if len(r.Hrefs) == 0 || !strings.HasSuffix(r.Hrefs[0], tt.first) {
				t.Errorf("%q: results %v, want the first to end with %s", tt.query, r.Hrefs, tt.first)
				continue
			}
			if r.Marks[0] != tt.mark {
				t.Errorf("%q: first result %q marks %q first, want %q", tt.query, r.Texts[0], r.Marks[0], tt.mark)
			}
			if len(r.Hrefs) > 10 {
				t.Errorf("%q: %d results, want at most 10", tt.query, len(r.Hrefs))
			}
		}
		typeQuery(t, tab, "invalid zebra") // every word must match
		poll(t, tab, `document.getElementById("search-input").getAttribute("aria-expanded") === "false" &&
			document.querySelectorAll("[role=option]").length === 0 &&
			document.querySelector("#search [aria-live]").textContent === "No results" &&
			document.querySelector(".search-none").textContent === "No results for “invalid zebra”"`, "no results for invalid zebra")
		// Index text is text: markup in a query or the index never becomes HTML.
		typeQuery(t, tab, "<img src=x onerror=alert(1)>")
		if n := eval[int](t, tab, `document.querySelectorAll("#search img").length`); n != 0 {
			t.Error("a query made an img element")
		}
	})

	t.Run("Keyboard", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(opcodes))
		typeNative(t, tab, "/")
		poll(t, tab, `document.activeElement.id === "search-input" && document.activeElement.value === ""`, `"/" to focus the search field`)
		do(t, tab, chromedp.KeyEvent("unknown"))
		poll(t, tab, `document.querySelectorAll("[role=option]").length === 10`, "ten results for unknown")
		active := func() int {
			return eval[int](t, tab, `(function () {
				var opts = Array.prototype.slice.call(document.querySelectorAll("[role=option]")), sel = document.querySelectorAll("#search [aria-selected=true]");
				var i = opts.findIndex(function (o) { return o.id === document.getElementById("search-input").getAttribute("aria-activedescendant"); });
				return sel.length === 1 && opts.indexOf(sel[0]) === i ? i : -2;
			})()`)
		}
		for _, step := range []struct {
			key  string
			want int
		}{{kb.ArrowDown, 1}, {kb.ArrowDown, 2}, {kb.ArrowUp, 1}, {kb.ArrowUp, 0}, {kb.ArrowUp, 9}, {kb.ArrowDown, 0}, {kb.ArrowDown, 1}} {
			do(t, tab, chromedp.KeyEvent(step.key))
			if got := active(); got != step.want {
				t.Fatalf("after %q: option %d is the active one, want %d (-2: aria-selected and aria-activedescendant disagree)", step.key, got, step.want)
			}
		}
		want := eval[string](t, tab, `document.querySelectorAll("[role=option]")[1].href`)
		do(t, tab, chromedp.KeyEvent(kb.Escape))
		poll(t, tab, `document.querySelector(".search-panel").hidden && document.getElementById("search-input").getAttribute("aria-expanded") === "false" &&
			!document.getElementById("search-input").hasAttribute("aria-activedescendant") && document.getElementById("search-input").value === "unknown"`,
			"Escape to close the results and keep the query")
		do(t, tab, chromedp.KeyEvent(kb.ArrowDown))
		poll(t, tab, `!document.querySelector(".search-panel").hidden && document.getElementById("search-input").getAttribute("aria-expanded") === "true"`,
			"ArrowDown to open the results again")
		do(t, tab, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		poll(t, tab, `location.href === "`+want+`"`, "Enter to open the second result, "+want)
		// Ctrl+K from anywhere, also from another field; Escape twice empties it.
		do(t, tab, chromedp.Navigate(s.url))
		do(t, tab, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		poll(t, tab, `document.activeElement.id === "search-input"`, "Ctrl+K to focus the search field")
		do(t, tab, chromedp.KeyEvent("heartbeat"))
		poll(t, tab, `document.querySelectorAll("[role=option]").length > 0`, "results for heartbeat")
		do(t, tab, chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
		poll(t, tab, `document.getElementById("search-input").value === "" && document.querySelector(".search-panel").hidden`, "two Escapes to empty the field")
	})

	t.Run("Mouse", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url))
		typeQuery(t, tab, "heartbeat")
		clickToLoad(t, tab, `[role=option]`)
		poll(t, tab, `location.hash === "#op-1" && document.getElementById("op-1").matches(":target")`, "a click on the result to open it")
		// A click elsewhere closes the results.
		typeQuery(t, tab, "heartbeat")
		do(t, tab, chromedp.Click(chromedp.CSS("main h1")))
		poll(t, tab, `document.querySelector(".search-panel").hidden`, "a click on the page to close the results")
	})

	t.Run("NotFoundPage", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url+"no/such/page/"))
		typeQuery(t, tab, "4004")
		if r := results(t, tab); len(r.Hrefs) == 0 || r.Hrefs[0] != opcodes+"#close-4004" {
			t.Errorf("on a 404 page at a deep path, results: %v, want %s first", r.Hrefs, opcodes+"#close-4004")
		}
	})

	t.Run("WholeNumbers", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url))
		// 400 is an HTTP status; 4000 a close code and 40001 up JSON error
		// codes, which a number must not match by its start.
		typeQuery(t, tab, "400")
		r := results(t, tab)
		if len(r.Hrefs) == 0 || !strings.HasSuffix(r.Hrefs[0], "#http-400") {
			t.Fatalf("400: results %v, want #http-400 first", r.Hrefs)
		}
		for i, h := range r.Hrefs {
			if strings.Contains(h, "4000") || strings.Contains(r.Texts[i], "4000") || r.Marks[i] != "400" {
				t.Errorf("400: result %s (%q, marks %q) matches a longer number", h, r.Texts[i], r.Marks[i])
			}
		}
		typeQuery(t, tab, "4000")
		if r := results(t, tab); len(r.Hrefs) == 0 || !strings.HasSuffix(r.Hrefs[0], "#close-4000") {
			t.Errorf("4000: results %v, want #close-4000 first", r.Hrefs)
		}
	})

	t.Run("FromDisk", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		dir := "file://" + filepath.ToSlash(s.dir) + "/"
		do(t, tab, chromedp.Navigate(dir+"writing-docs/index.html"))
		typeQuery(t, tab, "4004")
		want := dir + "opcodes-and-status-codes/index.html#close-4004"
		if r := results(t, tab); len(r.Hrefs) == 0 || r.Hrefs[0] != want {
			t.Fatalf("opened from disk, results: %v, want %s first", r.Hrefs, want)
		}
		keyToLoad(t, tab, kb.Enter)
		poll(t, tab, `location.href === "`+want+`" && document.getElementById("close-4004").matches(":target")`,
			"Enter to open the row from disk")
		typeQuery(t, tab, "kettu docs")
		if r := results(t, tab); len(r.Hrefs) == 0 || r.Hrefs[0] != dir+"index.html" {
			t.Errorf("opened from disk, results: %v, want %s first", r.Hrefs, dir+"index.html")
		}
	})

	t.Run("Mobile", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch))
		do(t, tab, chromedp.Navigate(opcodes))
		poll(t, tab, `getComputedStyle(document.querySelector(".search-button")).display !== "none" &&
			getComputedStyle(document.querySelector(".search-box")).display === "none"`, "a search button instead of the field at 360px")
		do(t, tab, chromedp.Click(chromedp.CSS(".search-button")))
		poll(t, tab, `(function () {
			var f = document.getElementById("search-input"), r = f.getBoundingClientRect();
			return document.activeElement === f && r.left >= 0 && r.right <= innerWidth && r.width > 250 &&
				document.querySelector(".search-button").getAttribute("aria-expanded") === "true";
		})()`, "the button to open a wide search field, focused")
		do(t, tab, chromedp.KeyEvent("invalid"))
		poll(t, tab, `(function () {
			var p = document.querySelector(".search-panel").getBoundingClientRect();
			return document.querySelectorAll("[role=option]").length > 1 && p.left >= 0 && p.right <= innerWidth && p.bottom <= innerHeight &&
				document.documentElement.scrollWidth <= innerWidth;
		})()`, "the results to fit the screen, with no sideways scrolling")
		do(t, tab, chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
		poll(t, tab, `document.activeElement === document.querySelector(".search-button") &&
			getComputedStyle(document.querySelector(".search-box")).display === "none" &&
			document.querySelector(".search-button").getAttribute("aria-expanded") === "false"`,
			"two Escapes to close the results, then the field, and focus the button")
	})

	t.Run("NoJavaScript", func(t *testing.T) {
		t.Parallel()
		tab := noScriptTab(t, b)
		for _, width := range []int64{1280, 360} {
			do(t, tab, chromedp.EmulateViewport(width, 800), chromedp.Navigate(opcodes))
			if n := eval[int](t, tab, `Array.prototype.filter.call(document.querySelectorAll("#search, #search *"), function (el) {
				var r = el.getBoundingClientRect(); return r.width > 0 || r.height > 0;
			}).length`); n > 0 {
				t.Errorf("%dpx without JavaScript: %d parts of the search are shown; it cannot work", width, n)
			}
		}
	})

	t.Run("Accessibility", func(t *testing.T) {
		t.Parallel()
		axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))
		for _, view := range []struct {
			name   string
			dark   bool
			mobile bool
		}{{"light", false, false}, {"dark", true, false}, {"light-360px", false, true}, {"dark-360px", true, true}} {
			t.Run(view.name, func(t *testing.T) {
				t.Parallel()
				tab := browsertest.Tab(t, b)
				prefersDark(t, tab, view.dark)
				if view.mobile {
					do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
				}
				for _, q := range []string{"invalid", "zebra"} { // results, and none
					do(t, tab, chromedp.Navigate(opcodes))
					if view.mobile {
						do(t, tab, chromedp.Click(chromedp.CSS(".search-button")))
					}
					typeQuery(t, tab, q)
					do(t, tab, chromedp.KeyEvent(kb.ArrowDown)) // a selected option other than the first
					checkAxe(t, tab, axe, fmt.Sprintf("search %q", q))
				}
			})
		}
	})

	// Screenshots of open results for a person to look at, beside those
	// of TestBrowser.
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
		for _, sh := range []struct {
			name, query  string
			dark, mobile bool
		}{
			{"search-light.png", "invalid", false, false},
			{"search-dark.png", "invalid", true, false},
			{"search-code-light.png", "4004", false, false},
			{"search-none-dark.png", "zebra", true, false},
			{"search-mobile-light.png", "auth", false, true},
			{"search-mobile-dark.png", "invalid session", true, true},
			{"search-closed-light.png", "", false, false},
			{"search-closed-mobile-dark.png", "", true, true},
		} {
			tab := browsertest.Tab(t, b)
			prefersDark(t, tab, sh.dark)
			if sh.mobile {
				do(t, tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))
			} else {
				do(t, tab, chromedp.EmulateViewport(1280, 800))
			}
			do(t, tab, chromedp.Navigate(opcodes))
			if sh.query != "" {
				if sh.mobile {
					do(t, tab, chromedp.Click(chromedp.CSS(".search-button")))
				}
				typeQuery(t, tab, sh.query)
				do(t, tab, chromedp.KeyEvent(kb.ArrowDown))
			}
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
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

// keyToLoad presses key and waits until the page it leads to has loaded.
func keyToLoad(t testing.TB, tab context.Context, key string) {
	t.Helper()
	untilLoad(t, tab, fmt.Sprintf("key %q", key), chromedp.KeyEvent(key))
}

// typeNative types keys as a keyboard does, each a raw keydown and a
// character event that the page cancels by cancelling the keydown.
// (chromedp.KeyEvent sends a "keyDown", after which Chrome types the
// character even when the page cancelled it.)
func typeNative(t testing.TB, tab context.Context, keys string) {
	t.Helper()
	for _, r := range keys {
		for _, ev := range kb.Encode(r) {
			if ev.Type == input.DispatchKeyEventTypeKeyDown {
				ev.Type = input.DispatchKeyEventTypeRawKeyDown
			}
			if _, err := chromedp.Call(tab, input.DispatchKeyEvent, *ev); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// typeQuery focuses the search field, replaces its text with q as typed
// keys and waits until the search has answered.
func typeQuery(t testing.TB, tab context.Context, q string) {
	t.Helper()
	eval[chromedp.Void](t, tab, `(function () { var f = document.getElementById("search-input"); f.focus(); f.select(); })()`)
	if eval[string](t, tab, `document.getElementById("search-input").value`) != "" {
		do(t, tab, chromedp.KeyEvent(kb.Delete))
	}
	do(t, tab, chromedp.KeyEvent(q))
	js, _ := json.Marshal(q)
	poll(t, tab, `document.getElementById("search-input").value === `+string(js)+` && !!window.kettudocsSearch &&
		document.getElementById("search").dataset.ready === "1" && !document.querySelector(".search-panel").hidden &&
		!document.getElementById("search-list").hasAttribute("aria-busy") &&
		document.querySelector("#search [aria-live]").textContent !== ""`, "the search to answer "+string(js))
}

// resultList is what the search field shows.
type resultList struct {
	Hrefs, IDs []string
	Texts      []string // the parts of each option's text, joined with |
	Marks      []string // the first marked text of each option
	Expanded   string   // the field's aria-expanded
	Active     string   // the field's aria-activedescendant
	Selected   int      // options with aria-selected=true
	Status     string   // the live region
}

func results(t testing.TB, tab context.Context) resultList {
	t.Helper()
	return eval[resultList](t, tab, `(function () {
		var f = document.getElementById("search-input"), opts = Array.prototype.slice.call(document.querySelectorAll("#search-list > [role=option]"));
		return {
			hrefs: opts.map(function (o) { return o.href; }),
			ids: opts.map(function (o) { return o.id; }),
			texts: opts.map(function (o) { return Array.prototype.map.call(o.children, function (c) { return c.textContent; }).join("|"); }),
			marks: opts.map(function (o) { var m = o.querySelector("mark"); return m ? m.textContent : ""; }),
			expanded: f.getAttribute("aria-expanded"),
			active: f.getAttribute("aria-activedescendant") || "",
			selected: document.querySelectorAll("[role=option][aria-selected=true]").length,
			status: document.querySelector("#search [aria-live]").textContent,
		};
	})()`)
}

// firstQueryBudget is the most a first query may load, search.js included:
// the entry of the index, the shards of its words, the pages of its
// results. Pagefind loads 198–439 kB for the same.
const firstQueryBudget = 100 << 10

// bigSitePages is the size of the site TestSearchBigSite searches: large
// enough for the index to span many shards.
const bigSitePages = 4000

// bigSite returns the kettu docs and n generated pages of Zipf-distributed
// words, as prose reads, in sections of 50 pages; and the three most common
// words. Three more pages hold two rare words, one, the other and both.
func bigSite(t testing.TB, n int) (fstest.MapFS, []string) {
	t.Helper()
	content := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("content"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("content", filepath.FromSlash(name)))
		content[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "te", "ri", "no", "su", "mo", "la", "pe", "vi", "do", "gu", "xa", "zo", "be", "fi", "ch", "st", "qu"}
	seen := make(map[string]bool)
	var vocab []string
	for len(vocab) < 15000 {
		var w strings.Builder
		for range 1 + r.IntN(4) {
			w.WriteString(syll[r.IntN(len(syll))])
		}
		if !seen[w.String()] {
			seen[w.String()] = true
			vocab = append(vocab, w.String())
		}
	}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "# %s\n\n%s.\n\n", words(3), words(20+r.IntN(40)))
		for range 4 {
			fmt.Fprintf(&b, "## %s\n\n%s.\n\n%s.\n\n", words(1+r.IntN(3)), words(30+r.IntN(60)), words(20+r.IntN(60)))
		}
		content[fmt.Sprintf("gen/s%03d/p%05d.md", i/50, i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	content["gen/rare/one.md"] = &fstest.MapFile{Data: []byte("# Aardvark\n\nAn aardvark, alone.\n")}
	content["gen/rare/other.md"] = &fstest.MapFile{Data: []byte("# Zymurgy\n\nZymurgy, alone.\n")}
	content["gen/rare/both.md"] = &fstest.MapFile{Data: []byte("# Rare words\n\nNone here.\n\n## Brewing\n\nThe aardvark took up zymurgy.\n")}
	return content, vocab[:3]
}

// themeWithoutNav is the default theme with an empty navigation, which
// would list every page of a big site on every page.
func themeWithoutNav(t testing.TB) fs.FS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(kettudocs.Theme(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(kettudocs.Theme(), name)
		theme[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	theme["layouts/nav.html"] = &fstest.MapFile{Data: []byte(`<ul class="nav"></ul>`)}
	return theme
}

// searchLoads returns the site-relative paths of the files the search has
// loaded into the page: search.js, the index's entry, its shards and pages.
func searchLoads(t testing.TB, tab context.Context, base string) []string {
	t.Helper()
	srcs := eval[[]string](t, tab, `Array.prototype.map.call(document.querySelectorAll("script[src]"), function (s) { return s.src; })`)
	var out []string
	for _, src := range srcs {
		rel, ok := strings.CutPrefix(src, base)
		rel, _, _ = strings.Cut(rel, "?") // the entry's, to pass caches by
		if ok && (strings.HasPrefix(rel, "search/") || strings.HasPrefix(rel, "search.")) {
			out = append(out, rel)
		}
	}
	return out
}

// TestSearchBigSite searches a site of thousands of pages, served and
// opened from disk: nothing of the search loads before the field is used,
// and a first query loads at most firstQueryBudget bytes, counted from the
// files on disk and, when served, from what the browser received.
func TestSearchBigSite(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	content, common := bigSite(t, bigSitePages)
	s := serveSiteTheme(t, content, kettureg.Registry(), themeWithoutNav(t))
	shards, _ := filepath.Glob(filepath.Join(s.dir, "search", "t*.js"))
	if len(shards) < 20 {
		t.Fatalf("%d shards: the site is too small to test the index's sharding", len(shards))
	}
	opcodes := s.pageURL("opcodes-and-status-codes/index.html")
	disk := "file://" + filepath.ToSlash(s.dir) + "/"

	t.Run("NothingBeforeUse", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url+"gen/rare/both/"))
		do(t, tab, chromedp.KeyEvent(kb.PageDown), chromedp.Click(chromedp.CSS("main h1")))
		loaded := eval[[]string](t, tab, `performance.getEntriesByType("resource").map(function (e) { return e.name; })`)
		for _, name := range loaded {
			if strings.Contains(name, "/search") {
				t.Errorf("%s was requested before the search field was used", name)
			}
		}
		if n := len(searchLoads(t, tab, s.url)); n > 0 || eval[bool](t, tab, `!!window.kettudocsSearch`) {
			t.Errorf("the search loaded before the field was used: %d scripts", n)
		}
		eval[chromedp.Void](t, tab, `document.getElementById("search-input").focus()`)
		poll(t, tab, `!!window.kettudocsSearch && document.getElementById("search").dataset.ready === "1"`, "the focus to load the search")
		if got := searchLoads(t, tab, s.url); len(got) != 2 {
			t.Errorf("the focus loaded %v, want search.js and the index's entry only", got)
		}
	})

	for _, tt := range []struct {
		name, query string
		first       string // how the first result's link ends
		only        bool   // and it is the only one
	}{
		{"Code", "4004", "/opcodes-and-status-codes/#close-4004", false},
		{"ShardApart", "aardvark zymurgy", "/gen/rare/both/#brewing", true},
		{"Common", common[0], "", false},
		{"CommonPair", common[1] + " " + common[2], "", false},
		{"Letter", common[0][:1], "", false},
		{"Syllable", "zo", "", false},
	} {
		for _, from := range []string{"HTTP", "FromDisk"} {
			t.Run(tt.name+"/"+from, func(t *testing.T) {
				t.Parallel()
				tab := browsertest.Tab(t, b)
				base, page := s.url, opcodes
				if from == "FromDisk" {
					base, page = disk, disk+"opcodes-and-status-codes/index.html"
				}
				do(t, tab, chromedp.Navigate(page))
				typeQuery(t, tab, tt.query)
				r := results(t, tab)
				if len(r.Hrefs) == 0 {
					t.Fatalf("%q: no results", tt.query)
				}
				if tt.first != "" {
					want := tt.first
					if from == "FromDisk" {
						i := strings.LastIndexByte(want, '#')
						want = want[:i] + "index.html" + want[i:]
					}
					if !strings.HasSuffix(r.Hrefs[0], want) || tt.only && len(r.Hrefs) != 1 {
						t.Errorf("%q: results %v, want %s first (and only: %v)", tt.query, r.Hrefs, want, tt.only)
					}
				}
				files := searchLoads(t, tab, base)
				total, shardSet := 0, map[string]bool{}
				for _, f := range files {
					st, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(f)))
					if err != nil {
						t.Fatal(err)
					}
					total += int(st.Size())
					if strings.HasPrefix(f, "search/t") {
						shardSet[f] = true
					}
				}
				if len(shardSet) != strings.Count(strings.Join(files, " "), "search/t") {
					t.Errorf("a shard loaded twice: %v", files)
				}
				if tt.name == "ShardApart" && len(shardSet) < 2 {
					t.Errorf("%q loaded %d shard: the test wants words in different shards", tt.query, len(shardSet))
				}
				if total > firstQueryBudget {
					t.Errorf("%q loads %d bytes in %d files, over the budget of %d: %v", tt.query, total, len(files), firstQueryBudget, files)
				}
				t.Logf("%q: %d results, loads %d bytes in %d files (%d shards)", tt.query, len(r.Hrefs), total, len(files), len(shardSet))
				if from == "HTTP" {
					got := eval[int](t, tab, `performance.getEntriesByType("resource").filter(function (e) {
						return /\/search[\/.]/.test(e.name);
					}).reduce(function (n, e) { return n + e.decodedBodySize; }, 0)`)
					if got != total {
						t.Errorf("%q: the browser received %d bytes of search files, the files on disk have %d", tt.query, got, total)
					}
				}
				// The entry keeps its name from build to build: served, it
				// is asked for with a query no cache has; from disk, as it is.
				fresh := eval[bool](t, tab, `Array.prototype.some.call(document.querySelectorAll("script[src]"), function (s) { return /\/search\/index\.js\?[0-9a-z]+$/.test(s.src); })`)
				if fresh != (from == "HTTP") {
					t.Errorf("%s: the entry is loaded with a query: %v", from, fresh)
				}
			})
		}
	}
}
