// Package feat holds what package postag and its trainer (postag/gen) must
// agree on byte for byte: the tag names, the features of a word in its
// context, the hash that turns a feature into a key, and the layout of the
// model file.
//
// In: the words of a sentence and the two tags predicted before the word
// being tagged. Out: the keys of the word's features, Count of them, each
// a nonzero number below 1<<KeyBits.
package feat

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NumTags is the number of UD UPOS tags.
const NumTags = 17

// Name returns the name of tag t, t < NumTags.
func Name(t uint8) string { return names[t] }

// Parse returns the tag named s, and false if s names none.
func Parse(s string) (uint8, bool) {
	for t, n := range names {
		if n == s {
			return uint8(t), true
		}
	}
	return 0, false
}

// names are the UD UPOS tags, in the order of their numbers.
var names = [NumTags]string{
	"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
}

// Version names the feature set and hash; a model file records it, and a
// model made for another version is refused.
const Version = 1

// KeyBits is the width of a feature key. At 40 bits, a word's feature
// hits a key of the model's other than its own about once in ten million
// lookups, and training merges a pair or so of its million features; each
// feature costs four bytes of key in the model file, where 64 bits would
// cost seven.
const KeyBits = 40

// Feature templates: what a feature looks at. A key is the hash of a
// template and a value.
const (
	tBias        = iota
	tWord        // the word as written
	tLower       // its lower-case form
	tSuf1        // the last byte of the lower-case form
	tSuf2        // the last two bytes
	tSuf3        // the last three bytes
	tSuf4        // the last four bytes
	tPref        // the first character, lower-cased
	tShape       // the shape: "Xx", "X.X.", "d,d", "x-x"
	tFlags       // capital, all capitals, digit, hyphen, first in the sentence
	tPrev        // the previous tag
	tPrev2       // the previous two tags
	tPrevLow     // the previous tag and the lower-case form
	tPrevSuf     // the previous tag and the last three bytes
	tLow1        // the previous word, lower-cased
	tSuf1p       // the previous word's last three bytes
	tLow2        // the word before that, lower-cased
	tLowN1       // the next word, lower-cased
	tSufN1       // the next word's last three bytes
	tLowN2       // the word after that, lower-cased
	tBigram1     // the previous word and this one, lower-cased
	tBigramN1    // this word and the next, lower-cased
	tClass       // the word's class: the tags it is seen with
	tClassN1     // the next word's class
	tClassN2     // the class of the word after that
	tPrevClassN1 // the previous tag and the next word's class
	tClassPair   // the word's class and the next word's
	tSufClassN1  // the word's last two bytes and the next word's class
	tDict        // the key of a tag dictionary entry: the word as written
	tClassKey    // the key of a word's class: its lower-case form

	// Count is the number of features of a word: every template before
	// tDict.
	Count = tDict
)

// Info is what the features of a word and of its neighbours need of it:
// the hashes of its forms and shape, its flags, and its class.
type Info struct {
	word, lower, suf1, suf2, suf3, suf4, pref, shape uint64
	flags                                            uint64
	class                                            uint64 // the set of tags seen with the word, 0 if unknown
}

// ClassKey returns the key of the word with Info in in the table of
// classes.
func ClassKey(in *Info) uint64 { return Key(tClassKey, in.lower) }

// SetClass sets the class of the word with Info in: the set of tags it is
// seen with (bit t for tag t), 0 if it is not known.
func (in *Info) SetClass(set uint32) { in.class = uint64(set) }

// Flag bits of Info.flags.
const (
	fCap    = 1 << iota // the first letter is upper-case
	fUpper              // and every letter is
	fDigit              // a digit
	fHyphen             // a hyphen
	fFirst              // the first word of the sentence
)

// Boundary returns the Info of the words before the first and after the
// last of a sentence.
func Boundary() Info {
	return Info{word: 1, lower: 1, suf1: 1, suf2: 1, suf3: 1, suf4: 1, pref: 1, shape: 1, flags: 1 << 8, class: 1 << NumTags}
}

