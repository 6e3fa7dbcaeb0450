package search

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
	"weak"

	"github.com/yuin/goldmark/ast"
)

// corpus makes the Markdown of n pages of Zipf-distributed prose, as docs read: a few
// words ("the", "a") in nearly every section, most in a handful. Each page
// has a title, text above its first heading, four h2 sections and an h3;
// every tenth a code table of ten rows (codes 10000 up), every third a code
// block. The same seed makes the same pages.
func corpus(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString([]string{"ka", "te", "ri", "no", "su", "mo", "la", "pe", "vi", "do", "gu", "xa", "zo", "be", "fi", "ch", "st", "qu"}[r.IntN(18)])
		}
		vocab[i] = b.String() + fmt.Sprint(i) // distinct words
		vocab[i] = strings.TrimRight(vocab[i], "0123456789")
		if i%7 == 0 {
			vocab[i] += "s"
		}
	}
	slices.Sort(vocab)
	vocab = slices.Compact(vocab)
	r.Shuffle(len(vocab), func(i, j int) { vocab[i], vocab[j] = vocab[j], vocab[i] })
	zipf := rand.NewZipf(rand.New(rand.NewPCG(seed, 2)), 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	srcs := make([]string, n)
	for i := range srcs {
		var b strings.Builder
		fmt.Fprintf(&b, "# %s\n\n%s.\n\n", words(2+r.IntN(3)), words(20+r.IntN(40)))
		for s := range 4 {
			fmt.Fprintf(&b, "## %s\n\n%s.\n\n%s.\n\n", words(1+r.IntN(4)), words(30+r.IntN(60)), words(20+r.IntN(60)))
			if s == 1 {
				fmt.Fprintf(&b, "### %s\n\n%s.\n\n", words(1+r.IntN(3)), words(20+r.IntN(40)))
			}
			if s == 2 && i%3 == 0 {
				fmt.Fprintf(&b, "```\nrun(%s, %d)\n```\n\n", words(3), r.IntN(100000))
			}
			if s == 3 && i%10 == 0 {
				b.WriteString("| code | name | meaning |\n| - | - | - |\n")
				for k := range 10 {
					fmt.Fprintf(&b, "| %d | %s | %s |\n", 10000+(i*10+k)%5000, words(2), words(8))
				}
			}
		}
		srcs[i] = b.String()
	}
	return srcs
}

// site returns n pages of corpus(n, seed), extracted.
func site(t testing.TB, n int, seed uint64) []*Page {
	t.Helper()
	srcs := corpus(n, seed)
	pages := make([]*Page, n)
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Go(func() {
			doc, b := parse(t, src)
			title := Terms(src[2:strings.IndexByte(src, '\n')])
			pages[i] = Extract(doc, b, fmt.Sprintf("s%d/p%d/", i/50, i), strings.Join(title, " "))
		})
	}
	wg.Wait()
	return pages
}

func TestBuildDeterministic(t *testing.T) {
	build := func() Index {
		pages := extract(t, threePages...)
		pages = append(pages, site(t, 300, 7)...)
		return Build(pages)
	}
	a := build()
	if len(a.Files) < 10 || a.Entry != a.Files[0].Name {
		t.Fatalf("%d files, entry %s, first %s", len(a.Files), a.Entry, a.Files[0].Name)
	}
	for range 2 {
		b := build()
		if a.Entry != b.Entry || len(a.Files) != len(b.Files) {
			t.Fatalf("builds differ: %s (%d files), %s (%d files)", a.Entry, len(a.Files), b.Entry, len(b.Files))
		}
		for i := range a.Files {
			if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
				t.Fatalf("file %d differs between builds: %s, %s", i, a.Files[i].Name, b.Files[i].Name)
			}
		}
	}
	if a.Entry != EntryName || a.Files[0].Name != EntryName {
		t.Errorf("entry %s, first file %s; want %s", a.Entry, a.Files[0].Name, EntryName)
	}
	name := regexp.MustCompile(`^search/([tdf]\d+)\.([0-9a-f]{8})\.js$`)
	pageName := regexp.MustCompile(`^search/p\d+\.js$`) // loaded with their bucket's hash as a query
	for _, f := range a.Files[1:] {
		m := name.FindStringSubmatch(f.Name)
		switch {
		case pageName.MatchString(f.Name):
		case m == nil:
			t.Errorf("file %s is not named search/KIND.HASH.js or search/pN.js", f.Name)
		case m[2] != hash(f.Data):
			t.Errorf("%s: the name's hash is not that of the content", f.Name)
		}
	}
}

