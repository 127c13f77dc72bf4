package tokenize

// The tokenizer as it was before its inner loop and word-at-a-time runs of
// letters: the reference the differential tests (diff_test.go) compare
// against, every field of every token. A rule changed on purpose is changed
// here too, or these tests go.

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Byte classes, looked up in one table instead of comparisons.
const (
	rcLower = 1 << iota
	rcUpper
	rcDigit
	rcHigh // a byte of a multi-byte UTF-8 character
	rcWord = rcLower | rcUpper | rcDigit | rcHigh
)

var refClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = rcLower
		case c >= 'A' && c <= 'Z':
			t[c] = rcUpper
		case c >= '0' && c <= '9':
			t[c] = rcDigit
		case c >= utf8.RuneSelf:
			t[c] = rcHigh
		}
	}
	return t
}()

// refTokenizer splits sentences into tokens. The zero value is ready to use.
type refTokenizer struct{}

// Tokenize appends the tokens of s[start:end] to dst and returns it.
func (refTokenizer) Tokenize(dst []Token, s string, start, end int) []Token {
	// Nothing past end is read: cutting s there lets the compiler drop
	// bounds checks.
	s = s[:end]
	sp := &refSource{s: s, start: start, end: end}
	i := start
	for i < end {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c < utf8.RuneSelf && !refIsAlnum(c) {
			// "'s" and "n't" handled after words; a lone apostrophe before
			// "s" here means "'s" after a quote or bracket.
			if c == '\'' && i+1 < end && (s[i+1] == 's' || s[i+1] == 'S') && (i+2 >= end || !refIsWordByte(s[i+2])) {
				dst = append(dst, refMk(sp, i, i+2, Word))
				i += 2
				continue
			}
			// One ASCII character: its own lower-case form.
			dst = append(dst, Token{Start: i, End: i + 1, Text: s[i : i+1], Lower: s[i : i+1], Kind: Punct})
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:end])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				dst = append(dst, refMk(sp, i, i+size, Punct))
				i += size
				continue
			}
		}
		// A word or number: letters, digits, and joiners between them.
		j := i
		var seen uint8 // the classes of the word's bytes
		for j < len(s) {
			c := s[j]
			if refClass[c] == rcLower {
				// Most word bytes are lower-case letters: run over them.
				seen |= rcLower
				for j++; j < len(s) && refClass[s[j]] == rcLower; j++ {
				}
				continue
			}
			if cl := refClass[c]; cl&rcWord != 0 {
				seen |= cl
				if cl&rcHigh != 0 {
					_, size := utf8.DecodeRuneInString(s[j:end])
					j += size
				} else {
					j++
				}
				continue
			}
			if (c == '-' || c == '.' || c == ',' || c == '\'' || c == '/') && j+1 < end && refIsWordByte(s[j+1]) {
				switch c {
				case '-':
					// "Hamas-led", "US-led": the leader is a name of its
					// own, so "Hamas", "-", "led".
					if refIsUpper(s[i]) && refLedAt(s, j+1, end) {
						goto done
					}
				case ',', '/':
					// 1,000 and 24/7: only between digits.
					if !(refIsDigit(s[j-1]) && refIsDigit(s[j+1])) {
						goto done
					}
				case '.':
					// 3.5, U.S.: between digits, or single letters.
					if !(refIsDigit(s[j-1]) && refIsDigit(s[j+1])) && !(refIsLetter(s[j+1]) && (j+2 >= end || !refIsLetter(s[j+2])) && j-i == 1 || refIsDotted(s, i, j)) {
						goto done
					}
				case '\'':
					// Niger's and didn't split; d'Ivoire, O'Brien stay.
					rest := s[j+1:]
					if (len(rest) >= 1 && (rest[0] == 's' || rest[0] == 'S') && (len(rest) == 1 || !refIsWordByte(rest[1]))) ||
						(len(rest) >= 1 && (rest[0] == 't') && j > i && (s[j-1] == 'n' || s[j-1] == 'N')) {
						goto done
					}
				}
				j++
				continue
			}
			break
		}
	done:
		// Dotted acronyms keep their final period: "U.S."
		if j < end && s[j] == '.' && refIsDotted(s, i, j) {
			j++
		}
		w := j
		// "didn't": split "n't" off the word.
		if j < end && s[j] == '\'' && j+1 < end && s[j+1] == 't' && j-1 > i && (s[j-1] == 'n' || s[j-1] == 'N') {
			w = j - 1
		}
		kind := Word
		if seen&rcDigit != 0 && seen&(rcLower|rcUpper|rcHigh) == 0 {
			kind = Number
		}
		if w > i {
			if seen&(rcUpper|rcHigh) == 0 {
				// No capital and no non-ASCII letter: the word is its
				// own lower-case form.
				dst = append(dst, Token{Start: i, End: w, Text: s[i:w], Lower: s[i:w], Kind: kind})
			} else if w == j && seen&rcHigh == 0 {
				// ASCII with a capital: the classes seen say what refMk
				// would find.
				t := Token{Start: i, End: w, Text: s[i:w], Lower: sp.lowerASCII(i, w), Kind: kind}
				if kind == Word {
					t.Cap = refIsUpper(s[i])
					t.Upper = t.Cap && seen&rcLower == 0
				}
				dst = append(dst, t)
			} else {
				dst = append(dst, refMk(sp, i, w, kind))
			}
		}
		if w < j || (j < end && s[j] == '\'' && j+1 < end && s[j+1] == 't' && w == j-1) {
			// n't
			dst = append(dst, refMk(sp, w, j+2, Word))
			j += 2
		}
		i = j
	}
	return dst
}

