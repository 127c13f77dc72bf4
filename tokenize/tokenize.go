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
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"dyad/internal/ascii"
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
	cHigh  // a byte of a multi-byte UTF-8 character
	cSpace // ' ', '\n', '\t': skipped between tokens
	cJoin  // '-', '.', ',', '\'', '/': may join the parts of a word
	cWord  = cLower | cUpper | cDigit | cHigh
	cAlnum = cLower | cUpper | cDigit
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
		case c == ' ' || c == '\n' || c == '\t':
			t[c] = cSpace
		case c == '-' || c == '.' || c == ',' || c == '\'' || c == '/':
			t[c] = cJoin
		}
	}
	return t
}()

// Tokenizer splits sentences into tokens. The zero value is ready to use.
type Tokenizer struct{}

// Buffer is the memory the lower-case forms of capitalised words are
// written to, kept from one TokenizeBuf call to the next instead of
// allocated for each sentence. Bytes once part of a token's string are
// never written again, so the tokens of earlier calls stay valid. The zero
// value is ready to use; a Buffer is not safe for concurrent use.
type Buffer struct {
	b []byte // the bytes up to len(b) are in use
}

// Tokenize appends the tokens of s[start:end] to dst and returns it.
func (t Tokenizer) Tokenize(dst []Token, s string, start, end int) []Token {
	var b Buffer
	return t.TokenizeBuf(dst, s, start, end, &b)
}

// TokenizeBuf is Tokenize writing lower-case forms to b.
func (Tokenizer) TokenizeBuf(dst []Token, s string, start, end int, b *Buffer) []Token {
	// Nothing past end is read: cutting s there lets the compiler drop
	// bounds checks.
	s = s[:end]
	first := len(dst)
	low := lowMem{b: b.b}
	dst = tokens(dst, s, start, &low)
	if low.deferred {
		lowerForms(dst[first:], s, &low)
	}
	b.b = low.b
	return dst
}