func TestBuildEscapes(t *testing.T) {
	doc, src := parse(t, "Close with `</script><script>alert(1)</script>` & <!-- more --> \u2028 text.\n\n"+
		"```html\n</script>\n```\n\n| code | name |\n| - | - |\n| </script> | <!-- x |\n")
	x := Build([]*Page{Extract(doc, src, "", "A </script> title")})
	for _, f := range x.Files {
		for _, bad := range []string{"</script", "<script", "<!--", "\u2028", "&"} {
			if bytes.Contains(f.Data, []byte(bad)) {
				t.Errorf("%s contains %q: %s", f.Name, bad, f.Data)
			}
		}
	}
}

// TestFindable checks that every term of every entry leads to it: through
// the directory to the one shard holding the term, whose postings list the
// entry with the best field the term occurs in, unless the term is too
// common and its list was capped; and so do its title and key whole, and
// the stem of each word (once an entry, with the best field of its forms).
func TestFindable(t *testing.T) {
	pages := site(t, 400, 3)
	x := Build(pages)
	c := newClient(t, x)
	byTerm := make(map[string][]posting)
	forms := make(map[string]map[string]bool) // stem → its words
	for pi, p := range pages {
		for ei := range p.Entries {
			stems := make(map[string]posting)
			for f, ts := range p.fieldTerms(ei) {
				for _, tm := range strings.Fields(ts) {
					flags := f
					switch tm {
					case p.keyTerm(ei):
						flags |= flagKey
					case p.wholeTerm(ei):
						flags |= flagWhole
					}
					byTerm[tm] = append(byTerm[tm], newPosting(pi, ei, flags))
					if len(tm) >= 3 && isASCIIWord(tm) {
						st := StemTerm(Stem(tm))
						stems[st] = max(stems[st], newPosting(pi, ei, f))
						if forms[st] == nil {
							forms[st] = make(map[string]bool)
						}
						forms[st][tm] = true
					}
				}
			}
			for st, p := range stems {
				byTerm[st] = append(byTerm[st], p)
			}
			for tm, flag := range map[string]int{p.keyTerm(ei): flagKey, p.wholeTerm(ei): flagWhole} {
				if strings.Contains(tm, " ") && (flag == flagKey || ei == 0) {
					byTerm[tm] = append(byTerm[tm], newPosting(pi, ei, fieldTitle|flag))
				}
			}
		}
	}
	stems := 0
	for st, words := range forms {
		if len(words) == 1 && words[strings.TrimSuffix(st, "\t")] {
			delete(byTerm, st) // the word is its own stem: no list of the stem
		} else {
			stems++
		}
	}
	if stems == 0 {
		t.Fatal("no word has a stem of its own: the corpus does not test stems")
	}
	capped := 0
	for tm, want := range byTerm {
		got, isCapped, ok := c.postings(tm)
		switch {
		case !ok:
			t.Errorf("term %q: not in the shard the directory points to", tm)
		case isCapped:
			capped++
			if len(want) <= MaxPostings || len(got) != MaxPostings {
				t.Errorf("term %q in %d entries: capped at %d postings", tm, len(want), len(got))
			}
			for _, p := range got {
				if !slices.Contains(want, p) {
					t.Errorf("term %q: posting %x is not an entry of the term", tm, p)
				}
			}
		case !slices.Equal(got, want):
			t.Errorf("term %q: postings %x, want %x", tm, got, want)
		}
	}
	if capped == 0 {
		t.Error("no term was capped: the corpus does not test capping")
	}
	t.Logf("%d terms (%d stems), %d capped, %d shards", len(byTerm), stems, capped, len(c.seps))
}

