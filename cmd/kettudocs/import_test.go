package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestImportCommand imports an MkDocs site with kettudocs import and
// checks the new site with kettudocs check.
func TestImportCommand(t *testing.T) {
	src := t.TempDir()
	testfs.Put(t, src, map[string]string{
		"mkdocs.yml":        "site_name: Kettu\nnav:\n  - index.md\n  - Guide: guide.md\nplugins: [search, redoc]\n",
		"docs/index.md":     "# Kettu\n\nRead the [guide](guide).\n\n!!! note \"Heads up\"\n    Admonitions stay as they are.\n",
		"docs/guide.md":     "Text of the guide.\n",
		"docs/img/logo.png": "png",
	})
	dest := filepath.Join(t.TempDir(), "site")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"import", []string{"import", "mkdocs", src, dest}, exitOK, []string{
			"docs/index.md:3: link guide → guide.md",
			"mkdocs.yml:5: not converted: plugin redoc",
			"kettudocs: imported mkdocs: 2 pages, 1 other files; ",
			"kettudocs check",
		}, ""},
		{"into the same folder again", []string{"import", "--quiet", "mkdocs", src, dest}, exitProblems, nil, "is not empty"},
		{"no source", []string{"import", "mkdocs"}, exitUsage, nil, "Usage: kettudocs import"},
		{"unknown kind", []string{"import", "sphinx", src, filepath.Join(t.TempDir(), "x")}, exitProblems, nil, `unknown kind of site "sphinx"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
	code, stdout, stderr := runCLI(t, "check", "--source", dest)
	if code != exitOK {
		t.Errorf("check of the imported site: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
