// Package normalize prepares raw article text for segmentation: it maps
// typographic quotes, dashes and spaces to their plain forms, drops
// invisible characters, and blanks out scraped-news debris (photo credits,
// headlines repeated by page templates, "Read more" lines, wire datelines
// and trailing agency tags) so that it is never coded.
//
// In: the original document text. Out: a Text whose S is the normalised
// string and whose Orig maps every byte of S back to a byte offset in the
// original, so evidence found in S can be shown in the original text.
package normalize

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"dyad/internal/ascii"
)

// Text is normalised text with its offset map.
type Text struct {
	// S is the normalised text.
	S string
	// orig[i] is the offset in the original text of byte i of S;
	// orig[len(S)] is the length of the original.
	orig []int32
	// Dateline is the place of a wire dateline that opened the text, as
	// it was written ("NIAMEY" of "NIAMEY, May 19 (Reuters) - "); the
	// dateline itself is blanked in S. DatelineStart is its offset in S.
	Dateline      string
	DatelineStart int
}

// Orig returns the offset in the original text of byte i of S (0 <= i <= len(S)).
func (t *Text) Orig(i int) int { return int(t.orig[i]) }

// Span maps a half-open byte range of S to the original text.
func (t *Text) Span(start, end int) (int, int) {
	if end > start {
		// End at the byte after the last byte's original position, so that
		// a multi-byte original character is covered whole.
		last := t.orig[end-1]
		nxt := t.orig[end]
		if nxt <= last {
			nxt = last + 1
		}
		return int(t.orig[start]), int(nxt)
	}
	return int(t.orig[start]), int(t.orig[start])
}

// Normalizer turns original text into a Text. The zero value is ready to
// use and safe for concurrent use.
type Normalizer struct {
	// KeepDebris disables the debris rules (characters are still mapped).
	KeepDebris bool
}

// Normalize maps characters and blanks debris. Invalid UTF-8 bytes are
// replaced by spaces.
func (n Normalizer) Normalize(src string) Text {
	var buf Buffer
	return n.NormalizeBuf(&buf, src)
}

// Buffer is working memory that NormalizeBuf reuses from one text to the
// next. Its zero value is ready to use.
type Buffer struct {
	b    []byte
	orig []int32
}

// NormalizeBuf is Normalize with working memory from buf. The Text it
// returns shares its offset map with buf: it is valid until buf is used
// again. Its S stays valid: src itself when normalising changed nothing,
// else a string of its own.
func (n Normalizer) NormalizeBuf(buf *Buffer, src string) Text {
	b := slices.Grow(buf.b[:0], len(src))
	orig := slices.Grow(buf.orig[:0], len(src)+1)
	for i := 0; i < len(src); {
		// A run of plain printable ASCII is copied as it is.
		if i+8 <= len(src) {
			if b, orig, i = plain(b, orig, src, i); i == len(src) {
				break
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			if c == '\r' {
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
					continue
				}
				c = '\n'
			} else if c == '\t' || c == '\f' || c == '\v' {
				c = ' '
			} else if c < 0x20 && c != '\n' {
				c = ' '
			}
			b = append(b, c)
			orig = append(orig, int32(i))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b, orig = emit(b, orig, " ", i)
		case r == '\u2018' || r == '\u2019' || r == '\u201b' || r == '\u2032' || r == '\u02bc':
			b, orig = emit(b, orig, "'", i)
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u2033' || r == '\u00ab' || r == '\u00bb':
			b, orig = emit(b, orig, "\"", i)
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2015' || r == '\u2212':
			b, orig = emit(b, orig, "-", i)
		case r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u2007' || r == '\u2009' || r == '\u200a' || r == '\u202f' || r == '\u3000':
			b, orig = emit(b, orig, " ", i)
		case r == '\u2026':
			b, orig = emit(b, orig, "...", i)
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			b, orig = emit(b, orig, "\n", i)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			// invisible: dropped
		default:
			b, orig = emit(b, orig, src[i:i+size], i)
		}
		i += size
	}
	orig = append(orig, int32(len(src)))
	var dl span
	if !n.KeepDebris {
		dl = blankDebris(b)
	}
	buf.b, buf.orig = b[:0], orig[:0]
	// Text that needed no change, as most news copy, is src itself: no
	// copy to make.
	s := src
	if string(b) != src {
		s = string(b)
	}
	t := Text{S: s, orig: orig}
	if dl.end > dl.start {
		t.Dateline, t.DatelineStart = src[orig[dl.start]:orig[dl.end]], dl.start
	}
	return t
}

