// Package phrase matches dictionary phrases and patterns against annotated
// sentences.
//
// In: patterns parsed by package dict, compiled against a lexicon.Vocab, and
// sentences whose tokens carry vocabulary ids. Out: matches with the token
// range they cover, the tokens of their literal words, and the tokens
// filled by their $A and $R slots.
package phrase

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/dict"
	"dyad/lexicon"
	"dyad/tokenize"
)

// Sentence is a tokenised, annotated sentence.
type Sentence struct {
	Toks  []tokenize.Token
	Words []lexicon.Word
	// TitleCase is set for a headline whose words are all capitalised;
	// lower-case dictionary words then match capitalised tokens.
	TitleCase bool
	// WordCount and KnownCount, set by Prepare, count the word tokens and
	// those the lexicon gives a class: a text of mostly unknown words is
	// not English.
	WordCount, KnownCount int
	// words has a bit for each word id of the sentence (a Bloom filter),
	// set by Prepare: a walker skips a gap when none of the words that
	// may follow it is in the sentence.
	words   bloom
	wordsOK bool
}

// Prepare sets TitleCase and WordCount and KnownCount, and notes the
// sentence's words for walkers, in one pass. A sentence that is not
// prepared is matched the same way, more slowly.
func (s *Sentence) Prepare() {
	var b bloom
	nwords, caps, long, known := 0, 0, 0, 0
	toks := s.Toks
	ws := s.Words[:len(toks)]
	for i := range toks {
		t, w := &toks[i], &ws[i]
		b.add(w.Name)
		if w.Stem != w.Name {
			b.add(w.Stem)
		}
		if t.Kind != tokenize.Word {
			continue
		}
		nwords++
		if w.Tag != 0 {
			known++
		}
		if len(t.Text) > 3 {
			long++
			if t.Cap {
				caps++
			}
		}
	}
	s.TitleCase = titleCase(long, caps)
	s.WordCount, s.KnownCount = nwords, known
	s.words, s.wordsOK = b, true
}

// MayHave reports whether a token of s may have id as its name or stem:
// false means none has, true that one may. It needs Prepare.
func (s *Sentence) MayHave(id int32) bool {
	if !s.wordsOK || id == 0 {
		return true
	}
	var b bloom
	b.add(id)
	return b.meets(&s.words)
}

// bloom is a 256-bit Bloom filter of word ids, one hash each.
type bloom [4]uint64

func bloomBit(id int32) uint32 { return uint32(id) * 2654435761 >> 24 }

func (b *bloom) add(id int32) {
	if id != 0 {
		h := bloomBit(id)
		b[h>>6] |= 1 << (h & 63)
	}
}

func (b *bloom) meets(o *bloom) bool {
	return b[0]&o[0]|b[1]&o[1]|b[2]&o[2]|b[3]&o[3] != 0
}

// SetTitleCase sets TitleCase when most words of s are capitalised.
func (s *Sentence) SetTitleCase() {
	words, caps := 0, 0
	for i := range s.Toks {
		if s.Toks[i].Kind == tokenize.Word && len(s.Toks[i].Text) > 3 {
			words++
			if s.Toks[i].Cap {
				caps++
			}
		}
	}
	s.TitleCase = titleCase(words, caps)
}

// titleCase decides TitleCase from the number of words of more than three
// letters and of those capitalised.
func titleCase(words, caps int) bool { return words >= 3 && caps*10 >= words*7 }

type alt struct {
	exact string // the token must be spelled exactly so (acronyms)
	id    int32
	name  bool // compare Name ids (proper names, punctuation); else Stem ids
	cap   bool // the token must be capitalised
	// lower: a common word that a capitalised token inside a sentence
	// ("March", "Chad") does not match.
	lower bool
}

type item struct {
	alts []alt
	slot byte
	gap  bool
	opt  bool
}

// Pattern is a compiled phrase or pattern.
type Pattern struct {
	items []item
	// Anchor is the index of the first required word item.
	anchor int
}

// Compile registers the words of items in v and returns the compiled
// pattern. It must be called before v is shared.
func Compile(v *lexicon.Vocab, items []dict.Item) Pattern {
	return compile(v, items, false)
}

// CompileLower is Compile for patterns whose lower-case words must not
// match capitalised words inside a sentence: event triggers, where
// "March" is a month and not a protest.
func CompileLower(v *lexicon.Vocab, items []dict.Item) Pattern {
	return compile(v, items, true)
}

