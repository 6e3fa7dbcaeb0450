package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kettu/kettudocs/internal/browsertest"
)

// TestPreviewSwapsMain edits pages open in Chromium under serve, with the
// default theme: a body edit puts the new <main> in place without a
// navigation (the page's state and scroll position stay) and the theme
// enhances it again (copy buttons, tabs); an edit that changes more than
// <main>, such as a title, which the navigation shows too, reloads the page.
func TestPreviewSwapsMain(t *testing.T) {
	browser := browsertest.Browser(t)
	site := t.TempDir()
	long := strings.Repeat("A paragraph to make the page taller than the window.\n\n", 80)
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\n---\n\n" + long + body
	}
	files := map[string]string{
		"index.md": "---\ntitle: Home\n---\n\nSee [the guide](guide.md).\n",
		"guide.md": page("Guide", "```go\nfmt.Println(1)\n```\n"),
	}
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, "content", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		write(name, src)
	}
	p, _, _, _ := startServe(t, site)

	tab := browsertest.Tab(t, browser)
	if err := chromedp.Do(tab, chromedp.Navigate(p.url+"guide/")); err != nil {
		t.Fatal(err)
	}
	poll := func(js, what string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](js)); err != nil {
			var state string
			state, _ = chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText.slice(-300) : ""`))
			t.Fatalf("waiting until %s: %v\nmain ends: %q", what, err, state)
		}
	}
	do := func(js string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](js)); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}
	poll(`document.querySelectorAll("main .code-block .copy").length === 1`, "the theme added a copy button")
	// An update sent before the page's stream connects does not reach it.
	for deadline := time.Now().Add(waitLimit); p.hub.Clients() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page did not connect to the reload stream")
		}
	}
	do(`window.scrollTo(0, 1200); window.notReloaded = true`)

	tabs := "<!-- tabs -->\n\n```go\nfmt.Println(2)\n```\n\n```python\nprint(2)\n```\n"
	write("guide.md", page("Guide", "A new paragraph with swapword1.\n\n```go\nfmt.Println(1)\n```\n\n```sh\nls\n```\n\n"+tabs))
	poll(`document.querySelector("main").innerText.includes("swapword1")`, "the body edit shows")
	poll(`window.notReloaded === true && window.scrollY === 1200`, "the page neither reloaded nor scrolled")
	poll(`((pres) => pres.length === 4 && pres.every((pre) => pre.closest(".code-block")?.querySelector(".copy")))([...document.querySelectorAll("main pre")])`,
		"every code block of the new <main> has a copy button")
	poll(`document.querySelectorAll("main .code-tabs [role=tab]").length >= 2`, "the new tabs are a tab list")
	poll(`performance.getEntriesByName("kettudocs:painted").length === 1`, "the swap's paint is marked")

	loads := chromedp.Events(tab, cdppage.LoadEventFired)
	write("guide.md", page("Guide renamed", "swapword2\n"))
	for _, err := range loads {
		if err != nil {
			t.Fatalf("waiting until a title edit reloads the page: %v", err)
		}
		break
	}
	poll(`window.notReloaded === undefined && document.title.includes("Guide renamed")`, "a title edit reloads the page")
	poll(`document.querySelector("main").innerText.includes("swapword2")`, "and shows the edit")
}
