package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kettu/kettudocs/builder/reload"
	"github.com/kettu/kettudocs/internal/testfs"
)

// TestServeHosts: serve answers only its own names, so that a web page
// the writer visits cannot read the preview by making its name resolve to
// 127.0.0.1; its event stream also refuses pages of other origins.
func TestServeHosts(t *testing.T) {
	site := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out strings.Builder
	p, err := startPreview(ctx, previewConfig{
		site: &siteFlags{source: site}, addr: "127.0.0.1:0", hosts: []string{"Docs.Lan"},
		quiet: 10 * time.Millisecond, stdout: io.Discard, stderr: &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); p.wait() }()
	port := strings.TrimSuffix(p.url[strings.LastIndex(p.url, ":")+1:], "/")
	events := strings.TrimPrefix(reload.Prefix, "/") + "events"
	tests := []struct {
		host, origin, path string
		want               int
	}{
		{"127.0.0.1:" + port, "", "", 200},
		{"localhost:" + port, "", "", 200},
		{"LOCALHOST", "", "", 200},
		{"[::1]:" + port, "", "", 200},
		{"docs.lan:" + port, "", "", 200}, // --allow-host, any case
		{"attacker.example:" + port, "", "", 403},
		{"attacker.example", "", "", 403},
		{"127.0.0.1.attacker.example:" + port, "", "", 403},
		{"attacker.example:" + port, "", events, 403},
		{"127.0.0.1:" + port, "http://attacker.example:" + port, events, 403},
		{"127.0.0.1:" + port, "null", events, 403},
		{"127.0.0.1:" + port, "https://localhost:" + port, events, 403},
	}
	for _, tt := range tests {
		req, err := http.NewRequest("GET", p.url+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		if tt.origin != "" {
			req.Header.Set("Origin", tt.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %q, Origin %q, /%s: %s, want %d\n%s", tt.host, tt.origin, tt.path, resp.Status, tt.want, body)
		}
		if resp.StatusCode == 403 && tt.origin == "" && !strings.Contains(string(body), "--allow-host") {
			t.Errorf("Host %q refused without the flag that allows it: %s", tt.host, body)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("Host %q, /%s: X-Content-Type-Options %q", tt.host, tt.path, got)
		}
	}
	// The stream of an allowed origin still works.
	req, _ := http.NewRequest("GET", p.url+events, nil)
	req.Header.Set("Origin", strings.TrimSuffix(p.url, "/"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the event stream of the preview's own origin: %s", resp.Status)
	}
}

// TestServeTypes: every answer says its type and that no browser may
// guess another: a page's Markdown is text/markdown, and a file of no
// known type is a download, never sniffed as HTML.
func TestServeTypes(t *testing.T) {
	site := newSite(t)
	testfs.Write(t, filepath.Join(site, "content", "notes"), "<html><script>alert(1)</script></html>")
	testfs.Write(t, filepath.Join(site, "content", "data.unknownext"), "<html><script>alert(1)</script></html>")
	p, _, _, _ := startServe(t, site)
	for _, tt := range []struct {
		path, want string
		code       int
	}{
		{"", "text/html; charset=utf-8", 200},
		{"opcodes-and-status-codes/index.md", "text/markdown; charset=utf-8", 200},
		{"notes", "application/octet-stream", 200},
		{"data.unknownext", "application/octet-stream", 200},
		{"no/such/page/", "text/html; charset=utf-8", 404},
		{strings.TrimPrefix(reload.Prefix, "/") + "reload.js", "text/javascript; charset=utf-8", 200},
	} {
		_, h := getPage(t, p.url+tt.path, tt.code)
		if got := h.Get("Content-Type"); got != tt.want {
			t.Errorf("/%s: Content-Type %q, want %q", tt.path, got, tt.want)
		}
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("/%s: X-Content-Type-Options %q, want nosniff", tt.path, got)
		}
	}
}
