package builder

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/frontmatter"
	"github.com/kettu/kettudocs/builder/nav"
)

// The records of a shard of the build cache are written field by field,
// each number a varint and each string its length and bytes, rather than
// with encoding/gob: decoding ten thousand records with gob was a fifth
// of a rebuild that changed nothing, and its strings one allocation
// each. A page's params hold what YAML and TOML decode to, each value
// written with a byte that says its type (see value).
//
// A change of what a record holds must change cacheFormat;
// TestRecordRoundTrip fails for a field that is not written.

// appendRecords appends the encoding of recs to b.
func appendRecords(b []byte, recs []*record) ([]byte, error) {
	e := &recEncoder{b: b}
	e.uint(uint64(len(recs)))
	for _, r := range recs {
		if err := e.record(r); err != nil {
			return nil, fmt.Errorf("record of %s: %w", r.File, err)
		}
	}
	return e.b, nil
}

// decodeRecords decodes what appendRecords wrote. Its strings are in
// data's memory, not copied: data must never change after (the cache
// reads each records file into memory of its own). Copying 14 MB of
// records at 10,000 pages was a third of decoding them, most of it the
// kernel handing the process fresh pages.
func decodeRecords(data []byte) ([]*record, error) {
	d := &recDecoder{b: data}
	n := d.count(1)
	recs := make([]*record, 0, n)
	for range n {
		if d.err != nil {
			break
		}
		recs = append(recs, d.record())
	}
	if d.err == nil && len(d.b) > 0 {
		d.err = errors.New("bytes after the last record")
	}
	if d.err != nil {
		return nil, d.err
	}
	return recs, nil
}

type recEncoder struct{ b []byte }

func (e *recEncoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *recEncoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *recEncoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *recEncoder) raw(p []byte)  { e.uint(uint64(len(p))); e.b = append(e.b, p...) }

func (e *recEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *recEncoder) strs(l []string) {
	e.uint(uint64(len(l)))
	for _, s := range l {
		e.str(s)
	}
}

func (e *recEncoder) pos(p diag.Position) {
	e.str(p.File)
	e.int(int64(p.Line))
	e.int(int64(p.Col))
}

func (e *recEncoder) blob(b blob) {
	e.int(int64(b.File))
	e.int(b.Off)
	e.int(b.N)
	e.uint(uint64(b.Sum))
}

func (e *recEncoder) record(r *record) error {
	e.str(r.File)
	e.b = append(e.b, r.Src[:]...)
	e.int(r.Stamp.Size)
	e.int(r.Stamp.MTime)
	e.int(r.Stamp.Read)
	e.strs(r.Deps)
	e.raw(r.Sig)
	e.bool(r.Draft)
	e.str(r.URL)
	e.bool(r.Index)

	m := &r.Meta
	e.str(m.Title)
	e.str(m.Description)
	e.int(int64(m.Weight))
	e.bool(m.Draft)
	e.str(m.Layout)
	e.strs(m.Aliases)
	e.strs(m.RedirectFrom)
	e.uint(uint64(len(m.Anchors)))
	for _, k := range slices.Sorted(maps.Keys(m.Anchors)) { // the same bytes for the same record
		e.str(k)
		e.str(m.Anchors[k])
	}
	e.strs(m.Order)

	if r.Params == nil {
		e.b = append(e.b, 0)
	} else if err := e.value(r.Params); err != nil {
		return fmt.Errorf("params: %w", err)
	}
	e.str(r.Title)
	e.bool(r.HasH1)
	e.uint(uint64(len(r.TOC)))
	for _, h := range r.TOC {
		e.int(int64(h.Level))
		e.str(h.ID)
		e.str(h.Text)
	}
	e.strs(r.IDs)
	e.strs(r.Rows)
	e.int(int64(r.Weight))
	e.uint(uint64(len(r.Links)))
	for _, l := range r.Links {
		e.pos(l.pos)
		e.str(l.dest)
		e.str(l.target)
		e.str(l.section)
		e.str(l.fragment)
	}
	e.str(r.Summary)
	e.strs(r.Aliases)
	e.bool(r.Diagram)
	e.str(r.Layout)
	e.pos(r.OrderAt)
	e.uint(uint64(len(r.Problems)))
	for _, p := range r.Problems {
		e.pos(p.Pos)
		e.str(p.Msg)
		e.str(p.Hint)
		e.int(int64(p.Severity))
	}
	e.blob(r.Content)
	e.blob(r.Markdown)
	e.blob(r.Search)
	e.b = append(e.b, r.Render[:]...)
	e.b = append(e.b, r.HTML[:]...)
	e.b = append(e.b, r.MD[:]...)
	e.b = append(e.b, r.View[:]...)
	return nil
}

// recDecoder reads what recEncoder wrote from b; after the first
// problem, err is set and every read returns a zero value. It reads the
// cache's index too: err says what is wrong, and the caller which file.
type recDecoder struct {
	b   []byte
	err error
}

func (d *recDecoder) fail(what string) {
	if d.err == nil {
		d.err = errors.New(what)
	}
	d.b = nil
}

