package builder

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/builder/sitefs"
	"github.com/kettu/kettudocs/internal/testfs"
)

// symlink makes the link name (a slash path in dir) leading to target.
func symlink(t *testing.T, dir, name, target string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, full); err != nil {
		t.Fatal(err)
	}
}

func skipWithoutSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
}

// siteConfig is the Config of the site folder site, as kettudocs makes it.
func siteConfig(site string) Config {
	return Config{
		Content: sitefs.New(filepath.Join(site, "content"), site, "content", "layouts", "static"),
		Theme:   sitefs.Overlay(sitefs.New(site, site, "content", "layouts", "static"), testTheme),
		Dest:    filepath.Join(site, "public"),
	}
}

// TestSymlinksInsideTheSite: links to files and folders of the site's
// content/, layouts/ and static/ folders are followed like the files they
// lead to.
func TestSymlinksInsideTheSite(t *testing.T) {
	skipWithoutSymlinks(t)
	site := t.TempDir()
	testfs.Put(t, site, map[string]string{
		"content/_index.md":           "# Home\n\n[Guide](shared/guide.md) [Other](same/page.md) ![logo](img/logo.png)\n",
		"content/real/page.md":        "# Page\n",
		"static/docs-shared/guide.md": "# Guide\n\n![logo](../img/logo.png)\n",
		"static/assets/logo.png":      "png",
		"static/extra.css":            "body{}",
		"layouts/src/page.html":       `<title>{{.Title}}</title>{{.Content}}`,
	})
	symlink(t, site, "content/shared", "../static/docs-shared")              // a folder outside content/, in static/
	symlink(t, site, "content/same", "real")                                 // a folder inside content/
	symlink(t, site, "content/img/logo.png", "../../static/assets/logo.png") // a file
	symlink(t, site, "static/site.css", "extra.css")
	symlink(t, site, "layouts/page.html", "src/page.html")
	b, err := New(siteConfig(site))
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"shared/guide/index.html": "<title>Guide</title>",
		"same/page/index.html":    "<title>Page</title>",
		"real/page/index.html":    "<title>Page</title>",
		"img/logo.png":            "png",
		"index.html":              `href="shared/guide/"`,
	} {
		data, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(file)))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("public/%s lacks %q: %v\n%s", file, want, err, data)
		}
	}
	var css bool
	for _, w := range res.Written {
		css = css || strings.HasPrefix(w, "site.")
	}
	if !css {
		t.Errorf("the linked static/site.css was not written: %v", res.Written)
	}
}

// TestSymlinksOutOfTheSite: a link that leads out of the site folder is
// not followed, and is a problem of the link naming where it points.
func TestSymlinksOutOfTheSite(t *testing.T) {
	skipWithoutSymlinks(t)
	outside := t.TempDir()
	testfs.Put(t, outside, map[string]string{"secret.env": "TOKEN=hunter2", "keys/id_ed25519": "PRIVATE", "theme.css": "x", "layouts/page.html": "{{.Content}}"})
	secret := filepath.Join(outside, "secret.env")
	const hint = "copy the file or folder into the site folder instead of linking to it"
	const out = "leads outside the site folder's content/, layouts/ and static/, or into a hidden folder"

	t.Run("content", func(t *testing.T) {
		site := t.TempDir()
		testfs.Put(t, site, map[string]string{"content/_index.md": "# Home\n", "content/guide/a.md": "# A\n", "hop": "/"})
		symlink(t, site, "content/notes.txt", secret)                    // a file
		symlink(t, site, "content/keys", filepath.Join(outside, "keys")) // a folder
		up, err := filepath.Rel(filepath.Join(site, "content", "guide"), secret)
		if err != nil {
			t.Fatal(err)
		}
		symlink(t, site, "content/guide/up.md", up)            // relative
		symlink(t, site, "hop/secret", secret)                 // inside the site, but leading out:
		symlink(t, site, "content/chain.txt", "../hop/secret") // a chain is judged by its end
		symlink(t, site, "content/guide/loop", "..")           // not out, but a loop
		b, err := New(siteConfig(site))
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.Build(context.Background())
		got := problemStrings(t, err)
		want := []string{
			`chain.txt: symbolic link to "../hop/secret" ` + out + `: not followed, so nothing outside the site is published`,
			`guide/loop: symbolic link to ".." loops back to a folder it is in`,
			`guide/up.md: symbolic link to "` + up + `" ` + out + `: not followed, so nothing outside the site is published`,
			`keys: symbolic link to "` + filepath.Join(outside, "keys") + `" ` + out + `: not followed, so nothing outside the site is published`,
			`notes.txt: symbolic link to "` + secret + `" ` + out + `: not followed, so nothing outside the site is published`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(err.Error(), "hint: "+hint) {
			t.Errorf("no hint in:\n%v", err)
		}
		if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
			t.Errorf("a failed build wrote public/: %v", err)
		}
	})

	for _, tt := range []struct{ name, link, target, want string }{
		{"a static file", "static/theme.css", filepath.Join(outside, "theme.css"), "static/theme.css: symbolic link to"},
		{"the static folder", "static", outside, "static: symbolic link to"},
		{"a layout", "layouts/page.html", filepath.Join(outside, "layouts/page.html"), "layouts/page.html: symbolic link to"},
		{"the layouts folder", "layouts", filepath.Join(outside, "layouts"), "layouts: symbolic link to"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			testfs.Put(t, site, map[string]string{"content/_index.md": "# Home\n"})
			symlink(t, site, tt.link, tt.target)
			_, err := New(siteConfig(site))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), out) ||
				!strings.Contains(err.Error(), hint) {
				t.Errorf("New: %v\nwant a problem starting %q", err, tt.want)
			}
		})
	}

	t.Run("the content folder", func(t *testing.T) {
		site := t.TempDir()
		symlink(t, site, "content", outside)
		b, err := New(siteConfig(site))
		if err != nil {
			t.Fatal(err)
		}
		problems, err := b.Check(context.Background())
		if err != nil || len(problems) != 1 || !strings.Contains(problems[0].Msg, out) {
			t.Errorf("Check: %v, %v", problems, err)
		}
	})
}
