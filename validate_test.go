package kettudocs_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/browsertest"
	"github.com/kettu/kettudocs/internal/kettureg"
)

// TestHTMLValid runs the Nu HTML Checker (vnu.jar, the W3C validator) on
// every page of the kettu docs and of the fixture site: no errors allowed.
func TestHTMLValid(t *testing.T) {
	t.Parallel()
	java := browsertest.Java(t)
	jar := browsertest.NodeFile(t, "vnu-jar/build/dist/vnu.jar")

	var files []string
	for name, build := range map[string]func(dest string){
		"kettu": func(dest string) {
			buildSite(t, os.DirFS("content"), kettureg.Registry(), dest, "https://docs.kettu.example/")
		},
		"fixture":  func(dest string) { buildSite(t, fixture, nil, dest, "/docs/") },
		"big":      func(dest string) { buildSite(t, bigSection, nil, dest, "/docs/") },
		"meta":     func(dest string) { buildWithMeta(t, dest) }, // edit links and dates
		"tabs":     func(dest string) { buildSite(t, tabsSite, nil, dest, "/docs/") },
		"versions": func(dest string) { buildVersionSites(t, dest, "https://docs.kettu.example/") },
	} {
		dir := filepath.Join(t.TempDir(), name)
		build(dir)
		for _, p := range htmlFiles(t, dir) {
			files = append(files, filepath.Join(dir, filepath.FromSlash(p)))
		}
	}

	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var report struct {
		Messages []struct {
			Type     string `json:"type"` // error, non-document-error, info
			URL      string `json:"url"`
			LastLine int    `json:"lastLine"`
			FirstCol int    `json:"firstColumn"`
			Message  string `json:"message"`
			Extract  string `json:"extract"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &report); jerr != nil {
		t.Fatalf("vnu: %v, output not JSON (%v):\n%s", err, jerr, stderr.Bytes())
	}
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		t.Errorf("%s:%d:%d: %s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"), m.LastLine, m.FirstCol, m.Type, m.Message, m.Extract)
	}
	if err != nil && len(report.Messages) == 0 {
		t.Errorf("vnu: %v", err)
	}
	t.Logf("vnu checked %d pages", len(files))
}
