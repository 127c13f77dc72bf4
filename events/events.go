// Package events finds the political events a sentence reports and who
// did what to whom.
//
// In: an annotated sentence (package phrase) and its actor mentions
// (package actors). Out: Events with a PLOVER category, mode and contexts,
// the trigger words, actor and recipient entities, the speaker the text
// attributes the event to, and auxiliary modes (negated, hypothetical,
// future). Triggers come from events.txt; roles are read with a shallow
// clause grammar:
//
//   - a verb trigger's actor is the subject of its clause: the nearest actor
//     mention before it that is not inside a prepositional phrase or a
//     relative clause it is not part of; mentions joined by "and" form a
//     compound actor; in the passive ("was ousted by") the agent after "by"
//     is the actor and the subject the recipient;
//   - a relative clause's subject is its antecedent ("the authorities, who
//     took power ...");
//   - a noun trigger's actor is its $A slot, a possessive or adjective
//     before it ("Russia's invasion", "a US airstrike"), the agent after
//     "by", or the subject of the verb that governs it;
//   - the recipient is the $R slot, or the first actor mention after the
//     trigger in its clause that is not a place ("in Niamey");
//   - triggers in the complement of a threat, demand, refusal or
//     accusation ("threatened to impose a blockade") are not events
//     of their own: they give the threat or demand its mode.
package events

import (
	"slices"
	"strings"

	"dyad/actors"
	"dyad/dict"
	"dyad/internal/arena"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/plover"
	"dyad/postag"
	"dyad/timex"
	"dyad/tokenize"
)

// Event is an event found in a sentence. Token indexes refer to the
// sentence's tokens.
type Event struct {
	Trigger  *dict.Trigger
	Category plover.Category
	Mode     string
	// Contexts are the trigger's, shared with the dictionary: append to
	// them (which copies) but do not change their elements.
	Contexts []string
	// Rule names the trigger's dictionary line, as file:line.
	Rule string
	// Words are the token indexes of the trigger words; Anchor the word
	// tense and mood are read around.
	Words  []int
	Anchor int
	// Kind is how the trigger was read: 'V', 'N' or 'M' ("the Hamas
	// attack" reads a verb trigger as a noun).
	Kind byte
	// Actor and Recipient are the resolved entities; Speaker who the text
	// says reported the event.
	Actor, Recipient, Speaker              []actors.Entity
	Negated, Hypothetical, Future, Passive bool
	// Background is set for a noun trigger that refers back to an event
	// as background ("since the invasion"); such events are not coded.
	Background bool
	// Governed is set for a trigger that another word governs: a
	// preposition ("after protests"), an infinitive's "to" ("to contain
	// the riots"), a verb or relative whose object it is ("had triggered
	// deadly protests"). It mentions an event rather than reporting one;
	// with no actor named, it is not coded.
	Governed bool
	// Suppressed events are the content of a threat, demand, refusal or
	// accusation; they are reported only for explanation.
	Suppressed bool
	// FirstPerson is set for an act whose subject is "I" or "we": in a
	// quotation, the speaker's own ("'We condemn this attack,' the
	// minister said").
	FirstPerson bool
	// Claimant is set for an act told as what someone claims or alleges
	// ("the party claims its members were beaten"): the claimant, whose
	// accusation it is.
	Claimant []actors.Entity
}

// Extractor finds events. It is read-only after New and safe for concurrent
// use.
type Extractor struct {
	trig []dict.Trigger
	// rules[k] is trig[k].Pos as a string, made once.
	rules []string
	pats  []phrase.Pattern
	trie  *phrase.Trie
	// ids of words the grammar reads
	by, of, to, and, accord, deny int32
	marks                         wordMarks
	// g are the word lists of grammar.txt the grammar reads.
	g wordSets
	// pos, when set, tells a noun from a verb where a trigger's anchor is
	// a word that both noun and verb triggers start with ("strike",
	// "attack", "talks"): ambiguous holds those words' stem ids.
	pos       Tagger
	ambiguous phrase.IDSet
}

// posAt returns the part of speech of token i of the sentence being
// read. It tags a window of the sentence around i, from the two tokens
// before it (the tagger reads the two words and tags before a word) to
// the two after it, not the whole sentence, and keeps the answer for the
// next question about the same token.
func (st *State) posAt(t Tagger, w *sentence, i int) postag.Tag {
	if st.posSeq == st.seq && st.posTok == i {
		return st.posTag
	}
	from := max(0, i-2)
	st.tags = t.TagTokens(st.tags[:0], w.toks[from:min(len(w.toks), i+3)])
	st.posSeq, st.posTok, st.posTag = st.seq, i, st.tags[i-from]
	return st.posTag
}

// Tagger tags the words of a sentence with their part of speech
// (*postag.Tagger).
type Tagger interface {
	TagTokens(dst []postag.Tag, toks []tokenize.Token) []postag.Tag
}

// SetTagger has the grammar ask t whether a word that starts both noun
// and verb triggers is a noun or a verb where it reads one. It must be
// called before x is shared.
func (x *Extractor) SetTagger(t Tagger, v *lexicon.Vocab) {
	x.pos = t
	nouns, verbs := map[int32]bool{}, map[int32]bool{}
	for _, tr := range x.trig {
		if len(tr.Pattern) == 0 {
			continue
		}
		for _, w := range tr.Pattern[0].Words {
			id := v.AddWord(strings.ToLower(w))
			if tr.Kind == 'N' {
				nouns[id] = true
			} else {
				verbs[id] = true
			}
		}
	}
	x.ambiguous = phrase.IDSet{}
	for id := range nouns {
		if verbs[id] {
			x.ambiguous = x.ambiguous.Add(id)
		}
	}
}

// wordSets are the word lists of grammar.txt (dict.GrammarNames), as
// sets.
type wordSets struct {
	placePrep, backgroundPreps, intentVerbs, refuseVerbs, purposeNouns, quantity, slotQuantity, amount, preventVerbs, cancelVerbs, allegeVerbs, description, compoundHead, direction, placeHead, adjectivePhrase, casualty, gathering, voicing, series, report, coverage, depart, notify, comment, gatheringVerb, protesters, document, peopleParticiple, causative, violence, apology, carrier, meeting map[string]bool
	// irregular reports a known irregular inflection ("threw", "beat"),
	// from the lexicon.
	irregular func(lower string) bool
}

// classSet returns the words of the classes.txt class name ("@carrier") in lower case,
// each with its plural in -s: "convoy", "convoys".
func classSet(d *dict.Dictionaries, name string) map[string]bool {
	m := map[string]bool{}
	for _, c := range d.Classes {
		if c.Name != name {
			continue
		}
		for _, w := range c.Words {
			l := strings.ToLower(w)
			m[l], m[l+"s"] = true, true
		}
	}
	return m
}

