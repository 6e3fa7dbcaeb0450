package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kettu/kettudocs/internal/testfs"
)

// TestCodesDiff makes a repository whose spec changes on a branch and
// compares its versions: with the default base (where the branch left
// main) and the work tree, with two tags, in both formats.
func TestCodesDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	const v1 = `groups:
  - name: close
    title: gateway close codes
    type: CloseCode
    anchor: close
    columns:
      - name: description
      - name: action
        enum:
          type: Action
          values: [{name: resume}, {name: abort}]
    entries:
      - {code: 4000, description: unknown error, action: resume}
      - {code: 4004, description: authentication failed, action: abort}
      - {code: 4009, description: session timed out, action: resume}
`
	site := t.TempDir()
	spec := filepath.Join(site, "codes", "codes.yaml")
	const when = "2026-01-02T03:04:05Z"
	testfs.Write(t, spec, v1)
	testfs.Git(t, site, when, "init", "-q", "-b", "main")
	testfs.Git(t, site, when, "add", ".")
	testfs.Git(t, site, when, "commit", "-q", "-m", "v1")
	testfs.Git(t, site, when, "tag", "v1")
	testfs.Git(t, site, when, "checkout", "-q", "-b", "feature")
	// A code added: not breaking.
	testfs.Write(t, spec, v1+"      - {code: 4010, description: invalid shard, action: abort}\n")
	testfs.Git(t, site, when, "commit", "-q", "-am", "add 4010")
	testfs.Git(t, site, when, "tag", "v2")

	tests := []struct {
		name   string
		edit   string // the work tree's spec, when not the last commit's
		args   []string
		code   int
		stdout []string
		notOut []string
		stderr string
	}{
		{"committed addition against main", "", nil, exitOK,
			[]string{"codes/codes.yaml:16: gateway close codes: 4010 added: invalid shard"}, []string{"breaking"}, "1 change, 0 breaking"},
		{"between tags", "", []string{"v1", "v2"}, exitOK,
			[]string{"4010 added"}, nil, "codes diff v1..v2: 1 change"},
		{"nothing between a tag and itself", "", []string{"v2", "v2"}, exitOK, nil, []string{"added"}, "0 changes"},
		{"uncommitted breaking edits", strings.Replace(strings.Replace(v1, "4009", "4019", 1), "unknown error, action: resume", "unknown error, action: abort", 1), nil, exitProblems,
			[]string{
				`codes/codes.yaml:13: gateway close codes: 4000 action changed: "resume" → "abort" [breaking]`,
				"gateway close codes: session timed out renumbered 4009 → 4019 [breaking]",
			}, []string{"4010"}, "2 breaking"},
		{"breaking allowed", strings.Replace(v1, "      - {code: 4004, description: authentication failed, action: abort}\n", "", 1), []string{"--allow-breaking"}, exitOK,
			[]string{"codes/codes.yaml@", "4004 removed (was authentication failed) [breaking]"}, nil, "1 breaking"},
		{"github annotations", strings.Replace(v1, "4009", "4019", 1), []string{"--format", "github"}, exitProblems,
			[]string{"::error file=codes/codes.yaml,line=15,title=codes renumbered::gateway close codes: session timed out renumbered 4009 → 4019 [breaking]"}, nil, "--allow-breaking"},
		{"a ref the repository lacks", "", []string{"v9"}, exitProblems, nil, nil, `no commit "v9"`},
		{"bad format", "", []string{"--format", "xml"}, exitUsage, nil, nil, "want text or github"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testfs.Git(t, site, when, "checkout", "-q", "--", ".")
			if tt.edit != "" {
				testfs.Write(t, spec, tt.edit)
			}
			t.Chdir(site)
			code, stdout, stderr := runCLI(t, append([]string{"codes", "diff"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			for _, bad := range tt.notOut {
				if strings.Contains(stdout, bad) {
					t.Errorf("stdout has %q:\n%s", bad, stdout)
				}
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}
