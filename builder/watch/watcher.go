package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
	"github.com/kettu/kettudocs/builder/sitefs"
)

// Watcher reports changes below a root folder. fsnotify watches single
// folders, so Watcher adds every folder below the root at the start,
// linked folders too, and each new folder as it appears.
type Watcher struct {
	fw     *fsnotify.Watcher
	root   string
	skip   func(rel string) bool
	events chan Event
	errors chan error
	quit   chan struct{} // closed by Close, so run never blocks on a reader that left
	done   chan struct{} // closed when run has returned
	close  sync.Once
	err    error // from closing fw

	mu     sync.Mutex
	extras map[string]extra // folders watched besides root, by key (see Extra)
}

// extra is a folder watched besides the root, and which of its files are
// reported.
type extra struct {
	dir  string
	keep func(name string) bool
}

// New starts watching root and the folders below it. skip, when not nil,
// is asked about every file and folder below root, by its slash path
// relative to root ("content/guide"): skipped folders are not watched and
// skipped files not reported. Editor temporary files and dotfiles are
// always ignored; see Ignored.
func New(root string, skip func(rel string) bool) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if skip == nil {
		skip = func(string) bool { return false }
	}
	w := &Watcher{
		fw:     fw,
		root:   filepath.Clean(root),
		skip:   skip,
		events: make(chan Event),
		errors: make(chan error),
		quit:   make(chan struct{}),
		done:   make(chan struct{}),
		extras: make(map[string]extra),
	}
	if err := w.addTree(w.root); err != nil {
		fw.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// Extra watches one folder besides the root for key, such as the folder
// of a file the site is built from that lives elsewhere, or the git log of
// the repository: dir itself, not the folders below it, reporting the
// changes of the files in it whose names keep accepts. A second call with
// the same key replaces its folder; "" watches none for it.
func (w *Watcher) Extra(key, dir string, keep func(name string) bool) error {
	if dir != "" {
		dir = filepath.Clean(dir)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	old := w.extras[key]
	if old.dir == dir {
		if dir != "" {
			w.extras[key] = extra{dir, keep}
		}
		return nil
	}
	delete(w.extras, key)
	if old.dir != "" && !w.inRoot(old.dir) && !w.watchedExtra(old.dir) {
		w.fw.Remove(old.dir) // gone already, maybe: nothing to undo
	}
	if dir == "" {
		return nil
	}
	// A folder below the root that the root's watching skips is added
	// again by fsnotify harmlessly; one it watches already is too.
	if err := w.fw.Add(dir); err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	w.extras[key] = extra{dir, keep}
	return nil
}

// watchedExtra reports whether dir is the folder of an extra, with w.mu
// held.
func (w *Watcher) watchedExtra(dir string) bool {
	for _, e := range w.extras {
		if e.dir == dir {
			return true
		}
	}
	return false
}

// inRoot reports whether dir is a folder the root's watching covers.
func (w *Watcher) inRoot(dir string) bool {
	rel, err := filepath.Rel(w.root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	return rel == "." || !w.skip(filepath.ToSlash(rel))
}

// extraFile reports whether name is a file of the extra folder to report.
func (w *Watcher) extraFile(name string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	dir, base := filepath.Dir(name), filepath.Base(name)
	for _, e := range w.extras {
		if e.dir == dir && e.keep(base) {
			return true
		}
	}
	return false
}

// Events returns the channel of changes. It is closed after Close.
func (w *Watcher) Events() <-chan Event { return w.events }

// Errors returns the channel of errors, such as a lost event queue or a new
// folder that could not be watched. Like Events it must be read; it is
// closed after Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching and closes the channels. Closing twice is harmless.
func (w *Watcher) Close() error {
	w.close.Do(func() {
		close(w.quit)
		w.err = w.fw.Close()
		<-w.done
	})
	return w.err
}

func (w *Watcher) run() {
	defer close(w.done)
	defer close(w.errors)
	defer close(w.events)
	errs := make(chan error)
	go w.pumpErrors(errs)
	for {
		select {
		case e, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.handle(e) {
				return
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			if !w.sendError(err) {
				return
			}
		}
	}
}

// pumpErrors takes fsnotify's errors as they come, whatever run is doing,
// and hands them to out in order. fsnotify sends some errors while it
// holds the lock its Add and Remove take: run, busy in an Add or a Remove
// while an error waited for it, would wait for that lock forever.
func (w *Watcher) pumpErrors(out chan<- error) {
	defer close(out)
	var queue []error
	in := w.fw.Errors
	for in != nil || len(queue) > 0 {
		var send chan<- error
		var first error
		if len(queue) > 0 {
			send, first = out, queue[0]
		}
		select {
		case err, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			queue = append(queue, err)
		case send <- first:
			queue = queue[1:]
		case <-w.quit:
			return
		}
	}
}

// handle reports e unless it is ignored, first watching a new folder so
// that nothing created inside it later is missed. It reports false once
// the watcher is closing.
func (w *Watcher) handle(e fsnotify.Event) bool {
	if w.extraFile(e.Name) && !Ignored(filepath.Base(e.Name)) && e.Op != fsnotify.Chmod {
		return w.send(e)
	}
	rel, err := filepath.Rel(w.root, e.Name)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || Ignored(filepath.Base(e.Name)) || w.skip(filepath.ToSlash(rel)) {
		return true
	}
	// A bare chmod changes no content; some tools (indexers, backup
	// agents) touch modes all the time.
	if e.Op == fsnotify.Chmod {
		return true
	}
	if e.Has(fsnotify.Rename) || e.Has(fsnotify.Remove) {
		w.unwatch(e.Name)
	}
	if e.Has(fsnotify.Create) {
		if err := w.addTree(e.Name); err != nil && !w.sendError(err) {
			return false
		}
	}
	return w.send(e)
}

// unwatch stops watching the folder p, gone or moved away, and the
// folders below it. inotify follows a moved folder, but fsnotify keeps
// its watch under the old path: watched again under its new one, the
// folder would report its files under the old path, and lose its watch
// altogether when fsnotify sees the folder's own move event. Removed
// first, the folder is watched afresh when its new name is created
// (the kernel reports the move from the old name before the move to the
// new one).
func (w *Watcher) unwatch(p string) {
	prefix := p + string(filepath.Separator)
	for _, q := range w.fw.WatchList() {
		if q == p || strings.HasPrefix(q, prefix) {
			w.fw.Remove(q) // gone already, maybe: nothing to undo
		}
	}
}

// send reports e, or false once the watcher is closing.
func (w *Watcher) send(e fsnotify.Event) bool {
	select {
	case w.events <- Event{Path: e.Name, Op: e.Op}:
		return true
	case <-w.quit:
		return false
	}
}

func (w *Watcher) sendError(err error) bool {
	select {
	case w.errors <- err:
		return true
	case <-w.quit:
		return false
	}
}

// addTree watches dir and every folder below it that is not skipped,
// following symbolic links to folders, as the build does: a site may link
// a folder of its own or of another repository into its content. Events
// in a linked folder come under the link's path, the one the site knows
// the files by. A path that is not a folder, or that vanished in the
// meantime, is left alone: editors create and delete files in quick
// succession.
func (w *Watcher) addTree(dir string) error {
	if err := w.addDir(dir, make(map[string]bool)); err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	return nil
}

// addDir is addTree below one folder, p; seen holds the real paths of
// the folders watched so far, so that a link that loops back to a folder
// it is in ends the walk. (A folder reached by two paths is watched by
// the first: inotify watches a folder once.)
func (w *Watcher) addDir(p string, seen map[string]bool) error {
	st, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // gone, or a broken link
	case err != nil:
		return err
	case !st.IsDir():
		return nil
	}
	if p != w.root {
		rel, err := filepath.Rel(w.root, p)
		if err != nil {
			return err
		}
		if Ignored(filepath.Base(p)) || w.skip(filepath.ToSlash(rel)) {
			return nil
		}
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil || seen[real] {
		return nil
	}
	seen[real] = true
	if err := w.fw.Add(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			if err := w.addDir(filepath.Join(p, e.Name()), seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// Ignored reports whether a file or folder named name is of no interest:
// sitefs.Ignored, the rule the build follows too, so that the preview and
// the build agree on what a site is made of.
func Ignored(name string) bool { return sitefs.Ignored(name) }
