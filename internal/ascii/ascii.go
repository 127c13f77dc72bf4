// Package ascii skips runs of plain ASCII text eight bytes at a time: the
// stages that read or write every byte of a document (normalize, the JSON
// reader and writer, the coder's check for binary data) ask it where the
// next byte they must look at is.
package ascii

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load8 reads s[i:i+8] as a little-endian word (one load on amd64 and
// arm64).
func load8[T string | []byte](s T, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// hasLess reports whether a byte of x is below n (n <= 128); hasByte
// whether a byte of x is b.
func hasLess(x uint64, n byte) bool { return (x-ones*uint64(n))&^x&highs != 0 }
func hasByte(x uint64, b byte) bool { return hasLess(x^(ones*uint64(b)), 1) }

// Printable returns the index of the first byte of s at or after i that is
// a control character (below 0x20) or not ASCII (0x80 and above), or
// len(s).
func Printable[T string | []byte](s T, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load8(s, i)
		if x&highs != 0 || hasLess(x, 0x20) {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 {
			return i
		}
	}
	return i
}

// Plain returns the index of the first byte of s at or after i that JSON
// must escape or that is not ASCII: a control character, '"', '\\', or a
// byte of 0x80 and above; or len(s).
func Plain[T string | []byte](s T, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load8(s, i)
		if x&highs != 0 || hasLess(x, 0x20) || hasByte(x, '"') || hasByte(x, '\\') {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// PlainHTML is Plain that also stops at '<', '>' and '&', which JSON
// written for HTML pages escapes.
func PlainHTML(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load8(s, i)
		// '"' (0x22) and '&' (0x26) differ in bit 2 only, '<' (0x3c) and
		// '>' (0x3e) in bit 1: one test finds either of a pair.
		if x&highs != 0 || hasLess(x, 0x20) || hasByte(x|ones*4, '&') || hasByte(x, '\\') || hasByte(x|ones*2, '>') {
			break
		}
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x80, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return i
		}
	}
	return i
}
