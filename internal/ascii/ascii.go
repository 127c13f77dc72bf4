// Package ascii skips runs of plain ASCII text eight bytes at a time: the
// stages that read or write every byte of a document (normalize, the JSON
// reader and writer, the coder's check for binary data) ask it where the
// next byte they must look at is. The JSON writer also has it copy the
// short strings that it finds plain, as it tests them.
//
// Each function tests a word of eight bytes at once. It computes a mask
// whose high bit is set in each byte it must stop at: a byte of 0x80 and
// above is marked by its own high bit; a byte below n by the high bit of
// x - n*Ones, and a byte equal to c by that of (x ^ c*Ones) - Ones, as both
// wrap around below zero. A byte the functions pass over borrows nothing
// from the byte above it, so the lowest byte marked is the first byte to
// stop at; the bytes above it may be marked wrongly, and are never looked
// at. Finding the stop is then counting trailing zeros, not looping over
// bytes.
package ascii

import (
	"encoding/binary"
	"math/bits"
)

// Ones has 1 in each byte of a word, Highs the high bit of each: the
// constants of the byte tests above, for the stages that make their own.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Word reads the first eight bytes of s, which must have that many, as a
// little-endian word (one load on amd64 and arm64).
func Word[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// half reads the first four bytes of s, which must have that many, as a
// little-endian word.
func half[T string | []byte](s T) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// tail reads s[i:], which is one to seven bytes long, into the low bytes
// of a word whose other bytes are zero. Overlapping loads read a short
// string without a loop: the last eight bytes of s where it has them,
// otherwise two four-byte halves or three single bytes.
func tail[T string | []byte](s T, i int) uint64 {
	// The shifts are masked to tell the compiler they are below 64.
	n := uint(len(s) - i)
	switch {
	case len(s) >= 8:
		return Word(s[len(s)-8:]) >> ((64 - 8*n) & 63)
	case n >= 4:
		return half(s[i:]) | half(s[len(s)-4:])<<((8*n-32)&63)
	default:
		return uint64(s[i]) | uint64(s[i+int(n/2)])<<((8*(n/2))&63) | uint64(s[len(s)-1])<<((8*n-8)&63)
	}
}

// control marks the bytes of x below 0x20 and from 0x80.
func control(x uint64) uint64 { return x | (x - Ones*0x20) }

// equal marks the bytes of x equal to c (below 0x80).
func equal(x uint64, c byte) uint64 { return (x ^ Ones*uint64(c)) - Ones }

// printableStops marks the bytes Printable stops at.
func printableStops(x uint64) uint64 { return control(x) & Highs }

// plainStops marks the bytes Plain stops at.
func plainStops(x uint64) uint64 {
	return (control(x) | equal(x, '"') | equal(x, '\\')) & Highs
}

// htmlStops marks the bytes PlainHTML stops at.
func htmlStops(x uint64) uint64 { return htmlMarks(x) & Highs }

// htmlMarks is htmlStops before its bytes' low bits are cleared: only the
// high bits of its bytes mean anything. '"' (0x22) and '&' (0x26) differ in
// bit 2 only, '<' (0x3c) and '>' (0x3e) in bit 1: one test marks either of
// a pair.
func htmlMarks(x uint64) uint64 {
	return control(x) | equal(x|Ones*4, '&') | equal(x, '\\') | equal(x|Ones*2, '>')
}

// first returns the index in s of the byte that the lowest mark of m, for
// the word at s[i:], stands for, or len(s) if that is past the end of s.
func first(m uint64, i, n int) int {
	return min(i+bits.TrailingZeros64(m)/8, n)
}

// The functions below test two words a turn while they find nothing to stop
// at, then find the stop in the word that has it.

// Printable returns the index of the first byte of s at or after i that is
// a control character (below 0x20) or not ASCII (0x80 and above), or
// len(s).
func Printable[T string | []byte](s T, i int) int {
	for ; len(s)-i >= 16; i += 16 {
		w := s[i : i+16]
		if printableStops(Word(w))|printableStops(Word(w[8:])) != 0 {
			break
		}
	}
	for ; len(s)-i >= 8; i += 8 {
		if m := printableStops(Word(s[i:])); m != 0 {
			return first(m, i, len(s))
		}
	}
	if i == len(s) {
		return i
	}
	// The zero bytes above the tail are marked, past the end.
	return first(printableStops(tail(s, i)), i, len(s))
}

// Plain returns the index of the first byte of s at or after i that JSON
// must escape or that is not ASCII: a control character, '"', '\\', or a
// byte of 0x80 and above; or len(s).
func Plain[T string | []byte](s T, i int) int {
	for ; len(s)-i >= 16; i += 16 {
		w := s[i : i+16]
		if plainStops(Word(w))|plainStops(Word(w[8:])) != 0 {
			break
		}
	}
	for ; len(s)-i >= 8; i += 8 {
		if m := plainStops(Word(s[i:])); m != 0 {
			return first(m, i, len(s))
		}
	}
	if i == len(s) {
		return i
	}
	return first(plainStops(tail(s, i)), i, len(s))
}

// PlainHTML is Plain that also stops at '<', '>' and '&', which JSON
// written for HTML pages escapes.
func PlainHTML(s string, i int) int {
	for ; len(s)-i >= 16; i += 16 {
		w := s[i : i+16]
		if htmlStops(Word(w))|htmlStops(Word(w[8:])) != 0 {
			break
		}
	}
	for ; len(s)-i >= 8; i += 8 {
		if m := htmlStops(Word(s[i:])); m != 0 {
			return first(m, i, len(s))
		}
	}
	if i == len(s) {
		return i
	}
	return first(htmlStops(tail(s, i)), i, len(s))
}

// CopyPlainHTML copies s to the start of dst, which must be as long as s
// or longer, and reports whether s has nothing PlainHTML stops at, that is
// whether PlainHTML(s, 0) == len(s). When s has such a byte, what it wrote
// to dst is of no use.
//
// It copies s while it tests it, a word at a time, the last word ending
// where s ends and overlapping the one before; a string of 4 to 7 bytes as
// its first and last four bytes, and one of 1 to 3 as its first, middle and
// last byte, again overlapping. That is cheaper for the short strings of
// JSON fields than finding the end of the plain run and copying it after.
// The marks of all the words are or'ed together and tested once, as a
// string that is not plain is not copied in part.
func CopyPlainHTML(dst []byte, s string) bool {
	d := dst[:len(s)]
	var m uint64
	switch {
	case len(s) >= 8:
		// t and e are as long as each other; testing both lets the
		// compiler drop the bounds checks of the loop.
		for t, e := s, d; len(t) > 8 && len(e) > 8; t, e = t[8:], e[8:] {
			x := Word(t)
			m |= htmlMarks(x)
			binary.LittleEndian.PutUint64(e, x)
		}
		x := Word(s[len(s)-8:])
		m |= htmlMarks(x)
		binary.LittleEndian.PutUint64(d[len(d)-8:], x)
	case len(s) >= 4:
		x, y := half(s), half(s[len(s)-4:])
		m = htmlMarks(x | y<<32)
		binary.LittleEndian.PutUint32(d, uint32(x))
		binary.LittleEndian.PutUint32(d[len(d)-4:], uint32(y))
	case len(s) > 0:
		a, b, c := s[0], s[len(s)/2], s[len(s)-1]
		// The zero bytes above the three are marked; they are no part of
		// s.
		m = htmlMarks(uint64(a)|uint64(b)<<8|uint64(c)<<16) & 0xFFFFFF
		d[0], d[len(d)/2], d[len(d)-1] = a, b, c
	}
	return m&Highs == 0
}
