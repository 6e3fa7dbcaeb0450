package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kettu/kettudocs/builder/diag"
)

// server is a test server that records the requests it gets as
// "METHOD /path".
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []string
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Method+" "+r.URL.Path)
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.reqs...)
}

// waits records the pauses a Checker asks for, without pausing.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.d
}

// Handlers for the cases.

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}

// onHead answers HEAD with h and every other method with 200.
func onHead(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			h(w, r)
			return
		}
		w.WriteHeader(http.StatusOK)
	}
}

// sequence answers the i-th request with hs[i], and all after the last
// with the last.
func sequence(hs ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(hs)-1)
		hs[i](w, r)
	}
}

func header(key, value string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(key, value)
		w.WriteHeader(code)
	}
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// redirects serves /r/N as a redirect to /r/N+1 up to /r/last, which is 200.
func redirects(last int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/r/%d", &n)
		if n >= last {
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusFound)
	}
}

// hang answers only when the request is given up.
func hang(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestCheck(t *testing.T) {
	const (
		head = "HEAD /"
		get  = "GET /"
	)
	tests := []struct {
		name    string
		h       http.HandlerFunc
		path    string
		timeout time.Duration
		want    string // after `broken external link "URL": `; "" when it works
		reqs    []string
		waits   []time.Duration
	}{
		{name: "ok", h: status(200), want: "", reqs: []string{head}},
		{name: "204", h: status(204), want: "", reqs: []string{head}},
		{name: "404", h: status(404), want: "404 Not Found", reqs: []string{head}},
		{name: "410", h: status(410), want: "410 Gone", reqs: []string{head}},
		{name: "401", h: status(401), want: "401 Unauthorized", reqs: []string{head}},
		{name: "HEAD 405, GET 200", h: onHead(status(405)), reqs: []string{head, get}},
		{name: "HEAD 403, GET 200", h: onHead(status(403)), reqs: []string{head, get}},
		{name: "HEAD 501, GET 200", h: onHead(status(501)), reqs: []string{head, get}},
		{name: "HEAD and GET 403", h: status(403), want: "403 Forbidden", reqs: []string{head, get}},
		{name: "HEAD 405, GET 404", h: sequence(status(405), status(404)), want: "404 Not Found", reqs: []string{head, get}},
		{name: "HEAD hangs up, GET 200", h: onHead(hangUp), reqs: []string{head, get}},
		{name: "HEAD 405, GET 503, GET 200", h: sequence(status(405), status(503), status(200)),
			reqs: []string{head, get, get}, waits: []time.Duration{time.Second}},
		{name: "redirect chain", h: redirects(3), path: "/r/0",
			reqs: []string{"HEAD /r/0", "HEAD /r/1", "HEAD /r/2", "HEAD /r/3"}},
		{name: "redirect loop", path: "/a", h: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path], http.StatusMovedPermanently)
		}, want: "redirect loop at {{URL}}/a", reqs: []string{"HEAD /a", "HEAD /b", "HEAD /a", "HEAD /b"}},
		{name: "redirect to itself after setting a cookie", h: func(w http.ResponseWriter, r *http.Request) {
			if _, err := r.Cookie("seen"); err != nil {
				http.SetCookie(w, &http.Cookie{Name: "seen", Value: "1"})
				http.Redirect(w, r, r.URL.Path, http.StatusFound)
			}
		}, reqs: []string{head, head}},
		{name: "too many redirects", h: redirects(100), path: "/r/0", want: "more than 10 redirects",
			reqs: []string{"HEAD /r/0", "HEAD /r/1", "HEAD /r/2", "HEAD /r/3", "HEAD /r/4", "HEAD /r/5",
				"HEAD /r/6", "HEAD /r/7", "HEAD /r/8", "HEAD /r/9", "HEAD /r/10"}},
		{name: "redirect to 404", h: func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/" {
				http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
				return
			}
			w.WriteHeader(404)
		}, want: "404 Not Found", reqs: []string{head, "HEAD /moved"}},
		{name: "429 with Retry-After, then 200", h: sequence(header("Retry-After", "3", 429), status(200)),
			reqs: []string{head, head}, waits: []time.Duration{3 * time.Second}},
		{name: "429 with a long Retry-After is capped", h: sequence(header("Retry-After", "3600", 429), status(200)),
			reqs: []string{head, head}, waits: []time.Duration{30 * time.Second}},
		{name: "429 with a Retry-After date", h: sequence(header("Retry-After", "Fri, 31 Dec 1999 23:59:59 GMT", 429), status(200)),
			reqs: []string{head, head}, waits: []time.Duration{0}},
		{name: "429 without Retry-After", h: sequence(status(429), status(200)),
			reqs: []string{head, head}, waits: []time.Duration{time.Second}},
		{name: "429 for good", h: header("Retry-After", "5", 429), want: "429 Too Many Requests",
			reqs: []string{head, head, head}, waits: []time.Duration{5 * time.Second, 5 * time.Second}},
		{name: "503 retried, then reported", h: status(503), want: "503 Service Unavailable",
			reqs: []string{head, head, head}, waits: []time.Duration{time.Second, 2 * time.Second}},
		{name: "500, then 200", h: sequence(status(500), status(200)),
			reqs: []string{head, head}, waits: []time.Duration{time.Second}},
		{name: "503 with Retry-After", h: header("Retry-After", "7", 503), want: "503 Service Unavailable",
			reqs: []string{head, head, head}, waits: []time.Duration{7 * time.Second, 7 * time.Second}},
		{name: "timeout", h: hang, timeout: 50 * time.Millisecond, want: "timeout after 50ms",
			reqs: []string{head, head, head}, waits: []time.Duration{time.Second, 2 * time.Second}},
		{name: "timeout, then 200", h: sequence(hang, status(200)), timeout: 50 * time.Millisecond,
			reqs: []string{head, head}, waits: []time.Duration{time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.h)
			w := &waits{}
			c := &Checker{AllowPrivate: true, Client: srv.Client(), Timeout: tt.timeout, Wait: w.wait}
			u := srv.URL + cmp(tt.path, "/")
			pos := diag.Position{File: "a.md", Line: 3, Col: 7}
			rep, err := c.Check(context.Background(), []Link{{URL: u, Pos: pos}})
			if err != nil {
				t.Fatal(err)
			}
			var want diag.List
			if tt.want != "" {
				msg := strings.ReplaceAll(tt.want, "{{URL}}", srv.URL)
				want = diag.List{{Pos: pos, Msg: fmt.Sprintf("broken external link %q: %s", u, msg), Hint: DefaultHint}}
			}
			if !reflect.DeepEqual(rep.Problems, want) {
				t.Errorf("problems:\n%v\nwant:\n%v", rep.Problems, want)
			}
			if got := srv.requests(); !reflect.DeepEqual(got, tt.reqs) {
				t.Errorf("requests %q, want %q", got, tt.reqs)
			}
			if got := w.all(); !reflect.DeepEqual(got, tt.waits) {
				t.Errorf("waits %v, want %v", got, tt.waits)
			}
			if rep.Links != 1 || rep.Unique != 1 {
				t.Errorf("report counts %d links, %d unique, want 1 and 1", rep.Links, rep.Unique)
			}
		})
	}
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TestFailures covers failures that need no server, or a special one.
func TestFailures(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String() + "/"
	closed.Close()

	tlsSrv := httptest.NewUnstartedServer(status(200))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the client's refusal of the certificate
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)

	noSuchHost := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}
		},
	}}

	tests := []struct {
		name   string
		client *http.Client
		url    string
		want   string
		waits  []time.Duration
	}{
		{"connection refused", nil, refused, "connection refused", []time.Duration{time.Second, 2 * time.Second}},
		{"untrusted certificate", &http.Client{}, tlsSrv.URL + "/", "x509: certificate signed by unknown authority", nil},
		{"no such host", noSuchHost, "http://nowhere.invalid/", "no such host", nil},
		{"malformed", nil, "http://[::1/", `malformed URL: missing ']' in host`, nil},
		{"not http", nil, "ftp://example.com/", "not an http or https URL", nil},
		{"no host", nil, "https:///path", "no host in URL", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &waits{}
			c := &Checker{AllowPrivate: true, Client: tt.client, Wait: w.wait}
			rep, err := c.Check(context.Background(), []Link{{URL: tt.url}})
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("broken external link %q: %s", tt.url, tt.want)
			if len(rep.Problems) != 1 || rep.Problems[0].Msg != want {
				t.Errorf("problems:\n%v\nwant %s", rep.Problems, want)
			}
			if got := w.all(); !reflect.DeepEqual(got, tt.waits) {
				t.Errorf("waits %v, want %v", got, tt.waits)
			}
		})
	}
}

