package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestBrand: kettudocs.yaml gives the theme a site's logo, icon, accent,
// stylesheet and scripts, from the site's static/; a file it lacks, or an
// accent that is no colour, is a problem at its line.
func TestBrand(t *testing.T) {
	site := newSite(t)
	testfs.Write(t, filepath.Join(site, "static", "brand", "logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>`)
	testfs.Write(t, filepath.Join(site, "static", "brand", "icon.png"), "png")
	testfs.Write(t, filepath.Join(site, "static", "brand.css"), ".site-title { letter-spacing: .02em }\n")
	testfs.Write(t, filepath.Join(site, "static", "brand.js"), "document.documentElement.dataset.brand = \"1\";\n")
	testfs.Write(t, filepath.Join(site, "static", "tabs.js"), "document.addEventListener(\"kettudocs:swap\", function () {});\n")
	conf := filepath.Join(site, "kettudocs.yaml")
	const settings = "title: Shop API\nlogo: brand/logo.svg\nfavicon: brand/icon.png\naccent: \"#0a7d5a\"\nextra_css: [brand.css]\nextra_js: [brand.js, {src: tabs.js, swap: true}]\n"
	testfs.Write(t, conf, settings)
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	page := readFile(t, filepath.Join(dest, "writing-docs", "index.html"))
	for _, want := range []string{
		`<img class="logo" src="../brand/logo(\.[0-9a-f]{8})?\.svg" alt="">`,
		`<link rel="icon" href="../brand/icon(\.[0-9a-f]{8})?\.png">`,
		`<style>:root \{ --accent: #0a7d5a; \}</style>`,
		`<link rel="stylesheet" href="../brand\.[0-9a-f]{8}\.css">`,
		`<script src="../brand\.[0-9a-f]{8}\.js" defer></script>`,
		// A script marked swap lets the preview put changes in place.
		`<script src="../tabs\.[0-9a-f]{8}\.js" defer data-kettudocs-swap></script>`,
	} {
		if !regexp.MustCompile(want).MatchString(page) {
			t.Errorf("no %s in the page", want)
		}
	}
	if strings.Contains(page, `class="logo-head"`) {
		t.Error("the theme's logo is there too")
	}

	for _, tt := range []struct{ change, want string }{
		{strings.Replace(settings, "[brand.css]", "[nope.css]", 1), `kettudocs.yaml:5: extra_css "nope.css": no such file in static/ of the site or the theme`},
		{strings.Replace(settings, `"#0a7d5a"`, `"red; } body { display: none"`, 1), `kettudocs.yaml:4: accent "red; } body { display: none": want a CSS colour`},
	} {
		testfs.Write(t, conf, tt.change)
		if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest); code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("exit %d, want 1 and %q in:\n%s", code, tt.want, stderr)
		}
	}
	// A pull request's brand is not used with --safe.
	testfs.Write(t, conf, settings)
	if code, _, stderr := runCLI(t, "build", "--source", site, "--dest", dest, "--safe"); code != 0 {
		t.Fatalf("build --safe: exit %d\n%s", code, stderr)
	}
	if page := readFile(t, filepath.Join(dest, "writing-docs", "index.html")); strings.Contains(page, "brand") {
		t.Error("--safe published the site's brand")
	}
}
