package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/kettu/kettudocs/builder/internal/sysfile"
)

// Names kettudocs keeps in the output folder. Both start with a dot, so
// hosts and static servers that hide dotfiles hide them, and no content
// file can take them: the build skips the content's dotfiles.
const (
	ManifestName  = ".kettudocs-manifest"
	stagingPrefix = ".kettudocs-staging-"
)

// A Folder puts one build into the output folder without ever removing
// or overwriting a file kettudocs did not write there. Files are staged
// in a hidden folder inside dest, on dest's file system, and moved into
// place one rename each only by commit; abort drops them and leaves dest
// as it was.
//
// dest/.kettudocs-manifest lists what the last build wrote, one slash path
// a line; folders the builds made end in "/". It is what makes a file
// kettudocs's to replace or remove: dotfiles, .git, CNAME, a README the
// user put there are not in it and are left alone. After a file's path, a
// tab and its size, modification time and hash: a file the new build
// writes with the same bytes, which still has that size and time in dest,
// is left as it is (same inode, same time), so a rebuild costs what
// changed, and rsync, object-store syncs and CDNs see only what did.
type Folder struct {
	dest    string
	root    *os.Root // dest, for removals
	created bool     // dest did not exist before
	staging string
	prev    manifest // what the last build wrote; empty on a first build

	mu sync.Mutex
	// What the new site has of each file: cur of prev.files[i], added
	// of the others. A slice beside the manifest's, not maps by name:
	// a rebuild of a big site keeps ten thousands of files, and three
	// maps of them were a tenth of its memory.
	cur   []state
	added map[string]*state
	made  map[string]bool // folders made in staging: one mkdir per folder, not MkdirAll's three calls per file

	left [32]byte // the hash of the manifest Commit left (ManifestSum)
}

// state is what the new site has of a file.
type state struct {
	sum     sum
	written bool // by Write or Keep
	same    bool // written with the bytes dest has: not staged, not moved
	summed  bool // sum is known
}

// manifest is the contents of the manifest file.
type manifest struct {
	files []entry          // in the order read
	index map[string]int32 // files' positions by name
	dirs  map[string]bool  // folders made by kettudocs, without the trailing "/"
	found bool             // read from a file, rather than empty for want of one
	raw   []byte           // the file as read
	clean bool             // raw is as bytes writes a manifest (see eachLine): splice can edit it
}

// An entry is a file's line of the manifest.
type entry struct {
	name   string
	sum    sum
	hasSum bool // an older manifest, or one edited by hand, may have none
}

func newManifest(files int) manifest {
	return manifest{index: make(map[string]int32, files), dirs: make(map[string]bool)}
}

// add lists the file name with sum s, if hasSum, replacing an earlier
// line of the same name.
func (m *manifest) add(name string, s sum, hasSum bool) {
	if i, ok := m.index[name]; ok {
		m.files[i] = entry{name, s, hasSum}
		return
	}
	m.index[name] = int32(len(m.files))
	m.files = append(m.files, entry{name, s, hasSum})
}

// lookup returns the line of the file name, and whether there is one.
func (m *manifest) lookup(name string) (entry, bool) {
	i, ok := m.index[name]
	if !ok {
		return entry{}, false
	}
	return m.files[i], true
}

func (m *manifest) has(name string) bool {
	_, ok := m.index[name]
	return ok
}

// A sum identifies a file's contents as a build wrote them, and the file
// as dest has it since: if its size and modification time are still
// those, nobody wrote to it.
type sum struct {
	size, mtime int64 // mtime in Unix nanoseconds
	hash        [16]byte
}

func hashOf(data []byte) [16]byte {
	h := sha256.Sum256(data)
	return [16]byte(h[:16])
}

