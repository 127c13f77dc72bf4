package segment

// The segmenter as it was before its unrolled break finder and table
// lookups: the reference the differential tests (diff_test.go) compare
// against. A rule changed on purpose is changed here too, or these tests
// go.

import "strings"

// refBreakBytes are the bytes refSplit stops at.
const refBreakBytes = "\n.!?"

// refBreakFinder finds the next break byte, keeping for each the position of
// its next occurrence: each is searched for with IndexByte, at most once
// per occurrence, instead of every byte being looked at.
type refBreakFinder struct {
	at    [len(refBreakBytes)]int // next occurrence at or after from, or len(s)
	valid [len(refBreakBytes)]bool
}

// from returns the position of the first break byte at or after i, or
// len(s). Calls must come with i not decreasing.
func (f *refBreakFinder) from(s string, i int) int {
	best := len(s)
	for k := range refBreakBytes {
		if !f.valid[k] || f.at[k] < i {
			f.at[k] = len(s)
			if j := strings.IndexByte(s[i:], refBreakBytes[k]); j >= 0 {
				f.at[k] = i + j
			}
			f.valid[k] = true
		}
		best = min(best, f.at[k])
	}
	return best
}

// refSplit appends the sentence spans of s to dst and returns it.
func refSplit(dst []Span, s string) []Span {
	start := 0
	push := func(end int) {
		a, b := start, end
		for a < b && refIsSpace(s[a]) {
			a++
		}
		for b > a && refIsSpace(s[b-1]) {
			b--
		}
		if b > a {
			dst = append(dst, Span{a, b})
		}
		start = end
	}
	var next refBreakFinder
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
			for j < len(s) && refIsSpace(s[j]) {
				if s[j] == '\n' {
					blankLine = true
				}
				j++
			}
			if j >= len(s) {
				continue
			}
			if blankLine || !refIsLower(s[j]) {
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
			if j < len(s) && !refIsSpace(s[j]) {
				continue
			}
			k := j
			for k < len(s) && refIsSpace(s[k]) {
				k++
			}
			if k >= len(s) {
				continue
			}
			if !refOpens(s[k]) {
				continue
			}
			if c == '.' && j == i+1 && !refEndsSentence(s, i, k) {
				continue
			}
			push(j)
			i = j - 1
		}
	}
	push(len(s))
	return dst
}

// refEndsSentence decides whether the period at s[dot] ends a sentence whose
// next word starts at s[next].
func refEndsSentence(s string, dot, next int) bool {
	w := dot
	for w > 0 && !refIsSpace(s[w-1]) && s[w-1] != '(' && s[w-1] != '"' {
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
		case refIsLetter(word[i]):
			letters++
		}
	}
	if letters == 1 && len(word) == 1 && refIsUpper(word[0]) {
		return false
	}
	if dotted {
		nw := next
		for nw < len(s) && refIsLetter(s[nw]) {
			nw++
		}
		return starters[s[next:nw]]
	}
	lower := make([]byte, 0, 8)
	for i := 0; i < len(word) && i < 12; i++ {
		c := word[i]
		if refIsUpper(c) {
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

func refOpens(c byte) bool {
	return refIsUpper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c == '[' || c >= 0x80
}

func refIsSpace(c byte) bool  { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
func refIsLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func refIsUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func refIsLetter(c byte) bool { return refIsLower(c) || refIsUpper(c) }
