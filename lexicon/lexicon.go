// Package lexicon knows the closed-class words of English that dyad's shallow
// grammar reads (determiners, prepositions, auxiliaries, pronouns, reporting
// verbs...) and how inflected forms reduce to lemmas.
//
// In: a lower-case word form. Out: its word classes (a Tag bit set) and its
// candidate lemmas. The data come from words.txt, loaded through an fs.FS;
// Default loads the embedded copy.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed data/words.txt
var data embed.FS

// Tag is a set of word classes.
type Tag uint32

// Word classes, as named in words.txt.
const (
	DET Tag = 1 << iota
	PREP
	BE
	HAVE
	DO
	MODAL
	PRON
	POSS
	CONJ
	SUB
	REL
	NEG
	SAY
	FUT
	HYP
	TIME
	LIGHT
	MOD
	// REFER marks verbs whose object names an event as a topic only.
	REFER
	// TITLE marks role nouns written with a capital as a title ("the
	// Russian Ambassador", "Foreign Minister"), which lower-case
	// dictionary words match all the same.
	TITLE
	// PART marks a past participle (set by rule or by an irregular entry).
	PART
)

var tagNames = map[string]Tag{
	"DET": DET, "PREP": PREP, "BE": BE, "HAVE": HAVE, "DO": DO, "MODAL": MODAL,
	"PRON": PRON, "POSS": POSS, "CONJ": CONJ, "SUB": SUB, "REL": REL, "NEG": NEG,
	"SAY": SAY, "FUT": FUT, "HYP": HYP, "TIME": TIME, "LIGHT": LIGHT, "MOD": MOD,
	"REFER": REFER, "TITLE": TITLE,
}

type irregular struct {
	lemma string
	part  bool
}

// Lexicon holds word classes and irregular forms. It is read-only after
// Load and safe for concurrent use.
type Lexicon struct {
	tags map[string]Tag
	irr  map[string]irregular
}

// Default returns the embedded lexicon.
func Default() (*Lexicon, error) { return Load(data, "data/words.txt") }

// Load reads a words.txt file from fsys. All problems are reported together,
// each as "lexicon: FILE:LINE: message".
func Load(fsys fs.FS, name string) (*Lexicon, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	lx := &Lexicon{tags: map[string]Tag{}, irr: map[string]irregular{}}
	var errs []string
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "=") {
			f := strings.Fields(line[1:])
			if len(f) < 2 || len(f) > 3 || (len(f) == 3 && f[2] != "PART") {
				errs = append(errs, fmt.Sprintf("lexicon: %s:%d: want \"= form lemma [PART]\"", name, n))
				continue
			}
			e := lx.irr[f[0]]
			if e.lemma != "" && e.lemma != f[1] {
				errs = append(errs, fmt.Sprintf("lexicon: %s:%d: %q already has lemma %q", name, n, f[0], e.lemma))
				continue
			}
			e.lemma = f[1]
			e.part = e.part || len(f) == 3
			lx.irr[f[0]] = e
			continue
		}
		tag, words, ok := strings.Cut(line, ":")
		t, known := tagNames[strings.TrimSpace(tag)]
		if !ok || !known {
			errs = append(errs, fmt.Sprintf("lexicon: %s:%d: want \"TAG: words\" with a known tag, got %q", name, n, line))
			continue
		}
		for _, w := range strings.Fields(words) {
			lx.tags[w] |= t
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("lexicon: %s: %v", name, err))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return lx, nil
}

// Tags returns the word classes of a lower-case form, with PART set for
// known irregular past participles.
func (lx *Lexicon) Tags(lower string) Tag {
	t := lx.tags[lower]
	if e, ok := lx.irr[lower]; ok && e.part {
		t |= PART
	}
	return t
}

// Lemmas appends to dst the candidate lemmas of a lower-case form, most
// likely first, always starting with the form itself unless it is a known
// irregular form. Callers pick the first candidate their vocabulary knows.
func (lx *Lexicon) Lemmas(dst []string, lower string) []string {
	if e, ok := lx.irr[lower]; ok {
		return append(dst, e.lemma)
	}
	dst = append(dst, lower)
	n := len(lower)
	has := func(suf string) bool { return n > len(suf)+1 && strings.HasSuffix(lower, suf) }
	switch {
	case has("ies"):
		dst = append(dst, lower[:n-3]+"y", lower[:n-1])
	case has("sses"), has("shes"), has("ches"), has("xes"), has("zes"):
		dst = append(dst, lower[:n-2], lower[:n-1])
	case has("ss"), has("us"), has("is"):
	case has("s"):
		dst = append(dst, lower[:n-1])
	case has("ied"):
		dst = append(dst, lower[:n-3]+"y")
	case has("ed"):
		stem := lower[:n-2]
		dst = append(dst, lower[:n-1], stem)
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			dst = append(dst, stem[:len(stem)-1])
		}
	case has("ing"):
		stem := lower[:n-3]
		dst = append(dst, stem, stem+"e")
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] {
			dst = append(dst, stem[:len(stem)-1])
		}
		if strings.HasSuffix(stem, "y") {
			dst = append(dst, stem[:len(stem)-1]+"ie")
		}
	}
	return dst
}

// IsIrregular reports whether a lower-case form is a known irregular
// inflection ("broke", "fled", "shot").
func (lx *Lexicon) IsIrregular(lower string) bool {
	_, ok := lx.irr[lower]
	return ok
}

// IsParticiple reports whether a lower-case form looks like a past
// participle: a known irregular one, or a regular -ed form.
func (lx *Lexicon) IsParticiple(lower string) bool {
	if e, ok := lx.irr[lower]; ok {
		return e.part
	}
	return len(lower) > 3 && strings.HasSuffix(lower, "ed")
}

// Has reports whether t has every class in u.
func (t Tag) Has(u Tag) bool { return t&u == u }
