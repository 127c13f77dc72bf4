// Package coder is dyad's pipeline: it runs the stages in order over a
// document and assembles PLOVER event records.
//
// In: a document.Document. Out: []plover.Event, every field pointing to its
// evidence by byte offsets into the document's original text.
//
// The stages, in order: normalize (clean and map offsets), segment
// (sentences), tokenize, lexicon (word ids and classes), actors (mentions),
// events (triggers and roles), timex (dates), place (event location); then
// the coder applies PLOVER's auxiliary-mode rules, scores and merges
// repeated reports of one event within the document.
package coder

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"dyad/actors"
	"dyad/dict"
	"dyad/document"
	"dyad/events"
	"dyad/internal/arena"
	"dyad/internal/ascii"
	"dyad/lexicon"
	"dyad/normalize"
	"dyad/phrase"
	"dyad/place"
	"dyad/plover"
	"dyad/rewrite"
	"dyad/segment"
	"dyad/timex"
	"dyad/tokenize"
)

// Options change what the coder emits.
type Options struct {
	// All keeps negated, hypothetical and unattributed-actor events (with
	// their auxiliary mode in context) that are left out by default.
	All bool
	// Now stamps coded records; zero means no stamp.
	Now time.Time
	// Tagger, when set, tells nouns from verbs where a word starts both
	// noun and verb triggers and the grammar cannot tell (package postag:
	// postag.Default() is dyad's). It makes coding a little more precise
	// and about 8% slower (go run ./bench/tagger).
	Tagger events.Tagger
}

// Coder codes documents. It is read-only after New and safe for concurrent
// use by many goroutines.
type Coder struct {
	norm   normalize.Normalizer
	tok    tokenize.Tokenizer
	lx     *lexicon.Lexicon
	vocab  *lexicon.Vocab
	actors *actors.Resolver
	events *events.Extractor
	places *place.Gazetteer
	cues   []cue
	cueIdx *phrase.Index
	// countryAdjectives maps the adjectives of countries.txt ("Iranian")
	// to their codes.
	countryAdjectives map[string]string
	// countryNames maps the names of countries.txt, as written there,
	// to their codes: a country's name after "in" is that country, whatever else
	// the gazetteer calls by it ("in eastern Congo").
	countryNames map[string]string
	// protestNouns are grammar.txt's protest nouns: the people an act of
	// the police is against who are protesting ("protesters").
	protestNouns map[string]bool
	// gatheringNouns are grammar.txt's gathering nouns: an act of the
	// police against "a protest by boda boda riders" implies the riders'
	// protest.
	gatheringNouns map[string]bool
	// preventVerbs are grammar.txt's verbs of preventing: a gathering
	// prevented did not take place, and implies no protest.
	preventVerbs map[string]bool
	// violenceNouns are grammar.txt's violence nouns: an active violent
	// verb with no actor is an attack only after one of them.
	violenceNouns map[string]bool
	// placeWords, placeHeads, directions and roadHeads are grammar.txt's
	// place-word, place-head, direction and road-head lists.
	placeWords, placeHeads, directions, roadHeads map[string]bool
	// airWords are grammar.txt's air-word list: "over" after one of
	// them names a place.
	airWords map[string]bool
	// placeMark marks the lemmas of the place words, "of", "to" and
	// "between" (0: none was left).
	placeMark lexicon.Mark
	// guards finds the words of guards.txt in a sentence: a match
	// report, a disaster, a crime, business news.
	guards  guardIndex
	cuePats []phrase.Pattern
	// rewrites are PLOVER's coding rules, applied to every event.
	rewrites rewrite.Rules
	opts     Options
	// scratch holds buffers that one Code call uses and the next reuses.
	scratch sync.Pool
}

// scratch is the working memory of one Code call: nothing in its output
// points into it.
type scratch struct {
	norm     normalize.Buffer
	sentence phrase.Sentence
	recent   lexicon.Recent
	lower    tokenize.Buffer
	actx     actors.Context
	st       events.State
	spans    []segment.Span
	sents    []sent
	toks     []tokenize.Token
	words    []lexicon.Word
	mentions []actors.Mention
	// cued holds the contexts cued by a document's sentences, cand the
	// candidate cues of a token.
	cued []string
	cand []int
	// dates caches the ISO forms of recent dates.
	dates dateCache
	// forces counts, for the document read so far, the armed forces the
	// text names by country ("Israeli forces", "the Russian army"), in
	// order of first mention; forceBuf holds each sentence's snapshot of
	// their countries.
	forces   []forceCount
	forceBuf []string
}

// forceCount is how often a document names a country's armed forces.
type forceCount struct {
	code string
	n    int
}

type cue struct {
	context string
}

// New builds a coder from loaded dictionaries and a gazetteer (which may be
// nil: events then carry no location).
func New(d *dict.Dictionaries, g *place.Gazetteer, opts Options) (*Coder, error) {
	lx, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	v := lexicon.NewVocab(lx)
	c := &Coder{lx: lx, vocab: v, places: g, opts: opts, guards: newGuardIndex(d.Guards)}
	c.actors = actors.New(d, v)
	c.rewrites = rewrite.Default()
	c.countryNames = map[string]string{}
	c.countryAdjectives = map[string]string{}
	for _, cn := range d.Countries {
		for _, n := range append([]string{cn.Name}, cn.Names...) {
			c.countryNames[n] = cn.Code
		}
		for _, a := range cn.Adjectives {
			c.countryAdjectives[a] = cn.Code
		}
	}
	c.events = events.New(d, v)
	if opts.Tagger != nil {
		c.events.SetTagger(opts.Tagger, v)
	}
	// A place struck is read as a preposition's place: "shelled
	// Kharkiv" as "in Kharkiv".
	placeWords := append(slices.Clone(d.Words("place-word")), d.Words("struck-verb")...)
	placeWords = append(placeWords, d.Words("reach-verb")...)
	placeWords = append(placeWords, "over")
	c.airWords = wordSet(d.Words("air-word"))
	c.placeWords, c.placeHeads, c.directions = wordSet(placeWords), wordSet(d.Words("place-head")), wordSet(d.Words("direction"))
	c.roadHeads = wordSet(d.Words("road-head"))
	c.protestNouns = wordSet(d.Words("protest-noun"))
	c.gatheringNouns = wordSet(d.Words("gathering-noun"))
	c.preventVerbs = wordSet(d.Words("prevent-verb"))
	c.violenceNouns = wordSet(d.Words("violence-noun"))
	c.placeMark = v.MarkWords(append(placeWords, "of", "to", "between")...)
	for _, cc := range d.Contexts {
		for _, q := range cc.Cues {
			items, err := dict.ParsePattern(q)
			if err != nil {
				continue
			}
			c.cuePats = append(c.cuePats, phrase.Compile(v, items))
			c.cues = append(c.cues, cue{context: cc.Context})
		}
	}
	c.cueIdx = phrase.NewIndex(c.cuePats)
	c.cueIdx.SetMarks(v)
	return c, nil
}

// Default builds a coder from the embedded dictionaries and gazetteer.
func Default(opts Options) (*Coder, error) {
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	g, err := place.Default()
	if err != nil {
		return nil, err
	}
	return New(d, g, opts)
}

// ErrEmpty and ErrNotText are returned for documents that cannot be coded.
var (
	ErrEmpty   = errors.New("no text to code")
	ErrNotText = errors.New("text is not readable as English news")
	// ErrInternal is wrapped by the error of a document the coder failed
	// on through a fault of its own.
	ErrInternal = errors.New("internal error in the coder")
	// ErrCut is wrapped by the error Code returns with the events of a
	// document longer than MaxText: they are those of its first
	// MaxText bytes.
	ErrCut = errors.New("document cut")
)

// sent is one coded sentence, kept for document-level passes.
type sent struct {
	span  segment.Span
	evs   []events.Event
	toks  []tokenize.Token
	paren []int
	times []timex.Expr
	// said[k] is the token of the verb of saying times[k] dates ("said
	// on Tuesday"), or -1: the date of a report, read as past even when
	// what was said lies ahead.
	said   []int
	quote  int // +1 opens a quote it does not close, -1 closes one
	seq    int
	places []placeRef
	// cued are the contexts the sentence's words cue ("troops" is
	// military), for every event of it.
	cued []string
	// salient is the country the story was mostly about when the
	// sentence was read: the last evidence for an unnamed actor.
	salient string
	// second is the country the story was next most about: where an
	// unnamed embassy in the salient country is from.
	second string
	// force is the country whose armed forces the story had named most
	// when the sentence was read, forces every country whose forces it
	// had named.
	force  string
	forces []string
	// named is the one country the sentence names ("the Philippine Army
	// said"), or "" where it names none or several.
	named string
	// guards are the guards.txt kinds its words name, once guardsRead.
	guards     uint8
	guardsRead bool
}

type placeRef struct {
	tok     int // token index of the preposition
	from    int
	to      int
	country string // the country of the best reading of the name
	minor   bool   // the name is of a minor place only (see minorFits)
	// in is set where the text says which country the place is in
	// ("the Iranian town of Saravan"), whether or not the gazetteer
	// knows a place of that name there.
	in bool
}

// MaxText is the most text of one document the coder reads, in bytes:
// coding takes some 70 times the text's size in memory, and a news
// article is a hundredth of this. A longer document is coded up to the
// last paragraph or sentence break before it (Batch.Cut).
const MaxText = 1 << 20

// Code codes one document. It returns an error only when the document as a
// whole cannot be coded (empty, binary, not English), or, with the events
// of its first MaxText bytes, one that wraps ErrCut and says how much was
// coded where the document is longer.
func (c *Coder) Code(doc document.Document) ([]plover.Event, error) {
	var b Batch
	if err := c.CodeBatch(&b, doc); err != nil {
		return nil, err
	}
	if b.Cut > 0 {
		return b.Events, CutError(b.Cut, len(doc.Text))
	}
	return b.Events, nil
}

// CutError is the error, wrapping ErrCut, that says a document of size
// bytes was coded only up to byte cut.
func CutError(cut, size int) error {
	return fmt.Errorf("%w: only its first %.1f MB of %.1f MB were coded (the most one document may have is %d MB); split it into articles", ErrCut, float64(cut)/(1<<20), float64(size)/(1<<20), MaxText>>20)
}

// Batch holds the events of one document and the memory their lists and
// strings are cut from. A Batch used again for the next document, once its
// events are no longer needed, saves allocating that memory anew: a
// program that writes each document's events before it codes the next
// needs one Batch a goroutine. The zero value is ready to use.
type Batch struct {
	Events []plover.Event
	// Cut is the byte of the document's text where coding stopped, for
	// a document longer than MaxText; 0 when all of it was coded.
	Cut int
	mem recordMemory
}

