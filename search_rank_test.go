package kettudocs_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/kettu/kettudocs/builder/search"
	"github.com/kettu/kettudocs/internal/browsertest"
)

// rankingSite is a site whose pages make the search's ranking rules
// visible: a page titled "tar" after one whose title merely has the word,
// a page titled "Resume" after a heading of that name, word forms and
// words a typo away.
var rankingSite = fstest.MapFS{
	"index.md":   {Data: []byte("# Home\n\nStart here.\n")},
	"git-tar.md": {Data: []byte("# git get-tar-commit-id\n\nRead the commit id of a tar archive.\n")},
	"guide.md": {Data: []byte("# Guide\n\nUse tar to pack files.\n\n## Resume\n\nResume a session.\n\n" +
		"## Heartbeat interval\n\nHow often the client sends a heartbeat.\n")},
	"tar.md":    {Data: []byte("# tar\n\nArchiving utility.\n")},
	"resume.md": {Data: []byte("# Resume\n\nThe gateway retries once, then closes the connection.\n")},
	"limits.md": {Data: []byte("# Session resume limits\n\nHow many sessions a token may resume.\n")},
	"other.md":  {Data: []byte("# Other\n\nA heartbeat, some interval later, and a session limit. Authentication happens first.\n")},
}

// TestSearchRanking types queries into the search field in Chromium and
// checks the first results: an exact title first (a page's before a
// heading's), then titles with every word, then headings, then text;
// other forms of a word and words one or two typos away found too.
func TestSearchRanking(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveSite(t, rankingSite, nil)
	tab := browsertest.Tab(t, b)
	do(t, tab, chromedp.Navigate(s.url))
	for _, tt := range []struct {
		q    string
		want []string // the first results, as paths under the site
		mark string   // what the first result marks first
	}{
		{"tar", []string{"tar/", "git-tar/", "guide/"}, "tar"},
		{"resume", []string{"resume/", "guide/#resume", "limits/"}, "Resume"},
		{"session resume limits", []string{"limits/"}, "Session"},
		{"heartbeat interval", []string{"guide/#heartbeat-interval", "other/"}, "Heartbeat"},
		{"closing", []string{"resume/"}, "closes"}, // another form, marked as found
		{"retry", []string{"resume/"}, "retries"},
		{"heartbaet", []string{"guide/#heartbeat-interval", "other/"}, "Heartbeat"}, // two letters swapped
		{"authentification", []string{"other/"}, "Authentication"},                  // two typos in a long word
	} {
		typeQuery(t, tab, tt.q)
		r := results(t, tab)
		got := make([]string, 0, len(r.Hrefs))
		for _, h := range r.Hrefs {
			got = append(got, strings.TrimPrefix(h, s.url))
		}
		if len(got) > len(tt.want) {
			got = got[:len(tt.want)]
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: first results %q, want %q", tt.q, got, tt.want)
		} else if r.Marks[0] != tt.mark {
			t.Errorf("%q: first result %q marks %q, want %q", tt.q, r.Texts[0], r.Marks[0], tt.mark)
		}
	}
}

// stemJS is search.js's stem function, as written.
var stemJS = regexp.MustCompile(`(?s)\n  var stem = (function \(w\) \{\n.*?\n  \});\n`)

// TestStemInBrowser runs search.js's stem in Chromium over every word of
// the kettu docs and README and over random words made of endings, and
// requires search.Stem's answer for each: a query is stemmed in the
// browser, the index in Go, and a word stemmed differently is not found.
func TestStemInBrowser(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	m := stemJS.FindSubmatch(src)
	if m == nil {
		t.Fatal("static/search.js has no stem function of the expected form")
	}
	words := map[string]bool{}
	for _, name := range []string{"README.md", "content/opcodes-and-status-codes.md", "content/writing-docs.md", "content/_index.md"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range search.Terms(string(data)) {
			words[w] = true
		}
	}
	r := rand.New(rand.NewPCG(7, 7))
	parts := []string{"a", "e", "i", "s", "y", "b", "d", "l", "t", "z", "ie", "ss", "us", "ing", "ed", "es", "ies", "sses", "ied", "ee"}
	for range 3000 {
		var w strings.Builder
		for range 1 + r.IntN(4) {
			w.WriteString(parts[r.IntN(len(parts))])
		}
		words[w.String()] = true
	}
	list := slices.Sorted(maps.Keys(words))
	in, _ := json.Marshal(list)
	b := browsertest.Browser(t)
	tab := browsertest.Tab(t, b)
	got := eval[[]string](t, tab, `(function () { var stem = `+string(m[1])+`; return `+string(in)+`.map(stem); })()`)
	if len(got) != len(list) {
		t.Fatalf("%d stems for %d words", len(got), len(list))
	}
	bad := 0
	for i, w := range list {
		if want := search.Stem(w); got[i] != want {
			if bad++; bad <= 20 {
				t.Errorf("stem(%q): search.js %q, search.Stem %q", w, got[i], want)
			}
		}
	}
	t.Logf("%d words stemmed alike, %d not", len(list)-bad, bad)
}
