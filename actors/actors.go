// Package actors finds the entities a sentence talks about and resolves
// them to PLOVER codes.
//
// In: an annotated sentence (package phrase), the document's date, and the
// document's running Context. Out: Mentions, each a token range with one or
// more PLOVER entities (code, sector, the text that named them). It reads:
// country names, adjectives and demonyms; capitals and seats of power
// standing for governments ("Washington", "the Kremlin"); named
// organisations and people (a person's office depends on the date); role
// nouns combined with a country ("Nigerien officials", "Niger's defense
// ministry", "officials from Niger", "authorities in Niamey", "US and
// Nigerien officials"); titles before names ("Prime Minister Zeine");
// appositions ("Niger's prime minister, Ali Mahamane Lamine Zeine,"); and
// descriptions that refer back to a country named before ("the West African
// nation", "the landlocked state"). Pronouns are marked for the events stage,
// which knows the clauses, to resolve.
package actors

import (
	"slices"
	"strings"
	"time"

	"dyad/dict"
	"dyad/internal/arena"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

// Kind says what named a mention's head.
type Kind uint8

// Mention kinds, in order of precedence when one phrase has several
// readings.
const (
	Person Kind = iota + 1
	Org
	Institution
	Capital
	CountryName
	Adjective
	Demonym
	Agent
	Pronoun
	Descriptor
)

var kindNames = [...]string{"", "person", "organization", "institution", "capital", "country", "adjective", "demonym", "agent", "pronoun", "description"}

func (k Kind) String() string { return kindNames[k] }

// Entity is a resolved entity of a mention. Start and End are byte offsets
// into the normalised text.
type Entity struct {
	Code, Sector string
	// Name is the canonical name of a named entity; Office a person's
	// office on the document's date.
	Name, Office string
	Start, End   int
	// Rule is the dictionary line that named it.
	Rule dict.Pos
	// Generic is set when the code came from context, not from the text
	// of the mention ("protesters", "the generals").
	Generic bool
	// Abroad is set for a role served in another country than one's own
	// (dict.Agent.Abroad): "the ambassador", "the embassy".
	Abroad bool
}

// Mention is a noun phrase naming one or more entities.
type Mention struct {
	// Start and End are the token range, including a leading determiner.
	Start, End int
	// Head is the token range of the name or role itself.
	HeadStart, HeadEnd int
	Entities           []Entity
	Kind               Kind
	// Pron is the lower-case pronoun of a pronoun mention, to be resolved
	// by the caller; Entities then hold only the sector of a following role
	// noun ("its forces").
	Pron string
	// Possessive is set for "Niger's", "its".
	Possessive bool
	// Generic is set for a role noun whose country came from context.
	Generic bool
}

// Resolved reports whether every entity of m has a code.
func (m *Mention) Resolved() bool {
	if len(m.Entities) == 0 {
		return false
	}
	for i := range m.Entities {
		if m.Entities[i].Code == "" {
			return false
		}
	}
	return true
}

type ref struct {
	kind    Kind
	code    string
	sectors []string
	country int // index into countries, or -1
	entity  int // index into entities, or -1
	pos     dict.Pos
	name    string
	// abroad is an agent's dict.Agent.Abroad.
	abroad bool
}

// Resolver finds mentions. It is read-only after New and safe for
// concurrent use.
type Resolver struct {
	pats      []phrase.Pattern
	refs      [][]ref
	trie      *phrase.Trie
	countries []dict.Country
	byCode    map[string]int
	entities  []dict.Entity
	// descAdj maps a lower-case description word ("west african",
	// "landlocked") to the countries it fits.
	descAdj map[string]map[string]bool
	// descNounIDs holds the name ids of grammar.txt's description nouns
	// ("nation", "country").
	descNounIDs phrase.IDSet
	// pronounIDs holds the name ids of pronouns; referIDs those and
	// descNounIDs, the words pronounsAndDescriptions starts from.
	pronounIDs, referIDs phrase.IDSet
	// orgNounIDs holds the name ids of grammar.txt's organisation nouns
	// ("bloc", "body"): "the regional bloc" is the organisation named
	// last.
	orgNounIDs phrase.IDSet
	// lex tells verbs in irregular forms from nouns.
	lex *lexicon.Lexicon
	// referMark, when set, is the vocabulary mark of the ids in referIDs.
	referMark lexicon.Mark
	// theID and herID are the name ids of "the" and "her";
	// possessiveIDs those of the pronouns that are always possessive.
	theID, herID int32
	// twoID is the name id of "two": "the two met" are the pair named
	// last.
	twoID         int32
	possessiveIDs phrase.IDSet
	// terms lists, for each entity, the indexes of the entities with its
	// canonical name: a person's terms of office.
	terms [][]int
}

// New compiles the actor dictionaries into v. It must run before v is
// shared.
func New(d *dict.Dictionaries, v *lexicon.Vocab) *Resolver {
	r := &Resolver{
		lex:       v.Lexicon(),
		byCode:    map[string]int{},
		countries: d.Countries,
		entities:  d.Entities,
		descAdj:   map[string]map[string]bool{},
	}
	byName := map[string][]int{}
	for i, e := range d.Entities {
		byName[e.Names[0]] = append(byName[e.Names[0]], i)
	}
	r.terms = make([][]int, len(d.Entities))
	for i, e := range d.Entities {
		r.terms[i] = byName[e.Names[0]]
	}
	// Room for every phrase the dictionaries give, so that the slices
	// and the map do not grow by copying, and one array for the first
	// reference of each.
	n := 0
	for _, c := range d.Countries {
		n += 1 + len(c.Names) + len(c.Former) + len(c.Territories) + len(c.Adjectives) + len(c.Demonyms) + len(c.Capitals) + len(c.Institutions)
	}
	for _, e := range d.Entities {
		n += len(e.Names)
	}
	for _, a := range d.Agents {
		n += len(a.Phrases)
	}
	r.pats, r.refs = make([]phrase.Pattern, 0, n), make([][]ref, 0, n)
	firstRefs := make([]ref, 0, n)
	seen := make(map[string]int, n)
	add := func(phr string, rf ref) {
		// A leading article is read by the mention builder; leaving it
		// out of the phrase keeps "the" from starting hundreds of
		// candidate matches.
		if rest, ok := strings.CutPrefix(phr, "the "); ok && rest != "" {
			phr = rest
		} else if rest, ok := strings.CutPrefix(phr, "The "); ok && rest != "" {
			phr = rest
		}
		items, err := dict.ParsePattern(phr)
		if err != nil {
			return // reported by dict's own checks
		}
		key := phr
		if n, ok := seen[key]; ok {
			r.refs[n] = append(r.refs[n], rf)
			return
		}
		seen[key] = len(r.pats)
		r.pats = append(r.pats, phrase.Compile(v, items))
		firstRefs = append(firstRefs, rf)
		k := len(firstRefs)
		r.refs = append(r.refs, firstRefs[k-1:k:k])
	}
	regionAdj := map[string][]string{}
	for _, rg := range d.Regions {
		regionAdj[rg.Name] = append(regionAdj[rg.Name], rg.Adjectives...)
		regionAdj[rg.Name] = append(regionAdj[rg.Name], rg.Name)
	}
	for ci, c := range d.Countries {
		r.byCode[c.Code] = ci
		for _, n := range append(append([]string{c.Name}, c.Names...), c.Former...) {
			add(n, ref{kind: CountryName, code: c.Code, country: ci, entity: -1, pos: c.Pos, name: c.Name})
		}
		for _, n := range c.Territories {
			add(n, ref{kind: CountryName, code: c.Code, country: ci, entity: -1, pos: c.Pos, name: c.Name})
		}
		for _, n := range c.Adjectives {
			add(n, ref{kind: Adjective, code: c.Code, country: ci, entity: -1, pos: c.Pos, name: c.Name})
		}
		for _, n := range c.Demonyms {
			add(n, ref{kind: Demonym, code: c.Code, sectors: []string{"CVL"}, country: ci, entity: -1, pos: c.Pos, name: c.Name})
		}
		for _, n := range c.Capitals {
			add(n, ref{kind: Capital, code: c.Code, sectors: []string{"GOV"}, country: ci, entity: -1, pos: c.Pos, name: c.Name})
		}
		for _, in := range c.Institutions {
			add(in.Name, ref{kind: Institution, code: c.Code, sectors: in.Sectors, country: ci, entity: -1, pos: in.Pos, name: in.Name})
		}
		for _, rg := range c.Regions {
			for _, a := range regionAdj[rg] {
				r.addDesc(a, c.Code)
			}
		}
		for _, t := range c.Traits {
			r.addDesc(t, c.Code)
		}
	}
	for ei, e := range d.Entities {
		k := Org
		if e.Person {
			k = Person
		}
		for _, n := range e.Names {
			add(n, ref{kind: k, code: e.Code, sectors: e.Sectors, country: r.countryIndex(e.Code), entity: ei, pos: e.Pos, name: e.Names[0]})
		}
	}
	for _, a := range d.Agents {
		for _, ph := range a.Phrases {
			add(ph, ref{kind: Agent, sectors: a.Sectors, country: -1, entity: -1, pos: a.Pos, name: a.Phrases[0], abroad: a.Abroad})
		}
	}
	// Pronouns, and the nouns that end a description, are the words
	// pronounsAndDescriptions starts from; they are looked up by the id
	// of their exact form, and by a mark where the vocabulary has one to
	// spare (name and stem ids are numbered apart, so a word has the mark
	// only by its name).
	r.referMark = v.NewMark()
	refer := func(w string) int32 {
		id := v.AddName(w)
		r.referIDs = r.referIDs.Add(id)
		v.SetMark(id, r.referMark)
		return id
	}
	for _, w := range pronouns {
		r.pronounIDs = r.pronounIDs.Add(refer(w))
	}
	for _, w := range []string{"its", "their", "his"} {
		r.possessiveIDs = r.possessiveIDs.Add(v.AddName(w))
	}
	r.herID = v.AddName("her")
	r.twoID = refer("two")
	r.theID = v.AddName("the")
	for _, w := range d.Words("description-noun") {
		r.descNounIDs = r.descNounIDs.Add(refer(w))
	}
	for _, w := range d.Words("organisation-noun") {
		r.orgNounIDs = r.orgNounIDs.Add(refer(w))
	}
	r.trie = phrase.NewTrie(r.pats)
	r.trie.SetMarks(v)
	return r
}

// isDescNoun reports whether token i is a description noun ("nation").
func (r *Resolver) isDescNoun(s *phrase.Sentence, i int) bool {
	return r.descNounIDs.Has(s.Words[i].Name)
}

// isPronoun reports whether token i is one of pronouns. Every pronoun of
// ours is a PRON or POSS word of the lexicon: the tag turns most words
// down before the id is read.
func (r *Resolver) isPronoun(s *phrase.Sentence, i int) bool {
	w := &s.Words[i]
	return w.Tag&(lexicon.PRON|lexicon.POSS) != 0 && r.pronounIDs.Has(w.Name)
}

// pronouns are the pronouns that refer to an actor named before.
var pronouns = []string{"it", "its", "itself", "they", "them", "their", "he", "his", "she", "her"}

func (r *Resolver) addDesc(words, code string) {
	k := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(words, "-", " ")), " "))
	if r.descAdj[k] == nil {
		r.descAdj[k] = map[string]bool{}
	}
	r.descAdj[k][code] = true
}