func (d *recDecoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *recDecoder) int64() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// int reads an int of this machine's size.
func (d *recDecoder) int() int {
	v := d.int64()
	if v < math.MinInt || v > math.MaxInt {
		d.fail("number out of range")
		return 0
	}
	return int(v)
}

// count reads a length of a list whose elements take at least min bytes
// each: a damaged length cannot make a huge allocation.
func (d *recDecoder) count(min int) int {
	n := d.uint()
	if n > uint64(len(d.b)/min) {
		d.fail("length beyond the data")
		return 0
	}
	return int(n)
}

func (d *recDecoder) str() string {
	n := d.count(1)
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], n)
	d.b = d.b[n:]
	return s
}

func (d *recDecoder) fixed(p []byte) {
	if len(d.b) < len(p) {
		d.fail("short")
		return
	}
	copy(p, d.b)
	d.b = d.b[len(p):]
}

func (d *recDecoder) bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail("bad bool")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// strs reads a list of strings; an empty one is nil, as gob made it.
func (d *recDecoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = d.str()
	}
	return l
}

func (d *recDecoder) pos() diag.Position {
	return diag.Position{File: d.str(), Line: d.int(), Col: d.int()}
}

func (d *recDecoder) blob() blob {
	b := blob{File: d.int(), Off: d.int64(), N: d.int64()}
	sum := d.uint()
	if sum > math.MaxUint32 {
		d.fail("checksum out of range")
	}
	b.Sum = uint32(sum)
	return b
}

func (d *recDecoder) record() *record {
	r := &record{File: d.str()}
	d.fixed(r.Src[:])
	r.Stamp = stamp{Size: d.int64(), MTime: d.int64(), Read: d.int64()}
	r.Deps = d.strs()
	if sig := d.str(); sig != "" {
		r.Sig = []byte(sig)
	}
	r.Draft = d.bool()
	r.URL = d.str()
	r.Index = d.bool()

	m := &r.Meta
	m.Title = d.str()
	m.Description = d.str()
	m.Weight = d.int()
	m.Draft = d.bool()
	m.Layout = d.str()
	m.Aliases = frontmatter.List(d.strs())
	m.RedirectFrom = frontmatter.List(d.strs())
	if n := d.count(2); n > 0 {
		m.Anchors = make(map[string]string, n)
		for range n {
			k := d.str()
			m.Anchors[k] = d.str()
		}
	}
	m.Order = frontmatter.List(d.strs())

	switch p := d.value(0).(type) {
	case nil:
	case map[string]any:
		r.Params = p
	default:
		d.fail("params are no map")
	}
	r.Title = d.str()
	r.HasH1 = d.bool()
	if n := d.count(3); n > 0 {
		r.TOC = make([]nav.Heading, n)
		for i := range r.TOC {
			r.TOC[i] = nav.Heading{Level: d.int(), ID: d.str(), Text: d.str()}
		}
	}
	r.IDs = d.strs()
	r.Rows = d.strs()
	r.Weight = d.int()
	if n := d.count(7); n > 0 {
		r.Links = make([]pageLink, n)
		for i := range r.Links {
			r.Links[i] = pageLink{pos: d.pos(), dest: d.str(), target: d.str(), section: d.str(), fragment: d.str()}
		}
	}
	r.Summary = d.str()
	r.Aliases = d.strs()
	r.Diagram = d.bool()
	r.Layout = d.str()
	r.OrderAt = d.pos()
	if n := d.count(6); n > 0 {
		r.Problems = make(diag.List, n)
		for i := range r.Problems {
			r.Problems[i] = diag.Problem{Pos: d.pos(), Msg: d.str(), Hint: d.str(), Severity: diag.Severity(d.int())}
		}
	}
	r.Content = d.blob()
	r.Markdown = d.blob()
	r.Search = d.blob()
	d.fixed(r.Render[:])
	d.fixed(r.HTML[:])
	d.fixed(r.MD[:])
	d.fixed(r.View[:])
	return r
}

// The types of the values of params: what go.yaml.in/yaml/v3 and
// BurntSushi/toml decode front matter into.
const (
	tagNil byte = iota
	tagFalse
	tagTrue
	tagInt
	tagInt64
	tagUint64
	tagFloat
	tagString
	tagTime
	tagList    // []any
	tagMap     // map[string]any
	tagMapList // []map[string]any (TOML's arrays of tables)
	maxNesting = 100
)

// value appends v, a value of params.
func (e *recEncoder) value(v any) error {
	switch v := v.(type) {
	case nil:
		e.b = append(e.b, tagNil)
	case bool:
		if v {
			e.b = append(e.b, tagTrue)
		} else {
			e.b = append(e.b, tagFalse)
		}
	case int:
		e.b = append(e.b, tagInt)
		e.int(int64(v))
	case int64:
		e.b = append(e.b, tagInt64)
		e.int(v)
	case uint64:
		e.b = append(e.b, tagUint64)
		e.uint(v)
	case float64:
		e.b = append(e.b, tagFloat)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
	case string:
		e.b = append(e.b, tagString)
		e.str(v)
	case time.Time:
		t, err := v.MarshalBinary()
		if err != nil {
			return err
		}
		e.b = append(e.b, tagTime)
		e.raw(t)
	case []any:
		e.b = append(e.b, tagList)
		e.uint(uint64(len(v)))
		for _, x := range v {
			if err := e.value(x); err != nil {
				return err
			}
		}
	case map[string]any:
		e.b = append(e.b, tagMap)
		e.uint(uint64(len(v)))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			e.str(k)
			if err := e.value(v[k]); err != nil {
				return err
			}
		}
	case []map[string]any:
		e.b = append(e.b, tagMapList)
		e.uint(uint64(len(v)))
		for _, m := range v {
			if err := e.value(m); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("a value of type %T", v)
	}
	return nil
}

