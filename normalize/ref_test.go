package normalize

// NormalizeBuf as it was before its own word-at-a-time copy and in-place
// debris blanking: the reference the differential tests (diff_test.go)
// compare against, text and offset map. A rule changed on purpose is
// changed here too, or these tests go.

import (
	"slices"
	"strings"
	"unicode/utf8"

	"dyad/internal/ascii"
)

// NormalizeBuf is Normalize with working memory from buf. The Text it
// returns shares its offset map with buf: it is valid until buf is used
// again. Its S is a string of its own and stays valid.
func refNormalizeBuf(n Normalizer, buf *Buffer, src string) Text {
	b := slices.Grow(buf.b[:0], len(src))
	orig := slices.Grow(buf.orig[:0], len(src)+1)
	defer func() { buf.b, buf.orig = b[:0], orig[:0] }()
	emit := func(s string, at int) {
		for i := 0; i < len(s); i++ {
			b = append(b, s[i])
			orig = append(orig, int32(at))
		}
	}
	for i := 0; i < len(src); {
		// A run of plain printable ASCII is copied as it is.
		if j := ascii.Printable(src, i); j > i {
			b = append(b, src[i:j]...)
			n := len(orig)
			orig = orig[:n+j-i]
			run := orig[n:]
			for k := range run {
				run[k] = int32(i + k)
			}
			i = j
			continue
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
			emit(" ", i)
		case r == '\u2018' || r == '\u2019' || r == '\u201b' || r == '\u2032' || r == '\u02bc':
			emit("'", i)
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u2033' || r == '\u00ab' || r == '\u00bb':
			emit("\"", i)
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2015' || r == '\u2212':
			emit("-", i)
		case r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u2007' || r == '\u2009' || r == '\u200a' || r == '\u202f' || r == '\u3000':
			emit(" ", i)
		case r == '\u2026':
			emit("...", i)
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			emit("\n", i)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			// invisible: dropped
		default:
			emit(src[i:i+size], i)
		}
		i += size
	}
	orig = append(orig, int32(len(src)))
	out := string(b)
	if !n.KeepDebris {
		out = ref_blankDebris(b, out)
	}
	return Text{S: out, orig: orig}
}

// blankDebris overwrites debris with spaces, keeping every offset. s is
// the text of b; it returns the text after blanking (s itself when there
// was no debris, as in most texts).
func ref_blankDebris(b []byte, s string) string {
	cut := false
	lineNo := 0
	for start := 0; start < len(s); lineNo++ {
		end := len(s)
		if k := strings.IndexByte(s[start:], '\n'); k >= 0 {
			end = start + k
		}
		if ref_blankLine(b, s, start, end, lineNo) {
			cut = true
		}
		start = end + 1
	}
	if cut {
		s = string(b)
	}
	// A trailing agency tag closes the text: "... said. (Reuters)".
	t := strings.TrimRight(s, " \n")
	if strings.HasSuffix(t, ")") {
		if open := strings.LastIndexByte(t, '('); open >= 0 && ref_isAgencyTag(t[open+1:len(t)-1]) {
			before := strings.TrimRight(t[:open], " ")
			if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?\"'") {
				ref_blank(b, open, len(t))
				s = string(b)
			}
		}
	}
	return s
}

func ref_blank(b []byte, from, to int) {
	for i := from; i < to; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// blankLine blanks in b the debris of the line s[start:end] and reports
// whether there was any. It reads s, which blanking does not change.
func ref_blankLine(b []byte, s string, start, end, lineNo int) (cut bool) {
	line := s[start:end]
	// Photo credits: everything from a copyright sign to the end of the line.
	if i := strings.Index(line, "©"); i >= 0 {
		ref_blank(b, start+i, end)
		line = line[:i]
		cut = true
	}
	t := strings.TrimSpace(line)
	if t == "" {
		return cut
	}
	// The debris prefixes are short: lower-case the line's start only.
	head := t
	if len(head) > 32 {
		head = head[:32]
	}
	for _, p := range []string{"photo:", "photo credit", "image:", "picture:", "credit:", "file photo", "read more:", "read more", "related:", "related article", "also read:", "see also:", "advertisement", "subscribe to", "sign up for", "share this", "click here"} {
		if len(head) >= len(p) && strings.EqualFold(head[:len(p)], p) && len(t) < 200 {
			ref_blank(b, start, end)
			return true
		}
	}
	// A headline printed twice by a page template: "X X".
	if len(t) >= 20 && len(t) <= 400 && len(t)%2 == 1 {
		h := (len(t) - 1) / 2
		if t[h] == ' ' && t[:h] == t[h+1:] && !strings.Contains(t[:h], ". ") {
			ref_blank(b, start, end)
			return true
		}
	}
	// A wire dateline opening the story: "NIAMEY, May 19 (Reuters) - ",
	// "NIAMEY, May 19 - ".
	if lineNo < 3 {
		if dash := strings.Index(line, " - "); dash > 0 && dash < 40 && ref_isDatelinePlace(line[:dash]) && strings.Contains(line[:dash], ",") && strings.ContainsAny(line[:dash], "0123456789") {
			end := dash + 3
			ref_blank(b, start, start+end)
			return true
		}
		if open := strings.IndexByte(line, '('); open > 0 && open < 60 {
			if cl := strings.IndexByte(line[open:], ')'); cl > 0 && ref_isAgencyTag(line[open+1:open+cl]) {
				rest := line[open+cl+1:]
				trim := strings.TrimLeft(rest, " ")
				if strings.HasPrefix(trim, "-") && ref_isDatelinePlace(line[:open]) {
					dash := open + cl + 1 + (len(rest) - len(trim))
					for dash < len(line) && (line[dash] == '-' || line[dash] == ' ') {
						dash++
					}
					ref_blank(b, start, start+dash)
					return true
				}
			}
		}
	}
	return cut
}

// isAgencyTag reports whether s looks like a news agency's name in a tag:
// one to four capitalised words, no digits.
func ref_isAgencyTag(s string) bool {
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
func ref_isDatelinePlace(s string) bool {
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
