package actors

import (
	"slices"
	"strings"

	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

// pronounsAndDescriptions adds mentions for pronouns and for descriptions
// that refer back to a country ("the West African nation"), merging a role
// noun that follows them ("its forces", "the landlocked state's military
// authorities"). Mentions from base on are kept sorted by position.
func (r *Resolver) pronounsAndDescriptions(dst []Mention, base int, s *phrase.Sentence, ctx *Context) []Mention {
	h := r.referrer(s, 0)
	if h == len(s.Toks) {
		return dst // no pronoun, no description noun
	}
	cov := coverage{ms: dst[base:]}
	add := ctx.add[:0]
	// from is the first token a description may start at: the tokens of
	// one found are no one else's.
	from := 0
	for ; h < len(s.Toks); h = r.referrer(s, h+1) {
		if r.isPronoun(s, h) {
			if cov.has(h) {
				continue
			}
			t, w := &s.Toks[h], &s.Words[h]
			m := Mention{Start: h, End: h + 1, HeadStart: h, HeadEnd: h + 1, Kind: Pronoun, Pron: t.Lower,
				Possessive: w.Tag&lexicon.POSS != 0 && w.Name != r.herID || r.possessiveIDs.Has(w.Name)}
			m.Entities = ctx.one(Entity{Start: t.Start, End: t.End})
			add = append(add, m)
			continue
		}
		// "The two met on Monday", "the two also agreed": the pair
		// named last, as "both" is.
		if s.Words[h].Name == r.twoID {
			if h > 0 && s.Toks[h-1].Lower == "the" && !cov.has(h) && r.verbAfter(s, h+1) {
				add = append(add, Mention{Start: h - 1, End: h + 1, HeadStart: h, HeadEnd: h + 1, Kind: Pronoun, Pron: "both",
					Entities: ctx.one(Entity{Start: s.Toks[h-1].Start, End: s.Toks[h].End})})
			}
			continue
		}
		// "the bloc", "the 15-member regional bloc", "the world body":
		// the organisation named last.
		if r.orgNounIDs.Has(s.Words[h].Name) && !cov.has(h) {
			if i := r.theBefore(s, h, max(h-4, from, cov.lastEnd())); i >= 0 {
				if code := ctx.LastOrganisation(); code != "" {
					for len(add) > 0 && add[len(add)-1].Start > i {
						add = add[:len(add)-1]
					}
					m := Mention{Start: i, End: h + 1, HeadStart: i + 1, HeadEnd: h + 1, Kind: Descriptor,
						Entities: ctx.one(Entity{Code: code, Sector: "GOV", Start: s.Toks[i].Start, End: s.Toks[h].End})}
					m.Possessive = isWord(s, h+1, "'s")
					add = append(add, m)
					from = h + 1
				}
			}
			continue
		}
		// A description is "the", up to five words and a description
		// noun, none of them in a mention: its starts are looked for
		// back from the noun, far fewer than the "the"s.
		j := h
		if !r.isDescNoun(s, j) || cov.has(j) {
			continue
		}
		// "the southern regional capital Juba": a name right after
		// the noun is what it describes, no country named before.
		if j+1 < len(s.Toks) && s.Toks[j+1].Kind == tokenize.Word && s.Toks[j+1].Cap && !s.TitleCase {
			continue
		}
		// "the two countries", "both nations": the parties last named
		// together, as "both sides" are; so are "the landlocked
		// neighbours", "the three nations": a plural description.
		p := pairBefore(s, j)
		if p < 0 && strings.HasSuffix(s.Toks[j].Lower, "s") {
			p = r.theBefore(s, j, max(j-4, from, cov.lastEnd()))
		}
		if p >= 0 {
			t := &s.Toks[j]
			add = append(add, Mention{Start: p, End: j + 1, HeadStart: j, HeadEnd: j + 1, Kind: Pronoun, Pron: "both",
				Entities: ctx.one(Entity{Start: s.Toks[p].Start, End: t.End})})
			from = j + 1
			continue
		}
		lo := max(j-6, from, cov.lastEnd())
		b := j - 1
		for b >= lo && s.Toks[b].Kind == tokenize.Word && !r.isDescNoun(s, b) {
			b--
		}
		// "the state media", "the country's" are fine; "the state
		// broadcaster" is not a description of a country.
		if b+1 == j || s.Toks[j].Lower == "state" && j+1 < len(s.Toks) && s.Toks[j+1].Kind == tokenize.Word && !s.Toks[j+1].Cap && s.Words[j+1].Tag&^lexicon.TITLE == 0 && s.Toks[j+1].Lower != "'s" {
			continue
		}
		// The first "the" whose words describe a country named before.
		for i := b + 1; i < j; i++ {
			if s.Words[i].Name != r.theID {
				continue
			}
			code := r.describe(s, i+1, j, ctx)
			if code == "" {
				continue
			}
			// A pronoun among the words is part of the description.
			for len(add) > 0 && add[len(add)-1].Start > i {
				add = add[:len(add)-1]
			}
			m := Mention{Start: i, End: j + 1, HeadStart: i + 1, HeadEnd: j + 1, Kind: Descriptor,
				Entities: ctx.one(Entity{Code: code, Name: r.CountryName(code), Start: s.Toks[i].Start, End: s.Toks[j].End})}
			m.Possessive = isWord(s, j+1, "'s")
			add = append(add, m)
			from = j + 1
			break
		}
	}
	ctx.add = add[:0]
	if len(add) == 0 {
		return dst
	}
	// Only a possessive or a description asks for more than its place
	// among the mentions.
	merge := false
	for k := range add {
		merge = merge || add[k].Possessive || add[k].Kind == Descriptor
	}
	// Both lists run left to right: merge add into dst, from the back.
	n0 := len(dst)
	dst = slices.Grow(dst, len(add))[:n0+len(add)]
	k := len(dst) - 1
	for a, b := n0-1, len(add)-1; b >= 0; k-- {
		if a >= base && dst[a].Start > add[b].Start {
			dst[k] = dst[a]
			a--
		} else {
			dst[k] = add[b]
			b--
		}
	}
	firstAdded := k + 1
	if !merge {
		return dst
	}
	// Merge a possessive pronoun or description with the role noun after
	// it. The merged list is written over all, in place: mention j moves
	// down to n <= j. The mentions before the first of add stay as they
	// are.
	all := dst[base:]
	n := firstAdded - base
	for k := n; k < len(all); k++ {
		j := k
		m := &all[j]
		if (m.Kind == Pronoun || m.Kind == Descriptor) && m.Possessive && k+1 < len(all) {
			nx := &all[k+1]
			gapOK := nx.Start == m.End || (nx.Start == m.End+1 && s.Toks[m.End].Lower == "'s") || joins(s, m.End, nx.HeadStart)
			if nx.Kind == Agent && nx.Generic && gapOK {
				e := m.Entities[0]
				e.Sector = nx.Entities[0].Sector
				e.Rule = nx.Entities[0].Rule
				e.End = nx.Entities[0].End
				m.Entities = ctx.one(e)
				m.End, m.HeadEnd = nx.End, nx.HeadEnd
				m.Possessive = nx.Possessive
				k++
			}
		}
		if m.Kind == Descriptor {
			ctx.Note(m.Entities[0].Code)
		}
		if n != j {
			all[n] = *m
		}
		n++
	}
	return dst[:base+n]
}

// referrer returns the first word from i on that is a pronoun of ours or
// a description noun, or len(s.Toks): every
// other token is turned down by its vocabulary mark or, without one, its
// name id. The loop over every token has its own function, kept out of
// line, so that none of the caller's state is kept in registers across
// it.
//
// pairBefore returns where "both", "the two" or "the three" opens the
// noun phrase ending with the plural description noun at token j ("the
// two countries", "both nations"), or -1.
func pairBefore(s *phrase.Sentence, j int) int {
	if !strings.HasSuffix(s.Toks[j].Lower, "s") || j < 1 {
		return -1
	}
	switch p := s.Toks[j-1].Lower; {
	case p == "both":
		return j - 1
	case (p == "two" || p == "three") && j >= 2 && s.Toks[j-2].Lower == "the":
		return j - 2
	}
	return -1
}

// theBefore returns the index of the "the" that opens the noun phrase
// ending at token h, looking back no further than lo past lower-case
// words, numbers and hyphenated modifiers ("the 15-member regional"), or
// -1.
//
//go:noinline
func (r *Resolver) theBefore(s *phrase.Sentence, h, lo int) int {
	for i := h - 1; i >= lo && i >= 0; i-- {
		t := &s.Toks[i]
		if s.Words[i].Name == r.theID {
			return i
		}
		if t.Kind == tokenize.Punct || s.Words[i].Tag&^(lexicon.MOD|lexicon.DET) != 0 {
			return -1
		}
	}
	return -1
}

func (r *Resolver) referrer(s *phrase.Sentence, i int) int {
	words := s.Words[:len(s.Toks)]
	if m := r.referMark; m != 0 {
		// A range over the words left steps a pointer, with no bounds
		// check on words.
		for k, w := range words[i:] {
			if w.Marks&m != 0 && s.Toks[i+k].Kind == tokenize.Word {
				return i + k
			}
		}
		return len(words)
	}
	ids := r.referIDs
	for ; i < len(words); i++ {
		if ids.Has(words[i].Name) && s.Toks[i].Kind == tokenize.Word {
			return i
		}
	}
	return len(words)
}

// describe resolves the description s.Toks[from:noun+1] ("West African
// nation") to the most recently named country that fits every description
// word it knows, or "".
func (r *Resolver) describe(s *phrase.Sentence, from, noun int, ctx *Context) string {
	var wbuf [8]string
	words := wbuf[:0]
	for i := from; i < noun; i++ {
		l := s.Toks[i].Lower
		if strings.IndexByte(l, '-') < 0 {
			words = append(words, l)
			continue
		}
		for _, w := range strings.Split(l, "-") {
			if w != "" {
				words = append(words, w)
			}
		}
	}
	var sbuf [4]map[string]bool
	sets := sbuf[:0]
	for i := 0; i < len(words); {
		matched := false
		for n := 3; n >= 1; n-- {
			if i+n > len(words) {
				continue
			}
			key := words[i]
			if n > 1 {
				key = strings.Join(words[i:i+n], " ")
			}
			if set, ok := r.descAdj[key]; ok {
				sets = append(sets, set)
				i += n
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	noun0 := s.Toks[noun].Lower
	if len(sets) == 0 {
		// "the capital" alone: the country the story is about, whose
		// capital a wire story means without naming it.
		if noun0 == "capital" {
			return ctx.Salient(r.isCountry)
		}
		if noun0 != "country" && noun0 != "nation" {
			return ""
		}
		// "the country" alone: the country the document talks about most
		// lately.
		return ctx.codeAt(ctx.top(r.isCountry, true))
	}
	for k := len(ctx.recent) - 1; k >= 0; k-- {
		if !ctx.country(int(ctx.recent[k]), r.isCountry) {
			continue
		}
		code := ctx.codes[ctx.recent[k]].code
		ok := true
		for _, set := range sets {
			if !set[code] {
				ok = false
				break
			}
		}
		if ok {
			return code
		}
	}
	return ""
}

// coverage tells whether a token lies in one of the mentions ms, sorted by
// start and by end. It is asked about tokens left to right, so a cursor
// that moves forward once over the mentions answers in place of a flag
// per token.
type coverage struct {
	ms []Mention
	k  int // the first mention that ends after the last token asked about
}

// has reports whether token i, after every token asked about before,
// lies in one of the mentions.
func (c *coverage) has(i int) bool {
	for c.k < len(c.ms) && c.ms[c.k].End <= i {
		c.k++
	}
	return c.k < len(c.ms) && c.ms[c.k].Start <= i
}

// lastEnd returns where the last mention before the last token asked
// about ends, or 0 if none does; that token must not be covered.
func (c *coverage) lastEnd() int {
	if c.k > 0 {
		return c.ms[c.k-1].End
	}
	return 0
}

// verbAfter reports whether token i (past "also" or "then") is a verb
// that a subject stands before: an auxiliary, a modal, a verb of saying
// or a verb in the past ("the two met", "the two will sign").
func (r *Resolver) verbAfter(s *phrase.Sentence, i int) bool {
	if i < len(s.Toks) && (s.Toks[i].Lower == "also" || s.Toks[i].Lower == "then" || s.Toks[i].Lower == "later") {
		i++
	}
	if i >= len(s.Toks) || s.Toks[i].Kind != tokenize.Word || s.Toks[i].Cap {
		return false
	}
	t := s.Toks[i].Lower
	return s.Words[i].Tag&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.SAY|lexicon.DO) != 0 || strings.HasSuffix(t, "ed") || r.lex.IsIrregular(t)
}
