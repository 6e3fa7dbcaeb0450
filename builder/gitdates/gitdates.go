// Package gitdates tells when each file of a folder last changed in git,
// for pages' "last updated" dates.
//
// It runs git once for the whole folder, whatever the number of files:
// git log lists every commit that touched the folder with the files it
// changed, newest first, and the first commit that names a file is its
// last change. A site of 10,000 pages costs one git run, not 10,000.
package gitdates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"time"
)

// Dates returns, for each file below dir that git has a commit of, the
// time of the last commit that changed it, keyed by its slash path
// relative to dir ("guide/intro.md"). Files never committed are not in it.
//
// Outside a git work tree, or without git installed, it returns nil and
// no error: a site built from a tarball simply shows no dates. An error
// is git failing in a work tree, or ctx ending.
func Dates(ctx context.Context, dir string) (map[string]time.Time, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, nil
	}
	// -z: names as they are, whatever their bytes. --no-renames: a
	// rename is a change of the new name. \x01 marks a commit's time
	// among the names.
	cmd := exec.CommandContext(ctx, git, "-c", "core.quotePath=false", "log",
		"--format=%x01%ct", "--name-only", "-z", "--relative", "--no-renames", "--", ".")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && notRepo(stderr.Bytes()) {
			return nil, nil
		}
		return nil, fmt.Errorf("git log in %s: %w: %s", dir, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return parse(out), nil
}

// notRepo reports whether git's stderr says the folder is in no work tree
// or the repository has no commits yet.
func notRepo(stderr []byte) bool {
	return bytes.Contains(stderr, []byte("not a git repository")) ||
		bytes.Contains(stderr, []byte("does not have any commits"))
}

// parse reads the output of git log --format=%x01%ct --name-only -z.
func parse(out []byte) map[string]time.Time {
	dates := make(map[string]time.Time)
	var when time.Time
	for len(out) > 0 {
		var tok []byte
		if i := bytes.IndexByte(out, 0); i >= 0 {
			tok, out = out[:i], out[i+1:]
		} else {
			tok, out = out, nil
		}
		if len(tok) > 0 && tok[0] == 1 {
			sec, err := strconv.ParseInt(string(tok[1:]), 10, 64)
			if err != nil {
				when = time.Time{}
				continue
			}
			when = time.Unix(sec, 0).UTC()
			continue
		}
		tok = bytes.TrimPrefix(tok, []byte("\n")) // between a commit's time and its names
		if len(tok) == 0 || when.IsZero() {
			continue
		}
		if _, ok := dates[string(tok)]; !ok { // newest first: the first is the last change
			dates[string(tok)] = when
		}
	}
	return dates
}