func newWordSets(d *dict.Dictionaries) wordSets {
	set := func(name string) map[string]bool {
		m := map[string]bool{}
		for _, w := range d.Words(name) {
			m[w] = true
		}
		return m
	}
	return wordSets{
		placePrep: set("place-preposition"), backgroundPreps: set("background-preposition"),
		intentVerbs: set("intent-verb"), refuseVerbs: set("refuse-verb"), purposeNouns: set("purpose-noun"),
		quantity: set("quantity"), slotQuantity: set("slot-quantity"), amount: set("amount"),
		preventVerbs: set("prevent-verb"), cancelVerbs: set("cancel-verb"), allegeVerbs: set("allege-verb"),
		description: set("description-noun"), compoundHead: set("compound-head"),
		direction: set("direction"), placeHead: set("place-head"), adjectivePhrase: set("adjective-phrase"),
		casualty: set("casualty-verb"), gathering: set("gathering-noun"), voicing: set("voicing-noun"),
		series: set("series-noun"), report: set("report-verb"), coverage: set("coverage-noun"), depart: set("depart-verb"), notify: set("notify-verb"), comment: set("comment-verb"), gatheringVerb: set("gathering-verb"), protesters: set("protest-noun"), document: set("document-noun"), peopleParticiple: set("people-participle"), causative: set("causative-verb"),
		violence: set("violence-noun"), apology: set("apology-word"),
		carrier: classSet(d, "@carrier"), meeting: set("meeting-noun"),
	}
}

// wordMarks are the marks set on the stems of the words that the grammar
// compares by their text, so that most tokens are turned down by a bit
// test before a string is compared or looked up. A mark of 0 (when the
// vocabulary had none left) is taken to mark every token.
type wordMarks struct {
	// prep marks placePrep and backgroundPreps; quantity marks quantity
	// and slotQuantity; aux marks intentVerbs, refuseVerbs,
	// purposeNouns and auxWords.
	prep, quantity, aux lexicon.Mark
}

// markWords returns a new mark of v, set on the stems of the words of
// sets and of words.
func markWords(v *lexicon.Vocab, words []string, sets ...map[string]bool) lexicon.Mark {
	all := slices.Clone(words)
	for _, set := range sets {
		for w := range set {
			all = append(all, w)
		}
	}
	// In order, so that new lemmas get the same ids from run to run.
	slices.Sort(all)
	return v.MarkWords(all...)
}

// New compiles the trigger dictionary into v. It must run before v is
// shared.
func New(d *dict.Dictionaries, v *lexicon.Vocab) *Extractor {
	x := &Extractor{trig: d.Triggers}
	for _, t := range d.Triggers {
		x.pats = append(x.pats, phrase.CompileLower(v, t.Pattern))
		x.rules = append(x.rules, t.Pos.String())
	}
	x.trie = phrase.NewTrie(x.pats)
	x.trie.SetMarks(v)
	x.by = v.AddWord("by")
	x.of = v.AddWord("of")
	x.to = v.AddWord("to")
	x.and = v.AddWord("and")
	x.accord = v.AddWord("according")
	x.deny = v.AddWord("deny")
	x.g = newWordSets(d)
	x.g.irregular = v.Lexicon().IsIrregular
	x.marks = wordMarks{
		prep:     markWords(v, nil, x.g.placePrep, x.g.backgroundPreps),
		quantity: markWords(v, nil, x.g.quantity, x.g.slotQuantity),
		aux:      markWords(v, auxWords, x.g.intentVerbs, x.g.refuseVerbs, x.g.purposeNouns, x.g.allegeVerbs, x.g.cancelVerbs, x.g.preventVerbs),
	}
	return x
}

// State is what one document's sentences pass to the next: who was last
// acting, for pronouns. The zero value is ready; not safe for concurrent
// use.
type State struct {
	lastActor   []actors.Entity
	lastSubject []actors.Entity
	// seq counts the sentences read; actorSeq and subjectSeq say in which
	// lastActor and lastSubject were set.
	seq, actorSeq, subjectSeq int
	lastPerson                []actors.Entity
	// lastPair is the last actor of two or more entities ("both sides").
	lastPair []actors.Entity
	walker   *phrase.Walker
	// scratch is reused by each sentence's working view, view itself.
	scratch []int
	view    sentence
	// ints is the arena the parenthetical maps returned by Extract, the
	// trigger words and the lists of coordinated mentions are cut from.
	ints  intArena
	ents  arena.Arena[actors.Entity]
	evs   arena.Arena[Event]
	slots arena.Arena[phrase.Slot] // the slots of the matches kept
	found []found
	// tags is posAt's buffer; posTag the tag it gave last, of token
	// posTok of sentence posSeq.
	tags           []postag.Tag
	posSeq, posTok int
	posTag         postag.Tag
	// opens holds the positions of the sentence's '(' and ','.
	opens []int
}

// intArena hands out int slices from an arena.
type intArena struct{ arena.Arena[int] }

// of returns a slice holding xs.
func (a *intArena) of(xs ...int) []int {
	s := a.Make(len(xs))
	copy(s, xs)
	return s
}

// Reset makes st ready for a new document, keeping its buffers: the
// events found for the last document must no longer be used.
func (st *State) Reset() {
	st.ints.Reset()
	st.ents.Reset()
	st.evs.Reset()
	st.slots.Reset()
	*st = State{walker: st.walker, scratch: st.scratch, view: sentence{parens: st.view.parens[:0]}, ints: st.ints, ents: st.ents, evs: st.evs,
		slots: st.slots, found: st.found, opens: st.opens}
}

// sentence is the working view of one sentence.
type sentence struct {
	s *phrase.Sentence
	// toks and words are s's, one indirection nearer: the grammar reads
	// them all the time.
	toks  []tokenize.Token
	words []lexicon.Word
	ms    []actors.Mention
	// startAt[i] is one more than the index of the mention starting at
	// token i, inMent[i] one more than that of the mention covering it;
	// 0 is none, so that the maps are cleared rather than filled. Read
	// them through startingAt and covering.
	startAt []int
	inMent  []int
	// barriers[i] counts the clause barriers (';', ':') before token i;
	// nil when the sentence has none.
	barriers []int
	paren    []int // parenthetical id covering token, 0 if none
	parens   []span
	// sayAt is the first token tagged SAY (see firstSay), -1 until
	// looked for.
	sayAt int
	marks wordMarks
	g     *wordSets
	ints  *intArena
	ents  *arena.Arena[actors.Entity]
}

type span struct{ start, end int }

