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

// breakBytes are the bytes Split stops at.
const breakBytes = "\n.!?"

// breakFinder finds the next break byte, keeping for each the position of
// its next occurrence: each is searched for with IndexByte, at most once
// per occurrence, instead of every byte being looked at.
type breakFinder struct {
	at    [len(breakBytes)]int // next occurrence at or after from, or len(s)
	valid [len(breakBytes)]bool
}

// from returns the position of the first break byte at or after i, or
// len(s). Calls must come with i not decreasing.
func (f *breakFinder) from(s string, i int) int {
	best := len(s)
	for k := range breakBytes {
		if !f.valid[k] || f.at[k] < i {
			f.at[k] = len(s)
			if j := strings.IndexByte(s[i:], breakBytes[k]); j >= 0 {
				f.at[k] = i + j
			}
			f.valid[k] = true
		}
		best = min(best, f.at[k])
	}
	return best
}

// Split appends the sentence spans of s to dst and returns it.
func Split(dst []Span, s string) []Span {
	start := 0
	push := func(end int) {
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
		start = end
	}
	var next breakFinder
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
				push(i)
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
			push(j)
			i = j - 1
		}
	}
	push(len(s))
	return dst
}

// endsSentence decides whether the period at s[dot] ends a sentence whose
// next word starts at s[next].
func endsSentence(s string, dot, next int) bool {
	w := dot
	for w > 0 && !isSpace(s[w-1]) && s[w-1] != '(' && s[w-1] != '"' {
		w--
	}
	word := s[w:dot]
	if word == "" {
		return true
	}
	// An initial ("J.") or a dotted acronym ("U.S", "U.N").
	dotted := false
	letters := 0
	for i := 0; i < len(word); i++ {
		switch {
		case word[i] == '.':
			dotted = true
		case isLetter(word[i]):
			letters++
		}
	}
	if letters == 1 && len(word) == 1 && isUpper(word[0]) {
		return false
	}
	if dotted {
		nw := next
		for nw < len(s) && isLetter(s[nw]) {
			nw++
		}
		return starters[s[next:nw]]
	}
	lower := make([]byte, 0, 8)
	for i := 0; i < len(word) && i < 12; i++ {
		c := word[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		lower = append(lower, c)
	}
	if abbreviations[string(lower)] {
		// "No. 10" and "Gen. Tiani" continue; a month or title at the very
		// end of a sentence is rare enough to accept the miss.
		return false
	}
	return true
}

func opens(c byte) bool {
	return isUpper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c == '[' || c >= 0x80
}

func isSpace(c byte) bool  { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return isLower(c) || isUpper(c) }