// TestCapKeepsBest checks that a capped list keeps the row whose key the
// term is, then titles, then the first in reading order.
func TestCapKeepsBest(t *testing.T) {
	var pages []*Page
	for i := range MaxPostings + 50 {
		src := "Some text. Common words here.\n"
		switch i {
		case 3:
			src = "## Common\n\nTitle.\n"
		case MaxPostings + 40:
			src = "| code | name |\n| - | - |\n| common | the row |\n"
		}
		doc, b := parse(t, src)
		pages = append(pages, Extract(doc, b, fmt.Sprintf("p%d/", i), "P"))
	}
	c := newClient(t, Build(pages))
	ps, capped, _ := c.postings("common")
	if !capped || len(ps) != MaxPostings {
		t.Fatalf("%d postings, capped %v; want %d, capped", len(ps), capped, MaxPostings)
	}
	if !slices.Contains(ps, newPosting(3, 1, fieldTitle|flagWhole)) || !slices.Contains(ps, newPosting(MaxPostings+40, 1, fieldTitle|flagKey)) {
		t.Errorf("the title and the row did not survive the cap")
	}
	if ps[0] != newPosting(0, 0, fieldText) || slices.Contains(ps, newPosting(MaxPostings+30, 0, fieldText)) {
		t.Errorf("the cap did not keep the first texts in reading order: first %x", ps[0])
	}
}

// TestCapKeepsExactTitle checks that a page titled exactly as a common
// word survives the cap, however many other titles have the word: the
// page a reader typing its title wants.
func TestCapKeepsExactTitle(t *testing.T) {
	var pages []*Page
	for i := range MaxPostings + 200 {
		title := fmt.Sprintf("Tar command %d", i)
		switch i {
		case MaxPostings + 150:
			title = "Tar"
		case MaxPostings + 160:
			title = "Command tar" // both words' lists capped without it
		}
		doc, b := parse(t, "Extract a tar archive.\n")
		pages = append(pages, Extract(doc, b, fmt.Sprintf("p%d/", i), title))
	}
	c := newClient(t, Build(pages))
	if ps, capped, _ := c.postings("tar"); !capped || !slices.Contains(ps, newPosting(MaxPostings+150, 0, fieldTitle|flagWhole)) {
		t.Fatalf("capped %v, the exact title is not among the %d postings", capped, len(ps))
	}
	if hits := c.query("tar"); len(hits) == 0 || hits[0].page != MaxPostings+150 {
		t.Errorf("tar: results %v, want page %d first", hits, MaxPostings+150)
	}
	if hits := newClient(t, Build(pages)).query("tar command 7"); len(hits) == 0 || hits[0].page != 7 {
		t.Errorf("tar command 7: results %v, want page 7 first", hits)
	}
	c = newClient(t, Build(pages))
	if ps, capped, _ := c.postings("command"); !capped || slices.Contains(ps, newPosting(MaxPostings+160, 0, fieldTitle)) {
		t.Fatalf("command: capped %v, with the page titled Command tar: the test needs it left out", capped)
	}
	if hits := c.query("command tar"); len(hits) == 0 || hits[0].page != MaxPostings+160 {
		t.Errorf("command tar: results %v, want page %d first", hits, MaxPostings+160)
	}
}

