package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/codespec"
)

const (
	codesDir = "../../codes"
	genDir   = "../../internal/kettureg"
)

// TestUpToDate checks that the generated files are what the generator
// makes from the spec now, and that package codes has no others.
func TestUpToDate(t *testing.T) {
	const fix = "; run go generate ./... in the module root"

	// What go generate writes, learned from the go:generate lines.
	wrote := map[string]bool{}
	for _, args := range generateLines(t) {
		f, err := parseFlags(args, io.Discard)
		if err != nil {
			t.Fatalf("go:generate gencodes %q: %v", args, err)
		}
		s, err := codespec.ReadFile(filepath.Join(genDir, f.spec))
		if err != nil {
			t.Fatal(err)
		}
		out := s.OutputPath()
		if f.out != "" {
			out = filepath.Join(genDir, f.out)
		}
		src, err := s.Source(f.pkg, out)
		if err != nil {
			t.Fatal(err)
		}
		files := []struct {
			name string
			want []byte
		}{{out, src}}
		if f.registry != "" {
			hand, err := codespec.Exported(filepath.Dir(out), out)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(genDir, f.registry)
			abs, err := filepath.Abs(name)
			if err != nil {
				t.Fatal(err)
			}
			reg, err := codespec.GoRegistry(s.File, filepath.Base(filepath.Dir(abs)), s.Registry(hand))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, struct {
				name string
				want []byte
			}{name, reg})
		}
		for _, f := range files {
			got, err := os.ReadFile(f.name)
			if err != nil {
				t.Errorf("%v%s", err, fix)
				continue
			}
			if !bytes.Equal(got, f.want) {
				t.Errorf("%s is out of date with %s%s", f.name, s.File, fix)
			}
			abs, err := filepath.Abs(f.name)
			if err != nil {
				t.Fatal(err)
			}
			wrote[abs] = true
		}
	}
	if len(wrote) == 0 {
		t.Fatalf("no go:generate line in %s runs gencodes", genDir)
	}

	// Generated files nobody generates any more, e.g. after a rename.
	for _, dir := range []string{codesDir, genDir} {
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := filepath.Join(dir, f.Name())
			data, err := os.ReadFile(name)
			if err != nil || !f.Type().IsRegular() {
				continue
			}
			abs, err := filepath.Abs(name)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.HasPrefix(data, []byte("// Code generated")) && !wrote[abs] {
				t.Errorf("%s is generated but gencodes no longer writes it; delete it%s", name, fix)
			}
		}
	}
}

// generateLines returns the arguments of each go:generate line in genDir
// that runs gencodes.
func generateLines(t *testing.T) [][]string {
	const prefix = "//go:generate go run github.com/kettu/kettudocs/cmd/gencodes"
	files, err := filepath.Glob(filepath.Join(genDir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok && (rest == "" || rest[0] == ' ') {
				lines = append(lines, strings.Fields(rest))
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return lines
}

// TestCodesModule checks the promise the codes module makes its clients:
// no dependencies, and a go line old enough for them (.ci/run also builds a
// client module against it).
func TestCodesModule(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(codesDir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var module, goVersion string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "//") {
			continue
		}
		switch f[0] {
		case "module":
			module = f[1]
		case "go":
			goVersion = f[1]
		default:
			t.Errorf("codes/go.mod has %q: the codes module must have no dependencies, toolchain or replace", line)
		}
	}
	if module != "github.com/kettu/kettudocs/codes" {
		t.Errorf("codes/go.mod: module %q", module)
	}
	if goVersion != "1.22" && goVersion != "1.21" && !strings.HasPrefix(goVersion, "1.21.") && !strings.HasPrefix(goVersion, "1.22.") {
		t.Errorf("codes/go.mod: go %s, want at most 1.22, so clients on older Go can use it", goVersion)
	}
}
