//go:build unix

// Command editlatency measures what a writer waits for in a live preview:
// the time from saving a page to the change showing in the page open in
// Chromium. It starts the preview server given after "--", waits until
// the page answers, opens it, and then, EDITS times each:
//
//   - body: appends a paragraph with a new word to the page's file and
//     waits until the word is in the open page's DOM;
//   - heading: the same with a new section, its heading holding the word
//     (the page's "On this page" and navigation list it too);
//   - title: renames the page (its front matter title) and loads another
//     page (one whose navigation, or whose list of the section, shows the
//     title) again and again until it shows the new title: a change must
//     reach the pages around it by their next load.
//
// A page that reloads to show the change counts until its new DOM was
// ready (Navigation Timing's domInteractive); one whose <main> kettudocs's
// live reload put in place, until the frame that showed it (the
// "kettudocs:painted" mark, set after that frame's animation callbacks);
// any other change in place, until the poll (every few milliseconds) saw
// it. It prints p50/p95 of
// each, the time until the page first answered, and the server's peak
// and final resident memory, for bench/serve:
//
//	editlatency -site DIR -page REL.md -url PATH -other PATH [-n EDITS] -- CMD ARGS...
//
// An edit that has not shown after 15 s is counted as missed, not timed.
// The page's file is restored when it ends.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	log.SetPrefix("editlatency: ")
	log.SetFlags(0)
	site := flag.String("site", "", "the site folder the server serves (its content/ holds -page)")
	pageFile := flag.String("page", "", "the page to edit, relative to the content folder")
	pageURL := flag.String("url", "", "the URL of that page, e.g. http://127.0.0.1:1414/section-01/page-00001/")
	other := flag.String("other", "", "the URL of a page that shows the edited page's title")
	n := flag.Int("n", 20, "edits of each kind")
	flag.Parse()
	if *site == "" || *pageFile == "" || *pageURL == "" || *other == "" || flag.NArg() == 0 {
		log.Fatal("usage: editlatency -site DIR -page REL.md -url URL -other URL [-n EDITS] -- CMD ARGS...")
	}
	file := filepath.Join(*site, "content", filepath.FromSlash(*pageFile))
	orig, err := os.ReadFile(file)
	if err != nil {
		log.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)

	start := time.Now()
	srv := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	srv.Dir = *site
	srv.Stdout, srv.Stderr = nil, os.Stderr
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	// log.Fatal skips deferred calls: from here on, fatal stops the server
	// and puts the page back first.
	stop := func() {
		syscall.Kill(-srv.Process.Pid, syscall.SIGTERM)
		srv.Wait()
		os.WriteFile(file, orig, 0o644)
	}
	defer stop()
	fatal := func(v ...any) {
		stop()
		log.Fatal(v...)
	}
	for {
		resp, err := http.Get(*pageURL)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 10*time.Minute {
			fatal("the page never answered")
		}
		time.Sleep(20 * time.Millisecond)
	}
	startup := time.Since(start)
	events := listen(*pageURL)

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox)...)
	defer cancel()
	tab, cancel := chromedp.NewContext(alloc)
	defer cancel()

	// measure makes n edits and returns how long each took to show in the
	// page at url: open, or, with load, loaded again and again until it
	// shows the change.
	misses := 0
	// The phases of body edits that reloaded the page: write → the
	// server's reload event, write → the new page's first paint of the
	// changed content.
	var event, paint []time.Duration
	// The same for body edits that live reload put in place: write → the
	// reload event, write → the frame that showed the new <main>.
	var swapEvent, swaps []time.Duration
	measure := func(url string, load bool, edit func(i int) string) []time.Duration {
		if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
			fatal(err)
		}
		var out []time.Duration
		for i := range *n {
			time.Sleep(300 * time.Millisecond) // let the last change settle
			drain(events)
			marker := edit(i)
			t0 := time.Now()
			for {
				if time.Since(t0) > 15*time.Second {
					// Counted, not measured: a preview that loses an edit
					// is one the writer reloads by hand.
					log.Printf("%q did not show in %s within 15 s", marker, url)
					misses++
					break
				}
				if load {
					// The page may be reloading itself (live reload),
					// which aborts this load: load it again.
					if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
						continue
					}
				}
				shown, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
					if (!document.body || !document.body.innerText.includes(%q)) return [0, 0];
					const nav = performance.getEntriesByType("navigation")[0];
					const fcp = performance.getEntriesByName("first-contentful-paint")[0];
					const swap = performance.getEntriesByName("kettudocs:painted").pop();
					return [performance.timeOrigin + (nav ? nav.domInteractive : 0), fcp ? performance.timeOrigin + fcp.startTime : 0, swap ? performance.timeOrigin + swap.startTime : 0];
				})()`, marker)))
				if err != nil || len(shown) != 3 || shown[0] == 0 {
					time.Sleep(3 * time.Millisecond)
					continue
				}
				d := time.Since(t0)
				if swapped := time.UnixMicro(int64(shown[2] * 1000)); !load && swapped.After(t0) {
					// Live reload put the new <main> in place (see
					// builder/reload): it marks the frame that showed it.
					d = swapped.Sub(t0)
					swaps = append(swaps, d)
					select {
					case at := <-events:
						swapEvent = append(swapEvent, at.Sub(t0))
					default:
					}
					out = append(out, d)
					break
				}
				// A page that reloaded was ready at domInteractive.
				if ready := time.UnixMicro(int64(shown[0] * 1000)); ready.After(t0) {
					d = ready.Sub(t0)
					if !load {
						// The first paint comes after the DOM is ready.
						fcp := shown[1]
						for deadline := time.Now().Add(2 * time.Second); fcp == 0 && time.Now().Before(deadline); {
							time.Sleep(3 * time.Millisecond)
							fcp, _ = chromedp.Run(tab, chromedp.Evaluate[float64](`(() => {
								const e = performance.getEntriesByName("first-contentful-paint")[0];
								return e ? performance.timeOrigin + e.startTime : 0;
							})()`))
						}
						if at := time.UnixMicro(int64(fcp * 1000)); at.After(t0) {
							paint = append(paint, at.Sub(t0))
						}
						select {
						case at := <-events:
							event = append(event, at.Sub(t0))
						default:
						}
					}
				}
				out = append(out, d)
				break
			}
		}
		return out
	}

	// appended returns an edit that adds what add makes of a new word to
	// the end of the page, and returns the word.
	appended := func(kind string, add func(word string) string) func(i int) string {
		return func(i int) string {
			word := fmt.Sprintf("%s%dx%d", kind, i, time.Now().UnixNano()%1e6)
			if err := os.WriteFile(file, []byte(string(orig)+add(word)), 0o644); err != nil {
				fatal(err)
			}
			return word
		}
	}
	body := measure(*pageURL, false, appended("editmark", func(w string) string {
		return "\n\nA new paragraph with " + w + " in it.\n"
	}))
	heading := measure(*pageURL, false, appended("headmark", func(w string) string {
		return "\n\n## A new heading " + w + "\n\nAnd a paragraph under it.\n"
	}))
	titleLine := regexp.MustCompile(`(?m)^title: .*$`)
	title := measure(*other, true, func(i int) string {
		name := fmt.Sprintf("Renamed %d %d", i, time.Now().UnixNano()%1e6)
		src := titleLine.ReplaceAllLiteralString(string(orig), "title: \""+name+"\"")
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			fatal(err)
		}
		return name
	})
	peak, rss := memory(srv.Process.Pid)
	fmt.Printf("startup %.2f s, body edit p50 %v p95 %v, heading edit p50 %v p95 %v, title p50 %v p95 %v, peak RSS %d MB, RSS %d MB, missed %d of %d\n",
		startup.Seconds(), pct(body, 50), pct(body, 95), pct(heading, 50), pct(heading, 95), pct(title, 50), pct(title, 95), peak>>10, rss>>10, misses, 3**n)
	if len(swaps) > 0 {
		fmt.Fprintf(os.Stderr, "body and heading edits put in place without a reload: reload event p50 %v p95 %v (%d), painted p50 %v p95 %v (%d)\n",
			pct(swapEvent, 50), pct(swapEvent, 95), len(swapEvent), pct(swaps, 50), pct(swaps, 95), len(swaps))
	}
	if len(event) > 0 || len(paint) > 0 {
		fmt.Fprintf(os.Stderr, "body and heading edits that reloaded the page: reload event p50 %v p95 %v (%d), first paint p50 %v p95 %v (%d)\n",
			pct(event, 50), pct(event, 95), len(event), pct(paint, 50), pct(paint, 95), len(paint))
	}
}

// listen follows the preview server's live reload events for the site of
// pageURL, if it has them, and sends the time each reload event came.
func listen(pageURL string) <-chan time.Time {
	out := make(chan time.Time, 64)
	u, err := url.Parse(pageURL)
	if err != nil {
		return out
	}
	u.Path = "/_kettudocs/events"
	resp, err := http.Get(u.String())
	if err != nil || resp.StatusCode != 200 {
		return out // not kettudocs's
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				select {
				case out <- time.Now():
				default:
				}
			}
		}
	}()
	return out
}

// drain empties c.
func drain(c <-chan time.Time) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// pct returns the p-th percentile of ds, rounded to the millisecond.
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))].Round(time.Millisecond)
}

// memory returns the peak and current resident memory of the process and
// its children, in kB, from /proc.
func memory(pid int) (peak, rss int) {
	pids := []int{pid}
	if out, err := exec.Command("pgrep", "-g", strconv.Itoa(pid)).Output(); err == nil {
		pids = nil
		for f := range strings.FieldsSeq(string(out)) {
			if p, err := strconv.Atoi(f); err == nil {
				pids = append(pids, p)
			}
		}
	}
	for _, p := range pids {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p))
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			k, v, _ := strings.Cut(line, ":")
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			switch k {
			case "VmHWM":
				peak += kb
			case "VmRSS":
				rss += kb
			}
		}
	}
	return peak, rss
}
