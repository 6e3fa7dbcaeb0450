package reload

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// Tag is the element Inject adds to pages.
const Tag = `<script src="` + Prefix + `reload.js"></script>`

// Inject wraps a handler so that every HTML page it serves loads the
// client script: Tag goes before the last </body>, or at the end when there
// is none, and Content-Length is corrected. Other responses pass through
// untouched, as do partial, compressed and bodiless ones (206, 304, 204,
// redirects).
func Inject(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		iw := &injector{ResponseWriter: w, head: r.Method == http.MethodHead}
		next.ServeHTTP(iw, r)
		iw.finish()
	})
}

// injector holds back an HTML response until the handler is done, so that
// the script can go before </body> and the length be known.
type injector struct {
	http.ResponseWriter
	head    bool // a HEAD request: no body will come
	code    int  // the status, once the handler has given it
	decided bool // whether the response is HTML is known
	html    bool // the response is HTML and being held back
	buf     bytes.Buffer
}

func (w *injector) WriteHeader(code int) {
	if code < 200 {
		w.ResponseWriter.WriteHeader(code) // informational: more headers follow
		return
	}
	if w.code != 0 {
		return
	}
	w.code = code
	// Without a type, net/http sniffs one from the first Write; so must we.
	if w.Header().Get("Content-Type") != "" || w.head {
		w.decide()
	}
}

// decide holds the response back if it is a whole HTML page, and
// otherwise lets it through.
func (w *injector) decide() {
	w.decided = true
	h := w.Header()
	w.html = strings.HasPrefix(h.Get("Content-Type"), "text/html") &&
		h.Get("Content-Encoding") == "" &&
		(w.code == http.StatusOK || w.code >= 400)
	if !w.html {
		w.ResponseWriter.WriteHeader(w.code)
	}
}

func (w *injector) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.decided {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(p))
		}
		w.decide()
	}
	if w.html {
		return w.buf.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *injector) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish sends a held-back page with the script in it.
func (w *injector) finish() {
	if w.code != 0 && !w.decided {
		w.decide() // a status with no body
	}
	if !w.html {
		return
	}
	h := w.Header()
	if w.head {
		// The handler counted the page without the script, which always
		// adds exactly len(Tag) bytes.
		if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil {
			h.Set("Content-Length", strconv.Itoa(n+len(Tag)))
		}
		w.ResponseWriter.WriteHeader(w.code)
		return
	}
	page := insert(w.buf.Bytes())
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.ResponseWriter.WriteHeader(w.code)
	w.ResponseWriter.Write(page)
}

// insert returns page with Tag before its last </body>, in any case, or at
// its end.
func insert(page []byte) []byte {
	const end = "</body>"
	i := len(page)
	for j := len(page) - len(end); j >= 0; j-- {
		if bytes.EqualFold(page[j:j+len(end)], []byte(end)) {
			i = j
			break
		}
	}
	out := make([]byte, 0, len(page)+len(Tag))
	out = append(out, page[:i]...)
	out = append(out, Tag...)
	return append(out, page[i:]...)
}
