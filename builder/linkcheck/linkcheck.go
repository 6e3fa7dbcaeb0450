// Package linkcheck checks that external links still lead somewhere. It
// requests every http(s) URL once, however often the URL is used, and
// reports each use of a broken one as a diag.Problem at the place it is
// used:
//
//	guide.md:12:5: broken external link "https://example.com/gone": 404 Not Found
//
// The package knows nothing about Markdown or sites: it is given a list of
// Links, each a URL and a position.
//
//	c := &linkcheck.Checker{Exclude: []*regexp.Regexp{regexp.MustCompile(`^https://internal\.`)}}
//	rep, err := c.Check(ctx, links) // err only when ctx is done
//	fmt.Println(rep)                // checked 12 external links (9 unique): 1 broken
//
// # Requests
//
// A URL is requested with HEAD first. When the server answers HEAD with 405
// Method Not Allowed, 403 Forbidden or 501 Not Implemented, or the HEAD
// request fails in transit (the connection is reset, the answer is
// malformed), the URL is requested again with GET, whose body is not read.
// A HEAD that times out or cannot connect is not repeated as a GET, which
// would fail the same way.
//
// Redirects are followed, at most 10 in a row; a chain that comes back to
// a URL it has already visited twice is a redirect loop. Cookies set along
// the way are kept for the rest of the run, as some sites redirect to
// themselves once to set one. A link works when the final answer is 2xx.
//
// # Fragments
//
// The fragment of a URL ("#install") is not sent: only the part before it
// is requested, and links that differ only in the fragment are one URL,
// requested once. When any link to a URL has a fragment, the URL is
// requested with GET (no HEAD first) and, when the answer is HTML, each
// fragment must be the id of an element of the page, or the name of one
// (as in <a name="install">); a missing one is reported at each place it
// is used. "#top" and an empty fragment, which browsers scroll to without
// an element, are fine, as is "#x" on a page with the id
// "user-content-x" (GitHub's rendered Markdown), and so is a fragment of an answer that is not
// HTML (a PDF's "#page=2"). Text fragments ("#:~:text=install", also
// after a fragment: "#usage:~:text=x") are not checked: browsers match
// their text loosely, and a miss only leaves the page unscrolled.
// Anchors a page makes with scripts are not seen: exclude such URLs.
//
// # Retries
//
// An answer of 408 Request Timeout, 429 Too Many Requests or 5xx (but 501
// Not Implemented), a timeout and a network error (connection refused or
// reset) are transient: the URL is tried again after a pause, up to Retries
// times, and reported only when every try failed. The pause is the
// answer's Retry-After (seconds or a date), or else 1s, then 2s, 4s…,
// capped at MaxWait. Every other answer (404, 410, any other 4xx or 3xx),
// an unknown host, a certificate the client does not trust and a redirect
// loop are reported at once.
//
// # Private addresses
//
// A pull request chooses the links a check requests, and CI checks them
// from inside its network. Unless Checker.AllowPrivate, a URL is
// requested only from public addresses (see Public): the Checker resolves
// each host itself, drops loopback, private, link-local (cloud metadata
// at 169.254.169.254), unspecified, multicast and reserved addresses, and
// connects only to an address left, so neither a redirect nor a DNS
// answer that changes between look-up and connect reaches one. A link to
// such an address is reported as "refused: private address", or "refused:
// redirected to a private address", at once, without a request and
// without saying where a redirect led; it is not retried. Proxies from
// the environment are not used then, since a proxy connects wherever it
// is asked to.
//
// # Politeness and limits
//
// At most Concurrency requests are in flight, and at most PerHost to one
// host (host and port); a URL keeps its place with its host while it waits
// to be retried, so a host that asks to slow down is not sent other URLs
// meanwhile. Each request, redirects included, must be answered within
// Timeout. Cancelling the context stops every request and pause at once.
package linkcheck

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/diag"
)

// A Link is one use of a URL.
type Link struct {
	URL string        // as written, e.g. "https://example.com/a#b"
	Pos diag.Position // where it is used
}

// Defaults of the Checker's zero fields.
const (
	DefaultConcurrency = 8
	DefaultPerHost     = 2
	DefaultTimeout     = 10 * time.Second
	DefaultRetries     = 2
	DefaultMaxWait     = 30 * time.Second
	DefaultUserAgent   = "Mozilla/5.0 (compatible; linkcheck/1.0)"
	DefaultHint        = "fix or remove the link"
)

// maxRedirects is how many redirects in a row a request follows.
const maxRedirects = 10

