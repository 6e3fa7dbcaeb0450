// Package testfs writes the files that tests build sites, modules and
// watched folders from, and compares what they make, so that each test
// package does not carry its own copy of the same few lines.
package testfs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Write writes data to the file at path, making the folders on the way,
// and fails the test if it cannot.
func Write(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Put writes files (slash path → content; "/" makes a folder) below dir.
func Put(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if data == "/" {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		Write(t, full, data)
	}
}

// FirstDiff shows where got and want part, with some bytes around, for
// messages about long outputs.
func FirstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d\n got: …%s\nwant: …%s", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

// Git runs git in dir with a fixed identity and commit date, and no
// settings of the machine's, failing the test if it fails.
func Git(t testing.TB, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a",
		"GIT_COMMITTER_EMAIL=a@example.com", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// InOrder returns the first of want that out does not hold after the
// ones before it, and whether all are there in order.
func InOrder(out string, want []string) (missing string, ok bool) {
	for _, w := range want {
		i := strings.Index(out, w)
		if i < 0 {
			return w, false
		}
		out = out[i+len(w):]
	}
	return "", true
}
