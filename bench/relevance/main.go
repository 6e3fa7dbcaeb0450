// Command relevance measures how often a site's search puts the page a
// reader wants first: for each query of a list, it asks kettudocs's search
// field and Pagefind (indexing the same built HTML), in Chromium, and
// prints top-1 accuracy, MRR@5 and the bytes a first query loads, for both
// tools, overall and by kind of query:
//
//	relevance [-v] -queries FILE -kettudocs DIR -pagefind DIR [-name NAME]
//
// FILE has a query a line: kind, query and the page a reader wants, by
// tabs; the page is its path under the site ("common/tar/"), alternatives
// split by "|". kettudocs DIR is a site kettudocs built; pagefind DIR a
// copy of it that `pagefind --site` indexed. bench/relevance/run does all
// of it for the vendored corpus.
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
	bytes int      // what the query loaded
}

// engine asks one tool a query in a fresh tab.
type engine struct {
	name string
	ask  func(browser context.Context, q string) (answer, error)
}

func main() {
	log.SetPrefix("relevance: ")
	log.SetFlags(0)
	verbose := flag.Bool("v", false, "print each query's first results")
	qfile := flag.String("queries", "", "the queries file")
	kdir := flag.String("kettudocs", "", "a site kettudocs built")
	pdir := flag.String("pagefind", "", "a copy of the site that pagefind indexed")
	name := flag.String("name", "corpus", "the corpus's name, for the table")
	pages := flag.Int("pages", 0, "the corpus's number of pages, for the table")
	flag.Parse()
	if *qfile == "" || *kdir == "" || *pdir == "" {
		log.Fatal("usage: relevance [-v] -queries FILE -kettudocs DIR -pagefind DIR [-name NAME] [-pages N]")
	}
	queries, err := readQueries(*qfile)
	if err != nil {
		log.Fatal(err)
	}
	kbase := serve(*kdir)
	pbase := serve(*pdir)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox)...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		log.Fatal(err)
	}
	engines := []engine{
		{"kettudocs", func(b context.Context, q string) (answer, error) { return askKettudocs(b, kbase, q) }},
		{"pagefind " + pagefindVersion(*pdir), func(b context.Context, q string) (answer, error) { return askPagefind(b, pbase, q) }},
	}

	type score struct {
		top1, n    int
		rr         float64
		bytes      []int
		kindTop1   map[string]int
		kindN      map[string]int
		everything bool // some query had results
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
			if *verbose {
				mark := "ok  "
				if rank != 1 {
					mark = fmt.Sprintf("#%-3d", rank)
					if rank == 0 {
						mark = "miss"
					}
				}
				fmt.Printf("%s %-10s %-6s %-36q %6.1f kB %v\n", mark, e.name[:min(len(e.name), 10)], q.kind, q.text, float64(a.bytes)/1000, a.paths[:min(3, len(a.paths))])
			}
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
		out = append(out, query{parts[0], parts[1], strings.Split(parts[2], "|")})
	}
	return out, sc.Err()
}

// serve serves dir on loopback, without compression: the bytes counted
// are the files' own, as a reader opening the site from disk loads them.
// The page /relevance.html, empty, is where Pagefind's API is loaded.
func serve(dir string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	mux.HandleFunc("/relevance.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><html lang=en><title>relevance</title><p>relevance</p>")
	})
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String() + "/"
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

// askKettudocs pastes q into the search field of the site's home page, as
// a reader would, and reads the results the field lists.
func askKettudocs(browser context.Context, base, q string) (answer, error) {
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
	bytes, err := loaded(ctx, n)
	return answer{paths(base, hrefs), bytes}, err
}

// askPagefind searches with Pagefind's own API, loaded from the index's
// folder, and reads the URLs of the first ten results, as its UI would
// show them (each result's data is a file of its own, loaded and counted).
func askPagefind(browser context.Context, base, q string) (answer, error) {
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
	js, _ := json.Marshal(q)
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async function () {
		const pagefind = await import("/pagefind/pagefind.js");
		await pagefind.init();
		const r = await pagefind.search(`+string(js)+`);
		const data = await Promise.all(r.results.slice(0, 10).map(function (x) { return x.data(); }));
		return data.map(function (d) { return d.url; });
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return answer{}, err
	}
	bytes, err := loaded(ctx, n)
	return answer{paths(base, urls), bytes}, err
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
		p := strings.TrimPrefix(u.Path, "/")
		p = strings.TrimSuffix(p, "index.html")
		if p != "" && !strings.HasSuffix(p, "/") {
			p += "/"
		}
		out = append(out, p)
	}
	return out
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
