// Command relevance measures how often a site's search puts the page a
// reader wants first: for each query of a list, it asks kettudocs's search
// field and Pagefind (indexing the same built HTML), in Chromium, and
// prints top-1 accuracy, MRR@5 and the bytes a first query loads, for each
// tool, overall and by kind of query:
//
//	relevance [-v] -queries FILE -kettudocs DIR -pagefind [LABEL=]DIR... [-name NAME] [-pages N]
//
// FILE has a query a line: kind, query and the page a reader wants, by
// tabs; the page is its path under the site ("common/tar/"), alternatives
// split by "|". kettudocs DIR is a site kettudocs built; each pagefind DIR
// a copy of it that `pagefind --site` indexed (-pagefind repeats, LABEL
// says how it was indexed, e.g. "--root-selector main"). bench/relevance/run
// does all of it for the vendored corpus.
//
// The bytes of a query are counted by the server: every response body it
// sent from when the tab was ready until the results showed (and the
// requests then under way ended), favicon aside. The page's own resource
// timing, which bench/firstquery reads, does not see what a Web Worker
// loads, and Pagefind loads its WebAssembly, index and results in one; for
// kettudocs the run checks that the two counts agree. Every response says
// Cache-Control: no-store, so each query pays for its files as a reader's
// first query does.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"
)

// query is a line of the queries file.
type query struct {
	kind, text string
	want       []string // paths under the site, any of which is right
}

// answer is what a tool made of a query.
type answer struct {
	paths []string // the results, in order, as paths under the site
	bytes int      // what the query loaded, as the server counted it
	// pageBytes is what the page's resource timing saw loaded, without
	// what its workers loaded.
	pageBytes int
}

// engine asks one tool a query in a fresh tab.
type engine struct {
	name  string // for the tables
	short string // for -v
	ask   func(browser context.Context, q string) (answer, error)
}

// pagefindSite is a copy of the site that pagefind indexed, and how.
type pagefindSite struct{ label, dir string }

