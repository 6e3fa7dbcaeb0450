package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/internal/sysfile"
)

// New returns the files of the folder dir, as os.DirFS does, except
// that a symbolic link is followed only when it resolves inside root, the
// site folder (dir or a folder holding it), and there inside one of the
// folders areas names ("content", "layouts", "static"; with none, anywhere
// in root), never into or through a folder whose name starts with a dot.
// A pull request to the docs must not publish a file of the machine that
// builds it, such as a key or an .env, nor of the repository, such as
// .git/config, where actions/checkout keeps the job's token, by adding a
// link to it; opening anything through such a link fails with a
// *LinkError naming the link and where it points. Links that stay in the
// areas work, to files and folders alike (the builder walks into linked
// folders).
func New(dir, root string, areas ...string) fs.FS {
	f := &siteFS{FS: os.DirFS(dir), dir: dir, root: root}
	// Resolved once: the real site folder is what links must stay in.
	f.real = resolved(root)
	for _, a := range areas {
		f.areas = append(f.areas, resolved(filepath.Join(root, filepath.FromSlash(a))))
	}
	f.names = areas
	f.absDir = absolute(dir)
	f.absRoot = absolute(root)
	return f
}

// resolved returns p absolute, with symbolic links resolved where it
// exists.
func resolved(p string) string {
	p = absolute(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

type siteFS struct {
	fs.FS   // os.DirFS(dir)
	dir     string
	absDir  string
	absRoot string
	root    string   // as given, for messages
	real    string   // root, absolute, with symbolic links resolved
	areas   []string // the folders links may lead into, resolved; none: all of real
	names   []string // the areas as given, for messages
	dirs    sync.Map // folder path → knownDir: a folder that resolved inside real
	round   atomic.Uint64
}

// A knownDir is a folder that resolved inside the site folder, as lstat
// found it, in the round it was last found so.
type knownDir struct {
	info  fs.FileInfo
	round uint64
}

// Recheck starts a new round of fsys, when New made it (or an Overlay of
// such): until the next, each folder found inside the site folder is
// taken to be that folder still, and its first use in the next one looks
// again that it was not replaced by a link since. A builder calls it at
// the start of a build and of each update of a preview: looking at a
// page's folder again for every page was one system call in four of a
// rebuild that changed nothing, and nothing that a pull request holds
// changes a folder while a build reads it.
func Recheck(fsys fs.FS) {
	switch f := fsys.(type) {
	case *siteFS:
		f.round.Add(1)
	case overlay:
		for _, l := range f {
			Recheck(l)
		}
	}
}

// allowed reports whether full, a path below the site folder, may be
// read at real, where its links resolve: where it is, when no link is on
// the way; else inside an area, and never through a folder named ".…".
func (f *siteFS) allowed(full, real string) bool {
	relReal, err := filepath.Rel(f.real, real)
	if err != nil || !inside(real, f.real) {
		return false
	}
	if relFull, err := filepath.Rel(f.absRoot, full); err == nil && relFull == relReal {
		return true // no link on the way
	}
	for _, part := range strings.Split(relReal, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") && part != "." {
			return false
		}
	}
	if len(f.areas) == 0 {
		return true
	}
	for _, a := range f.areas {
		if inside(real, a) {
			return true
		}
	}
	return false
}

// where says where links may lead, for messages.
func (f *siteFS) where() string {
	if len(f.names) == 0 {
		return "the site folder"
	}
	var b strings.Builder
	for i, n := range f.names {
		switch {
		case i > 0 && i == len(f.names)-1:
			b.WriteString(" and ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(n + "/")
	}
	return "the site folder's " + b.String() + ", or into a hidden folder"
}

func absolute(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// LinkError is the error of opening a file through a symbolic link that
// leads where the site may not read (see New).
type LinkError struct {
	Link   string // the link, a slash path in the file system opened, "." for its root
	Target string // where it points, as written in the link
	Root   string // the site folder
	Where  string // where links may lead, as a message says it
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s: symbolic link to %q leads outside %s (%s)", e.Link, e.Target, e.where(), e.Root)
}

func (e *LinkError) where() string {
	if e.Where == "" {
		return "the site folder"
	}
	return e.Where
}

// confine returns a *LinkError when name, or a folder on the way to it,
// is a symbolic link that resolves outside the root; any other failure is
// left to the operation itself to report.
func (f *siteFS) confine(op, name string) error {
	_, err := f.confined(op, name)
	return err
}

// confined is confine, also returning what lstat found at name when it
// is no link in a known folder (see inKnownDir), else nil.
func (f *siteFS) confined(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(f.absDir, filepath.FromSlash(name))
	if st := f.inKnownDir(full); st != nil {
		return st, nil
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil || f.allowed(full, real) {
		return nil, nil
	}
	// Name the first link on the way that leads out: the folder itself,
	// or a file or folder in it.
	parts := []string{"."}
	if name != "." {
		parts = append(parts, strings.Split(name, "/")...)
	}
	for i := range parts {
		rel := path.Join(parts[:i+1]...)
		p := filepath.Join(f.absDir, filepath.FromSlash(rel))
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if r, err := filepath.EvalSymlinks(p); err == nil && !f.allowed(p, r) {
			target, _ := os.Readlink(p)
			return nil, &LinkError{Link: rel, Target: target, Root: f.root, Where: f.where()}
		}
	}
	// No link in it leads out, yet the path does: a folder above dir is
	// a link, or dir is not in root at all.
	return nil, &LinkError{Link: ".", Target: real, Root: f.root, Where: f.where()}
}

// inKnownDir returns what lstat finds at full when it is no link and
// its folder is one that resolved inside the root before and is still
// the same folder (looked at again once a round: see Recheck); else nil.
// Resolving every link on the way from / took six lstat calls a page;
// this takes one, and one a folder a round. A folder moved out of the
// site and linked back in while serve runs would pass: not a way for a
// pull request to publish a file, which a fresh build would catch.
func (f *siteFS) inKnownDir(full string) fs.FileInfo {
	st, err := os.Lstat(full)
	if err != nil || st.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	dir := filepath.Dir(full)
	round := f.round.Load()
	known, ok := f.dirs.Load(dir)
	if ok && known.(knownDir).round == round {
		return st
	}
	dst, err := os.Lstat(dir)
	if err != nil || !dst.IsDir() {
		return nil
	}
	if !ok || !os.SameFile(known.(knownDir).info, dst) {
		if real, err := filepath.EvalSymlinks(dir); err != nil || !f.allowed(dir, real) {
			return nil
		}
	}
	f.dirs.Store(dir, knownDir{dst, round})
	return st
}

// inside reports whether path p is root or below it.
func inside(p, root string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func (f *siteFS) Open(name string) (fs.File, error) {
	if err := f.confine("open", name); err != nil {
		return nil, err
	}
	return f.FS.Open(name)
}

func (f *siteFS) ReadFile(name string) ([]byte, error) {
	if err := f.confine("read", name); err != nil {
		return nil, err
	}
	return sysfile.Read(filepath.Join(f.absDir, filepath.FromSlash(name)), name)
}

func (f *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.confine("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(f.FS, name)
}

func (f *siteFS) Stat(name string) (fs.FileInfo, error) {
	st, err := f.confined("stat", name)
	if err != nil {
		return nil, err
	}
	if st != nil {
		return st, nil // no link: what stat would find, one system call fewer a page
	}
	return fs.Stat(f.FS, name)
}

// ReadLink and Lstat describe a link itself, which is safe wherever it
// points, so that problems can say where a link leads.
func (f *siteFS) ReadLink(name string) (string, error) { return fs.ReadLink(f.FS, name) }

func (f *siteFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.FS, name) }

// Walk is fs.WalkDir, except that it follows symbolic links to folders,
// as a site may link a folder of its own into another, reporting a link
// that loops back to a folder it is in to fn as an error of the link.
func Walk(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	return fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink == 0 || name == root {
			return fn(name, d, err)
		}
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return fn(name, d, err) // broken, or leading out of the site
		}
		if !info.IsDir() {
			return fn(name, fs.FileInfoToDirEntry(info), nil)
		}
		if err := loops(fsys, name, info); err != nil {
			return fn(name, d, err)
		}
		return Walk(fsys, name, fn)
	})
}

// errLinkLoop is the error of a link to a folder it is in.
var errLinkLoop = errors.New("symbolic link loops back to a folder it is in")

// loops reports errLinkLoop when the folder info, which the link name
// leads to, is one of the folders name is in: walking it would never end.
// For a file system of New the real paths are compared; for other file systems the
// folders of the walk (with os.SameFile) and the link's target by name,
// and the depth is bounded.
func loops(fsys fs.FS, name string, info fs.FileInfo) error {
	if strings.Count(name, "/") > 64 {
		return errLinkLoop
	}
	if f, ok := fsys.(*siteFS); ok {
		// On disk the link may lead to a folder above the file system's
		// root, such as the site folder from content/.
		target, err1 := filepath.EvalSymlinks(filepath.Join(f.absDir, filepath.FromSlash(name)))
		dir, err2 := filepath.EvalSymlinks(filepath.Join(f.absDir, filepath.FromSlash(path.Dir(name))))
		if err1 == nil && err2 == nil && inside(dir, target) {
			return errLinkLoop
		}
	}
	for dir := path.Dir(name); ; dir = path.Dir(dir) {
		if di, err := fs.Stat(fsys, dir); err == nil && os.SameFile(di, info) {
			return errLinkLoop
		}
		if dir == "." {
			break
		}
	}
	if target, err := fs.ReadLink(fsys, name); err == nil && !path.IsAbs(target) {
		t := path.Join(path.Dir(name), target)
		if t == "." || t == name || strings.HasPrefix(name, t+"/") {
			return errLinkLoop
		}
	}
	return nil
}

// linkProblem turns the errors of links into problems of the link: one
// that leads out of the site folder, and one that loops. ok is false for
// any other error.
func linkProblem(fsys fs.FS, name string, err error) (p diag.Problem, ok bool) {
	var le *LinkError
	switch {
	case errors.As(err, &le):
		return diag.Problem{
			Pos:  diag.Position{File: le.Link},
			Msg:  fmt.Sprintf("symbolic link to %q leads outside %s: not followed, so nothing outside the site is published", le.Target, le.where()),
			Hint: "copy the file or folder into the site folder instead of linking to it",
		}, true
	case errors.Is(err, errLinkLoop):
		target, _ := fs.ReadLink(fsys, name)
		return diag.Problem{
			Pos:  diag.Position{File: name},
			Msg:  fmt.Sprintf("symbolic link to %q loops back to a folder it is in", target),
			Hint: "link to a folder that does not hold the link, or remove the link",
		}, true
	}
	return diag.Problem{}, false
}

// Ignored reports whether a file or folder named name is no part of a
// site, wherever it is:
// dotfiles and dot-folders (.git, Emacs's .#lock files, Vim's .x.swp),
// backups ending in "~", Vim's swap files and its "4913" write test, and
// Emacs's #autosave# files.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		name == "4913",
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return false
}