// MentionAt implements phrase.Slots.
// A slot may skip up to three lower-case modifiers before the mention:
// "broke off talks with longtime trading partner Japan".
func (w *sentence) MentionAt(i int) (int, bool) {
	for j := i; j < len(w.toks) && j <= i+5; j++ {
		if k := w.startingAt(j); k >= 0 {
			// "released their payload": a possessive pronoun before a
			// noun that names no one is no object.
			// (After a preposition it still says where: "sent troops
			// to its northern border".)
			if m := &w.ms[k]; m.Kind == actors.Pronoun && m.Possessive && m.End < len(w.toks) && w.toks[m.End].Kind == tokenize.Word && w.startingAt(m.End) < 0 && i > 0 && w.tag(i-1)&lexicon.PREP == 0 {
				return 0, false
			}
			// "told his Indonesian counterpart during a call": the
			// mention the possessive pronoun qualifies; so "the
			// teachers' union" is the union.
			if m := &w.ms[k]; m.End < len(w.toks) && (m.Kind == actors.Pronoun && m.Possessive || m.Kind == actors.Agent && (w.lower(m.End) == "'s" || w.lower(m.End) == "'")) {
				e := m.End
				if w.lower(e) == "'s" || w.lower(e) == "'" {
					e++
				}
				if n := w.startingAt(e); e < len(w.toks) && n >= 0 {
					return w.acronymAfter(w.ms[n].End), true
				}
			}
			return w.acronymAfter(w.ms[k].End), true
		}
		t := &w.toks[j]
		if t.Kind == tokenize.Number || w.may(j, w.marks.quantity) && w.g.slotQuantity[t.Lower] {
			continue
		}
		if t.Kind != tokenize.Word || t.Cap || w.covering(j) >= 0 || w.words[j].Tag&^(lexicon.DET|lexicon.TITLE) != 0 {
			return 0, false
		}
		// "stopped the march by arresting its organisers": a gerund
		// after "by" is a means, not a modifier of the agent.
		if j == i && i > 0 && w.lower(i-1) == "by" && strings.HasSuffix(t.Lower, "ing") {
			return 0, false
		}
	}
	return 0, false
}

// acronymAfter returns the end of a name's acronym in brackets right
// after token e ("the Republic of Korea (ROK)"), or e.
func (w *sentence) acronymAfter(e int) int {
	if e+2 < len(w.toks) && w.isPunct(e, "(") && w.isPunct(e+2, ")") && w.toks[e+1].Kind == tokenize.Word && w.toks[e+1].Cap {
		return e + 3
	}
	return e
}

// mentionFrom is the mention a slot starting at token i filled.
func (w *sentence) mentionFrom(i int) int {
	for j := i; j < len(w.toks) && j <= i+5; j++ {
		if w.startingAt(j) >= 0 {
			return w.startingAt(j)
		}
	}
	return -1
}

// startingAt returns the index of the mention that starts at token i, or
// -1.
func (w *sentence) startingAt(i int) int { return w.startAt[i] - 1 }

// covering returns the index of the mention that covers token i, or -1.
func (w *sentence) covering(i int) int { return w.inMent[i] - 1 }

// may reports whether token i may be one of the words marked m (see
// wordMarks): false means it is none of them.
func (w *sentence) may(i int, m lexicon.Mark) bool {
	return m == 0 || w.words[i].Marks&m != 0
}

// tag returns token i's word classes; TITLE, which only phrase matching
// reads, is left out.
func (w *sentence) tag(i int) lexicon.Tag { return w.words[i].Tag &^ lexicon.TITLE }
func (w *sentence) lower(i int) string    { return w.toks[i].Lower }
func (w *sentence) isPunct(i int, p string) bool {
	return w.toks[i].Kind == tokenize.Punct && w.toks[i].Text == p
}

// shareSubjects gives a verb coordinated with an earlier one the earlier
// one's actor: in "police fired tear gas at supporters and arrested a
// dozen of them" the police arrested, not the supporters the grammar
// finds nearest before "arrested".
func shareSubjects(w *sentence, evs []Event) {
	for i := 1; i < len(evs); i++ {
		e := &evs[i]
		if e.Kind != 'V' || e.Passive || len(e.Words) == 0 {
			continue
		}
		j := e.Words[0] - 1
		for j >= 0 && isAdverb(w, j) {
			j--
		}
		// "X staged a sit-in, demanding ...": the participle's subject
		// is the clause's too.
		participle := j >= 1 && w.isPunct(j, ",") && strings.HasSuffix(w.lower(e.Words[0]), "ing")
		if j < 1 || w.lower(j) != "and" && !participle {
			continue
		}
		for k := i - 1; k >= 0; k-- {
			p := &evs[k]
			if p.Kind == 'V' && !p.Passive && p.Anchor < j && w.paren[p.Anchor] == w.paren[e.Anchor] && (!participle || len(p.Actor) > 0) {
				// "protested after Guinean soldiers crossed into the
				// village and arrested three officials": the "and"
				// joins verbs of the subordinate clause, not the
				// protest's.
				if !participle && subordinateBetween(w, p.Anchor, j) {
					break
				}
				e.Actor = p.Actor
				if sameEntities(e.Actor, e.Recipient) {
					e.Recipient = nil
				}
				break
			}
		}
	}
}

// subordinateBetween reports whether a subordinator no mention covers
// stands between tokens a and b, with a mention after it, or a relative
// pronoun right after a mention: a clause of its own opens there ("after
// Guinean soldiers crossed", "residents who were banging pots").
func subordinateBetween(w *sentence, a, b int) bool {
	for j := a + 1; j+1 < b; j++ {
		if w.covering(j) < 0 && w.tag(j)&lexicon.SUB != 0 && w.startingAt(j+1) >= 0 {
			return true
		}
		// "fired at residents who were banging pots and burning
		// tyres": a relative clause's verbs are its own.
		if l := w.lower(j); w.covering(j) < 0 && (l == "who" || l == "which") {
			return true
		}
	}
	return false
}

// shareMood gives a bare verb coordinated with an earlier one the
// earlier one's mood: in "Washington could provide aid to Ukraine and
// impose sanctions on Russia" the sanctions are as hypothetical as the
// aid, and in "will visit Hanoi and sign a pact" the pact is as future.
// (A verb in the past after "and" has a tense of its own.)
func shareMood(w *sentence, evs []Event) {
	for i := 1; i < len(evs); i++ {
		e := &evs[i]
		if e.Kind != 'V' || len(e.Words) == 0 || e.Words[0] != e.Anchor {
			continue
		}
		a := e.Anchor
		if l := w.lower(a); strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "s") || w.g.irregular != nil && w.g.irregular(l) {
			continue
		}
		j := a - 1
		for j >= 0 && isAdverb(w, j) {
			j--
		}
		if j < 1 || w.lower(j) != "and" {
			continue
		}
		for k := i - 1; k >= 0; k-- {
			p := &evs[k]
			if p.Kind == 'V' && p.Anchor < j && w.paren[p.Anchor] == w.paren[a] {
				e.Hypothetical = e.Hypothetical || p.Hypothetical
				e.Future = e.Future || p.Future
				break
			}
		}
	}
}