func (r *Resolver) countryIndex(code string) int {
	if i, ok := r.byCode[code]; ok {
		return i
	}
	return -1
}

// CountryName returns the canonical name of a country code, or "".
func (r *Resolver) CountryName(code string) string {
	if i, ok := r.byCode[code]; ok {
		return r.countries[i].Name
	}
	return ""
}

// Context is the running state of one document: the countries named so
// far, most recent last. The zero value is ready to use; it is not safe
// for concurrent use.
type Context struct {
	// recent holds indexes into codes, most recent last, without
	// repeats in a row; at most 64. seq counts the entries ever added
	// to it.
	recent []int32
	codes  []noted
	// hashes has bit h set when a code of codes has hash h (see index);
	// slots holds, by hash, the index in codes of the code last looked
	// up with it: one left from another code or document is told by its
	// key.
	hashes uint64
	slots  [64]int32
	seq    int
	walker *phrase.Walker
	// salient caches Salient's answer among countries, and salientAny
	// among all codes, as an index into codes (-1 for none) while
	// salientOK, salientAnyOK are set. Note keeps them up to date where
	// it can; salient leaves out the codes in pending, noted since and
	// not yet known to be countries or not.
	salient, salientAny     int
	salientOK, salientAnyOK bool
	pending                 []int32
	// Buffers reused from sentence to sentence, and the arena the
	// mentions' entity lists are cut from.
	raws []raw
	add  []Mention
	ents arena.Arena[Entity]
	// batch is the part of ents that entity hands out entity by entity;
	// the first used of them are handed out.
	batch []Entity
	used  int
	// people are those named after a role so far, the dictionaries not
	// knowing them (see rememberPeople).
	people []person
	// police and military count the mentions of police (COP) and of
	// the military (MIL) found so far, for a bare "officers" (see
	// forceOfficer).
	police, military int
	// roles holds, by the role noun that heads it, the country of the
	// latest role named with one ("Taiwan's defence ministry"), for a
	// definite role named later without ("the ministry said").
	roles []roleCode
}

// roleCode is a role noun's head and the country and sector it was last
// named with.
type roleCode struct{ head, code, sector string }

// noted is a code named in the document: how often, whether it is a
// country (0 not asked yet, 1 yes, 2 no), how many entries of recent are
// its own, and the seq of the latest of them.
type noted struct {
	code     string
	key      uint64 // codeKey(code)
	n        int
	country  int8
	inRecent int
	last     int
}

// countForce counts a mention of the police or the military.
func (c *Context) countForce(sector string) {
	switch sector {
	case "COP":
		c.police++
	case "MIL":
		c.military++
	}
}

// forceOfficer reports whether a bare "officer" or "officers" (tokens a
// to b), which the dictionaries make military, is a police officer: where
// the document, up to the mentions ms of this sentence found before it,
// has named the police at least as often as the military ("State police
// ventured into the township ... Thirteen officers were killed").
func (c *Context) forceOfficer(s *phrase.Sentence, a, b int, sector string, ms []Mention) bool {
	if sector != "MIL" || b-a != 1 {
		return false
	}
	if l := s.Toks[a].Lower; l != "officer" && l != "officers" {
		return false
	}
	police, military := c.police, c.military
	for i := range ms {
		for _, e := range ms[i].Entities {
			switch e.Sector {
			case "COP":
				police++
			case "MIL":
				military++
			}
		}
	}
	return police > 0 && police >= military
}

// Reset makes c ready for a new document, keeping its buffers: the
// mentions found for the last document must no longer be used.
func (c *Context) Reset() {
	c.ents.Reset()
	c.batch, c.used = nil, 0
	c.recent, c.codes, c.seq, c.hashes = c.recent[:0], c.codes[:0], 0, 0
	c.salientOK, c.salientAnyOK = false, false
	c.pending = c.pending[:0]
	c.people = c.people[:0]
	c.police, c.military = 0, 0
	c.roles = c.roles[:0]
}

// entity returns a list of one zero entity, to be filled in, cut from the
// arena. Most mentions have one entity: they are cut from batches taken
// from the arena, not one call of it each.
func (c *Context) entity() []Entity {
	if c.used == len(c.batch) {
		c.batch, c.used = c.ents.Make(oneBatch), 0
	}
	k := c.used
	c.used++
	return c.batch[k : k+1 : k+1]
}

// one returns a list of the single entity e, cut from the arena.
func (c *Context) one(e Entity) []Entity {
	s := c.entity()
	s[0] = e
	return s
}

// oneBatch is the number of entities one takes from the arena at a time.
const oneBatch = 4

// Note records that code was named, for descriptions and role nouns that
// refer back.
func (c *Context) Note(code string) {
	if code == "" {
		return
	}
	// Most often the code named last is named again, and comes from
	// the same dictionary line: the strings compare by their pointers.
	var k int
	if n := len(c.recent); n > 0 && c.codes[c.recent[n-1]].code == code {
		k = int(c.recent[n-1])
	} else {
		k = c.index(code)
	}
	c.codes[k].n++
	if n := len(c.recent); n == 0 || c.recent[n-1] != int32(k) {
		if len(c.recent) == 64 {
			// A code that leaves recent can no longer be salient.
			e := int(c.recent[0])
			if c.codes[e].inRecent--; c.codes[e].inRecent == 0 {
				c.salientOK = c.salientOK && c.salient != e
				c.salientAnyOK = c.salientAnyOK && c.salientAny != e
			}
			copy(c.recent, c.recent[1:])
			c.recent = c.recent[:63]
		}
		c.recent = append(c.recent, int32(k))
		c.seq++
		c.codes[k].inRecent++
		c.codes[k].last = c.seq
	}
	// Only k was named once more, and it is the latest of recent: it
	// becomes salient if it is named at least as often as the code that
	// was. Whether it is a country may not be known yet.
	if c.salientAnyOK && c.overtakes(c.salientAny, k) {
		c.salientAny = k
	}
	switch c.codes[k].country {
	case 0:
		if c.salientOK {
			c.pending = append(c.pending, int32(k))
		}
	case 1:
		if c.salientOK && c.overtakes(c.salient, k) {
			c.salient = k
		}
	}
}