// Open prepares a build into dest, making dest if needed. It also
// removes what killed builds left: staging folders inside dest and, from
// earlier versions of kettudocs, .NAME.new-* and .NAME.old-* beside it.
func Open(dest string) (*Folder, error) {
	dest = filepath.Clean(dest)
	_, err := os.Lstat(dest)
	created := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, err
	}
	// Stat follows a symlinked dest, which is kept: its target is updated.
	if st, err := os.Stat(dest); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", dest)
	}
	if err := removeLeftovers(dest); err != nil {
		return nil, err
	}
	prev, err := readManifest(dest)
	if err != nil {
		return nil, err
	}
	// Removals go through root, which does not follow a link out of dest:
	// a manifest line under a folder someone replaced with a link to
	// elsewhere must not remove a file there.
	root, err := os.OpenRoot(dest)
	if err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(dest, stagingPrefix)
	if err != nil {
		root.Close()
		return nil, err
	}
	return &Folder{dest: dest, root: root, created: created, staging: staging, prev: prev,
		cur: make([]state, len(prev.files)), added: make(map[string]*state), made: make(map[string]bool)}, nil
}

// state returns what the new site has of the file name, nil if nothing
// and not add. Call it with mu held.
func (o *Folder) state(name string, add bool) *state {
	if i, ok := o.prev.index[name]; ok {
		return &o.cur[i]
	}
	st := o.added[name]
	if st == nil && add {
		st = new(state)
		o.added[name] = st
	}
	return st
}

// each calls f with each file the new site has or the last build had,
// in no order, and its line in the last build's manifest (nil for none).
func (o *Folder) each(f func(name string, st *state, prev *entry)) {
	for i := range o.cur {
		f(o.prev.files[i].name, &o.cur[i], &o.prev.files[i])
	}
	for name, st := range o.added {
		f(name, st, nil)
	}
}

func removeLeftovers(dest string) error {
	var errs []error
	for _, dir := range leftovers(dest) {
		if err := os.RemoveAll(dir); err != nil {
			errs = append(errs, fmt.Errorf("removing what a stopped build left: %w", err))
		}
	}
	return errors.Join(errs...)
}

// leftovers returns what stopped builds left: staging folders inside
// dest and, from earlier versions of kettudocs, .NAME.new-* and
// .NAME.old-* beside it.
func leftovers(dest string) []string {
	inside, _ := filepath.Glob(filepath.Join(dest, stagingPrefix+"*"))
	parent, base := filepath.Split(dest)
	beside, _ := filepath.Glob(filepath.Join(parent, "."+base+".new-*"))
	aside, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*"))
	return slices.Concat(inside, beside, aside)
}