// CodeBatch is Code with the events in b, replacing those b held: they,
// and any slice or string taken from them, must no longer be in use. On
// an error b holds no events.
//
// A fault of the coder's own on one document (a panic) is returned as an
// error naming it a bug, so that a batch goes on with the next document.
func (c *Coder) CodeBatch(b *Batch, doc document.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b.Events, b.Cut = b.Events[:0], 0
			b.mem = recordMemory{}
			err = fmt.Errorf("%w: %v (please report it with this document's text)", ErrInternal, r)
		}
	}()
	b.Events, b.Cut = b.Events[:0], 0
	if strings.TrimSpace(doc.Text) == "" {
		return ErrEmpty
	}
	if len(doc.Text) > MaxText {
		b.Cut = cutPoint(doc.Text, MaxText)
		doc.Text = doc.Text[:b.Cut]
	}
	if err := checkText(doc.Text); err != nil {
		return err
	}
	pub := doc.Date
	if pub.IsZero() {
		pub = c.opts.Now
	}
	sc, _ := c.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer c.scratch.Put(sc)
	text := c.norm.NormalizeBuf(&sc.norm, doc.Text)
	spans := segment.Split(sc.spans[:0], text.S)
	sc.spans = spans
	actx, st := &sc.actx, &sc.st
	actx.Reset()
	st.Reset()
	// A wire dateline ("BAMAKO, June 3 (Reuters) -") is the story's first
	// mention of its country: it decides where unnamed actors belong
	// until the story names countries of its own. It is no more than
	// that, since wire stories are often filed from a regional hub
	// ("DAKAR" for a story about Mali).
	if dl := c.datelineCountry(text.Dateline); dl != "" {
		actx.Note(dl)
	}
	sents := slices.Grow(sc.sents[:0], len(spans))
	defer func() { clear(sents); sc.sents = sents[:0] }()
	toks, words, mentions := sc.toks[:0], sc.words[:0], sc.mentions[:0]
	sc.cued = sc.cued[:0]
	sc.forces, sc.forceBuf = sc.forces[:0], sc.forceBuf[:0]
	english, total := 0, 0
	for seq, sp := range spans {
		if sp.End-sp.Start > 5000 {
			// A run-on "sentence" longer than any real one: code its start.
			sp.End = sp.Start + 5000
			for sp.End > sp.Start && !utf8.RuneStart(text.S[sp.End]) {
				sp.End--
			}
		}
		// Tokens go to one arena per document; an eventful sentence keeps
		// its sub-slice instead of a copy.
		if cap(toks)-len(toks) < 256 {
			toks = make([]tokenize.Token, 0, max(1024, 2*cap(toks)))
			sc.toks = toks
		}
		toks = c.tok.TokenizeBuf(toks[len(toks):], text.S, sp.Start, sp.End, &sc.lower)
		words = c.vocab.AnnotateRecent(words[:0], toks, &sc.recent)
		sc.words = words
		ps := &sc.sentence
		*ps = phrase.Sentence{Toks: toks, Words: words}
		ps.Prepare()
		total += ps.WordCount
		english += ps.KnownCount
		// Places named in the sentence (not months: "in March") tell which
		// country its unnamed actors ("rebels", "soldiers") belong to.
		// They are found once and kept for the events; dates are read
		// only in sentences that report some.
		places := c.findPlaces(text.S, ps)
		for _, p := range places {
			if !p.minor {
				actx.Note(p.country)
			}
		}
		salient := actx.Salient(c.actors.IsCountry)
		mentions = c.actors.Find(mentions[:0], ps, pub, actx)
		sc.mentions = mentions
		c.disambiguate(mentions, toks, text.S, actx)
		c.localForces(mentions, ps, text.S, actx)
		places = c.minorFits(places, mentions, salient, actx)
		sc.countForces(mentions, c.actors.IsCountry)
		evs, paren := c.events.Extract(ps, mentions, st)
		c.seizedPlaces(text.S, ps, evs)
		s := sent{span: segment.Span(sp), seq: seq, quote: quoteBalance(text.S[sp.Start:sp.End])}
		if len(evs) > 0 {
			s.evs = evs
			s.toks = toks
			s.paren = paren
			s.times = timex.Find(toks, pub)
			s.evs = outsideDates(s.evs, s.times)
			s.said = saidAt(s.times, toks, words)
			s.places = places
			s.salient = actx.Salient(c.actors.IsCountry)
			s.second = actx.SalientExcept(s.salient, c.actors.IsCountry)
			s.force, s.forces = sc.forceSnapshot()
			s.named = c.oneCountry(mentions)
			k := len(sc.cued)
			sc.cued = c.contextsOf(sc.cued, &sc.cand, ps)
			s.cued = sc.cued[k:len(sc.cued):len(sc.cued)]
		}
		sents = append(sents, s)
	}
	if total >= 40 && english*5 < total {
		return ErrNotText
	}
	carryQuoteSpeakers(sents)
	lede := c.ledeDate(sents, &sc.lower, text.S, pub)
	n := 0
	for i := range sents {
		n += len(sents[i].evs)
	}
	out := slices.Grow(b.Events[:0], n)
	mem := &b.mem
	mem.reset(sents, &sc.dates)
	for i := range sents {
		out = c.records(out, mem, doc, &text, &sents[i], pub, lede)
	}
	out = foldActorless(out)
	out = mergeRepeats(out)
	setIDs(out, docID(doc))
	b.Events = out
	return nil
}

// setIDs numbers a document's events "ID-1", "ID-2", ...: the IDs are cut
// from one string.
func setIDs(evs []plover.Event, id string) {
	var b strings.Builder
	b.Grow(len(evs) * (len(id) + 4))
	ends := make([]int, len(evs))
	for i := range evs {
		b.WriteString(id)
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(i + 1))
		ends[i] = b.Len()
	}
	all, start := b.String(), 0
	for i := range evs {
		evs[i].ID = all[start:ends[i]]
		start = ends[i]
	}
}

// recordMemory hands out the lists and strings of one document's records
// from a few large allocations instead of several small ones a record. It
// belongs to a Batch: the records outlive the call that makes them.
type recordMemory struct {
	strs  arena.Arena[string]
	ents  arena.Arena[plover.Entity]
	spans arena.Arena[plover.Span]
	locs  arena.Arena[plover.Location]
	// parties holds the actor and recipient lists records places and
	// rewrites on the way to the records' entities.
	parties arena.Arena[actors.Entity]
	dates   *dateCache
}

// dateCache remembers the ISO forms of recent dates, by day: documents
// of one feed give the same few dates again and again.
type dateCache [256]struct {
	t time.Time
	s string
}

// iso returns isoDate(t).
func (dc *dateCache) iso(t time.Time) string {
	e := &dc[uint64(t.Unix()/86400)%uint64(len(dc))]
	if e.s == "" || !e.t.Equal(t) || e.t.Location() != t.Location() {
		e.t, e.s = t, isoDate(t)
	}
	return e.s
}

// reset makes the memory of earlier records free for reuse and sizes new
// chunks for the events of sents, as records uses them: each event's
// contexts (and those records adds), category, mode, trigger words and
// their text; its entities; its word spans; its location, where its
// sentence names a place.
func (m *recordMemory) reset(sents []sent, dates *dateCache) {
	var strs, ents, spans, locs, parties int
	for i := range sents {
		for k := range sents[i].evs {
			ev := &sents[i].evs[k]
			strs += len(ev.Contexts) + len(sents[i].cued) + moreContexts + 3 + len(ev.Words)
			ents += len(ev.Actor) + len(ev.Recipient) + len(ev.Speaker)
			parties++
			spans += len(ev.Words)
			if len(sents[i].places) > 0 {
				locs++
			}
		}
	}
	m.strs.Reset()
	m.ents.Reset()
	m.spans.Reset()
	m.locs.Reset()
	m.parties.Reset()
	m.dates = dates
	m.strs.Chunk, m.ents.Chunk, m.spans.Chunk, m.locs.Chunk = strs, ents, spans, locs
	// Each event's actor and recipient lists, and an implied actor.
	m.parties.Chunk = ents + parties
}

// moreContexts is the most contexts records adds to an event's own:
// future, negation, hypothetical, historical and military.
const moreContexts = 5

func docID(doc document.Document) string {
	if doc.ID != "" {
		return doc.ID
	}
	return "doc"
}

