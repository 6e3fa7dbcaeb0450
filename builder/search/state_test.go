package search

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestUpdateMatchesBuild changes random pages of a site, a few at a time,
// some in one bucket, some by a sentence more or a few words less, and checks that every index Update makes is the one
// Build makes of the pages as they are now, file for file, and that what
// it keeps is what the last index had: over rounds that add and drop
// words, stems, keys and whole titles. The state goes through
// AppendBinary and DecodeState between rounds, as it does between builds.
func TestUpdateMatchesBuild(t *testing.T) {
	const n = 3*PageBucket + 17
	pages := site(t, n, 11)
	srcs := corpus(n, 11)    // pages' sources
	others := corpus(60, 12) // the texts pages change to
	x, st := BuildState(pages)
	last := files(x)
	r := rand.New(rand.NewPCG(13, 1))
	for round := range 12 {
		var changes []Change
		for _, i := range r.Perm(n)[:1+r.IntN(3)] {
			if round%3 == 2 {
				i = i%8 + PageBucket // some rounds change pages of one bucket
				if slices.ContainsFunc(changes, func(c Change) bool { return c.Page == i }) {
					continue
				}
			}
			src := others[r.IntN(len(others))]
			switch round % 4 {
			case 1: // an edit: a sentence more
				src = srcs[i] + "\nA zebra wanders in.\n"
			case 3: // an edit: the last words of the page cut, rare ones among them
				src = strings.TrimRight(srcs[i], ".\n")
				for range 4 {
					src = src[:max(0, strings.LastIndexByte(src, ' '))]
				}
				src += ".\n"
			}
			if round == 5 {
				src += "\n## Quetzalcoatlus flies\n\nA word no page has: xylophonist.\n" // new terms and a new whole title
			}
			srcs[i] = src
			doc, b := parse(t, src)
			p := NewDict().Extract(doc, b, pages[i].URL, pages[i].Title)
			changes = append(changes, Change{Page: i, Old: pages[i], New: p})
		}
		for _, c := range changes {
			pages[c.Page] = c.New
		}
		data, err := st.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		if st, err = DecodeState(data); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got, err := st.Update(changes, func(i int) (*Page, error) { return pages[i], nil })
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		want := Build(pages)
		wantFiles := files(want)
		gotFiles := files(got)
		for _, name := range got.Kept {
			if _, dup := gotFiles[name]; dup {
				t.Errorf("round %d: %s is both written and kept", round, name)
			}
			data, ok := last[name]
			if !ok {
				t.Errorf("round %d: kept %s, which the last index has not", round, name)
			}
			gotFiles[name] = data
		}
		if len(gotFiles) != len(wantFiles) {
			t.Errorf("round %d: %d files (%d kept), Build makes %d", round, len(gotFiles), len(got.Kept), len(wantFiles))
		}
		for name, data := range wantFiles {
			if g, ok := gotFiles[name]; !ok {
				t.Errorf("round %d: no %s", round, name)
			} else if !bytes.Equal(g, data) {
				t.Errorf("round %d: %s differs from Build's:\n%.300s\nwant\n%.300s", round, name, g, data)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		// The shards of words whose lists did not change are kept, not
		// made again: most of them after an edit of a sentence.
		keptShards, shards := 0, 0
		for name := range wantFiles {
			if strings.HasPrefix(name, "search/t") {
				shards++
				if slices.Contains(got.Kept, name) {
					keptShards++
				}
			}
		}
		if keptShards == shards || round%4 == 1 && keptShards < shards/2 {
			t.Errorf("round %d: %d of %d shards kept", round, keptShards, shards)
		}
		t.Logf("round %d: %d pages changed, %d of %d shards kept", round, len(changes), keptShards, shards)
		if kept := len(got.Kept) - keptShards; kept < n-len(changes)*PageBucket {
			t.Errorf("round %d: %d page files kept of %d, with %d pages changed", round, kept, n, len(changes))
		}
		last = wantFiles
	}
}

func files(x Index) map[string][]byte {
	m := make(map[string][]byte, len(x.Files))
	for _, f := range x.Files {
		m[f.Name] = f.Data
	}
	return m
}

// TestUpdateRefuses: changes Update cannot make leave the state as it was.
func TestUpdateRefuses(t *testing.T) {
	pages := site(t, 70, 3)
	_, st := BuildState(pages)
	before, _ := st.AppendBinary(nil)
	doc, b := parse(t, "# Other\n\nOther words.\n")
	moved := NewDict().Extract(doc, b, "elsewhere/", "Other")
	same := NewDict().Extract(doc, b, pages[2].URL, "Other")
	errPage := errors.New("no page 66")
	for _, tc := range []struct {
		name    string
		changes []Change
		page    func(int) (*Page, error)
	}{
		{"page out of range", []Change{{Page: 70, Old: pages[0], New: same}}, nil},
		{"a changed URL", []Change{{Page: 2, Old: pages[2], New: moved}}, nil},
		{"an old extract of another page", []Change{{Page: 3, Old: pages[2], New: same}}, nil},
		{"twice the same page", []Change{{Page: 2, Old: pages[2], New: same}, {Page: 2, Old: pages[2], New: same}}, nil},
		{"a bucket's page unreadable", []Change{{Page: 65, Old: pages[65], New: NewDict().Extract(doc, b, pages[65].URL, "x")}},
			func(i int) (*Page, error) {
				if i == 66 {
					return nil, errPage
				}
				return pages[i], nil
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := tc.page
			if page == nil {
				page = func(i int) (*Page, error) { return pages[i], nil }
			}
			if _, err := st.Update(tc.changes, page); err == nil {
				t.Fatal("no error")
			}
			after, _ := st.AppendBinary(nil)
			if !bytes.Equal(before, after) {
				t.Error("the state changed")
			}
		})
	}
}

// TestDecodeStateRejects: a state with any byte changed or cut short is
// refused or reads back as a state (never a panic); one cut short always
// is refused.
func TestDecodeStateRejects(t *testing.T) {
	_, st := BuildState(site(t, 80, 5))
	data, _ := st.AppendBinary(nil)
	if _, err := DecodeState(data); err != nil {
		t.Fatalf("a state as written: %v", err)
	}
	for _, n := range []int{0, 5, len(stateHeader), len(data) / 2, len(data) - 1} {
		if _, err := DecodeState(data[:n]); err == nil {
			t.Errorf("cut to %d bytes of %d: no error", n, len(data))
		}
	}
	if _, err := DecodeState(append(slices.Clone(data), 0)); err == nil {
		t.Error("a byte too many: no error")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		d := slices.Clone(data)
		d[len(stateHeader)+r.IntN(len(d)-len(stateHeader))] ^= byte(1 + r.IntN(255))
		if st, err := DecodeState(d); err == nil {
			st.index(nil, nil) // must not panic
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	_, st := BuildState(extract(f, threePages...))
	data, _ := st.AppendBinary(nil)
	f.Add(data)
	f.Add([]byte(stateHeader + "\x01\x02a/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := DecodeState(data)
		if err != nil {
			return
		}
		st.index(nil, nil)
		again, _ := st.AppendBinary(nil)
		if _, err := DecodeState(again); err != nil {
			t.Fatalf("a state read back does not read again: %v", err)
		}
		if len(st.urls) > 0 {
			doc, b := parse(t, "# New\n\nfresh words\n")
			_, err := st.Update([]Change{{Page: 0, Old: NewDict().Extract(doc, b, st.urls[0], "x"), New: NewDict().Extract(doc, b, st.urls[0], "New")}},
				func(i int) (*Page, error) { return &Page{URL: st.urls[i]}, nil })
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

// BenchmarkUpdate measures what a build that changed one page spends on
// its index: the state read back, one page made again, rewritten whole
// or with a sentence added, as an edit adds one.
func BenchmarkUpdate(b *testing.B) {
	pages := site(b, 4000, 7)
	_, st := BuildState(pages)
	data, _ := st.AppendBinary(nil)
	i := 1234
	for _, bc := range []struct{ name, src string }{
		{"rewritten", corpus(1, 99)[0]},
		{"sentence", corpus(4000, 7)[i] + "\nA zebra wanders in.\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			doc, src := parse(b, bc.src)
			p := NewDict().Extract(doc, src, pages[i].URL, pages[i].Title)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				st, err := DecodeState(data)
				if err != nil {
					b.Fatal(err)
				}
				x, err := st.Update([]Change{{Page: i, Old: pages[i], New: p}}, func(i int) (*Page, error) { return pages[i], nil })
				if err != nil || len(x.Kept) == 0 {
					b.Fatal(err, len(x.Kept))
				}
			}
		})
	}
}

// failAfter is a writer that takes n bytes, then fails.
type failAfter struct{ n int }

var errFull = errors.New("no space left")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestStateWriteTo: a state written in pieces is the one AppendBinary
// makes, for a state bigger than a piece, and a writer that fails stops
// it with its error and the count of what it took.
func TestStateWriteTo(t *testing.T) {
	_, st := BuildState(site(t, 3*PageBucket, 7))
	want, _ := st.AppendBinary([]byte("before"))
	if !bytes.HasPrefix(want, []byte("before"+stateHeader)) || len(want) < 128<<10 {
		t.Fatalf("AppendBinary made %d bytes, want more than two pieces after what it appends to", len(want))
	}
	var buf bytes.Buffer
	if n, err := st.WriteTo(&buf); err != nil || n != int64(buf.Len()) || !bytes.Equal(buf.Bytes(), want[len("before"):]) {
		t.Errorf("WriteTo = %d, %v: %d bytes, not those of AppendBinary", n, err, buf.Len())
	}
	for _, at := range []int{0, 10, 64 << 10, len(want) - 7} {
		if n, err := st.WriteTo(&failAfter{at}); !errors.Is(err, errFull) || n != int64(min(at, len(want))) {
			t.Errorf("WriteTo a writer full after %d bytes = %d, %v", at, n, err)
		}
	}
}