// plain copies the run of plain printable ASCII at src[i:] to b, and the
// offsets of its bytes to orig, eight bytes at a time while src has eight
// more: it writes the eight bytes and their offsets and keeps as many as
// come before the first byte that is a control character or not ASCII.
// An output byte comes from at least one input byte, so b and orig, which
// have room for src, have room for eight past their length. It returns b,
// orig and the index after the run.
func plain(b []byte, orig []int32, src string, i int) ([]byte, []int32, int) {
	for i+8 <= len(src) {
		x := ascii.Word(src[i : i+8])
		nb := len(b)
		binary.LittleEndian.PutUint64(b[nb:nb+8], x)
		o := orig[nb : nb+8]
		at := int32(i)
		o[0], o[1], o[2], o[3] = at, at+1, at+2, at+3
		o[4], o[5], o[6], o[7] = at+4, at+5, at+6, at+7
		// The high bit of a byte of m is set where the byte is below 0x20
		// or at 0x80 and above (the lowest such byte exactly).
		if m := ((x-ascii.Ones*0x20)&^x | x) & ascii.Highs; m != 0 {
			k := bits.TrailingZeros64(m) >> 3
			return b[:nb+k], orig[:nb+k], i + k
		}
		b, orig = b[:nb+8], orig[:nb+8]
		i += 8
	}
	return b, orig, i
}

// emit appends s to b, and for each of its bytes the original offset at
// to orig.
func emit(b []byte, orig []int32, s string, at int) ([]byte, []int32) {
	for i := 0; i < len(s); i++ {
		b = append(b, s[i])
		orig = append(orig, int32(at))
	}
	return b, orig
}

// span is a half-open byte range.
type span struct{ start, end int }

// blankDebris overwrites the debris in b with spaces, keeping every
// offset. Blanking a line changes neither its line breaks nor the lines
// after it, and each rule reads a line before it blanks it. It returns
// the range of the place of a wire dateline it blanked.
func blankDebris(b []byte) (dateline span) {
	lineNo := 0
	for start := 0; start < len(b); lineNo++ {
		end := len(b)
		if k := bytes.IndexByte(b[start:], '\n'); k >= 0 {
			end = start + k
		}
		blankLine(b, start, end, lineNo, &dateline)
		start = end + 1
	}
	// A trailing agency tag closes the text: "... said. (Reuters)".
	t := bytes.TrimRight(b, " \n")
	if len(t) > 0 && t[len(t)-1] == ')' {
		if open := bytes.LastIndexByte(t, '('); open >= 0 && isAgencyTag(string(t[open+1:len(t)-1])) {
			before := bytes.TrimRight(t[:open], " ")
			if len(before) == 0 || strings.IndexByte(".!?\"'", before[len(before)-1]) >= 0 {
				blank(b, open, len(t))
			}
		}
	}
	return dateline
}

