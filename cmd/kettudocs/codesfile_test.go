package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestCodesSpecConfined: kettudocs.yaml comes with the pull request that
// is built, so its codes: may name only a YAML spec inside the repository
// holding the site, outside hidden folders, and the spec's output only a
// Go file there; nothing else is read, and no message quotes a line of
// what was named. --codes-anywhere lifts the rule, but not the limit on
// what is read: a regular file of bounded size.
func TestCodesSpecConfined(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix paths")
	}
	outside := t.TempDir()
	testfs.Write(t, filepath.Join(outside, "shadow.yaml"), "root:SECRETHASH:19000:0:99999:7:::\n")
	const secret = "SECRETHASH"
	tests := []struct {
		name     string
		codes    string   // kettudocs.yaml's codes:
		files    []string // more files of the repository, holding the secret
		output   string   // the spec's output:, when not its own
		anywhere bool
		want     string
	}{
		{name: "a file outside the repository", codes: filepath.Join(outside, "shadow.yaml"), want: "is outside the repository"},
		{name: "a relative path out", codes: "REL", want: "is outside the repository"},
		{name: "a hidden folder", codes: ".git/config.yaml", files: []string{".git/config.yaml"}, want: "is in the hidden folder .git"},
		{name: "not a spec", codes: "notes.txt", files: []string{"notes.txt"}, want: "is not a .yaml spec"},
		{name: "a device", codes: "/dev/zero", want: "is outside the repository"},
		{name: "a device, anywhere", codes: "/dev/zero", anywhere: true, want: "not a regular file"},
		{name: "output out of the repository", codes: "codes/codes.yaml", output: "REL", want: "output: " + "is outside the repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newSite(t)
			if err := os.Mkdir(filepath.Join(site, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files {
				testfs.Write(t, filepath.Join(site, filepath.FromSlash(f)), "x: "+secret+"\n")
			}
			if tt.codes == "REL" {
				rel, err := filepath.Rel(site, filepath.Join(outside, "shadow.yaml"))
				if err != nil {
					t.Fatal(err)
				}
				tt.codes = filepath.ToSlash(rel)
			}
			if tt.output == "REL" {
				rel, err := filepath.Rel(filepath.Join(site, "codes"), filepath.Join(outside, "x.go"))
				if err != nil {
					t.Fatal(err)
				}
				tt.output = filepath.ToSlash(rel)
				tt.want = "output: " + filepath.Join(site, "codes", rel) + " is outside the repository"
			}
			if tt.output != "" {
				spec := filepath.Join(site, "codes", "codes.yaml")
				data, err := os.ReadFile(spec)
				if err != nil {
					t.Fatal(err)
				}
				testfs.Write(t, spec, strings.Replace(string(data), "output: zz_codes.go", "output: "+tt.output, 1))
			}
			testfs.Write(t, filepath.Join(site, "kettudocs.yaml"), "codes: "+tt.codes+"\n")
			args := []string{"check", "--source", site}
			if tt.anywhere {
				args = append(args, "--codes-anywhere")
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != 1 || !strings.Contains(stderr, tt.want) || strings.Contains(stdout+stderr, secret) {
				t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 1 and %q, and no line of the file", code, stdout, stderr, tt.want)
			}
		})
	}
}