// TestDedupe checks that each URL is requested once, however often it is
// used and whatever its fragment, and each use of a broken one is reported.
func TestDedupe(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusNotFound)
		}
	})
	var links []Link
	for i, frag := range []string{"", "#a", "#b", "", "#a"} {
		links = append(links, Link{URL: srv.URL + "/gone" + frag, Pos: diag.Position{File: "b.md", Line: 5 - i, Col: 1}})
	}
	for i := range 3 {
		links = append(links, Link{URL: srv.URL + "/ok", Pos: diag.Position{File: "a.md", Line: i + 1, Col: 1}})
	}
	rep, err := (&Checker{AllowPrivate: true, Client: srv.Client()}).Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	// /gone has links with fragments: one GET for all of them.
	if len(reqs) != 2 || !contains(reqs, "GET /gone") || !contains(reqs, "HEAD /ok") {
		t.Errorf("requests %q, want one GET of /gone and one HEAD of /ok", reqs)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.Pos.String()+": "+p.Msg)
	}
	want := []string{
		`b.md:1:1: broken external link "` + srv.URL + `/gone#a": 404 Not Found`,
		`b.md:2:1: broken external link "` + srv.URL + `/gone": 404 Not Found`,
		`b.md:3:1: broken external link "` + srv.URL + `/gone#b": 404 Not Found`,
		`b.md:4:1: broken external link "` + srv.URL + `/gone#a": 404 Not Found`,
		`b.md:5:1: broken external link "` + srv.URL + `/gone": 404 Not Found`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := rep.String(); s != "checked 8 external links (2 unique): 5 broken" {
		t.Errorf("summary %q", s)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestExclude(t *testing.T) {
	srv := newServer(t, status(200))
	links := []Link{
		{URL: srv.URL + "/private/a"},
		{URL: srv.URL + "/ok"},
		{URL: srv.URL + "/Private/b"},
		{URL: "https://http.cat/404"},
	}
	c := &Checker{AllowPrivate: true, Client: srv.Client(), Exclude: []*regexp.Regexp{
		regexp.MustCompile(`(?i)/private/`),
		regexp.MustCompile(`^https://http\.cat/`),
	}}
	rep, err := c.Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.requests(); !reflect.DeepEqual(got, []string{"HEAD /ok"}) {
		t.Errorf("requests %q, want only HEAD /ok", got)
	}
	if s := rep.String(); s != "checked 1 external link (1 unique): 0 broken, 3 excluded" {
		t.Errorf("summary %q", s)
	}
}

// TestLimits checks that no more requests than allowed are ever in flight,
// overall and to one host, and that the overall limit is reached (which,
// with one host, is the host's limit). Every request is held until that
// limit is reached, then all are let go.
func TestLimits(t *testing.T) {
	tests := []struct {
		name                 string
		servers, urls        int // servers, and URLs on each
		concurrency, perHost int
		wantAll              int // requests in flight at most, and reached
		maxHost              int // requests in flight to one host at most
	}{
		{"per host", 1, 10, 8, 2, 2, 2},
		{"per host, default", 1, 10, 0, 0, 2, 2},
		{"per host 3", 1, 10, 8, 3, 3, 3},
		{"overall", 4, 5, 3, 2, 3, 2},
		{"overall, default", 6, 4, 0, 0, 8, 2},
		{"negative limits mean the defaults", 6, 4, -1, -5, 8, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				all      atomic.Int32
				maxAll   atomic.Int32
				maxHost  atomic.Int32
				release  = make(chan struct{})
				released sync.Once
			)
			record := func(hi *atomic.Int32, n int32) {
				for m := hi.Load(); n > m && !hi.CompareAndSwap(m, n); m = hi.Load() {
				}
			}
			var links []Link
			for range tt.servers {
				var host atomic.Int32
				srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
					h, a := host.Add(1), all.Add(1)
					record(&maxHost, h)
					record(&maxAll, a)
					if a == int32(tt.wantAll) {
						released.Do(func() { close(release) })
					}
					select {
					case <-release:
					case <-r.Context().Done():
					}
					all.Add(-1)
					host.Add(-1)
				})
				for i := range tt.urls {
					links = append(links, Link{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
				}
			}
			c := &Checker{AllowPrivate: true, Concurrency: tt.concurrency, PerHost: tt.perHost}
			rep, err := c.Check(context.Background(), links)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) > 0 {
				t.Errorf("problems: %v", rep.Problems)
			}
			if got := maxAll.Load(); got != int32(tt.wantAll) {
				t.Errorf("at most %d requests in flight, want %d", got, tt.wantAll)
			}
			if got := maxHost.Load(); got > int32(tt.maxHost) {
				t.Errorf("%d requests in flight to one host, want at most %d", got, tt.maxHost)
			}
		})
	}
}

