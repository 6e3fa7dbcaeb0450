package reload

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"testing/fstest"
)

func TestInject(t *testing.T) {
	// respond returns a handler that answers with a type, status and body.
	respond := func(ctype string, code int, body string, header ...string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Set(header[i], header[i+1])
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(code)
			w.Write([]byte(body))
		})
	}
	site := http.FileServerFS(fstest.MapFS{
		"index.html":       {Data: []byte("<!DOCTYPE html><title>Home</title><body><p>home</p></body>")},
		"guide/index.html": {Data: []byte("<!DOCTYPE html><title>Guide</title><body><p>guide</p></body>")},
		"theme.css":        {Data: []byte("body{color:red}</body>")},
		"theme.js":         {Data: []byte(`document.write("</body>")`)},
	})
	const html = "text/html; charset=utf-8"

	tests := []struct {
		name    string
		h       http.Handler
		method  string
		path    string
		header  []string // request header names and values
		code    int
		want    string // the body
		wantLen int    // Content-Length, when it differs from len(want)
	}{
		{"before </body>", respond(html, 200, "<body><p>x</p></body></html>"), "GET", "/", nil,
			200, "<body><p>x</p>" + Tag + "</body></html>", 0},
		{"before the last </body>, in any case", respond(html, 200, "<body><pre></body></pre></BODY>\n"), "GET", "/", nil,
			200, "<body><pre></body></pre>" + Tag + "</BODY>\n", 0},
		{"at the end without </body>", respond(html, 200, "<p>x"), "GET", "/", nil,
			200, "<p>x" + Tag, 0},
		{"into a sniffed page", respond("", 200, "<!DOCTYPE html><body></body>"), "GET", "/", nil,
			200, "<!DOCTYPE html><body>" + Tag + "</body>", 0},
		{"into an error page", respond(html, 500, "<body>build failed</body>"), "GET", "/", nil,
			500, "<body>build failed" + Tag + "</body>", 0},
		{"not into CSS", respond("text/css", 200, "body{}</body>"), "GET", "/", nil,
			200, "body{}</body>", 0},
		{"not into plain text", respond("text/plain", 200, "</body>"), "GET", "/", nil,
			200, "</body>", 0},
		{"not into a compressed page", respond(html, 200, "\x1f\x8b", "Content-Encoding", "gzip"), "GET", "/", nil,
			200, "\x1f\x8b", 0},

		{"a folder's index.html", site, "GET", "/", nil,
			200, "<!DOCTYPE html><title>Home</title><body><p>home</p>" + Tag + "</body>", 0},
		{"a subfolder's index.html", site, "GET", "/guide/", nil,
			200, "<!DOCTYPE html><title>Guide</title><body><p>guide</p>" + Tag + "</body>", 0},
		{"a stylesheet", site, "GET", "/theme.css", nil,
			200, "body{color:red}</body>", 0},
		{"a script", site, "GET", "/theme.js", nil,
			200, `document.write("</body>")`, 0},
		{"HEAD counts the script", site, "HEAD", "/guide/", nil,
			200, "", len("<!DOCTYPE html><title>Guide</title><body><p>guide</p></body>") + len(Tag)},
		{"a range of a page is left alone", site, "GET", "/guide/", []string{"Range", "bytes=0-14"},
			206, "<!DOCTYPE html>", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for i := 0; i+1 < len(tt.header); i += 2 {
				req.Header.Set(tt.header[i], tt.header[i+1])
			}
			rec := httptest.NewRecorder()
			Inject(tt.h).ServeHTTP(rec, req)
			if rec.Code != tt.code || rec.Body.String() != tt.want {
				t.Errorf("%s %s: %d\n%q\nwant %d\n%q", tt.method, tt.path, rec.Code, rec.Body, tt.code, tt.want)
			}
			wantLen := tt.wantLen
			if wantLen == 0 {
				wantLen = len(tt.want)
			}
			if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(wantLen) {
				t.Errorf("%s %s: Content-Length %s, want %d", tt.method, tt.path, cl, wantLen)
			}
		})
	}
}