func blank(b []byte, from, to int) {
	for i := from; i < to; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// blankLine blanks in b the debris of the line b[start:end] and reports
// whether there was any. Each rule reads what it needs of the line before
// it blanks it.
func blankLine(b []byte, start, end, lineNo int, dateline *span) (cut bool) {
	line := b[start:end]
	// Photo credits: everything from a copyright sign to the end of the line.
	if i := bytes.Index(line, []byte("©")); i >= 0 {
		blank(b, start+i, end)
		line = line[:i]
		cut = true
	}
	t := bytes.TrimSpace(line)
	if len(t) == 0 {
		return cut
	}
	// The debris prefixes are short: lower-case the line's start only.
	head := t
	if len(head) > 32 {
		head = head[:32]
	}
	// Only the prefixes starting with the line's first letter (in either
	// case) can match: EqualFold matches a non-ASCII letter only to one of
	// its own length, and every prefix is ASCII.
	for _, p := range prefixesBy[head[0]|0x20] {
		if len(head) >= len(p) && strings.EqualFold(string(head[:len(p)]), p) && len(t) < 200 {
			blank(b, start, end)
			return true
		}
	}
	// A headline printed twice by a page template: "X X".
	if len(t) >= 20 && len(t) <= 400 && len(t)%2 == 1 {
		h := (len(t) - 1) / 2
		if t[h] == ' ' && bytes.Equal(t[:h], t[h+1:]) && !bytes.Contains(t[:h], []byte(". ")) {
			blank(b, start, end)
			return true
		}
	}
	// A wire dateline opening the story: "NIAMEY, May 19 (Reuters) - ",
	// "NIAMEY, May 19 - ".
	if lineNo < 3 {
		if dash := bytes.Index(line, []byte(" - ")); dash > 0 && dash < 40 {
			if p := string(line[:dash]); isDatelinePlace(p) && strings.Contains(p, ",") && strings.ContainsAny(p, "0123456789") {
				*dateline = placeSpan(line, start, strings.IndexByte(p, ','))
				blank(b, start, start+dash+3)
				return true
			}
		}
		if open := bytes.IndexByte(line, '('); open > 0 && open < 60 {
			if cl := bytes.IndexByte(line[open:], ')'); cl > 0 && isAgencyTag(string(line[open+1:open+cl])) {
				rest := line[open+cl+1:]
				trim := bytes.TrimLeft(rest, " ")
				if len(trim) > 0 && trim[0] == '-' && isDatelinePlace(string(line[:open])) {
					end := open
					if c := bytes.IndexByte(line[:open], ','); c >= 0 {
						end = c
					}
					*dateline = placeSpan(line, start, end)
					dash := open + cl + 1 + (len(rest) - len(trim))
					for dash < len(line) && (line[dash] == '-' || line[dash] == ' ') {
						dash++
					}
					blank(b, start, start+dash)
					return true
				}
			}
		}
	}
	return cut
}

// debrisPrefixes open the lines that are debris as a whole, matched
// without regard to case. prefixesBy holds them by their first letter,
// which is lower-case.
var (
	debrisPrefixes = []string{"photo:", "photo credit", "image:", "picture:", "credit:", "file photo", "read more:", "read more", "related:", "related article", "also read:", "see also:", "advertisement", "subscribe to", "sign up for", "share this", "click here"}
	prefixesBy     = func() (by [256][]string) {
		for _, p := range debrisPrefixes {
			by[p[0]] = append(by[p[0]], p)
		}
		return by
	}()
)

// placeSpan returns the range in b of the words of line[:end], a
// dateline's place; line starts at offset start of b.
func placeSpan(line []byte, start, end int) span {
	from := 0
	for from < end && line[from] == ' ' {
		from++
	}
	for end > from && line[end-1] == ' ' {
		end--
	}
	return span{start + from, start + end}
}

// isAgencyTag reports whether s looks like a news agency's name in a tag:
// one to four capitalised words, no digits.
func isAgencyTag(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 || len(s) > 40 {
		return false
	}
	for _, w := range f {
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
		for i := 0; i < len(w); i++ {
			if w[i] >= '0' && w[i] <= '9' {
				return false
			}
		}
	}
	return true
}

// isDatelinePlace reports whether s is a dateline's place and date:
// upper-case place words, optionally followed by ", Month Day".
func isDatelinePlace(s string) bool {
	place, _, _ := strings.Cut(s, ",")
	place = strings.TrimSpace(place)
	if place == "" {
		return false
	}
	for _, r := range place {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}