func readManifest(dest string) (manifest, error) {
	data, err := os.ReadFile(filepath.Join(dest, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		m := newManifest(0)
		m.clean = true
		return m, nil
	}
	if err != nil {
		return manifest{}, err
	}
	// Sized for its lines at once: growing maps of 10,000s of names was
	// most of the reading.
	n := bytes.Count(data, []byte{'\n'}) + 1
	m := newManifest(n)
	m.files, m.found, m.raw = make([]entry, 0, n), true, data
	m.clean = eachLine(data, func(name string, dir bool, s sum, hasSum bool) {
		if dir {
			m.dirs[name] = true
		} else {
			m.add(name, s, hasSum)
		}
	})
	return m, nil
}

// eachLine calls f with each line of the manifest data: a folder's name
// (dir), or a file's with its sum when the line has one. It reports
// whether data is clean: every line a clean name, no control character
// but a sum's tabs, each ended, in the order bytes sorts them; a file
// of kettudocs's own, not one edited by hand, which splice can edit.
func eachLine(data []byte, f func(name string, dir bool, s sum, hasSum bool)) (clean bool) {
	// The names are cut from one string, not a string a line; data is
	// not changed after, so it is that string (the manifest is MB).
	text := unsafe.String(unsafe.SliceData(data), len(data))
	clean, last := true, ""
	for text != "" {
		var line string
		var ended bool
		line, text, ended = strings.Cut(text, "\n")
		if !ended || strings.ContainsFunc(line, func(r rune) bool { return r != '\t' && Control(r) }) {
			clean = false
		}
		line, rest, hasSum := strings.Cut(strings.TrimSuffix(line, "\r"), "\t")
		// A line that is not a clean relative path was not written by
		// kettudocs; ignoring it keeps an edited manifest from reaching
		// outside dest.
		name := strings.TrimSuffix(line, "/")
		if !fs.ValidPath(name) || name == "." {
			clean = false
			continue
		}
		if line <= last {
			clean = false
		}
		last = line
		if strings.HasSuffix(line, "/") {
			f(name, true, sum{}, false)
			continue
		}
		s, ok := parseSum(rest)
		f(name, false, s, hasSum && ok)
	}
	return clean
}

// parseSum parses "size mtime hash", tab-separated; a line of an older
// manifest, or one edited by hand, has none, and its file is written.
func parseSum(s string) (sum, bool) {
	f0, s, ok0 := strings.Cut(s, "\t")
	f1, f2, ok1 := strings.Cut(s, "\t")
	if !ok0 || !ok1 || len(f2) != 32 {
		return sum{}, false
	}
	size, err1 := strconv.ParseInt(f0, 10, 64)
	mtime, err2 := strconv.ParseInt(f1, 10, 64)
	var h [16]byte
	n, err3 := hex.Decode(h[:], []byte(f2))
	if err1 != nil || err2 != nil || err3 != nil || n != 16 {
		return sum{}, false
	}
	return sum{size: size, mtime: mtime, hash: h}, true
}

func (s sum) String() string { return string(s.append(nil)) }

// append appends s as a manifest line has it: "size mtime hash",
// tab-separated.
func (s sum) append(b []byte) []byte {
	b = strconv.AppendInt(b, s.size, 10)
	b = strconv.AppendInt(append(b, '\t'), s.mtime, 10)
	return hex.AppendEncode(append(b, '\t'), s.hash[:])
}

// Control reports whether r is a control character, which no name of the
// output may hold: the manifest is one name a line, and a name with a
// newline in it would name other files there.
func Control(r rune) bool { return r < 0x20 || r == 0x7f }

// Write stages data as the slash path name of the new site. It is safe
// for concurrent use.
func (o *Folder) Write(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || strings.HasPrefix(name, ".kettudocs-") || strings.ContainsFunc(name, Control) {
		return fmt.Errorf("output name %q: not a file kettudocs may write", name)
	}
	o.mu.Lock()
	st := o.state(name, true)
	dup := st.written
	st.written = true
	o.mu.Unlock()
	if dup {
		// collisions reports this for sources; reaching it is a bug.
		return fmt.Errorf("output %s written twice", name)
	}
	s := sum{size: int64(len(data)), hash: hashOf(data)}
	if prev, ok := o.prev.lookup(name); ok && prev.hasSum && prev.sum.size == s.size && prev.sum.hash == s.hash {
		if o.unchanged(name, prev.sum) {
			o.mu.Lock()
			st.same, st.sum, st.summed = true, prev.sum, true
			o.mu.Unlock()
			return nil
		}
	}
	if err := o.mkdir(path.Dir(name)); err != nil {
		return err
	}
	staged, err := sysfile.Write(filepath.Join(o.staging, filepath.FromSlash(name)), data)
	if err != nil {
		return err
	}
	// A rename keeps the time: the file's time in dest is this one.
	s.mtime = staged.MTime
	o.mu.Lock()
	st.sum, st.summed = s, true
	o.mu.Unlock()
	return nil
}

// Dropped returns the files of the last build that this one has not
// written, sorted: those Commit removes.
func (o *Folder) Dropped() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.dropped()
	slices.Sort(out)
	return out
}

// dropped returns the files of the last build that this one has not
// written, in no order. Call it with mu held.
func (o *Folder) dropped() []string {
	var out []string
	for i, f := range o.prev.files {
		if !o.cur[i].written {
			out = append(out, f.name)
		}
	}
	return out
}