// index returns the index of code in codes, adding it if it is new.
func (c *Context) index(code string) int {
	// A document names few codes, and many of them once: a table of
	// the codes by a hash of their key, and a scan where it does not
	// tell, beat a map.
	key := codeKey(code)
	h := key * 0x9e3779b97f4a7c15 >> (64 - 6)
	j := 0
	switch {
	case c.hashes&(1<<h) == 0:
		j = len(c.codes) // no code with its hash
	case int(c.slots[h]) < len(c.codes) && c.codes[c.slots[h]].is(code, key):
		return int(c.slots[h])
	default:
		for j < len(c.codes) && !c.codes[j].is(code, key) {
			j++
		}
	}
	if j == len(c.codes) {
		c.codes = append(c.codes, noted{code: code, key: key})
		c.hashes |= 1 << h
	}
	c.slots[h] = int32(j)
	return j
}

// is reports whether cd is code, whose key is key. Codes are told apart
// by their key, and longer ones by their bytes after it.
func (cd *noted) is(code string, key uint64) bool {
	return cd.key == key && (len(code) <= 7 || cd.code == code)
}

// codeKey packs a code's length and its first seven bytes into an
// integer: codes of up to seven bytes (the dictionaries' are three) are
// equal when their keys are.
func codeKey(code string) uint64 {
	// Bytes are shifted in from the last, by a constant: a shift by a
	// variable count costs a test of the count in Go.
	var k uint64
	for i := min(len(code), 7) - 1; i >= 0; i-- {
		k = k<<8 | uint64(code[i])
	}
	return k<<8 | uint64(len(code))
}

// overtakes reports whether code k is named at least as often as code
// best (or best is -1).
func (c *Context) overtakes(best, k int) bool {
	return best < 0 || c.codes[k].n >= c.codes[best].n
}

// Salient returns the country the document has named most often so far
// (the most recent of equals), or "". Role nouns without a country of
// their own ("the generals", "protesters") are taken to belong to it.
// isCountry (callers pass the same test each time) limits it to
// countries; with nil any code counts. The answer is kept, and brought
// up to date by Note.
func (c *Context) Salient(isCountry func(string) bool) string {
	if isCountry != nil && c.salientOK {
		// The codes noted since, not yet known to be countries or not,
		// may overtake the answer kept.
		for _, k := range c.pending {
			if cd := &c.codes[k]; cd.inRecent > 0 && c.country(int(k), isCountry) && c.above(int(k), c.salient, false) {
				c.salient = int(k)
			}
		}
		c.pending = c.pending[:0]
		return c.codeAt(c.salient)
	}
	if isCountry == nil && c.salientAnyOK {
		return c.codeAt(c.salientAny)
	}
	best := c.top(isCountry, false)
	if isCountry != nil {
		c.salient, c.salientOK = best, true
		c.pending = c.pending[:0]
	} else {
		c.salientAny, c.salientAnyOK = best, true
	}
	return c.codeAt(best)
}

// SalientExcept returns the country the context is mostly about other
// than except, or "": the country an embassy in the first is from.
func (c *Context) SalientExcept(except string, isCountry func(string) bool) string {
	best := -1
	for k := range c.codes {
		if c.codes[k].inRecent == 0 || c.codes[k].code == except || !c.country(k, isCountry) {
			continue
		}
		if c.above(k, best, false) {
			best = k
		}
	}
	return c.codeAt(best)
}

// top returns the index in codes of the code in recent named most often
// (with byEntries, with the most entries in recent), the latest in recent
// of equals, among the countries (with isCountry nil, among all codes);
// or -1. Each code is weighed once, not at each of its entries in recent.
func (c *Context) top(isCountry func(string) bool, byEntries bool) int {
	best := -1
	for k := range c.codes {
		if c.codes[k].inRecent == 0 || isCountry != nil && !c.country(k, isCountry) {
			continue
		}
		if c.above(k, best, byEntries) {
			best = k
		}
	}
	return best
}

// above reports whether code k weighs more than code best (or best is
// -1), as top weighs them.
func (c *Context) above(k, best int, byEntries bool) bool {
	if best < 0 {
		return true
	}
	a, b := &c.codes[k], &c.codes[best]
	if byEntries {
		return a.inRecent > b.inRecent || a.inRecent == b.inRecent && a.last > b.last
	}
	return a.n > b.n || a.n == b.n && a.last > b.last
}

// country reports whether codes[k] is a country, asking isCountry once
// for each code.
func (c *Context) country(k int, isCountry func(string) bool) bool {
	cd := &c.codes[k]
	if cd.country == 0 {
		cd.country = 2
		if isCountry(cd.code) {
			cd.country = 1
		}
	}
	return cd.country == 1
}

// codeAt returns codes[k].code, or "" for k -1.
func (c *Context) codeAt(k int) string {
	if k < 0 {
		return ""
	}
	return c.codes[k].code
}

// Last returns the most recently named country, or "".
// LastOrganisation returns the international organisation (IGO, UNO,
// EUR) the document named last, or "".
func (c *Context) LastOrganisation() string {
	for i := len(c.recent) - 1; i >= 0; i-- {
		switch code := c.codes[c.recent[i]].code; code {
		case "IGO", "UNO", "EUR":
			return code
		}
	}
	return ""
}

func (c *Context) Last() string {
	if len(c.recent) == 0 {
		return ""
	}
	return c.codes[c.recent[len(c.recent)-1]].code
}

// raw is a dictionary phrase found in a sentence: its token range and
// the reading pick chose among those of the phrase.
type raw struct {
	start, end int
	best       *ref
}