// FNV-1a constants.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// NewInfo returns the Info of the word s, the first of its sentence when
// first is set. It allocates only for a word with a non-ASCII upper-case
// letter, to lower-case it.
func NewInfo(s string, first bool) Info {
	var in Info
	in.word = hash(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	low := s
	if !ascii {
		low = strings.ToLower(s)
	}
	// hashLower lower-cases ASCII letters as it hashes, so that it needs
	// no copy of an ASCII word; low is already lower-case otherwise.
	in.lower = hashLower(low)
	n := len(low)
	in.suf1 = hashLower(low[max(n-1, 0):])
	in.suf2 = hashLower(low[max(n-2, 0):])
	in.suf3 = hashLower(low[max(n-3, 0):])
	in.suf4 = hashLower(low[max(n-4, 0):])
	if n > 0 {
		_, size := utf8.DecodeRuneInString(low)
		in.pref = hashLower(low[:size])
	}
	in.shape, in.flags = shape(s)
	if first {
		in.flags |= fFirst
	}
	return in
}

// hash is FNV-1a of s.
func hash(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// hashLower is FNV-1a of s with ASCII letters lower-cased.
func hashLower(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= prime64
	}
	return h
}

// maxShape is how many characters of a shape count: "Xx", "X.X.", "d,d.d".
const maxShape = 6

// shape returns the hash of the shape of s, runs of upper-case letters
// (X), other letters (x) and digits (d) written once and other characters
// as they are, up to maxShape of them, and the flags of s.
func shape(s string) (h uint64, flags uint64) {
	h = offset64
	var last rune = -1
	n := 0
	upper, letters := true, false
	for i, r := range s {
		var c rune
		switch {
		case r < utf8.RuneSelf && r >= 'a' && r <= 'z':
			c, upper, letters = 'x', false, true
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			c, letters = 'X', true
			if i == 0 {
				flags |= fCap
			}
		case r >= '0' && r <= '9':
			c = 'd'
			flags |= fDigit
		case r >= utf8.RuneSelf && unicode.IsUpper(r):
			c, letters = 'X', true
			if i == 0 {
				flags |= fCap
			}
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			c, upper, letters = 'x', false, true
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			c = 'd'
			flags |= fDigit
		default:
			c = r
			if r == '-' {
				flags |= fHyphen
			}
		}
		if c == last || n == maxShape {
			continue
		}
		last = c
		n++
		h ^= uint64(c)
		h *= prime64
	}
	if upper && letters && flags&fCap != 0 {
		flags |= fUpper
	}
	return h, flags
}

// Window is the Info of the words around the one being tagged: the two
// before, the word itself (Window[2]) and the two after.
type Window [5]Info

// Features writes the keys of the features of the word w[2] to f, given
// the tags predicted for the two words before it (prev, then prev2; a
// word before the sentence has tag NumTags).
func Features(f *[Count]uint64, w *Window, prev, prev2 uint8) {
	c := &w[2]
	p1, p2 := uint64(prev), uint64(prev2)
	f[tBias] = Key(tBias, 0)
	f[tWord] = Key(tWord, c.word)
	f[tLower] = Key(tLower, c.lower)
	f[tSuf1] = Key(tSuf1, c.suf1)
	f[tSuf2] = Key(tSuf2, c.suf2)
	f[tSuf3] = Key(tSuf3, c.suf3)
	f[tSuf4] = Key(tSuf4, c.suf4)
	f[tPref] = Key(tPref, c.pref)
	f[tShape] = Key(tShape, c.shape)
	f[tFlags] = Key(tFlags, c.flags)
	f[tPrev] = Key(tPrev, p1)
	f[tPrev2] = Key(tPrev2, p1<<8|p2)
	f[tPrevLow] = Key(tPrevLow, c.lower^mix(p1+1))
	f[tPrevSuf] = Key(tPrevSuf, c.suf3^mix(p1+1))
	f[tLow1] = Key(tLow1, w[1].lower)
	f[tSuf1p] = Key(tSuf1p, w[1].suf3)
	f[tLow2] = Key(tLow2, w[0].lower)
	f[tLowN1] = Key(tLowN1, w[3].lower)
	f[tSufN1] = Key(tSufN1, w[3].suf3)
	f[tLowN2] = Key(tLowN2, w[4].lower)
	f[tBigram1] = Key(tBigram1, w[1].lower^mix(c.lower))
	f[tBigramN1] = Key(tBigramN1, c.lower^mix(w[3].lower))
	f[tClass] = Key(tClass, c.class)
	f[tClassN1] = Key(tClassN1, w[3].class)
	f[tClassN2] = Key(tClassN2, w[4].class)
	f[tPrevClassN1] = Key(tPrevClassN1, w[3].class<<8|p1)
	f[tClassPair] = Key(tClassPair, c.class<<32|w[3].class)
	f[tSufClassN1] = Key(tSufClassN1, c.suf2^mix(w[3].class))
}

// DictKey returns the key of the word with Info in in the tag dictionary.
func DictKey(in *Info) uint64 { return Key(tDict, in.word) }

// Key returns the key of template t with value v: nonzero, below
// 1<<KeyBits.
func Key(t int, v uint64) uint64 {
	k := mix(v^uint64(t+1)*0x9e3779b97f4a7c15) >> (64 - KeyBits)
	if k == 0 {
		k = 1
	}
	return k
}

// mix is the finaliser of SplitMix64: every bit of x moves every bit of
// the result.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