// Unchanged reports how many of the files written had the bytes that the
// output folder has already: those Commit leaves as they are.
func (o *Folder) Unchanged() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for i := range o.cur {
		if o.cur[i].same {
			n++
		}
	}
	return n
}

// mkdir makes the slash path dir in staging, and its parents, each once.
func (o *Folder) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	o.mu.Lock()
	done := o.made[dir]
	o.mu.Unlock()
	if done {
		return nil
	}
	if err := o.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(o.staging, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	o.mu.Lock()
	o.made[dir] = true
	o.mu.Unlock()
	return nil
}

// Abort drops the staged files; dest is as it was, and gone again if
// Open made it.
func (o *Folder) Abort() error {
	o.root.Close()
	err := os.RemoveAll(o.staging)
	if o.created {
		os.Remove(o.dest) // fails, as it should, once anything is in it
	}
	return err
}

// ConflictError is the failure of a build that would overwrite files in
// the output folder that no earlier build wrote.
type ConflictError struct {
	Dest       string
	Files      []string // slash paths below Dest, sorted
	NoManifest bool     // Dest has no manifest: no build wrote into it, or one of a kettudocs older than the manifest
}

func (e *ConflictError) Error() string {
	const shown = 5
	list := e.Files
	more := ""
	if len(list) > shown {
		list, more = list[:shown], fmt.Sprintf(" and %d more", len(e.Files)-shown)
	}
	noun := "files"
	if len(e.Files) == 1 {
		noun = "file"
	}
	hint := "delete them, or build into another folder"
	if e.NoManifest {
		hint = "if the folder holds the output of a kettudocs older than " + ManifestName + ", delete it once; else " + hint
	}
	return fmt.Sprintf("output %s holds %d %s kettudocs did not write, which the build would overwrite: %s%s\n\thint: %s",
		e.Dest, len(e.Files), noun, strings.Join(list, ", "), more, hint)
}