// Find appends to dst the mentions of s and returns it. date is the
// document's publication date (it decides a person's office); ctx is
// updated with the countries named.
func (r *Resolver) Find(dst []Mention, s *phrase.Sentence, date time.Time, ctx *Context) []Mention {
	if ctx.walker == nil {
		ctx.walker = r.trie.NewWalker()
	}
	raws := r.scan(ctx.raws[:0], s, ctx.walker, date)
	ctx.raws = raws
	base := len(dst)
	n := len(s.Toks)
	// capital is the raw before raws[k] when that is a capital's name
	// right before an institution of another country, or -1: "Dhaka
	// Metropolitan Police" is Bangladesh's, not London's.
	capital := -1
	for k := 0; k < len(raws); k++ {
		rw := &raws[k]
		best := rw.best
		if best.kind == Capital && k+1 < len(raws) && raws[k+1].start == rw.end && raws[k+1].best.kind == Institution && raws[k+1].best.code != best.code {
			capital = k
			continue
		}
		// "Yemen's Iran-aligned Houthis", "the Turkish-backed Syrian
		// National Army": the backer of a named group is no mention;
		// the group is who acts. ("Iran-backed militias", a role noun,
		// are the backer's: see joins.)
		if backedAt(s, rw.end) && k+1 < len(raws) && raws[k+1].start == rw.end+2 && (raws[k+1].best.kind == Org || raws[k+1].best.kind == Adjective || raws[k+1].best.kind == Demonym) {
			continue
		}
		switch best.kind {
		case Agent:
			// A one-word role that modifies a noun is an adjective:
			// "military ties", "police station".
			if rw.end == rw.start+1 && rw.end < n && s.Words[rw.start].Tag&lexicon.MOD != 0 {
				t := &s.Toks[rw.end]
				// Not before a verb in the past: "police broke up the
				// rally" (an irregular plural is a noun: "military ties").
				// So before a noun of support: "military support",
				// not "the military supports the transition".
				tag := s.Words[rw.end].Tag
				if tag&lexicon.REFER != 0 && tag&^(lexicon.REFER|lexicon.TITLE) == 0 && !strings.HasSuffix(t.Lower, "s") {
					tag = 0
				}
				// Nor before an adverb: "the police also used water
				// cannon". Nor before the force's own weapons: "army
				// drones struck", "police helicopters fired".
				if t.Kind == tokenize.Word && !t.Cap && tag&^lexicon.TITLE == 0 && !strings.HasSuffix(t.Lower, "ed") && !(r.lex.IsIrregular(t.Lower) && !strings.HasSuffix(t.Lower, "s")) && !adverb(t.Lower) && !forceWeapon(t.Lower) && (k+1 >= len(raws) || raws[k+1].start != rw.end) {
					continue
				}
			}
			// After "to", "force" is a verb ("in an effort to force the
			// prime minister to resign"), and so is "police" before an
			// article ("to police the border").
			if rw.end == rw.start+1 && rw.start > 0 && s.Toks[rw.start-1].Lower == "to" && !s.Toks[rw.start].Cap {
				if l := s.Toks[rw.start].Lower; l == "force" || l == "police" && rw.end < n && (s.Toks[rw.end].Lower == "the" || s.Toks[rw.end].Lower == "a" || s.Toks[rw.end].Lower == "its" || s.Toks[rw.end].Lower == "their") {
					continue
				}
			}
			// Nor does a role before "area" name anyone: "Batsari Local
			// Government Area" is a district.
			if rw.end < n && (s.Toks[rw.end].Lower == "area" || s.Toks[rw.end].Lower == "areas") {
				continue
			}
			// So "Jemaa local government": a district named before it.
			if g := rw.end - 1; g >= 2 && s.Toks[g].Lower == "government" && s.Toks[g-1].Lower == "local" && s.Toks[g-2].Cap && g-2 > 0 && g-1 >= rw.start-1 {
				continue
			}
			// "voiced firm opposition to the sale": the stance, no party
			// (nor a company).
			if stanceOpposition(s, rw.start, rw.end) || firmAdjective(s, rw.start, rw.end) {
				continue
			}
			dst, k = r.agentMention(dst, s, raws, k, date, ctx)
			// "at the firm's request": a role noun's possessive.
			// (Not "gang members in Haiti's Artibonite region": the
			// place's.)
			if m := &dst[len(dst)-1]; !m.Possessive && m.End == m.HeadEnd && m.Kind == Agent && isWord(s, m.End, "'s") {
				m.Possessive = true
			}
			// A country word before coordinated roles is each one's:
			// "Russian officials and businessmen".
			if m := &dst[len(dst)-1]; m.Generic && len(dst)-1 > base {
				prev := &dst[len(dst)-2]
				if prev.End+1 == m.Start && isWord(s, prev.End, "and") && prev.Kind == Agent && !prev.Generic && !prev.Possessive && len(prev.Entities) == 1 && prev.Entities[0].Code != "" && len(m.Entities) == 1 {
					m.Entities[0].Code, m.Entities[0].Generic, m.Generic = prev.Entities[0].Code, false, false
				}
			}
			// An apposition without a country of its own ("Its spokesman,
			// Colonel Amadou Abdramane,") describes the mention before it.
			if m := &dst[len(dst)-1]; m.Generic && len(dst)-1 > base {
				prev := &dst[len(dst)-2]
				if prev.End+1 == m.Start && s.Toks[prev.End].Text == "," && (m.End >= n || s.Toks[m.End].Text == ",") {
					prev.End = m.End
					dst = dst[:len(dst)-1]
				}
			}
			continue
		case Pronoun:
			continue
		}
		// A currency's code before a number is no organisation's
		// acronym: "a cheque of NPR 1 crore".
		if best.kind == Org && currencyCode(s, rw.start, rw.end) {
			continue
		}
		// A country named in a sea's name is a place, no party: "drills
		// in the Sea of Japan", "a tanker in the Gulf of Guinea".
		if best.kind == CountryName && inWaterName(s, rw.start) {
			continue
		}
		// The mention is built in place, at the end of dst; prev, the one
		// before it, is dst[len(dst)-2].
		dst = r.namedMention(dst, s, rw, best, date, ctx)
		m := &dst[len(dst)-1]
		if capital >= 0 && capital == k-1 {
			m.Start, m.HeadStart = withDet(s, raws[capital].start), raws[capital].start
			for i := range m.Entities {
				m.Entities[i].Code, m.Entities[i].Name = raws[capital].best.code, ""
				m.Entities[i].Start = s.Toks[m.HeadStart].Start
			}
		}
		// "Niger's defense ministry", "Nigerien officials", "US and
		// Nigerien officials".
		if k+1 < len(raws) && raws[k+1].best.kind == Agent && modifies(best.kind) && joins(s, rw.end, raws[k+1].start) {
			k++
			ag := raws[k].best
			combine(m, ag, s, &raws[k])
			// Two words at least after a country's role: "Somali military
			// officer Aden Nur", not "an Indonesian air force Hercules".
			if end, took := titleName(s, raws, k); end >= raws[k].end+2 {
				m.End = end
				for i := range m.Entities {
					m.Entities[i].End = s.Toks[end-1].End
				}
				k = took
			}
			// Distribute the role over a coordinated modifier before it:
			// "US and Nigerien officials" are two mentions, both officials.
			if len(dst)-1 > base {
				prev := &dst[len(dst)-2]
				// So over an organisation: "African Union and Somali
				// troops" are the Union's troops too.
				if prev.End+1 == m.Start && isWord(s, prev.End, "and") && (prev.Kind == Adjective || prev.Kind == CountryName || prev.Kind == Org && prev.Entities[0].Sector == "GOV") && len(prev.Entities) == 1 && !prev.Possessive && (prev.Entities[0].Sector == "" || prev.Kind == Org) {
					prev.Entities[0].Sector = m.Entities[0].Sector
					prev.Kind = Agent
				}
			}
		}
		// A country word before one of its institutions or an
		// organisation: "the United States Department of Defense".
		// So with a possessive: "Peru's Congress" is Peru's, though
		// "Congress" alone is another country's institution.
		possessive := k+1 < len(raws) && raws[k+1].start == rw.end+1 && isWord(s, rw.end, "'s")
		// So is an international NGO's generic name after a country's
		// possessive: "Algeria's Red Crescent" is its national society.
		if k+1 < len(raws) && (best.kind == CountryName || best.kind == Adjective) && (raws[k+1].start == rw.end || possessive && (raws[k+1].best.kind == Institution || raws[k+1].best.kind == Org && (raws[k+1].best.code == "NGO" || civic(raws[k+1].best)))) {
			nx := raws[k+1].best
			if nx.kind == Institution || nx.kind == Org {
				k++
				start, byteStart, own := m.Start, m.Entities[0].Start, m.Entities[0].Code
				dst = r.namedMention(dst[:len(dst)-1], s, &raws[k], nx, date, ctx)
				m = &dst[len(dst)-1]
				m.Start = start
				m.Entities[0].Start = byteStart
				// (So an adjective right before an international NGO's
				// generic name: "the Egyptian Red Crescent".)
				if (possessive || nx.kind == Org && (nx.code == "NGO" || civic(nx))) && own != "" && m.Entities[0].Code != own {
					m.Entities[0].Code = own
					m.Entities[0].Name = ""
				}
			}
		}
		// Apposition: "Niger's prime minister, Ali Mahamane Lamine Zeine,".
		if best.kind == Person && len(dst)-1 > base {
			prev := &dst[len(dst)-2]
			// A title right before a person who held no office that
			// day says what the person is: "Indonesian Defence Minister
			// Prabowo Subianto" in a story of 2018.
			if prev.End == m.Start && prev.Kind == Agent && len(prev.Entities) == 1 && len(m.Entities) == 1 && m.Entities[0].Sector == "" && prev.Entities[0].Sector != "" && (prev.Entities[0].Code == "" || prev.Entities[0].Code == m.Entities[0].Code) {
				m.Entities[0].Sector = prev.Entities[0].Sector
				m.Entities[0].Start = prev.Entities[0].Start
				m.Start = prev.Start
				*prev = *m
				dst = dst[:len(dst)-1]
				m = prev
			}
			// (Not a possessive: "Issa Tchiroma, Biya's main
			// challenger," is not Biya.)
			if prev.End < n && prev.End+1 == m.Start && s.Toks[prev.End].Text == "," && (prev.Kind == Agent || prev.Kind == Person) && !m.Possessive {
				prev.Entities = m.Entities
				prev.End = m.End
				prev.Kind = Person
				ctx.Note(m.Entities[0].Code)
				dst = dst[:len(dst)-1]
				continue
			}
		}
		for i := range m.Entities {
			// A news agency ("witnesses told AFP") is not what the
			// story is about.
			if m.Kind != Org || m.Entities[i].Sector != "JRN" {
				ctx.Note(m.Entities[i].Code)
			}
		}
	}
	dst = r.recallPeople(dst, base, s, ctx)
	dst = r.pronounsAndDescriptions(dst, base, s, ctx)
	dst = ofBoth(dst, base, s)
	whose(dst, base, s)
	sameRoleAsBefore(dst[base:], s, ctx)
	// Role nouns still without a country take the first country the
	// sentence names ("Gunmen abducted pupils in northwestern Nigeria").
	// Armed men are left to the coder, which places them where the event
	// happened ("a suicide bomber hit a convoy carrying Chinese engineers
	// in Pakistan").
	for k := base; k < len(dst); k++ {
		m := &dst[k]
		if !m.Generic || len(m.Entities) != 1 || m.Entities[0].Code != "" || armed(m.Entities[0].Sector) {
			continue
		}
		for j := base; j < len(dst); j++ {
			o := &dst[j]
			// A news agency lends no country: "witnesses told AFP".
			// Nor does a country gone to: "the military forced the
			// insurgents to flee into Afghanistan".
			if o.Kind != Agent && o.Kind != Pronoun && o.Resolved() && r.isCountry(o.Entities[0].Code) && o.Entities[0].Sector != "JRN" && !(o.Start > 0 && destination(s.Toks[o.Start-1].Lower)) {
				m.Entities[0].Code = o.Entities[0].Code
				break
			}
		}
	}
	r.rememberPeople(dst, base, s, ctx)
	for k := base; k < len(dst); k++ {
		for _, e := range dst[k].Entities {
			ctx.countForce(e.Sector)
		}
	}
	return dst
}