// tokens appends the tokens of s[i:] to dst and returns it.
//
// The common tokens are taken by an inner loop that calls nothing, so that
// its state stays in registers: punctuation, and words of ASCII letters or
// digits (the first byte, a run of its class when it is a capital or a
// digit, then a run of lower-case letters read eight bytes at a time)
// ended by a space or by punctuation that joins nothing. Every other token
// goes through slow, which knows joiners, "'s", "n't" and non-ASCII
// letters. The inner loop writes the lower-case form of a capitalised word
// to low when it has room and the word is at most eight bytes long; it
// leaves the others' Lower empty for lowerForms, and sets low.deferred.
//
//go:noinline
func tokens(dst []Token, s string, i int, low *lowMem) []Token {
	d := dst[:cap(dst)]
	n := len(dst)
	for i < len(s) {
		// The inner loop stops where the tokens may no longer fit in d:
		// each takes at least one byte.
		stop := len(s)
		if r := i + len(d) - n; r < stop {
			stop = r
		}
		for i < stop {
			c := s[i]
			seen := class[c]
			if seen&cAlnum != 0 {
				// A word: a capital or a digit and a run of its class
				// ("NATO", "2024"), then a run of lower-case letters (a
				// word starting with one, the most common token, is only
				// that). seen holds the class of the first byte, and
				// cLower once a lower-case letter follows.
				j := i
				if seen != cLower {
					j++
					for j < len(s) && class[s[j]] == seen {
						j++
					}
				}
				// The run of lower-case letters, read eight bytes at a
				// time while s has them, and the byte after it, c2 (0 at
				// the end of s). The high bit of a byte of x+0x1f.. is set
				// where the byte is at least 'a', of x+0x05.. where it is
				// past 'z', of x where it is not ASCII. A byte at 0x80 or
				// above may carry into the next byte, but only after the
				// first byte that is not a letter, which is all that is
				// looked for.
				k := j
				var c2 byte
				for {
					if k+8 > len(s) {
						for k < len(s) && class[s[k]] == cLower {
							k++
						}
						if k < len(s) {
							c2 = s[k]
						}
						break
					}
					x := ascii.Word(s[k : k+8])
					if m := (^(x + ascii.Ones*(0x80-'a')) | (x + ascii.Ones*(0x80-'z'-1)) | x) & ascii.Highs; m != 0 {
						sh := bits.TrailingZeros64(m) &^ 7
						k += sh >> 3
						c2 = byte(x >> sh)
						break
					}
					k += 8
				}
				if k > j {
					seen |= cLower
					j = k
				}
				if c2 != ' ' {
					// Anything but a space or a lone punctuation mark after
					// the word: the general path.
					if c2 := class[c2]; c2&cWord != 0 || c2&cJoin != 0 && j+1 < len(s) && class[s[j+1]]&cWord != 0 {
						break
					}
				}
				t := &d[n]
				n++
				t.Start, t.End = i, j
				text := s[i:j]
				if seen&cUpper == 0 {
					t.Text, t.Lower = text, text
					t.Kind, t.Cap, t.Upper = Word, false, false
					if seen == cDigit {
						t.Kind = Number
					}
				} else {
					t.Kind, t.Cap, t.Upper = Word, true, seen&cLower == 0
					if lb := low.b; j-i <= 8 && i+8 <= len(s) && cap(lb)-len(lb) >= 8 {
						// The eight bytes from i lower-cased; those past
						// the word are not part of any string yet.
						at := len(lb)
						w := lb[at : at+8]
						binary.LittleEndian.PutUint64(w, lower8(ascii.Word(s[i:i+8])))
						low.b = lb[:at+j-i]
						t.Text, t.Lower = text, unsafe.String(&w[0], j-i)
					} else {
						t.Text, t.Lower = text, ""
						low.deferred = true
					}
				}
				// The space after the word, if any, is skipped here.
				if c2 == ' ' {
					j++
				}
				i = j
				continue
			}
			if seen == cSpace {
				i++
				continue
			}
			if seen&cHigh != 0 {
				break
			}
			// ASCII punctuation: its own lower-case form, one byte long,
			// except "'s" after a quote or bracket.
			t := &d[n]
			n++
			t.Start = i
			t.Cap, t.Upper = false, false
			if c == '\'' && i+1 < len(s) && s[i+1]|0x20 == 's' && (i+2 >= len(s) || class[s[i+2]]&cWord == 0) {
				text := s[i : i+2]
				t.Text, t.Lower = text, text
				if s[i+1] == 'S' {
					t.Lower = "'s"
				}
				t.End = i + 2
				t.Kind = Word
				i += 2
				continue
			}
			text := s[i : i+1]
			t.Text, t.Lower = text, text
			t.End = i + 1
			t.Kind = Punct
			i++
		}
		if i >= len(s) {
			break
		}
		// A token the inner loop left, or one that may not fit in d.
		dst, i = slow(d[:n], s, i, low)
		d = dst[:cap(dst)]
		n = len(dst)
	}
	return d[:n]
}

// slow appends the token or tokens at s[i] and returns the index after
// them: any token, though the inner loop of tokens leaves it only those of
// the general path and those that may not fit in dst.
func slow(dst []Token, s string, i int, low *lowMem) ([]Token, int) {
	c := s[i]
	switch cl := class[c]; {
	case cl == cSpace:
		return dst, i + 1
	case cl&cHigh != 0:
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return append(dst, mk(s, i, i+size, Punct, low)), i + size
		}
	case cl&cAlnum == 0:
		if c == '\'' && i+1 < len(s) && s[i+1]|0x20 == 's' && (i+2 >= len(s) || class[s[i+2]]&cWord == 0) {
			return append(dst, mk(s, i, i+2, Word, low)), i + 2
		}
		return append(dst, Token{Start: i, End: i + 1, Text: s[i : i+1], Lower: s[i : i+1], Kind: Punct}), i + 1
	}
	return word(dst, s, i, low)
}