func compile(v *lexicon.Vocab, items []dict.Item, lowerOnly bool) Pattern {
	p := Pattern{anchor: -1, items: make([]item, 0, len(items))}
	// The items' alternatives are cut from one array.
	words := 0
	for _, it := range items {
		words += len(it.Words)
	}
	alts := make([]alt, 0, words)
	for k, it := range items {
		ci := item{slot: it.Slot, gap: it.Gap, opt: it.Optional}
		if len(it.Words) > 0 {
			start := len(alts)
			for _, w := range it.Words {
				a := compileWord(v, w)
				a.lower = lowerOnly && !a.name
				alts = append(alts, a)
			}
			ci.alts = alts[start:len(alts):len(alts)]
		}
		if p.anchor < 0 && it.Words != nil && !it.Optional {
			p.anchor = k
		}
		p.items = append(p.items, ci)
	}
	return p
}

func compileWord(v *lexicon.Vocab, w string) alt {
	if a, ok := compileASCII(v, w); ok {
		return a
	}
	lower := strings.ToLower(w)
	hasUpper, hasLower, hasLetter := false, false, false
	for _, r := range w {
		if unicode.IsUpper(r) {
			hasUpper = true
		}
		if unicode.IsLower(r) {
			hasLower = true
		}
		if unicode.IsLetter(r) {
			hasLetter = true
		}
	}
	switch {
	case !hasLetter:
		return alt{id: v.AddName(lower), name: true}
	case hasUpper && !hasLower && len([]rune(w)) > 1:
		return alt{id: v.AddName(lower), name: true, exact: w}
	case hasUpper:
		first := []rune(w)[0]
		return alt{id: v.AddName(lower), name: true, cap: unicode.IsUpper(first)}
	default:
		return alt{id: v.AddWord(lower)}
	}
}

// compileASCII is compileWord for the usual word, all ASCII, read a byte
// at a time; it reports false for a word that is not.
func compileASCII(v *lexicon.Vocab, w string) (alt, bool) {
	upper, lower := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= utf8.RuneSelf:
			return alt{}, false
		case 'A' <= c && c <= 'Z':
			upper++
		case 'a' <= c && c <= 'z':
			lower++
		}
	}
	switch {
	case upper == 0 && lower == 0: // no letter
		return alt{id: v.AddName(w), name: true}, true
	case lower == 0 && len(w) > 1:
		return alt{id: v.AddName(strings.ToLower(w)), name: true, exact: w}, true
	case upper > 0:
		return alt{id: v.AddName(strings.ToLower(w)), name: true, cap: 'A' <= w[0] && w[0] <= 'Z'}, true
	}
	return alt{id: v.AddWord(w)}, true
}

// Len returns the number of items.
func (p *Pattern) Len() int { return len(p.items) }

// FirstIDs returns the vocabulary ids that can start a match, or nil when
// the pattern can start with an optional item or a slot (it must then be
// tried at every position).
func (p *Pattern) FirstIDs() []int32 {
	if len(p.items) == 0 || p.items[0].opt || p.items[0].alts == nil {
		return nil
	}
	ids := make([]int32, len(p.items[0].alts))
	for i, a := range p.items[0].alts {
		ids[i] = a.id
	}
	return ids
}

// Slots finds actor mentions for $A and $R: it returns the end (exclusive
// token index) of a mention that starts at token i, or ok false.
type Slots interface {
	MentionAt(i int) (end int, ok bool)
}

// Match is one match of a pattern.
type Match struct {
	Start, End int // token range
	// Words are the token indexes of the literal words matched.
	Words []int
	// Slots are the token ranges filled by $A and $R, in pattern order.
	Slots []Slot
	// Anchor is the token index of the pattern's anchor word.
	Anchor int
}

// Slot is a filled slot.
type Slot struct {
	Kind       byte // 'A' or 'R'
	Start, End int
}

func (a *alt) matches(s *Sentence, i int) bool {
	w := s.Words[i]
	if a.name {
		if w.Name != a.id {
			return false
		}
		t := &s.Toks[i]
		if a.cap && !t.Cap {
			return false
		}
		if a.exact != "" && t.Text != a.exact {
			return false
		}
		return true
	}
	if w.Stem != a.id || s.Toks[i].Kind == tokenize.Punct {
		return false
	}
	if a.lower && i > 0 && s.Toks[i].Cap && !s.Toks[i].Upper && !s.TitleCase && w.Tag&lexicon.TITLE == 0 && s.Toks[i-1].Text != "\"" && !s.afterIndefinite(i) {
		return false
	}
	return true
}

// afterIndefinite reports whether capitalised token i is a common noun
// written with capitals after "a" or "an", which no proper name follows:
// "signed a Memorandum of Understanding", "an Agreement on Security".
func (s *Sentence) afterIndefinite(i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		t := &s.Toks[j]
		switch {
		case t.Lower == "a" || t.Lower == "an":
			return true
		case t.Kind == tokenize.Word && t.Cap, t.Lower == "of", t.Lower == "on", t.Lower == "for", t.Lower == "and":
		default:
			return false
		}
	}
	return false
}

