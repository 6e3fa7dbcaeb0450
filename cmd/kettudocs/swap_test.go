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
// enhances it again (copy buttons, tabs); a new heading reaches "On this
// page" and the navigation in place too, where the theme marks the
// heading being read; so does a new title, with the page's <title>; an
// edit that changes more, such as the site's title in its header,
// reloads the page.
func TestPreviewSwapsMain(t *testing.T) {
	browser := browsertest.Browser(t)
	site := t.TempDir()
	long := strings.Repeat("A paragraph to make the page taller than the window.\n\n", 80)
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\n---\n\n## Start\n\n" + long + body
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

	// A new heading: "On this page" and the navigation's list of the
	// page's headings show it, and the theme marks the heading read.
	write("guide.md", page("Guide", "## Far below\n\nswapword2\n\n## Further below\n\nThe end.\n"))
	poll(`document.querySelector(".toc")?.textContent.includes("Further below") && document.querySelector("#sidebar").textContent.includes("Further below")`,
		"the new headings show in the navigation and On this page")
	do(`window.scrollTo(0, document.documentElement.scrollHeight)`)
	poll(`document.querySelector(".toc a.active[aria-current=location]")?.textContent === "Further below"`, "the theme marks the new heading being read")
	// A new title: the page's <title>, its heading and the navigation.
	write("guide.md", page("Guide renamed", "swapword3\n"))
	poll(`document.title.includes("Guide renamed") && document.querySelector("main h1").textContent === "Guide renamed" && document.querySelector("#sidebar").textContent.includes("Guide renamed")`,
		"a title edit shows in the <title>, the heading and the navigation")
	poll(`window.notReloaded === true && document.querySelector("main").innerText.includes("swapword3")`, "without a reload")
	// The last heading goes, and "On this page" with it; the first comes
	// back, and so does "On this page": regions that go and come.
	write("guide.md", "---\ntitle: Guide renamed\n---\n\n"+long+"swapword4\n")
	poll(`!document.querySelector(".toc") && document.querySelector("main").innerText.includes("swapword4")`, "On this page goes with the last heading")
	write("guide.md", page("Guide renamed", "swapword5\n"))
	poll(`document.querySelector(".toc")?.textContent.includes("Start") && document.querySelector("main").innerText.includes("swapword5")`, "On this page comes with the first heading")
	poll(`window.notReloaded === true && document.querySelector("main + .toc") !== null && document.querySelectorAll(".toc").length === 1`, "without a reload, in its place")
	// Scrolled to the heading, as a reader does: the theme marks it.
	do(`window.scrollTo(0, document.getElementById("start").getBoundingClientRect().top + scrollY - 40)`)
	poll(`document.querySelector(".toc a.active[aria-current=location]")?.textContent === "Start"`, "the theme marks the heading being read in the new On this page")

	loads := chromedp.Events(tab, cdppage.LoadEventFired)
	if err := os.WriteFile(filepath.Join(site, "kettudocs.yaml"), []byte("title: Renamed docs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, err := range loads {
		if err != nil {
			t.Fatalf("waiting until a new site title reloads the page: %v", err)
		}
		break
	}
	poll(`window.notReloaded === undefined && document.querySelector(".site-title").innerText.includes("Renamed docs")`, "a new site title reloads the page")
}
