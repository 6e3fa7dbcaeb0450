package gitdates

import (
	"context"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/kettu/kettudocs/internal/testfs"
)

func TestParse(t *testing.T) {
	out := "\x011700000200\x00\na/p.md\x00\x00\x011700000100\x00\na/p.md\x00sp ace.md\x00new\nline.md\x00\x01bad\x00\nskipped.md\x00"
	got := parse([]byte(out))
	want := map[string]time.Time{
		"a/p.md":       time.Unix(1700000200, 0).UTC(),
		"sp ace.md":    time.Unix(1700000100, 0).UTC(),
		"new\nline.md": time.Unix(1700000100, 0).UTC(),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parse = %v, want %v", got, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("\x011700000200\x00\na/p.md\x00\x00"))
	f.Fuzz(func(t *testing.T, out []byte) {
		for name, when := range parse(out) {
			if name == "" || when.IsZero() {
				t.Fatalf("parse(%q) has %q at %v", out, name, when)
			}
		}
	})
}

func TestDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	content := filepath.Join(repo, "content")
	testfs.Git(t, repo, "2026-01-02T03:04:05Z", "init", "-q")

	// No commits yet: no dates, no error.
	testfs.Write(t, filepath.Join(content, "a.md"), "a")
	if got, err := Dates(context.Background(), content); err != nil || got != nil {
		t.Fatalf("before the first commit: %v, %v; want nil, nil", got, err)
	}

	testfs.Write(t, filepath.Join(content, "guide", "b c.md"), "b")
	testfs.Write(t, filepath.Join(repo, "README.md"), "outside content")
	testfs.Git(t, repo, "2026-01-02T03:04:05Z", "add", ".")
	testfs.Git(t, repo, "2026-01-02T03:04:05Z", "commit", "-qm", "one")
	testfs.Write(t, filepath.Join(content, "a.md"), "a2")
	testfs.Git(t, repo, "2026-03-04T05:06:07+02:00", "commit", "-qam", "two")
	testfs.Git(t, repo, "2026-05-06T07:08:09Z", "mv", "content/guide/b c.md", "content/guide/moved.md")
	testfs.Git(t, repo, "2026-05-06T07:08:09Z", "commit", "-qm", "three")
	testfs.Write(t, filepath.Join(content, "a.md"), "a3, not committed")
	testfs.Write(t, filepath.Join(content, "new.md"), "never committed")

	got, err := Dates(context.Background(), content)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"a.md":           time.Date(2026, 3, 4, 3, 6, 7, 0, time.UTC),
		"guide/b c.md":   time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC), // moved away: no page will ask
		"guide/moved.md": time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Dates = %v\nwant %v", got, want)
	}

	// Outside any repository: no dates, no error.
	if got, err := Dates(context.Background(), t.TempDir()); err != nil || got != nil {
		t.Errorf("outside git: %v, %v; want nil, nil", got, err)
	}
}
