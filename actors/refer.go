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
	first := r.referrer(s, 0)
	if first == len(s.Toks) {
		return dst // no pronoun, no "the"
	}
	cov := coverage{ms: dst[base:]}
	add := ctx.add[:0]
	for i := first; i < len(s.Toks); i = r.referrer(s, i+1) {
		t := &s.Toks[i]
		if r.isPronoun(s, i) {
			if cov.has(i) {
				continue
			}
			w := &s.Words[i]
			m := Mention{Start: i, End: i + 1, HeadStart: i, HeadEnd: i + 1, Kind: Pronoun, Pron: t.Lower,
				Possessive: w.Tag&lexicon.POSS != 0 && w.Name != r.herID || r.possessiveIDs.Has(w.Name)}
			m.Entities = ctx.one(Entity{Start: t.Start, End: t.End})
			add = append(add, m)
			continue
		}
		if w := &s.Words[i]; w.Name != r.theID || cov.has(i) {
			continue
		}
		// A description runs up to five words and its noun, and stops
		// short of the mention after it.
		stop := cov.nextStart(len(s.Toks))
		j := i + 1
		for lim := min(stop, i+6); j < lim && s.Toks[j].Kind == tokenize.Word && !r.isDescNoun(s, j); j++ {
		}
		if j >= stop || !r.isDescNoun(s, j) {
			continue
		}
		// "the state media", "the country's" are fine; "the state
		// broadcaster" is not a description of a country.
		if s.Toks[j].Lower == "state" && j+1 < len(s.Toks) && s.Toks[j+1].Kind == tokenize.Word && !s.Toks[j+1].Cap && s.Words[j+1].Tag == 0 && s.Toks[j+1].Lower != "'s" {
			continue
		}
		code := r.describe(s, i+1, j, ctx)
		if code == "" {
			continue
		}
		m := Mention{Start: i, End: j + 1, HeadStart: i + 1, HeadEnd: j + 1, Kind: Descriptor,
			Entities: ctx.one(Entity{Code: code, Name: r.CountryName(code), Start: s.Toks[i].Start, End: s.Toks[j].End})}
		m.Possessive = isWord(s, j+1, "'s")
		add = append(add, m)
		i = j
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

// referrer returns the first word from i on that may open a pronoun or
// description mention (a pronoun of ours or "the"), or len(s.Toks): every
// other token is turned down by its vocabulary mark or, without one, its
// name id. The loop over every token has its own function, kept out of
// line, so that none of the caller's state is kept in registers across
// it.
//
//go:noinline
func (r *Resolver) referrer(s *phrase.Sentence, i int) int {
	words := s.Words[:len(s.Toks)]
	if m := r.referMark; m != 0 {
		for ; i < len(words); i++ {
			if words[i].Marks&m != 0 && s.Toks[i].Kind == tokenize.Word {
				return i
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

// nextStart returns where the first mention after the last token asked
// about starts, or n if none does; that token must not be covered.
func (c *coverage) nextStart(n int) int {
	if c.k < len(c.ms) {
		return c.ms[c.k].Start
	}
	return n
}