// claimed marks the acts told as what someone claims or alleges: "the
// opposition claims its members were beaten in detention" reports an
// accusation, not a beating.
func claimed(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if e.Suppressed {
			continue
		}
		for j := e.Anchor - 1; j >= 0 && j >= e.Anchor-12; j-- {
			if w.toks[j].Kind == tokenize.Punct && w.toks[j].Text != "," {
				break
			}
			if !w.may(j, w.marks.aux) || !w.g.allegeVerbs[w.lower(j)] || w.covering(j) >= 0 {
				continue
			}
			// "alleged militants were apprehended": "alleged" before
			// its noun is an adjective, no claim.
			if w.lower(j) == "alleged" && w.attributive(j) && j+1 < len(w.toks) && !w.toks[j+1].Cap {
				continue
			}
			// Where the claim is an event of its own ("alleged that
			// police had shot"), the act is its content.
			for k := range evs {
				if k != i && contains(evs[k].Words, j) {
					e.Suppressed = true
				}
			}
			// An act named as the claim's object is the claimant's:
			// "the rebels claimed Tuesday's attack", "claimed
			// responsibility for the bombing".
			// (Past a word or two before the act: "claimed
			// responsibility for the December attack", "claimed the
			// deadly ambush".)
			// A verb's form read there is its noun: "claimed the
			// deadly raid".
			if o := w.claimObject(j); len(e.Words) > 0 && (e.Kind == 'N' || e.Words[0] > o || o > j+1 && w.tag(o-1)&lexicon.DET != 0) && e.Words[0] >= o && e.Words[0] <= o+2 && w.plainWordsBetween(o, e.Words[0]) {
				// The claimant did it, whoever the object's own words
				// name ("an ambush on a convoy escorted by soldiers").
				if subj := w.subject(j); subj != nil {
					e.Actor = w.entities(subj)
				}
				break
			}
			// One's claim of one's own act is that act: "the rebels
			// claimed to have captured the town".
			if subj := w.subject(j); subj != nil && !e.Suppressed {
				if c := w.entities(subj); !sameEntities(c, e.Actor) {
					e.Claimant = c
				}
			}
			break
		}
	}
}

// plainWordsBetween reports whether the tokens from a up to b are words
// outside any mention: no punctuation, name or role noun between.
func (w *sentence) plainWordsBetween(a, b int) bool {
	for t := a; t < b; t++ {
		if w.toks[t].Kind != tokenize.Word || w.covering(t) >= 0 || w.lower(t) == "to" || w.tag(t)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.PREP|lexicon.SUB|lexicon.REL|lexicon.CONJ) != 0 {
			return false
		}
	}
	return true
}

// armedRaids makes a raid by armed men of no state an attack, not a
// search: "gangs raided two police stations", "a checkpoint raided by
// insurgents", "the rebels claimed the raid on the detachment" (after
// claimed, which names a claimed raid's raiders).
func armedRaids(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if e.Category == plover.Coerce && e.Mode == "seize" && e.Anchor >= 0 && strings.HasPrefix(w.lower(e.Anchor), "raid") && len(e.Actor) > 0 && !slices.ContainsFunc(e.Actor, func(a actors.Entity) bool { return !actors.Armed(a.Sector) }) {
			e.Category, e.Mode = plover.Assault, ""
		}
	}
}

// claimObject returns the token where the object of the verb of claiming
// at j begins: past "responsibility|credit for", determiners and a day's
// possessive.
func (w *sentence) claimObject(j int) int {
	o := j + 1
	if o+1 < len(w.toks) && (w.lower(o) == "responsibility" || w.lower(o) == "credit") && w.lower(o+1) == "for" {
		o += 2
	}
	for o < len(w.toks) && w.covering(o) < 0 && (w.tag(o)&lexicon.DET != 0 || w.dayPossessive(o+1) || w.dayPossessive(o)) {
		o++
	}
	return o
}

// prevented suppresses an event that a verb of prevention kept from
// happening: "police barred the protesters from marching", "the court
// banned the party from holding rallies".
func prevented(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if e.Suppressed || len(e.Words) == 0 {
			continue
		}
		j := e.Words[0] - 1
		// "banned the federation from holding a rally": past the light
		// verb in -ing and the noun phrase's first words to "from".
		if e.Kind == 'N' {
			for j > 0 && j >= e.Words[0]-3 && w.lower(j) != "from" && !(w.tag(j)&lexicon.LIGHT != 0 && strings.HasSuffix(w.lower(j), "ing")) {
				j--
			}
			if j > 0 && w.tag(j)&lexicon.LIGHT != 0 && strings.HasSuffix(w.lower(j), "ing") {
				j--
			} else {
				j = 0
			}
		} else if !strings.HasSuffix(w.lower(e.Words[0]), "ing") {
			continue
		}
		if j < 1 || w.lower(j) != "from" {
			continue
		}
		for k := j - 1; k >= 0 && k >= j-6; k-- {
			if w.toks[k].Kind == tokenize.Punct && w.toks[k].Text != "'" {
				break
			}
			if w.may(k, w.marks.aux) && w.g.preventVerbs[w.lower(k)] {
				e.Suppressed = true
				break
			}
		}
	}
}

// heldBefore marks as background an arrest told by a participle that
// describes the people a release, a pardon or a dropping of charges is
// about: "pardoned dozens of people jailed during the unrest", "freed
// five detained Americans", "the release of jailed opposition leader
// Khaleda Zia". The jailing is how they came to be held, not news.
func heldBefore(w *sentence, evs []Event) {
	for i := range evs {
		r := &evs[i]
		if !(r.Category == plover.Retreat && r.Mode == "release" || r.Category == plover.Concede) || len(r.Words) == 0 {
			continue
		}
		last := r.Words[len(r.Words)-1]
		for j := range evs {
			e := &evs[j]
			if e.Category != plover.Coerce || e.Passive || len(e.Words) != 1 || e.Anchor <= last || e.Anchor > last+8 || !strings.HasSuffix(w.lower(e.Anchor), "ed") {
				continue
			}
			// A participle, not a finite verb of its own: no form of
			// "be" or "have" and no clause opener before it.
			if p := e.Anchor - 1; p >= 0 && w.tag(p)&(lexicon.BE|lexicon.HAVE|lexicon.REL|lexicon.SUB|lexicon.CONJ) != 0 {
				continue
			}
			if w.barrier(last, e.Anchor) || w.paren[e.Anchor] != w.paren[r.Anchor] {
				continue
			}
			e.Background = true
		}
	}
}

// chargedActs suppresses the events named as what someone is charged
// with or suspected of: "on charges of involvement with a banned group and
// inciting and taking part in illegal protests", "on suspicion of
// organising a coup". The charge is the accusation's, no act of the
// sentence.
func chargedActs(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if e.Suppressed || len(e.Words) == 0 {
			continue
		}
		for j := e.Words[0] - 1; j > 0 && j >= e.Words[0]-12; j-- {
			if t := &w.toks[j]; t.Kind == tokenize.Punct && t.Text != "," || w.tag(j)&(lexicon.SUB|lexicon.REL|lexicon.BE) != 0 {
				break
			}
			if l := w.lower(j); l != "of" && l != "including" && l != "include" {
				continue
			}
			switch w.lower(j - 1) {
			case "charge", "charges", "accusation", "accusations", "allegation", "allegations", "suspicion", "count", "counts":
				e.Suppressed = true
			}
			break
		}
	}
}

