package reload

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kettu/kettudocs/builder/diag"
)

// deadline bounds every wait; reaching it is a failure.
const deadline = 10 * time.Second

// sse is one event of a stream; a comment has an empty name.
type sse struct{ name, data string }

// stream connects to an event stream and returns its events as they come,
// after checking that the stream starts with the connection comment. The
// hub has registered the client by then. The channel is closed when the
// stream ends.
func stream(t *testing.T, ctx context.Context, url string) <-chan sse {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %s, Content-Type %q", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	events := make(chan sse)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var e sse
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch line = strings.TrimSuffix(line, "\n"); {
			case line == "":
				events <- e
				e = sse{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	if e := receive(t, events); e.name != "" {
		t.Fatalf("stream starts with %v, want a comment", e)
	}
	return events
}

// receive returns the next event, failing on the deadline or the end of
// the stream.
func receive(t *testing.T, events <-chan sse) sse {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("stream ended")
		}
		return e
	case <-time.After(deadline):
		t.Fatal("no event")
	}
	panic("unreachable")
}

func TestEvents(t *testing.T) {
	problems := diag.List{
		{Pos: diag.Position{File: "content/a.md", Line: 3, Col: 5}, Msg: `unknown code 4099 <script>`, Hint: "use a code of the spec"},
		{Msg: "theme: layouts/page.html: unexpected EOF"},
	}
	const problemsData = `{"problems":[` +
		`{"pos":"content/a.md:3:5","message":"unknown code 4099 \u003cscript\u003e","hint":"use a code of the spec"},` +
		`{"message":"theme: layouts/page.html: unexpected EOF"}]}`
	tests := []struct {
		name          string
		before, after func(*Hub) // calls before and after the page connects
		want          []sse
	}{
		{"events in order",
			nil,
			func(h *Hub) { h.Reload(); h.Problems(problems); h.Problems(nil); h.Reload() },
			[]sse{{"reload", "{}"}, {"problems", problemsData}, {"problems", `{"problems":[]}`}, {"reload", "{}"}}},
		{"problems greet pages that connect later",
			func(h *Hub) { h.Problems(problems) },
			func(h *Hub) { h.Reload() },
			[]sse{{"problems", problemsData}, {"reload", "{}"}}},
		{"a reload forgets problems",
			func(h *Hub) { h.Problems(problems); h.Reload() },
			func(h *Hub) { h.Reload() },
			[]sse{{"reload", "{}"}}},
		{"an empty list is not kept",
			func(h *Hub) { h.Problems(problems); h.Problems(nil) },
			func(h *Hub) { h.Reload() },
			[]sse{{"reload", "{}"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h Hub
			srv := httptest.NewServer(&h)
			defer srv.Close()
			defer h.Close() // before srv.Close, which waits for the stream
			if tt.before != nil {
				tt.before(&h)
			}
			events := stream(t, t.Context(), srv.URL+Prefix+"events")
			tt.after(&h)
			for i, want := range tt.want {
				if got := receive(t, events); got != want {
					t.Errorf("event %d = %+v,\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	var h Hub
	slow, fast := h.add(), h.add()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range queue + 1 {
			h.Reload()
			<-fast
		}
	}()
	select {
	case <-done:
	case <-time.After(deadline):
		t.Fatal("Reload blocked on a client that does not read")
	}
	if n := h.Clients(); n != 1 {
		t.Errorf("%d clients, want only the fast one", n)
	}
	n := 0
	for range slow {
		n++
	}
	if n != queue {
		t.Errorf("slow client got %d events before being dropped, want %d", n, queue)
	}
}

func TestDisconnectUnregisters(t *testing.T) {
	var h Hub
	returned := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		close(returned)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	stream(t, ctx, srv.URL+Prefix+"events")
	if n := h.Clients(); n != 1 {
		t.Fatalf("%d clients, want 1", n)
	}
	cancel()
	select {
	case <-returned:
	case <-time.After(deadline):
		t.Fatal("handler still running after the page left")
	}
	if n := h.Clients(); n != 0 {
		t.Errorf("%d clients after the page left, want 0", n)
	}
	h.Reload() // must not panic or block
}

func TestClose(t *testing.T) {
	var h Hub
	srv := httptest.NewServer(&h)
	defer srv.Close()
	events := stream(t, t.Context(), srv.URL+Prefix+"events")
	h.Close()
	select {
	case e, ok := <-events:
		if ok {
			t.Errorf("event %v after Close, want the stream to end", e)
		}
	case <-time.After(deadline):
		t.Fatal("stream still open after Close")
	}
	resp, err := http.Get(srv.URL + Prefix + "events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("connecting after Close: %s, want 503", resp.Status)
	}
}

func TestServeScript(t *testing.T) {
	tests := []struct {
		path   string
		code   int
		ctype  string
		inBody string
	}{
		{Prefix + "reload.js", 200, "text/javascript; charset=utf-8", "new EventSource("},
		{Prefix + "nope", 404, "text/plain; charset=utf-8", "not found"},
	}
	var h Hub
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != tt.code || rec.Header().Get("Content-Type") != tt.ctype || !strings.Contains(string(body), tt.inBody) {
			t.Errorf("GET %s: %d %q, body:\n%s\nwant %d %q and %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), body, tt.code, tt.ctype, tt.inBody)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, cc)
		}
	}
}
