// Package tokenize splits a sentence into word, number and punctuation
// tokens.
//
// In: normalised text and a sentence span. Out: Tokens carrying byte offsets
// into the normalised text. Possessive "'s" and "n't" are split off as
// tokens of their own; hyphenated words ("al-Qaeda", "West-African"),
// dotted acronyms ("U.S.") and numbers with separators ("1,000", "3.5")
// stay whole. Every other punctuation character is a token.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Kind is a token's lexical class.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
)

// Token is one token of a sentence.
type Token struct {
	// Start and End are byte offsets into the normalised text.
	Start, End int
	// Text is the token as written; Lower is its lower-case form.
	Text, Lower string
	Kind        Kind
	// Cap is set when the first letter is upper-case; Upper when every
	// letter is.
	Cap, Upper bool
}

// Byte classes, looked up in one table instead of comparisons.
const (
	cLower = 1 << iota
	cUpper
	cDigit
	cHigh // a byte of a multi-byte UTF-8 character
	cWord = cLower | cUpper | cDigit | cHigh
)

var class = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c >= utf8.RuneSelf:
			t[c] = cHigh
		}
	}
	return t
}()

// Tokenizer splits sentences into tokens. The zero value is ready to use.
type Tokenizer struct{}

// Tokenize appends the tokens of s[start:end] to dst and returns it.
func (Tokenizer) Tokenize(dst []Token, s string, start, end int) []Token {
	// Nothing past end is read: cutting s there lets the compiler drop
	// bounds checks.
	s = s[:end]
	sp := &source{s: s, start: start, end: end}
	i := start
	for i < end {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c < utf8.RuneSelf && !isAlnum(c) {
			// "'s" and "n't" handled after words; a lone apostrophe before
			// "s" here means "'s" after a quote or bracket.
			if c == '\'' && i+1 < end && (s[i+1] == 's' || s[i+1] == 'S') && (i+2 >= end || !isWordByte(s[i+2])) {
				dst = append(dst, mk(sp, i, i+2, Word))
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
				dst = append(dst, mk(sp, i, i+size, Punct))
				i += size
				continue
			}
		}
		// A word or number: letters, digits, and joiners between them.
		j := i
		var seen uint8 // the classes of the word's bytes
		for j < len(s) {
			c := s[j]
			if class[c] == cLower {
				// Most word bytes are lower-case letters: run over them.
				seen |= cLower
				for j++; j < len(s) && class[s[j]] == cLower; j++ {
				}
				continue
			}
			if cl := class[c]; cl&cWord != 0 {
				seen |= cl
				if cl&cHigh != 0 {
					_, size := utf8.DecodeRuneInString(s[j:end])
					j += size
				} else {
					j++
				}
				continue
			}
			if (c == '-' || c == '.' || c == ',' || c == '\'' || c == '/') && j+1 < end && isWordByte(s[j+1]) {
				switch c {
				case '-':
					// "Hamas-led", "US-led": the leader is a name of its
					// own, so "Hamas", "-", "led".
					if isUpper(s[i]) && ledAt(s, j+1, end) {
						goto done
					}
				case ',', '/':
					// 1,000 and 24/7: only between digits.
					if !(isDigit(s[j-1]) && isDigit(s[j+1])) {
						goto done
					}
				case '.':
					// 3.5, U.S.: between digits, or single letters.
					if !(isDigit(s[j-1]) && isDigit(s[j+1])) && !(isLetter(s[j+1]) && (j+2 >= end || !isLetter(s[j+2])) && j-i == 1 || isDotted(s, i, j)) {
						goto done
					}
				case '\'':
					// Niger's and didn't split; d'Ivoire, O'Brien stay.
					rest := s[j+1:]
					if (len(rest) >= 1 && (rest[0] == 's' || rest[0] == 'S') && (len(rest) == 1 || !isWordByte(rest[1]))) ||
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
		if j < end && s[j] == '.' && isDotted(s, i, j) {
			j++
		}
		w := j
		// "didn't": split "n't" off the word.
		if j < end && s[j] == '\'' && j+1 < end && s[j+1] == 't' && j-1 > i && (s[j-1] == 'n' || s[j-1] == 'N') {
			w = j - 1
		}
		kind := Word
		if seen&cDigit != 0 && seen&(cLower|cUpper|cHigh) == 0 {
			kind = Number
		}
		if w > i {
			if seen&(cUpper|cHigh) == 0 {
				// No capital and no non-ASCII letter: the word is its
				// own lower-case form.
				dst = append(dst, Token{Start: i, End: w, Text: s[i:w], Lower: s[i:w], Kind: kind})
			} else if w == j && seen&cHigh == 0 {
				// ASCII with a capital: the classes seen say what mk
				// would find.
				t := Token{Start: i, End: w, Text: s[i:w], Lower: sp.lowerASCII(i, w), Kind: kind}
				if kind == Word {
					t.Cap = isUpper(s[i])
					t.Upper = t.Cap && seen&cLower == 0
				}
				dst = append(dst, t)
			} else {
				dst = append(dst, mk(sp, i, w, kind))
			}
		}
		if w < j || (j < end && s[j] == '\'' && j+1 < end && s[j+1] == 't' && w == j-1) {
			// n't
			dst = append(dst, mk(sp, w, j+2, Word))
			j += 2
		}
		i = j
	}
	return dst
}

// isDotted reports whether s[i:j] is a dotted acronym body such as "U.S".
func isDotted(s string, i, j int) bool {
	if j-i < 3 {
		return false
	}
	for k := i; k < j; k++ {
		if (k-i)%2 == 0 {
			if !isLetter(s[k]) {
				return false
			}
		} else if s[k] != '.' {
			return false
		}
	}
	return (j-i)%2 == 1
}

// source is the text being tokenised, and the memory the lower-case forms
// of its capitalised words are written to: one allocation a sentence
// instead of one a word.
type source struct {
	s          string
	start, end int
	// low only grows: bytes once written are never changed, so the
	// strings made over them stay valid.
	low []byte
}

func mk(sp *source, i, j int, k Kind) Token {
	t := Token{Start: i, End: j, Text: sp.s[i:j], Kind: k}
	t.Lower = sp.lower(i, j)
	if k == Word {
		if c := t.Text[0]; c < utf8.RuneSelf {
			t.Cap = c >= 'A' && c <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(t.Text)
			t.Cap = unicode.IsUpper(r)
		}
		t.Upper = t.Cap && t.Lower != t.Text && allUpper(t.Text)
	}
	return t
}

// lower returns the lower-case form of s[i:j]: the word itself when it has
// no upper-case letter, strings.ToLower's answer when it is not ASCII.
func (sp *source) lower(i, j int) string {
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
func (sp *source) lowerASCII(i, j int) string {
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

// allUpper reports whether no letter of s is lower-case.
func allUpper(s string) bool {
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

func isWordByte(c byte) bool { return class[c]&cWord != 0 }
func isAlnum(c byte) bool    { return class[c]&(cLower|cUpper|cDigit) != 0 }

// ledAt reports whether s[i:end] starts with the word "led".
func ledAt(s string, i, end int) bool {
	return i+3 <= end && s[i:i+3] == "led" && (i+3 == end || !isWordByte(s[i+3]))
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool  { return class[c]&cDigit != 0 }
func isLetter(c byte) bool { return class[c]&(cLower|cUpper) != 0 }