// termsExplained suppresses the events a sentence names in explaining a
// word's use: "Turkish authorities use \"neutralize\" to imply that the
// terrorists surrendered, were killed or were captured", "the term
// \"neutralized\" means ...". A word quoted after "use" or after "word",
// "term", "phrase" or "expression" is cited, and what follows it explains
// it: none of it happened.
func termsExplained(w *sentence, evs []Event) {
	from := -1
	for j := 0; j+1 < len(w.toks) && from < 0; j++ {
		if !w.isPunct(j+1, "\"") && !w.isPunct(j+1, "'") && w.toks[j+1].Text != "“" && w.toks[j+1].Text != "‘" {
			continue
		}
		switch w.lower(j) {
		case "use", "uses", "used", "using", "word", "term", "phrase", "expression":
			from = j
		}
	}
	if from < 0 {
		return
	}
	for i := range evs {
		if evs[i].Anchor > from {
			evs[i].Suppressed = true
		}
	}
}

// coveredStories marks as background an event a noun names as what a
// story in the media was about: "suspended a channel over its coverage
// of the 2023 riots", "for its reporting on the protests". The story's
// subject is not news of the sentence.
func coveredStories(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if len(e.Words) == 0 {
			continue
		}
		// Back from the noun over its determiners, dates, years and
		// modifiers to "of", "on" or "about".
		j := e.Words[0] - 1
		for j > 0 && e.Words[0]-j <= 4 && w.toks[j].Kind != tokenize.Punct && w.tag(j)&(lexicon.PREP|lexicon.CONJ|lexicon.SUB|lexicon.REL|lexicon.BE|lexicon.HAVE) == 0 {
			j--
		}
		if j < 1 {
			continue
		}
		if l := w.lower(j); (l == "of" || l == "on" || l == "about") && w.g.coverage[w.lower(j-1)] {
			e.Background = true
		}
	}
}

// purposes suppresses an event told as the purpose of an earlier one by
// the same actor: in "police used tear gas to disperse the crowd" and
// "troops were deployed to quell the unrest" the dispersal and the
// quelling are what the act was for, not acts of their own; so are the
// demands and denunciations of a protest ("staged a sit-in, demanding
// the return of relatives").
func purposes(w *sentence, evs []Event) {
	for i := 1; i < len(evs); i++ {
		e := &evs[i]
		if e.Suppressed || e.Kind != 'V' || len(e.Words) == 0 {
			continue
		}
		j := e.Words[0] - 1
		for j >= 0 && isAdverb(w, j) {
			j--
		}
		// "to demand", or a participle after a comma: ", demanding".
		voiced := j >= 1 && w.isPunct(j, ",") && strings.HasSuffix(w.lower(e.Words[0]), "ing")
		if j < 1 || w.lower(j) != "to" && !voiced {
			continue
		}
		for k := i - 1; k >= 0; k-- {
			p := &evs[k]
			if p.Suppressed || p.Anchor >= j || w.paren[p.Anchor] != w.paren[e.Anchor] {
				continue
			}
			// "used tear gas and water cannons to disperse": past a
			// noun coordinated with the act, which has no actor of its
			// own.
			if len(p.Actor) == 0 && !p.Passive && p.Kind == 'N' && p.Category == plover.Assault && k > 0 {
				continue
			}
			// "would blockade Paris to demand an end to the reform":
			// the object of the act is not the subject of its
			// purpose; the act's actor is.
			// (Not past a relative pronoun: "protesters who tried to
			// march".)
			if !voiced && len(p.Actor) > 0 && len(e.Actor) > 0 && sameEntities(e.Actor, p.Recipient) && !slices.ContainsFunc(w.toks[p.Anchor+1:j], func(t tokenize.Token) bool { return t.Lower == "who" || t.Lower == "which" || t.Lower == "that" }) {
				e.Actor = p.Actor
			}
			// Force named by a noun ("used tear gas to disperse") is
			// the clause subject's, whose aim the infinitive says.
			same := len(e.Actor) == 0 || len(p.Actor) == 0 && !p.Passive && p.Kind == 'N' && p.Category == plover.Assault || sameEntities(p.Actor, e.Actor) || p.Passive && sameEntities(p.Recipient, e.Actor)
			// What protesters demand or denounce is what their
			// protest says, not an act of its own.
			said := p.Category == plover.Protest && (e.Category == plover.Request || e.Category == plover.Accuse || e.Category == plover.Reject)
			// A meeting "to discuss" is one consultation, whoever the
			// infinitive seems to have for subject.
			meeting := p.Category == plover.Consult && e.Category == plover.Consult && !voiced
			if same && (!voiced || said) || meeting {
				e.Suppressed = true
			}
			break
		}
	}
}

// appositive marks as background a participle set off by commas after
// its subject, before the subject's own verb: in "Sudanese forces,
// deployed to the Ethiopian border in 2021, withdrew from al-Fashaga on
// Tuesday" the deployment describes the forces; the withdrawal is the
// news.
func appositive(w *sentence, e *Event) {
	a := e.Anchor
	if e.Kind != 'V' || e.Words[0] != a || a < 2 || !strings.HasSuffix(w.lower(a), "ed") || !w.isPunct(a-1, ",") {
		return
	}
	if k := w.mentionEndingAt(a - 1); k < 0 || w.ms[k].End != a-1 {
		return
	}
	for j := e.Words[len(e.Words)-1] + 1; j+1 < len(w.toks) && j <= a+12; j++ {
		if t := &w.toks[j]; t.Kind == tokenize.Punct && t.Text != "," {
			return
		}
		if !w.isPunct(j, ",") {
			continue
		}
		n := j + 1
		for n < len(w.toks) && isAdverb(w, n) {
			n++
		}
		if n < len(w.toks) && w.covering(n) < 0 && w.pastForm(n) {
			e.Background = true
		}
		return
	}
}

// conditioned reads an announced withdrawal or cut made to hang on what
// the other side does as a threat: "Nigeria announced that it will
// withdraw its peacekeepers from Chad unless a ceasefire is arranged"
// (PLOVER: a conditional future act is THREATEN).
func conditioned(w *sentence, e *Event) {
	if !e.Future || e.Negated || e.Hypothetical || e.Kind != 'V' {
		return
	}
	switch e.Category {
	case plover.Retreat, plover.Concede, plover.Sanction:
	case plover.Agree, plover.Cooperate:
		// "would stop cooperating on migration if Washington imposed
		// the tariffs": cooperation cut off.
		if p := e.Words[0] - 1; p < 0 || !w.g.cancelVerbs[w.lower(p)] && w.lower(p) != "stop" && w.lower(p) != "cease" {
			return
		}
	default:
		return
	}
	for j := e.Words[len(e.Words)-1] + 1; j < len(w.toks) && j <= e.Anchor+16; j++ {
		if l := w.lower(j); l == "unless" || l == "if" {
			e.Category, e.Mode = plover.Threaten, ""
			return
		}
		if t := &w.toks[j]; t.Kind == tokenize.Punct && t.Text != "," || w.tag(j)&lexicon.SAY != 0 {
			return
		}
	}
}