// checkText rejects binary data: NUL bytes or a high share of control
// characters.
func checkText(s string) error {
	n := len(s)
	if n > 4096 {
		n = 4096
	}
	ctrl := 0
	for i := 0; i < n; i++ {
		// Most text has a control character a paragraph: skip to it.
		if i = ascii.Printable(s[:n], i); i == n {
			break
		}
		b := s[i]
		if b == 0 {
			return fmt.Errorf("%w: it contains NUL bytes (binary data?)", ErrNotText)
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	if ctrl*10 > n {
		return fmt.Errorf("%w: too many control characters (binary data?)", ErrNotText)
	}
	return nil
}

// quoteBalance says whether a sentence opens a quotation it does not close
// (+1) or closes one it did not open (-1).
func quoteBalance(s string) int {
	n := strings.Count(s, "\"")
	if n%2 == 0 {
		return 0
	}
	if strings.HasPrefix(strings.TrimSpace(s), "\"") {
		return 1
	}
	return -1
}

// carryQuoteSpeakers gives the events of the sentences of a quotation the
// speaker named where the quotation closes ("... end by September," it
// announced).
func carryQuoteSpeakers(sents []sent) {
	for i := range sents {
		if sents[i].quote != 1 {
			continue
		}
		for j := i + 1; j < len(sents) && j <= i+6; j++ {
			if sents[j].quote == 1 {
				break
			}
			if sents[j].quote == -1 {
				var sp []actors.Entity
				for _, ev := range sents[j].evs {
					if len(ev.Speaker) > 0 {
						sp = ev.Speaker
						break
					}
				}
				if sp != nil {
					for k := i; k < j; k++ {
						for e := range sents[k].evs {
							if len(sents[k].evs[e].Speaker) == 0 {
								sents[k].evs[e].Speaker = sp
							}
						}
					}
				}
				break
			}
		}
	}
}

// contextsOf appends to dst the contexts cued by the words of a sentence,
// each once; cand is scratch space.
//
// A cue inside a longer cue of another context cues nothing: "tear gas"
// is repression, not a natural resource.
func (c *Coder) contextsOf(dst []string, cand *[]int, s *phrase.Sentence) []string {
	type hit struct {
		start, end int
		context    string
	}
	var buf [16]hit
	hits := buf[:0]
	for i := c.cueIdx.Next(s, 0); i < len(s.Toks); i = c.cueIdx.Next(s, i+1) {
		*cand = c.cueIdx.Candidates((*cand)[:0], s, i)
		for _, k := range *cand {
			// A cue has no gaps: it spans one token per item.
			if c.cuePats[k].Matches(s, i, nil) && !inName(s, i, c.cuePats[k].Len()) {
				hits = append(hits, hit{i, i + c.cuePats[k].Len(), c.cues[k].context})
			}
		}
	}
	start := len(dst)
	for _, h := range hits {
		inside := false
		for _, o := range hits {
			if o.context != h.context && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
				inside = true
				break
			}
		}
		if !inside && !slices.Contains(dst[start:], h.context) {
			dst = append(dst, h.context)
		}
	}
	return dst
}

// inName reports whether a one-word cue at token i is a word of a
// capitalised name: "Min Aung Hlaing" cues no mining, "General Gold" no
// gold. An acronym ("IMF") and a capitalised word alone ("Parliament")
// still cue.
func inName(s *phrase.Sentence, i, n int) bool {
	t := &s.Toks[i]
	if n != 1 || !t.Cap || t.Upper {
		return false
	}
	capWord := func(j int) bool {
		return j >= 0 && j < len(s.Toks) && s.Toks[j].Kind == tokenize.Word && s.Toks[j].Cap && !s.Toks[j].Upper
	}
	return capWord(i-1) && i-1 > 0 || capWord(i+1)
}

// deliveredBySpeaker reports whether ev is a diplomatic complaint or
// demand told without its doer (its caller checks there is none): "the
// ministry said a formal protest was delivered to the ambassador" is the
// ministry's own.
func deliveredBySpeaker(ev *events.Event) bool {
	if ev.Category != plover.Accuse && ev.Category != plover.Request {
		return false
	}
	return slices.Contains(ev.Trigger.Contexts, "diplomatic")
}

func appendUnique(xs []string, ys ...string) []string {
	for _, y := range ys {
		dup := false
		for _, x := range xs {
			if x == y {
				dup = true
				break
			}
		}
		if !dup {
			xs = append(xs, y)
		}
	}
	return xs
}

// findPlaces finds place names after "in", "at", "near", "outside" that the
// gazetteer knows.
// wordSet makes a set of words.
func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func (c *Coder) findPlaces(text string, s *phrase.Sentence) []placeRef {
	if c.places == nil {
		return nil
	}
	var out []placeRef
	toks := s.Toks
	// A month or a day after a preposition is a date: "in March", "on
	// Monday".
	inTime := func(i int) bool {
		return toks[i].Cap && (timex.IsMonth(toks[i].Lower) || timex.IsWeekday(toks[i].Lower))
	}
	// The vocabulary mark turns down most tokens before the switch below
	// compares strings.
	next := func(i int) int {
		if c.placeMark == 0 {
			return i
		}
		return s.NextMarked(i, c.placeMark)
	}
	for i := next(0); i+1 < len(toks); i = next(i + 1) {
		// A marked token is a place word or "of": only an unmarked
		// vocabulary (no mark left) asks the set.
		switch l := toks[i].Lower; {
		case l == "over":
			// "shot down over Belgorod", not "sanctions over Crimea".
			if !c.airBefore(toks, i) {
				continue
			}
		case l != "of" && l != "to" && l != "between" && (c.placeMark != 0 || c.placeWords[l]):
		case l == "of":
			// "the town of Goma", "the streets of Conakry"; so "pulled
			// out of Goma", where the withdrawal was.
			if i < 1 || !c.placeHeads[toks[i-1].Lower] && toks[i-1].Lower != "out" {
				continue
			}
		case l == "to":
			// "on the road to Goma", "the highway to Kabul": where a
			// road goes is where what happened on it did.
			if i < 1 || !c.roadHeads[toks[i-1].Lower] {
				continue
			}
		case l == "between":
			// "the road between Cochabamba and Santa Cruz": towns, not
			// the parties of "talks between Russia and Ukraine".

		default:
			continue
		}
		if inTime(i + 1) {
			continue
		}
		j := i + 1
		if toks[j].Lower == "the" && j+1 < len(toks) {
			j++
		}
		// "in the capital Harare", "in the port city, Mombasa": the name
		// after a lower-case head in apposition.
		// (Past up to two adjectives: "the southern regional capital
		// Juba".)
		h := j
		for h < j+2 && h+1 < len(toks) && toks[h].Kind == tokenize.Word && !toks[h].Cap && !appositionHead(toks[h].Lower) {
			h++
		}
		if n := h + 1; n+1 < len(toks) && !toks[h].Cap && appositionHead(toks[h].Lower) {
			if toks[n].Text == "," {
				n++
			}
			if toks[n].Cap {
				j = n
			}
		}
		// "in northwestern Nigeria": the name after a direction word is
		// the place, unless the two are a name ("Northern Ireland").
		if pr, ok := c.placeAt(text, s, j); ok {
			// "the highway to Georgia" leads out of the country it is
			// in: only a town a road goes to says where.
			if toks[i].Lower == "to" || toks[i].Lower == "between" {
				if _, isCountry := c.countryNames[joinTokens(text, toks[pr.from:pr.to])]; isCountry {
					i = pr.to - 1
					continue
				}
			}
			// "near Kobe (Djugu, Ituri)": the divisions in brackets
			// after a name say which place of that name it is.
			if pr.to < len(toks) && toks[pr.to].Text == "(" {
				if br, ok := c.bracketedPlace(text, s, pr.from); ok && br.country != pr.country {
					pr = br
				}
			}
			pr.tok = i
			// "the Iranian town of Saravan" is in the country the
			// adjective before the head names, whatever other place
			// has that name.
			if l := toks[i].Lower; l == "of" && i >= 2 {
				if cc := c.headCountry(text, toks, i-1); cc != "" {
					pr.country, pr.in = cc, true
				}
			}
			out = append(out, pr)
			i = pr.to - 1
		} else if j+1 < len(toks) && c.directions[toks[j].Lower] {
			if pr, ok := c.placeAt(text, s, j+1); ok {
				pr.tok = i
				out = append(out, pr)
				i = pr.to - 1
			}
		} else if pr, ok := c.bracketedPlace(text, s, j); ok {
			pr.tok = i
			out = append(out, pr)
			i = pr.to - 1
		}
	}
	// "shelled the regional capital Juba": a name after a head of
	// apposition says where, with no preposition before it.
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].Cap || !appositionHead(toks[i].Lower) || !toks[i+1].Cap || slices.ContainsFunc(out, func(p placeRef) bool { return p.from == i+1 }) {
			continue
		}
		if pr, ok := c.placeAt(text, s, i+1); ok {
			pr.tok = i
			out = append(out, pr)
		}
	}
	slices.SortFunc(out, func(a, b placeRef) int { return a.from - b.from })
	// "near Palma in northern Mozambique": a place followed by its
	// country is read in that country (not Mallorca's Palma); where the
	// gazetteer knows no place of that name there, the country is where
	// it happened.
	kept := out[:0]
	for k := range out {
		p := out[k]
		if k+1 < len(out) {
			q := out[k+1]
			// "near Tawila in North Darfur": a minor place (see
			// minorFits) followed by a place of another country is
			// another place of its name.
			if p.minor && q.tok == p.to && q.country != "" && q.country != p.country {
				continue
			}
			if _, isCountry := c.countryNames[joinTokens(text, toks[q.from:q.to])]; isCountry && q.tok == p.to && q.country != "" && q.country != p.country {
				pl, ok := c.places.Resolve(joinTokens(text, toks[p.from:p.to]), []string{q.country})
				if !ok || pl.CountryCode != q.country {
					continue
				}
				p.country = q.country
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// airBefore reports whether one of the four words before token i is an
// air-word of grammar.txt, so that "over" at i says where: "a drone was
// shot down over Belgorod".
func (c *Coder) airBefore(toks []tokenize.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if c.airWords[toks[k].Lower] {
			return true
		}
	}
	return false
}

// headCountry returns the country that the words before a place head at
// token h name, past up to two lower-case words: "the Iranian town of",
// "Bolivia's farming region of"; or "".
func (c *Coder) headCountry(text string, toks []tokenize.Token, h int) string {
	for k := h - 1; k >= 0 && k >= h-3; k-- {
		t := &toks[k]
		if cc, ok := c.countryAdjectives[t.Text]; ok {
			return cc
		}
		if (t.Lower == "'s" || t.Lower == "'") && k > 0 {
			for n := 1; n <= 3 && k-n >= 0; n++ {
				if cc, ok := c.countryNames[joinTokens(text, toks[k-n:k])]; ok {
					return cc
				}
			}
			return ""
		}
		if t.Kind != tokenize.Word || t.Cap {
			return ""
		}
	}
	return ""
}

// bracketedPlace reads a name the gazetteer lacks by the divisions in
// brackets after it, as conflict notes give them: "the village of Kwall
// (Bassa, Plateau)" is in Plateau State's Bassa, Nigeria's. The widest
// division is read first, and the narrower in its country.
func (c *Coder) bracketedPlace(text string, s *phrase.Sentence, j int) (placeRef, bool) {
	toks := s.Toks
	e := j
	for e < len(toks) && e < j+4 && toks[e].Kind == tokenize.Word && toks[e].Cap {
		e++
	}
	if e == j || e+2 >= len(toks) || toks[e].Text != "(" {
		return placeRef{}, false
	}
	// The parts, each a run of capitalised words, up to ")".
	var parts [3][2]int
	n := 0
	for k := e + 1; k < len(toks) && k < e+12 && n < len(parts); {
		a := k
		for k < len(toks) && toks[k].Kind == tokenize.Word && toks[k].Cap {
			k++
		}
		if k == a || k >= len(toks) {
			return placeRef{}, false
		}
		parts[n] = [2]int{a, k}
		n++
		if toks[k].Text == ")" {
			break
		}
		if toks[k].Text != "," {
			return placeRef{}, false
		}
		k++
	}
	if n == 0 {
		return placeRef{}, false
	}
	// Each country the widest division may be in is tried; the one in
	// which most of the narrower names are found wins ("Plateau" is a
	// state of Nigeria and a department of Benin, "Bassa" is in the
	// first).
	var best placeRef
	bestN := 0
	for _, wide := range c.places.Lookup(joinTokens(text, toks[parts[n-1][0]:parts[n-1][1]])) {
		cc := wide.CountryCode
		if cc == "" {
			continue
		}
		found, ref := 1, placeRef{from: parts[n-1][0], to: parts[n-1][1], country: cc}
		for p := n - 2; p >= 0; p-- {
			if pl, ok := c.places.Resolve(joinTokens(text, toks[parts[p][0]:parts[p][1]]), []string{cc}); ok && pl.CountryCode == cc {
				found++
				ref = placeRef{from: parts[p][0], to: parts[p][1], country: cc}
			}
		}
		if found > bestN {
			best, bestN = ref, found
		}
	}
	return best, bestN > 0
}

// localForces gives a role noun that a place's name stands before the
// place's country: "the Katsina State Police Command", "Kaduna police",
// "the Lagos State Government" are Nigeria's. Only a name the lexicon
// does not know as a word counts ("Republican lawmakers" are no place's).
func (c *Coder) localForces(ms []actors.Mention, s *phrase.Sentence, text string, actx *actors.Context) {
	if c.places == nil {
		return
	}
	toks := s.Toks
	for k := range ms {
		m := &ms[k]
		if m.Kind != actors.Agent || len(m.Entities) != 1 || !m.Entities[0].Generic {
			continue
		}
		st := m.Start
		if st < len(toks) && !toks[st].Cap {
			st = m.HeadStart
		}
		// The capitalised run before the role, up to four words that
		// no other mention covers.
		from := st
		for from > 0 && st-from < 4 && toks[from-1].Kind == tokenize.Word && toks[from-1].Cap && s.Words[from-1].Tag&lexicon.DET == 0 && (k == 0 || ms[k-1].End <= from-1) {
			from--
		}
		for j := from; j < st; j++ {
			if st-j == 1 && s.Words[j].Stem != 0 || timex.IsWeekday(toks[j].Lower) || timex.IsMonth(toks[j].Lower) {
				continue
			}
			// No minor place is notable: the main tables alone
			// are asked.
			pl, ok := c.places.ResolveMain(joinTokens(text, toks[j:st]), nil)
			if !ok || pl.CountryCode == "" || !notable(pl) {
				continue
			}
			m.Entities[0].Code, m.Entities[0].Generic = pl.CountryCode, false
			m.Entities[0].Start = toks[j].Start
			m.Generic = false
			// The mention takes the place's name in: "by the Zamfara
			// State Police Command" is its agent.
			if m.Start > j {
				m.Start = j
				if j > 0 && s.Words[j-1].Tag&lexicon.DET != 0 {
					m.Start = j - 1
				}
			}
			actx.Note(pl.CountryCode)
			break
		}
	}
}

// notable reports whether a place is known enough for its name alone,
// before a role, to stand for it: a province or district, a capital, or
// a large town ("Kaduna police"), not a village that shares a word's
// spelling ("Cocoa farmers", "the Federal Minister"), nor a district of
// the gazetteer's minor tables, many of which share a surname's spelling
// ("Camacho supporters", Bolivia's Camacho province).
func notable(pl place.Place) bool {
	return pl.FeatureClass == "A" && !pl.Minor || pl.FeatureCode == "PPLC" || strings.HasPrefix(pl.FeatureCode, "PPLA") && pl.Population >= 50000 || pl.Population >= 200000
}

// seizedPlaces reads an arrest whose object is a place name the
// gazetteer knows as the place's seizure: "the rebels captured Lalo and
// Wajwok".
func (c *Coder) seizedPlaces(text string, ps *phrase.Sentence, evs []events.Event) {
	for k := range evs {
		ev := &evs[k]
		if ev.Category != plover.Coerce || ev.Mode != "arrest" || len(ev.Recipient) > 0 || ev.Kind != 'V' {
			continue
		}
		j := ev.Words[len(ev.Words)-1] + 1
		if j < len(ps.Toks) && ps.Toks[j].Lower == "the" {
			j++
		}
		if j >= len(ps.Toks) || c.places == nil {
			continue
		}
		if _, ok := c.placeAt(text, ps, j); ok {
			// The trigger's contexts are the dictionary's: a new slice,
			// with the arrest's "legal" left out.
			ctx := make([]string, 0, len(ev.Contexts)+1)
			for _, x := range ev.Contexts {
				if x != "legal" {
					ctx = append(ctx, x)
				}
			}
			ev.Mode, ev.Contexts = "seize", appendUnique(ctx, "territory")
		}
	}
}

// cutPoint returns where to cut text to at most max bytes: after the
// last paragraph break before max, else the last line break, else the
// last sentence's full stop, else the last space, in the second half of
// those bytes; else at the last character boundary.
func cutPoint(text string, max int) int {
	head := text[:max]
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		if i := strings.LastIndex(head, sep); i >= max/2 {
			return i + len(sep)
		}
	}
	for max > 0 && !utf8.RuneStart(text[max]) {
		max--
	}
	return max
}

// placeAt reads the longest place name of up to three capitalised words
// at token j that the gazetteer knows.
func (c *Coder) placeAt(text string, s *phrase.Sentence, j int) (placeRef, bool) {
	toks := s.Toks
	if !toks[j].Cap {
		return placeRef{}, false
	}
	for n := 3; n >= 1; n-- {
		if j+n > len(toks) {
			continue
		}
		ok := true
		for k := j; k < j+n; k++ {
			if toks[k].Kind != tokenize.Word || !toks[k].Cap && toks[k].Lower != "of" {
				ok = false
			}
		}
		if !ok {
			continue
		}
		// "the Khor Shamam area": a name that goes on in a word no
		// dictionary knows is another place than the one its first
		// words name ("Khor", Qatar); "Plateau State", "Gaza City",
		// "the Karachi Press Club" are in the place they start with.
		if e := j + n; e < len(toks) && toks[e].Kind == tokenize.Word && toks[e].Cap && s.Words[e].Name == 0 && !c.placeHeads[toks[e].Lower] && !timex.IsMonth(toks[e].Lower) && !timex.IsWeekday(toks[e].Lower) {
			continue
		}
		// "the Federal Government": a one-word name that is also a word
		// of the dictionaries, before another capitalised word, is a
		// word of an institution's name, not a place.
		if e := j + n; n == 1 && s.Words[j].Stem != 0 && e < len(toks) && toks[e].Kind == tokenize.Word && toks[e].Cap {
			continue
		}
		// "the Line of Control", "the Cape of Good Hope": one word
		// of a longer name with "of" is no place of its own (Kiribati's
		// Line Islands).
		if e := j + n; n == 1 && e+1 < len(toks) && toks[e].Lower == "of" && toks[e+1].Cap && toks[e+1].Kind == tokenize.Word {
			continue
		}
		// "the West", "in the North": a compass word alone names a
		// side of the world or of a country, not Cameroon's region of
		// that name.
		if n == 1 && c.directions[toks[j].Lower] {
			continue
		}
		// "the UN compound", "an AU mission": a short acronym is an
		// organisation's, not a town's name in capitals ("Un", India),
		// unless it names a country ("US", "DRC").
		if t := toks[j].Text; n == 1 && len(t) <= 4 && t == strings.ToUpper(t) {
			if _, ok := c.countryNames[t]; !ok {
				continue
			}
		}
		// A minor place is asked for only where minorName would take
		// it, so that ordinary names never search the minor tables.
		name := joinTokens(text, toks[j:j+n])
		// "Plateau state" written without its capital is Plateau
		// State, Nigeria's, not Benin's Plateau department.
		if e := j + n; e < len(toks) && toks[e].Lower == "state" && !toks[e].Cap {
			if pl, ok := c.places.ResolveMain(name+" State", nil); ok {
				return placeRef{from: j, to: e + 1, country: pl.CountryCode, minor: pl.Minor}, true
			}
		}
		pl, ok := c.places.ResolveMain(name, nil)
		if !ok && minorName(s, toks, j, j+n, c.placeHeads) {
			pl, ok = c.places.Resolve(name, nil)
		}
		// "the Tirah valley": a small town's other spelling before a
		// word of the land names that valley or river, not the town
		// (Israel's Et Tira).
		if ok && n == 1 && pl.FeatureClass == "P" && pl.Population < 100000 && pl.Name != name && j+1 < len(toks) && !toks[j+1].Cap && landFeature(toks[j+1].Lower) {
			ok = false
		}
		// "in the Red Sea", "over the Gulf of Aden": a sea is no
		// division of a country (Sudan's Red Sea state) unless a word
		// after it says so ("Egypt's Red Sea governorate").
		if ok && pl.FeatureClass == "A" && waterName(toks[j:j+n]) && (j+n >= len(toks) || !c.placeHeads[toks[j+n].Lower]) {
			ok = false
		}
		if ok {
			cc := pl.CountryCode
			if code, ok := c.countryNames[name]; ok {
				cc = code
			}
			return placeRef{from: j, to: j + n, country: cc, minor: pl.Minor}, true
		}
	}
	// "the Kaduna-Abuja highway", "the Goma-Rutshuru road": two places
	// joined by a hyphen are where both are, where they are in one
	// country.
	if t := toks[j]; t.Kind == tokenize.Word && strings.Count(t.Text, "-") == 1 {
		a, b, _ := strings.Cut(t.Text, "-")
		if len(a) > 1 && len(b) > 1 && isUpper(a[0]) && isUpper(b[0]) {
			pa, okA := c.places.Resolve(a, nil)
			pb, okB := c.places.Resolve(b, nil)
			if okA && okB && pa.CountryCode == pb.CountryCode {
				return placeRef{from: j, to: j + 1, country: pa.CountryCode}, true
			}
		}
	}
	return placeRef{}, false
}

// sameClause reports whether no comma stands between tokens a and b: "an
// attack ... in Ukraine's Odesa region", not "shelled Juba, killing 20,
// relief officials in Nairobi said".
func sameClause(toks []tokenize.Token, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for j := a; j < b && j < len(toks); j++ {
		if toks[j].Kind == tokenize.Punct && toks[j].Text == "," {
			return false
		}
	}
	return true
}

// appositionHead reports whether a lower-case noun may stand before a
// place's name in apposition: "the capital Harare", "the town, Goma".
func appositionHead(l string) bool {
	switch l {
	case "capital", "city", "town", "village", "port":
		return true
	}
	return false
}

// waterName reports whether a name's first or last word is a word of
// the sea: "Red Sea", "Gulf of Aden", "Strait of Hormuz".
func waterName(toks []tokenize.Token) bool {
	for _, t := range [2]tokenize.Token{toks[0], toks[len(toks)-1]} {
		switch t.Lower {
		case "sea", "ocean", "gulf", "strait", "straits", "channel", "bay":
			return true
		}
	}
	return false
}

// landFeature reports whether a lower-case word names a feature of the
// land that a name before it may be the name of: "valley", "river".
func landFeature(l string) bool {
	switch l {
	case "valley", "river", "mountains", "hills", "gorge", "plain", "plains", "desert", "forest", "lake", "pass":
		return true
	}
	return false
}

// minorFits keeps of places, the places of a sentence, the minor places
// (small towns and district seats the gazetteer finds only by names no
// larger place has) that lie where the story is: in a country that a
// mention of the sentence names, or in salient, the story's country
// before the sentence, or anywhere when neither is known ("clashes in
// Bunagana" alone is Uganda's). "Malaysia's prime minister sent
// condolences over the landslides in Java" is not about Java, Georgia.
// It notes the countries of the minor places it keeps in actx, and where
// the story had no country, gives the first one to the sentence's unnamed
// actors, as a place noted before they were found would have.
func (c *Coder) minorFits(places []placeRef, ms []actors.Mention, salient string, actx *actors.Context) []placeRef {
	if !slices.ContainsFunc(places, func(p placeRef) bool { return p.minor }) {
		return places
	}
	named := func(code string) bool {
		for k := range ms {
			for _, e := range ms[k].Entities {
				if !e.Generic && e.Code == code {
					return true
				}
			}
		}
		return false
	}
	anyNamed := salient != ""
	for k := 0; k < len(ms) && !anyNamed; k++ {
		for _, e := range ms[k].Entities {
			if !e.Generic && c.actors.IsCountry(e.Code) {
				anyNamed = true
			}
		}
	}
	kept := places[:0]
	for _, p := range places {
		if p.minor {
			if anyNamed && p.country != salient && !named(p.country) {
				continue
			}
			actx.Note(p.country)
			if !anyNamed {
				unnamedIn(ms, p.country)
				anyNamed = true
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// unnamedIn gives the unnamed actors of ms that have no country code.
func unnamedIn(ms []actors.Mention, code string) {
	for k := range ms {
		for i := range ms[k].Entities {
			if e := &ms[k].Entities[i]; e.Generic && e.Code == "" {
				e.Code = code
			}
		}
	}
}

// minorName reports whether the words from to to, which name a minor
// place of the gazetteer (a small town or a district seat), name that
// place: the sentence is not in title case, where a capital tells
// nothing ("Protest Held Near Church"), not all the words are words or
// names the dictionaries know ("in Congress"; "North Waziristan" has one
// they do not), and no capitalised word but a place head ("Kupwara
// District") goes on from them ("from Hamid Karzai").
func minorName(s *phrase.Sentence, toks []tokenize.Token, from, to int, heads map[string]bool) bool {
	if s.TitleCase {
		return false
	}
	unknown := false
	for k := from; k < to; k++ {
		if w := s.Words[k]; w.Name == 0 && w.Stem == 0 && w.Tag == 0 {
			unknown = true
		}
	}
	if !unknown {
		return false
	}
	if to == len(toks) {
		return true
	}
	// "Cox's Bazar": a word that goes on past an apostrophe.
	if next := toks[to]; next.Start == toks[to-1].End && (next.Kind == tokenize.Word || strings.HasPrefix(next.Text, "'") || strings.HasPrefix(next.Text, "’")) {
		return false
	}
	return toks[to].Kind != tokenize.Word || !toks[to].Cap || heads[toks[to].Lower]
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// joinTokens returns the words of ts, one space apart. text is the string
// the tokens were cut from: words one space apart there are returned as
// they stand.
func joinTokens(text string, ts []tokenize.Token) string {
	plain := true
	for i := 1; i < len(ts); i++ {
		if ts[i].Start != ts[i-1].End+1 || text[ts[i-1].End] != ' ' {
			plain = false
			break
		}
	}
	if plain && len(ts) > 0 {
		return text[ts[0].Start:ts[len(ts)-1].End]
	}
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// ledeDate is the day the story's first sentences give ("... said on
// Sunday"): news tells one day's events, and sentences that name no date
// of their own belong to it. It is zero when the lede names no day of
// the week before pub.
func (c *Coder) ledeDate(sents []sent, lower *tokenize.Buffer, text string, pub time.Time) time.Time {
	var buf []tokenize.Token
	for i := 0; i < len(sents) && i < 2; i++ {
		times := sents[i].times
		if sents[i].evs == nil {
			buf = c.tok.TokenizeBuf(buf[:0], text, sents[i].span.Start, sents[i].span.End, lower)
			times = timex.Find(buf, pub)
		}
		for _, t := range times {
			// A day months before the story's ("since the attack
			// on October 7") tells background, not the day's news.
			if !t.Deadline && t.Precision == timex.Day && !t.Past.Before(pub.AddDate(0, 0, -7)) {
				return t.Past
			}
		}
	}
	return time.Time{}
}

// records appends one sentence's events to out as PLOVER records.
func (c *Coder) records(out []plover.Event, mem *recordMemory, doc document.Document, text *normalize.Text, s *sent, pub, lede time.Time) []plover.Event {
	sentStart, sentEnd := text.Span(s.span.Start, s.span.End)
	for i := range s.evs {
		ev := &s.evs[i]
		if ev.Suppressed {
			continue
		}
		ctx := append(mem.strs.Take(len(ev.Contexts)+len(s.cued)+moreContexts), ev.Contexts...)
		ctx = appendUnique(ctx, s.cued...)
		if ev.Future {
			ctx = appendUnique(ctx, "future")
		}
		if ev.Negated {
			ctx = appendUnique(ctx, "negation")
		}
		if ev.Hypothetical {
			ctx = appendUnique(ctx, "hypothetical")
		}
		if ev.Background {
			ctx = appendUnique(ctx, "historical")
		}
		if !c.opts.All && (ev.Negated || ev.Hypothetical || ev.Background) {
			continue
		}
		// Role nouns the text gives no country belong where the event
		// happened ("jihadists attacked a checkpoint near Mopti"), or
		// else an armed actor's to its recipient's country ("jihadists
		// killed 100 Burkinabe soldiers"), or else to the country the
		// story is about (its dateline's, until it names others), or
		// else to the one country their sentence names ("a soldier was
		// killed in an ambush, the Philippine Army said").
		loc, where := c.locationOf(text, s, ev, mem)
		here := s.placeCountry(loc)
		// "forced the insurgents to flee across the border into
		// Afghanistan": a country gone into is where the act led, not
		// the country of the forces that did it.
		actorHere := here
		if l := s.toks[where.tok].Lower; loc != nil && (l == "into" || l == "towards" || l == "toward") {
			actorHere = ""
		}
		hostile := ev.Category == plover.Assault || ev.Category == plover.Coerce || ev.Category == plover.Threaten || ev.Category == plover.Mobilize
		recip := placeUnnamed(&mem.parties, abroad(ourOwn(&mem.parties, ev.Recipient, ev.Speaker, text.S), here, s), here, ev.Actor, hostile, s.named, c.actors.IsCountry)
		// "'We condemn this attack,' the minister said": the speaker's.
		if len(ev.Actor) == 0 && (ev.FirstPerson || deliveredBySpeaker(ev)) && len(ev.Speaker) > 0 {
			ev.Actor = ev.Speaker
		}
		actor := placeUnnamed(&mem.parties, abroad(storyForces(ownForces(ev.Actor, ev.Speaker, c.actors.IsCountry), ev.Recipient, actorHere, s), actorHere, s), actorHere, ev.Recipient, hostile, s.named, c.actors.IsCountry)
		recip = counterparts(&mem.parties, recip, actor, text.S)
		// "Activists were arrested": by police, where it happened.
		if len(actor) == 0 && ev.Trigger.Implied != "" && !ev.Governed {
			actor = append(mem.parties.Take(1), impliedActor(s, ev, here))
		}
		if !c.opts.All && len(actor) == 0 && len(ev.Claimant) == 0 && !c.reportedWithoutActor(ev, doc.Text, text, s) {
			continue
		}
		// PLOVER's coding rules (package rewrite): announced cooperation
		// is AGREE, leaving an organisation SANCTION, and so on.
		rw := rewrite.Event{Category: ev.Category, Mode: ev.Mode, Actor: actor, Recipient: recip,
			Future: ev.Future, Reciprocal: ev.Trigger.Reciprocal, Arrival: ev.Trigger.Arrival, Claimant: ev.Claimant,
			Military: slices.Contains(ev.Contexts, "military")}
		if ev.Future {
			rw.ThreatMode = events.ThreatMode(ev)
		}
		var names [4]string
		applied := c.rewrites.Apply(&rw, names[:0])
		if rw.Drop {
			continue
		}
		cat, mode, actor, recip := string(rw.Category), rw.Mode, rw.Actor, rw.Recipient
		// "Russians shelled Chuhuiv": a people that shells, bombs or
		// sends drones is its state's forces.
		if cat == "ASSAULT" && (mode == "heavy-weapons" || mode == "aerial" || mode == "drone") {
			actor = armedPeople(&mem.parties, actor)
		}
		ctx = appendUnique(ctx, rw.Contexts...)
		// Aid given, or a sanction laid, in another country than the
		// giver's goes to that country: "Qatari volunteers handed out
		// food parcels in Taiz". So does an attack with no target
		// named: "a Russian drone attack damaged energy facilities in
		// Ukraine's Odesa region".
		if len(recip) == 0 && (plover.RequiresRecipient(cat) || cat == "ASSAULT" && len(actor) == 1 && !ev.Trigger.Reciprocal && sameClause(s.toks, ev.Anchor, where.tok)) && loc != nil && loc.CountryCode != "" && len(actor) > 0 && namedCountry(actor) != loc.CountryCode && namedCountry(actor) != "" {
			recip = append(mem.parties.Take(1), actors.Entity{Code: loc.CountryCode, Start: s.toks[where.from].Start, End: s.toks[where.to-1].End})
		}
		// Aid a government gives in its own country goes to the people
		// there: "the disaster authority dispatched tents to the Swat
		// valley".
		if len(recip) == 0 && cat == "AID" && loc != nil && loc.CountryCode != "" && allOf(actor, loc.CountryCode) {
			recip = append(mem.parties.Take(1), actors.Entity{Code: loc.CountryCode, Sector: "CVL", Start: s.toks[where.from].Start, End: s.toks[where.to-1].End})
		}
		// A reciprocal event lists every party as actor and needs no
		// recipient (PLOVER's compound and reciprocal actors).
		if !c.opts.All && plover.RequiresRecipient(cat) && len(recip) == 0 && len(actor) < 2 {
			continue
		}
		// "Senegal beat Mali 2-1": a match, not an assault; "a storm
		// destroyed homes", "investors beat a hasty retreat": no
		// politics at work (guards.txt).
		if guarded(cat, actor, recip, func() uint8 {
			if !s.guardsRead {
				s.guards, s.guardsRead = c.guards.kinds(text.S, s.toks), true
			}
			return s.guards
		}) {
			continue
		}
		rec := plover.Event{
			Actor:      entities(mem, doc.Text, text, actor),
			Recipient:  entities(mem, doc.Text, text, notIn(recip, actor)),
			Event:      append(mem.strs.Take(1), cat),
			QuadCode:   plover.Quad(cat),
			EventScale: plover.Score(cat, mode),
			Text:       doc.Text[sentStart:sentEnd],
			TextInfo:   plover.TextInfo{Sequence: s.seq, Start: sentStart, End: sentEnd},
			CiteInfo:   plover.CiteInfo{URL: doc.URL, Title: doc.Title, Publication: doc.Source, Coder: "dyad", Codebook: "plover-2.0"},
			DocID:      docID(doc),
		}
		if mode != "" {
			rec.Mode = append(mem.strs.Take(1), mode)
		}
		for _, e := range actor {
			if e.Sector == "MIL" {
				ctx = appendUnique(ctx, "military")
			}
		}
		// Trigger words, as evidence.
		words := mem.strs.Take(len(ev.Words))
		rec.EventSpans = mem.spans.Take(len(ev.Words))
		for _, w := range ev.Words {
			a, b := text.Span(s.toks[w].Start, s.toks[w].End)
			rec.EventSpans = append(rec.EventSpans, plover.Span{Start: a, End: b})
			words = append(words, doc.Text[a:b])
		}
		switch sp := rec.EventSpans; {
		case len(words) == 1:
			rec.EventText = words
		case oneSpaceApart(doc.Text, sp):
			rec.EventText = append(mem.strs.Take(1), doc.Text[sp[0].Start:sp[len(sp)-1].End])
		default:
			rec.EventText = append(mem.strs.Take(1), strings.Join(words, " "))
		}
		rec.Attribution = entities(mem, doc.Text, text, ev.Speaker)
		// Dates.
		date, prec, deadline := c.dateOf(s, ev, pub)
		if prec == "publication" && !lede.IsZero() {
			date, prec = lede, timex.Day
		}
		rec.Date = mem.dates.iso(date)
		rec.DatePrecision = prec
		if !deadline.IsZero() {
			rec.Deadline = mem.dates.iso(deadline)
		}
		if prec != "publication" && date.Before(pub.AddDate(-1, 0, 0)) {
			ctx = appendUnique(ctx, "historical")
		}
		rec.Context = ctx
		if ev.Trigger.Cameo != "" && cat == string(ev.Category) {
			rec.Cameo = ev.Trigger.Cameo
		} else {
			rec.Cameo = plover.NearestCameo(cat, mode)
		}
		rec.Goldstein = plover.Goldstein(rec.Cameo)
		rec.Rule = ev.Rule
		if len(applied) > 0 {
			rec.Rule = ev.Rule + " > " + strings.Join(applied, " > ")
		}
		rec.EventLoc = loc
		if rec.Mode == nil {
			rec.Mode = []string{}
		}
		if rec.Recipient == nil {
			rec.Recipient = []plover.Entity{}
		}
		if rec.Context == nil {
			rec.Context = []string{}
		}
		out = append(out, rec)
		// "Police fired tear gas at protesters": the protesters were
		// protesting, an event of their own where their sentence codes
		// none.
		if pr, ok := c.impliedProtest(&rec, s, mem); ok {
			out = append(out, pr)
		}
	}
	return out
}

// impliedProtest returns the protest that an act of the police or the
// army against protesters entails ("fired tear gas at hundreds of
// protesters", "arrested 30 demonstrators"), where the sentence codes no
// protest of its own: PROTEST demo by the protesters, dated as the act,
// the protesters' words its evidence, the act's rule followed by
// "> implied-protest".
func (c *Coder) impliedProtest(rec *plover.Event, s *sent, mem *recordMemory) (plover.Event, bool) {
	switch rec.Event[0] {
	case "ASSAULT", "COERCE":
	default:
		return plover.Event{}, false
	}
	police := len(rec.Actor) > 0
	for _, a := range rec.Actor {
		if a.Sector != "COP" && a.Sector != "MIL" {
			police = false
		}
	}
	// "broke up a protest by boda boda riders": the gathering the act
	// was against names its people, whoever broke it up.
	// (Not "strike", which an air strike shares.)
	gathering := false
	for _, t := range rec.EventText {
		for _, w := range strings.Fields(t) {
			l := strings.ToLower(w)
			gathering = gathering || c.gatheringNouns[l] && l != "strike"
			// "prevented a march by women's groups": no march was
			// held.
			if c.preventVerbs[l] {
				return plover.Event{}, false
			}
		}
	}
	if !police && !gathering || len(rec.Recipient) == 0 {
		return plover.Event{}, false
	}
	var who []plover.Entity
	for _, r := range rec.Recipient {
		// (A state under a blockade is no crowd: "an unprecedented
		// blockade against Mali".)
		if gathering && r.Sector != "" || c.namesProtesters(r.EntityText) {
			who = append(who, r)
		}
	}
	if len(who) == 0 {
		return plover.Event{}, false
	}
	for _, ev := range s.evs {
		if ev.Category == plover.Protest && !ev.Suppressed {
			return plover.Event{}, false
		}
	}
	pr := *rec
	pr.Event = append(mem.strs.Take(1), "PROTEST")
	pr.Mode = append(mem.strs.Take(1), "demo")
	pr.Actor, pr.Recipient = who, []plover.Entity{}
	pr.QuadCode, pr.EventScale = plover.Quad("PROTEST"), plover.Score("PROTEST", "demo")
	pr.EventText = append(mem.strs.Take(1), who[0].EntityText)
	pr.EventSpans = append(mem.spans.Take(1), plover.Span{Start: who[0].Start, End: who[0].End})
	pr.Cameo = plover.NearestCameo("PROTEST", "demo")
	pr.Goldstein = plover.Goldstein(pr.Cameo)
	pr.Rule = rec.Rule + " > implied-protest"
	pr.Context = []string{}
	pr.Attribution = rec.Attribution
	return pr, true
}

// namesProtesters reports whether one of the words of an entity's text
// is a protest noun ("hundreds of young protesters"), reading the words
// in place.
func (c *Coder) namesProtesters(text string) bool {
	for text != "" {
		var w string
		w, text, _ = strings.Cut(text, " ")
		if c.protestNouns[w] || w != "" && w[0] >= 'A' && w[0] <= 'Z' && c.protestNouns[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// reportedWithoutActor reports whether an event whose actor the text
// neither names nor entails is still news to code: violence, coercion or
// protest reported in a clause of its own ("two journalists were
// killed", "a convoy came under attack", "clashes left 20 dead"), not
// mentioned in passing ("after the protests", "to contain the riots")
// nor announced. (Guard words, checked for every event, then leave out
// disasters, crime and games.)
func (c *Coder) reportedWithoutActor(ev *events.Event, orig string, text *normalize.Text, s *sent) bool {
	switch ev.Category {
	case plover.Assault, plover.Coerce, plover.Protest:
	default:
		return false
	}
	if ev.Governed || ev.Future {
		return false
	}
	// "Extreme heat killed 500 pilgrims", "a bus plunged off a bridge,
	// killing 22": an active violent verb whose clause names no actor
	// and no armed violence before it reports harm of another kind.
	// So does damage no one is named for: "it hit the ground and
	// smashed windows".
	// (Not one read with its roles swapped, whose subject is the
	// target: "a police station came under attack".)
	if (ev.Category == plover.Assault || ev.Category == plover.Protest && ev.Mode == "vandalize") && ev.Kind == 'V' && !ev.Passive && ev.Trigger.Kind != 'H' {
		for i := ev.Anchor - 1; i >= 0; i-- {
			if c.violenceNouns[s.toks[i].Lower] {
				return true
			}
		}
		return false
	}
	return true
}

// allOf reports whether there are entities and all are of country code.
func allOf(es []actors.Entity, code string) bool {
	for _, e := range es {
		if e.Code != code {
			return false
		}
	}
	return len(es) > 0
}

// oneSpaceApart reports whether the spans of text follow each other one
// space apart, so that the text they cover is their words joined by
// spaces.
func oneSpaceApart(text string, sp []plover.Span) bool {
	for k := 1; k < len(sp); k++ {
		if sp[k].Start != sp[k-1].End+1 || text[sp[k-1].End] != ' ' {
			return false
		}
	}
	return len(sp) > 0
}

// isoDate formats t as time.Format("2006-01-02") does, without parsing
// the layout each time.
func isoDate(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02")
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// placeUnnamed gives the entities whose country the text does not name
// ("protesters", "gunmen": their country came from context, or none was
// known) the country of the evidence nearest them: here, the place where
// the sentence says the event happened; else, for armed men, the country
// of the first state named among others ("gunmen killed five Nigerian
// soldiers"); else the country the story was about when they were read;
// else that of the first state named among others; else named, the one
// country their sentence names. Where there is none they keep their
// sector without a country rather than a guessed one.
func placeUnnamed(mem *arena.Arena[actors.Entity], es []actors.Entity, here string, others []actors.Entity, hostile bool, named string, isCountry func(string) bool) []actors.Entity {
	unnamed := false
	for _, e := range es {
		if e.Generic || e.Code == "" {
			unnamed = true
		}
	}
	if !unnamed {
		return es
	}
	out := mem.Take(len(es))
	for _, e := range es {
		if e.Generic || e.Code == "" {
			switch {
			case here != "":
				e.Code = here
			// Only a state lends its country: bandits who attack a
			// Volkswagen's passengers are no multinational's. And only
			// in a hostile act: fighters who hand their weapons to
			// Russian forces are not Russia's.
			case hostile && actors.Armed(e.Sector) && isCountry(namedCountry(others)):
				e.Code = namedCountry(others)
			case !actors.Armed(e.Sector) && e.Code == "" && isCountry(namedCountry(others)):
				e.Code = namedCountry(others)
			case e.Code == "":
				e.Code = named
			}
			if e.Code == "" && e.Sector == "" {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// abroad gives an unnamed embassy or ambassador (actors.Entity.Abroad)
// the country the story is about other than the one it serves in, here:
// in a story about Nepal's aid to South Africa, "the embassy in
// Pretoria" is Nepal's. It returns es, or a copy with those entities
// named.
func abroad(es []actors.Entity, here string, s *sent) []actors.Entity {
	if here == "" {
		return es
	}
	home := s.salient
	if home == here {
		home = s.second
	}
	if home == "" {
		return es
	}
	return nameForces(es, home, func(e actors.Entity) bool { return e.Generic && e.Abroad })
}

// ourOwn gives the people a speaker calls "our" ("two of our fighters
// were killed," said the SDF) the speaker's country, and an armed
// group's forces its sector. It returns es, or a copy.
func ourOwn(mem *arena.Arena[actors.Entity], es, speaker []actors.Entity, text string) []actors.Entity {
	var sp *actors.Entity
	for i := range speaker {
		if !speaker[i].Generic && speaker[i].Code != "" {
			sp = &speaker[i]
			break
		}
	}
	our := func(e actors.Entity) bool {
		if !e.Generic || e.Start <= 0 || e.Start > len(text) {
			return false
		}
		before := strings.TrimRight(text[:e.Start], " ")
		return strings.HasSuffix(before, " our") || strings.HasSuffix(before, "\"Our") || before == "Our" || strings.HasSuffix(before, " Our")
	}
	if sp == nil || !slices.ContainsFunc(es, our) {
		return es
	}
	out := append(mem.Take(len(es)), es...)
	for i := range out {
		if our(out[i]) {
			out[i].Code, out[i].Generic = sp.Code, false
			if actors.Armed(sp.Sector) && (out[i].Sector == "MIL" || actors.Armed(out[i].Sector)) {
				out[i].Sector = sp.Sector
			}
		}
	}
	return out
}

// ownForces gives "the army" or "the military" that a named state's
// official (not an organisation's) speaks of that state's country, wherever the event happened:
// "Israel's defence minister said the army struck positions in southern
// Lebanon". It returns es, or a copy with those entities named.
func ownForces(es, speaker []actors.Entity, isCountry func(string) bool) []actors.Entity {
	own := ""
	for _, sp := range speaker {
		if !sp.Generic && (sp.Sector == "GOV" || sp.Sector == "MIL") && isCountry(sp.Code) {
			own = sp.Code
			break
		}
	}
	if own == "" {
		return es
	}
	return nameForces(es, own, func(e actors.Entity) bool { return e.Generic && e.Sector == "MIL" })
}

// nameForces returns es, or a copy in which the entities which picks
// out are code's, named by the text.
func nameForces(es []actors.Entity, code string, which func(actors.Entity) bool) []actors.Entity {
	if !slices.ContainsFunc(es, which) {
		return es
	}
	out := slices.Clone(es)
	for i := range out {
		if which(out[i]) {
			out[i].Code, out[i].Generic = code, false
		}
	}
	return out
}

// countForces counts the armed forces the mentions name by country.
func (sc *scratch) countForces(ms []actors.Mention, isCountry func(string) bool) {
	for i := range ms {
		for _, e := range ms[i].Entities {
			if e.Generic || e.Sector != "MIL" || !isCountry(e.Code) {
				continue
			}
			k := slices.IndexFunc(sc.forces, func(f forceCount) bool { return f.code == e.Code })
			if k < 0 {
				sc.forces = append(sc.forces, forceCount{code: e.Code})
				k = len(sc.forces) - 1
			}
			sc.forces[k].n++
		}
	}
}

// forceSnapshot returns the country whose forces the document has named
// most so far and every country whose forces it has named.
func (sc *scratch) forceSnapshot() (string, []string) {
	if len(sc.forces) == 0 {
		return "", nil
	}
	top, start := 0, len(sc.forceBuf)
	for k, f := range sc.forces {
		if f.n > sc.forces[top].n {
			top = k
		}
		sc.forceBuf = append(sc.forceBuf, f.code)
	}
	return sc.forces[top].code, sc.forceBuf[start:len(sc.forceBuf):len(sc.forceBuf)]
}

// storyForces gives "the army" or "troops" that the text gives no country
// the country of the armed forces the story names, where the place of
// the event (or else the country they took from context) is a country
// whose own forces the story never named: in a
// report of "Israeli forces" raiding a camp in the West Bank, "a large
// army force stormed the camp" is Israel's, not the place's.
func storyForces(es, recipients []actors.Entity, here string, s *sent) []actors.Entity {
	// Where the sentence names no place, the country the role took from
	// context stands for it. An act on someone the text names of that
	// country is its own forces' ("army officers toppled President
	// Bazoum").
	foreign := func(e actors.Entity) bool {
		where := here
		if where == "" {
			where = e.Code
		}
		return e.Generic && e.Sector == "MIL" && where != "" && !slices.Contains(s.forces, where) &&
			!slices.ContainsFunc(recipients, func(r actors.Entity) bool { return !r.Generic && r.Code == where })
	}
	if s.force == "" {
		return es
	}
	return nameForces(es, s.force, foreign)
}

// counterparts gives "their Kyrgyz counterparts" the sector of the actors
// they are the counterparts of: border guards' counterparts are border
// guards, a minister's a minister. text is the normalised text the
// entities' offsets point into.
func counterparts(mem *arena.Arena[actors.Entity], recip, actor []actors.Entity, text string) []actors.Entity {
	sector := ""
	for i, a := range actor {
		if a.Sector == "" || i > 0 && a.Sector != sector {
			return recip
		}
		sector = a.Sector
	}
	if sector == "" {
		return recip
	}
	counterpart := func(e actors.Entity) bool {
		if e.Sector == sector || e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			return false
		}
		t := text[e.Start:e.End]
		return strings.HasSuffix(t, "counterpart") || strings.HasSuffix(t, "counterparts")
	}
	if !slices.ContainsFunc(recip, counterpart) {
		return recip
	}
	out := append(mem.Take(len(recip)), recip...)
	for i := range out {
		if counterpart(out[i]) {
			out[i].Sector = sector
		}
	}
	return out
}

// armedPeople returns es, or a copy in which a nation's people (a
// country's civilians named by the text: "Russians") are its military.
func armedPeople(mem *arena.Arena[actors.Entity], es []actors.Entity) []actors.Entity {
	people := func(e actors.Entity) bool { return e.Sector == "CVL" && !e.Generic && e.Code != "" }
	if !slices.ContainsFunc(es, people) {
		return es
	}
	out := append(mem.Take(len(es)), es...)
	for i := range out {
		if people(out[i]) {
			out[i].Sector = "MIL"
		}
	}
	return out
}

// namedCountry returns the country of the first entity of es that the
// text names, or "".
func namedCountry(es []actors.Entity) string {
	for _, e := range es {
		if !e.Generic && e.Code != "" {
			return e.Code
		}
	}
	return ""
}

// oneCountry returns the country that the mentions name, where they
// name exactly one, or "".
func (c *Coder) oneCountry(ms []actors.Mention) string {
	one := ""
	for i := range ms {
		for _, e := range ms[i].Entities {
			// A news agency's country is not the story's: "told AFP".
			if e.Generic || e.Code == "" || e.Code == one || e.Sector == "JRN" || !c.actors.IsCountry(e.Code) {
				continue
			}
			if one != "" {
				return ""
			}
			one = e.Code
		}
	}
	return one
}

// placeCountry is the country where the sentence says an event happened:
// its location's, else that of the first place the sentence names, or "".
func (s *sent) placeCountry(loc *plover.Location) string {
	if loc != nil {
		return loc.CountryCode
	}
	for _, p := range s.places {
		if p.country != "" {
			return p.country
		}
	}
	return ""
}

// impliedActor is the actor an event's trigger entails when the text
// names none (arrests are made by police): its sector, the country where
// the event happened (or else the story's), and the trigger words as its
// evidence.
func impliedActor(s *sent, ev *events.Event, here string) actors.Entity {
	e := actors.Entity{Sector: ev.Trigger.Implied, Code: here, Generic: true, Rule: ev.Trigger.Pos}
	if e.Code == "" {
		e.Code = s.salient
	}
	w := ev.Anchor
	if len(ev.Words) > 0 {
		w = ev.Words[0]
	}
	e.Start, e.End = s.toks[w].Start, s.toks[w].End
	return e
}

// datelineCountry is the country of a dateline's place ("BAMAKO" is in
// Mali), or "".
func (c *Coder) datelineCountry(place string) string {
	if place == "" || c.places == nil {
		return ""
	}
	name := []byte(strings.ToLower(place))
	up := true
	for i, b := range name {
		if up && b >= 'a' && b <= 'z' {
			name[i] = b - 'a' + 'A'
		}
		up = b == ' ' || b == '-' || b == '/'
	}
	if pl, ok := c.places.Resolve(string(name), nil); ok {
		return pl.CountryCode
	}
	return ""
}

// foldActorless folds an event with no actor into the event that
// reports it (see reporter): "three villagers were killed when gunmen
// stormed the market" is one assault, by the gunmen on the villagers. The
// folded event gives the other its recipient and mode where the other has
// none.
func foldActorless(evs []plover.Event) []plover.Event {
	folded := 0
	for i := range evs {
		e := &evs[i]
		if len(e.Actor) > 0 {
			continue
		}
		if k := reporter(evs, i); k >= 0 {
			o := &evs[k]
			if len(o.Recipient) == 0 && !sharesCode(e.Recipient, o.Actor) {
				o.Recipient = e.Recipient
			}
			if len(o.Mode) == 0 {
				o.Mode = e.Mode
			}
			e.Event = nil
			folded++
		}
	}
	if folded == 0 {
		return evs
	}
	out := evs[:0]
	for _, e := range evs {
		if e.Event != nil {
			out = append(out, e)
		}
	}
	return out
}

// sharesCode reports whether some entity of a has the code of one of b.
func sharesCode(a, b []plover.Entity) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Code == y.Code {
				return true
			}
		}
	}
	return false
}

// reporter returns the index of the event of evs that reports the
// event evs[i], which has no actor: one in its sentence and of its
// category that has an actor, else an earlier one that has none either
// ("a roadside bomb killed three peacekeepers"); or -1.
func reporter(evs []plover.Event, i int) int {
	e := &evs[i]
	found := -1
	for k := range evs {
		o := &evs[k]
		if k == i || o.Event == nil || o.TextInfo.Sequence != e.TextInfo.Sequence || o.Event[0] != e.Event[0] {
			continue
		}
		if len(o.Actor) > 0 {
			return k
		}
		if k < i && found < 0 {
			found = k
		}
	}
	return found
}

// notIn returns the entities of es that are not also in actor (same code
// and sector): an actor is not its own recipient.
func notIn(es, actor []actors.Entity) []actors.Entity {
	if !slices.ContainsFunc(es, func(e actors.Entity) bool {
		return slices.ContainsFunc(actor, func(a actors.Entity) bool { return a.Code == e.Code && a.Sector == e.Sector })
	}) {
		return es
	}
	var out []actors.Entity
	for _, e := range es {
		dup := false
		for _, a := range actor {
			if a.Code == e.Code && a.Sector == e.Sector {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

func entities(mem *recordMemory, doc string, text *normalize.Text, es []actors.Entity) []plover.Entity {
	if len(es) == 0 {
		return nil
	}
	out := mem.ents.Take(len(es))
	for _, e := range es {
		a, b := text.Span(e.Start, e.End)
		pe := plover.Entity{Code: e.Code, Sector: e.Sector, EntityText: doc[a:b], IdentifierText: e.Name, Office: e.Office, Start: a, End: b}
		out = append(out, pe)
	}
	return out
}

// dateOf picks the time expression of an event: the nearest one in its
// clause (a relative clause's dates belong to it alone), read as future
// for future events. Deadlines are returned apart.
func (c *Coder) dateOf(s *sent, ev *events.Event, pub time.Time) (time.Time, string, time.Time) {
	var deadline time.Time
	best, bestD := -1, 1<<30
	ap := s.paren[ev.Anchor]
	// A date that follows another event's trigger, nearer than this
	// one's, is that event's: in "the rulers who seized power last July
	// revoked the pact in March", July is the seizure's.
	owned := false
	for _, t := range s.times {
		if !t.Deadline && s.owner(t) == ev.Anchor {
			owned = true
		}
	}
	for k, t := range s.times {
		if t.Deadline {
			deadline = t.Future
			continue
		}
		if owned && s.owner(t) != ev.Anchor {
			continue
		}
		// "triggered rioting and stirred memories of the 2012
		// shooting": the year is the shooting's alone.
		if o := s.owner(t); o != ev.Anchor && s.prenominal(t, o) {
			continue
		}
		// "challenged the results of the June 9 vote on Wednesday":
		// a date between an article and a noun that is none of this
		// event's words is that noun's.
		if s.prenominal(t, t.End) && t.End < len(s.toks) && s.toks[t.End].Kind == tokenize.Word && !s.toks[t.End].Cap && !slices.Contains(ev.Words, t.End) {
			continue
		}
		// "dismissed the measures, which have failed to deter it since
		// it annexed Crimea in 2014": a date after a later event's
		// trigger in a clause of its own is that event's.
		if o := s.owner(t); o > ev.Anchor && t.Start > o && s.clauseOpens(ev.Anchor, o) {
			continue
		}
		// "rejected the request for the extradition of men involved in
		// the hijacking of a plane in December 1999": a date right after
		// a later event's noun, in its phrase, is that event's.
		if o := s.owner(t); o > ev.Anchor && t.Start > o && s.nounPhraseDate(o, t, ev.Category) {
			continue
		}
		// "continues to violate the ceasefire understanding of 2003": a
		// date after "of" and another noun is that noun's.
		if a := t.Start - 2; a >= 0 && s.toks[t.Start-1].Lower == "of" && !slices.Contains(ev.Words, a) && s.toks[a].Kind == tokenize.Word && !s.toks[a].Cap && !timex.IsMonth(s.toks[a].Lower) {
			continue
		}
		// "Rwandan soldiers, sent to Mozambique in 2021, pulled out on
		// Friday": a date set off by commas before the verb is the
		// aside's.
		if s.asideBefore(t, ev.Anchor) {
			continue
		}
		// A date after the article's is no date of a reported event:
		// "troops may stay until the end of 2028".
		if !ev.Future && t.Past.After(pub.AddDate(0, 0, 1)) {
			continue
		}
		tp := s.paren[t.Start]
		if tp != ap && tp != 0 {
			continue
		}
		d := t.Start - verbOf(s, ev)
		if d < 0 {
			// (Of two dates as near, the one after the verb: "the
			// state of emergency declared in May was lifted on
			// Friday".)
			d = 1 - d
		}
		if tp != ap {
			d += 100
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 {
		return pub, "publication", deadline
	}
	// "announced on Thursday that it would not seek talks until 2028":
	// what was announced lies ahead, the announcement's date is the
	// event's.
	if ev.Future {
		for k, t := range s.times {
			if sa := s.said[k]; sa >= 0 && t.End <= ev.Anchor && !t.Deadline && s.paren[t.Start] == ap {
				return t.Past, t.Precision, deadline
			}
		}
	}
	t := s.times[best]
	// "announced on Tuesday that it would send troops": the date is the
	// announcement's, in the past, unless the act comes between the
	// verb of saying and its date ("said it would send troops on
	// Tuesday").
	if sa := s.said[best]; ev.Future && (sa < 0 || sa < ev.Anchor && ev.Anchor < t.Start) {
		return t.Future, t.Precision, deadline
	}
	// "said on Wednesday ..., a day after protesters stormed parliament":
	// the event after the offset happened that long before the date.
	if t.End <= ev.Anchor {
		if y, m, d, ok := timex.Offset(s.toks, t.End, ev.Anchor); ok {
			return t.Past.AddDate(y, m, d), t.Precision, deadline
		}
	}
	return t.Past, t.Precision, deadline
}

// outsideDates drops the events whose trigger words all lie inside a
// time expression: "March 23" is a date, not a march.
func outsideDates(evs []events.Event, times []timex.Expr) []events.Event {
	if len(times) == 0 {
		return evs
	}
	kept := evs[:0]
	for _, ev := range evs {
		inside := true
		for _, w := range ev.Words {
			in := false
			for _, t := range times {
				if w >= t.Start && w < t.End {
					in = true
					break
				}
			}
			if !in {
				inside = false
				break
			}
		}
		if !inside || len(ev.Words) == 0 {
			kept = append(kept, ev)
		}
	}
	return kept
}

// saidAt finds, for each time expression, the verb of saying it
// follows within a few words of one clause ("said on Tuesday", "told
// reporters on Tuesday", "said in a statement on Friday"), or -1.
func saidAt(times []timex.Expr, toks []tokenize.Token, words []lexicon.Word) []int {
	out := make([]int, len(times))
	for k, t := range times {
		out[k] = -1
		for j := t.Start - 1; j >= 0 && j >= t.Start-5; j-- {
			if toks[j].Kind == tokenize.Punct {
				break
			}
			if words[j].Tag&lexicon.SAY != 0 {
				out[k] = j
				break
			}
		}
		// "the party on Friday announced it will boycott the vote": a
		// verb of saying right after the date is the one it dates.
		if j := t.End; out[k] < 0 && j < len(toks) && toks[j].Kind == tokenize.Word && words[j].Tag&lexicon.SAY != 0 {
			out[k] = j
		}
	}
	return out
}

// prenominal reports whether date t stands between a determiner and the
// trigger at anchor, which it dates: "the February 2012 shooting".
func (s *sent) prenominal(t timex.Expr, anchor int) bool {
	if anchor < t.End || anchor > t.End+1 || t.Start == 0 {
		return false
	}
	switch s.toks[t.Start-1].Lower {
	case "the", "'s", "its", "their", "his", "her", "this", "that":
		return true
	}
	return false
}

// owner returns the anchor of the event date t belongs to: the trigger
// before it nearest it in its clause, else the one after it nearest it;
// -1 when the sentence has no event in its clause.
func (s *sent) owner(t timex.Expr) int {
	i := t.Start
	before, after := -1, -1
	for k := range s.evs {
		a := s.evs[k].Anchor
		if s.paren[a] != s.paren[i] {
			continue
		}
		switch {
		case a < i && a > before:
			before = a
		case a > i && (after < 0 || a < after):
			after = a
		}
	}
	if after >= 0 && s.prenominal(t, after) {
		return after
	}
	if before >= 0 {
		return before
	}
	return after
}

// verbOf is the token an event's date is measured from: its anchor, or,
// for a pattern that names the thing before its passive verb ("the
// curfew imposed last week had been lifted on Saturday"), that verb.
func verbOf(s *sent, ev *events.Event) int {
	for _, j := range ev.Words[1:] {
		switch s.toks[j].Lower {
		case "be", "is", "are", "was", "were", "been", "being":
			return ev.Words[len(ev.Words)-1]
		}
	}
	return ev.Anchor
}

// asideBefore reports whether time expression t stands between two commas
// before token a, a few words from each: an aside on the subject ("the
// soldiers, sent there in 2021, pulled out").
func (s *sent) asideBefore(t timex.Expr, a int) bool {
	if t.End > a {
		return false
	}
	after, before := false, false
	for j := t.End; j < a && j <= t.End+2; j++ {
		if s.toks[j].Text == "," {
			after = true
		}
	}
	for j := t.Start - 1; j >= 0 && j >= t.Start-6; j-- {
		if s.toks[j].Text == "," {
			// The aside opens with a participle: ", sent to
			// Mozambique in 2021,".
			if j+1 < len(s.toks) {
				l := s.toks[j+1].Lower
				before = strings.HasSuffix(l, "ed") || l == "sent" || l == "flown" || l == "held" || l == "kept"
			}
			break
		}
		if s.toks[j].Kind == tokenize.Punct {
			break
		}
	}
	return after && before
}

// nounPhraseDate reports whether the time expression t follows the noun
// trigger at token o, of another category than cat, within a few tokens
// and no punctuation: "the hijacking of IC-814 in December 1999". (A
// noun of the same category tells the same act: "took power in a coup
// last July".)
func (s *sent) nounPhraseDate(o int, t timex.Expr, cat plover.Category) bool {
	if t.Start-o > 6 {
		return false
	}
	noun := false
	for k := range s.evs {
		if e := &s.evs[k]; e.Anchor == o && e.Kind == 'N' && e.Category != cat {
			noun = true
		}
	}
	if !noun {
		return false
	}
	for j := o + 1; j < t.Start; j++ {
		if s.toks[j].Kind == tokenize.Punct && s.toks[j].Text != "-" {
			return false
		}
	}
	return true
}

// clauseOpens reports whether a relative pronoun or a subordinator
// stands between tokens a and b: "X, which ... b", "a ... since ... b".
func (s *sent) clauseOpens(a, b int) bool {
	for j := a + 1; j < b && j < len(s.toks); j++ {
		switch s.toks[j].Lower {
		case "which", "who", "whom", "whose", "that", "since", "after", "before", "when", "because", "until", "while":
			return true
		}
	}
	return false
}

// locationOf picks the place nearest the event's anchor in its sentence,
// resolving the name with the event's countries as context.
func (c *Coder) locationOf(text *normalize.Text, s *sent, ev *events.Event, mem *recordMemory) (*plover.Location, placeRef) {
	if len(s.places) == 0 {
		return nil, placeRef{}
	}
	best, bestD := -1, 1<<30
	for k, p := range s.places {
		if s.paren[p.tok] != s.paren[ev.Anchor] {
			continue
		}
		d := p.tok - ev.Anchor
		if d < 0 {
			d = -d + 3
		}
		// A place something comes from is where it happened only when
		// the sentence names no other: "relief flights from Japan
		// touched down in Suva".
		if s.toks[p.tok].Lower == "from" {
			d += 50
		}
		// Nor is the place of those who tell of it: "killing six
		// people, aid workers in Kigali said".
		for q := p.to; q < p.to+2 && q < len(s.toks); q++ {
			switch s.toks[q].Lower {
			case "said", "says", "told", "reported", "added":
				d += 50
			}
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 {
		return nil, placeRef{}
	}
	p := s.places[best]
	var buf [8]string
	countries := buf[:0]
	// The countries the event's actors are named with choose among
	// places of one name ("Georgia" in a story about Atlanta); those of
	// unnamed actors came from context and do not: the place decides
	// theirs. Else a country's name is the country, not a town of that
	// name elsewhere ("in eastern Congo").
	for _, es := range [2][]actors.Entity{ev.Actor, ev.Recipient} {
		for i := range es {
			if !es[i].Generic {
				countries = append(countries, es[i].Code)
			}
		}
	}
	// The country the sentence puts the place in ("near Palma in
	// northern Mozambique") comes after the actors'.
	if p.country != "" && !slices.Contains(countries, p.country) {
		countries = append(countries, p.country)
	}
	name := joinTokens(text.S, s.toks[p.from:p.to])
	pl, ok := c.places.Resolve(name, countries)
	// A place the text puts in a country where the gazetteer knows
	// none of its name is placed at that country.
	if p.in && (!ok || pl.CountryCode != p.country) {
		pl, ok = c.places.Resolve(c.actors.CountryName(p.country), []string{p.country})
	}
	if !ok {
		return nil, placeRef{}
	}
	// A region of no one country that owns the next name is where that
	// name is: "in south Kashmir's Shopian district".
	if pl.CountryCode == "" {
		if q, to, ok := c.ownedPlace(text.S, s.toks, p.to, countries); ok {
			pl, p.to = q, to
			name = joinTokens(text.S, s.toks[p.from:p.to])
		}
	}
	// An actor's country picks a state of a country's name ("Georgia"
	// in a story about Atlanta), never a town or district ("Jamaica",
	// New York, when US experts arrive in Jamaica).
	if code, isName := c.countryNames[name]; isName && (!slices.Contains(countries, pl.CountryCode) || pl.FeatureCode != "ADM1") {
		if cp, ok := c.places.Resolve(c.actors.CountryName(code), []string{code}); ok && cp.CountryCode == code {
			pl = cp
		}
	}
	a, b := text.Span(s.toks[p.from].Start, s.toks[p.to-1].End)
	loc := &mem.locs.Make(1)[0]
	*loc = plover.Location{ExtractedPlace: name, ResolvedPlace: pl.Name, Lat: pl.Lat, Lon: pl.Lon, Province: pl.Admin1,
		CountryCode: pl.CountryCode, Country: c.actors.CountryName(pl.CountryCode), FeatureClass: pl.FeatureClass, FeatureCode: pl.FeatureCode, Start: a, End: b}
	switch {
	case strings.HasPrefix(pl.FeatureCode, "PCL"):
		loc.Resolution = 1
	case pl.FeatureCode == "ADM1":
		loc.Resolution = 2
	case pl.FeatureCode == "ADM2":
		loc.Resolution = 3
	case pl.FeatureClass == "P":
		loc.Resolution = 4
	}
	return loc, p
}

// ownedPlace reads the name after a possessive "'s" at token i, of one
// or two capitalised words ("Kashmir's Sopore town"), as a place of a
// country; it returns the place and the token after the name.
func (c *Coder) ownedPlace(text string, toks []tokenize.Token, i int, countries []string) (place.Place, int, bool) {
	if i+1 >= len(toks) || toks[i].Lower != "'s" {
		return place.Place{}, 0, false
	}
	for n := 2; n >= 1; n-- {
		j := i + 1 + n
		if j > len(toks) || !allCap(toks[i+1:j]) {
			continue
		}
		if q, ok := c.places.Resolve(joinTokens(text, toks[i+1:j]), countries); ok && q.CountryCode != "" {
			return q, j, true
		}
	}
	return place.Place{}, 0, false
}

// allCap reports whether every token is a capitalised word.
func allCap(ts []tokenize.Token) bool {
	for _, t := range ts {
		if t.Kind != tokenize.Word || !t.Cap {
			return false
		}
	}
	return true
}

// mergeRepeats folds records that report the same event twice in one
// document (same category, actor and recipient codes, compatible dates,
// and either the same sentence or the same trigger) into the first, keeping its evidence and taking the other's deadline,
// date and contexts where the first lacks them.
func mergeRepeats(evs []plover.Event) []plover.Event {
	out := evs[:0]
	for _, e := range evs {
		merged := false
		for i := range out {
			o := &out[i]
			// "A Turkish drone killed four fighters ... The attack left
			// two others injured": an act told again later with no one
			// named doing it, as "the attack" or against the same
			// people, is the one told first.
			if len(e.Actor) == 0 && len(o.Actor) > 0 && o.Event[0] == e.Event[0] && o.TextInfo.Sequence < e.TextInfo.Sequence && mood(o.Context) == mood(e.Context) &&
				(o.Date == e.Date || o.DatePrecision == "publication" || e.DatePrecision == "publication") &&
				(retold(&e) || len(e.Recipient) > 0 && codes(e.Recipient) == codes(o.Recipient)) {
				if len(o.Recipient) == 0 {
					o.Recipient = e.Recipient
				}
				merged = true
				break
			}
			if o.Event[0] != e.Event[0] || len(o.Actor) == 0 || codes(o.Actor) != codes(e.Actor) || !compatible(codes(o.Recipient), codes(e.Recipient)) || mood(o.Context) != mood(e.Context) {
				continue
			}
			// The same sentence, or the same trigger in another sentence
			// with the same recipients: an attack on soldiers in one
			// sentence and on villagers in the next are two.
			if o.TextInfo.Sequence != e.TextInfo.Sequence && (o.Rule != e.Rule || codes(o.Recipient) != codes(e.Recipient)) {
				continue
			}
			if o.Date != e.Date && o.DatePrecision != "publication" && e.DatePrecision != "publication" {
				continue
			}
			if o.Deadline == "" {
				o.Deadline = e.Deadline
			}
			if o.DatePrecision == "publication" && e.DatePrecision != "publication" {
				o.Date, o.DatePrecision = e.Date, e.DatePrecision
			}
			if len(o.Recipient) == 0 {
				o.Recipient = e.Recipient
			}
			// "protesting students clashed with police": one protest,
			// a riot.
			if len(o.Mode) == 0 || o.Event[0] == "PROTEST" && slices.Contains(e.Mode, "riot") {
				o.Mode = e.Mode
			}
			if len(o.Attribution) == 0 {
				o.Attribution = e.Attribution
			}
			o.Context = appendUnique(o.Context, e.Context...)
			merged = true
			break
		}
		if !merged {
			out = append(out, e)
		}
	}
	return out
}

func compatible(a, b string) bool { return a == b || a == "" || b == "" }

// retold reports whether a record's trigger refers back to an act told
// before: "the attack", "this strike", "the suspected aerial attack".
func retold(e *plover.Event) bool {
	if len(e.EventSpans) == 0 {
		return false
	}
	off := e.EventSpans[0].Start - e.TextInfo.Start
	if off <= 0 || off > len(e.Text) {
		return false
	}
	words := strings.Fields(e.Text[:off])
	for n := 1; n <= 3 && n <= len(words); n++ {
		w := words[len(words)-n]
		switch strings.ToLower(w) {
		case "the", "this", "that":
			return true
		}
		if w != strings.ToLower(w) {
			return false
		}
	}
	return false
}

// mood returns which of the contexts that say an event did not happen a
// record carries: a hypothetical or negated report is no repeat of one
// that happened.
func mood(ctx []string) (m uint8) {
	for _, c := range ctx {
		switch c {
		case "hypothetical":
			m |= 1
		case "negation":
			m |= 2
		}
	}
	return m
}

func codes(es []plover.Entity) string {
	switch len(es) {
	case 0:
		return ""
	case 1:
		return es[0].Code
	}
	cs := make([]string, 0, len(es))
	for _, e := range es {
		cs = append(cs, e.Code)
	}
	sort.Strings(cs)
	return strings.Join(cs, "+")
}

// Lookup finds the actor mentions in a phrase, as the coder would read
// them in an article published on date. Entity offsets index phrase.
func (c *Coder) Lookup(text string, date time.Time) []actors.Mention {
	toks := c.tok.Tokenize(nil, text, 0, len(text))
	words := c.vocab.Annotate(nil, toks)
	ps := phrase.Sentence{Toks: toks, Words: words}
	var actx actors.Context
	return c.actors.Find(nil, &ps, date, &actx)
}

// countSentences returns how many sentences the coder reads in text.
func (c *Coder) countSentences(text string) int {
	t := c.norm.Normalize(text)
	return len(segment.Split(nil, t.S))
}

// disambiguate re-reads a country name that is also a province of the
// country the document is about: in a story about the United States,
// "Georgia" is the state, not the Caucasian republic.
func (c *Coder) disambiguate(ms []actors.Mention, toks []tokenize.Token, text string, actx *actors.Context) {
	if c.places == nil {
		return
	}
	home := actx.Salient(nil)
	if home == "" {
		return
	}
	for k := range ms {
		m := &ms[k]
		if (m.Kind != actors.CountryName && m.Kind != actors.Agent) || m.Generic || len(m.Entities) != 1 || m.Entities[0].Code == home {
			continue
		}
		// The name is the capitalised words the mention starts with:
		// "Georgia" in "Georgia's governor".
		end := m.HeadStart
		for end < m.HeadEnd && toks[end].Cap {
			end++
		}
		if end == m.HeadStart {
			continue
		}
		name := text[toks[m.HeadStart].Start:toks[end-1].End]
		division := func(p *place.Place) bool {
			return p.CountryCode == home && (p.FeatureCode == "ADM1" || p.FeatureCode == "ADM2")
		}
		if _, ok := c.places.First(name, division); ok {
			m.Entities[0].Code = home
			if m.Kind == actors.CountryName {
				m.Entities[0].Name = name
			}
		}
	}
}
