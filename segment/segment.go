// Package segment splits normalised text into sentences.
//
// In: normalised text (see package normalize). Out: the byte spans of its
// sentences, trimmed of surrounding space. A sentence ends at '.', '!' or
// '?' (with any closing quotes or brackets) followed by space and a capital,
// digit or opening quote, unless the word before the stop is an
// abbreviation ("Gen.", "Sept.", "No.") or an initial; a blank line always
// ends one, and so does a line break before a capital (headlines, captions).
package segment

import "strings"

// Span is a half-open byte range.
type Span struct{ Start, End int }

// abbreviations never end a sentence when followed by a capital.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "adm": true, "gov": true, "sen": true, "rep": true,
	"rev": true, "hon": true, "pres": true, "amb": true, "st": true, "mt": true, "ft": true, "jr": true, "sr": true,
	"no": true, "nos": true, "vol": true, "art": true, "fig": true, "ref": true, "approx": true, "est": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "vs": true, "etc": true, "inc": true, "corp": true,
	"ltd": true, "co": true, "bros": true, "dept": true, "univ": true, "assn": true, "brig": true, "cmdr": true,
	"supt": true, "insp": true, "cpl": true, "pvt": true, "messrs": true,
}

// starters are words that open a sentence after a dotted acronym such as
// "U.S." ("... troops from the U.S. The ...").
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "In": true, "On": true, "It": true, "He": true, "She": true,
	"They": true, "We": true, "But": true, "However": true, "This": true, "That": true, "Its": true,
	"His": true, "Her": true, "Their": true, "There": true, "Meanwhile": true, "Last": true, "Earlier": true,
	"Officials": true, "At": true, "After": true, "As": true, "Since": true, "When": true,
}

// breakFinder finds the next byte Split stops at ('\n', '.', '!', '?'),
// keeping for each the position of its next occurrence: each is searched
// for with IndexByte, at most once per occurrence, instead of every byte
// being looked at.
type breakFinder struct {
	// The next occurrence of each at or after the last position asked
	// for, or len(s); -1 before the first.
	nl, dot, excl, quest int
}

// from returns the position of the first break byte at or after i, or
// len(s). Calls must come with i not decreasing.
func (f *breakFinder) from(s string, i int) int {
	if f.nl < i {
		f.nl = indexFrom(s, i, '\n')
	}
	if f.dot < i {
		f.dot = indexFrom(s, i, '.')
	}
	if f.excl < i {
		f.excl = indexFrom(s, i, '!')
	}
	if f.quest < i {
		f.quest = indexFrom(s, i, '?')
	}
	return min(f.nl, f.dot, f.excl, f.quest)
}

// indexFrom returns the position of the first c in s at or after i, or
// len(s).
func indexFrom(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// Split appends the sentence spans of s to dst and returns it.
func Split(dst []Span, s string) []Span {
	start := 0
	next := breakFinder{-1, -1, -1, -1}
	for i := 0; i < len(s); i++ {
		// Only line breaks and sentence punctuation can end a sentence.
		if i = next.from(s, i); i == len(s) {
			break
		}
		c := s[i]
		switch c {
		case '\n':
			j := i + 1
			blankLine := false
			for j < len(s) && isSpace(s[j]) {
				if s[j] == '\n' {
					blankLine = true
				}
				j++
			}
			if j >= len(s) {
				continue
			}
			if blankLine || !isLower(s[j]) {
				dst = push(dst, s, start, i)
				start = i
			}
		case '.', '!', '?':
			j := i + 1
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?') {
				j++
			}
			for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']') {
				j++
			}
			if j < len(s) && !isSpace(s[j]) {
				continue
			}
			k := j
			for k < len(s) && isSpace(s[k]) {
				k++
			}
			if k >= len(s) {
				continue
			}
			if !opens(s[k]) {
				continue
			}
			if c == '.' && j == i+1 && !endsSentence(s, i, k) {
				continue
			}
			dst = push(dst, s, start, j)
			start = j
			i = j - 1
		}
	}
	return push(dst, s, start, len(s))
}

// push appends the span s[start:end], trimmed of space, unless nothing is
// left.
func push(dst []Span, s string, start, end int) []Span {
	a, b := start, end
	for a < b && isSpace(s[a]) {
		a++
	}
	for b > a && isSpace(s[b-1]) {
		b--
	}
	if b > a {
		dst = append(dst, Span{a, b})
	}
	return dst
}

// endsSentence decides whether the period at s[dot] ends a sentence whose
// next word starts at s[next].
func endsSentence(s string, dot, next int) bool {
	w := dot
	for w > 0 && !wordStart[s[w-1]] {
		w--
	}
	word := s[w:dot]
	if word == "" {
		return true
	}
	// An initial ("J.") or a dotted acronym ("U.S", "U.N").
	if len(word) == 1 && isUpper(word[0]) {
		return false
	}
	if strings.IndexByte(word, '.') >= 0 {
		nw := next
		for nw < len(s) && isLetter(s[nw]) {
			nw++
		}
		return starters[s[next:nw]]
	}
	// The first twelve bytes of the word, lower-cased, when no longer
	// than the longest abbreviation.
	n := min(len(word), 12)
	if n > maxAbbreviation {
		return true
	}
	var lower [12]byte
	for i := range n {
		c := word[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if abbreviations[string(lower[:n])] {
		// "No. 10" and "Gen. Tiani" continue; a month or title at the very
		// end of a sentence is rare enough to accept the miss.
		return false
	}
	return true
}

// wordStart holds the bytes before a word: endsSentence's word runs back
// to one of them.
var wordStart = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '(': true, '"': true}

// maxAbbreviation is the length of the longest abbreviation.
var maxAbbreviation = func() int {
	n := 0
	for a := range abbreviations {
		n = max(n, len(a))
	}
	return n
}()

func opens(c byte) bool {
	return isUpper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c == '[' || c >= 0x80
}

func isSpace(c byte) bool  { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return isLower(c) || isUpper(c) }