// TestQueries runs queries through the index as search.js does.
func TestQueries(t *testing.T) {
	pages := extract(t,
		testPage{"", "Home", "# Home\n\nThe gateway sends 4000 when it is lost.\n"},
		testPage{"close/", "Close codes", page},
		testPage{"events/", "Events", "| code | name |\n| - | - |\n| GUILD_CREATE | a guild is made |\n| GUILD_DELETE | a guild goes |\n\n## Guild create\n\nMore on guild create events.\n"},
	)
	pages = append(pages, site(t, 500, 5)...)
	x := Build(pages)
	for _, tt := range []struct {
		q    string
		want []string // the first results, as page/entry ids
	}{
		{"4004", []string{"close/#close-4004", "close/#reconnecting"}}, // the code first, then code blocks
		{"400", nil},            // numbers are whole: not 4000, not 4004
		{"4000", []string{"#"}}, // the home page
		{"auth fail", []string{"close/#close-4004"}},   // prefixes of words
		{"invalid seq", []string{"close/#close-4007"}}, // words in different shards
		{"guild create", []string{"events/#close-GUILD_CREATE", "events/#guild-create"}},
		{"zzzzq", nil},
	} {
		if got := firstResults(t, x, pages, tt.q, len(tt.want)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: first results %q, want %q", tt.q, got, tt.want)
		}
	}
}

// firstResults runs q on x, the index of pages, and returns its first n
// results as page URL#entry id.
func firstResults(t *testing.T, x Index, pages []*Page, q string, n int) []string {
	var got []string
	for _, h := range newClient(t, x).query(q) {
		p := pages[h.page]
		got = append(got, p.URL+"#"+p.Entries[h.entry].ID)
	}
	return got[:min(len(got), n)]
}

// Budget is the most a first query may load, in bytes: the entry file, the
// directory files and shards of its words and the page files of the
// results it shows (and their bucket files), plus search.js (under 9.6 kB). search.js waits for a pause in typing, so a
// query typed at speed or pasted loads only its own files; typed slowly,
// each start of it loads the page files of its results too (logged as
// "typed").
const Budget = 100<<10 - 9600

// byFrequency returns the terms of pages, the most common first.
func byFrequency(pages []*Page) []string {
	df := make(map[string]int)
	for _, p := range pages {
		for i := range p.Entries {
			for _, ts := range p.fieldTerms(i) {
				for _, tm := range strings.Fields(ts) {
					df[tm]++
				}
			}
		}
	}
	return slices.SortedFunc(maps.Keys(df), func(a, b string) int {
		if df[a] != df[b] {
			return df[b] - df[a]
		}
		return strings.Compare(a, b)
	})
}

// queries returns queries of every kind for pages: prefixes from one
// letter up, words from the most common to the rarest, pairs of them,
// numbers, codes.
func queries(pages []*Page) []string {
	terms := byFrequency(pages)
	q := []string{"k", "s", "ka", "st", "kat", "10004", "10", "1", "zzzz"}
	for _, rank := range []int{0, 1, 5, 20, 50, 100, 500, 2000, len(terms) / 2, len(terms) - 1} {
		if rank < len(terms) {
			q = append(q, terms[rank], terms[rank][:max(1, len(terms[rank])-2)])
		}
	}
	q = append(q, terms[0]+" "+terms[1], terms[0]+" "+terms[len(terms)/2], terms[10]+" "+terms[200]+" "+terms[3000%len(terms)],
		terms[len(terms)/3]+" "+terms[len(terms)/2][:2], terms[2]+" 10004",
		strings.Join(terms[3:10], " ")+" "+terms[len(terms)/2]) // a long query: its five longest words
	return q
}

// TestFirstQueryBudget holds a first query on a site of 2,000 pages to
// Budget; BenchmarkIndex checks 10,000.
func TestFirstQueryBudget(t *testing.T) {
	pages := site(t, 2000, 11)
	checkBudget(t, pages, Build(pages))
}