func main() {
	log.SetPrefix("relevance: ")
	log.SetFlags(0)
	verbose := flag.Bool("v", false, "print each query's first results")
	qfile := flag.String("queries", "", "the queries file")
	kdir := flag.String("kettudocs", "", "a site kettudocs built")
	var psites []pagefindSite
	flag.Func("pagefind", "`[LABEL=]DIR`, a copy of the site that pagefind indexed (repeats)", func(v string) error {
		label, dir, ok := strings.Cut(v, "=")
		if !ok {
			label, dir = "", v
		}
		psites = append(psites, pagefindSite{label, dir})
		return nil
	})
	name := flag.String("name", "corpus", "the corpus's name, for the table")
	pages := flag.Int("pages", 0, "the corpus's number of pages, for the table")
	flag.Parse()
	if *qfile == "" || *kdir == "" || len(psites) == 0 {
		log.Fatal("usage: relevance [-v] -queries FILE -kettudocs DIR -pagefind [LABEL=]DIR... [-name NAME] [-pages N]")
	}
	queries, err := readQueries(*qfile)
	if err != nil {
		log.Fatal(err)
	}
	ksite := serve(*kdir)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox)...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		log.Fatal(err)
	}
	engines := []engine{
		{"kettudocs", "kettudocs", func(b context.Context, q string) (answer, error) { return askKettudocs(b, ksite, q) }},
	}
	for i, p := range psites {
		name, short := "pagefind "+pagefindVersion(p.dir), fmt.Sprintf("pagefind#%d", i+1)
		if p.label != "" {
			name += " " + p.label
		}
		site := serve(p.dir)
		engines = append(engines, engine{name, short, func(b context.Context, q string) (answer, error) { return askPagefind(b, site, q) }})
	}

	type score struct {
		top1, n    int
		rr         float64
		bytes      []int
		kindTop1   map[string]int
		kindN      map[string]int
		everything bool // some query had results
		agree      int  // queries whose bytes the page's resource timing saw all of
	}
	scores := make([]score, len(engines))
	for i := range scores {
		scores[i].kindTop1 = map[string]int{}
		scores[i].kindN = map[string]int{}
	}
	for _, q := range queries {
		for i, e := range engines {
			a, err := e.ask(browser, q.text)
			if err != nil {
				log.Fatalf("%s: %q: %v", e.name, q.text, err)
			}
			s := &scores[i]
			rank := slices.IndexFunc(a.paths, func(p string) bool { return slices.Contains(q.want, p) }) + 1
			s.n++
			s.kindN[q.kind]++
			if rank == 1 {
				s.top1++
				s.kindTop1[q.kind]++
			}
			if rank >= 1 && rank <= 5 {
				s.rr += 1 / float64(rank)
			}
			s.bytes = append(s.bytes, a.bytes)
			s.everything = s.everything || len(a.paths) > 0
			if a.pageBytes == a.bytes {
				s.agree++
			}
			if *verbose {
				mark := "ok  "
				if rank != 1 {
					mark = fmt.Sprintf("#%-3d", rank)
					if rank == 0 {
						mark = "miss"
					}
				}
				fmt.Printf("%s %-10s %-6s %-36q %6.1f kB %v\n", mark, e.short, q.kind, q.text, float64(a.bytes)/1000, a.paths[:min(3, len(a.paths))])
			}
		}
	}

	if *verbose {
		fmt.Println()
		for _, e := range engines {
			fmt.Printf("%s: %s\n", e.short, e.name)
		}
	}
	fmt.Printf("\n| corpus | pages | tool | queries | top-1 | MRR@5 | first query, median / largest |\n")
	fmt.Printf("| ------ | ----- | ---- | ------- | ----- | ----- | ----------------------------- |\n")
	for i, e := range engines {
		s := scores[i]
		b := slices.Sorted(slices.Values(s.bytes))
		fmt.Printf("| %s | %d | %s | %d | %.0f %% | %.3f | %.1f kB / %.1f kB |\n", *name, *pages, e.name, s.n,
			100*float64(s.top1)/float64(s.n), s.rr/float64(s.n), float64(b[len(b)/2])/1000, float64(b[len(b)-1])/1000)
	}
	kinds := []string{}
	for _, q := range queries {
		if !slices.Contains(kinds, q.kind) {
			kinds = append(kinds, q.kind)
		}
	}
	fmt.Printf("\n| top-1 by kind of query |")
	for _, e := range engines {
		fmt.Printf(" %s |", e.name)
	}
	fmt.Printf("\n| --- |%s\n", strings.Repeat(" --- |", len(engines)))
	for _, k := range kinds {
		fmt.Printf("| %s (%d) |", k, scores[0].kindN[k])
		for i := range engines {
			fmt.Printf(" %d of %d |", scores[i].kindTop1[k], scores[i].kindN[k])
		}
		fmt.Println()
	}
	fmt.Println()
	for i, e := range engines {
		fmt.Printf("%s: the page's resource timing saw every byte the server sent for %d of %d queries\n", e.name, scores[i].agree, scores[i].n)
	}
	for i, e := range engines {
		if !scores[i].everything {
			log.Fatalf("%s gave no results for any query: the harness is broken", e.name)
		}
	}
}

func readQueries(name string) ([]query, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []query
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		parts := strings.Split(text, "\t")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want kind, query and page, split by tabs; have %q", name, line, text)
		}
		var want []string
		for _, w := range strings.Split(parts[2], "|") {
			want = append(want, pagePath(w))
		}
		out = append(out, query{parts[0], parts[1], want})
	}
	return out, sc.Err()
}

// site is a built site served on loopback, which counts the bytes it sends.
type site struct {
	base     string
	sent     atomic.Int64 // bytes of response bodies, favicon aside
	underway atomic.Int64 // requests not yet answered
}

// serve serves dir on loopback, without compression: the bytes counted
// are the files' own, as a reader opening the site from disk loads them.
// The page /relevance.html, empty, is where Pagefind's API is loaded.
func serve(dir string) *site {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	s := &site{base: "http://" + ln.Addr().String() + "/"}
	files := http.FileServer(http.Dir(dir))
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.underway.Add(1)
		defer s.underway.Add(-1)
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == "/relevance.html" {
			fmt.Fprint(w, "<!doctype html><html lang=en><title>relevance</title><p>relevance</p>")
			return
		}
		if r.URL.Path == "/favicon.ico" {
			files.ServeHTTP(w, r)
			return
		}
		files.ServeHTTP(counter{w, &s.sent}, r)
	}))
	return s
}