// TestCancel checks that cancelling the context stops a check at once,
// whether requests are in flight, waiting for their host or pausing
// before a retry.
// deadline bounds every wait on a channel in these tests; reaching it is
// a failure, not a timing assumption.
const deadline = 10 * time.Second

func TestCancel(t *testing.T) {
	t.Run("in flight", func(t *testing.T) {
		arrived := make(chan struct{}, 10)
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			hang(w, r)
		})
		links := []Link{{URL: srv.URL + "/1"}, {URL: srv.URL + "/2"}, {URL: srv.URL + "/3"}}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			_, err := (&Checker{AllowPrivate: true, PerHost: 1}).Check(ctx, links)
			done <- err
		}()
		select {
		case <-arrived:
		case <-time.After(deadline):
			t.Fatal("no request arrived")
		}
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
		case <-time.After(deadline):
			t.Fatal("Check did not return after cancel")
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
	t.Run("pausing", func(t *testing.T) {
		srv := newServer(t, status(503))
		ctx, cancel := context.WithCancel(context.Background())
		c := &Checker{AllowPrivate: true, Wait: func(ctx context.Context, d time.Duration) error {
			cancel()
			return sleep(ctx, time.Hour)
		}}
		_, err := c.Check(ctx, []Link{{URL: srv.URL}})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("before", func(t *testing.T) {
		srv := newServer(t, status(200))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := (&Checker{AllowPrivate: true}).Check(ctx, []Link{{URL: srv.URL}}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if n := len(srv.requests()); n != 0 {
			t.Errorf("%d requests after cancel, want 0", n)
		}
	})
}

func TestRetriesOption(t *testing.T) {
	tests := []struct {
		retries, wantReqs int
	}{{0, 3}, {-1, 1}, {1, 2}, {4, 5}}
	for _, tt := range tests {
		srv := newServer(t, status(502))
		w := &waits{}
		c := &Checker{AllowPrivate: true, Client: srv.Client(), Retries: tt.retries, Wait: w.wait}
		if _, err := c.Check(context.Background(), []Link{{URL: srv.URL}}); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.requests()); n != tt.wantReqs {
			t.Errorf("Retries %d: %d requests, want %d", tt.retries, n, tt.wantReqs)
		}
		if tt.retries == 4 {
			want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
			if !reflect.DeepEqual(w.all(), want) {
				t.Errorf("waits %v, want %v", w.all(), want)
			}
		}
	}
}

func TestUserAgentAndHint(t *testing.T) {
	var ua atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		w.WriteHeader(404)
	})
	for _, c := range []*Checker{{AllowPrivate: true}, {AllowPrivate: true, UserAgent: "docs-bot/2", Hint: "fix it or --exclude it"}} {
		rep, err := c.Check(context.Background(), []Link{{URL: srv.URL}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ua.Load(), cmp(c.UserAgent, DefaultUserAgent); got != want {
			t.Errorf("User-Agent %q, want %q", got, want)
		}
		if got, want := rep.Problems[0].Hint, cmp(c.Hint, DefaultHint); got != want {
			t.Errorf("hint %q, want %q", got, want)
		}
	}
}

func TestSleep(t *testing.T) {
	if err := sleep(context.Background(), 0); err != nil {
		t.Errorf("sleep 0: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep on a cancelled context: %v", err)
	}
}

// TestFragments checks the fragments of links against the ids and names of
// the pages, with one GET for each URL however many fragments it has.
func TestFragments(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><title>P</title><h2 id="install">Install</h2><a name="old-anchor"></a>`+
				`<p id="caf&eacute;">x</p><div id="user-content-readme"></div><img name=logo src=x>`)
		case "/plain":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, `id="x"`)
		case "/doc.pdf":
			w.Header().Set("Content-Type", "application/pdf")
		case "/gone":
			w.WriteHeader(http.StatusNotFound)
		}
	})
	uses := []string{
		"/page#install", "/page#old-anchor", "/page#caf%C3%A9", "/page#readme", "/page#logo", // there
		"/page#top", "/page#", "/page", "/page#:~:text=Install", "/page#install:~:text=x", // nothing to check
		"/page#missing", "/page#Install", "/page#missing:~:text=x", // broken
		"/plain#x", "/doc.pdf#page=2", // not HTML
		"/gone#a", // broken, but for its status
		"/ok",     // no fragment: HEAD
		"/page#missing",
	}
	var links []Link
	for i, u := range uses {
		links = append(links, Link{URL: srv.URL + u, Pos: diag.Position{File: "a.md", Line: i + 1, Col: 1}})
	}
	rep, err := (&Checker{AllowPrivate: true, Client: srv.Client()}).Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	sort.Strings(reqs)
	if want := []string{"GET /doc.pdf", "GET /gone", "GET /page", "GET /plain", "HEAD /ok"}; !reflect.DeepEqual(reqs, want) {
		t.Errorf("requests %q, want %q", reqs, want)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.Pos.String()+": "+p.Msg)
	}
	want := []string{
		`a.md:11:1: broken external link "` + srv.URL + `/page#missing": the page has no element with id or name "missing"`,
		`a.md:12:1: broken external link "` + srv.URL + `/page#Install": the page has no element with id or name "Install"`,
		`a.md:13:1: broken external link "` + srv.URL + `/page#missing:~:text=x": the page has no element with id or name "missing"`,
		`a.md:16:1: broken external link "` + srv.URL + `/gone#a": 404 Not Found`,
		`a.md:18:1: broken external link "` + srv.URL + `/page#missing": the page has no element with id or name "missing"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFragmentsRetried: a page whose body breaks off is tried again, and
// its anchors come from the try that worked.
func TestFragmentsRetried(t *testing.T) {
	srv := newServer(t, sequence(
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", "1000")
			fmt.Fprint(w, `<p id="a">`) // and hangs up short of 1000 bytes
		},
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<p id="a"><p id="b">`)
		},
	))
	var ws waits
	rep, err := (&Checker{AllowPrivate: true, Client: srv.Client(), Wait: ws.wait}).Check(context.Background(), []Link{{URL: srv.URL + "/#b"}})
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("problems %v, %v", rep.Problems, err)
	}
	if reqs := srv.requests(); len(reqs) != 2 {
		t.Errorf("requests %q, want two GETs", reqs)
	}
}