func checkBudget(t testing.TB, pages []*Page, x Index) {
	total, biggest := 0, 0
	for _, f := range x.Files {
		total += len(f.Data)
		if strings.HasPrefix(f.Name, "search/t") {
			biggest = max(biggest, len(f.Data))
		}
	}
	if biggest > ChunkSize+4<<10 {
		t.Errorf("the biggest shard has %d bytes; shards are cut at %d", biggest, ChunkSize)
	}
	t.Logf("%d pages: %d files, %d bytes in all; entry %d bytes, biggest shard %d", len(pages), len(x.Files), total, len(x.Files[0].Data), biggest)
	for _, q := range queries(pages) {
		c := newClient(t, x)
		hits := c.query(q)
		if c.bytes > Budget {
			t.Errorf("%q loads %d bytes (%d files), over %d", q, c.bytes, len(c.loaded), Budget)
		}
		slow := newClient(t, x)
		for i := range q {
			if utf8.RuneStart(q[i]) && i > 0 {
				slow.query(q[:i])
			}
		}
		slow.query(q)
		t.Logf("%-28q %3d results, loads %6d bytes in %2d files; typed slowly %6d bytes in %2d files",
			q, len(hits), c.bytes, len(c.loaded), slow.bytes, len(slow.loaded))
	}
}

// BenchmarkIndex builds the index of 10,000 pages and checks the first
// queries on it against Budget.
func BenchmarkIndex(b *testing.B) {
	pages := site(b, 10000, 13)
	var x Index
	b.ReportAllocs()
	for b.Loop() {
		x = Build(pages)
	}
	checkBudget(b, pages, x)
}

// BenchmarkExtract extracts 1,000 pages with one Dict, as a goroutine
// of a build extracts its share of a site's pages.
func BenchmarkExtract(b *testing.B) {
	type parsed struct {
		doc ast.Node
		src []byte
	}
	var pages []parsed
	for _, src := range corpus(1000, 13) {
		doc, b := parse(b, src)
		pages = append(pages, parsed{doc, b})
	}
	b.ReportAllocs()
	for b.Loop() {
		d := NewDict()
		for _, p := range pages {
			d.Extract(p.doc, p.src, "a/b/", "A title")
		}
	}
}

// TestCappedWords checks that words too common to be listed in full do
// not hide results: they are optional beside a rare word, and when every
// word is capped, entries that have the most of them are shown.
func TestCappedWords(t *testing.T) {
	pages := site(t, 1000, 5)
	common := byFrequency(pages)
	c0, c1 := common[0], common[1]
	doc, src := parse(t, "# Rare\n\n## Brewing\n\nThe "+c0+" took up zymurgy.\n")
	pages = append(pages, Extract(doc, src, "rare/", "Rare"))
	x := Build(pages)
	c := newClient(t, x)
	if ps, capped, _ := c.postings(c0); !capped || len(ps) != MaxPostings {
		t.Fatalf("%q is not capped: %d postings", c0, len(ps))
	}
	if ps, _, _ := c.postings(c0); slices.Contains(ps, newPosting(len(pages)-1, 1, fieldText)) {
		t.Fatalf("the test wants the entry with %q and zymurgy left out of its list", c0)
	}
	hits := c.query(c0 + " zymurgy")
	if len(hits) != 1 || hits[0].page != len(pages)-1 || hits[0].entry != 1 {
		t.Errorf("%q: hits %v, want only the entry with both", c0+" zymurgy", hits)
	}
	if hits := newClient(t, x).query(c0 + " " + c1); len(hits) != maxResults {
		t.Errorf("%q: %d hits, want %d", c0+" "+c1, len(hits), maxResults)
	}
}

