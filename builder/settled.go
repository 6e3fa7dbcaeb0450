package builder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/output"
)

// The build most often run changes nothing: a writer builds again to
// check, a CI job with a kept output folder rebuilds a branch whose docs
// did not change. Even from the cache, such a build read every page's
// record and put the site together again to find that out: on a big
// site, most of its time. So the cache also keeps, in the file
// "settled", what the last Build that succeeded started from and left:
// the name, size and modification time of every content file and the
// pages' dates (survey.inputs), and the hash of the manifest it left in
// the output folder. A Build that finds the same, under the same cache
// key, in an output folder that holds just what that manifest lists, as
// it was left, would write every file as it is: it reads no record,
// writes nothing, and returns that build's result. Whatever else, it
// builds as before, from the walk and stamps it took.
//
// What settled says holds for good once written: those inputs made that
// output. A build that fails, or one of another output folder, leaves a
// settled that no longer matches, never a wrong one.

// settledFormat starts the settled file; a change of what it holds must
// change it.
const settledFormat = "kettudocs settled 1\n"

// settled is the body of the settled file.
type settled struct {
	Inputs   [32]byte // survey.inputs of the build
	Dest     string   // its output folder, absolute
	Manifest [32]byte // the hash of the manifest it left there (output.Folder.ManifestSum)
	// What its Result said.
	Pages, Cached int
	Warnings      diag.List
}

// A survey is the content's files as a build finds them before it reads
// any: the site with their names (see walk), and each file's stamp.
type survey struct {
	s               *site
	mdFiles, others []string
	problems        diag.List
	// inputs is the hash of the names and stamps of the files, to which
	// upToDate adds the pages' dates: zero when a file changed too
	// recently for its stamp to tell a later change, or could not be
	// looked at.
	inputs [32]byte
}

// prepared is what a Build takes before it loads the site.
type prepared struct {
	key    [32]byte
	keyErr error
	sv     *survey
	// warning says why the settled file was not read.
	warning error
}

// upToDate takes what a build needs before it reads any page: the
// cache's key, the survey of the content, and the pages' dates. When the
// cache's settled says the last build started from the same and Dest
// still holds what it left, it returns that build's result.
func (b *Builder) upToDate(ctx context.Context, start time.Time) (*prepared, *Result, error) {
	pre := &prepared{}
	// The key reads the theme and the executable, the dates run git:
	// neither needs the walk.
	var g errgroup.Group
	g.Go(func() error {
		pre.key, pre.keyErr = b.cacheKey()
		return nil
	})
	var updated map[string]time.Time
	g.Go(func() error {
		updated = b.updatedDates(ctx)
		return nil
	})
	sv, err := b.survey(ctx)
	g.Wait()
	if err != nil {
		return nil, nil, err
	}
	sv.s.updated, sv.s.dated = updated, true
	pre.sv = sv
	if sv.inputs == ([32]byte{}) || pre.keyErr != nil {
		return pre, nil, nil
	}
	k := newKeyHash(sv.inputs)
	for _, name := range slices.Sorted(maps.Keys(updated)) {
		k.str(name)
		k.int(updated[name].UnixNano())
	}
	sv.inputs = k.sum()
	dest, err := filepath.Abs(b.cfg.Dest)
	if err != nil {
		return pre, nil, nil
	}
	last, err := readSettled(b.cfg.Cache, pre.key)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && err != errOtherKey {
			pre.warning = fmt.Errorf("build cache %s: settled not used: %w", b.cfg.Cache, err)
		}
		return pre, nil, nil
	}
	if last.Inputs != sv.inputs || last.Dest != dest {
		return pre, nil, nil
	}
	files, ok := output.Intact(dest, last.Manifest)
	if !ok {
		return pre, nil, nil
	}
	return pre, &Result{
		Pages: last.Pages, Files: len(files), Written: files, Unchanged: len(files),
		Warnings: last.Warnings, Cached: last.Cached, UpToDate: true,
		Duration: time.Since(start),
	}, nil
}

// survey walks the content, as load does, and takes every file's stamp,
// on a few goroutines: a system call a file.
func (b *Builder) survey(ctx context.Context) (*survey, error) {
	sv := &survey{s: newSite()}
	var err error
	if sv.mdFiles, sv.others, sv.problems, err = b.walk(sv.s, "."); err != nil {
		return nil, err
	}
	names := slices.Concat(sv.mdFiles, sv.others)
	stamps := make([]stamp, len(names))
	g, gctx := errgroup.WithContext(ctx)
	forEach(gctx, g, len(names), func(i int) error {
		stamps[i] = stampOf(b.cfg.Content, names[i])
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sv.s.stamps = make(map[string]stamp, len(names))
	k := newKeyHash([32]byte{})
	tell := true
	for i, name := range names {
		st := stamps[i]
		sv.s.stamps[name] = st
		tell = tell && st.tells()
		k.str(name)
		k.int(st.Size)
		k.int(st.MTime)
	}
	if tell {
		sv.inputs = k.sum()
	}
	return sv, nil
}

// readSettled reads the settled file of the cache in dir, made under key.
func readSettled(dir string, key [32]byte) (settled, error) {
	data, err := os.ReadFile(filepath.Join(dir, "settled"))
	if err != nil {
		return settled{}, err
	}
	head := len(settledFormat) + 64
	if len(data) < head || string(data[:len(settledFormat)]) != settledFormat {
		return settled{}, errOtherKey // another kettudocs's, like an index of another format
	}
	if [32]byte(data[len(settledFormat):]) != key {
		return settled{}, errOtherKey
	}
	body := data[head:]
	if sha256.Sum256(body) != [32]byte(data[len(settledFormat)+32:]) {
		return settled{}, errors.New("damaged (checksum)")
	}
	var st settled
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&st); err != nil {
		return settled{}, fmt.Errorf("damaged: %w", err)
	}
	return st, nil
}

// writeSettled replaces the settled file of the cache in dir, made under
// key, with st.
func writeSettled(dir string, key [32]byte, st settled) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(st); err != nil {
		return err
	}
	sum := sha256.Sum256(body.Bytes())
	data := slices.Concat([]byte(settledFormat), key[:], sum[:], body.Bytes())
	return writeAtomic(dir, "settled", data)
}
