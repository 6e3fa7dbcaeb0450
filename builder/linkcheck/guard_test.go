package linkcheck

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
)

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.215.14": true, "2606:2800:21f:cb07:6820:80da:af6b:8b2c": true, "8.8.8.8": true, "203.0.113.7": true,
		"127.0.0.1": false, "127.255.0.1": false, "::1": false,
		"10.0.0.5": false, "172.16.0.1": false, "172.31.255.255": false, "192.168.1.1": false, "fc00::1": false, "fd12:3456::1": false,
		"169.254.169.254": false, "fe80::1": false, "fe80::1%eth0": false,
		"0.0.0.0": false, "::": false, "0.1.2.3": false,
		"224.0.0.1": false, "239.255.255.250": false, "ff02::1": false,
		"100.64.0.1": false, "100.127.255.254": false, "198.18.0.1": false, "240.0.0.1": false, "255.255.255.255": false, "192.0.0.8": false,
		"::ffff:10.0.0.1": false, "::ffff:127.0.0.1": false, "::ffff:8.8.8.8": true,
		"64:ff9b::a00:1": false, "64:ff9b::808:808": true,
		"172.32.0.1": true, "100.128.0.1": true,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v, want %v", addr, got, want)
		}
	}
}

// FuzzPublic holds Public to net/netip's own predicates: nothing they call
// loopback, private, link-local, multicast or unspecified is public.
func FuzzPublic(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1})
	f.Add([]byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		ip, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		u := ip.Unmap()
		if Public(ip) && (u.IsLoopback() || u.IsPrivate() || u.IsLinkLocalUnicast() || u.IsMulticast() || u.IsUnspecified()) {
			t.Errorf("Public(%s) = true", ip)
		}
	})
}

// TestGuard: links to loopback addresses, by name or literally, are
// refused with no request sent; a redirect from a public server to one is
// refused too, without saying where it led; AllowPrivate lets them through.
func TestGuard(t *testing.T) {
	var private atomic.Int32
	priv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		private.Add(1)
		w.Write([]byte("<h1 id=admin>admin</h1>"))
	}))
	defer priv.Close()
	// The "public" server is on loopback too, as every server of a test:
	// the resolver gives its name a public address, and the dialer takes
	// that address to it.
	pub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-private":
			http.Redirect(w, r, priv.URL+"/admin", http.StatusFound)
		case "/to-localhost":
			http.Redirect(w, r, "http://localhost:"+strings.Split(priv.URL, ":")[2]+"/admin", http.StatusFound)
		default:
			w.Write([]byte("public"))
		}
	}))
	defer pub.Close()
	const public = "203.0.113.7"
	resolve := func(ctx context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "docs.example":
			return []netip.Addr{netip.MustParseAddr(public)}, nil
		case "both.example": // a public and a private address: the public one is used
			return []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr(public)}, nil
		case "rebind.example", "localhost":
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	pubAddr := strings.TrimPrefix(pub.URL, "http://")
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasPrefix(addr, public+":") {
			addr = pubAddr
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
	_, port, _ := net.SplitHostPort(pubAddr)
	links := []Link{
		{URL: priv.URL + "/admin"},
		{URL: "http://localhost:" + strings.Split(priv.URL, ":")[2] + "/admin#admin"},
		{URL: "http://rebind.example:" + port + "/"},
		{URL: "http://169.254.169.254/latest/meta-data/"},
		{URL: "http://docs.example:" + port + "/to-private"},
		{URL: "http://docs.example:" + port + "/to-localhost"},
		{URL: "http://docs.example:" + port + "/fine"},
		{URL: "http://both.example:" + port + "/fine"},
	}
	rep, err := (&Checker{Client: client, Resolve: resolve}).Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		links[0].URL: "refused: private address",
		links[1].URL: "refused: private address",
		links[2].URL: "refused: private address",
		links[3].URL: "refused: private address",
		links[4].URL: "refused: redirected to a private address",
		links[5].URL: "refused: redirected to a private address",
	}
	got := map[string]string{}
	for _, p := range rep.Problems {
		for _, l := range links {
			if strings.HasPrefix(p.Msg, "broken external link \""+l.URL+"\": ") {
				got[l.URL] = strings.TrimPrefix(p.Msg, "broken external link \""+l.URL+"\": ")
			}
		}
	}
	if len(got) != len(want) || len(rep.Problems) != len(want) {
		t.Errorf("problems: %v\nwant %v", rep.Problems, want)
	}
	for u, w := range want {
		if got[u] != w {
			t.Errorf("%s: %q, want %q", u, got[u], w)
		}
	}
	if n := private.Load(); n != 0 {
		t.Errorf("the private server got %d requests", n)
	}

	rep, err = (&Checker{Client: client, Resolve: resolve, AllowPrivate: true}).Check(context.Background(), links[:2])
	if err != nil || len(rep.Problems) != 0 || private.Load() == 0 {
		t.Errorf("AllowPrivate: %v, %v; %d requests", rep.Problems, err, private.Load())
	}
}
