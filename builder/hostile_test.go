package builder

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/kettu/kettudocs"
)

// hostileNames are file and folder names a pull request may add, each of
// which a link writer could turn into a link that runs script or leaves
// the site.
var hostileNames = []string{
	"javascript:alert(document.domain)%2F%2F",
	"JavaScript:alert(1)",
	"data:text,hi",
	"vbscript:x",
	"mailto:a@example.com",
	"x:y",
	`q"uote's`,
	"<b>tag</b>",
	"%2F%2Fevil.example",
	"#hash",
	"?query",
}

// TestControlCharacterNames: a name with a newline would name other
// files in the manifest, one name a line, and the next build would remove
// them: such names are problems at the file, files and folders alike.
func TestControlCharacterNames(t *testing.T) {
	content := fstest.MapFS{
		"_index.md":         md("# Home\n"),
		"new\nline.md":      md("# N\n"),
		"tab\there/page.md": md("# T\n"),
		"img/a\x7fb.png":    md("png"),
	}
	got := checkMessages(t, Config{Content: content, Theme: testTheme})
	want := []string{
		`img/a\x7fb.png: the name "a\x7fb.png" holds a control character`,
		`new\nline.md: the name "new\nline.md" holds a control character`,
		`tab\there: the name "tab\there" holds a control character`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %s\nwant it to start with %s", i, got[i], want[i])
		}
	}
}

// TestHostileNames builds a site whose folders and pages have hostile
// names with the default theme, and wants every link of every page, of
// llms.txt and of the search index to stay a path of the site.
func TestHostileNames(t *testing.T) {
	content := fstest.MapFS{"_index.md": md("# Home\n")}
	for _, n := range hostileNames {
		content[n+"/_index.md"] = md("# Section\n\n[up](../)\n")
		content[n+"/page.md"] = md("# Page\n\n[section](./) [home](/)\n")
		content[n+".md"] = md("# Top page\n")
		content["loose/"+n+".md"] = md("# Loose page\n")
	}
	checkHostileSite(t, content)
}

// FuzzHostileNames does the same for any one name.
func FuzzHostileNames(f *testing.F) {
	for _, n := range hostileNames {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if strings.ContainsAny(name, "/\\\x00") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
			strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") ||
			!fs.ValidPath(name) || len(name) > 100 || name == "index" || name == "page" || name == "loose" {
			return
		}
		checkHostileSite(t, fstest.MapFS{
			"_index.md":             md("# Home\n"),
			name + "/_index.md":     md("# Section\n"),
			name + "/page.md":       md("# Page\n\n[section](./)\n"),
			"loose/" + name + ".md": md("# Loose\n"),
		})
	})
}

// checkHostileSite builds content and checks every link of the output.
func checkHostileSite(t *testing.T, content fstest.MapFS) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, content, Config{Dest: dest, Theme: kettudocs.Theme(), BaseURL: "https://docs.example/"}); err != nil {
		t.Skipf("the site does not build: %v", err) // names the file system or the builder refuse
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(p, ".html"):
			for _, u := range htmlLinks(t, rel, string(data)) {
				checkLink(t, dest, rel, u)
			}
		case strings.HasSuffix(p, "llms.txt"):
			for _, m := range mdLinkDest.FindAllStringSubmatch(string(data), -1) {
				checkLink(t, dest, rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var mdLinkDest = regexp.MustCompile(`\]\(([^)\s]*)\)`)

// linkAttrs are the attributes whose values browsers follow or load.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "data-root": true, "data-index": true, "data-script": true}

// htmlLinks returns the links of page, which is the output file file.
func htmlLinks(t *testing.T, file, page string) []string {
	t.Helper()
	if strings.Contains(page, "ZgotmplZ") {
		t.Errorf("%s: html/template refused a URL the build made (#ZgotmplZ)", file)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if linkAttrs[a.Key] {
				links = append(links, a.Val)
			}
		}
	}
	return links
}

// checkLink wants u, a link of the output file file in dest, to be a
// path of the site that leads to a file of the output, or one of the
// absolute URLs the theme writes itself (the base URL's).
func checkLink(t *testing.T, dest, file, u string) {
	t.Helper()
	if strings.HasPrefix(u, "https://docs.example/") || strings.HasPrefix(u, "#") {
		return
	}
	if strings.HasPrefix(u, "//") || strings.ContainsAny(u, "\n\t\"'<>\\") {
		t.Errorf("%s: link %q leaves the site or breaks out of its attribute", file, u)
		return
	}
	for i := 0; i < len(u) && u[i] != '/' && u[i] != '?' && u[i] != '#'; i++ {
		if u[i] == ':' {
			t.Errorf("%s: link %q has a scheme", file, u)
			return
		}
	}
	base := &url.URL{Scheme: "http", Host: "site", Path: "/" + filepath.ToSlash(file)}
	ref, err := url.Parse(u)
	if err != nil {
		t.Errorf("%s: link %q does not parse: %v", file, u, err)
		return
	}
	target := strings.TrimPrefix(base.ResolveReference(ref).Path, "/")
	if strings.HasPrefix(u, "/") {
		target = strings.TrimPrefix(ref.Path, "/") // 404.html's, through the base path "/"
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(target))); err != nil {
		t.Errorf("%s: link %q leads to %q, which the output lacks", file, u, target)
	}
}
