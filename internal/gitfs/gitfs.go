// Package gitfs reads a folder of a git commit from the repository's
// objects, without a checkout and without touching the work tree: what
// kettudocs compares a site with when it checks what a change would break
// (check --since).
package gitfs

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
)

// A Folder is a folder of a repository at one commit.
type Folder struct {
	repo   string // the repository's top folder
	commit string // the commit's hash
	dir    string // the folder, a slash path from the repository's top; "" for the top
	ref    string // as the user named the commit
}

// Open finds the folder dir, a path on disk inside a git work tree, in
// the commit ref ("main", "v1.2", "origin/main", a hash) of its
// repository. A ref the repository lacks is an error saying how to fetch
// it.
func Open(ctx context.Context, dir, ref string) (*Folder, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	top, err := git(ctx, abs, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	repo := strings.TrimSpace(string(top))
	if real, err := filepath.EvalSymlinks(repo); err == nil {
		repo = real
	}
	rel, err := filepath.Rel(repo, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s is not inside the repository %s", dir, repo)
	}
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("%q is not a git ref", ref)
	}
	hash, err := git(ctx, repo, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	if err != nil {
		hint := "fetch it (git fetch origin " + ref + ", or git fetch --tags)"
		if shallow, _ := git(ctx, repo, nil, "rev-parse", "--is-shallow-repository"); strings.TrimSpace(string(shallow)) == "true" {
			hint = "this clone is shallow: fetch the history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)"
		}
		return nil, fmt.Errorf("no commit %q in the repository %s: %s", ref, repo, hint)
	}
	d := filepath.ToSlash(rel)
	if d == "." {
		d = ""
	}
	return &Folder{repo: repo, commit: strings.TrimSpace(string(hash)), dir: d, ref: ref}, nil
}

// Commit returns the hash of the folder's commit.
func (f *Folder) Commit() string { return f.commit }

// FS returns the folder's files at the commit, in memory: its regular
// files (symbolic links and submodules are left out), by slash path from
// the folder. Only the files read reports are read, each at most max
// bytes (a bigger one is an error, as a build would refuse it); the
// others are there empty, so that a site's images need no memory.
func (f *Folder) FS(ctx context.Context, max int64, read func(name string) bool) (fs.FS, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", "-l", f.commit}
	if f.dir != "" {
		args = append(args, "--", f.dir)
	}
	out, err := git(ctx, f.repo, nil, args...)
	if err != nil {
		return nil, err
	}
	type blob struct{ name, hash string }
	var blobs []blob
	files := fstest.MapFS{}
	for _, entry := range bytes.Split(out, []byte{0}) {
		// "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
		meta, name, ok := bytes.Cut(entry, []byte{'\t'})
		fields := strings.Fields(string(meta))
		if !ok || len(fields) != 4 || fields[1] != "blob" || (fields[0] != "100644" && fields[0] != "100755") {
			continue
		}
		size, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil {
			continue
		}
		rel := string(name)
		if f.dir != "" {
			rel = strings.TrimPrefix(rel, f.dir+"/")
		}
		if !read(rel) {
			files[rel] = &fstest.MapFile{Mode: 0o644}
			continue
		}
		if size > max {
			return nil, fmt.Errorf("%s at %s: %d bytes, over the limit of %d", path.Join(f.dir, rel), f.ref, size, max)
		}
		blobs = append(blobs, blob{rel, fields[2]})
	}
	if len(blobs) == 0 {
		return files, nil
	}
	// One git process reads every blob.
	var in bytes.Buffer
	for _, b := range blobs {
		in.WriteString(b.hash + "\n")
	}
	cmd := exec.CommandContext(ctx, "git", "-C", f.repo, "cat-file", "--batch")
	cmd.Stdin = &in
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := bufio.NewReader(stdout)
	var readErr error
	for _, b := range blobs {
		header, err := r.ReadString('\n')
		if err != nil {
			readErr = err
			break
		}
		h := strings.Fields(header)
		if len(h) != 3 || h[1] != "blob" {
			readErr = fmt.Errorf("git cat-file: %q", strings.TrimSpace(header))
			break
		}
		n, _ := strconv.Atoi(h[2])
		data := make([]byte, n+1) // and the newline after it
		if _, err := io.ReadFull(r, data); err != nil {
			readErr = err
			break
		}
		files[b.name] = &fstest.MapFile{Data: data[:n], Mode: 0o644}
	}
	if err := cmd.Wait(); err != nil && readErr == nil {
		readErr = fmt.Errorf("git cat-file: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if readErr != nil {
		return nil, readErr
	}
	return files, nil
}

// Objects returns what the entries names of the folder (files or
// folders, slash paths from it) are at the commit, as git names them: the
// same text exactly when each has the same content, so that it keys what
// is made of them. Names the commit lacks are left out.
func (f *Folder) Objects(ctx context.Context, names ...string) (string, error) {
	args := []string{"ls-tree", "--full-tree", f.commit, "--"}
	for _, n := range names {
		args = append(args, path.Join(f.dir, n))
	}
	out, err := git(ctx, f.repo, nil, args...)
	return string(out), err
}

// Renames returns the files of the folder that git sees renamed between
// the commit and the work tree: old slash path → new, both from the
// folder.
func (f *Folder) Renames(ctx context.Context) (map[string]string, error) {
	args := []string{"diff", "-M", "--name-status", "-z", f.commit}
	if f.dir != "" {
		args = append(args, "--", f.dir)
	}
	out, err := git(ctx, f.repo, nil, args...)
	if err != nil {
		return nil, err
	}
	renames := map[string]string{}
	fields := bytes.Split(out, []byte{0})
	for i := 0; i < len(fields); i++ {
		status := string(fields[i])
		if strings.HasPrefix(status, "R") && i+2 < len(fields) {
			from, to := string(fields[i+1]), string(fields[i+2])
			if f.dir != "" {
				from, to = strings.TrimPrefix(from, f.dir+"/"), strings.TrimPrefix(to, f.dir+"/")
			}
			renames[from] = to
			i += 2
			continue
		}
		if strings.HasPrefix(status, "C") {
			i += 2
			continue
		}
		if status != "" {
			i++ // one path
		}
	}
	return renames, nil
}

// git runs git in dir and returns its output.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && stderr.Len() > 0 {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// MergeBase returns the commit where the work tree's branch (HEAD) left
// the repository's default branch: origin's HEAD, else origin/main,
// origin/master, main or master, the first that exists. It is where a pull
// request starts, what its changes are compared with.
func MergeBase(ctx context.Context, dir string) (string, error) {
	var tried []string
	for _, ref := range []string{"origin/HEAD", "origin/main", "origin/master", "main", "master"} {
		if _, err := git(ctx, dir, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
			tried = append(tried, ref)
			continue
		}
		out, err := git(ctx, dir, nil, "merge-base", "HEAD", ref)
		if err != nil {
			return "", fmt.Errorf("no common commit of HEAD and %s: %w (in a shallow clone, fetch the history: git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)", ref, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	return "", fmt.Errorf("no default branch to compare with (tried %s): name the base commit", strings.Join(tried, ", "))
}
