package coder

import (
	"slices"
	"strings"

	"dyad/actors"
	"dyad/dict"
	"dyad/tokenize"
)

// Guard kinds, as bits: which guards of guards.txt a sentence's words
// name.
const (
	guardSport uint8 = 1 << iota
	guardDisaster
	guardCrime
	guardBusiness
	// guardPolitics is set for words that make a crime's words
	// political: "a suspect was detained by anti-terror police".
	guardPolitics
	// guardScore is set when the sentence gives a score ("2-1").
	guardScore
)

var guardKinds = map[string]uint8{"sport": guardSport, "disaster": guardDisaster, "crime": guardCrime, "business": guardBusiness, "politics": guardPolitics}

// guardWord is one entry of guards.txt: its first word, the words that
// must follow, the last one (or the first, for a one-word entry) a word
// start where prefix is set ("bond yield*", "qualif*"), and the guards it
// names.
type guardWord struct {
	first  string
	rest   []string
	prefix bool
	kinds  uint8
}

// guardIndex finds the guard words of a sentence by looking its words up
// by their first three letters, not by searching its text for each
// entry.
type guardIndex struct {
	// by holds, by the first three letters of an entry's first word
	// (keyIndex), one more than the index in lists of its entries, or 0:
	// a small table that stays in cache. other holds the entries whose
	// first word starts otherwise, by its three first bytes.
	by    []uint16
	lists [][]guardWord
	other map[string][]guardWord
}

// keyIndex returns the index in guardIndex.by of the entries whose first
// word starts as w does (its first three bytes, or all of a shorter
// word), or -1 where those are not all lower-case ASCII letters.
func keyIndex(w string) int {
	if w == "" {
		return -1
	}
	k := 0
	for i := 0; i < 3; i++ {
		if i >= len(w) {
			k = k*27 + 26
			continue
		}
		c := w[i]
		if c < 'a' || c > 'z' {
			return -1
		}
		k = k*27 + int(c-'a')
	}
	return k
}

func (gi *guardIndex) entries(w string) []guardWord {
	if k := keyIndex(w); k >= 0 {
		if l := gi.by[k]; l > 0 {
			return gi.lists[l-1]
		}
		return nil
	}
	return gi.other[keyOf(w)]
}

func newGuardIndex(gs []dict.Guard) guardIndex {
	gi := guardIndex{by: make([]uint16, 27*27*27), other: map[string][]guardWord{}}
	for _, g := range gs {
		kind := guardKinds[g.Name]
		for _, w := range g.Words {
			words := strings.Fields(strings.ToLower(w))
			if len(words) == 0 {
				continue
			}
			gw := guardWord{kinds: kind}
			if last := &words[len(words)-1]; strings.HasSuffix(*last, "*") {
				*last = strings.TrimSuffix(*last, "*")
				gw.prefix = true
			}
			gw.first, gw.rest = words[0], words[1:]
			if gw.first == "" {
				continue
			}
			if k := keyIndex(gw.first); k >= 0 {
				if gi.by[k] == 0 {
					gi.lists = append(gi.lists, nil)
					gi.by[k] = uint16(len(gi.lists))
				}
				gi.lists[gi.by[k]-1] = append(gi.lists[gi.by[k]-1], gw)
			} else {
				key := keyOf(gw.first)
				gi.other[key] = append(gi.other[key], gw)
			}
		}
	}
	return gi
}

// keyOf is the index key of a word: its first three bytes.
func keyOf(w string) string { return w[:min(3, len(w))] }

// kinds returns the guards the tokens' words name, and guardScore where
// the text between the first and the last token gives a score.
func (gi *guardIndex) kinds(text string, toks []tokenize.Token) uint8 {
	var k uint8
	for i := range toks {
		t := &toks[i]
		if t.Kind != tokenize.Word {
			continue
		}
		k |= gi.word(t.Lower, toks, i, k)
		// "a seven-wicket win": the parts of a hyphenated word too.
		if rest := t.Lower; strings.IndexByte(rest, '-') > 0 {
			for rest != "" {
				var part string
				part, rest, _ = strings.Cut(rest, "-")
				k |= gi.word(part, nil, 0, k)
			}
		}
	}
	if len(toks) > 0 && hasScore(text[toks[0].Start:toks[len(toks)-1].End]) {
		k |= guardScore
	}
	return k
}

// word returns the guard kinds, besides those of have, that the word w
// (token i of toks, where toks is not nil) starts.
func (gi *guardIndex) word(w string, toks []tokenize.Token, i int, have uint8) uint8 {
	if w == "" {
		return 0
	}
	var k uint8
	for _, gw := range gi.entries(w) {
		if gw.kinds&^(have|k) == 0 {
			continue
		}
		if len(gw.rest) == 0 {
			if w == gw.first || gw.prefix && strings.HasPrefix(w, gw.first) {
				k |= gw.kinds
			}
			continue
		}
		if w == gw.first && toks != nil && follows(toks, i+1, gw) {
			k |= gw.kinds
		}
	}
	return k
}

