package netguard_test

import (
	"net/netip"
	"testing"

	"dyad/internal/netguard"
)

// lastAddr returns the last address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	p = p.Masked()
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// Issue 17, item 5: every row of the registries is refused, from its first
// address to its last, and the addresses just outside it are not refused
// because of it.
func TestEveryRange(t *testing.T) {
	mapped := netip.MustParsePrefix("::ffff:0:0/96")
	for _, r := range netguard.Ranges() {
		if r.Prefix == mapped {
			continue // checked as IPv4, below
		}
		t.Run(r.Prefix.String(), func(t *testing.T) {
			first, last := r.Prefix.Masked().Addr(), lastAddr(r.Prefix)
			for _, in := range []netip.Addr{first, last} {
				got, ok := netguard.Blocked(in)
				if !ok || got.Prefix.Bits() < r.Prefix.Bits() || !r.Prefix.Contains(got.Prefix.Addr()) {
					t.Errorf("%s (inside %s): blocked %v by %v", in, r, ok, got)
				}
			}
			for _, out := range []netip.Addr{first.Prev(), last.Next()} {
				if !out.IsValid() || out.Is4In6() {
					continue
				}
				if got, ok := netguard.Blocked(out); ok && (got.Prefix == r.Prefix || !got.Prefix.Contains(out)) {
					t.Errorf("%s (just outside %s) blocked by %v", out, r, got)
				}
			}
		})
	}
}

func TestAddresses(t *testing.T) {
	blocked := []string{
		"100.100.100.200", "100.64.0.1", "192.0.0.1", "0.1.2.3", "0.0.0.0", "198.18.0.1", "198.19.255.255", "240.0.0.1",
		"255.255.255.255", "127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.1.1", "169.254.169.254", "224.0.0.251",
		"64:ff9b::7f00:1", "64:ff9b::808:808", "64:ff9b:1::1", "2002:7f00:1::", "2002:808:808::", "2001::1",
		"::127.0.0.1", "::8.8.8.8", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:100.100.100.200",
		"::1", "::", "fe80::1%eth0", "fd00::1", "fec0::1", "ff02::1", "2001:db8::1", "3fff::1", "5f00::1", "100::1",
		"::ffff:0:7f00:1", // IPv4-translated (RFC 2765), outside global unicast
	}
	for _, s := range blocked {
		if r, ok := netguard.Blocked(netip.MustParseAddr(s)); !ok {
			t.Errorf("%s is not blocked", s)
		} else if r.RFC == "" || r.Name == "" {
			t.Errorf("%s: blocked without a reason: %+v", s, r)
		}
	}
	public := []string{
		"8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "198.17.255.255", "198.20.0.0",
		"223.255.255.255", "192.0.1.0", "191.255.255.255", "::ffff:8.8.8.8", "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450::1",
	}
	for _, s := range public {
		if r, ok := netguard.Blocked(netip.MustParseAddr(s)); ok {
			t.Errorf("%s is blocked by %v", s, r)
		}
	}
	if _, ok := netguard.Blocked(netip.Addr{}); !ok {
		t.Error("the zero address is not blocked")
	}
}