// value reads a value of params, nested depth deep.
func (d *recDecoder) value(depth int) any {
	if depth > maxNesting {
		d.fail("params nested too deep")
		return nil
	}
	if len(d.b) == 0 {
		d.fail("short")
		return nil
	}
	tag := d.b[0]
	d.b = d.b[1:]
	switch tag {
	case tagNil:
		return nil
	case tagFalse, tagTrue:
		return tag == tagTrue
	case tagInt:
		return d.int()
	case tagInt64:
		return d.int64()
	case tagUint64:
		return d.uint()
	case tagFloat:
		var b [8]byte
		d.fixed(b[:])
		return math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
	case tagString:
		return d.str()
	case tagTime:
		var t time.Time
		if err := t.UnmarshalBinary([]byte(d.str())); err != nil {
			d.fail("time: " + err.Error())
		}
		return t
	case tagList:
		l := make([]any, d.count(1))
		for i := range l {
			l[i] = d.value(depth + 1)
		}
		return l
	case tagMap:
		n := d.count(2)
		m := make(map[string]any, n)
		for range n {
			k := d.str()
			m[k] = d.value(depth + 1)
		}
		return m
	case tagMapList:
		l := make([]map[string]any, d.count(1))
		for i := range l {
			m, ok := d.value(depth + 1).(map[string]any)
			if !ok {
				d.fail("a table that is no map")
			}
			l[i] = m
		}
		return l
	}
	d.fail("unknown type of value")
	return nil
}

// appendIndex appends the encoding of the cache's index x to b, its
// maps in the order of their keys. Written as records are, not with
// gob: encoding and decoding the names and hashes of a big site's ten
// thousand search files with gob was a fortieth of a one-page rebuild.
func appendIndex(b []byte, x *cacheIndex) []byte {
	e := &recEncoder{b: b}
	e.strs(x.Blobs)
	e.b = append(e.b, x.Search[:]...)
	e.uint(uint64(len(x.SearchFiles)))
	for _, name := range slices.Sorted(maps.Keys(x.SearchFiles)) {
		h := x.SearchFiles[name]
		e.str(name)
		e.b = append(e.b, h[:]...)
	}
	e.str(x.SearchState)
	e.strs(x.Shards)
	e.uint(uint64(len(x.Files)))
	for _, name := range slices.Sorted(maps.Keys(x.Files)) {
		f := x.Files[name]
		e.str(name)
		e.int(f.Stamp.Size)
		e.int(f.Stamp.MTime)
		e.int(f.Stamp.Read)
		e.b = append(e.b, f.Hash[:]...)
	}
	e.uint(uint64(len(x.Listings)))
	for _, name := range slices.Sorted(maps.Keys(x.Listings)) {
		l := x.Listings[name]
		e.str(name)
		e.b = append(e.b, l.Key[:]...)
		e.b = append(e.b, l.HTML[:]...)
	}
	e.b = append(e.b, x.Products[:]...)
	return e.b
}

// decodeIndex decodes what appendIndex wrote. Its strings are in data's
// memory, as decodeRecords's are: data must never change after.
func decodeIndex(data []byte) (cacheIndex, error) {
	d := &recDecoder{b: data}
	var x cacheIndex
	x.Blobs = d.strs()
	d.fixed(x.Search[:])
	if n := d.count(1 + 16); n > 0 {
		x.SearchFiles = make(map[string][16]byte, n)
		for range n {
			name := d.str()
			var h [16]byte
			d.fixed(h[:])
			x.SearchFiles[name] = h
		}
	}
	x.SearchState = d.str()
	x.Shards = d.strs()
	if n := d.count(1 + 3 + 16); n > 0 {
		x.Files = make(map[string]copied, n)
		for range n {
			name := d.str()
			var f copied
			f.Stamp = stamp{Size: d.int64(), MTime: d.int64(), Read: d.int64()}
			d.fixed(f.Hash[:])
			x.Files[name] = f
		}
	}
	if n := d.count(1 + 32 + 16); n > 0 {
		x.Listings = make(map[string]listed, n)
		for range n {
			name := d.str()
			var l listed
			d.fixed(l.Key[:])
			d.fixed(l.HTML[:])
			x.Listings[name] = l
		}
	}
	d.fixed(x.Products[:])
	if d.err == nil && len(d.b) > 0 {
		d.err = errors.New("bytes after the index")
	}
	return x, d.err
}