// refused reads an agreement denied as a rejection: "Israel said it would
// not agree to a ceasefire until the hostages were freed" rejects the
// ceasefire (PLOVER's REJECT of a proposal), where a negated event is
// otherwise none.
func refused(w *sentence, e *Event) {
	if e.Category != plover.Agree || !e.Negated || e.Kind != 'V' || !strings.HasPrefix(w.lower(e.Anchor), "agree") {
		return
	}
	// (Not an agreement someone else denies: "denied that Trump had
	// agreed to halt deliveries".)
	for j := e.Anchor - 1; j >= 0 && j >= e.Anchor-3; j-- {
		if l := w.lower(j); l == "not" || l == "n't" || l == "never" {
			e.Category, e.Mode, e.Negated, e.Future = plover.Reject, "", false, false
			return
		}
	}
}

// sharePassives reads a participle coordinated with an earlier passive
// as a passive too, its "be" left out: in "a soldier was killed and two
// others wounded in an ambush" nobody named wounded the two others. The
// earlier passive's actor (its "by" agent, if any) is the later one's.
func sharePassives(w *sentence, evs []Event) {
	for i := 0; i < len(evs); i++ {
		e := &evs[i]
		if e.Kind != 'V' || e.Passive || len(e.Words) == 0 || e.Words[0] != e.Anchor || !strings.HasSuffix(w.lower(e.Anchor), "ed") {
			continue
		}
		if i == 0 {
			ellipticPassive(w, e)
			continue
		}
		// The verb in "-ed" before, past nouns and other words between
		// and other readings of this verb: "was convicted of
		// organising mass unrest and sentenced to 18 years".
		k := i - 1
		for k > 0 && (evs[k].Kind == 'N' || evs[k].Anchor >= e.Anchor || !strings.HasSuffix(w.lower(evs[k].Anchor), "ed")) {
			k--
		}
		p := &evs[k]
		if p.Kind != 'V' || !p.Passive || p.Anchor >= e.Anchor || w.paren[p.Anchor] != w.paren[e.Anchor] {
			ellipticPassive(w, e)
			continue
		}
		and := -1
		for j := e.Anchor - 1; j > p.Anchor && j >= e.Anchor-6; j-- {
			if w.lower(j) == "and" {
				and = j
				break
			}
			// (Past quotation marks: 32 Colombian "insurgents" captured.)
			if w.isPunct(j, "\"") {
				continue
			}
			if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.SAY|lexicon.REL|lexicon.SUB) != 0 {
				break
			}
		}
		if and < 0 {
			continue
		}
		// "was charged with treason and remanded in custody": right
		// after "and", a participle with no object of its own shares
		// the subject too ("were deployed and killed 12 militants"
		// is active).
		if and == e.Anchor-1 {
			if n := e.Anchor + 1; n < len(w.toks) && (w.startingAt(n) >= 0 || w.tag(n)&lexicon.DET != 0 || w.toks[n].Kind == tokenize.Number) {
				continue
			}
			e.Passive, e.Actor, e.Recipient = true, p.Actor, p.Recipient
			continue
		}
		e.Passive = true
		e.Actor = p.Actor
		// "was charged with treason and remanded in custody": the
		// earlier passive's subject, unless others are named between.
		e.Recipient = p.Recipient
		for j := and + 1; j < e.Anchor; j++ {
			if k := w.startingAt(j); k >= 0 {
				e.Recipient = w.entities(w.coordinatedAfter(k))
				break
			}
		}
	}
}

// ellipticPassive reads "were ordered to disperse and media censored": a
// participle right after "and" and a bare noun, in a clause whose verb is
// a passive, is a passive with "were" left out; the noun is what was done
// to, by no one named.
func ellipticPassive(w *sentence, e *Event) {
	if e.Anchor < 1 {
		return
	}
	k := w.covering(e.Anchor - 1)
	if k < 0 || w.ms[k].End != e.Anchor {
		return
	}
	and := w.ms[k].Start - 1
	if and < 2 || w.lower(and) != "and" || w.tag(w.ms[k].Start)&lexicon.DET != 0 {
		return
	}
	for j := and - 1; j > 0 && j >= and-8; j-- {
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.SUB|lexicon.REL|lexicon.SAY) != 0 {
			return
		}
		if w.tag(j-1)&lexicon.BE != 0 && strings.HasSuffix(w.lower(j), "ed") && w.covering(j) < 0 {
			e.Passive, e.Actor, e.Recipient = true, nil, w.entities([]int{k})
			return
		}
	}
}

// targetedMeasures reads "targeting" in a sentence about sanctions as
// what the sanctions hit: "strengthened sanctions on Moscow, with
// Washington directly targeting Russia's banks" attacks nobody.
func targetedMeasures(w *sentence, evs []Event) {
	sanctions := slices.ContainsFunc(evs, func(e Event) bool { return e.Category == plover.Sanction && !e.Suppressed })
	if !sanctions {
		return
	}
	for i := range evs {
		if e := &evs[i]; e.Category == plover.Assault && e.Kind == 'V' && strings.HasPrefix(w.lower(e.Anchor), "target") {
			e.Category, e.Mode = plover.Sanction, ""
		}
	}
}

// clashParties gives a two-sided clash named by a noun the side its
// clause's subject stands on: "three militants were killed in an
// encounter with security forces", "a commander died in a gunfight with
// police", "troops had a firefight with rebels". The killing or dying is
// the clash's toll, not an event of its own.
func clashParties(w *sentence, evs []Event) {
	for i := range evs {
		e := &evs[i]
		if e.Kind != 'N' || e.Category != plover.Assault || e.Trigger == nil || !e.Trigger.Reciprocal || len(e.Words) == 0 {
			continue
		}
		// Back over the noun phrase's determiner and modifiers: "an
		// hour-long", "a fierce".
		j := e.Words[0] - 1
		for j >= 0 && e.Words[0]-j <= 4 && w.covering(j) < 0 && w.toks[j].Kind != tokenize.Punct && (w.tag(j)&(lexicon.DET|lexicon.MOD) != 0 && w.tag(j)&lexicon.POSS == 0 || w.tag(j) == 0 && !w.toks[j].Cap && !strings.HasSuffix(w.lower(j), "ed")) {
			j--
		}
		if j < 1 {
			continue
		}
		var verb int
		switch l := w.lower(j); {
		case w.tag(j)&lexicon.HAVE != 0 || l == "had" || l == "having":
			// "had a firefight with", and "engaged in", "got into".
			verb = j
		case (l == "in" || l == "into") && (w.lower(j-1) == "engaged" || w.lower(j-1) == "got" || w.lower(j-1) == "locked"):
			verb = j - 1
		case l == "in" || l == "during":
			if !w.g.casualty[w.lower(j-1)] {
				continue
			}
			verb = j - 1
		default:
			continue
		}
		// The other side may be a word of the pattern's own: "an
		// encounter with security forces".
		if len(e.Recipient) == 0 {
			for _, j := range e.Words {
				if k := w.covering(j); j > e.Anchor && k >= 0 {
					e.Recipient = w.entities(w.coordinated(k))
					break
				}
			}
		}
		party := w.entities(w.subject(verb))
		var toll *Event
		for k := range evs {
			if p := &evs[k]; k != i && p.Category == plover.Assault && p.Kind == 'V' && p.Anchor == verb {
				toll = p
				if p.Passive && len(p.Recipient) > 0 {
					party = p.Recipient
				}
			}
		}
		if len(party) == 0 {
			continue
		}
		actor := slices.Clip(e.Actor)
		for _, a := range party {
			if !slices.ContainsFunc(actor, func(b actors.Entity) bool { return b.Code == a.Code && b.Sector == a.Sector }) {
				actor = append(actor, a)
			}
		}
		// The clash is reported, not mentioned: its "in" governs it
		// no more than "had" does.
		e.Actor, e.Governed = actor, false
		if toll != nil {
			toll.Suppressed = true
		}
	}
}