// follows reports whether the words of gw.rest follow from token i.
func follows(toks []tokenize.Token, i int, gw guardWord) bool {
	for n, w := range gw.rest {
		if i+n >= len(toks) {
			return false
		}
		l := toks[i+n].Lower
		if n == len(gw.rest)-1 && gw.prefix {
			if !strings.HasPrefix(l, w) {
				return false
			}
		} else if l != w {
			return false
		}
	}
	return true
}

// guarded reports whether a sentence's guard words (guards.txt) show
// that an event of category cat by actor is no political event: a
// match report (a score and a word of sport); a disaster, an ordinary
// crime or a game with nobody named doing it, or with people of
// civilian life doing it in a disaster ("a fire swept through a school,
// killing two pupils"); an ordinary crime the police or courts deal
// with ("a landslide buried a bus, killing 14", "police arrested two
// men after a shop was robbed"); or
// business news told in words of war by companies or nobody ("the
// airline launched an offensive on new routes", "investors beat a
// hasty retreat"). kinds returns the sentence's guard kinds. An attack
// on a state's soldiers is no ordinary crime, whoever does it: "drug
// traffickers ambushed an army patrol".
func guarded(cat string, actor, recip []actors.Entity, kinds func() uint8) bool {
	unnamed, companies, police, victims := true, true, len(actor) > 0, len(actor) > 0
	for _, e := range actor {
		if !e.Generic {
			unnamed = false
		}
		if e.Sector != "" && e.Sector != "BUS" && e.Code != "MNC" {
			companies = false
		}
		if e.Sector != "COP" && e.Sector != "JUD" {
			police = false
		}
		if !civilian(e.Sector) {
			victims = false
		}
	}
	// Only violence, and what companies do, is ever guarded: elsewhere
	// the sentence's words need not be read. Police, named or not, are
	// guarded in the words of crime ("Kenyan police arrested three
	// robbery suspects").
	if !violent(cat) && !companies && !(police && cat == "ACCUSE") || !unnamed && !companies && !police && !victims && cat != "ASSAULT" {
		return false
	}
	g := kinds()
	if g == 0 {
		return false
	}
	if cat == "ASSAULT" && g&guardScore != 0 && g&guardSport != 0 {
		return true
	}
	switch {
	case unnamed && violent(cat) && (g&guardDisaster != 0 || g&guardCrime != 0 && g&guardPolitics == 0) && !(g&guardDisaster == 0 && cat == "ASSAULT" && slices.ContainsFunc(recip, func(e actors.Entity) bool { return e.Sector == "MIL" })):
		return true
	case police && (violent(cat) || cat == "ACCUSE") && g&guardCrime != 0 && g&guardPolitics == 0:
		return true
	case victims && violent(cat) && g&guardDisaster != 0:
		// "Lightning struck a school, killing two pupils": in a
		// disaster, the people of civilian life a violent word finds
		// are its victims, not its doers.
		return true
	case companies && g&guardBusiness != 0:
		return true
	case (unnamed || companies) && violent(cat) && g&(guardSport|guardScore) != 0:
		return true
	}
	return false
}

// countsPeople reports whether rest, the text after a number, starts with
// a space and a plural noun: "militants", "people", "men".
func countsPeople(rest string) bool {
	if rest == "" || rest[0] != ' ' {
		return false
	}
	w := rest[1:]
	if k := strings.IndexAny(w, " ,.;:"); k >= 0 {
		w = w[:k]
	}
	switch w {
	case "people", "men", "women", "children":
		return true
	}
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

// civilian reports whether a sector is one of civilian life, whose
// people do no violence in a disaster report.
func civilian(sector string) bool {
	switch sector {
	case "CVL", "SOC", "LAB", "JRN", "BUS", "MED", "REL", "EDU", "REF", "AGR", "IDP", "NGO":
		return true
	}
	return false
}

// violent reports whether a category is one sport and business
// reporting borrow words of: "attacked", "crushed", "beat a retreat".
func violent(cat string) bool {
	switch cat {
	case "ASSAULT", "COERCE", "RETREAT", "THREATEN", "MOBILIZE":
		return true
	}
	return false
}

// hasScore reports whether s gives a score: two numbers joined by a
// hyphen ("2-1", "3-0"), neither part of a longer number, nor a range
// that counts people ("killed 4-5 militants").
func hasScore(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		k := strings.IndexByte(s[i:len(s)-1], '-')
		if k < 0 {
			break
		}
		i += k
		if isDigit(s[i-1]) && isDigit(s[i+1]) && (i+2 == len(s) || !isDigit(s[i+2])) && (i < 2 || !isDigit(s[i-2])) && !countsPeople(s[i+2:]) {
			return true
		}
	}
	return false
}
