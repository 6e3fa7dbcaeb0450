package builder

import (
	"context"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/kettu/kettudocs/builder/linkcheck"
)

// externalPage has one link of every kind, external or not; the comments
// at the end of the lines say which are collected.
const externalPage = `# Links

[a](https://example.com/a) and ![i](http://example.com/i.png "img") <!-- both -->
<https://example.com/auto>, www.example.com/www and https://example.com/bare <!-- all three -->
[p](//example.com/proto) [H](HTTPS://Example.com/Up#Frag) <!-- both, p as https -->
[m](mailto:a@example.com) <a@example.com> [t](tel:123) [f](ftp://example.com/) <!-- none -->
[here](#links) [page](other.md) [img](i.png) <!-- none: internal -->
<a href="https://example.com/raw">raw HTML</a> <!-- none: raw HTML is not parsed -->

| code | link |
| ---- | ---- |
| 1    | [cell](https://example.com/cell) |

` + "`https://example.com/code`\n\n```\nhttps://example.com/block\n```\n"

func TestExternalLinksAreCollected(t *testing.T) {
	b, err := New(Config{Content: fstest.MapFS{
		"_index.md": md(externalPage),
		"other.md":  md("# Other\n\nSee [x](https://example.com/other).\n"),
		"draft.md":  md("---\ndraft: true\n---\n[d](https://example.com/draft)\n"),
		"i.png":     {Data: []byte("png")},
	}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	s, problems, err := b.load(context.Background(), nil, nil, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load: %v %v", problems, err)
	}
	var got []string
	for _, l := range externalLinks(s) {
		got = append(got, l.Pos.String()+" "+l.URL)
	}
	sort.Strings(got)
	want := []string{
		"_index.md:12:10 https://example.com/cell",
		"_index.md:3:1 https://example.com/a",
		"_index.md:3:32 http://example.com/i.png",
		"_index.md:4:1 https://example.com/auto",
		"_index.md:4:29 http://www.example.com/www",
		"_index.md:4:53 https://example.com/bare",
		"_index.md:5:1 https://example.com/proto",
		"_index.md:5:26 HTTPS://Example.com/Up#Frag",
		"other.md:3:5 https://example.com/other",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("external links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// roundTripper answers requests in memory.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestCheckExternal(t *testing.T) {
	var (
		mu   sync.Mutex
		reqs []string
	)
	client := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		reqs = append(reqs, r.Method+" "+r.URL.String())
		mu.Unlock()
		code := http.StatusOK
		if strings.HasPrefix(r.URL.Path, "/gone") {
			code = http.StatusNotFound
		}
		return &http.Response{StatusCode: code, Body: http.NoBody, Request: r}, nil
	})}
	b, err := New(Config{Content: fstest.MapFS{
		"_index.md": md("# Home\n\n[gone](https://example.com/gone) [ok](https://example.com/ok)\n\n[missing](missing.md)\n"),
		"a.md":      md("# A\n\n<https://example.com/gone#x> [skip](https://skip.example/gone)\n"),
	}, Theme: testTheme})
	if err != nil {
		t.Fatal(err)
	}
	c := &linkcheck.Checker{AllowPrivate: true, Client: client, Exclude: []*regexp.Regexp{regexp.MustCompile(`^https://skip\.`)}}
	problems, rep, err := b.CheckExternal(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Pos.String()+": "+p.Msg)
	}
	want := []string{
		`_index.md:3:1: broken external link "https://example.com/gone": 404 Not Found`,
		`_index.md:5:1: broken link "missing.md": no page missing.md`,
		`a.md:3:1: broken external link "https://example.com/gone#x": 404 Not Found`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	sort.Strings(reqs)
	// /gone is used with a fragment: a GET, to read the page's anchors.
	if want := []string{"GET https://example.com/gone", "HEAD https://example.com/ok"}; !reflect.DeepEqual(reqs, want) {
		t.Errorf("requests %q, want %q", reqs, want)
	}
	if s := rep.String(); s != "checked 3 external links (2 unique): 2 broken, 1 excluded" {
		t.Errorf("summary %q", s)
	}
}

func externalLinks(s *site) []linkcheck.Link {
	var all []linkcheck.Link
	for _, p := range s.pages.All() {
		all = append(all, p.external...)
	}
	return all
}