// Extract returns the events of one sentence, in order, and for each token
// the parenthetical (relative clause, bracket) it stands in, numbered from
// 1, or 0 outside any. ms are the sentence's mentions (sorted by
// position); pronoun mentions are resolved in place. st carries context
// between sentences.
func (x *Extractor) Extract(s *phrase.Sentence, ms []actors.Mention, st *State) ([]Event, []int) {
	if st.walker == nil {
		st.walker = x.trie.NewWalker()
	}
	st.seq++
	// The first token a trigger can start at: a sentence with none has
	// no events, and match goes on from it.
	first := x.trie.NextStart(s, 0)
	if first == len(s.Toks) {
		x.rememberPeople(ms, st)
		return nil, nil
	}
	w := x.prepare(s, ms, st)
	x.resolvePronouns(w, st)
	found := x.match(w, st, first)
	if len(found) == 0 {
		x.remember(w, nil, st)
		return nil, w.paren
	}
	// roles fills each event where it lies: an Event is large, and
	// returning it by value would copy it twice.
	evs := st.evs.Make(len(found))
	for i, f := range found {
		x.roles(w, f, &evs[i])
	}
	shareSubjects(w, evs)
	sharePassives(w, evs)
	clashParties(w, evs)
	targetedMeasures(w, evs)
	x.embed(w, evs)
	purposes(w, evs)
	prevented(w, evs)
	heldBefore(w, evs)
	coveredStories(w, evs)
	termsExplained(w, evs)
	chargedActs(w, evs)
	claimed(w, evs)
	armedRaids(w, evs)
	speaker := x.speaker(w)
	for i := range evs {
		x.aux(w, &evs[i])
		appositive(w, &evs[i])
		refused(w, &evs[i])
		conditioned(w, &evs[i])
		if len(speaker) > 0 {
			evs[i].Speaker = speaker
		}
	}
	shareMood(w, evs)
	x.remember(w, evs, st)
	return evs, w.paren
}

func (x *Extractor) prepare(s *phrase.Sentence, ms []actors.Mention, st *State) *sentence {
	n := len(s.Toks)
	// The mention maps live only while the sentence is read: they reuse
	// the state's buffer. The parentheticals go out with the events.
	if cap(st.scratch) < 3*(n+1) {
		st.scratch = make([]int, 3*(n+1))
	}
	buf := st.scratch[:3*(n+1)]
	// Every field of the view is set, one by one: a composite literal
	// would be built on the stack and then copied.
	w := &st.view
	w.s, w.toks, w.words, w.ms = s, s.Toks, s.Words, ms
	w.g = &x.g
	w.startAt, w.inMent, w.barriers = buf[:n+1], buf[n+1:2*(n+1)], nil
	w.paren, w.parens = st.ints.Make(n+1), w.parens[:0]
	w.sayAt = -1
	w.marks, w.ints, w.ents = x.marks, &st.ints, &st.ents
	clear(buf[:2*(n+1)])
	// One pass counts the barriers and notes where a parenthesis or a
	// comma may open a parenthetical.
	toks := s.Toks
	count, opens := 0, st.opens[:0]
	for i := range toks {
		t := &toks[i]
		if t.Kind != tokenize.Punct {
			continue
		}
		switch t.Text {
		case ";", ":":
			count++
		case "(", ",":
			opens = append(opens, i)
		}
	}
	st.opens = opens
	if count > 0 {
		// Few sentences have a barrier: the others have no counts.
		barriers := buf[2*(n+1) : 3*(n+1)]
		count = 0
		for i := range s.Toks {
			barriers[i] = count
			if t := &s.Toks[i]; t.Kind == tokenize.Punct && (t.Text == ";" || t.Text == ":") {
				count++
			}
		}
		barriers[n] = count
		w.barriers = barriers
	}
	startAt, inMent := w.startAt, w.inMent
	for k := range ms {
		m := &ms[k]
		startAt[m.Start] = k + 1
		for i := m.Start; i < m.End; i++ {
			inMent[i] = k + 1
		}
	}
	// Parentheticals: "( ... )", and ", who|which|whom|whose|including ... ,".
	// Tokens before next belong to one found already.
	next := 0
	for _, i := range opens {
		if i < next {
			continue
		}
		switch punct(&s.Toks[i]) {
		case '(':
			j := i + 1
			for j < n && punct(&s.Toks[j]) != ')' {
				j++
			}
			w.addParen(i, j)
			next = j + 1
		case ',':
			if i+1 >= n {
				break
			}
			nx := s.Toks[i+1].Lower
			if nx == "who" || nx == "which" || nx == "whom" || nx == "whose" || nx == "including" || nx == "where" {
				j := i + 1
				for j < n {
					if c := punct(&s.Toks[j]); c == ',' || c == ';' {
						break
					}
					j++
				}
				w.addParen(i, j)
				next = j
				break
			}
			// "Issa Tchiroma, Biya's main challenger, warned": a
			// possessive's noun phrase set off by commas after a
			// person's name describes the person.
			if k := startAt[i+1] - 1; k >= 0 && ms[k].Possessive && i > 0 && inMent[i-1] > 0 && ms[inMent[i-1]-1].Kind == actors.Person {
				for j := ms[k].End; j < n && j <= i+8; j++ {
					if c := punct(&s.Toks[j]); c == ',' {
						w.addParen(i, j)
						next = j
						break
					} else if c != 0 || s.Words[j].Tag&(lexicon.BE|lexicon.HAVE|lexicon.SAY) != 0 {
						break
					}
				}
			}
		}
	}
	return w
}

// punct returns the character of a one-byte punctuation token, or 0.
func punct(t *tokenize.Token) byte {
	if t.Kind != tokenize.Punct || len(t.Text) != 1 {
		return 0
	}
	return t.Text[0]
}