// A Checker checks links. Its zero value is ready to use; a zero field
// means its default, and so does a negative limit (Concurrency, PerHost,
// Timeout, MaxWait). A Checker may be used for several runs, also at once,
// but its fields must not change during a run.
type Checker struct {
	// Client sends the requests; nil means a client with
	// http.DefaultTransport. The Checker uses a copy of it, to which it
	// adds its own redirect policy unless the client has a CheckRedirect,
	// and a cookie jar for the run unless it has a Jar.
	Client *http.Client
	// Concurrency is how many requests may be in flight at once
	// (default 8).
	Concurrency int
	// PerHost is how many requests may be in flight to one host at once
	// (default 2).
	PerHost int
	// Timeout bounds each request, redirects included (default 10s).
	Timeout time.Duration
	// Retries is how many times a URL is tried again after a transient
	// failure (default 2); a negative value means never.
	Retries int
	// MaxWait caps each pause before a retry, whether a Retry-After
	// header asks for it or it doubled from 1s (default 30s).
	MaxWait time.Duration
	// Exclude lists patterns of URLs not to check: a link whose URL, as
	// written, matches any of them is skipped and counted as excluded.
	Exclude []*regexp.Regexp
	// UserAgent is sent with every request (default DefaultUserAgent).
	UserAgent string
	// Hint is the hint of every problem (default DefaultHint), e.g. to name
	// the command-line flag that excludes a URL.
	Hint string
	// Wait pauses for d before a retry, returning early with ctx.Err()
	// when ctx is done. Nil means a timer; tests pass a function that
	// records d and returns at once.
	Wait func(ctx context.Context, d time.Duration) error
	// AllowPrivate lets links lead to addresses that are not public:
	// loopback, private networks, link-local (cloud metadata) and the like
	// (see Public). By default they are refused, redirects included, with
	// no request sent, and environment proxies are not used.
	AllowPrivate bool
	// Resolve looks up the addresses of a host for the guard of private
	// addresses; nil means net.DefaultResolver. Tests map names to
	// addresses with it.
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
}

// A Report says what a run checked and what it found broken.
type Report struct {
	Links    int       // uses of URLs that were checked (not excluded)
	Unique   int       // distinct URLs requested
	Excluded int       // uses skipped because they match Checker.Exclude
	Problems diag.List // one for each use of a broken URL, sorted
}

// String returns the summary of a run:
// "checked 12 external links (9 unique): 1 broken", where "broken" counts
// uses, like the problems, and ", 3 excluded" follows when some were.
func (r *Report) String() string {
	noun := "links"
	if r.Links == 1 {
		noun = "link"
	}
	s := fmt.Sprintf("checked %d external %s (%d unique): %d broken", r.Links, noun, r.Unique, len(r.Problems))
	if r.Excluded > 0 {
		s += fmt.Sprintf(", %d excluded", r.Excluded)
	}
	return s
}

// target is one distinct URL and every place it is used.
type target struct {
	url   string // what is requested: the URL without its fragment
	host  string
	uses  []Link
	frags bool            // some use has a fragment to check: GET the page, keep its anchors
	msg   string          // why it is broken, after the check; "" when it works
	ids   map[string]bool // the page's ids and names, when frags and it is HTML
}

