// Package ourwords finds text that a file shares word for word with another
// text: runs of n or more identical words in a row, the mark of a sentence
// copied from a published article rather than written by us.
//
// In: two texts and a run length. Out: the runs they share, each with the
// line of the second text it starts on and the words themselves. Words are
// letters and digits, lowercased, with apostrophes dropped ("they’ve" and
// "they've" are one word); everything else separates them, so a copy with
// other punctuation, case or line breaks is still found.
package ourwords

import (
	"strings"
	"unicode"
)

// Word is one word of a text and the line (from 1) it is on.
type Word struct {
	Text string
	Line int
}

// Words splits text into its words; the returned slice is the caller's.
func Words(text string) []Word {
	var words []Word
	var b strings.Builder
	line, start := 1, 1
	flush := func() {
		if b.Len() > 0 {
			words = append(words, Word{Text: b.String(), Line: start})
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// inside a word: "they’ve" reads as "theyve"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if b.Len() == 0 {
				start = line
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
			if r == '\n' {
				line++
			}
		}
	}
	flush()
	return words
}

// Run is a maximal run of words that a text shares with the source.
type Run struct {
	Line  int    // line of the text the run starts on
	Words int    // how many words long it is
	Text  string // the words, joined by spaces
}

// Shared returns the runs of at least n words in a row that text has in
// common with source, in the order they occur in text. A run is maximal: a
// copied paragraph is one run, not one per window of n words.
func Shared(source, text string, n int) []Run {
	n = max(n, 1)
	src := Words(source)
	seen := make(map[string]bool, len(src))
	for i := 0; i+n <= len(src); i++ {
		seen[key(src[i:i+n])] = true
	}
	words := Words(text)
	var runs []Run
	for i := 0; i+n <= len(words); i++ {
		if !seen[key(words[i:i+n])] {
			continue
		}
		j := i + n // words[i:j] are shared, window by window
		for j < len(words) && seen[key(words[j+1-n:j+1])] {
			j++
		}
		runs = append(runs, Run{Line: words[i].Line, Words: j - i, Text: key(words[i:j])})
		i = j - n // the window at j+1-n is not shared; go on after it
	}
	return runs
}

func key(ws []Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}
