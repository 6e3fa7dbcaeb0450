package reload_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/reload"
	"github.com/kettu/kettudocs/internal/browsertest"
)

// TestClient runs reload.js in Chromium against a hub: the overlay, its
// close button, reloading, reconnecting after a server restart, swapping
// stylesheets, and the in-page list.
func TestClient(t *testing.T) {
	browser := browsertest.Browser(t)
	tab := browsertest.Tab(t, browser)

	// The server's hub can be swapped, as a restarted server would have a
	// new one.
	var hub atomic.Pointer[reload.Hub]
	hub.Store(new(reload.Hub))
	mux := http.NewServeMux()
	mux.Handle(reload.Prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hub.Load().ServeHTTP(w, r)
	}))
	mux.HandleFunc("/docs/css/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		colour := map[string]string{"/docs/css/theme.11111111.css": "rgb(1, 2, 3)", "/docs/css/theme.22222222.css": "rgb(4, 5, 6)"}[r.URL.Path]
		io.WriteString(w, "body { background: "+colour+" } p { height: 3000px }")
	})
	// The pages under /swap/ change with each version: only their <main>,
	// or, at /swap/nav, their navigation too; /swap/script has a script
	// that does not handle swaps.
	var version atomic.Int32
	mux.Handle("/swap/", reload.Inject(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		v := strconv.Itoa(int(version.Load()))
		title, meta, aside := "t", `<meta name="description" content="d">`, ""
		nav, script := "<nav>Site</nav>", `<script src="/swap/ok.js" data-kettudocs-swap></script>`
		switch r.URL.Path {
		case "/swap/nav":
			nav = "<nav>Site " + v + "</nav>"
		case "/swap/script":
			script = `<script src="/swap/ok.js"></script>`
		case "/swap/regions":
			// Regions the layout marks, a title and a description that
			// change with the version.
			title, meta = "t "+v, `<meta name="description" content="d `+v+`">`
			nav = "<nav data-kettudocs-region>Site " + v + "</nav>"
			// The aside changes with every other version.
			aside = "<aside data-kettudocs-region><p>On this page " + strconv.Itoa(int(version.Load()/2)) + "</p></aside>"
		case "/swap/region-attribute":
			// A region's own attributes are not its content.
			nav = `<nav data-kettudocs-region class="v` + v + `">Site</nav>`
		case "/swap/region-more":
			// A region that comes and goes, beside <main>.
			aside = strings.Repeat("<aside data-kettudocs-region>toc</aside>", int(version.Load()%2))
		case "/swap/region-alone":
			// A region that comes and goes with no region beside it: no
			// place to put it.
			aside = "<p>end</p>" + strings.Repeat("<aside data-kettudocs-region>toc</aside>", int(version.Load()%2))
		case "/swap/ok.js":
			w.Header().Set("Content-Type", "text/javascript")
			io.WriteString(w, `document.addEventListener("kettudocs:swap", (e) => { window.swapped = (window.swapped || 0) + 1; window.swappedMain = e.target.localName; (window.swappedAll ||= []).push(e.target.localName) })`)
			return
		}
		io.WriteString(w, `<!DOCTYPE html><html lang=en><title>`+title+`</title>`+meta+script+`<body>`+nav+`<main class="m"><p>version `+v+`</p><p style="height:3000px">tall</p></main>`+aside+`</body></html>`)
	})))
	mux.Handle("/", reload.Inject(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/docs/guide/" {
			io.WriteString(w, `<!DOCTYPE html><html lang=en><title>t</title><link rel="stylesheet" href="../css/theme.11111111.css"><body><p>Tall</p><p>page</p></body></html>`)
			return
		}
		html, list := "<html lang=en>", ""
		switch r.URL.Path {
		case "/failed":
			html, list = "<html lang=en data-kettudocs-failed>", `<div id="kettudocs-problems">none yet</div>`
		case "/hostile":
			// A page's own element of the list's id, hidden, must not
			// capture the problems.
			list = `<details><summary>x</summary><div id="kettudocs-problems"></div></details>`
		}
		io.WriteString(w, "<!DOCTYPE html>"+html+"<title>t</title><body><h1>Page</h1>"+list+"</body></html>")
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer func() { hub.Load().Close() }() // before srv.Close, which waits for the streams

	poll := func(js, what string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](js)); err != nil {
			t.Fatalf("waiting until %s: %v", what, err)
		}
	}
	do := func(js string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](js)); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}
	navigate := func(url string) {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
	}
	// reloads runs trigger and waits until the page has loaded anew.
	reloads := func(what string, trigger func()) {
		t.Helper()
		loads := chromedp.Events(tab, page.LoadEventFired)
		trigger()
		for _, err := range loads {
			if err != nil {
				t.Fatalf("waiting until %s: %v", what, err)
			}
			break
		}
	}
	const box = `document.querySelector("kettudocs-problems")?.shadowRoot.querySelector("[role=alert]")`
	problems := diag.List{
		{Pos: diag.Position{File: "content/a.md", Line: 3, Col: 5}, Msg: `unknown code 4099 in <script>alert(1)</script>`, Hint: "use a code of the spec"},
		{Msg: "theme: layouts/page.html: unexpected EOF"},
	}

	// Problems from before the page connected come with the connection,
	// so the overlay also proves that the page is connected.
	hub.Load().Problems(problems)
	navigate(srv.URL + "/")
	poll(box, "the overlay shows")
	poll(box+`.textContent.includes("content/a.md:3:5: unknown code 4099 in <script>alert(1)</script>hint: use a code of the spec")`,
		"the overlay lists the problem as text")
	poll(box+`.querySelectorAll("li").length === 2 && !`+box+`.querySelector("script")`, "the overlay lists both problems and no markup")
	poll(box+`.querySelector("button[aria-label=Close]")`, "the overlay has a close button")

	do(box + `.querySelector("button").click()`)
	poll(`!document.querySelector("kettudocs-problems")`, "the close button hides the overlay")

	hub.Load().Problems(problems[1:])
	poll(box+`?.querySelectorAll("li").length === 1`, "new problems show again")
	hub.Load().Problems(nil)
	poll(`!document.querySelector("kettudocs-problems")`, "an empty list hides the overlay")

	// The warnings of a good build say so, and do not call it failed.
	warning := diag.Problem{Pos: diag.Position{File: "content/b.md", Line: 2, Col: 1}, Msg: "removed <script>", Severity: diag.Warning}
	hub.Load().Problems(diag.List{warning})
	poll(box+`?.querySelector("h2").textContent === "Built with 1 warning."`, "warnings alone are no failed build")
	poll(box+`.querySelector("li").textContent === "content/b.md:2:1: warning: removed <script>"`, "a warning says it is one")
	poll(box+`.classList.contains("warn")`, "the warnings box is marked as such")
	hub.Load().Problems(append(problems[1:], warning))
	poll(box+`?.querySelector("h2").textContent.startsWith("1 problem, 1 warning: kettudocs build would fail.")`, "a site with errors counts both")
	hub.Load().Problems(nil)
	poll(`!document.querySelector("kettudocs-problems")`, "an empty list hides the warnings")

	reloads("the page reloads", hub.Load().Reload)

	// A restart: the old hub ends the stream; the browser reconnects to the
	// new one and the page reloads, as the site may have changed.
	hub.Load().Problems(problems[:1])
	poll(box, "the reloaded page is connected")
	reloads("the page reloads after reconnecting", func() { hub.Swap(new(reload.Hub)).Close() })
	poll(`!document.querySelector("kettudocs-problems")`, "the new server has no problems to show")

	// A stylesheet swapped: the page does not reload (the variable set
	// below stays), keeps its scroll position, and ends up with the new
	// stylesheet only.
	// The hub sends a swap only to pages connected by then, so the
	// problems sent on connecting first prove that this page is.
	hub.Load().Problems(problems[:1])
	navigate(srv.URL + "/docs/guide/")
	poll(box, "the guide is connected")
	hub.Load().Problems(nil)
	poll(`!document.querySelector("kettudocs-problems")`, "the guide's overlay is gone")
	poll(`getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`, "the page has its first stylesheet")
	do(`window.scrollTo(0, 1500); window.notReloaded = true`)
	hub.Load().Swap(map[string]string{"css/theme.11111111.css": "css/theme.22222222.css", "other.11111111.css": "other.22222222.css"})
	poll(`getComputedStyle(document.body).backgroundColor === "rgb(4, 5, 6)"`, "the new stylesheet applies")
	poll(`document.querySelectorAll("link[rel=stylesheet]").length === 1 && document.querySelector("link[rel=stylesheet]").getAttribute("href").endsWith("/docs/css/theme.22222222.css")`,
		"the old stylesheet is gone")
	poll(`window.notReloaded === true && window.scrollY === 1500`, "the page neither reloaded nor scrolled")

	// A change of <main> alone is put in place: no reload, the scroll
	// position stays, and the page's scripts hear of it.
	navigate(srv.URL + "/swap/main")
	poll(`document.querySelector("main p").textContent === "version 0"`, "the page shows its first version")
	do(`window.scrollTo(0, 1000); window.notReloaded = true`)
	hub.Load().Problems(problems) // shown until the next version
	poll(box, "the overlay shows")
	version.Store(1)
	hub.Load().Reload()
	poll(`document.querySelector("main p").textContent === "version 1"`, "the new <main> shows")
	poll(`window.notReloaded === true && window.scrollY === 1000 && window.swapped === 1 && window.swappedMain === "main"`,
		"the page neither reloaded nor scrolled, and its script heard of the swap")
	poll(`document.querySelectorAll("main").length === 1 && document.querySelector("main").className === "m"`, "the <main> element itself stays")
	poll(`!document.querySelector("kettudocs-problems")`, "the last build's problems are gone")
	version.Store(2)
	hub.Load().Reload()
	poll(`document.querySelector("main p").textContent === "version 2" && window.swapped === 2`, "a second version is put in place too")
	// Another page changed: this one stays as it is.
	do(`document.querySelector("main p").dataset.mine = "yes"`)
	hub.Load().Reload()
	hub.Load().Problems(problems[:1]) // follows the update, as from serve
	poll(box, "the update reached the page")
	poll(`window.notReloaded === true && window.swapped === 2 && document.querySelector("main p").dataset.mine === "yes"`,
		"a page that did not change is left alone")

	// The regions a layout marks, and the <title> and <meta> tags, are put
	// in place too: only those that changed, each region's scripts told.
	hub.Load().Problems(problems[:1])
	navigate(srv.URL + "/swap/regions")
	poll(box, "/swap/regions is connected")
	do(`window.scrollTo(0, 1000); window.notReloaded = true; window.swappedAll = []`)
	var events []string
	for range 2 {
		version.Add(1)
		n := version.Load()
		v, toc := strconv.Itoa(int(n)), strconv.Itoa(int(n/2))
		events = append(events, "nav", "main")
		if n%2 == 0 {
			events = append(events, "aside")
		}
		hub.Load().Reload()
		poll(`document.title === "t `+v+`" && document.querySelector("meta[name=description]").content === "d `+v+`"`, "the new title and description show")
		poll(`document.querySelector("nav").textContent === "Site `+v+`" && document.querySelector("aside").textContent === "On this page `+toc+`" && document.querySelector("main p").textContent === "version `+v+`"`,
			"the new regions show")
		poll(`window.notReloaded === true && window.scrollY === 1000 && window.swappedAll.join() === "`+strings.Join(events, ",")+`"`,
			"the page neither reloaded nor scrolled, and heard of each region put in place, and of no other")
	}
	poll(`document.querySelectorAll("nav, aside, main").length === 3 && document.querySelectorAll("title, meta").length === 2`, "each region and tag is there once")

	// A region that comes beside another is put there, and one that goes
	// is taken away, as "On this page" comes with a page's first heading.
	hub.Load().Problems(problems[:1])
	navigate(srv.URL + "/swap/region-more")
	poll(box, "/swap/region-more is connected")
	do(`window.notReloaded = true; window.swappedAll = []`)
	for range 2 {
		version.Add(1)
		v, asides := strconv.Itoa(int(version.Load())), strconv.Itoa(int(version.Load()%2))
		hub.Load().Reload()
		poll(`document.querySelector("main p").textContent === "version `+v+`" && document.querySelectorAll("aside").length === `+asides+` && document.querySelectorAll("main + aside").length === `+asides,
			"the region came or went, after <main>")
		poll(`window.notReloaded === true && window.swappedAll.includes("aside") === (`+asides+` === 1 || window.swappedAll.length > 1)`, "without a reload, the new region's scripts told")
	}

	// A change outside the regions, of a region's own attributes, a new
	// region with no region beside it, or a script that would not run
	// again, reloads.
	for _, path := range []string{"/swap/nav", "/swap/script", "/swap/region-attribute", "/swap/region-alone"} {
		if path == "/swap/region-alone" && version.Load()%2 == 1 {
			version.Add(1) // the region comes with the next version (one that goes leaves no hole)
		}
		hub.Load().Problems(problems[:1]) // sent on connecting: the overlay says the page is connected
		navigate(srv.URL + path)
		poll(box, path+" is connected")
		do(`window.notReloaded = true`)
		version.Add(1)
		reloads(path+" reloads", hub.Load().Reload)
		poll(`window.notReloaded === undefined && document.querySelector("main p").textContent === "version `+strconv.Itoa(int(version.Load()))+`"`, path+" shows the new version")
	}

	hub.Load().Problems(problems)
	navigate(srv.URL + "/failed")
	poll(`document.querySelectorAll("#kettudocs-problems li").length === 2`, "a page with a problem list shows problems in it")
	poll(`!document.querySelector("kettudocs-problems")`, "and no overlay")

	// Pages left behind closed their streams, even those the browser
	// keeps in its back/forward cache: a browser opens only six
	// connections to a server, and streams kept open would block the
	// next page's load.
	for deadline := time.Now().Add(10 * time.Second); hub.Load().Clients() != 1; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d pages connected, want the one open", hub.Load().Clients())
		}
	}
	navigate(srv.URL + "/hostile")
	poll(`((b) => b != null && getComputedStyle(b).display !== "none")(`+box+`)`, "a page with an element of the list's id still shows the overlay")
	poll(`document.querySelectorAll("#kettudocs-problems li").length === 0`, "and nothing in its own element")
}
