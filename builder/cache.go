package builder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/frontmatter"
	"github.com/kettu/kettudocs/builder/internal/sysfile"
	"github.com/kettu/kettudocs/builder/nav"
	"github.com/kettu/kettudocs/builder/output"
	"github.com/kettu/kettudocs/builder/search"
)

// The build cache keeps, from one build to the next, what the first pass
// makes of each page: its metadata (title, headings, ids, links,
// problems), its rendered content and Markdown, and its search extract.
// A page whose source has the bytes it had, on a site whose names its
// links looked up still say the same, comes from the cache instead of
// being parsed. Everything else a page depends on (the kettudocs binary,
// the configuration, the theme and layouts, the codes) is in the cache's
// key: a cache of another key is not read.
//
// A cache folder holds "index", which names the other files, the
// "records-*" files, the metadata of every page and where its bytes are
// (each page's record in one of recordShards files, each file named by a
// hash of its content), and "blobs-*" files the bytes are in. A build
// that parses pages writes their bytes into a new blobs file of its own
// and the records files that changed, and only on success renames them
// into place and writes a new index: builds at once, a killed build, or
// a deleted folder leave a cache that is whole or ignored, never wrong.
// Every blob has a checksum, every records file is checked against the
// hash in its name, and the index has one over all of it.

// cacheFormat names the format of the index; a change of it, or of what
// a record means, must change it.
const cacheFormat = "kettudocs build cache 8\n"

// recordShards is how many files the records are kept in: a build that
// changed one page writes the file of that page's record again, not the
// records of all (rewriting them all was a quarter of a one-page rebuild
// at 8,000 pages).
const recordShards = 32

// shardOf returns the shard of the record of the page file.
func shardOf(file string) int {
	h := fnv.New32a()
	io.WriteString(h, file)
	return int(h.Sum32() % recordShards)
}

// maxBlobFiles is how many blobs files a cache may grow to before a
// build copies the blobs still in use into its own file and drops the
// others.
const maxBlobFiles = 8

// cache is the build cache of one build: what the last build left, and
// what this one makes for the next.
type cache struct {
	dir   string
	key   [32]byte
	last  cacheIndex         // as read; empty when there was none or it was ignored
	byRec map[string]*record // last.records by source name
	files []*scratch         // open blobs files of last.Blobs
	// Ignored tells why the cache folder's contents were not used; the
	// build goes on without them.
	ignored error

	mu     sync.Mutex
	damage error // the first damaged blob found; its page was parsed instead

	// The last search index's state, read and decoded once the first
	// page is parsed (see readState).
	stateOnce  sync.Once
	stateDone  chan struct{}
	state      *search.State
	stateErr   error
	unmapState func() error // releases the bytes of state, which close calls
}

// damaged notes err, a blob that does not read back as written, whose
// page the build parses again.
func (c *cache) damaged(p *page, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p.damaged = true
	if c.damage == nil {
		c.damage = err
	}
}

// cacheIndex is the index file's body.
type cacheIndex struct {
	Blobs       []string            // names of the blobs files, which records number
	Search      [32]byte            // searchKey of the search files
	SearchFiles map[string][16]byte // the search files that key made, with their hashes (output.Folder.Sum)
	// SearchState names the file of the search index's state (see
	// search.State), "search-" and the hash of its content, from which a
	// build that changed a few pages makes its index; "" for none.
	SearchState string
	// Shards names the files of the records, recordShards of them, each
	// named by the hash of its content ("records-…"), which read checks.
	Shards []string
	Files  map[string]copied // the content's other files, by name
	// Listings are the listing pages' keys and hashes, by URL, and those
	// of the extra files kept the same way (llms.txt), by name.
	Listings map[string]listed
	// Products is the key of the output's files and where each comes
	// from, when no two collide (see collisions).
	Products [32]byte

	// The records, as read from the shards: by shard, and all of them.
	// They are not in the index file itself.
	shards  [][]*record
	records []*record
	// size is the largest shard file's size: what encoding a shard
	// again, into memory of that size, should need.
	size int
}

// listed is what the cache keeps of a listing page: the key of what it
// shows (listingKey) and the hash of its HTML (output.Folder.Sum).
type listed struct {
	Key  [32]byte
	HTML [16]byte
}

// copied is what the cache keeps of a file of the content copied as it
// is: its stamp when read, and the hash of what was written.
type copied struct {
	Stamp stamp
	Hash  [16]byte
}

// keepFile reports whether the content's file name, copied as it is,
// is in out as the last build copied it, and keeps it there if so: its
// stamp says it has not changed since. It returns the file's stamp.
func (c *cache) keepFile(s *site, fsys fs.FS, name string, out *output.Folder) (stamp, bool) {
	cur := s.stampOf(fsys, name)
	r, ok := c.last.Files[name]
	if !ok || !r.Stamp.holds(cur) {
		return cur, false
	}
	return cur, out.Keep(map[string][16]byte{name: r.Hash})
}