// TestBuildSharedDicts checks that how pages share Dicts does not change
// the index: not which Dict numbered which page's terms, nor in what order
// they were numbered, nor terms a Dict has of pages left out of the Build,
// as when a preview server deletes a page.
func TestBuildSharedDicts(t *testing.T) {
	pages := append(slices.Clone(threePages), testPage{"gone/", "Gone", "# Gone\n\nWords only this page has: zyzzyva quokka.\n"})
	parsed := make([]struct {
		doc ast.Node
		src []byte
	}, len(pages))
	for i, p := range pages {
		parsed[i].doc, parsed[i].src = parse(t, p.src)
	}
	// extractWith extracts every page, in the order given, with the
	// Dict dict returns for it.
	extractWith := func(order []int, dict func(i int) *Dict) []*Page {
		out := make([]*Page, len(pages))
		for _, i := range order {
			out[i] = dict(i).Extract(parsed[i].doc, parsed[i].src, pages[i].url, pages[i].title)
		}
		return out
	}
	one, two := NewDict(), NewDict()
	want := Build(extractWith([]int{0, 1, 2}, func(int) *Dict { return NewDict() })[:3])
	for _, tc := range []struct {
		name  string
		order []int
		dict  func(i int) *Dict
	}{
		{"one Dict, the dropped page's terms first", []int{3, 2, 1, 0}, func(int) *Dict { return one }},
		{"two Dicts, taking turns", []int{0, 3, 1, 2}, func(i int) *Dict { return []*Dict{one, two}[i%2] }},
	} {
		got := Build(extractWith(tc.order, tc.dict)[:3])
		if got.Entry != want.Entry || len(got.Files) != len(want.Files) {
			t.Errorf("%s: entry %s, %d files; want %s, %d files", tc.name, got.Entry, len(got.Files), want.Entry, len(want.Files))
			continue
		}
		for i := range got.Files {
			if got.Files[i].Name != want.Files[i].Name || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
				t.Errorf("%s: file %d is %s:\n%s\nwant %s:\n%s", tc.name, i, got.Files[i].Name, got.Files[i].Data, want.Files[i].Name, want.Files[i].Data)
			}
		}
	}
}

// TestCapped checks capped against what it replaced: sorting the
// postings by flags, stably, keeping the first MaxPostings, and putting
// them back in reading order.
func TestCapped(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{MaxPostings, MaxPostings + 1, 3 * MaxPostings, 20000} {
		for _, flags := range [][]int{{0}, {1, 2}, {0, 1, 2, 3, 4, 5, 6, 7}, {3, 7}} {
			var l list
			var ps []posting
			page := 0
			for range n {
				page += r.IntN(3)
				p := newPosting(page, r.IntN(40), flags[r.IntN(len(flags))])
				if len(ps) > 0 && p <= ps[len(ps)-1] {
					continue // one posting an entry, in order
				}
				ps = append(ps, p)
				l.add(p)
			}
			want := l.enc
			if len(ps) > MaxPostings {
				best := slices.Clone(ps)
				slices.SortStableFunc(best, func(a, b posting) int { return b.flags() - a.flags() })
				best = best[:MaxPostings]
				slices.Sort(best)
				var c list
				c.enc = append(c.enc, '*')
				for _, p := range best {
					c.add(p)
				}
				want = c.enc
			}
			if got := l.capped(); !bytes.Equal(got, want) {
				t.Errorf("%d postings of flags %v: capped differs from sorting", len(ps), flags)
			}
		}
	}
}

