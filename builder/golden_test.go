package builder

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/golden")

// TestGolden builds each site in testdata/golden/*.txtar — files under
// content/, layouts/ and static/ — and compares the output with the
// archive's public/ files. "public.list" names every file the build must
// write, so a file added or lost fails too. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	archives, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(archives) == 0 {
		t.Fatalf("no golden archives: %v", err)
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			content, theme := fstest.MapFS{}, fstest.MapFS{}
			want := map[string][]byte{}
			baseURL := ""
			for _, f := range ar.Files {
				if f.Name == "public.list" {
					want[f.Name] = f.Data
					continue
				}
				switch dir, rest, _ := strings.Cut(f.Name, "/"); dir {
				case "content":
					content[rest] = &fstest.MapFile{Data: f.Data}
				case "layouts", "static":
					theme[f.Name] = &fstest.MapFile{Data: f.Data}
				case "public":
					want[rest] = f.Data
				case "base-url":
					baseURL = strings.TrimSpace(string(f.Data))
				}
			}
			dest := filepath.Join(t.TempDir(), "public")
			b, err := New(Config{Content: content, Theme: theme, Dest: dest, BaseURL: baseURL})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatalf("build: %v", err)
			}
			got := readTree(t, dest)
			var list []string
			for name := range got {
				list = append(list, name)
			}
			sort.Strings(list)
			got["public.list"] = []byte(strings.Join(list, "\n") + "\n")

			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if !isOutput(f.Name) {
						files = append(files, f)
					}
				}
				// Only text outputs the archive already pins are rewritten,
				// plus the list; hashed asset names change with the CSS.
				for n := range want {
					if data, ok := got[n]; ok {
						if n != "public.list" {
							n = "public/" + n
						}
						files = append(files, txtar.File{Name: n, Data: data})
					}
				}
				sort.SliceStable(files, func(i, j int) bool {
					oi, oj := isOutput(files[i].Name), isOutput(files[j].Name)
					return !oi && oj || oi && oj && files[i].Name < files[j].Name
				})
				ar.Files = files
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for n, w := range want {
				g, ok := got[n]
				if !ok {
					t.Errorf("public/%s was not written", n)
					continue
				}
				if !bytes.Equal(g, w) {
					t.Errorf("public/%s differs (run go test ./builder -run TestGolden -update to accept):\n--- got\n%s\n--- want\n%s", n, g, w)
				}
			}
		})
	}
}

func isOutput(name string) bool {
	return name == "public.list" || strings.HasPrefix(name, "public/")
}

// readTree returns every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		files[name] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