// sameRoleAsBefore gives a definite role named without a country ("the
// ministry said") the country and sector of the last role of that noun
// the document named with one ("Taiwan's defence ministry said ... The
// ministry expressed condemnation"), and notes the roles named with a
// country for later ones.
func sameRoleAsBefore(ms []Mention, s *phrase.Sentence, ctx *Context) {
	for k := range ms {
		m := &ms[k]
		if m.Kind != Agent || len(m.Entities) != 1 || m.HeadEnd <= m.HeadStart {
			continue
		}
		e := &m.Entities[0]
		head := s.Toks[m.HeadEnd-1].Lower
		if m.Generic || e.Generic {
			if m.Start < m.HeadStart && s.Toks[m.Start].Lower == "the" {
				for i := len(ctx.roles) - 1; i >= 0; i-- {
					if r := ctx.roles[i]; r.head == head {
						e.Code, e.Sector, e.Generic, m.Generic = r.code, r.sector, false, false
						break
					}
				}
			}
			continue
		}
		if e.Code == "" {
			continue
		}
		ctx.roles = slices.DeleteFunc(ctx.roles, func(r roleCode) bool { return r.head == head })
		if len(ctx.roles) == 16 {
			ctx.roles = append(ctx.roles[:0], ctx.roles[1:]...)
		}
		ctx.roles = append(ctx.roles, roleCode{head, e.Code, e.Sector})
	}
}

// destination reports whether a lower-case preposition says where
// someone went: "into", "to", "towards" ("across" is as often where:
// "protesters across Kenya").
func destination(l string) bool {
	return l == "into" || l == "to" || l == "towards" || l == "toward"
}

// ofBoth merges a role whose country came from context with "of both
// nations" after it ("the foreign ministers of both nations"): the role
// is each party's, as "both governments" is.
func ofBoth(dst []Mention, base int, s *phrase.Sentence) []Mention {
	for k := base; k+1 < len(dst); k++ {
		m, nx := &dst[k], &dst[k+1]
		if m.Kind != Agent || !m.Generic || len(m.Entities) != 1 || nx.Kind != Pronoun || nx.Pron != "both" || nx.Start != m.End+1 || !isWord(s, m.End, "of") {
			continue
		}
		m.Kind, m.Pron, m.Generic = Pronoun, "both", false
		m.Entities[0].Code, m.Entities[0].Generic = "", false
		m.End = nx.End
		m.Entities[0].End = s.Toks[nx.End-1].End
		dst = append(dst[:k+1], dst[k+2:]...)
	}
	return dst
}

// whose gives a role whose country came from context, after ", whose",
// the country of the mention before the comma: "France, whose troops
// left the country".
func whose(dst []Mention, base int, s *phrase.Sentence) {
	for k := base + 1; k < len(dst); k++ {
		m, prev := &dst[k], &dst[k-1]
		w := m.Start // "whose", taken in as a determiner or not
		if !isWord(s, w, "whose") {
			w--
		}
		if m.Kind != Agent || !m.Generic || len(m.Entities) != 1 || w < 1 || !isWord(s, w, "whose") || s.Toks[w-1].Text != "," || prev.End != w-1 || len(prev.Entities) != 1 || prev.Entities[0].Code == "" {
			continue
		}
		m.Entities[0].Code, m.Entities[0].Generic, m.Generic = prev.Entities[0].Code, false, false
	}
}

// scan appends to raws the longest dictionary phrase at each position, left
// to right.
func (r *Resolver) scan(raws []raw, s *phrase.Sentence, w *phrase.Walker, date time.Time) []raw {
	for i := r.start(s, 0); i < len(s.Toks); i = r.start(s, i) {
		bestEnd, bestPat, ok := w.Longest(s, i, nil)
		if !ok {
			i++
			continue
		}
		// Most phrases have one reading: pick is left for those with more.
		refs := r.refs[bestPat]
		best := &refs[0]
		if len(refs) > 1 {
			best = r.pick(refs, date)
		}
		// A person's one-word name before a capitalised word the
		// lexicon does not know is another's first name: "Keiko Yanai"
		// is not Keiko Fujimori.
		if best.kind == Person && bestEnd == i+1 && bestEnd < len(s.Toks) && !s.TitleCase {
			if t := &s.Toks[bestEnd]; t.Kind == tokenize.Word && t.Cap && !t.Upper && s.Words[bestEnd].Tag == 0 && r.start(s, bestEnd) != bestEnd {
				i = bestEnd
				continue
			}
		}
		// "ministers were forced to resign": a role word's past form
		// ("forced" for "forces") after "be" or "have" is a verb, no
		// agent.
		if best.kind == Agent && bestEnd == i+1 && i > 0 && !s.Toks[i].Cap && strings.HasSuffix(s.Toks[i].Lower, "ed") && s.Words[i-1].Tag&(lexicon.BE|lexicon.HAVE) != 0 {
			i = bestEnd
			continue
		}
		// A capital's one-word name after an unknown given name that
		// follows a title is a surname: "Justice Minister Ivan Lima",
		// "the interior minister, Carlos Quito," name no Peru or Ecuador.
		if best.kind == Capital && bestEnd == i+1 && r.surnameAfterTitle(s, i) {
			i = bestEnd
			continue
		}
		// "Latin American leaders": a country's word that ends a
		// region's adjective or name is the region's, and PLOVER codes
		// no region.
		if r.endsRegion(s, i, bestEnd) {
			i = bestEnd
			continue
		}
		raws = append(raws, raw{start: i, end: bestEnd, best: best})
		i = bestEnd
	}
	return raws
}

// surnameAfterTitle reports whether token i follows a capitalised word
// with no word class (a given name) that itself follows a title, with
// or without a comma between them: "Minister Ivan Lima", "minister, Ivan
// Lima", "Gen. Pedro Sucre".
func (r *Resolver) surnameAfterTitle(s *phrase.Sentence, i int) bool {
	if i < 2 {
		return false
	}
	g := &s.Toks[i-1]
	if g.Kind != tokenize.Word || !g.Cap || g.Upper || s.Words[i-1].Tag != 0 {
		return false
	}
	t := i - 2
	if (s.Toks[t].Text == "," || s.Toks[t].Text == ".") && t > 0 {
		t-- // "minister, Ivan Lima", "Gen. Pedro Sucre"
	}
	return s.Toks[t].Kind == tokenize.Word && (s.Words[t].Tag&lexicon.TITLE != 0 || personTitle(s.Toks[t].Lower))
}