// TestRanking checks the order of results as a reader would expect it: an
// exact title first (a page's before a heading's), then every word in a
// title, then in a heading, then in text; other forms of a word and words
// one typo away found too, below the word itself.
func TestRanking(t *testing.T) {
	pages := extract(t,
		testPage{"git-tar/", "git get-tar-commit-id", "# git get-tar-commit-id\n\nRead the commit id of a tar archive.\n"},
		testPage{"guide/", "Guide", "# Guide\n\nUse tar to pack files.\n\n## Resume\n\nResume a session.\n\n## Heartbeat interval\n\nHow often the client sends a heartbeat.\n"},
		testPage{"tar/", "tar", "# tar\n\nArchiving utility.\n"},
		testPage{"resume/", "Resume", "# Resume\n\nThe gateway retries once.\n"},
		testPage{"limits/", "Session resume limits", "# Session resume limits\n\nHow many sessions.\n"},
		testPage{"close/", "Close codes", page},
		testPage{"text/", "Other", "# Other\n\nA heartbeat, some interval later, and a session limit.\n"},
	)
	x := Build(pages)
	for _, tt := range []struct {
		q    string
		want []string // the first results, as page/entry ids
	}{
		{"tar", []string{"tar/#", "git-tar/#", "guide/#"}},                      // exact title, then a title with the word, then text
		{"resume", []string{"resume/#", "guide/#resume", "limits/#"}},           // a page's exact title, a heading's, a title with it
		{"session resume limits", []string{"limits/#"}},                         // a title of several words
		{"heartbeat interval", []string{"guide/#heartbeat-interval", "text/#"}}, // a heading with every word before text
		{"closing", []string{"close/#"}},                                        // closes: a form of close
		{"retry", []string{"resume/#"}},                                         // retries
		{"heartbaet", []string{"guide/#heartbeat-interval", "text/#"}},          // a typo: two letters swapped
		{"authentification", []string{"close/#close-4004"}},                     // two typos in a long word
		{"autentication", []string{"close/#close-4004"}},                        // a letter left out
		{"4004", []string{"close/#close-4004"}},                                 // codes stay first
		{"4005", nil},                                                           // numbers have no typos
		{"tra", nil},                                                            // nor words under four letters
	} {
		if got := firstResults(t, x, pages, tt.q, len(tt.want)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: first results %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestLateStem checks that a word before the last, whose stem is in
// another shard than the word (and is not loaded at first, to keep a query
// of many words small), still finds an entry through its stem when no
// entry has every word as typed.
func TestLateStem(t *testing.T) {
	var filler []testPage
	for p := range 30 { // words between "schedul\t" and "scheduling": shards of their own
		var b strings.Builder
		for i := range 100 {
			fmt.Fprintf(&b, "schedulb%04d ", p*100+i)
		}
		filler = append(filler, testPage{fmt.Sprintf("filler%d/", p), "Filler", b.String() + "\n"})
	}
	pages := extract(t, append(filler,
		testPage{"other/", "Other", "# Other\n\nScheduling is hard.\n"},
		testPage{"crontab/", "crontab", "# crontab\n\nSchedule cron jobs to run.\n"},
	)...)
	x := Build(pages)
	c := newClient(t, x)
	if c.find(StemTerm("schedul")) == c.find("scheduling") {
		t.Fatal("the stem and the word are in one shard: the test needs them apart")
	}
	hits := c.query("scheduling cron jobs")
	if len(hits) == 0 || pages[hits[0].page].URL != "crontab/" {
		t.Errorf("scheduling cron jobs: results %v, want crontab/ first", hits)
	}
}

// TestBuildStateFromLetsGo checks that BuildStateFrom asks for each page
// once, in order, and holds no page of a bucket it is done with: by the
// time it asks for the third bucket's first page, the collector has let
// the first bucket's pages go.
func TestBuildStateFromLetsGo(t *testing.T) {
	pages := site(t, 3*PageBucket+5, 9)
	held := make([]weak.Pointer[Page], len(pages))
	for i, p := range pages {
		held[i] = weak.Make(p)
	}
	var asked []int
	x, st := BuildStateFrom(len(pages), func(i int) *Page {
		asked = append(asked, i)
		if i == 2*PageBucket {
			runtime.GC()
			for j := range PageBucket {
				if held[j].Value() != nil {
					t.Fatalf("page %d, of the first bucket, is still held when page %d is asked for", j, i)
				}
			}
		}
		p := pages[i]
		pages[i] = nil // the caller's hold, as the builder's takeExtract drops it
		return p
	})
	if want := len(held); len(asked) != want || !slices.IsSorted(asked) || asked[0] != 0 || asked[want-1] != want-1 {
		t.Errorf("asked for pages %v, want each of 0 to %d once, in order", asked, want-1)
	}
	if len(st.urls) != len(held) || st.urls[len(held)-1] != fmt.Sprintf("s%d/p%d/", (len(held)-1)/50, len(held)-1) || len(x.Files) == 0 {
		t.Errorf("%d URLs, the last %q; %d files", len(st.urls), st.urls[len(st.urls)-1], len(x.Files))
	}
}