// counter counts the bytes of a response's body.
type counter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c counter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// since returns the bytes sent since the count was mark, once the
// requests under way have been answered.
func (s *site) since(ctx context.Context, mark int64) (int, error) {
	for s.underway.Load() > 0 {
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("waiting for the requests under way: %w", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return int(s.sent.Load() - mark), nil
}

// resources is the number of resources the tab has loaded so far, read
// before a query to count what the query loads.
const resources = `performance.setResourceTimingBufferSize(100000), performance.getEntriesByType("resource").length`

// loaded sums the bytes of the resources loaded since the first n.
func loaded(ctx context.Context, n int) (int, error) {
	sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(
		`performance.getEntriesByType("resource").slice(%d).filter(function (e) { return !/favicon\.ico$/.test(e.name); }).map(function (e) { return e.decodedBodySize; })`, n)))
	total := 0
	for _, s := range sizes {
		total += int(s)
	}
	return total, err
}

// measured is the answer of a query whose results are paths, with the
// bytes the server sent since mark and the page saw since its nth resource.
func measured(ctx context.Context, s *site, mark int64, n int, paths []string) (answer, error) {
	page, err := loaded(ctx, n)
	if err != nil {
		return answer{}, err
	}
	sent, err := s.since(ctx, mark)
	return answer{paths, sent, page}, err
}

// askKettudocs pastes q into the search field of the site's home page, as
// a reader would, and reads the results the field lists.
func askKettudocs(browser context.Context, s *site, q string) (answer, error) {
	base := s.base
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitReady(chromedp.CSS("#search-input"))); err != nil {
		return answer{}, err
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](resources))
	if err != nil {
		return answer{}, err
	}
	mark := s.sent.Load()
	js, _ := json.Marshal(q)
	err = chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#search-input")),
		chromedp.Evaluate[chromedp.Void](`(function () { var f = document.getElementById("search-input"); f.value = `+string(js)+`; f.dispatchEvent(new Event("input", {bubbles: true})); })()`),
		chromedp.Poll[chromedp.Void](`!document.querySelector(".search-panel").hidden && !document.getElementById("search-list").hasAttribute("aria-busy") &&
			document.querySelector("#search [aria-live]").textContent !== ""`, chromedp.WithPollingInterval(20*time.Millisecond)),
	)
	if err != nil {
		return answer{}, err
	}
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.prototype.map.call(document.querySelectorAll("#search-list > [role=option]"), function (a) { return a.href; })`))
	if err != nil {
		return answer{}, err
	}
	return measured(ctx, s, mark, n, paths(base, hrefs))
}

// askPagefind searches with Pagefind's own API, loaded from the index's
// folder, and reads the URLs of the first ten results, as its UI would
// show them (each result's data is a file of its own, loaded and counted).
func askPagefind(browser context.Context, s *site, q string) (answer, error) {
	base := s.base
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"relevance.html")); err != nil {
		return answer{}, err
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](resources))
	if err != nil {
		return answer{}, err
	}
	mark := s.sent.Load()
	js, _ := json.Marshal(q)
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async function () {
		const pagefind = await import("/pagefind/pagefind.js");
		await pagefind.init?.();
		const r = await pagefind.search(`+string(js)+`);
		const data = await Promise.all(r.results.slice(0, 10).map(function (x) { return x.data(); }));
		return data.map(function (d) { return d.url; });
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return answer{}, err
	}
	return measured(ctx, s, mark, n, paths(base, urls))
}

// paths turns the links of results into paths under the site: no origin,
// fragment or index.html.
func paths(base string, links []string) []string {
	b, _ := url.Parse(base)
	var out []string
	for _, l := range links {
		u, err := b.Parse(l)
		if err != nil {
			continue
		}
		out = append(out, pagePath(u.Path))
	}
	return out
}

// pagePath is a page's path under the site as the queries file and
// results are compared: no leading slash, no index.html, a trailing slash.
func pagePath(p string) string {
	p = strings.TrimPrefix(p, "/")
	p = strings.TrimSuffix(p, "index.html")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// pagefindVersion reads the version pagefind wrote into its entry file.
func pagefindVersion(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "pagefind", "pagefind-entry.json"))
	if err != nil {
		return ""
	}
	var entry struct {
		Version string `json:"version"`
	}
	json.Unmarshal(data, &entry)
	return entry.Version
}