// Commit moves the staged files into place, removes the files of the last
// build that this one did not write, and records the new manifest.
//
// Nothing is moved when a file would overwrite one kettudocs did not
// write. Each file is replaced by one rename, so a reader sees its old or
// new version, never none. Assets go first, pages last, so a new page
// never links to an asset that is not there yet.
func (o *Folder) Commit() error {
	var names []string
	o.each(func(name string, st *state, _ *entry) {
		if st.written && !st.same {
			names = append(names, name)
		}
	})
	slices.SortFunc(names, func(a, b string) int {
		if pa, pb := strings.HasSuffix(a, ".html"), strings.HasSuffix(b, ".html"); pa != pb {
			if pa {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	kept, err := o.checkConflicts(names)
	if err != nil {
		o.Abort()
		return err
	}
	// A folder of the new site that dest lacks altogether holds nothing
	// of anyone's: it moves in whole, one rename instead of one per file
	// and folder below it. On a first build that is nearly everything.
	fresh := o.freshRoots(names)

	// Until the new manifest is written, the one on disk lists both
	// builds' files, so a build killed while moving files in leaves
	// nothing the next build would refuse to replace.
	dirs := maps.Clone(o.prev.dirs)
	var single []string // names that move one by one
	for _, name := range names {
		if r := freshRoot(name, fresh); r != "" {
			for d := path.Dir(name); ; d = path.Dir(d) {
				dirs[d] = true
				if d == r {
					break
				}
			}
			continue
		}
		single = append(single, name)
	}
	if err := o.createDirs(single, dirs); err != nil {
		o.Abort()
		return err
	}
	dropped := o.dropped() // files of the last build this one did not write
	if len(names) == 0 && len(dropped) == 0 && len(dirs) == len(o.prev.dirs) {
		// Nothing changed: not even the manifest is written.
		o.left = sha256.Sum256(o.prev.raw)
		o.root.Close()
		return os.RemoveAll(o.staging)
	}
	if err := o.writeManifest(o.prev.edit(o.moving(names, dirs))); err != nil {
		o.Abort()
		return err
	}

	// In names' order, assets before pages: a fresh folder moves when the
	// first name in it comes.
	moved := make(map[string]bool)
	for _, name := range names {
		what := name
		if r := freshRoot(name, fresh); r != "" {
			if moved[r] {
				continue
			}
			moved[r], what = true, r
		}
		from := filepath.Join(o.staging, filepath.FromSlash(what))
		if err := os.Rename(from, filepath.Join(o.dest, filepath.FromSlash(what))); err != nil {
			o.Abort()
			return err
		}
	}
	var errs []error
	var removed []string
	for _, name := range dropped {
		if kept[name] {
			continue
		}
		// Only a file: a folder a user put in a stale file's place is
		// theirs. Through root: never a file outside dest.
		name := filepath.FromSlash(name)
		if st, err := o.root.Lstat(name); err == nil && !st.IsDir() {
			if err := o.root.Remove(name); err != nil {
				errs = append(errs, err)
			}
			removed = append(removed, filepath.ToSlash(name))
		}
	}
	o.removeEmptyDirs(dirs, removed)
	if err := o.writeManifest(o.prev.edit(o.settled(names, dropped, dirs))); err != nil {
		errs = append(errs, err)
	}
	if err := os.RemoveAll(o.staging); err != nil {
		errs = append(errs, err)
	}
	o.root.Close()
	return errors.Join(errs...)
}

// moving returns what edit makes the manifest of while the files names
// move in from: the changes to the last build's, and the whole. It lists
// both builds' files, so that a build killed meanwhile leaves nothing the
// next would refuse to replace, and none of names with a sum, so that it
// leaves nothing the next takes as up to date.
func (o *Folder) moving(names []string, dirs map[string]bool) (map[string]string, func() manifest) {
	changes := o.dirChanges(dirs)
	for _, name := range names {
		changes[name] = name
	}
	return changes, func() manifest {
		m := newManifest(len(o.prev.files) + len(o.added))
		m.dirs = dirs
		o.each(func(name string, st *state, prev *entry) {
			switch {
			case st.written && !st.same:
				m.add(name, sum{}, false)
			case prev != nil:
				m.add(name, prev.sum, prev.hasSum)
			}
		})
		return m
	}
}

// settled returns what edit makes the manifest of the new site from,
// once names moved in and dropped went: the changes to the last build's,
// and the whole.
func (o *Folder) settled(names, dropped []string, dirs map[string]bool) (map[string]string, func() manifest) {
	changes := o.dirChanges(dirs)
	for _, name := range names {
		changes[name] = name + "\t" + o.state(name, false).sum.String()
	}
	for _, name := range dropped {
		changes[name] = ""
	}
	return changes, func() manifest {
		m := newManifest(len(o.cur) + len(o.added))
		m.dirs = dirs
		o.each(func(name string, st *state, _ *entry) {
			if st.written {
				m.add(name, st.sum, st.summed)
			}
		})
		return m
	}
}

// checkConflicts returns a *ConflictError naming every file of names that
// dest holds although the last build did not write it, and every folder
// on the way to one that is a file or a symlink, which the build would
// have to replace or write through.
//
// Without conflicts, it returns the files of the last build that are
// files of this one under a name in other case: on a case-insensitive
// file system, the stale Foo/index.html is the new foo/index.html, and
// must not be removed as stale.
func (o *Folder) checkConflicts(names []string) (kept map[string]bool, err error) {
	kept = make(map[string]bool)
	var conflicts []string
	// absent says of each folder on the way to a name whether dest lacks
	// it as a folder; nothing below such a folder can be in the way, so a
	// build into a new or emptied dest looks up a few folders, not every
	// file.
	absent := make(map[string]bool)
	var lacks func(dir string) bool
	lacks = func(dir string) bool {
		if dir == "." {
			return false
		}
		if a, ok := absent[dir]; ok {
			return a
		}
		a := lacks(path.Dir(dir))
		if !a {
			st, err := os.Lstat(filepath.Join(o.dest, filepath.FromSlash(dir)))
			if err == nil && !st.IsDir() && !o.prev.has(dir) {
				conflicts = append(conflicts, dir)
			}
			a = err != nil || !st.IsDir()
		}
		absent[dir] = a
		return a
	}
	for _, name := range names {
		if lacks(path.Dir(name)) {
			continue
		}
		st, err := os.Lstat(filepath.Join(o.dest, filepath.FromSlash(name)))
		switch {
		case err != nil || o.prev.has(name) && !st.IsDir():
		case st.IsDir():
			conflicts = append(conflicts, name)
		default:
			if old := o.prevSpelling(name, st); old != "" {
				kept[old] = true
			} else {
				conflicts = append(conflicts, name)
			}
		}
	}
	if len(conflicts) == 0 {
		return kept, nil
	}
	slices.Sort(conflicts)
	return nil, &ConflictError{Dest: o.dest, Files: slices.Compact(conflicts), NoManifest: !o.prev.found}
}

// prevSpelling returns the name under which the last build wrote the
// file st of dest, which the new build names name: the same name in other
// case, on a file system that ignores case. It returns "" when there is
// none.
func (o *Folder) prevSpelling(name string, st fs.FileInfo) string {
	for _, f := range o.prev.files {
		prev := f.name
		if prev == name || fold(prev) != fold(name) {
			continue
		}
		if pst, err := os.Lstat(filepath.Join(o.dest, filepath.FromSlash(prev))); err == nil && os.SameFile(st, pst) {
			return prev
		}
	}
	return ""
}

// createDirs makes the folders the new files go in, adding those it
// makes to dirs. A file of the last build standing where a folder must go
// is removed.
func (o *Folder) createDirs(names []string, dirs map[string]bool) error {
	for _, name := range names {
		var missing []string
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			st, err := o.root.Lstat(filepath.FromSlash(dir))
			if err == nil && st.IsDir() {
				break
			}
			if err == nil && o.prev.has(dir) {
				if err := o.root.Remove(filepath.FromSlash(dir)); err != nil {
					return err
				}
			}
			missing = append(missing, dir)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			if err := os.Mkdir(filepath.Join(o.dest, filepath.FromSlash(missing[i])), 0o755); err != nil {
				return err
			}
			dirs[missing[i]] = true
		}
	}
	return nil
}

// freshRoots returns the top-most folders of names that dest does not
// have: nothing in them can be anyone else's.
func (o *Folder) freshRoots(names []string) map[string]bool {
	fresh := make(map[string]bool)
	known := make(map[string]bool) // folders dest has
	for _, name := range names {
		parts := strings.Split(name, "/")
		for i := 1; i < len(parts); i++ {
			d := strings.Join(parts[:i], "/")
			if fresh[d] {
				break
			}
			if known[d] {
				continue
			}
			if _, err := os.Lstat(filepath.Join(o.dest, filepath.FromSlash(d))); errors.Is(err, fs.ErrNotExist) {
				fresh[d] = true
				break
			}
			known[d] = true
		}
	}
	return fresh
}

// freshRoot returns the folder of fresh that name is in, or "".
func freshRoot(name string, fresh map[string]bool) string {
	if len(fresh) == 0 {
		return ""
	}
	for i := 0; i < len(name); i++ {
		if name[i] == '/' && fresh[name[:i]] {
			return name[:i]
		}
	}
	return ""
}

// removeEmptyDirs removes the folders kettudocs made that removing the
// stale files removed left empty, deepest first, and forgets those that
// are gone. Only the folders of removed files can have become empty.
func (o *Folder) removeEmptyDirs(dirs map[string]bool, removed []string) {
	var list []string
	seen := make(map[string]bool)
	for _, name := range removed {
		for d := path.Dir(name); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			if dirs[d] {
				list = append(list, d)
			}
		}
	}
	slices.SortFunc(list, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range list {
		name := filepath.FromSlash(d)
		st, err := o.root.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			delete(dirs, d)
			continue
		}
		// Remove fails on a folder that is not empty, and root never
		// removes one outside dest; a link put in the folder's place is
		// someone else's.
		if err == nil && st.IsDir() && o.root.Remove(name) == nil {
			delete(dirs, d)
		}
	}
}

// writeManifest replaces the manifest in one rename, with what write
// writes: a big site's manifest is MB, written as it is made.
func (o *Folder) writeManifest(write func(io.Writer) error) error {
	tmp := filepath.Join(o.staging, ManifestName)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	if err := sysfile.WriteThrough(f, h, write); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(o.dest, ManifestName)); err != nil {
		return err
	}
	o.left = [32]byte(h.Sum(nil))
	return nil
}

// ManifestSum returns the hash of the manifest a Commit that returned nil
// left in dest, for Intact to know the output of this build later.
func (o *Folder) ManifestSum() [32]byte { return o.left }

// dirChanges returns the lines edit changes in the last build's manifest
// for it to list the folders dirs.
func (o *Folder) dirChanges(dirs map[string]bool) map[string]string {
	changes := make(map[string]string)
	for d := range dirs {
		if !o.prev.dirs[d] {
			changes[d+"/"] = d + "/"
		}
	}
	for d := range o.prev.dirs {
		if !dirs[d] {
			changes[d+"/"] = ""
		}
	}
	return changes
}

// edit returns what writes the file of m with the lines of changes: a
// key each (a file's name, or a folder's and "/") with the line that
// replaces or adds its line, or "" for a line to remove. It is made from
// the file as read: a commit that moves a few files changes a few lines,
// and sorting and writing all of a big site's, twice a commit, was a
// fifth of a one-page rebuild. A file that bytes did not write (edited
// by hand) is made anew, from whole.
func (m manifest) edit(changes map[string]string, whole func() manifest) func(io.Writer) error {
	return func(w io.Writer) error {
		if !m.clean {
			_, err := w.Write(whole().bytes())
			return err
		}
		return splice(w, m.raw, changes)
	}
}

// splice writes the manifest file raw, clean (see eachLine), with
// changes made (see edit), a line at a time.
func splice(w io.Writer, raw []byte, changes map[string]string) error {
	keys := slices.Sorted(maps.Keys(changes))
	add := func(line string) error {
		if line == "" {
			return nil
		}
		_, err := io.WriteString(w, line+"\n")
		return err
	}
	for len(raw) > 0 {
		n := bytes.IndexByte(raw, '\n') + 1
		line := raw[:n]
		key, _, _ := bytes.Cut(line[:n-1], []byte{'\t'})
		for len(keys) > 0 && keys[0] < string(key) {
			if err := add(changes[keys[0]]); err != nil {
				return err
			}
			keys = keys[1:]
		}
		var err error
		if len(keys) > 0 && keys[0] == string(key) {
			err = add(changes[keys[0]])
			keys = keys[1:]
		} else {
			_, err = w.Write(line)
		}
		if err != nil {
			return err
		}
		raw = raw[n:]
	}
	for _, k := range keys {
		if err := add(changes[k]); err != nil {
			return err
		}
	}
	return nil
}

// bytes returns the manifest file's contents: its names sorted, a line
// each, with their sums.
func (m manifest) bytes() []byte {
	// Sorted by name, which is sorting the lines: a tab sorts before
	// any character a name may have. Written into one buffer of about
	// the right size, not a string a line: a big site's manifest has a
	// few hundred thousand.
	keys := make([]string, 0, len(m.files)+len(m.dirs))
	size := 0
	for _, f := range m.files {
		keys = append(keys, f.name)
		size += len(f.name) + 72
	}
	for d := range m.dirs {
		keys = append(keys, d+"/")
		size += len(d) + 2
	}
	slices.Sort(keys)
	buf := make([]byte, 0, size)
	for _, k := range keys {
		buf = append(buf, k...)
		if f, ok := m.lookup(k); ok && f.hasSum && !strings.HasSuffix(k, "/") {
			buf = f.sum.append(append(buf, '\t'))
		}
		buf = append(buf, '\n')
	}
	return buf
}

// Keep takes files of the last build into the new one without their
// bytes: for a caller that knows what they would hold, by the hash Sum
// gave of them then, and need not make them to find out. It keeps all of
// them, or, when one is not in dest as the last build left it with that
// hash (other bytes, changed since, removed, or not in the manifest),
// none, and reports false: make and Write them. It is safe for
// concurrent use.
func (o *Folder) Keep(files map[string][16]byte) bool {
	at := make([]int32, 0, len(files)) // in prev.files
	for name := range files {
		i, ok := o.prev.index[name]
		if !ok {
			return false
		}
		at = append(at, i)
	}
	ok := all(len(at), func(i int) bool {
		prev := o.prev.files[at[i]]
		return prev.hasSum && prev.sum.hash == files[prev.name] && fs.ValidPath(prev.name) && o.unchanged(prev.name, prev.sum)
	})
	if !ok {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, i := range at {
		if o.cur[i].written {
			return false // Write took it meanwhile: a caller's bug, which Write reports
		}
	}
	for _, i := range at {
		o.cur[i] = state{sum: o.prev.files[i].sum, written: true, same: true, summed: true}
	}
	return true
}

// all reports whether f holds for every number below n, stopping at the
// first for which it does not. Each call is a system call or so: many,
// such as those of a search index's files or of a whole site, are made
// on a few goroutines, which is most of the time of a rebuild that
// changes nothing; a page's few on the caller's, where a goroutine would
// cost more than it saves.
func all(n int, f func(i int) bool) bool {
	workers := min(8, 1+n/256)
	if workers == 1 {
		for i := range n {
			if !f(i) {
				return false
			}
		}
		return true
	}
	var bad atomic.Bool
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n && !bad.Load(); i += workers {
				if !f(i) {
					bad.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !bad.Load()
}

// unchanged reports whether the slash path name in dest is a regular
// file with the size and time the last build left it with. Not through
// root, unlike what removes files: it only reads, and a lookup through
// root costs a system call a folder on the way, which for the ten
// thousands of files a rebuild of a big site leaves alone were most of
// its time.
func (o *Folder) unchanged(name string, prev sum) bool { return unchangedIn(o.dest, name, prev) }

// unchangedIn is Folder.unchanged for the output folder dest.
func unchangedIn(dest, name string, prev sum) bool {
	st, err := sysfile.Lstat(filepath.Join(dest, filepath.FromSlash(name)))
	return err == nil && st.Regular && st.Size == prev.size && st.MTime == prev.mtime
}

// Intact returns the files of dest, sorted, when dest holds what the
// build whose Commit left a manifest with the hash manifest (ManifestSum)
// left there: its manifest has those bytes still, every file it lists
// has the size and modification time it gives, and no stopped build left
// anything to remove. A caller that knows it would build the same files
// again has nothing to do: Intact writes nothing.
func Intact(dest string, manifest [32]byte) ([]string, bool) {
	dest = filepath.Clean(dest)
	data, err := os.ReadFile(filepath.Join(dest, ManifestName))
	if err != nil || sha256.Sum256(data) != manifest || len(leftovers(dest)) > 0 {
		return nil, false
	}
	var names []string
	var sums []sum
	ok := true
	eachLine(data, func(name string, dir bool, s sum, hasSum bool) {
		if !dir {
			names, sums = append(names, name), append(sums, s)
			ok = ok && hasSum // a file the last build was moving in, or a manifest of before sums
		}
	})
	if !ok {
		return nil, false
	}
	if !all(len(names), func(i int) bool { return unchangedIn(dest, names[i], sums[i]) }) {
		return nil, false
	}
	return names, true // sorted: the manifest is (see bytes)
}

// Sum returns the hash of the file name of the new site, written or kept,
// for Keep to take it into a later build.
func (o *Folder) Sum(name string) ([16]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	st := o.state(name, false)
	if st == nil || !st.summed {
		return [16]byte{}, false
	}
	return st.sum.hash, true
}