// word appends the token or tokens of the word or number starting at
// s[i] and returns the index after them. len(s) is the end of the
// sentence.
func word(dst []Token, s string, i int, low *lowMem) ([]Token, int) {
	end := len(s)
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
				_, size := utf8.DecodeRuneInString(s[j:])
				j += size
			} else {
				j++
			}
			continue
		}
		if class[c]&cJoin != 0 && j+1 < end && isWordByte(s[j+1]) {
			switch c {
			case '-':
				// "Hamas-led", "Iran-backed": the leader or backer is
				// a name of its own, so "Hamas", "-", "led".
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
	if seen&(cUpper|cHigh) == 0 {
		// No capital and no non-ASCII letter: the word is its own
		// lower-case form.
		dst = append(dst, Token{Start: i, End: w, Text: s[i:w], Lower: s[i:w], Kind: kind})
	} else if w == j && seen&cHigh == 0 {
		// ASCII with a capital: the classes seen say what mk would find.
		t := Token{Start: i, End: w, Text: s[i:w], Lower: low.lowerASCII(s, i, w), Kind: kind}
		if kind == Word {
			t.Cap = isUpper(s[i])
			t.Upper = t.Cap && seen&cLower == 0
		}
		dst = append(dst, t)
	} else {
		dst = append(dst, mk(s, i, w, kind, low))
	}
	if w < j {
		// "n't" ("N't"): never all upper-case, its 't' being lower.
		t := Token{Start: w, End: j + 2, Text: s[w : j+2], Lower: "n't", Kind: Word}
		if s[w] == 'N' {
			t.Cap = true
		} else {
			t.Lower = t.Text
		}
		dst = append(dst, t)
		j += 2
	}
	return dst, j
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

// mk makes the token s[i:j] of kind k.
func mk(s string, i, j int, k Kind, low *lowMem) Token {
	t := Token{Start: i, End: j, Text: s[i:j], Kind: k}
	t.Lower = lower(s, i, j, low)
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
func lower(s string, i, j int, low *lowMem) string {
	t := s[i:j]
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
	return low.lowerASCII(s, i, j)
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

// lowMem is a Buffer's memory while a sentence is tokenized: a chunk of a
// few kilobytes that only grows, then a new chunk.
type lowMem struct {
	b []byte // the bytes up to len(b) are in use
	// deferred is set when a token's Lower was left empty, for lowerForms.
	deferred bool
}

// lowChunkSize is the size of a new chunk; a longer word gets one of its
// own size.
const lowChunkSize = 4096

// lowerASCII returns s[i:j], ASCII with a capital letter, in lower case.
func (m *lowMem) lowerASCII(s string, i, j int) string {
	n := j - i
	if cap(m.b)-len(m.b) < n+8 {
		m.b = make([]byte, 0, max(lowChunkSize, n+8))
	}
	// The bytes are written eight at a time, up to seven past the word:
	// they are not part of any string yet.
	at := len(m.b)
	d := m.b[at : at+n+8]
	o := 0
	for ; o < n && i+o+8 <= len(s); o += 8 {
		binary.LittleEndian.PutUint64(d[o:o+8], lower8(ascii.Word(s[i+o:i+o+8])))
	}
	for ; o < n; o++ {
		c := s[i+o]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		d[o] = c
	}
	m.b = m.b[:at+n]
	return unsafe.String(&d[0], n)
}

// lower8 lower-cases a word of eight ASCII bytes: 0x20 added to the bytes
// 'A' to 'Z' (a byte below 0x80 carries nothing into the next).
func lower8(x uint64) uint64 {
	return x | (x+ascii.Ones*(0x80-'A'))&^(x+ascii.Ones*(0x80-'Z'-1))&ascii.Highs>>2
}

// lowerForms writes the lower-case forms tokens left empty: those of ASCII
// words with a capital letter, whose text is in s.
func lowerForms(toks []Token, s string, low *lowMem) {
	for k := range toks {
		if t := &toks[k]; len(t.Lower) == 0 {
			t.Lower = low.lowerASCII(s, t.Start, t.End)
		}
	}
}

func isWordByte(c byte) bool { return class[c]&cWord != 0 }

// ledAt reports whether s[i:end] starts with the word "led".
func ledAt(s string, i, end int) bool {
	for _, w := range backers {
		if n := i + len(w); n <= end && s[i:n] == w && (n == end || !isWordByte(s[n])) {
			return true
		}
	}
	return false
}

// Backer reports whether a lower-case word is one of the participles
// that, after a capitalised name and a hyphen, make it a leader or backer.
func Backer(lower string) bool {
	for _, w := range backers {
		if w == lower {
			return true
		}
	}
	return false
}

// backers are the participles after a hyphen that make the capitalised
// name before them the leader or backer of what follows: "US-led",
// "Iran-backed", "Kremlin-aligned".
var backers = [...]string{"led", "backed", "aligned", "allied", "sponsored", "supported", "funded", "controlled", "affiliated", "linked", "trained", "armed"}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool  { return class[c]&cDigit != 0 }
func isLetter(c byte) bool { return class[c]&(cLower|cUpper) != 0 }