func (w *sentence) addParen(a, b int) {
	w.parens = append(w.parens, span{a, b})
	id := len(w.parens)
	for i := a; i <= b && i < len(w.paren); i++ {
		if w.paren[i] == 0 {
			w.paren[i] = id
		}
	}
}

// barrier reports whether tokens [a, b) contain a clause barrier that a
// subject cannot be found across: ';' or ':'.
func (w *sentence) barrier(a, b int) bool {
	return a < b && w.barriers != nil && w.barriers[b] > w.barriers[a]
}

// inPP reports whether mention k is the object of a preposition.
func (w *sentence) inPP(k int) bool {
	st := w.ms[k].Start
	// "for the new authorities": past the determiner and modifiers.
	// (Not past a relative pronoun: "a deal under which fighters will
	// withdraw".)
	for st > 0 && w.covering(st-1) < 0 && w.tag(st-1)&(lexicon.DET|lexicon.MOD) != 0 && w.tag(st-1)&(lexicon.PREP|lexicon.REL) == 0 {
		st--
	}
	// "by unpaid teachers", "with striking nurses": past one or two
	// lower-case words the lexicon does not know, adjectives, when a
	// preposition stands before them.
	if st == w.ms[k].Start {
		b := st
		// (So a participle used as an adjective: "supporters of the
		// jailed former mayor".)
		for b > 0 && st-b < 2 && w.covering(b-1) < 0 && w.toks[b-1].Kind == tokenize.Word && !w.toks[b-1].Cap && (w.tag(b-1) == 0 || w.tag(b-1)&^lexicon.PART == 0 && strings.HasSuffix(w.lower(b-1), "ed") && b > 1 && w.tag(b-2)&lexicon.DET != 0) {
			b--
		}
		if b < st && b > 0 && w.covering(b-1) < 0 && w.tag(b-1)&lexicon.DET != 0 && w.tag(b-1)&lexicon.PREP == 0 {
			b--
		}
		// "in the Indian capital New Delhi": past a country's adjective
		// and its article too.
		if b < st && b > 0 {
			if a := w.covering(b - 1); a >= 0 && w.ms[a].Kind == actors.Adjective && w.ms[a].End == b {
				b = w.ms[a].Start
				if b > 0 && w.covering(b-1) < 0 && w.tag(b-1)&lexicon.DET != 0 {
					b--
				}
			}
		}
		if b < st && b > 0 && w.tag(b-1)&lexicon.PREP != 0 && w.tag(b-1)&lexicon.SUB == 0 {
			st = b
		}
	}
	// "of President Abdel Aziz Bouteflika": past the capitalised words
	// of a name that the mention does not cover, and its title (not a
	// day's or a month's name, and not past a determiner).
	if st == w.ms[k].Start {
		for st > 1 && w.toks[st-1].Kind == tokenize.Word && w.toks[st-1].Cap && w.tag(st-1)&(lexicon.PREP|lexicon.DET|lexicon.CONJ|lexicon.SUB) == 0 && !w.dateWord(st-1) && !timex.IsWeekday(w.lower(st-1)) {
			t := w.covering(st - 1)
			if t < 0 {
				st--
				continue
			}
			// A title and the first names: "President Abdel Aziz".
			if w.ms[t].Kind != actors.Agent || w.ms[t].End != st {
				break
			}
			st = w.ms[t].Start
		}
	}
	if st == 0 {
		return false
	}
	// "to Mali and Niger": the second of two coordinated objects; so past
	// an acronym in brackets: "between the Republic of Korea (ROK) and
	// Japan".
	if st >= 2 && w.tag(st-1)&lexicon.CONJ != 0 {
		j := st - 2
		// "with the National Liberation Army, or ELN,": past the comma
		// of an apposition.
		if w.isPunct(j, ",") && j > 0 {
			j--
		}
		if w.isPunct(j, ")") {
			for o := j - 1; o > 0 && o >= j-6; o-- {
				if w.isPunct(o, "(") {
					j = o - 1
					break
				}
			}
		}
		// "through the Ministry of Foreign Affairs, International
		// Cooperation and Gambians Abroad": past the capitalised words
		// of a list's item that no mention covers, back to the list's
		// first mention.
		if j > 0 && w.covering(j) < 0 && w.toks[j].Kind == tokenize.Word && w.toks[j].Cap {
			q := j
			for q > 0 && j-q < 8 && w.covering(q) < 0 && (w.toks[q].Kind == tokenize.Word && w.toks[q].Cap || w.isPunct(q, ",")) {
				q--
			}
			if w.isPunct(q+1, ",") {
				j = q
			}
		}
		if p := w.covering(j); p >= 0 && p != k {
			return w.inPP(p)
		}
	}
	tg := w.tag(st - 1)
	if tg&lexicon.PREP == 0 || w.lower(st-1) == "as" {
		return false
	}
	// "Thousands of young Kenyans", "members of the union": the mention is
	// the head of a quantity phrase.
	if w.lower(st-1) == "of" && st >= 2 && w.may(st-2, w.marks.quantity) && w.g.quantity[w.lower(st-2)] {
		return false
	}
	// "after army officers toppled ...": a word that is both preposition
	// and subordinator opens a clause when a verb follows the mention.
	if tg&lexicon.SUB != 0 {
		e := w.ms[k].End
		// Past a possessive's noun: "after the prime minister's
		// office accused".
		if w.ms[k].Possessive {
			if e < len(w.toks) && (w.lower(e) == "'s" || w.lower(e) == "'") {
				e++
			}
			e = w.possessed(e, len(w.toks))
		}
		// Past the mentions coordinated with it: "after opposition
		// leaders and civic groups rejected".
		for e+1 < len(w.toks) && (w.lower(e) == "and" || w.lower(e) == "or") && w.startingAt(e+1) >= 0 {
			e = w.ms[w.startingAt(e+1)].End
		}
		// Past a phrase of "from" or "of" after it: "after students
		// from the capital blocked".
		if e+2 < len(w.toks) && (w.lower(e) == "from" || w.lower(e) == "of") {
			for j := e + 1; j < len(w.toks) && j <= e+5; j++ {
				if k := w.covering(j); k >= 0 {
					j = w.ms[k].End - 1
					continue
				}
				if tg := w.tag(j); w.toks[j].Kind != tokenize.Word || tg&(lexicon.DET|lexicon.MOD) == 0 && (tg != 0 || w.pastForm(j)) {
					e = j
					break
				}
			}
		}
		if e < len(w.toks) {
			t := &w.toks[e]
			nt := w.tag(e)
			if t.Kind == tokenize.Word && !t.Cap && w.covering(e) < 0 && (nt&^(lexicon.PART|lexicon.LIGHT) == 0 || nt&(lexicon.MODAL|lexicon.BE|lexicon.HAVE|lexicon.NEG|lexicon.SAY|lexicon.DO) != 0) {
				return false
			}
		}
	}
	return true
}
