package builder

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// versionTheme prints what a page knows of the versions.
var versionTheme = fstest.MapFS{
	"layouts/page.html": {Data: []byte(`{{.Site.Version}}|{{range .Versions}}[{{.Label}} {{.Href}} same={{.Same}} cur={{.Current}} latest={{.Latest}}]{{end}}|` +
		`{{with .Latest}}banner={{.Href}}{{end}}|canon={{.Permalink}}|log={{.Changelog}}|{{.Content}}`)},
	"layouts/404.html": {Data: []byte(`404`)},
}

// buildVersions builds the sites of vs together into dest, as kettudocs
// build does: every one loaded, then every one staged, then committed.
func buildVersions(t *testing.T, dest string, sites []fstest.MapFS, vs []Version, changelog string, made map[string]func(map[string]string) ([]byte, error)) error {
	t.Helper()
	ctx := context.Background()
	var loaded []*Loaded
	defer func() {
		for _, l := range loaded {
			l.Close()
		}
	}()
	for i, content := range sites {
		cfg := Config{
			Content: content, Theme: versionTheme, Dest: filepath.Join(dest, filepath.FromSlash(vs[i].Path)),
			BaseURL: "https://docs.example.com/api/" + vs[i].Path, Versions: vs, Version: i,
			Codes: liveCodes(), Changelog: changelog,
		}
		if vs[i].Latest {
			cfg.Made = made
		}
		b, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		l, err := b.Load(ctx)
		if err != nil {
			return err
		}
		loaded = append(loaded, l)
		for _, u := range l.Pages() {
			vs[i].Pages[u] = true
		}
	}
	for _, l := range loaded {
		if err := l.Stage(ctx); err != nil {
			return err
		}
	}
	for _, l := range loaded {
		if _, err := l.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func TestVersions(t *testing.T) {
	table := "<!-- codes: errors -->\n| code | meaning |\n| --- | --- |\n| 10001 | unknown account |\n| 10002 | unknown guild |\n| 10003 | unknown guild |\n"
	v10 := fstest.MapFS{
		"_index.md":     md("# Home\n\nSee the [changelog](codes-changelog.md).\n"),
		"gateway.md":    md("# Gateway\n"),
		"errors.md":     md("# Errors\n\n" + table),
		"new/_index.md": md("# New in v10\n"),
	}
	v9 := fstest.MapFS{
		"_index.md":      md("# Home\n"),
		"gateway.md":     md("# Gateway\n"),
		"old/errors.md":  md("# Errors\n\n" + table),
		"old/removed.md": md("# Removed in v10\n"),
	}
	vs := []Version{
		{Label: "v10", Path: "", Latest: true, Pages: map[string]bool{}},
		{Label: "v9", Path: "v9/", Pages: map[string]bool{}},
	}
	var rowsSeen map[string]string
	made := map[string]func(map[string]string) ([]byte, error){
		"codes-changelog.md": func(rows map[string]string) ([]byte, error) {
			rowsSeen = rows
			return []byte("# Codes changelog\n\n[10001](/" + rows["err-10001"] + "#err-10001)\n"), nil
		},
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := buildVersions(t, dest, []fstest.MapFS{v10, v9}, vs, "codes-changelog/", made); err != nil {
		t.Fatal(err)
	}
	if rowsSeen["err-10001"] != "errors.md" || rowsSeen["err-10003"] != "errors.md" {
		t.Errorf("rows = %v, want err-10001 and err-10003 on errors.md", rowsSeen)
	}
	tests := []struct {
		file string
		want string
	}{
		// The latest: no banner, canonical links to itself, the same
		// page in v9 when it has it.
		{"gateway/index.html", "v10|[v10 ./ same=true cur=true latest=true][v9 ../v9/gateway/ same=true cur=false latest=false]||canon=https://docs.example.com/api/gateway/|log=../codes-changelog/|"},
		{"index.html", "v10|[v10 ./ same=true cur=true latest=true][v9 v9/ same=true cur=false latest=false]||canon=https://docs.example.com/api/|log=codes-changelog/|"},
		{"new/index.html", "v10|[v10 ./ same=true cur=true latest=true][v9 ../v9/ same=false cur=false latest=false]||"},
		// An old version: a banner to the same page in the latest, or
		// its home; canonical links to the latest's page when it has it.
		{"v9/gateway/index.html", "v9|[v10 ../../gateway/ same=true cur=false latest=true][v9 ./ same=true cur=true latest=false]|banner=../../gateway/|canon=https://docs.example.com/api/gateway/|log=../../codes-changelog/|"},
		{"v9/old/removed/index.html", "v9|[v10 ../../../ same=false cur=false latest=true][v9 ./ same=true cur=true latest=false]|banner=../../../|canon=https://docs.example.com/api/v9/old/removed/|"},
		{"codes-changelog/index.html", `<a href="../errors/#err-10001">10001</a>`},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(tt.file)))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(string(data), tt.want) {
			t.Errorf("%s:\n%s\nwant it to contain\n%s", tt.file, data, tt.want)
		}
	}
	// The sitemap lists the latest version, and only it has one.
	sitemap, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sitemap), "/v9/") || !strings.Contains(string(sitemap), "https://docs.example.com/api/gateway/") {
		t.Errorf("sitemap.xml:\n%s\nwant the latest's pages and none of v9", sitemap)
	}
	if _, err := os.Stat(filepath.Join(dest, "v9", "sitemap.xml")); !os.IsNotExist(err) {
		t.Errorf("v9/sitemap.xml: %v, want none", err)
	}

	// Built again, the latest leaves v9's files alone, and v9 the latest's.
	if err := buildVersions(t, dest, []fstest.MapFS{v10, v9}, vs, "codes-changelog/", made); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"gateway/index.html", "v9/gateway/index.html", "v9/old/errors/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Errorf("after a second build: %v", err)
		}
	}
}

