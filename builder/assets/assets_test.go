package assets

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs/builder/sitefs"
)

// sumFS is a theme that knows the sums of its files (see sitefs.SumFS),
// and counts the files read from it.
type sumFS struct {
	fstest.MapFS
	sums  map[string][32]byte
	reads *atomic.Int32
}

func (s sumFS) Open(name string) (fs.File, error) {
	if st, err := fs.Stat(s.MapFS, name); err == nil && !st.IsDir() {
		s.reads.Add(1)
	}
	return s.MapFS.Open(name)
}

func (s sumFS) Sum256(name string) ([32]byte, bool) {
	sum, ok := s.sums[name]
	return sum, ok
}

// TestLoadSums: a file whose sum the theme knows, and which is not
// minified, is read only when its bytes are asked for; its name has the
// sum in it as if it had been read; the site's own file of that name
// shadows it and is read; a file that changed since its sum was taken
// is an error when read.
func TestLoadSums(t *testing.T) {
	big := strings.Repeat("var mermaid=1;", 1000)
	reads := new(atomic.Int32)
	theme := sumFS{
		MapFS: fstest.MapFS{
			"static/vendor/big.min.js": {Data: []byte(big)},
			"static/vendor/LICENSE":    {Data: []byte("MIT")},
			"static/theme.css":         {Data: []byte("body { color: red; }")},
			"static/stale.min.js":      {Data: []byte("changed since")},
		},
		sums: map[string][32]byte{
			"static/vendor/big.min.js": sha256.Sum256([]byte(big)),
			"static/vendor/LICENSE":    sha256.Sum256([]byte("MIT")),
			"static/theme.css":         sha256.Sum256([]byte("body { color: red; }")), // minified: read all the same
			"static/stale.min.js":      sha256.Sum256([]byte("as it was")),
		},
		reads: reads,
	}
	site := fstest.MapFS{"static/vendor/LICENSE": {Data: []byte("the site's")}}
	files, names, err := Load(sitefs.Overlay(site, theme))
	if err != nil {
		t.Fatal(err)
	}
	if n := reads.Load(); n != 1 {
		t.Errorf("Load read %d files of the theme, want 1 (theme.css, to minify it)", n)
	}
	sum := sha256.Sum256([]byte(big))
	if want := fmt.Sprintf("vendor/big.min.%x.js", sum[:4]); names["vendor/big.min.js"] != want {
		t.Errorf("name of big.min.js = %q, want %q", names["vendor/big.min.js"], want)
	}
	byOut := map[string]File{}
	for _, f := range files {
		byOut[f.Out] = f
	}
	for name, want := range map[string]string{"vendor/big.min.js": big, "vendor/LICENSE": "the site's"} {
		f := byOut[names[name]]
		data, err := f.Data()
		if err != nil || string(data) != want {
			t.Errorf("%s: Data() = %.20q…, %v; want %.20q…", name, data, err, want)
		}
		if f.Sum != sha256.Sum256([]byte(want)) {
			t.Errorf("%s: Sum is not the sum of its bytes", name)
		}
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("%d files of the theme read after Data, want 2", n)
	}
	if _, err := byOut[names["stale.min.js"]].Data(); err == nil || !strings.Contains(err.Error(), "stale.min") {
		t.Errorf("a file changed since its sum was taken: Data() error = %v", err)
	}
}