// refIsDotted reports whether s[i:j] is a dotted acronym body such as "U.S".
func refIsDotted(s string, i, j int) bool {
	if j-i < 3 {
		return false
	}
	for k := i; k < j; k++ {
		if (k-i)%2 == 0 {
			if !refIsLetter(s[k]) {
				return false
			}
		} else if s[k] != '.' {
			return false
		}
	}
	return (j-i)%2 == 1
}

// refSource is the text being tokenised, and the memory the lower-case forms
// of its capitalised words are written to: one allocation a sentence
// instead of one a word.
type refSource struct {
	s          string
	start, end int
	// low only grows: bytes once written are never changed, so the
	// strings made over them stay valid.
	low []byte
}

func refMk(sp *refSource, i, j int, k Kind) Token {
	t := Token{Start: i, End: j, Text: sp.s[i:j], Kind: k}
	t.Lower = sp.lower(i, j)
	if k == Word {
		if c := t.Text[0]; c < utf8.RuneSelf {
			t.Cap = c >= 'A' && c <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(t.Text)
			t.Cap = unicode.IsUpper(r)
		}
		t.Upper = t.Cap && t.Lower != t.Text && refAllUpper(t.Text)
	}
	return t
}

// lower returns the lower-case form of s[i:j]: the word itself when it has
// no upper-case letter, strings.ToLower's answer when it is not ASCII.
func (sp *refSource) lower(i, j int) string {
	t := sp.s[i:j]
	upper := false
	for k := 0; k < len(t); k++ {
		c := t[k]
		if c >= utf8.RuneSelf {
			return strings.ToLower(t)
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return t
	}
	return sp.lowerASCII(i, j)
}

// lowerASCII returns s[i:j], ASCII with a capital letter, in lower case.
func (sp *refSource) lowerASCII(i, j int) string {
	t := sp.s[i:j]
	if cap(sp.low)-len(sp.low) < len(t) {
		sp.low = make([]byte, 0, max(sp.end-i, len(t)))
	}
	n := len(sp.low)
	for k := 0; k < len(t); k++ {
		c := t[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		sp.low = append(sp.low, c)
	}
	return unsafe.String(&sp.low[n], len(t))
}

// refAllUpper reports whether no letter of s is lower-case.
func refAllUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToUpper(s) == s
		}
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

func refIsWordByte(c byte) bool { return refClass[c]&rcWord != 0 }
func refIsAlnum(c byte) bool    { return refClass[c]&(rcLower|rcUpper|rcDigit) != 0 }

// refLedAt reports whether s[i:end] starts with the word "led".
func refLedAt(s string, i, end int) bool {
	return i+3 <= end && s[i:i+3] == "led" && (i+3 == end || !refIsWordByte(s[i+3]))
}

func refIsUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func refIsDigit(c byte) bool  { return refClass[c]&rcDigit != 0 }
func refIsLetter(c byte) bool { return refClass[c]&(rcLower|rcUpper) != 0 }