// record is what the cache keeps of one page.
type record struct {
	File  string
	Src   [32]byte // sha256 of the source
	Stamp stamp    // the source file's when Src was taken
	Deps  []string // names the page's links looked up (page.deps)
	Sig   []byte   // what each lookup found (site.lookup)
	Draft bool     // left out: nothing rendered

	URL      string
	Index    bool
	Meta     frontmatter.Meta
	Params   map[string]any
	Title    string
	HasH1    bool
	TOC      []nav.Heading
	IDs      []string
	Rows     []string
	Weight   int
	Links    []pageLink
	Summary  string
	Aliases  []string
	Diagram  bool
	Layout   string
	OrderAt  diag.Position
	Problems diag.List

	Content, Markdown, Search blob
	// Render is the renderKey of the page's HTML and Markdown, the
	// hashes of which are HTML and MD (output.Folder.Sum): an output
	// folder that has those files with those hashes has them as this
	// page would make them again.
	Render   [32]byte
	HTML, MD [16]byte
	// View is the renderKey of the same files with the page's viewKey
	// for the site's key: when the site changed but not what the page
	// shows of it, the files are kept all the same.
	View [32]byte
}

// blob is where a record's bytes are: file numbers cacheIndex.Blobs.
type blob struct {
	File   int
	Off, N int64
	Sum    uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// openCache reads the cache in dir for a build of key. A cache that
// cannot be read, or is of another key, is ignored: c.ignored says why,
// unless there was none.
func openCache(dir string, key [32]byte) *cache {
	c := &cache{dir: dir, key: key, byRec: map[string]*record{}}
	err := c.read()
	if err != nil {
		for _, f := range c.files {
			f.close()
		}
		c.last, c.files, c.byRec = cacheIndex{}, nil, map[string]*record{}
		// A changed configuration, theme or spec is the usual reason to
		// start afresh, not something to warn about.
		if !errors.Is(err, fs.ErrNotExist) && err != errOtherKey {
			c.ignored = err
		}
	}
	return c
}

var errOtherKey = errors.New("made by another kettudocs, configuration, theme or codes spec")

func (c *cache) read() error {
	data, err := os.ReadFile(filepath.Join(c.dir, "index"))
	if err != nil {
		return err
	}
	head := len(cacheFormat) + 64
	if len(data) < head || string(data[:len(cacheFormat)]) != cacheFormat {
		if line, _, ok := bytes.Cut(data, []byte("\n")); ok && bytes.HasPrefix(line, []byte("kettudocs build cache ")) && string(line)+"\n" != cacheFormat {
			return errOtherKey // an older or newer kettudocs's: expected after an upgrade
		}
		return errors.New("not a kettudocs build cache")
	}
	if [32]byte(data[len(cacheFormat):]) != c.key {
		return errOtherKey
	}
	body := data[head:]
	if sha256.Sum256(body) != [32]byte(data[len(cacheFormat)+32:]) {
		return errors.New("index is damaged (checksum)")
	}
	if c.last, err = decodeIndex(body); err != nil {
		return fmt.Errorf("index is damaged: %w", err)
	}
	if err := c.readShards(); err != nil {
		return err
	}
	for _, name := range c.last.Blobs {
		if !strings.HasPrefix(name, "blobs-") || strings.ContainsAny(name, `/\`) {
			return fmt.Errorf("index names a blobs file %q", name)
		}
		f, err := os.Open(filepath.Join(c.dir, name))
		if err != nil {
			return fmt.Errorf("blobs file: %w", err)
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		s := &scratch{f: f}
		s.size.Store(st.Size())
		c.files = append(c.files, s)
	}
	for _, r := range c.last.records {
		for _, b := range []blob{r.Content, r.Markdown, r.Search} {
			if b.N == 0 {
				continue
			}
			if b.File < 0 || b.File >= len(c.files) || b.Off < 0 || b.N < 0 || b.Off+b.N > c.files[b.File].size.Load() {
				return fmt.Errorf("record of %s points outside its blobs file", r.File)
			}
		}
		c.byRec[r.File] = r
	}
	return nil
}

// readShards reads the records of the shards the index names, checking
// each file against the hash in its name.
func (c *cache) readShards() error {
	if len(c.last.Shards) != recordShards {
		return fmt.Errorf("index names %d record files, want %d", len(c.last.Shards), recordShards)
	}
	c.last.shards = make([][]*record, recordShards)
	// Read and decoded side by side: decoding is most of a rebuild that
	// changed nothing.
	var g errgroup.Group
	var mu sync.Mutex
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range c.last.Shards {
		g.Go(func() error {
			data, err := c.readNamed("records-", name)
			if err != nil {
				return err
			}
			recs, err := decodeRecords(data)
			if err != nil {
				return fmt.Errorf("%s is damaged: %w", name, err)
			}
			for _, r := range recs {
				if r == nil || shardOf(r.File) != i {
					return fmt.Errorf("%s holds a record of another file", name)
				}
			}
			c.last.shards[i] = recs
			mu.Lock()
			c.last.size = max(c.last.size, len(data))
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for _, recs := range c.last.shards {
		c.last.records = append(c.last.records, recs...)
	}
	return nil
}

// readNamed reads the file name of the cache, named prefix and the hash
// of its content (cacheSum), and checks it against that hash.
func (c *cache) readNamed(prefix, name string) ([]byte, error) {
	data, _, err := c.loadNamed(prefix, name, func(path string) ([]byte, func() error, error) {
		data, err := os.ReadFile(path)
		return data, func() error { return nil }, err
	})
	return data, err
}

// loadNamed is readNamed with read, which returns the bytes of a file
// and what releases them, for a file mapped rather than read.
func (c *cache) loadNamed(prefix, name string, read func(string) ([]byte, func() error, error)) ([]byte, func() error, error) {
	sum, ok := strings.CutPrefix(name, prefix)
	if !ok || strings.ContainsAny(name, `/\`) {
		return nil, nil, fmt.Errorf("index names a file %q where it should name a %s file", name, prefix)
	}
	data, release, err := read(filepath.Join(c.dir, name))
	if err != nil {
		return nil, nil, err
	}
	if cacheSum(xxhash.Sum64(data)) != sum {
		release()
		return nil, nil, fmt.Errorf("%s is damaged (checksum)", name)
	}
	return data, release, nil
}

// cacheSum is the hash of a cache file's content in its name: 64 bits of
// xxHash, which tell a damaged or another file as well as SHA-256 did,
// here where nothing is secret and whoever can write the file can write
// the index that names it, at a tenth of the time: hashing the records
// and search state read and written was a tenth of a one-page rebuild.
func cacheSum(h uint64) string { return fmt.Sprintf("%016x", h) }

// writeNamed writes what write writes to the cache under prefix and the
// hash of its content, unless the file is the last build's, and returns
// its name. It writes as write goes, without the whole in memory, to a
// temporary file that a rename names once it is whole.
func (c *cache) writeNamed(prefix string, last []string, write func(io.Writer) error) (string, error) {
	h := xxhash.New()
	tmp, err := writeTemp(c.dir, prefix+"*.tmp", h, write)
	if err != nil {
		return "", err
	}
	name := prefix + cacheSum(h.Sum64())
	if slices.Contains(last, name) {
		os.Remove(tmp) // the same bytes are there already
		return name, nil
	}
	return name, renameOrRemove(tmp, filepath.Join(c.dir, name))
}

func (c *cache) close() {
	for _, f := range c.files {
		f.f.Close()
	}
	// The state's lists are in its file, mapped: unmapped once any
	// reading of it is done, and none starts after.
	c.stateOnce.Do(func() {
		c.stateDone = make(chan struct{})
		close(c.stateDone)
		c.stateErr = errors.New("build cache closed")
	})
	<-c.stateDone
	if c.unmapState != nil {
		c.unmapState()
		c.state, c.unmapState = nil, nil
	}
}

// get returns the bytes of b, checked against its checksum.
func (c *cache) get(buf []byte, b blob) ([]byte, error) {
	if b.N == 0 {
		return buf[:0], nil
	}
	data, err := c.files[b.File].get(buf, chunk{b.Off, b.N})
	if err != nil {
		return nil, err
	}
	if crc32.Checksum(data, castagnoli) != b.Sum {
		return nil, fmt.Errorf("build cache %s: %s is damaged (checksum)", c.dir, c.last.Blobs[b.File])
	}
	return data, nil
}

// lookup tells what the names of s say of target, a name a link looked
// up (see site.rewrite): a page's links come out the same as long as
// each lookup does.
func (s *site) lookup(target string) byte {
	dir := strings.TrimSuffix(target, "/")
	md := dir + ".md"
	if dir != "" {
		dir += "/"
	}
	var sig byte
	for i, ok := range [...]bool{s.files[target], s.folders[dir], s.mdFiles[dir+"_index.md"], s.dirs[dir], s.mdFiles[md]} {
		if ok {
			sig |= 1 << i
		}
	}
	return sig
}

func (s *site) lookups(deps []string) []byte {
	sig := make([]byte, len(deps))
	for i, d := range deps {
		sig[i] = s.lookup(d)
	}
	return sig
}

// A stamp is what a file's metadata says of its bytes, as git's index
// keeps it: a file whose size and modification time are those it had
// when its bytes were read has those bytes still, provided it had not
// been changed just before they were read (within the clock's grain,
// a change since would leave the time as it was).
type stamp struct {
	Size, MTime int64 // MTime in Unix nanoseconds
	Read        int64 // when the bytes were read, Unix nanoseconds
}

// stampGrain is how long before its bytes were read a file must have
// last changed for its stamp to tell a later change: more than any file
// system's time stamps are coarse, but for FAT's 2 s.
const stampGrain = int64(time.Second)

// tells reports whether a later change of the file changes the stamp.
func (st stamp) tells() bool { return st.MTime <= st.Read-stampGrain }

// holds reports whether the file whose bytes were read with the stamp st
// has those bytes still, its stamp now being cur (see stamp).
func (st stamp) holds(cur stamp) bool {
	return cur.Read != 0 && st.Size == cur.Size && st.MTime == cur.MTime && st.tells()
}

// stampOf returns the stamp of the file name of fsys as of now, the zero
// stamp when it is no regular file.
func stampOf(fsys fs.FS, name string) stamp {
	now := time.Now().UnixNano()
	st, err := fs.Stat(fsys, name)
	if err != nil || !st.Mode().IsRegular() {
		return stamp{}
	}
	return stamp{Size: st.Size(), MTime: st.ModTime().UnixNano(), Read: now}
}

// stampOf returns the stamp of the content file name: the survey's, when
// the build took one, for each file is looked at once.
func (s *site) stampOf(fsys fs.FS, name string) stamp {
	if st, ok := s.stamps[name]; ok {
		return st
	}
	return stampOf(fsys, name)
}

// untouched returns the page of the source name from the cache without
// reading it, when its stamp is the one its record has; otherwise nil
// and the stamp to keep with the bytes about to be read.
func (c *cache) untouched(s *site, fsys fs.FS, name string) (*page, diag.List, stamp) {
	cur := s.stampOf(fsys, name)
	r := c.byRec[name]
	if r == nil || !r.Stamp.holds(cur) {
		return nil, nil, cur
	}
	p, problems := c.page(s, name, r.Src)
	if p != nil {
		p.stamp = r.Stamp
	}
	return p, problems, cur
}

// page returns the page of the source name, whose bytes have the sum
// src, from the cache, with the problems found when it was parsed; nil
// when the cache has none that holds for s.
func (c *cache) page(s *site, name string, src [32]byte) (*page, diag.List) {
	r := c.byRec[name]
	if r == nil || r.Src != src || !bytes.Equal(s.lookups(r.Deps), r.Sig) {
		return nil, nil
	}
	p := &page{
		file: r.File, url: r.URL, index: r.Index, meta: r.Meta, params: r.Params,
		title: r.Title, hasH1: r.HasH1, toc: r.TOC, weight: r.Weight,
		summary: r.Summary, aliases: r.Aliases, diagram: r.Diagram, layout: r.Layout, orderAt: r.OrderAt,
		deps: r.Deps, rec: r, src256: src, rows: r.Rows,
	}
	p.idList = r.IDs
	// Shared with the record, not copied (a twentieth of a rebuild): no
	// one changes a link, and an append to a slice at its capacity
	// copies it.
	p.links = r.Links[:len(r.Links):len(r.Links)]
	return p, slices.Clone(r.Problems)
}

// newRecord makes the record of p, just loaded, whose content and
// Markdown are in sc and whose search extract is search, also in sc.
// Its problems are those parsing it found.
func newRecord(s *site, p *page, problems diag.List, draft bool) *record {
	r := &record{
		File: p.file, Src: p.src256, Stamp: p.stamp, Deps: p.deps, Sig: s.lookups(p.deps), Draft: draft,
		URL: p.url, Index: p.index, Meta: p.meta, Params: p.params, Title: p.title, HasH1: p.hasH1,
		TOC: p.toc, Weight: p.weight, Summary: p.summary, Aliases: p.aliases, Diagram: p.diagram,
		Layout: p.layout, OrderAt: p.orderAt, Problems: problems, Rows: p.rows,
	}
	for id := range p.ids {
		r.IDs = append(r.IDs, id)
	}
	slices.Sort(r.IDs)
	r.Links = slices.Clone(p.links)
	return r
}

// save writes the cache for the next build: the records of this build's
// pages (recs, fresh ones pointing into sc with File -1), the search
// files and their key, and the state of a search index made anew. The
// blobs of fresh records go into a blobs file of the cache: sc itself
// when it is in the cache folder, else a copy; when the cache has grown
// to too many files, the blobs still in use are copied there too and the
// other files go.
func (c *cache) save(recs []*record, sc *scratch, searchKey [32]byte, searchFiles map[string][16]byte, state *search.State, files map[string]copied, listings map[string]listed, products [32]byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	fresh := false
	for _, r := range recs {
		if r.Content.File < 0 || r.Markdown.File < 0 || r.Search.File < 0 {
			fresh = true
			break
		}
	}
	compact := len(c.files)+1 > maxBlobFiles
	// A compaction keeps the biggest file, the first build's, as it is
	// while most of it is in use, and copies the blobs of the others:
	// copying all, a big site's hundreds of MB, made every eighth
	// rebuild that changed one page cost as much as a first build.
	base := -1
	if compact {
		live := make([]int64, len(c.files))
		for _, r := range recs {
			for _, b := range []blob{r.Content, r.Markdown, r.Search} {
				if b.N > 0 && b.File >= 0 {
					live[b.File] += b.N
				}
			}
		}
		big := 0
		for i, f := range c.files {
			if f.size.Load() > c.files[big].size.Load() {
				big = i
			}
		}
		if 2*live[big] >= c.files[big].size.Load() {
			base = big
		}
	}
	same := func(a, b *record) bool { return a == b }
	unchanged := !fresh && !compact && state == nil && searchKey == c.last.Search && maps.Equal(searchFiles, c.last.SearchFiles) && maps.Equal(files, c.last.Files) && maps.Equal(listings, c.last.Listings) && products == c.last.Products &&
		len(c.last.shards) == recordShards
	if unchanged {
		groups := groupRecords(recs)
		for i := range groups {
			if !slices.EqualFunc(groups[i], c.last.shards[i], same) {
				unchanged = false
				break
			}
		}
	}
	if unchanged {
		return nil
	}
	next := cacheIndex{Search: searchKey, SearchFiles: searchFiles, Files: files, Listings: listings, Products: products}
	switch {
	case state != nil:
		var err error
		next.SearchState, err = c.writeNamed("search-", []string{c.last.SearchState}, func(w io.Writer) error {
			_, err := state.WriteTo(w)
			return err
		})
		if err != nil {
			return err
		}
	case searchKey == c.last.Search:
		next.SearchState = c.last.SearchState
	}
	var out *os.File
	var name string
	// The scratch file, when it is in the cache folder, becomes the new
	// blobs file: the fresh blobs are in it already, where they are, and
	// the blobs a compaction keeps are added at its end. Copying them
	// from elsewhere was a fifth of a first build.
	inPlace := (fresh || compact) && sc != nil && sc.in == c.dir
	switch {
	case inPlace:
		out, name = sc.f, strings.TrimSuffix(filepath.Base(sc.f.Name()), ".tmp")
	case fresh || compact:
		f, err := os.CreateTemp(c.dir, "blobs-*.tmp")
		if err != nil {
			return err
		}
		out, name = f, strings.TrimSuffix(filepath.Base(f.Name()), ".tmp")
		defer func() {
			if out != nil {
				out.Close()
				os.Remove(f.Name())
			}
		}()
	}
	used := make([]bool, len(c.files))
	newFile := -1
	if out != nil {
		newFile = len(c.files)
		if compact {
			newFile = 0
			if base >= 0 {
				newFile = 1 // after base
			}
		}
	}
	var off int64
	var buf []byte
	move := func(b *blob, from *scratch) error {
		if inPlace && from == sc {
			b.File = newFile
			return nil
		}
		data, err := from.get(buf, chunk{b.Off, b.N})
		if err != nil {
			return err
		}
		buf = data
		if inPlace {
			at, err := sc.put(data)
			b.File, b.Off = newFile, at.off
			return err
		}
		if _, err := out.Write(data); err != nil {
			return err
		}
		b.File, b.Off = newFile, off
		off += b.N
		return nil
	}
	for i, r := range recs {
		if r.Content.File < 0 || r.Markdown.File < 0 || r.Search.File < 0 || compact {
			cp := *r // a record of the last index stays as it was, for its readers
			r = &cp
			recs[i] = r
		}
		for _, b := range []*blob{&r.Content, &r.Markdown, &r.Search} {
			switch {
			case b.N == 0:
				b.File, b.Off = 0, 0
			case b.File < 0:
				if err := move(b, sc); err != nil {
					return err
				}
			case compact && b.File == base:
				b.File = 0
			case compact:
				if err := move(b, c.files[b.File]); err != nil {
					return err
				}
			default:
				used[b.File] = true
			}
		}
	}
	if compact {
		next.Blobs = []string{name}
		if base >= 0 {
			next.Blobs = []string{c.last.Blobs[base], name}
		}
	} else {
		next.Blobs = slices.Clone(c.last.Blobs)
		if out != nil {
			next.Blobs = append(next.Blobs, name)
		}
	}
	switch {
	case inPlace:
		// Still open, for the rest of the build; its close then finds
		// no file under the old name to remove.
		if err := os.Rename(sc.f.Name(), filepath.Join(c.dir, name)); err != nil {
			return err
		}
	case out != nil:
		if err := out.Close(); err != nil {
			return err
		}
		tmp := out.Name()
		out = nil
		if err := os.Rename(tmp, filepath.Join(c.dir, name)); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	// The records, a file a shard; a shard whose records are those the
	// last build read keeps its file.
	groups := groupRecords(recs)
	next.Shards = make([]string, recordShards)
	// One buffer for every shard written, of about a shard's size: grown
	// by appends, a few shards of a big site were a twentieth of a
	// one-page rebuild, most of it the kernel handing out fresh memory.
	var data []byte
	if c.last.size > 0 {
		data = make([]byte, 0, c.last.size+c.last.size/8)
	}
	for i, g := range groups {
		if len(c.last.shards) == recordShards && slices.EqualFunc(g, c.last.shards[i], same) { // read with its names
			next.Shards[i] = c.last.Shards[i]
			continue
		}
		var err error
		data, err = appendRecords(data[:0], g)
		if err != nil {
			return err
		}
		name, err := c.writeNamed("records-", nil, writeBytes(data))
		if err != nil {
			return err
		}
		next.Shards[i] = name
	}
	body := appendIndex(nil, &next)
	sum := sha256.Sum256(body)
	if err := writeAtomic(c.dir, "index", slices.Concat([]byte(cacheFormat), c.key[:], sum[:], body)); err != nil {
		return err
	}
	// The files no record uses any more, and what killed builds left.
	keep := map[string]bool{}
	for _, n := range slices.Concat(next.Blobs, next.Shards, []string{next.SearchState}) {
		keep[n] = true
	}
	entries, _ := os.ReadDir(c.dir)
	for _, e := range entries {
		n := e.Name()
		stale := strings.HasSuffix(n, ".tmp")
		if info, err := e.Info(); stale && (err != nil || time.Since(info.ModTime()) < time.Hour) {
			stale = false // maybe another build's, at work
		}
		if ((strings.HasPrefix(n, "blobs-") || strings.HasPrefix(n, "records-") || strings.HasPrefix(n, "search-")) && !strings.HasSuffix(n, ".tmp") && !keep[n]) || stale {
			os.Remove(filepath.Join(c.dir, n))
		}
	}
	return nil
}

// cacheKey returns the key of a cache for b: what every page's first
// pass depends on besides its own source and the names it looks up.
func (b *Builder) cacheKey() ([32]byte, error) {
	h := sha256.New()
	io.WriteString(h, cacheFormat)
	if err := binaryIdentity(h); err != nil {
		return [32]byte{}, err
	}
	cfg := b.cfg
	conf, err := json.Marshal(struct {
		BaseURL, Title, EditURL string
		Drafts, UnsafeHTML      bool
		Brand                   any
		Codes                   any
	}{cfg.BaseURL, cfg.Title, cfg.EditURL, cfg.Drafts, cfg.UnsafeHTML, cfg.Brand, cfg.Codes})
	if err != nil {
		return [32]byte{}, fmt.Errorf("build cache key: %w", err)
	}
	h.Write(conf)
	// Every file of the theme, layouts and static files: a layout decides
	// problems of pages (an unknown layout:), the assets' names are in
	// every page. Only those: a theme of a site's folder has the site's
	// other files too (its output folder, say). The static files by the
	// sums New took of them (b.assets, made from them alone), not read
	// again: they are megabytes (the diagram script), and reading them
	// again was a tenth of a rebuild that changed nothing.
	if err := hashTree(h, cfg.Theme, "layouts"); err != nil {
		return [32]byte{}, fmt.Errorf("build cache key: theme: %w", err)
	}
	for _, a := range b.assets {
		fmt.Fprintf(h, "static %q %x\n", a.Out, a.Sum)
	}
	return [32]byte(h.Sum(nil)), nil
}

// hashTree writes the names and bytes of every file below root in fsys.
func hashTree(h io.Writer, fsys fs.FS, root string) error {
	return fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && name == root {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		return nil
	})
}

// binaryIdentity writes what identifies the running kettudocs: its
// version and commit when it was built from a clean checkout, else its
// Go build ID, else the bytes of its executable, so that a build of
// changed code never reads the cache of another.
func binaryIdentity(w io.Writer) error {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			fmt.Fprintf(w, "%s %s %s\x00", info.Main.Path, info.Main.Version, rev)
			return nil
		}
		if v := info.Main.Version; v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
			fmt.Fprintf(w, "%s %s\x00", info.Main.Path, v) // go install module@version
			return nil
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("build cache key: %w", err)
	}
	if id := goBuildID(exe); id != "" {
		fmt.Fprintf(w, "go build id %s\x00", id)
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return fmt.Errorf("build cache key: %w", err)
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// goBuildID returns the Go build ID of the executable exe, "" when it
// has none that can be found. The go command makes it of a hash of
// everything the binary is built from, and the linker writes it into an
// ELF note, or near the start of the text of other formats: a build of
// changed code, or from a checkout with changes (which has no commit to
// name), is told from another without reading its 30 MB, which took a
// tenth of a rebuild that changed nothing (go run, and -buildvcs=false).
func goBuildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		sec := f.Section(".note.go.buildid")
		if sec == nil {
			return ""
		}
		// A note: name size, description size, type, "Go\x00\x00", the ID.
		data, err := sec.Data()
		if err != nil || len(data) < 16 || string(data[12:16]) != "Go\x00\x00" {
			return ""
		}
		n := f.ByteOrder.Uint32(data[4:8])
		if f.ByteOrder.Uint32(data[0:4]) != 4 || f.ByteOrder.Uint32(data[8:12]) != 4 || uint64(n) > uint64(len(data)-16) {
			return ""
		}
		return string(data[16 : 16+n])
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, head)
	const start, end = "\xff Go build ID: \"", "\"\n \xff"
	_, id, ok := bytes.Cut(head[:n], []byte(start))
	if !ok {
		return ""
	}
	id, _, ok = bytes.Cut(id, []byte(end))
	if !ok {
		return ""
	}
	return string(id)
}

// renderKey returns the key of p's HTML: the page itself, and what every
// page's layout shows of the site (site).
func renderKey(site [32]byte, p *page, updated time.Time, versions string) [32]byte {
	h := sha256.New()
	h.Write(site[:])
	h.Write(p.src256[:])
	io.WriteString(h, p.file)
	io.WriteString(h, "\x00"+versions)
	var t [8]byte
	binary.LittleEndian.PutUint64(t[:], uint64(updated.UnixNano()))
	h.Write(t[:])
	return [32]byte(h.Sum(nil))
}

// siteKey returns the key of what the layout of every page shows of s:
// shell (see shellKey) and the navigation, every page's place, label and
// title. A page whose HTML was made with this key needs no rendering;
// when it changed, the page's own viewKey says whether it does.
func siteKey(shell [32]byte, s *site) [32]byte {
	k := newKeyHash(shell)
	k.int(int64(len(s.order)))
	for _, p := range s.order {
		k.str(p.file)
		k.str(p.url)
		k.bool(p.index)
		k.str(p.title)
		k.str(p.label())
		k.int(int64(p.weight))
	}
	return k.sum()
}

// shellKey returns the key of what the layout of every page shows of s
// and f besides the pages: the assets' names, the site's title, the
// listing pages.
func shellKey(key [32]byte, s *site, f *frame, versions string) [32]byte {
	k := newKeyHash(key)
	k.str(f.site.Title)
	k.bool(s.hasDiagrams())
	k.str(versions)
	k.int(int64(len(s.generated)))
	for _, u := range s.generated {
		k.str(u)
	}
	for _, name := range slices.Sorted(maps.Keys(f.names)) {
		k.str(name)
		k.str(f.names[name])
	}
	return k.sum()
}

// viewKey returns the key of what the layout of p shows of the site:
// shell (shellKey), its navigation (nav.Tree.AppendView), the pages
// before and after it in reading order, and its listing. Unlike the
// site's key, it stays when a page p does not show changes its title,
// so that p need not be rendered again. buf is memory to use.
func viewKey(shell [32]byte, s *site, f *frame, p *page, buf []byte) ([32]byte, []byte) {
	b := append(buf[:0], shell[:]...)
	b = s.nav.AppendView(b, p.url)
	if i, ok := f.pos.Get(p.url); ok {
		for _, j := range [...]int{i - 1, i + 1} {
			b = append(b, '|')
			if j >= 0 && j < len(s.order) {
				it := navEntry(s.order[j]) // as the layout has it (navItem), not kept
				b = nav.AppendEntry(b, &it)
			}
		}
	}
	if l := s.listings[p.url]; l != nil {
		b = nav.AppendListing(b, l)
	}
	return sha256.Sum256(b), b
}

// listingKey returns the key of the listing page u: what a listing
// shows (its section's entries and their titles, the navigation, the
// site) is all in the site's key.
func listingKey(site [32]byte, u, versions string) [32]byte {
	h := sha256.New()
	h.Write(site[:])
	io.WriteString(h, "listing\x00"+u+"\x00"+versions)
	return [32]byte(h.Sum(nil))
}

// searchKey returns the key of the search index of the pages in order.
func searchKey(key [32]byte, order []*page) [32]byte {
	k := newKeyHash(key)
	for _, p := range order {
		k.str(p.file)
		k.str(p.url)
		k.bytes(p.src256[:])
	}
	return k.sum()
}

// records returns the records of the pages of s for the next build, each
// with the render key its HTML was written with.
func (s *site) records() []*record {
	var recs []*record
	for _, p := range s.loaded {
		if p == nil || p.rec == nil || p.damaged {
			continue
		}
		r := p.rec
		if p.stamp != r.Stamp || p.written && (p.render != r.Render || p.view != r.View || p.html != r.HTML || p.md != r.MD) {
			cp := *r // the last index's record stays as it was
			cp.Stamp = p.stamp
			if p.written {
				cp.Render, cp.View, cp.HTML, cp.MD = p.render, p.view, p.html, p.md
			}
			r = &cp
		}
		recs = append(recs, r)
	}
	return recs
}

// cachedContent returns the content and Markdown of p, from the cache;
// the content in mem when it is big enough. A damaged blob is noted, and
// the page parsed again.
func (b *Builder) cachedContent(s *site, c *cache, p *page, mem []byte) (content, md []byte, err error) {
	content, err = c.get(mem, p.rec.Content)
	if err == nil {
		md, err = c.get(nil, p.rec.Markdown)
	}
	if err == nil {
		return content, md, nil
	}
	c.damaged(p, err)
	content, md, _, err = b.reparse(s, p)
	return content, md, err
}

// maxChanged is the share of a site's pages (1/maxChanged) up to which a
// build makes its search index from the last one's state (updateIndex)
// rather than anew: each changed page costs the whole lists of its
// terms, the longest of the index.
const maxChanged = 8

// updateIndex makes the search index of s from the state of the last
// build's and the extracts of the pages that changed since, when it can:
// the same pages in the same order as the last build, a few of them
// changed, each with its last extract in the cache, and the page files
// of the other buckets in out as the last build wrote them, which it
// keeps and returns with their hashes, and how many pages changed.
// Otherwise it returns a nil state: make the index anew.
func (b *Builder) updateIndex(s *site, c *cache, out *output.Folder) (x search.Index, st *search.State, kept map[string][16]byte, changed int) {
	if c.last.SearchState == "" {
		return search.Index{}, nil, nil, 0
	}
	d := search.NewDict()
	extract := func(r *record) (*search.Page, error) {
		data, err := c.get(nil, r.Search)
		if err != nil {
			return nil, err
		}
		return d.Decode(data)
	}
	var changes []search.Change
	for i, p := range s.order {
		if p.search == nil {
			continue // from the cache: as the last build had it
		}
		r := c.byRec[p.file]
		if r == nil || r.Search.N == 0 || len(changes) >= len(s.order)/maxChanged+1 {
			return search.Index{}, nil, nil, 0
		}
		old, err := extract(r)
		if err != nil {
			return search.Index{}, nil, nil, 0
		}
		changes = append(changes, search.Change{Page: i, Old: old, New: p.search})
	}
	st, err := c.lastState()
	if err != nil || !slices.Equal(st.URLs(), urlsOf(s.order)) {
		return search.Index{}, nil, nil, 0
	}
	x, err = st.Update(changes, func(i int) (*search.Page, error) {
		if p := s.order[i]; p.cached() {
			return extract(p.rec)
		}
		return nil, errors.New("not in the cache")
	})
	if err != nil {
		return search.Index{}, nil, nil, 0
	}
	kept = make(map[string][16]byte, len(x.Kept))
	for _, name := range x.Kept {
		h, ok := c.last.SearchFiles[name]
		if !ok || s.files[name] {
			return search.Index{}, nil, nil, 0
		}
		kept[name] = h
	}
	if !out.Keep(kept) {
		return search.Index{}, nil, nil, 0
	}
	return x, st, kept, len(changes)
}

// readState starts reading the last search index's state, for
// lastState: a build calls it when it parses a page, whose search entries
// may change, while it loads the others. Reading and decoding the state
// is a third of a rebuild that changed one page of a big site, and once
// the site is loaded, it held up the index while the pages were written.
func (c *cache) readState() {
	c.stateOnce.Do(func() {
		c.stateDone = make(chan struct{})
		go func() {
			defer close(c.stateDone)
			// Mapped, not read: its lists stay in the file's bytes (see
			// search.DecodeState), tens of MB on a big site, which the
			// page cache holds already.
			data, unmap, err := c.loadNamed("search-", c.last.SearchState, sysfile.Map)
			if err == nil {
				c.unmapState = unmap
				c.state, err = search.DecodeState(data)
			}
			c.stateErr = err
		}()
	})
}

// lastState returns the last search index's state.
func (c *cache) lastState() (*search.State, error) {
	c.readState()
	<-c.stateDone
	return c.state, c.stateErr
}

// cachedExtracts gives the pages of s from the cache their search
// extracts, read from it, for a search index made anew.
func (b *Builder) cachedExtracts(ctx context.Context, s *site, c *cache) error {
	var todo []*page
	for _, p := range s.order {
		if p.search == nil && p.cached() {
			todo = append(todo, p)
		}
	}
	dicts := newDicts()
	g, gctx := errgroup.WithContext(ctx)
	forEach(gctx, g, len(todo), func(i int) error {
		p := todo[i]
		d := dicts.get()
		defer dicts.put(d)
		data, err := c.get(nil, p.rec.Search)
		if err == nil {
			p.search, err = d.Decode(data)
		}
		if err != nil {
			c.damaged(p, err)
			_, _, p.search, err = b.reparse(s, p)
		}
		return err
	})
	return g.Wait()
}

// reparse loads p again from its source, without the cache, for what a
// damaged cache could not give.
func (b *Builder) reparse(s *site, p *page) (content, md []byte, ext *search.Page, err error) {
	var out []byte
	var n, m int
	q, problems, err := b.loadPage(s, p.file, newDicts(), func(_ *page, o []byte, n0, m0 int) error {
		out, n, m = bytes.Clone(o), n0, m0
		return nil
	}, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	if q == nil || out == nil {
		return nil, nil, nil, fmt.Errorf("%s: the build cache is damaged, and the page can no longer be read: %v", p.file, problems.Err())
	}
	return out[:n], out[n:m], q.search, nil
}

// groupRecords returns recs by shard, each shard's in the order of recs.
func groupRecords(recs []*record) [][]*record {
	groups := make([][]*record, recordShards)
	for _, r := range recs {
		i := shardOf(r.File)
		groups[i] = append(groups[i], r)
	}
	return groups
}

// writeAtomic writes data to the file name of dir by a rename, so that
// a build killed meanwhile leaves no half file under that name.
func writeAtomic(dir, name string, data []byte) error {
	tmp, err := writeTemp(dir, name+"-*.tmp", io.Discard, writeBytes(data))
	if err != nil {
		return err
	}
	return renameOrRemove(tmp, filepath.Join(dir, name))
}

// writeTemp writes what write writes, and the same to h, to a new file of
// dir named after pattern (see os.CreateTemp), and returns its path;
// after an error there is no such file.
func writeTemp(dir, pattern string, h io.Writer, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	if err := sysfile.WriteThrough(f, h, write); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// writeBytes returns what writes data, for writeTemp and writeNamed,
// which take a write function so that big files are written as they are
// made.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// renameOrRemove renames the file tmp to name, or removes it when it
// cannot.
func renameOrRemove(tmp, name string) error {
	err := os.Rename(tmp, name)
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
