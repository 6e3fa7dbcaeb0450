package kettudocs_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/internal/browsertest"
)

// versionSites are one site in two versions: v10, the latest, and v9,
// whose gateway page says something else and which has a page v10 lost.
var versionSites = []fstest.MapFS{
	{
		"_index.md":  {Data: []byte("# Kettu API\n\nThe docs of the kettu API.\n")},
		"gateway.md": {Data: []byte("# Gateway\n\nSend a heartbeat every interval the server names in its hello.\n")},
		"intents.md": {Data: []byte("# Intents\n\nIntents say which events a bot receives.\n")},
	},
	{
		"_index.md":  {Data: []byte("# Kettu API\n\nThe docs of the kettu API, version 9.\n")},
		"gateway.md": {Data: []byte("# Gateway\n\nSend a heartbeat every 41 seconds.\n")},
		"login.md":   {Data: []byte("# Login\n\nThe login flow of version 9.\n")},
	},
}

// buildVersionSites builds versionSites into dest with the default theme,
// as kettudocs build does with versions: v10 at the root with a codes
// changelog, v9 in v9/.
func buildVersionSites(t testing.TB, dest, baseURL string) {
	t.Helper()
	vs := []builder.Version{
		{Label: "v10", Latest: true, Pages: map[string]bool{}},
		{Label: "v9", Path: "v9/", Pages: map[string]bool{}},
	}
	ctx := context.Background()
	var loaded []*builder.Loaded
	defer func() {
		for _, l := range loaded {
			l.Close()
		}
	}()
	for i, content := range versionSites {
		cfg := builder.Config{
			Content: content, Theme: kettudocs.Theme(), Dest: filepath.Join(dest, vs[i].Path),
			BaseURL: baseURL + vs[i].Path, Versions: vs, Version: i, Changelog: "codes-changelog/",
		}
		if i == 0 {
			cfg.Made = map[string]func(map[string]string) ([]byte, error){
				"codes-changelog.md": func(map[string]string) ([]byte, error) {
					return []byte("# Codes changelog\n\n## v10, from v9\n\nNo changes in the codes.\n"), nil
				},
			}
		}
		b, err := builder.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		l, err := b.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		loaded = append(loaded, l)
		for _, u := range l.Pages() {
			vs[i].Pages[u] = true
		}
	}
	for _, l := range loaded {
		if err := l.Stage(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range loaded {
		if _, err := l.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVersionsBrowser reads two versions of a site in Chromium, served
// under a sub-path and from disk: the banner of the old version leads to
// the same page in the latest, the version menu works with the keyboard
// and without JavaScript, search searches the version being read and
// says so, and axe finds nothing, the menu open or closed.
func TestVersionsBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveFolder(t)
	buildVersionSites(t, s.dir, s.url)
	axe := readFile(t, browsertest.NodeFile(t, "axe-core/axe.min.js"))

	t.Run("Banner", func(t *testing.T) {
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url+"v9/gateway/"))
		banner := eval[string](t, tab, `document.querySelector(".version-banner").textContent`)
		if !strings.Contains(banner, "v9, an older version") || !strings.Contains(banner, "Read this page in v10") {
			t.Errorf("banner: %q", banner)
		}
		untilLoad(t, tab, "the banner's link", chromedp.Click(".version-banner a"))
		if got := eval[string](t, tab, `location.href`); got != s.url+"gateway/" {
			t.Errorf("the banner led to %s, want %s", got, s.url+"gateway/")
		}
		if eval[int](t, tab, `document.querySelectorAll(".version-banner").length`) != 0 {
			t.Error("the latest version has a banner")
		}
		// A page the latest lacks: the banner leads to its home page.
		do(t, tab, chromedp.Navigate(s.url+"v9/login/"))
		untilLoad(t, tab, "the banner's link", chromedp.Click(".version-banner a"))
		if got := eval[string](t, tab, `location.href`); got != s.url {
			t.Errorf("the banner of a page v10 lacks led to %s, want %s", got, s.url)
		}
	})

	t.Run("MenuKeyboard", func(t *testing.T) {
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(s.url+"gateway/"))
		eval[chromedp.Void](t, tab, `document.querySelector(".version-menu summary").focus()`)
		do(t, tab, chromedp.KeyEvent(kb.Enter))
		poll(t, tab, `document.querySelector(".version-menu").open`, "Enter to open the version menu")
		checkAxe(t, tab, axe, "v10 gateway, version menu open")
		got := eval[[]string](t, tab, `Array.prototype.map.call(document.querySelectorAll(".version-menu a"), function (a) {
			return a.textContent + " " + a.href + (a.getAttribute("aria-current") ? " current" : "") + (a.getBoundingClientRect().height > 0 ? "" : " hidden");
		})`)
		want := []string{"v10 (latest) " + s.url + "gateway/ current", "v9 " + s.url + "v9/gateway/", "Codes changelog " + s.url + "codes-changelog/"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("version menu:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		do(t, tab, chromedp.KeyEvent(kb.Tab))
		do(t, tab, chromedp.KeyEvent(kb.Tab))
		if got := eval[string](t, tab, `document.activeElement.textContent`); got != "v9" {
			t.Fatalf("two Tabs from the menu's button focus %q, want the link to v9", got)
		}
		untilLoad(t, tab, "Enter on the link to v9", chromedp.KeyEvent(kb.Enter))
		if got := eval[string](t, tab, `location.href`); got != s.url+"v9/gateway/" {
			t.Errorf("the menu led to %s, want %s", got, s.url+"v9/gateway/")
		}
		checkAxe(t, tab, axe, "v9 gateway")
		prefersDark(t, tab, true)
		do(t, tab, chromedp.Navigate(s.url+"v9/gateway/"))
		eval[chromedp.Void](t, tab, `document.querySelector(".version-menu").open = true`)
		checkAxe(t, tab, axe, "v9 gateway, dark, version menu open")
		prefersDark(t, tab, false)
		// A page v9 lacks leads to v9's home page.
		do(t, tab, chromedp.Navigate(s.url+"intents/"))
		if got := eval[string](t, tab, `document.querySelector(".version-menu a:not([aria-current])").href`); got != s.url+"v9/" {
			t.Errorf("v9 in the menu of a page only v10 has: %s, want %s", got, s.url+"v9/")
		}
	})

	t.Run("MenuWithoutScript", func(t *testing.T) {
		tab := noScriptTab(t, b)
		do(t, tab, chromedp.Navigate(s.url+"v9/gateway/"))
		do(t, tab, chromedp.Click(".version-menu summary"))
		untilLoad(t, tab, "the link to v10", chromedp.Click(".version-menu a[href='../../gateway/']"))
		if got := eval[string](t, tab, `location.href`); got != s.url+"gateway/" {
			t.Errorf("without scripts the menu led to %s, want %s", got, s.url+"gateway/")
		}
	})

	t.Run("Search", func(t *testing.T) {
		tab := browsertest.Tab(t, b)
		for _, tt := range []struct{ page, version, want, not string }{
			{"v9/gateway/", "v9", s.url + "v9/gateway/", s.url + "gateway/"},
			{"gateway/", "v10", s.url + "gateway/", s.url + "v9/"},
		} {
			do(t, tab, chromedp.Navigate(s.url+tt.page))
			if got := eval[string](t, tab, `document.getElementById("search-input").placeholder`); got != "Search "+tt.version {
				t.Errorf("%s: placeholder %q, want %q", tt.page, got, "Search "+tt.version)
			}
			typeQuery(t, tab, "heartbeat")
			r := results(t, tab)
			if len(r.Hrefs) == 0 || !strings.HasPrefix(r.Hrefs[0], tt.want) {
				t.Errorf("%s: heartbeat found %q, want %s first", tt.page, r.Hrefs, tt.want)
			}
			for _, h := range r.Hrefs {
				if strings.HasPrefix(h, tt.not) {
					t.Errorf("%s: heartbeat found %s, of another version", tt.page, h)
				}
			}
			scope := eval[string](t, tab, `(function () { var p = document.querySelector(".search-scope"); return p.getBoundingClientRect().height > 0 ? p.textContent : ""; })()`)
			if !strings.Contains(scope, "Searching "+tt.version) {
				t.Errorf("%s: the search says %q, want it to name %s", tt.page, scope, tt.version)
			}
		}
		checkAxe(t, tab, axe, "v10 gateway, search open")
	})

	t.Run("FromDisk", func(t *testing.T) {
		tab := browsertest.Tab(t, b)
		page := "file://" + filepath.ToSlash(filepath.Join(s.dir, "v9", "gateway", "index.html"))
		do(t, tab, chromedp.Navigate(page))
		for sel, want := range map[string]string{
			".version-banner a":             filepath.Join(s.dir, "gateway", "index.html"),
			".version-menu a[aria-current]": filepath.Join(s.dir, "v9", "gateway", "index.html"),
			".version-menu li:last-child a": filepath.Join(s.dir, "codes-changelog", "index.html"),
		} {
			got := eval[string](t, tab, `document.querySelector("`+sel+`").href`)
			if got != "file://"+filepath.ToSlash(want) {
				t.Errorf("from disk, %s leads to %s, want %s", sel, got, want)
			}
			if _, err := os.Stat(want); err != nil {
				t.Error(err)
			}
		}
	})
}

// TestVersionsBudget checks that a site with versions loads the theme's
// budget and versions.css, under 1 kB, and that a site of one version
// neither links nor publishes versions.css.
func TestVersionsBudget(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildVersionSites(t, dir, "https://docs.kettu.example/")
	css, _ := filepath.Glob(filepath.Join(dir, "versions.*.css"))
	if len(css) != 1 {
		t.Fatalf("versions CSS: %v, want one versions.*.css", css)
	}
	if n := len(readFile(t, css[0])); n >= 1000 {
		t.Errorf("%s is %d bytes, want under 1,000", css[0], n)
	}
	for _, page := range []string{"gateway/index.html", "v9/gateway/index.html"} {
		html := readFile(t, filepath.Join(dir, filepath.FromSlash(page)))
		refs := assetRef.FindAllStringSubmatch(html, -1)
		total := 0
		for _, m := range refs {
			total += len(readFile(t, filepath.Join(dir, filepath.Dir(filepath.FromSlash(page)), filepath.FromSlash(m[1]))))
		}
		if len(refs) != 4 || total >= budget+1000 {
			t.Errorf("%s loads %d stylesheets and scripts, %d bytes; want 4 (versions.css too) under %d", page, len(refs), total, budget+1000)
		}
	}
	one := filepath.Join(t.TempDir(), "public")
	buildSite(t, versionSites[0], nil, one, "/docs/")
	if css, _ := filepath.Glob(filepath.Join(one, "versions.*.css")); len(css) > 0 {
		t.Errorf("a site of one version publishes %v", css)
	}
	if html := readFile(t, filepath.Join(one, "gateway", "index.html")); strings.Contains(html, "versions.") {
		t.Error("a site of one version links versions.css")
	}
}