// Matches reports whether p matches starting at token i, as MatchAt does,
// without building the match: a pattern of plain words is compared word
// by word.
func (p *Pattern) Matches(s *Sentence, i int, slots Slots) bool {
	for k := range p.items {
		it := &p.items[k]
		if it.gap || it.slot != 0 || it.opt || len(it.alts) == 0 {
			_, ok := p.MatchAt(s, i, slots)
			return ok
		}
	}
	if i+len(p.items) > len(s.Toks) {
		return false
	}
	for k := range p.items {
		alts := p.items[k].alts
		ok := false
		for a := range alts {
			if alts[a].matches(s, i+k) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// MatchAt tries to match p starting at token i. slots may be nil for
// patterns without slots.
func (p *Pattern) MatchAt(s *Sentence, i int, slots Slots) (Match, bool) {
	m := Match{Start: i, Anchor: -1}
	if p.match(s, 0, i, slots, &m) {
		return m, true
	}
	return Match{}, false
}

const maxGap = 4

func (p *Pattern) match(s *Sentence, k, i int, slots Slots, m *Match) bool {
	if k == len(p.items) {
		m.End = i
		return true
	}
	it := &p.items[k]
	nw, ns := len(m.Words), len(m.Slots)
	anchor := m.Anchor
	restore := func() { m.Words, m.Slots, m.Anchor = m.Words[:nw], m.Slots[:ns], anchor }
	switch {
	case it.gap:
		for g := 0; g <= maxGap; g++ {
			if g > 0 && (i+g-1 >= len(s.Toks) || s.Toks[i+g-1].Kind == tokenize.Punct) {
				break
			}
			if p.match(s, k+1, i+g, slots, m) {
				return true
			}
			restore()
		}
		return false
	case it.slot != 0:
		if slots != nil && i < len(s.Toks) {
			if end, ok := slots.MentionAt(i); ok {
				m.Slots = append(m.Slots, Slot{Kind: it.slot, Start: i, End: end})
				if p.match(s, k+1, end, slots, m) {
					return true
				}
				restore()
			}
		}
	default:
		if i < len(s.Toks) {
			for a := range it.alts {
				if it.alts[a].matches(s, i) {
					m.Words = append(m.Words, i)
					if k == p.anchor {
						m.Anchor = i
					}
					if p.match(s, k+1, i+1, slots, m) {
						return true
					}
					restore()
					break
				}
			}
		}
	}
	if it.opt {
		return p.match(s, k+1, i, slots, m)
	}
	return false
}

// Index finds the patterns that can start at a token.
type Index struct {
	byID map[int32][]int
	// has has bit id set when byID has id: most tokens start nothing,
	// and the bit says so without hashing.
	has      IDSet
	floating []int
	// mark, when set, is the vocabulary mark of the ids in has.
	mark lexicon.Mark
}

// SetMarks sets a mark in v on the ids that can start a pattern, so that
// Candidates tests a token with one bit of its Word. It must be called
// before v is shared.
func (x *Index) SetMarks(v *lexicon.Vocab) {
	if m := v.NewMark(); m != 0 {
		x.has.mark(v, m)
		x.mark = m
	}
}

// NewIndex indexes patterns by the ids that can start them.
func NewIndex(ps []Pattern) *Index {
	x := &Index{byID: map[int32][]int{}}
	for n := range ps {
		ids := ps[n].FirstIDs()
		if ids == nil {
			x.floating = append(x.floating, n)
			continue
		}
		seen := map[int32]bool{}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				x.byID[id] = append(x.byID[id], n)
			}
		}
	}
	for id := range x.byID {
		if id > 0 {
			x.has = x.has.Add(id)
		}
	}
	return x
}

// NextMarked returns the first token from i on whose Word carries a mark
// of m, or len(s.Toks).
func (s *Sentence) NextMarked(i int, m lexicon.Mark) int {
	words := s.Words[:len(s.Toks)]
	for ; i < len(words); i++ {
		if words[i].Marks&m != 0 {
			return i
		}
	}
	return len(words)
}

// Next returns the first token from i on where a pattern may start, or
// len(s.Toks): the tokens in between are those None turns down.
func (x *Index) Next(s *Sentence, i int) int {
	if x.mark == 0 || len(x.floating) > 0 {
		return i
	}
	return s.NextMarked(i, x.mark)
}

// Candidates appends to dst the indexes of patterns that may start at
// token i.
func (x *Index) Candidates(dst []int, s *Sentence, i int) []int {
	w := s.Words[i]
	if x.mark != 0 && w.Marks&x.mark == 0 {
		return append(dst, x.floating...)
	}
	if x.has.Has(w.Name) {
		dst = append(dst, x.byID[w.Name]...)
	}
	if w.Stem != w.Name && x.has.Has(w.Stem) {
		dst = append(dst, x.byID[w.Stem]...)
	}
	return append(dst, x.floating...)
}