// Check checks links and reports those that are broken. Its error is
// non-nil only when ctx is done before the check is, or when the Checker
// cannot keep its Client from private addresses; problems with the links
// are in the Report.
func (c *Checker) Check(ctx context.Context, links []Link) (*Report, error) {
	r, err := c.run()
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	byURL := make(map[string]*target)
	var targets []*target
	for _, l := range links {
		if c.excluded(l.URL) {
			rep.Excluded++
			continue
		}
		rep.Links++
		u, err := requestURL(l.URL)
		if err != nil {
			rep.Problems = append(rep.Problems, r.problem(l, err.Error()))
			continue
		}
		t, ok := byURL[u.String()]
		if !ok {
			t = &target{url: u.String(), host: strings.ToLower(u.Host)}
			byURL[t.url] = t
			targets = append(targets, t)
		}
		t.uses = append(t.uses, l)
		if _, ok := fragment(l.URL); ok {
			t.frags = true
		}
	}
	rep.Unique = len(targets)

	// One goroutine for each URL: each waits for a place with its host,
	// then for one of the overall places for each request it makes.
	g, gctx := errgroup.WithContext(ctx)
	for _, t := range targets {
		g.Go(func() error {
			release, err := r.hostSlot(gctx, t.host)
			if err != nil {
				return err
			}
			defer release()
			t.msg, t.ids, err = r.check(gctx, t.url, t.frags)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, t := range targets {
		for _, l := range t.uses {
			if t.msg != "" {
				rep.Problems = append(rep.Problems, r.problem(l, t.msg))
			} else if f, ok := fragment(l.URL); ok && t.ids != nil && !hasAnchor(t.ids, f) {
				rep.Problems = append(rep.Problems, r.problem(l, fmt.Sprintf("the page has no element with id or name %q", f)))
			}
		}
	}
	rep.Problems.Sort()
	return rep, nil
}

func (c *Checker) excluded(u string) bool {
	for _, re := range c.Exclude {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}

// requestURL returns the URL to request for a link: the link without its
// fragment, which servers never see.
func requestURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("malformed URL: %v", err.(*url.Error).Err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("not an http or https URL")
	}
	if u.Host == "" {
		return nil, fmt.Errorf("no host in URL")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// fragment returns the fragment of the link raw, unescaped, and whether
// it is one to check: not empty, not "top", not only a text fragment
// (a fragment directive, from ":~:" on, is left out).
func fragment(raw string) (string, bool) {
	_, f, ok := strings.Cut(raw, "#")
	if !ok {
		return "", false
	}
	f, _, _ = strings.Cut(f, ":~:")
	if u, err := url.PathUnescape(f); err == nil {
		f = u
	}
	if f == "" || strings.EqualFold(f, "top") {
		return "", false
	}
	return f, true
}

// hasAnchor reports whether a page with the ids and names ids has the
// fragment f. GitHub prefixes the ids in rendered Markdown with
// "user-content-", and its script scrolls to "#install" by
// "user-content-install": links to READMEs use the short form.
func hasAnchor(ids map[string]bool, f string) bool {
	return ids[f] || ids["user-content-"+f]
}

// run is one run of a Checker: its settings with defaults filled in, and
// the limits of concurrent requests.
type run struct {
	client    *http.Client
	timeout   time.Duration
	retries   int
	maxWait   time.Duration
	userAgent string
	hint      string
	wait      func(context.Context, time.Duration) error

	all     chan struct{} // a place in it for each request in flight
	perHost int
	mu      sync.Mutex
	hosts   map[string]chan struct{}
}

func (c *Checker) run() (*run, error) {
	r := &run{
		timeout:   positive(c.Timeout, DefaultTimeout),
		retries:   c.Retries,
		maxWait:   positive(c.MaxWait, DefaultMaxWait),
		userAgent: or(c.UserAgent, DefaultUserAgent),
		hint:      or(c.Hint, DefaultHint),
		wait:      c.Wait,
		all:       make(chan struct{}, positive(c.Concurrency, DefaultConcurrency)),
		perHost:   positive(c.PerHost, DefaultPerHost),
		hosts:     make(map[string]chan struct{}),
	}
	switch {
	case r.retries == 0:
		r.retries = DefaultRetries
	case r.retries < 0:
		r.retries = 0
	}
	if r.wait == nil {
		r.wait = sleep
	}
	client := http.Client{}
	if c.Client != nil {
		client = *c.Client
	}
	if client.CheckRedirect == nil {
		client.CheckRedirect = checkRedirect
	}
	if client.Jar == nil {
		client.Jar, _ = cookiejar.New(nil) // never fails without options
	}
	if !c.AllowPrivate {
		var err error
		if client, err = c.guarded(client); err != nil {
			return nil, err
		}
	}
	r.client = &client
	return r, nil
}

// positive returns v, or def when v is zero or negative: a limit below one
// would check nothing, or panic making a channel.
func positive[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// or returns v, or def when v is the zero value.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func (r *run) problem(l Link, msg string) diag.Problem {
	return diag.Problem{
		Pos:  l.Pos,
		Msg:  fmt.Sprintf("broken external link %q: %s", l.URL, msg),
		Hint: r.hint,
	}
}

// hostSlot waits for a place among the requests to host and returns the
// function that gives it back.
func (r *run) hostSlot(ctx context.Context, host string) (func(), error) {
	r.mu.Lock()
	slots, ok := r.hosts[host]
	if !ok {
		slots = make(chan struct{}, r.perHost)
		r.hosts[host] = slots
	}
	r.mu.Unlock()
	return acquire(ctx, slots)
}

// acquire waits for a place in slots and returns the function that gives
// it back.
func acquire(ctx context.Context, slots chan struct{}) (func(), error) {
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// sleep is the default Checker.Wait.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