// TestVersionProblems checks that what cannot be published is a problem:
// content of the latest where an old version is published, a page of the
// content where the build makes one, and drift in an old version, which
// fails the build of every version.
func TestVersionProblems(t *testing.T) {
	newVersions := func() []Version {
		return []Version{
			{Label: "v10", Latest: true, Pages: map[string]bool{}},
			{Label: "v9", Path: "v9/", Pages: map[string]bool{}},
		}
	}
	made := map[string]func(map[string]string) ([]byte, error){
		"codes-changelog.md": func(map[string]string) ([]byte, error) { return []byte("# Changelog\n"), nil },
	}
	good := fstest.MapFS{"_index.md": md("# Home\n")}
	tests := []struct {
		name   string
		v10    fstest.MapFS
		v9     fstest.MapFS
		wants  []string
		before bool // a first build of good content into dest
	}{
		{"content in an old version's folder", fstest.MapFS{"_index.md": md("# Home\n"), "v9/x.md": md("# X\n")}, good,
			[]string{"v9/x.md: v9/x.md would be written to /v9/x/index.html, in the folder of version v9"}, false},
		{"a page where the build makes one", fstest.MapFS{"_index.md": md("# Home\n"), "codes-changelog.md": md("# Mine\n")}, good,
			[]string{"codes-changelog.md: codes-changelog.md is a page the build makes"}, false},
		{"drift in the old version", good, fstest.MapFS{"_index.md": md("# Home\n\n<!-- codes: errors -->\n| code | meaning |\n| --- | --- |\n| 10001 | unknown acount |\n")}, []string{"_index.md:6:"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.before {
				if err := buildVersions(t, dest, []fstest.MapFS{good, good}, newVersions(), "", made); err != nil {
					t.Fatal(err)
				}
			}
			var before map[string][]byte
			if tt.before {
				before = readTree(t, dest)
			}
			err := buildVersions(t, dest, []fstest.MapFS{tt.v10, tt.v9}, newVersions(), "", made)
			if err == nil {
				t.Fatal("built; want problems")
			}
			got := strings.Join(problemStrings(t, err), "\n")
			for _, want := range tt.wants {
				if !strings.Contains(got, want) {
					t.Errorf("problems:\n%s\nwant one containing %q", got, want)
				}
			}
			if !tt.before {
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("a failed first build made %s: %v", dest, err)
				}
			} else if after := readTree(t, dest); !reflect.DeepEqual(before, after) {
				t.Errorf("a failed build changed %s", dest)
			}
		})
	}
}