// personTitle reports whether a lower-case word is a title that stands
// before a person's name.
func personTitle(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "president", "gen", "general", "mr", "mrs", "ms", "dr", "spokesman", "spokeswoman", "governor", "mayor", "senator", "judge", "prosecutor", "commander", "chief", "colonel", "col", "lt", "maj", "capt", "adm":
		return true
	}
	return false
}

// endsRegion reports whether tokens [a, b), with the capitalised word
// before them, spell a region's name or adjective ("Latin American",
// "South American").
func (r *Resolver) endsRegion(s *phrase.Sentence, a, b int) bool {
	if a == 0 || !s.Toks[a-1].Cap || s.Toks[a-1].Kind != tokenize.Word {
		return false
	}
	var sb strings.Builder
	sb.WriteString(s.Toks[a-1].Lower)
	for j := a; j < b; j++ {
		sb.WriteByte(' ')
		sb.WriteString(s.Toks[j].Lower)
	}
	_, ok := r.descAdj[sb.String()]
	return ok
}

// start returns the first token from i on where a dictionary phrase may
// start, or len(s.Toks).
func (r *Resolver) start(s *phrase.Sentence, i int) int { return r.trie.NextStart(s, i) }

// pick chooses the reading of a phrase: a person in office on date first,
// then by kind precedence.
func (r *Resolver) pick(refs []ref, date time.Time) *ref {
	best, bestScore := 0, -1
	for i := range refs {
		rf := &refs[i]
		score := 100 - int(rf.kind)*5
		if rf.entity >= 0 {
			e := &r.entities[rf.entity]
			if inTerm(e, date) {
				score += 50
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return &refs[best]
}

func inTerm(e *dict.Entity, date time.Time) bool {
	if !e.Dated {
		return false
	}
	if !e.From.IsZero() && date.Before(e.From) {
		return false
	}
	if !e.To.IsZero() && date.After(e.To) {
		return false
	}
	return true
}

// personOn returns the code, sector and office of the person named by ref
// on date: the term in force, else the undated line, else the country's
// ELI for a former office holder.
func (r *Resolver) personOn(rf *ref, date time.Time) (code, sector, office string) {
	var last, undated *dict.Entity
	for _, i := range r.terms[rf.entity] {
		e := &r.entities[i]
		if inTerm(e, date) {
			return e.Code, first(e.Sectors), e.Office
		}
		if !e.Dated {
			undated = e
			continue
		}
		if !e.To.IsZero() && e.To.Before(date) && (last == nil || e.To.After(last.To)) {
			last = e
		}
	}
	if undated != nil {
		return undated.Code, first(undated.Sectors), undated.Office
	}
	if last != nil {
		return last.Code, "ELI", "former " + last.Office
	}
	e := &r.entities[rf.entity]
	return e.Code, "", ""
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func modifies(k Kind) bool {
	switch k {
	case CountryName, Adjective, Capital, Institution, Org:
		return true
	}
	return false
}

// joins reports whether a modifier ending at token a can attach to a role
// noun starting at token b: adjacent, or separated by "'s" and at most two
// lower-case modifiers ("Niger's national army").
func joins(s *phrase.Sentence, a, b int) bool {
	if a == b {
		return true
	}
	i := a
	if i < b && (s.Toks[i].Lower == "'s" || s.Toks[i].Lower == "'") {
		i++
	}
	// "Hamas-led militants", "the US-led coalition", "Iran-backed
	// militias", "Kremlin-aligned forces".
	if i+1 < b && s.Toks[i].Text == "-" && tokenize.Backer(s.Toks[i+1].Lower) {
		i += 2
	}
	if b-i > 2 {
		return false
	}
	for ; i < b; i++ {
		t := &s.Toks[i]
		if t.Kind != tokenize.Word || t.Cap || s.Words[i].Tag&lexicon.MOD == 0 {
			return false
		}
	}
	return true
}

func isWord(s *phrase.Sentence, i int, w string) bool {
	return i >= 0 && i < len(s.Toks) && s.Toks[i].Lower == w
}

// withDet extends a mention start back over a determiner.
func withDet(s *phrase.Sentence, start int) int {
	// (Not a relative pronoun: "under which opposition fighters".)
	if start > 0 && s.Words[start-1].Tag&lexicon.DET != 0 && s.Words[start-1].Tag&(lexicon.POSS|lexicon.REL) == 0 {
		return start - 1
	}
	return start
}

// namedMention appends to dst the mention of the dictionary phrase rw,
// read as rf, and returns dst.
func (r *Resolver) namedMention(dst []Mention, s *phrase.Sentence, rw *raw, rf *ref, date time.Time, ctx *Context) []Mention {
	// The entity and the mention are filled in where they are kept, not
	// built and copied there.
	es := ctx.entity()
	e := &es[0]
	e.Code, e.Name, e.Rule = rf.code, rf.name, rf.pos
	e.Start, e.End = s.Toks[rw.start].Start, s.Toks[rw.end-1].End
	switch rf.kind {
	case Person:
		e.Code, e.Sector, e.Office = r.personOn(rf, date)
	case CountryName, Adjective:
	default:
		e.Sector = first(rf.sectors)
	}
	dst = append(dst, Mention{})
	m := &dst[len(dst)-1]
	m.Start, m.End, m.HeadStart, m.HeadEnd = withDet(s, rw.start), rw.end, rw.start, rw.end
	m.Entities, m.Kind = es, rf.kind
	// "ethnic Albanians in south Serbia": a people named as an ethnic
	// group lives where the text places it, not in the state its name
	// is a demonym of.
	if rf.kind == Demonym && rw.start > 0 && s.Toks[rw.start-1].Lower == "ethnic" {
		e.Code = ctx.Salient(r.isCountry)
		e.Generic, m.Generic = true, true
	}
	m.Possessive = isWord(s, rw.end, "'s") || isWord(s, rw.end, "'")
	return dst
}

// backedAt reports whether tokens from i are "-" and a backer's
// participle: "the Turkish-backed Syrian National Army" is the army's,
// not Turkey's.
func backedAt(s *phrase.Sentence, i int) bool {
	return i+1 < len(s.Toks) && s.Toks[i].Text == "-" && tokenize.Backer(s.Toks[i+1].Lower)
}

// stanceOpposition reports whether tokens [a, b) are the word
// "opposition" as a stance, not a party: after an adjective of degree or
// a verb of voicing, and before "to" ("voiced firm opposition to the
// sale", "its strong opposition to the plan").
func stanceOpposition(s *phrase.Sentence, a, b int) bool {
	if b != a+1 || a == 0 || s.Toks[a].Lower != "opposition" || b >= len(s.Toks) || s.Toks[b].Lower != "to" {
		return false
	}
	switch s.Toks[a-1].Lower {
	case "firm", "strong", "fierce", "vehement", "stiff", "staunch", "resolute", "strenuous", "categorical", "its", "their", "his", "her", "voiced", "expressed", "registered":
		return true
	}
	return false
}

// firmAdjective reports whether tokens [a, b) are "firm" as an adjective
// before a noun of stance: "firm opposition", "firm support".
func firmAdjective(s *phrase.Sentence, a, b int) bool {
	if b != a+1 || s.Toks[a].Lower != "firm" || b >= len(s.Toks) {
		return false
	}
	switch s.Toks[b].Lower {
	case "opposition", "support", "commitment", "stance", "position", "resolve", "belief", "response", "action", "measures", "grip", "control", "determination", "rejection", "condemnation":
		return true
	}
	return false
}

// inWaterName reports whether the name at token a ends the name of a
// sea, gulf, bay or strait: "the Sea of Japan", "the Gulf of Oman".
func inWaterName(s *phrase.Sentence, a int) bool {
	if a < 2 || s.Toks[a-1].Lower != "of" {
		return false
	}
	switch s.Toks[a-2].Text {
	case "Sea", "Gulf", "Bay", "Strait", "Straits":
		return true
	}
	return false
}

// currencyCode reports whether tokens [a, b) are one three-capital word
// before a number, not after an article: a currency's code ("of NPR 1
// crore", "worth INR 500"), where "the UN 2023 report" is no amount.
func currencyCode(s *phrase.Sentence, a, b int) bool {
	if b != a+1 || b >= len(s.Toks) || s.Toks[b].Kind != tokenize.Number || len(s.Toks[a].Text) != 3 || !isUpper(s.Toks[a].Text) {
		return false
	}
	return a == 0 || s.Words[a-1].Tag&lexicon.DET == 0
}

// isUpper reports whether every byte of t is a capital ASCII letter.
func isUpper(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < 'A' || t[i] > 'Z' {
			return false
		}
	}
	return true
}

// civic reports whether an organisation is of civil society, whose name
// other countries' bodies share: "Argentina's White Helmets" are
// Argentina's, whatever country the dictionaries give the name.
func civic(rf *ref) bool {
	switch first(rf.sectors) {
	case "SOC", "NGO", "MED":
		return true
	}
	return false
}

// command reports whether a role's sector is one of command or arms,
// which a non-state armed group has of its own.
func command(sector string) bool {
	switch sector {
	case "GOV", "MIL", "COP", "UAF", "REB", "SPY":
		return true
	}
	return false
}

// combine makes m, a modifier, the mention of the role noun rw after it.
func combine(m *Mention, ag *ref, s *phrase.Sentence, rw *raw) {
	sector := first(ag.sectors)
	for i := range m.Entities {
		// An armed group's commanders, officials and fighters are the
		// group's: "a Hamas commander", "an al-Shabaab official".
		if armed(m.Entities[i].Sector) && m.Kind == Org && command(sector) {
			m.Entities[i].End = s.Toks[rw.end-1].End
			continue
		}
		// "Kremlin-backed forces" are forces, whatever the Kremlin is.
		backed := backedAt(s, m.End)
		if m.Entities[i].Sector == "" || m.Kind != Institution || backed {
			m.Entities[i].Sector = sector
		}
		m.Entities[i].End = s.Toks[rw.end-1].End
	}
	m.End, m.HeadEnd = rw.end, rw.end
	m.Kind = Agent
	m.Possessive = isWord(s, rw.end, "'s")
}

// agentMention appends to dst the mention of a role noun at raws[k],
// taking its country from what follows ("of Niger", "in Niamey") or from
// context, and absorbing a person's name after a title. It returns dst
// and the index of the last of raws the mention took in.
func (r *Resolver) agentMention(dst []Mention, s *phrase.Sentence, raws []raw, k int, date time.Time, ctx *Context) ([]Mention, int) {
	rw := &raws[k]
	ag := rw.best
	e := Entity{Sector: first(ag.sectors), Start: s.Toks[rw.start].Start, End: s.Toks[rw.end-1].End, Rule: ag.pos, Abroad: ag.abroad}
	if ctx.forceOfficer(s, rw.start, rw.end, e.Sector, dst) {
		e.Sector = "COP"
	}
	m := Mention{Start: withDet(s, rw.start), End: rw.end, HeadStart: rw.start, HeadEnd: rw.end, Kind: Agent}
	// A pronoun or description before it: "its forces", "the landlocked
	// state's military authorities" are handled by pronounsAndDescriptions.
	// A role noun that already has an owner ("its forces", "Niger's army")
	// takes no country from an "of" or "from" phrase after it: "withdraw
	// its forces from Niger".
	owned := rw.start > 0 && (s.Words[rw.start-1].Tag&lexicon.POSS != 0 || s.Toks[rw.start-1].Lower == "'s")
	if k+1 < len(raws) && !owned {
		nx := &raws[k+1]
		nref := nx.best
		gap := nx.start - rw.end
		// "leaders of the BRICS group", "doctors from two American aid
		// groups": an article or a number after "of" or "from".
		if gap == 2 && (s.Words[rw.end+1].Tag&(lexicon.DET|lexicon.MOD) != 0 || s.Toks[rw.end+1].Kind == tokenize.Number) {
			gap = 1
		}
		switch {
		case nref.kind == Org && gap == 0 && armed(first(nref.sectors)) && !strings.HasSuffix(s.Toks[rw.end-1].Lower, "s"):
			// "the paramilitary Rapid Support Forces", "the militant
			// group Hamas": a role before an armed group's name is
			// the group's description, the group its own sector.
			dst = r.namedMention(dst, s, nx, nref, date, ctx)
			om := &dst[len(dst)-1]
			om.Start = m.Start
			om.Entities[0].Start = e.Start
			ctx.Note(om.Entities[0].Code)
			return dst, k + 1
		case nref.kind == Person && (gap == 0 || (gap == 1 && s.Toks[rw.end].Text == ".")):
			// Title and name.
			dst = r.namedMention(dst, s, nx, nref, date, ctx)
			pm := &dst[len(dst)-1]
			pm.Start = m.Start
			for i := range pm.Entities {
				ctx.Note(pm.Entities[i].Code)
			}
			return dst, k + 1
		// (So "for" after one who speaks for a body: "a spokesman for
		// the African Union mission".)
		case gap == 1 && (isWord(s, rw.end, "of") || isWord(s, rw.end, "from") || isWord(s, rw.end, "for") && speaksFor(s.Toks[rw.end-1].Lower)) && (nref.kind == CountryName || nref.kind == Capital || nref.kind == Org || nref.kind == Institution || nref.kind == Adjective) && !backedAt(s, nx.end):
			e.Code = nref.code
			// (A force's rank of an armed group is the group's: "a
			// commander of Hezbollah" is a rebel, no soldier.)
			if nref.kind == Org && len(nref.sectors) > 0 && (e.Sector == "" || e.Sector == "MIL" && armed(nref.sectors[0])) {
				e.Sector = nref.sectors[0]
			}
			e.End = s.Toks[nx.end-1].End
			m.End = nx.end
			m.Entities = ctx.one(e)
			ctx.Note(e.Code)
			// "the foreign ministers of Chile and Peru": one role, two
			// countries.
			// (So "of Egypt and the United States".)
			if k+2 < len(raws) && nx.end+1 < len(s.Toks) && isWord(s, nx.end, "and") && (raws[k+2].start == nx.end+1 || raws[k+2].start == nx.end+2 && isWord(s, nx.end+1, "the")) {
				if n2 := raws[k+2].best; n2.kind == CountryName || n2.kind == Capital {
					e2 := e
					e2.Code = n2.code
					e2.Start, e2.End = s.Toks[raws[k+2].start].Start, s.Toks[raws[k+2].end-1].End
					m.Entities = append(ctx.one(e), e2)
					m.End = raws[k+2].end
					ctx.Note(e2.Code)
					return append(dst, m), k + 2
				}
			}
			return append(dst, m), k + 1
		// "armed men believed to belong to a Venezuelan gang",
		// "gunmen suspected to be Boko Haram fighters": unnamed armed
		// men are who they are believed to be.
		case armed(e.Sector) && believedToBe(s, rw.end, nx.start) && (nref.kind == Org || nref.kind == Agent || nref.kind == Adjective):
			n := len(dst)
			var took int
			if nref.kind == Agent {
				dst, took = r.agentMention(dst, s, raws, k+1, date, ctx)
			} else {
				dst, took = r.namedMention(dst, s, nx, nref, date, ctx), k+1
				// "a Venezuelan gang": the adjective's country, the
				// role's sector after it.
				if nref.kind == Adjective && k+2 < len(raws) && raws[k+2].start == nx.end && raws[k+2].best.kind == Agent {
					dst[n].Entities[0].Sector = first(raws[k+2].best.sectors)
					dst[n].End = raws[k+2].end
					took = k + 2
				}
			}
			if len(dst) > n {
				bm := &dst[n]
				bm.Start = m.Start
				for i := range bm.Entities {
					bm.Entities[i].Start = e.Start
				}
			}
			return dst, took
		// "officials of the main opposition party", "leaders of the
		// teachers' union": the body's people, of its sector.
		case isWord(s, rw.end, "of") && (memberWord(s.Toks[rw.end-1].Lower) || partyBody(s.Toks[rw.end-1].Lower, first(nref.sectors))) && nref.kind == Agent && first(nref.sectors) != "" && first(nref.sectors) != e.Sector && modifiersOnly(s, rw.end+1, nx.start):
			n := len(dst)
			dst, took := r.agentMention(dst, s, raws, k+1, date, ctx)
			if len(dst) > n {
				bm := &dst[n]
				bm.Start = m.Start
				for i := range bm.Entities {
					bm.Entities[i].Start = e.Start
				}
			}
			return dst, took
		// "authorities in Niamey", "opposition groups in Zimbabwe"; not
		// "troops in Niger", often foreign.
		case gap == 1 && isWord(s, rw.end, "in") && (nref.kind == Capital || nref.kind == CountryName && e.Sector != "MIL"):
			e.Code = nref.code
			e.End = s.Toks[nx.end-1].End
			m.End = nx.end
			m.Entities = ctx.one(e)
			ctx.Note(e.Code)
			return append(dst, m), k + 1
		}
	}
	// A title before a name the dictionaries do not know: "Colonel Amadou
	// Abdramane" is one mention.
	names, took := titleName(s, raws, k)
	if names > 0 {
		m.End = names
		e.End = s.Toks[m.End-1].End
	}
	// "Both governments", "the two sides": the parties last named together;
	// not "the two warring factions", armed groups the states named last
	// are not.
	if p := rw.start - 1; p >= 0 && !armed(e.Sector) && (s.Toks[p].Lower == "both" || s.Toks[p].Lower == "each" || s.Toks[p].Lower == "two" && p > 0 && s.Toks[p-1].Lower == "the") {
		m.Kind = Pronoun
		m.Pron = "both"
		m.Start = p
		if s.Toks[p].Lower == "two" {
			m.Start = p - 1
		}
		m.Entities = ctx.one(e)
		return append(dst, m), took
	}
	// "Four Pakistani soldiers were killed near the Afghan border, the
	// military said": a role noun of the sector of a mention before it
	// in the sentence is that mention's country's.
	// Not after "to", where it names whom another's act is for: "the US
	// embassy donated vehicles to the health ministry".
	if p := m.Start - 1; p < 0 || !possessivePronoun(s.Toks[rw.start-1].Lower) && s.Toks[p].Lower != "to" {
		if code := sameSectorBefore(dst, e.Sector); code != "" {
			e.Code = code
			m.Entities = ctx.one(e)
			return append(dst, m), took
		}
	}
	// Country from context: the country the document is mostly about.
	m.Generic = true
	e.Generic = true
	e.Code = ctx.Salient(r.isCountry)
	m.Entities = ctx.one(e)
	return append(dst, m), took
}

// titleName returns the end of a name the dictionaries do not know after
// the role noun at raws[k] ("Colonel Amadou Abdramane"), or 0 when none
// follows, and the index of the last of raws the name took in. A place's
// one word may start a name after a singular title: "military officer
// Aden Nur", "police commander Jordan Smith" name people, not Yemen or
// Jordan.
func titleName(s *phrase.Sentence, raws []raw, k int) (end, took int) {
	rw := &raws[k]
	j := rw.end
	if j < len(s.Toks) && s.Toks[j].Text == "." {
		j++
	}
	capWord := func(i, next int) bool {
		return i < len(s.Toks) && s.Toks[i].Cap && s.Toks[i].Kind == tokenize.Word && (next >= len(raws) || raws[next].start > i)
	}
	names := 0
	for names < 4 && capWord(j+names, k+1) {
		names++
	}
	if names > 0 {
		return j + names, k
	}
	if k+1 >= len(raws) || raws[k+1].start != j || raws[k+1].end != j+1 || strings.HasSuffix(s.Toks[rw.end-1].Lower, "s") {
		return 0, k
	}
	if nk := raws[k+1].best.kind; nk != Capital && nk != CountryName {
		return 0, k
	}
	for names < 3 && capWord(j+1+names, k+2) {
		names++
	}
	if names == 0 {
		return 0, k
	}
	return j + 1 + names, k + 1
}

// armed reports whether a sector is of armed people outside the state's
// forces.
func armed(sector string) bool { return Armed(sector) }

// Armed reports whether a sector is of armed people outside the state's
// forces: rebels, unidentified armed men, criminals.
func Armed(sector string) bool { return sector == "REB" || sector == "UAF" || sector == "CRM" }

// AllUnarmed reports whether there are entities and every one is of a
// sector of unarmed people, who march, strike and riot (civilians,
// students, workers, farmers, traders, health workers, clergy, the
// opposition, civil society, journalists, refugees), not an institution
// or a force.
func AllUnarmed(es []Entity) bool {
	for _, e := range es {
		switch e.Sector {
		case "CVL", "EDU", "LAB", "AGR", "BUS", "MED", "REL", "OPP", "SOC", "JRN", "REF":
		default:
			return false
		}
	}
	return len(es) > 0
}

func (r *Resolver) isCountry(code string) bool { _, ok := r.byCode[code]; return ok }

// IsCountry reports whether code is a country's code in the dictionaries.
func (r *Resolver) IsCountry(code string) bool { return r.isCountry(code) }

// partyBody reports whether a role noun of people who back someone is
// the party's it names, sector PTY or OPP: "supporters of the ruling
// party" are the party's, "supporters of the ousted governor" are not the
// governor's.
func partyBody(l, sector string) bool {
	return (l == "supporters" || l == "supporter" || l == "members" || l == "activists") && (sector == "PTY" || sector == "OPP")
}

// forceWeapon reports whether a lower-case plural names a force's
// weapons, craft or fire, which act for the force named before them:
// "army drones", "navy warships", "police helicopters", "killed by
// police fire".
func forceWeapon(l string) bool {
	switch l {
	case "drones", "jets", "warplanes", "helicopters", "gunships", "tanks", "warships", "gunboats", "aircraft", "bombers", "artillery", "snipers",
		"fire", "gunfire", "bullets", "shelling":
		return true
	}
	return false
}

// adverb reports whether a lower-case word is an adverb that may stand
// between a subject and its verb: "also", "then", "reportedly".
func adverb(l string) bool {
	switch l {
	case "also", "then", "now", "later", "again", "too", "still", "already", "never", "often", "allegedly", "reportedly", "instead", "subsequently", "immediately", "finally", "eventually", "quickly", "swiftly":
		return true
	}
	return false
}

// believedToBe reports whether tokens [a, b) say who someone is thought
// to be: "believed to belong to a", "suspected to be", "thought to be
// the".
func believedToBe(s *phrase.Sentence, a, b int) bool {
	if b-a < 3 || b-a > 6 {
		return false
	}
	switch s.Toks[a].Lower {
	case "believed", "suspected", "thought", "said", "alleged", "reported":
	default:
		return false
	}
	if s.Toks[a+1].Lower != "to" {
		return false
	}
	j := a + 2
	switch s.Toks[j].Lower {
	case "be":
		j++
	case "belong":
		j++
		if j < b && s.Toks[j].Lower == "to" {
			j++
		}
	default:
		return false
	}
	if j < b && s.Words[j].Tag&lexicon.DET != 0 {
		j++
	}
	return j == b
}

// speaksFor reports whether a lower-case role noun names one who speaks
// or acts for the body after "for": "spokesman for Hamas".
func speaksFor(l string) bool {
	switch l {
	case "spokesman", "spokeswoman", "spokesperson", "spokesmen", "representative", "envoy", "negotiator", "adviser", "advisor":
		return true
	}
	return false
}

// memberWord reports whether a lower-case role noun names people who act
// for a body, whose sector is the body's: "officials of the union".
func memberWord(l string) bool {
	switch l {
	case "official", "officials", "leader", "leaders", "representative", "representatives":
		return true
	}
	return false
}

// modifiersOnly reports whether tokens [a, b) hold at most an article or
// determiner and two lower-case words, no more: "the main", "its largest".
func modifiersOnly(s *phrase.Sentence, a, b int) bool {
	if a < b && s.Words[a].Tag&lexicon.DET != 0 {
		a++
	}
	if b-a > 2 {
		return false
	}
	for j := a; j < b; j++ {
		if t := &s.Toks[j]; t.Kind != tokenize.Word || t.Cap || s.Words[j].Tag != 0 {
			return false
		}
	}
	return true
}

// possessivePronoun reports whether a lower-case word is a possessive
// pronoun, whose noun belongs to its antecedent: "their leaders".
func possessivePronoun(l string) bool {
	switch l {
	case "their", "its", "his", "her", "our", "my", "your":
		return true
	}
	return false
}

// sameSectorBefore returns the country of the first mention in ms, the
// sentence's so far, with one entity of the sector and a country of its
// own, or "": the sentence's main party ("Seoul's foreign minister spoke
// with his Chinese counterpart, the ministry said").
func sameSectorBefore(ms []Mention, sector string) string {
	if sector == "" {
		return ""
	}
	for i := range ms {
		m := &ms[i]
		if m.Generic || m.Kind == Pronoun || len(m.Entities) != 1 {
			continue
		}
		if e := &m.Entities[0]; e.Sector == sector && e.Code != "" && !e.Generic {
			return e.Code
		}
	}
	return ""
}
