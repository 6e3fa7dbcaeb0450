// Package reload makes the pages of a preview server follow the builds:
// each page reloads itself after an update of the site, and shows the
// site's problems in an overlay until the next update.
//
// The server owns a Hub and mounts it at Prefix, and wraps its pages in
// Inject, which adds the client script to every HTML page:
//
//	var hub reload.Hub
//	mux.Handle(reload.Prefix, &hub)
//	mux.Handle("/", reload.Inject(site))
//	...
//	hub.Reload()          // after an update
//	hub.Swap(stylesheets) // after an update that changed only stylesheets
//	hub.Problems(list)    // after either, when the site has problems
//
// # Protocol
//
// The script, served at Prefix+"reload.js", opens a Server-Sent Events
// stream at Prefix+"events". On connecting, the stream sends a comment and
// a retry time of one second; then events:
//
//	reload     data {}; the page fetches its new version and, when only its
//	           regions changed (its <main> and the elements marked
//	           data-kettudocs-region, each by its content, not its own
//	           attributes), and the text of its <title> and the content of its
//	           <meta> tags, puts each region that changed in place of the old
//	           without reloading (scroll position and state stay),
//	           dispatching the event "kettudocs:swap" on it for the page's
//	           scripts, and the new <title> and <meta> tags; when nothing of it
//	           changed, leaves it alone; else it reloads. A page with a script
//	           that is not inline in <head> nor marked data-kettudocs-swap
//	           always reloads: the script may have changed an old region and
//	           would not change the new one.
//	css        data {"swap": [{"from": "theme.1a2b3c4d.css", "to": "theme.5e6f7a8b.css"}]};
//	           the page links each stylesheet "to" instead of "from" (paths from
//	           the site root), without reloading
//	problems   data {"problems": [{"pos": "content/a.md:3:5", "message": "…", "hint": "…"}]};
//	           the page shows them, or hides the overlay when the list is empty;
//	           a warning, which did not fail the build, has "severity": "warning"
//
// The last problems are also sent to every client that connects until
// the next reload or swap, so that a page opened or reloaded in
// the meantime shows them too. When the stream breaks, as when the server
// restarts, the browser reconnects, and the page reloads because the site
// may have changed meanwhile.
//
// A page whose <html> has the attribute data-kettudocs-failed may hold an
// element with id "kettudocs-problems": the script then lists problems
// there instead of in an overlay. The page a preview server answers with
// for a page it could not load does this. On any other page such an
// element is the page's own: content must not hide the problems.
package reload

import (
	_ "embed"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"path"
	"slices"
	"strconv"
	"sync"

	"github.com/kettu/kettudocs/builder/diag"
)

// Prefix is the path below which a server mounts the Hub; Inject adds a
// script from here to every page.
const Prefix = "/_kettudocs/"

//go:embed reload.js
var script string

// queue is how many events a client may fall behind before it is dropped.
// A client that lags this much is stuck; its browser reconnects if it can.
const queue = 8

// A Hub sends events to the connected pages. The zero value is ready to
// use. A Hub is safe for concurrent use.
type Hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	sticky  []byte // the last problems event, for clients that connect before the next reload
	closed  bool
}

// Reload tells every page to reload and forgets the last problems.
func (h *Hub) Reload() {
	h.broadcast(event("reload", struct{}{}), false)
}

// Swap tells every page to swap stylesheets without reloading, keeping
// its scroll position and state: each key of swaps is the site-relative
// path of a stylesheet a page may link ("theme.1a2b3c4d.css"), its value
// the one to link instead. It also forgets the last problems, as Reload
// does: it follows a good build.
func (h *Hub) Swap(swaps map[string]string) {
	type swap struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	list := make([]swap, 0, len(swaps))
	for _, from := range slices.Sorted(maps.Keys(swaps)) {
		list = append(list, swap{from, swaps[from]})
	}
	h.broadcast(event("css", struct {
		Swap []swap `json:"swap"`
	}{list}), false)
}

// Problems sends problems to every page, and to pages that connect later
// until the next Reload. An empty list hides the overlay. A list of
// warnings alone, sent after Reload, shows the warnings of a good build.
func (h *Hub) Problems(problems diag.List) {
	type problem struct {
		Pos      string `json:"pos,omitempty"`
		Msg      string `json:"message"`
		Hint     string `json:"hint,omitempty"`
		Severity string `json:"severity,omitempty"` // "warning", or none for an error
	}
	list := make([]problem, 0, len(problems))
	for _, p := range problems {
		var pos string
		if p.Pos.File != "" {
			pos = p.Pos.String()
		}
		var sev string
		if p.Severity == diag.Warning {
			sev = "warning"
		}
		list = append(list, problem{pos, p.Msg, p.Hint, sev})
	}
	h.broadcast(event("problems", struct {
		Problems []problem `json:"problems"`
	}{list}), len(list) > 0)
}

// Clients reports how many pages are connected.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close disconnects every page and refuses new ones. Call it before
// http.Server.Shutdown (see RegisterOnShutdown), which otherwise waits for
// the event streams, which never end by themselves.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		close(c)
	}
	h.clients = nil
}

// event formats one Server-Sent Event.
func event(name string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		panic(err) // the data is one of this package's own types
	}
	return []byte("event: " + name + "\ndata: " + string(b) + "\n\n")
}

// broadcast queues msg for every client without ever waiting: a client
// whose queue is full is dropped, so one stuck page cannot stall a build.
func (h *Hub) broadcast(msg []byte, sticky bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sticky = nil
	if sticky {
		h.sticky = msg
	}
	for c := range h.clients {
		select {
		case c <- msg:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

// add registers a client and returns its queue, with the last problems
// already in it, or nil after Close.
func (h *Hub) add() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	c := make(chan []byte, queue)
	if h.sticky != nil {
		c <- h.sticky
	}
	if h.clients == nil {
		h.clients = make(map[chan []byte]struct{})
	}
	h.clients[c] = struct{}{}
	return c
}

// remove unregisters a client; a dropped one is already gone.
func (h *Hub) remove(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// ServeHTTP serves the event stream at "events" and the client script at
// "reload.js", below wherever the hub is mounted.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch path.Base(r.URL.Path) {
	case "events":
		h.serveEvents(w, r)
	case "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(script)))
		io.WriteString(w, script)
	default:
		http.NotFound(w, r)
	}
}

func (h *Hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	c := h.add()
	if c == nil {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer h.remove(c)
	w.Header().Set("Content-Type", "text/event-stream")
	rc := http.NewResponseController(w)
	// The comment sends the headers at once, so the page knows it is
	// connected; the retry time makes it reconnect quickly after a restart.
	if _, err := io.WriteString(w, ": connected\nretry: 1000\n\n"); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-c:
			if !ok {
				return // dropped, or the hub closed
			}
			if _, err := w.Write(msg); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}
