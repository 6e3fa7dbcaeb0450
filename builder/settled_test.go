package builder

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	kettudocs "github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/internal/testfs"
)

// TestBuildUpToDate: a Build that finds nothing changed since the last
// one (content files of the same names, sizes and times, the same dates,
// cache key and output folder, which holds what the last build left) is
// up to date: it writes nothing and returns the last build's result,
// warnings included. Any change of those builds, and its output is a
// cold build's; the build after it is up to date again.
func TestBuildUpToDate(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	type env struct {
		t                *testing.T
		content, dest    string
		cfg              *Config
		dates            map[string]time.Time
		settledFile      string
		oldTime, newTime time.Time
	}
	write := func(e *env, name, data string, at time.Time) {
		e.t.Helper()
		testfs.Write(e.t, filepath.Join(e.content, name), data)
		if !at.IsZero() {
			if err := os.Chtimes(filepath.Join(e.content, name), at, at); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(e *env)
		want   bool // up to date after the change
		again  bool // up to date the build after (false: a file too fresh to tell)
	}{
		{"nothing changed", func(e *env) {}, true, true},
		{"page edited", func(e *env) { write(e, "a.md", "# A\n\nOmega omega.\n", e.newTime) }, false, true},
		{"page edited to the same size", func(e *env) { write(e, "a.md", "# A\n\nOmega.\n", e.newTime) }, false, true},
		{"page touched", func(e *env) {
			if err := os.Chtimes(filepath.Join(e.content, "a.md"), e.newTime, e.newTime); err != nil {
				e.t.Fatal(err)
			}
		}, false, true},
		{"page added", func(e *env) { write(e, "b.md", "# B\n\nBeta.\n", e.newTime) }, false, true},
		{"page removed", func(e *env) { os.Remove(filepath.Join(e.content, "guide/d.md")) }, false, true},
		{"image changed", func(e *env) { write(e, "logo.png", "PNG2", e.newTime) }, false, true},
		{"page edited just now", func(e *env) { write(e, "a.md", "# A\n\nNow.\n", time.Time{}) }, false, false},
		{"output file edited", func(e *env) { testfs.Write(e.t, filepath.Join(e.dest, "a/index.html"), "mine") }, false, true},
		{"output file removed", func(e *env) { os.Remove(filepath.Join(e.dest, "a/index.md")) }, false, true},
		{"staging left by a stopped build", func(e *env) { os.Mkdir(filepath.Join(e.dest, ".kettudocs-staging-1"), 0o755) }, false, true},
		{"other output folder", func(e *env) { e.cfg.Dest = filepath.Join(e.t.TempDir(), "public") }, false, true},
		{"dates changed", func(e *env) { e.dates["a.md"] = e.newTime }, false, true},
		{"base URL changed", func(e *env) { e.cfg.BaseURL = "https://example.org/" }, false, true},
		{"settled damaged", func(e *env) {
			data, err := os.ReadFile(e.settledFile)
			if err != nil {
				e.t.Fatal(err)
			}
			data[len(data)-1] ^= 1
			testfs.Write(e.t, e.settledFile, string(data))
		}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &env{t: t, content: t.TempDir(), dest: filepath.Join(t.TempDir(), "public"), oldTime: old, newTime: old.Add(time.Minute)}
			write(e, "_index.md", "# Home\n\nSee [a](a.md), the [guide](guide/c.md) and the ![logo](logo.png).\n\n<b onclick=\"x()\">bold</b>\n", old)
			write(e, "a.md", "# A\n\nAlpha.\n", old)
			write(e, "guide/c.md", "# C\n\nGamma, back to [home](../_index.md).\n", old)
			write(e, "guide/d.md", "# D\n\nDelta.\n", old)
			write(e, "logo.png", "PNG1", old)
			e.dates = map[string]time.Time{"a.md": old, "_index.md": old}
			cache := t.TempDir()
			e.settledFile = filepath.Join(cache, "settled")
			e.cfg = &Config{
				Content: os.DirFS(e.content), Theme: kettudocs.Theme(), Cache: cache, Dest: e.dest,
				BaseURL: "https://example.com/docs/", Codes: liveCodes(),
				Updated: func(context.Context) map[string]time.Time { return e.dates },
			}
			_, _, first := cacheBuild(t, *e.cfg)
			_, _, second := cacheBuild(t, *e.cfg)
			if first == nil || second == nil {
				t.Fatal("build failed")
			}
			if first.UpToDate || !second.UpToDate {
				t.Fatalf("up to date: first build %v, second %v; want false, true", first.UpToDate, second.UpToDate)
			}
			if len(second.Warnings) == 0 || second.Warnings.Error() != first.Warnings.Error() ||
				second.Pages != first.Pages || second.Files != first.Files || !slices.Equal(second.Written, first.Written) ||
				second.Unchanged != second.Files || second.Cached != 4 {
				t.Errorf("up-to-date result %+v\ndoes not say what the last build did: %+v", second, first)
			}

			tt.change(e)
			var before map[string][2]int64
			if tt.want {
				before = stamps(t, e.cfg.Dest)
			}
			probs, got, res := cacheBuild(t, *e.cfg)
			if res == nil {
				t.Fatalf("build after the change failed: %s", probs)
			}
			if res.UpToDate != tt.want {
				t.Errorf("after the change, up to date: %v, want %v", res.UpToDate, tt.want)
			}
			if res.UpToDate && !maps.Equal(before, stamps(t, e.cfg.Dest)) {
				t.Error("an up-to-date build changed the output folder")
			}
			cold := *e.cfg
			cold.Cache, cold.Dest = "", filepath.Join(t.TempDir(), "public")
			wantProbs, want, _ := cacheBuild(t, cold)
			if probs != wantProbs {
				t.Errorf("problems %s, a cold build's %s", probs, wantProbs)
			}
			if d := diffTrees(got, want); d != "" {
				t.Errorf("the output differs from a cold build's:\n%s", d)
			}
			if tt.name == "settled damaged" && res.CacheWarning == nil {
				t.Error("no warning of the damaged settled file")
			}
			if _, _, res := cacheBuild(t, *e.cfg); res == nil || res.UpToDate != tt.again {
				t.Errorf("the build after: %+v, want up to date %v", res, tt.again)
			}
			if _, err := os.Stat(filepath.Join(e.cfg.Dest, ".kettudocs-staging-1")); err == nil {
				t.Error("the staging folder a stopped build left is still there")
			}
		})
	}
}

// stamps returns the size and modification time of every file below
// dir, the manifest included.
func stamps(t *testing.T, dir string) map[string][2]int64 {
	t.Helper()
	m := map[string][2]int64{}
	err := filepath.Walk(dir, func(name string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			m[name] = [2]int64{info.Size(), info.ModTime().UnixNano()}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m[filepath.Join(dir, output.ManifestName)]; !ok {
		t.Fatalf("%s has no manifest", dir)
	}
	return m
}
