package main

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/kettu/kettudocs/builder/reload"
)

// A web page the writer visits while serve runs can make its own name
// resolve to 127.0.0.1 (DNS rebinding) and then read the preview, drafts
// and all, and its event stream, as a page of its own origin. The browser
// still sends the page's name as Host: serve answers only names that are
// its own, and its event stream only pages of those names.

// hostGuard answers requests whose Host is one of hosts, and refuses the
// others; the event stream also refuses an Origin of another host.
type hostGuard struct {
	hosts map[string]bool // lower case, without port or brackets
	next  http.Handler
}

// newHostGuard returns the guard of a server listening on addr (host:port
// as it was asked for), for the names it answers to: loopback names, the
// bound address, and extra; on all interfaces, also the machine's own
// addresses and name.
func newHostGuard(addr string, extra []string, next http.Handler) *hostGuard {
	g := &hostGuard{hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}, next: next}
	bind, _, err := net.SplitHostPort(addr)
	if err != nil {
		bind = addr
	}
	g.add(bind)
	for _, h := range extra {
		g.add(h)
	}
	if ip := net.ParseIP(bind); bind == "" || ip != nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil {
			g.add(name)
		}
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					g.add(n.IP.String())
				}
			}
		}
	}
	return g
}

func (g *hostGuard) add(h string) {
	h = strings.ToLower(strings.Trim(h, "[]"))
	if h != "" {
		g.hosts[h] = true
	}
}

// allowed reports whether hostport, a Host header or an origin's host,
// names this server.
func (g *hostGuard) allowed(hostport string) bool {
	h, _, err := net.SplitHostPort(hostport)
	if err != nil {
		h = hostport
	}
	return g.hosts[strings.ToLower(strings.Trim(h, "[]"))]
}

func (g *hostGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// No browser guesses a type the preview did not give: a file of the
	// content is never run as a page.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !g.allowed(r.Host) {
		http.Error(w, fmt.Sprintf("kettudocs serve: %q is not a name of this server; to preview under it, pass --allow-host %s", r.Host, hostOnly(r.Host)), http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, reload.Prefix) {
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || u.Scheme != "http" || !g.allowed(u.Host) {
				http.Error(w, fmt.Sprintf("kettudocs serve: pages of %q may not follow this preview", o), http.StatusForbidden)
				return
			}
		}
	}
	g.next.ServeHTTP(w, r)
}

// hostOnly returns the host of a Host header, without its port.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}
