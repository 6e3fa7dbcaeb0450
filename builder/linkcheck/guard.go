package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// A pull request chooses the links a check requests, and CI runs the
// check on a network with other machines, metadata services and admin
// pages on it. Unless Checker.AllowPrivate, a link is requested only from
// public addresses: the guard resolves the host itself, drops every
// address that is not public, and connects to one of those left, so that
// neither a redirect nor a DNS answer that changes between look-up and
// connect (rebinding) reaches a private address. Nothing is sent to an
// address that is refused, and the problem says only that it was.

// errPrivate is the error of dialing a host whose addresses are none of
// them public.
var errPrivate = errors.New("refused: private address")

// Public reports whether ip is an address on the public internet: not
// loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, where
// clouds serve instance metadata, and fe80::/10), unspecified, multicast,
// shared (100.64/10, carrier-grade NAT), reserved (0/8, 240/4, broadcast)
// or benchmarking (198.18/15), nor such an IPv4 address inside IPv6
// (::ffff:10.0.0.1, 64:ff9b::10.0.0.1).
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.Is6() && nat64.Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	notPublic = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),
		netip.MustParsePrefix("100.64.0.0/10"),
		netip.MustParsePrefix("192.0.0.0/24"),
		netip.MustParsePrefix("198.18.0.0/15"),
		netip.MustParsePrefix("240.0.0.0/4"), // 255.255.255.255 too
		netip.MustParsePrefix("::/128"),
		netip.MustParsePrefix("100::/64"), // discard-only
	}
)

// dialFunc is the type of http.Transport.DialContext.
type dialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// guard returns dial that connects only to public addresses, resolving
// names with resolve.
func guard(dial dialFunc, resolve func(ctx context.Context, host string) ([]netip.Addr, error)) dialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var ips []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			ips = []netip.Addr{ip}
		} else if ips, err = resolve(ctx, host); err != nil {
			return nil, err
		}
		err = errPrivate
		for _, ip := range ips {
			if !Public(ip) {
				continue
			}
			conn, derr := dial(ctx, network, net.JoinHostPort(ip.String(), port))
			if derr == nil {
				return conn, nil
			}
			err = derr
		}
		return nil, err
	}
}

// guarded returns a copy of client whose transport connects only to
// public addresses, without proxies from the environment (a proxy would
// connect wherever it was asked to).
func (c *Checker) guarded(client http.Client) (http.Client, error) {
	var tr *http.Transport
	switch t := client.Transport.(type) {
	case nil:
		tr = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		tr = t.Clone()
	default:
		return client, fmt.Errorf("linkcheck: cannot keep a client with a %T from private addresses: use an *http.Transport, or set AllowPrivate", t)
	}
	resolve := c.Resolve
	if resolve == nil {
		resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	dial := tr.DialContext
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	}
	tr.DialContext = guard(dial, resolve)
	if tr.DialTLSContext != nil {
		tr.DialTLSContext = guard(tr.DialTLSContext, resolve)
	}
	tr.Proxy = nil
	client.Transport = tr
	return client, nil
}
