package actors

import (
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

// person is someone the dictionaries do not know, named after a role
// earlier in the document ("Russian Deputy Foreign Minister Sergei
// Ryabkov"): a later "Ryabkov said" is the same person, with the role's
// country and sector, which stay his wherever later sentences are set.
type person struct {
	// last and first are the lower-case surname and the name's first
	// word (the same for a one-word name).
	last, first  string
	code, sector string
	name         string
}

// maxPeople bounds the people a document's context remembers: a story
// names few.
const maxPeople = 32

// rememberPeople notes, for the mentions of dst from base on, each role
// followed by a name the dictionaries do not know: "Deputy Foreign
// Minister Sergei Ryabkov", "its spokesman, Colonel Amadou Abdramane".
func (r *Resolver) rememberPeople(dst []Mention, base int, s *phrase.Sentence, ctx *Context) {
	for k := base; k < len(dst); k++ {
		m := &dst[k]
		if len(m.Entities) != 1 || m.Entities[0].Code == "" || len(ctx.people) >= maxPeople-1 {
			continue
		}
		var j int
		switch m.Kind {
		case Agent:
			j = m.HeadEnd
			if j < m.End && (s.Toks[j].Text == "." || s.Toks[j].Text == ",") {
				j++
			}
			if j >= m.End || !nameRun(s, j, m.End) {
				continue
			}
		case Person:
			// A name the dictionaries know in full: "Yang Jiechi" is
			// "Yang" later, as East Asian names are.
			j = m.HeadStart
			if m.HeadEnd-j < 2 || m.End != m.HeadEnd {
				continue
			}
		default:
			continue
		}
		last := &s.Toks[m.End-1]
		if last.Upper {
			continue
		}
		e := &m.Entities[0]
		p := person{last: last.Lower, first: s.Toks[j].Lower, code: e.Code, sector: e.Sector, name: joinText(s.Toks[j:m.End])}
		if len(last.Text) >= 3 {
			ctx.people = append(ctx.people, p)
		}
		// A name of two or three words may be cut to its first, the
		// family name of "Wang Yi" or "Hoang Xuan Chien".
		if n := m.End - j; n >= 2 && n <= 3 && len(p.first) >= 2 && !s.Toks[j].Upper {
			p.last = p.first
			ctx.people = append(ctx.people, p)
		}
	}
}

// joinText returns the tokens' text, one space apart.
func joinText(ts []tokenize.Token) string {
	n := len(ts) - 1
	for i := range ts {
		n += len(ts[i].Text)
	}
	b := make([]byte, 0, n)
	for i := range ts {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, ts[i].Text...)
	}
	return string(b)
}

// nameRun reports whether tokens [a, b) are capitalised words that no
// lexicon class claims: a name.
func nameRun(s *phrase.Sentence, a, b int) bool {
	for i := a; i < b; i++ {
		if t := &s.Toks[i]; t.Kind != tokenize.Word || !t.Cap || s.Words[i].Tag&^(lexicon.TITLE|lexicon.MOD) != 0 {
			return false
		}
	}
	return true
}

// recallPeople adds to dst, from base on, a mention for each surname of
// a person remembered from earlier in the document that no mention
// covers, taking in the first name before it ("Sergei Ryabkov",
// "Ryabkov"). dst from base on stays sorted by position.
func (r *Resolver) recallPeople(dst []Mention, base int, s *phrase.Sentence, ctx *Context) []Mention {
	if len(ctx.people) == 0 {
		return dst
	}
	k := base
	for i := range s.Toks {
		t := &s.Toks[i]
		for k < len(dst) && dst[k].End <= i {
			k++
		}
		if k < len(dst) && dst[k].Start <= i || t.Kind != tokenize.Word || !t.Cap || t.Upper {
			continue
		}
		p := ctx.person(t.Lower)
		if p == nil {
			continue
		}
		start := i
		if i > 0 && s.Toks[i-1].Lower == p.first && p.first != p.last && (k == base || dst[k-1].End < i) {
			start = i - 1
		}
		e := Entity{Code: p.code, Sector: p.sector, Name: p.name, Start: s.Toks[start].Start, End: t.End}
		m := Mention{Start: start, End: i + 1, HeadStart: start, HeadEnd: i + 1, Kind: Person, Entities: ctx.one(e),
			Possessive: isWord(s, i+1, "'s") || isWord(s, i+1, "'")}
		dst = append(dst, Mention{})
		copy(dst[k+1:], dst[k:])
		dst[k] = m
		k++
	}
	return dst
}

// person returns the person remembered with surname last, or nil.
func (c *Context) person(last string) *person {
	for i := len(c.people) - 1; i >= 0; i-- {
		if c.people[i].last == last {
			return &c.people[i]
		}
	}
	return nil
}
