// Package netguard says whether an address is one a fetcher acting for
// others must not connect to: any address of the IANA IPv4 and IPv6
// Special-Purpose Address Registries, multicast, and IPv6 outside global
// unicast.
//
// In: an IP address, as the dialer is about to connect to it (after name
// resolution, for every redirect). Out: the special-purpose range it falls
// in, with the RFC that reserves it, or none.
//
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are unwrapped and checked as
// the IPv4 address they carry; the other forms that embed an IPv4 address
// (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4
// 2002::/16, Teredo 2001::/32) are refused whole, since where they lead
// depends on relays and translators outside our view.
package netguard

import (
	"net/netip"
	"sort"
	"sync"
)

// Range is one reserved block of addresses.
type Range struct {
	Prefix netip.Prefix
	Name   string // the registry's name for it
	RFC    string // where it is reserved
}

func (r Range) String() string { return r.Prefix.String() + " " + r.Name + " (" + r.RFC + ")" }

// registry lists the rows of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (iana.org/assignments/iana-ipv4-special-registry and
// iana-ipv6-special-registry), every row whether or not IANA marks it
// globally reachable (none hosts pages a server should fetch for others),
// plus multicast, the deprecated IPv4-compatible and site-local IPv6
// blocks, and IPv6 outside global unicast.
func registry() []Range {
	rows := []struct{ prefix, name, rfc string }{
		// IPv4 Special-Purpose Address Registry.
		{"0.0.0.0/8", "\"this network\"", "RFC 791, section 3.2"},
		{"0.0.0.0/32", "\"this host on this network\"", "RFC 1122, section 3.2.1.3"},
		{"10.0.0.0/8", "private-use", "RFC 1918"},
		{"100.64.0.0/10", "shared address space (carrier-grade NAT; cloud metadata such as 100.100.100.200)", "RFC 6598"},
		{"127.0.0.0/8", "loopback", "RFC 1122, section 3.2.1.3"},
		{"169.254.0.0/16", "link local", "RFC 3927"},
		{"172.16.0.0/12", "private-use", "RFC 1918"},
		{"192.0.0.0/24", "IETF protocol assignments", "RFC 6890, section 2.1"},
		{"192.0.0.0/29", "IPv4 service continuity prefix", "RFC 7335"},
		{"192.0.0.8/32", "IPv4 dummy address", "RFC 7600"},
		{"192.0.0.9/32", "Port Control Protocol anycast", "RFC 7723"},
		{"192.0.0.10/32", "Traversal Using Relays around NAT anycast", "RFC 8155"},
		{"192.0.0.170/32", "NAT64/DNS64 discovery", "RFC 8880, RFC 7050"},
		{"192.0.0.171/32", "NAT64/DNS64 discovery", "RFC 8880, RFC 7050"},
		{"192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"},
		{"192.31.196.0/24", "AS112-v4", "RFC 7535"},
		{"192.52.193.0/24", "Automatic Multicast Tunneling", "RFC 7450"},
		{"192.88.99.0/24", "deprecated (6to4 relay anycast)", "RFC 7526"},
		{"192.168.0.0/16", "private-use", "RFC 1918"},
		{"192.175.48.0/24", "direct delegation AS112 service", "RFC 7534"},
		{"198.18.0.0/15", "benchmarking", "RFC 2544"},
		{"198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"},
		{"203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"},
		{"240.0.0.0/4", "reserved", "RFC 1112, section 4"},
		{"255.255.255.255/32", "limited broadcast", "RFC 8190, RFC 919 section 7"},
		// IPv4 multicast (IANA IPv4 Multicast Address Space Registry).
		{"224.0.0.0/4", "multicast", "RFC 5771"},

		// IPv6 Special-Purpose Address Registry.
		{"::1/128", "loopback", "RFC 4291"},
		{"::/128", "unspecified", "RFC 4291"},
		{"::ffff:0:0/96", "IPv4-mapped (checked as the IPv4 address it carries)", "RFC 4291"},
		{"64:ff9b::/96", "IPv4-IPv6 translation (NAT64)", "RFC 6052"},
		{"64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"},
		{"100::/64", "discard-only", "RFC 6666"},
		{"100:0:0:1::/64", "dummy IPv6 prefix", "RFC 9780"},
		{"2001::/23", "IETF protocol assignments", "RFC 2928"},
		{"2001::/32", "Teredo", "RFC 4380, RFC 8190"},
		{"2001:1::1/128", "Port Control Protocol anycast", "RFC 7723"},
		{"2001:1::2/128", "Traversal Using Relays around NAT anycast", "RFC 8155"},
		{"2001:1::3/128", "DNS-SD service registration protocol anycast", "RFC 9665"},
		{"2001:2::/48", "benchmarking", "RFC 5180"},
		{"2001:3::/32", "Automatic Multicast Tunneling", "RFC 7450"},
		{"2001:4:112::/48", "AS112-v6", "RFC 7535"},
		{"2001:10::/28", "deprecated (ORCHID)", "RFC 4843"},
		{"2001:20::/28", "ORCHIDv2", "RFC 7343"},
		{"2001:30::/28", "drone remote ID protocol entity tags", "RFC 9374"},
		{"2001:db8::/32", "documentation", "RFC 3849"},
		{"2002::/16", "6to4", "RFC 3056"},
		{"2620:4f:8000::/48", "direct delegation AS112 service", "RFC 7534"},
		{"3fff::/20", "documentation", "RFC 9637"},
		{"5f00::/16", "segment routing (SRv6) SIDs", "RFC 9602"},
		{"fc00::/7", "unique-local", "RFC 4193, RFC 8190"},
		{"fe80::/10", "link-local unicast", "RFC 4291"},
		// Outside the registry, refused as well.
		{"::/96", "IPv4-compatible (deprecated)", "RFC 4291, section 2.5.5.1"},
		{"fec0::/10", "site-local (deprecated)", "RFC 3879"},
		{"ff00::/8", "multicast", "RFC 4291, section 2.7"},
	}
	out := make([]Range, len(rows))
	for i, r := range rows {
		out[i] = Range{netip.MustParsePrefix(r.prefix), r.name, r.rfc}
	}
	// Most specific first, so that Blocked names the narrowest row.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Prefix.Bits() > out[j].Prefix.Bits() })
	return out
}

// table is the registry, parsed once; it is never changed.
var table = sync.OnceValue(registry)

// globalUnicast is where every public IPv6 address lies today.
var globalUnicast = netip.MustParsePrefix("2000::/3")

// Ranges returns the reserved ranges, most specific first. The caller owns
// the returned slice.
func Ranges() []Range { return append([]Range(nil), table()...) }

// Blocked reports whether a must not be connected to, and the narrowest
// range that says so. An IPv4-mapped IPv6 address is checked as its IPv4
// address; an invalid address is blocked.
func Blocked(a netip.Addr) (Range, bool) {
	if !a.IsValid() {
		return Range{Name: "invalid address", RFC: "-"}, true
	}
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	for _, r := range table() {
		if r.Prefix.Contains(a) {
			return r, true
		}
	}
	if a.Is6() && !globalUnicast.Contains(a) {
		return Range{Prefix: netip.PrefixFrom(a, 128), Name: "outside IPv6 global unicast 2000::/3", RFC: "RFC 4291, section 2.4"}, true
	}
	return Range{}, false
}
