// Command firstquery measures what a first search query costs a reader of
// a built site: it serves the site on loopback, opens a page in Chromium,
// pastes each query into a fresh page's search field, waits for the
// answer, and sums the bytes of every file the page loaded for search
// (nothing else the page loads is counted). It prints the largest total
// over the queries, for bench/compare:
//
//	firstquery [-v] DIR [QUERY...]
//
// Without queries it asks what a reader would: the full title of a page in
// the middle of the site, its first word, a word of a page's text, and a
// JSON error code (50004), as typed in the benchmark corpus.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	log.SetPrefix("firstquery: ")
	log.SetFlags(0)
	verbose := flag.Bool("v", false, "print each query's bytes and files")
	flag.Parse()
	if flag.NArg() < 1 {
		log.Fatal("usage: firstquery [-v] DIR [QUERY...]")
	}
	dir := flag.Arg(0)
	queries := flag.Args()[1:]
	if len(queries) == 0 {
		var err error
		if queries, err = defaultQueries(dir); err != nil {
			log.Fatal(err)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	// No compression: the bytes counted are the files' own, as a reader
	// opening the site from disk loads them.
	go http.Serve(ln, http.FileServer(http.Dir(dir)))
	base := "http://" + ln.Addr().String() + "/"

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox)...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		log.Fatalf("starting chromium: %v", err)
	}

	worst := 0
	for _, q := range queries {
		n, files, err := measure(browser, base, q)
		if err != nil {
			log.Fatalf("query %q: %v", q, err)
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "%q: %d bytes in %d files: %s\n", q, n, len(files), strings.Join(files, " "))
		}
		worst = max(worst, n)
	}
	fmt.Printf("%.1f kB (largest of %d queries)\n", float64(worst)/1000, len(queries))
}

// measure types q into the search field of a fresh tab and returns the
// bytes and names of the files loaded from the first focus of the field
// until the results show.
func measure(browser context.Context, base, q string) (int, []string, error) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(tab, 60*time.Second)
	defer cancel2()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitReady(chromedp.CSS("#search-input")),
	)
	if err != nil {
		return 0, nil, err
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.setResourceTimingBufferSize(10000), performance.getEntriesByType("resource").length`))
	if err != nil {
		return 0, nil, err
	}
	// The query arrives whole, as pasted: typed letter by letter on a
	// busy machine, each pause would be a query of its own.
	js, _ := json.Marshal(q)
	err = chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#search-input")),
		chromedp.Evaluate[chromedp.Void](`(function () { var f = document.getElementById("search-input"); f.value = `+string(js)+`; f.dispatchEvent(new Event("input", {bubbles: true})); })()`),
		chromedp.Poll[chromedp.Void](`!document.querySelector(".search-panel").hidden && document.querySelector("#search [aria-live]").textContent !== ""`,
			chromedp.WithPollingInterval(20*time.Millisecond)),
	)
	if err != nil {
		return 0, nil, err
	}
	type resource struct {
		Name string  `json:"name"`
		Size float64 `json:"size"`
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[[]resource](fmt.Sprintf(`performance.getEntriesByType("resource").slice(%d).map(function (e) { return {name: e.name, size: e.decodedBodySize}; })`, before)))
	if err != nil {
		return 0, nil, err
	}
	total, names := 0, []string(nil)
	for _, r := range loaded {
		if strings.HasSuffix(r.Name, "/favicon.ico") {
			continue // the browser's own request, not the page's
		}
		total += int(r.Size)
		names = append(names, strings.TrimPrefix(r.Name, base))
	}
	return total, names, nil
}

var titleRE = regexp.MustCompile(`<title>([^<·]*)`)

// defaultQueries picks queries from the built site: the title of the page
// in the middle of the site (the full title, and its first word), a word
// from the text of another page, and a JSON error code.
func defaultQueries(dir string) ([]string, error) {
	var pages []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Contains(p, "page-") {
			pages = append(pages, p)
		}
		return nil
	})
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages of the benchmark corpus (page-NNNNN) in %s", dir)
	}
	sort.Strings(pages)
	mid, err := os.ReadFile(pages[len(pages)/2])
	if err != nil {
		return nil, err
	}
	m := titleRE.FindSubmatch(mid)
	if m == nil {
		return nil, fmt.Errorf("%s has no title", pages[len(pages)/2])
	}
	title := strings.TrimSpace(string(m[1]))
	other, err := os.ReadFile(pages[len(pages)/3])
	if err != nil {
		return nil, err
	}
	word := "kettu"
	if p := regexp.MustCompile(`<p>(\w+) (\w+)`).FindSubmatch(other); p != nil {
		word = string(p[2])
	}
	return []string{title, strings.Fields(title)[0], word, "50004"}, nil
}
