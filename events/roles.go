package events

import (
	"dyad/timex"
	"slices"
	"strings"

	"dyad/actors"
	"dyad/dict"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/plover"
	"dyad/postag"
	"dyad/tokenize"
)

type found struct {
	ti int // trigger index
	m  phrase.Match
}

// match finds the triggers of a sentence: at each token the longest
// pattern, then non-overlapping matches, longer first. first is the first
// token a pattern can start at.
func (x *Extractor) match(w *sentence, st *State, first int) []found {
	all := st.found[:0]
	wordFirst := x.trie.WordFirst()
	for i := first; i < len(w.toks); i = x.trie.NextStart(w.s, i+1) {
		// A match's first word is i: inside a name or role noun, every
		// match would be turned down below, so none is looked for.
		if k := w.covering(i); wordFirst && k >= 0 && w.ms[k].Start != i && !(w.tag(i-1)&lexicon.DET != 0 && w.ms[k].Start == i-1) {
			continue
		}
		// best is the index of the hit kept: hits are read in place,
		// and only the one kept is copied.
		hits := st.walker.At(w.s, i, w)
		best := -1
		for j := range hits {
			m, ti := &hits[j].Match, hits[j].Pattern
			if m.Anchor < 0 || x.trig[ti].Kind == 'N' && (w.verbForm(m.Words) || w.verbInGap(m.Words)) {
				continue
			}
			// A verb trigger on a word that also starts noun triggers:
			// where the grammar cannot tell (plainVerb), the tagger
			// says whether it reads as a noun here ("three attacks
			// were reported", "talks with the rebels").
			if x.pos != nil && x.trig[ti].Kind == 'V' && m.Words[0] == m.Anchor && x.ambiguous.Has(w.words[m.Anchor].Stem) && !w.plainVerb(m.Anchor) {
				if st.posAt(x.pos, w, m.Anchor) == postag.NOUN {
					continue
				}
			}
			// A trigger does not start inside a name or role noun:
			// "police station forces" is no stationing of forces.
			if k := w.covering(m.Words[0]); k >= 0 && w.ms[k].Start != m.Words[0] && !(w.tag(m.Words[0]-1)&lexicon.DET != 0 && w.ms[k].Start == m.Words[0]-1) {
				continue
			}
			// A bare "protest" or "protests" is mostly the noun ("after
			// the deadly protests"), which the noun triggers read: the
			// bare verb trigger takes only "protested" and "protesting".
			if l := w.lower(m.Anchor); x.trig[ti].Kind == 'V' && x.trig[ti].Category == plover.Protest && len(m.Words) == 1 && strings.HasPrefix(l, "protest") && !strings.HasSuffix(l, "ed") && !strings.HasSuffix(l, "ing") {
				continue
			}
			// Nor is "protests" after a determiner, a preposition or an
			// adjective a verb: "students in the daily protests blocked
			// the boulevard".
			if a := m.Anchor; x.trig[ti].Kind == 'V' && x.trig[ti].Category == plover.Protest && w.lower(a) == "protests" && a > 0 && w.covering(a-1) < 0 && (w.tag(a-1)&(lexicon.DET|lexicon.PREP) != 0 || w.tag(a-1) == 0 && w.toks[a-1].Kind == tokenize.Word && !w.toks[a-1].Cap) {
				continue
			}
			// "Activists opposed to the planned motorway daubed
			// slogans": "opposed to" right after the people it
			// describes is an adjective, no rejection.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && a > 0 && a+1 < len(w.toks) && w.lower(a) == "opposed" && w.lower(a+1) == "to" {
				if k := w.mentionEndingAt(a); k >= 0 && w.ms[k].End == a && w.ms[k].Kind == actors.Agent {
					continue
				}
			}
			// A verb's bare form after "by" names a means, not an act:
			// "told reporters by phone", "took power by force".
			if a := m.Anchor; x.trig[ti].Kind == 'V' && a > 0 && m.Words[0] == a && w.lower(a-1) == "by" && !strings.HasSuffix(w.lower(a), "ing") && !strings.HasSuffix(w.lower(a), "ed") {
				continue
			}
			// A pattern that reads a passive after its subject ("@goods
			// * be give") does not read a progressive: "the assistance
			// it had been giving" gives nothing here.
			if x.trig[ti].Kind == 'V' && w.progressiveIn(m.Words) {
				continue
			}
			// "dispersed hawkers protesting against the demolition": an
			// -ing word right after a role noun is that noun's
			// participle, not the verb's object ("disperse * protest");
			// the protest is the hawkers'.
			if n := len(m.Words); x.trig[ti].Kind == 'V' && n > 1 {
				if l := m.Words[n-1]; l > 0 && strings.HasSuffix(w.lower(l), "ing") && w.mentionEndingAt(l) >= 0 && w.ms[w.mentionEndingAt(l)].Kind == actors.Agent && actors.AllUnarmed(w.ms[w.mentionEndingAt(l)].Entities) && l-1 > m.Words[n-2] {
					continue
				}
			}
			// A verb trigger after "at the party", a noun after a
			// preposition's object, is a noun: "clashes at the party
			// rally".
			if a := m.Anchor; x.trig[ti].Kind == 'V' && len(m.Words) == 1 && a > 0 {
				if k := w.mentionEndingAt(a); k >= 0 && w.ms[k].Start > 0 && w.ms[k].Start < w.ms[k].HeadStart && w.tag(w.ms[k].Start-1)&lexicon.PREP != 0 && w.tag(w.ms[k].Start-1)&lexicon.SUB == 0 && !w.toks[a].Cap && !strings.HasSuffix(w.lower(a), "ed") {
					continue
				}
			}
			// "clashed with striking dockworkers", "the protesting
			// farmers": an -ing word between a determiner or a
			// preposition and the people it describes is an adjective.
			// So is an -ed word after a preposition ("of armed men")
			// or an infinitive's verb ("to curb armed supporters");
			// after a determiner it stays an attributive participle
			// ("a jailed activist"), which the roles mark governed.
			// (After "by" or "after" an act done to people is a gerund
			// with its object: "responded by arresting protesters".)
			if a := m.Anchor; x.trig[ti].Kind == 'V' && m.Words[0] == a && a > 0 && a+1 < len(w.toks) && (strings.HasSuffix(w.lower(a), "ing") || strings.HasSuffix(w.lower(a), "ed")) && w.startingAt(a+1) >= 0 && (w.ms[w.startingAt(a+1)].Kind == actors.Agent || w.ms[w.startingAt(a+1)].Kind == actors.Demonym && w.tag(a-1)&lexicon.PREP != 0) &&
				(w.tag(a-1)&(lexicon.DET|lexicon.PREP) != 0 && w.covering(a-1) < 0 && (strings.HasSuffix(w.lower(a), "ing") || w.tag(a-1)&lexicon.DET == 0) || strings.HasSuffix(w.lower(a), "ed") && a > 1 && w.lower(a-2) == "to" && w.tag(a-1) == 0 && w.covering(a-1) < 0) &&
				!(x.trig[ti].Category != plover.Protest && strings.HasSuffix(w.lower(a), "ing") && (w.lower(a-1) == "by" || w.lower(a-1) == "after")) {
				continue
			}
			// "two alleged smugglers", "Suspected rebels attacked": an
			// -ed word between a number (or the sentence's start) and
			// the people it describes is an adjective.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && m.Words[0] == a && len(m.Words) == 1 && a+1 < len(w.toks) && strings.HasSuffix(w.lower(a), "ed") && w.startingAt(a+1) >= 0 && w.ms[w.startingAt(a+1)].Kind == actors.Agent &&
				(a == 0 || w.covering(a-1) < 0 && (w.toks[a-1].Kind == tokenize.Number || w.may(a-1, w.marks.quantity) && w.g.slotQuantity[w.lower(a-1)] && w.tag(a-1)&lexicon.PREP == 0)) {
				continue
			}
			// "two leading protest leaders", "a leading opposition
			// figure": "leading" after a number or a determiner and
			// before the people it describes is an adjective.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && m.Words[0] == a && w.lower(a) == "leading" && a+1 < len(w.toks) && w.startingAt(a+1) >= 0 && w.ms[w.startingAt(a+1)].Kind == actors.Agent &&
				(a == 0 || w.toks[a-1].Kind == tokenize.Number || w.tag(a-1)&(lexicon.DET|lexicon.POSS) != 0 || w.may(a-1, w.marks.quantity) && w.g.quantity[w.lower(a-1)]) {
				continue
			}
			// "its alleged role", "the alleged plot": a word of
			// alleging after a determiner qualifies the noun after it.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && len(m.Words) == 1 && a > 0 && a+1 < len(w.toks) && strings.HasSuffix(w.lower(a), "ed") && w.g.allegeVerbs[w.lower(a)] && w.tag(a-1)&(lexicon.DET|lexicon.POSS) != 0 && w.toks[a+1].Kind == tokenize.Word && w.tag(a+1)&(lexicon.PREP|lexicon.SUB|lexicon.DET) == 0 {
				continue
			}
			// "Rwandan-backed rebels", "the US-led coalition": the
			// participle after a name and a hyphen qualifies.
			if a := m.Anchor; m.Words[0] == a && a > 0 && w.isPunct(a-1, "-") && tokenize.Backer(w.lower(a)) {
				continue
			}
			// A gap does not reach over a passive's agent: "were killed
			// by soldiers" is no killing of soldiers.
			if x.trig[ti].Kind == 'V' && byInGap(w, m.Words) {
				continue
			}
			// Nor over a second verb: "beat and detained several
			// supporters" detains them; the beating's object is theirs
			// too, but the gap is no part of the beating's words.
			if x.trig[ti].Kind == 'V' && verbAfterAndInGap(w, m.Words) {
				continue
			}
			// "close to the border": an adjective, not a verb.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && m.Words[0] == a && a+1 < len(w.toks) && w.g.adjectivePhrase[w.lower(a)+" "+w.lower(a+1)] {
				continue
			}
			// "until their demands are met": a verb's form between a
			// possessive and a form of "be" is a noun, the subject of
			// a clause of its own.
			// (Past one noun before it: "their wage demands".)
			if a := m.Anchor; x.trig[ti].Kind == 'V' && m.Words[0] == a && a > 0 && a+1 < len(w.toks) && w.tag(a+1)&lexicon.BE != 0 && w.tag(a)&(lexicon.MODAL|lexicon.BE|lexicon.HAVE) == 0 &&
				(w.tag(a-1)&lexicon.POSS != 0 || a > 1 && w.tag(a-2)&lexicon.POSS != 0 && w.toks[a-1].Kind == tokenize.Word && !w.toks[a-1].Cap && w.tag(a-1)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.PREP|lexicon.CONJ|lexicon.SUB|lexicon.REL) == 0 && w.covering(a-1) < 0) {
				continue
			}
			// A verb's form after a number is a noun of measure: "10
			// million pounds", "three strikes".
			// A pattern that names the thing as its subject ("40
			// ambulances were delivered") starts with a noun.
			if a := m.Anchor; x.trig[ti].Kind == 'V' && a > 0 && m.Words[0] == a && strings.HasSuffix(w.lower(a), "s") && (w.toks[a-1].Kind == tokenize.Number || w.may(a-1, w.marks.quantity) && w.g.quantity[w.lower(a-1)]) && !slices.ContainsFunc(m.Words, func(j int) bool { return w.tag(j)&lexicon.BE != 0 }) {
				continue
			}
			// Nor is a trigger the first word of a role noun: "riot
			// police".
			if k := w.covering(m.Anchor); k >= 0 && w.ms[k].Kind == actors.Agent && w.ms[k].End > m.Anchor+1 {
				continue
			}
			// A one-word trigger before the noun it modifies names
			// no event: "riot gear", "attack helicopters".
			if a := m.Anchor; len(m.Words) == 1 && a+1 < len(w.toks) && w.toks[a+1].Kind == tokenize.Word && w.g.compoundHead[w.lower(a+1)] {
				continue
			}
			if best < 0 {
				best = j
				continue
			}
			b := &hits[best]
			if len(m.Words) > len(b.Match.Words) || (len(m.Words) == len(b.Match.Words) && (m.End > b.Match.End || m.End == b.Match.End && ti < b.Pattern)) {
				best = j
			}
		}
		if best >= 0 {
			// The walker reuses its hits' slices.
			f := found{ti: hits[best].Pattern, m: hits[best].Match}
			f.m.Words = w.ints.of(f.m.Words...)
			if len(f.m.Slots) > 0 {
				slots := st.slots.Make(len(f.m.Slots))
				copy(slots, f.m.Slots)
				f.m.Slots = slots
			} else {
				f.m.Slots = nil
			}
			all = append(all, f)
		}
	}
	// What follows only shortens all: its buffer can go back now.
	st.found = all[:0]
	if len(all) < 2 {
		return all
	}
	// A noun that ends a verb's match is the verb's object, not an event
	// of its own: "demanded the withdrawal of troops", "called for the
	// release of prisoners".
	for a := range all {
		va := &all[a]
		if x.trig[va.ti].Kind == 'N' || len(va.m.Words) == 0 {
			continue
		}
		last := va.m.Words[len(va.m.Words)-1]
		for b := range all {
			// (So a noun that starts inside the verb's gap and ends
			// where the verb's match does: "rejected a call for
			// peacekeepers" rejects the call.)
			// (A verb's trigger after an article is its noun: "a call
			// for".)
			nb := all[b].m.Words
			if b == a || len(nb) == 0 {
				continue
			}
			noun := x.trig[all[b].ti].Kind == 'N' || nb[0] > 0 && w.tag(nb[0]-1)&lexicon.DET != 0 && w.tag(nb[0]-1)&lexicon.POSS == 0
			if noun && (x.trig[all[b].ti].Kind == 'N' && nb[0] == last || nb[0] > va.m.Words[0] && nb[len(nb)-1] == last) {
				all[b].m.Words = nil
			}
		}
	}
	kept := all[:0]
	for _, f := range all {
		if f.m.Words != nil {
			kept = append(kept, f)
		}
	}
	all = kept
	if len(all) < 2 {
		return all
	}
	// Keep the matches whose trigger words do not overlap a longer match's,
	// taken longest first, in order among matches of one length: a pass
	// for each length costs less than sorting so few.
	longest := 0
	for k := range all {
		longest = max(longest, len(all[k].m.Words))
	}
	// used[t] is 1 when token t belongs to a match kept, keep[k] when
	// match k is kept.
	used, keep := w.ints.Make(len(w.toks)), w.ints.Make(len(all))
	for n := longest; n > 0; n-- {
		for k := range all {
			f := &all[k].m
			if len(f.Words) != n {
				continue
			}
			ok := true
			for _, t := range f.Words {
				if used[t] != 0 {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			// The words of a longer match's span (between its first and
			// last word) belong to it too: "reached a disengagement
			// agreement".
			for t := f.Words[0]; t <= f.Words[len(f.Words)-1]; t++ {
				if w.covering(t) < 0 || contains(f.Words, t) {
					used[t] = 1
				}
			}
			keep[k] = 1
		}
	}
	out := all[:0]
	for k, f := range all {
		if keep[k] != 0 {
			out = append(out, f)
		}
	}
	return out
}

// progressiveIn reports whether a form of "be" after the first of words
// is followed by a verb in -ing among them: a progressive, not the
// passive a pattern that starts with its subject reads.
func (w *sentence) progressiveIn(words []int) bool {
	for j := 1; j+1 < len(words); j++ {
		if w.tag(words[j])&lexicon.BE != 0 && words[j+1] == words[j]+1 && strings.HasSuffix(w.lower(words[j+1]), "ing") {
			return true
		}
	}
	return false
}

// relativeAfterNoun reports whether the participle at a reduces a
// relative clause with its agent after a noun that names no actor: "the
// persons abducted by bandits", "cattle stolen by raiders".
func (w *sentence) relativeAfterNoun(a int) bool {
	return a > 0 && a+2 < len(w.toks) && w.lower(a+1) == "by" && w.pastForm(a) && w.startingAt(a+2) >= 0 && w.toks[a-1].Kind == tokenize.Word && !w.toks[a-1].Cap && w.covering(a-1) < 0 && w.tag(a-1)&^lexicon.MOD == 0 && !isAdverb(w, a-1)
}

// firstPerson reports whether the verb at token i has "I" or "we" for its
// subject: "we condemn", "I will not accept", "we have decided to".
func (w *sentence) firstPerson(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch l := w.lower(j); {
		case l == "i" || l == "we":
			return true
		case isAdverb(w, j) || w.tag(j)&(lexicon.MODAL|lexicon.NEG|lexicon.HAVE|lexicon.DO|lexicon.FUT) != 0:
		default:
			return false
		}
	}
	return false
}

// saysAfter reports whether a verb of saying follows token e, past a
// noun of report: "media reports said", "officials told".
func (w *sentence) saysAfter(e int) bool {
	for j := e; j < len(w.toks) && j <= e+1; j++ {
		if w.tag(j)&lexicon.SAY != 0 {
			return true
		}
		if w.toks[j].Kind != tokenize.Word || w.covering(j) >= 0 {
			return false
		}
	}
	return false
}

// verbAfterAndInGap reports whether "and" and a verb in the past stand in
// a gap between the words of a match.
func verbAfterAndInGap(w *sentence, words []int) bool {
	for k := 1; k < len(words); k++ {
		for j := words[k-1] + 1; j+1 < words[k]; j++ {
			// (Not an adjective in -ed before its noun: "troops and
			// armoured units".)
			if w.lower(j) == "and" && w.covering(j+1) < 0 && w.pastForm(j+1) && !(j+2 < len(w.toks) && w.covering(j+2) < 0 && w.toks[j+2].Kind == tokenize.Word && !w.toks[j+2].Cap && w.tag(j+2) == 0) {
				return true
			}
		}
	}
	return false
}

// byInGap reports whether "by" opens a gap between the words of a
// pattern, right after a word in "-ed": "were killed by soldiers".
func byInGap(w *sentence, words []int) bool {
	for k := 1; k < len(words); k++ {
		if j := words[k-1] + 1; j < words[k] && w.lower(j) == "by" && strings.HasSuffix(w.lower(j-1), "ed") {
			return true
		}
	}
	return false
}

// verbInGap reports whether a verb in the past stands in a gap between
// the words of a noun pattern: "teachers joined the strike" is a clause,
// not the noun phrase "a teachers' strike".
func (w *sentence) verbInGap(words []int) bool {
	for k := 1; k < len(words); k++ {
		for t := words[k-1] + 1; t < words[k]; t++ {
			if w.covering(t) < 0 && w.toks[t].Kind == tokenize.Word && !w.toks[t].Cap && w.pastForm(t) {
				return true
			}
		}
	}
	return false
}

// verbForm reports whether one of the words is a past form of a verb
// ("attacked"): a noun pattern ("jihadist attack") does not match a clause
// ("jihadists attacked").
func (w *sentence) verbForm(words []int) bool {
	for _, i := range words {
		wd := &w.words[i]
		if wd.Stem != wd.Name && wd.Stem != 0 && strings.HasSuffix(w.lower(i), "ed") {
			return true
		}
	}
	return false
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// roles sets *ev, which must be the zero Event, to the event of match f
// with its actor and recipient.
func (x *Extractor) roles(w *sentence, f found, ev *Event) {
	t := &x.trig[f.ti]
	ctx := t.Contexts[:len(t.Contexts):len(t.Contexts)]
	ev.Trigger, ev.Category, ev.Mode, ev.Contexts, ev.Rule = t, t.Category, t.Mode, ctx, x.rules[f.ti]
	ev.Words, ev.Anchor = f.m.Words, f.m.Anchor
	var aSlots, rSlots []int
	for _, sl := range f.m.Slots {
		k := w.mentionFrom(sl.Start)
		if k < 0 {
			continue
		}
		// "talks with his Beninese counterpart": the party is the one
		// the possessive pronoun qualifies.
		if m := &w.ms[k]; m.Kind == actors.Pronoun && (m.Possessive || m.Pron == "her") {
			if n := w.startingAt(m.End); n >= 0 {
				k = n
			}
		} else if m.Kind == actors.Agent && m.End+1 < len(w.toks) && (w.lower(m.End) == "'" || w.lower(m.End) == "'s") {
			// "the teachers' union": the union.
			if n := w.startingAt(m.End + 1); n >= 0 {
				k = n
			}
		}
		if sl.Kind == 'A' {
			aSlots = append(aSlots, k)
		} else {
			rSlots = append(rSlots, k)
		}
	}
	// "clashes between protesters and police": a pattern that spells
	// out both parties after "between" names the first as the actor and
	// the second as the recipient.
	if len(f.m.Slots) == 0 && t.Kind == 'N' {
		aSlots, rSlots = w.partiesBetween(f.m.Words, aSlots, rSlots)
	}
	first := f.m.Words[0]
	end := f.m.End
	var actor, recip []int
	// doers is set where the actor is the people a participle follows,
	// which then governs nothing.
	doers := false
	kind := t.Kind
	host := kind == 'H'
	if host {
		kind = 'V'
	}
	ev.Kind = kind
	if kind == 'M' {
		// A demand in reported speech: the speaker demands of the
		// modal's subject.
		a := f.m.Anchor
		// "should the US decide to impose them": a condition, its
		// subject after the modal, demands nothing.
		// (Nor does it govern the clause after it: "Should Washington
		// impose tariffs, Beijing will retaliate" is Beijing's threat.)
		// So does one that opens the sentence: "Should the talks fail,
		// the army will resume its offensive".
		if b := a + 1; b < len(w.toks) && (a == 0 || w.startingAt(b) >= 0 || w.tag(b)&lexicon.DET != 0 && b+1 < len(w.toks) && w.startingAt(b+1) >= 0) {
			ev.Hypothetical, ev.Suppressed = true, true
			return
		}
		if k := w.mentionEndingAt(a); k >= 0 {
			ev.Recipient = w.entities(w.coordinated(k))
		} else if ks := w.subject(a); len(ks) > 0 && w.ms[ks[0]].Start > w.firstSay() && w.firstSay() >= 0 {
			// "said the army and the militias in Kordofan had to
			// sign a truce": past a place after the subject.
			ev.Recipient = w.entities(ks)
		}
		ev.Actor = x.speaker(w)
		if len(ev.Recipient) == 0 || sameEntities(ev.Actor, ev.Recipient) {
			ev.Actor = nil
		}
		return
	}
	// A verb trigger after a determiner is used as a noun: "such a ban",
	// and so after a determiner and a modifier: "the Hamas attack", "the
	// Russian invasion".
	// So after a possessive determiner ("its fight against Boko Haram"),
	// and across a date ("the Oct. 7 attack").
	// (Not a pattern that names the thing before its passive verb:
	// "the curfew had been lifted" is a verb's act.)
	if kind == 'V' && first > 0 && !slices.ContainsFunc(f.m.Words[1:], func(j int) bool { return w.tag(j)&lexicon.BE != 0 }) {
		p := first - 1
		for p > 0 && w.covering(p) < 0 && w.dateWord(p) {
			p--
		}
		if k := w.covering(p); k >= 0 {
			m := &w.ms[k]
			if m.End == p+1 && (m.Possessive || (m.Kind == actors.Org || m.Kind == actors.Adjective) && w.tag(m.Start)&lexicon.DET != 0 && w.tag(m.Start)&lexicon.POSS == 0 && !w.pastForm(f.m.Anchor)) {
				kind = 'N'
			}
		} else if w.tag(p)&lexicon.DET != 0 && (w.tag(p)&lexicon.POSS == 0 || w.lower(p) != "her") || w.dayPossessive(p) {
			kind = 'N'
		} else if w.lower(p) == "'s" {
			// "the country's bid to join": after a possessive's "'s".
			kind = 'N'
		}
		// So is a bare form after a preposition other than "to":
		// "released them without charge", "under attack".
		if a := f.m.Anchor; a == first && w.tag(p)&lexicon.PREP != 0 && (nounAfter(w.lower(p)) || plural(w.lower(a)) && timePreposition(w.lower(p)) && !t.Reciprocal) && w.covering(p) < 0 && !strings.HasSuffix(w.lower(a), "ing") && !strings.HasSuffix(w.lower(a), "ed") {
			kind = 'N'
		}
		// So is a plural right after a verb in the past, its object:
		// "restricted protests in the country".
		if a := f.m.Anchor; a == first && w.covering(a-1) < 0 && strings.HasSuffix(w.lower(a), "s") && !strings.HasSuffix(w.lower(a), "ss") && strings.HasSuffix(w.lower(a-1), "ed") && w.tag(a-1)&(lexicon.BE|lexicon.HAVE|lexicon.SAY|lexicon.PREP|lexicon.MOD) == 0 {
			kind = 'N'
		}
		// So is a participle between a number and the people it names:
		// "handed over 95 captured soldiers". (After "hundreds" or
		// "thousands" it is a verb: "thousands stormed parliament".)
		// (Not a day's number: "on June 14 received the speaker".)
		if a := f.m.Anchor; w.toks[first-1].Kind == tokenize.Number && !(first > 1 && w.toks[first-2].Cap && timex.IsMonth(w.lower(first-2))) && w.attributive(a) && (slices.Contains(f.m.Words, a+1) || w.covering(a+1) >= 0) {
			kind = 'N'
		}
	}
	// "during a telephone call that ...": a call made on the telephone
	// is a noun, no calling of anything.
	if kind == 'V' && first > 0 && (w.lower(first) == "call" || w.lower(first) == "calls") {
		switch w.lower(first - 1) {
		case "phone", "telephone", "video":
			ev.Suppressed = true
			return
		}
	}
	// So is a plural right after an infinitive: "to keep pickets off the
	// roads", "to break up protests".
	if kind == 'V' && first > 1 && f.m.Anchor == first && plural(w.lower(first)) && !strings.HasSuffix(w.lower(first), "ss") && w.lower(first-2) == "to" && w.covering(first-1) < 0 && w.toks[first-1].Kind == tokenize.Word && !w.toks[first-1].Cap && w.tag(first-1)&(lexicon.DET|lexicon.PREP|lexicon.MOD) == 0 {
		kind = 'N'
	}
	// A gerund after a preposition with its doer after "by" is a noun:
	// "killed after shelling by the RSF".
	if kind == 'V' && first > 0 && f.m.Anchor == first && len(f.m.Words) == 1 && strings.HasSuffix(w.lower(first), "ing") && w.tag(first-1)&lexicon.PREP != 0 && w.lower(first-1) != "by" && first+1 < len(w.toks) && w.lower(first+1) == "by" {
		kind = 'N'
	}
	// A plural after a preposition and an adjective is a noun:
	// "crackdowns on public protests", "amid fresh clashes".
	if kind == 'V' && first > 1 && f.m.Anchor == first && plural(w.lower(first)) && !strings.HasSuffix(w.lower(first), "ss") {
		p := first - 1
		if t := &w.toks[p]; t.Kind == tokenize.Word && !t.Cap && w.covering(p) < 0 && w.tag(p) == 0 && !strings.HasSuffix(t.Lower, "ed") && !strings.HasSuffix(t.Lower, "ing") && w.tag(p-1)&lexicon.PREP != 0 && w.lower(p-1) != "to" {
			kind = 'N'
		}
	}
	// A plural opening the sentence before a preposition is a noun:
	// "Clashes between herders and farmers left ...", "Protests against
	// the tax spread".
	if kind == 'V' && first == 0 && f.m.Anchor == 0 && len(f.m.Words) == 1 && len(w.toks) > 1 && strings.HasSuffix(w.lower(0), "s") && !strings.HasSuffix(w.lower(0), "ss") && w.tag(1)&lexicon.PREP != 0 && w.tag(1)&lexicon.SUB == 0 {
		kind = 'N'
	}
	// A plural after a preposition and a plain noun is a noun the noun
	// qualifies: "amid weeks of student protests over the collapse".
	if kind == 'V' && f.m.Anchor == first && w.pluralAfterPrepNoun(first) {
		kind = 'N'
	}
	ev.Kind = kind
	if kind == 'V' {
		ev.Passive = x.passive(w, f)
		subj := w.subject(first)
		// "died in a roadside attack": a bare verb form after a
		// preposition and an article is a noun, which the clause's
		// subject did not do.
		if kind == 'V' && len(f.m.Words) == 1 && w.nounAfterPrepDet(f.m.Anchor) {
			subj = nil
		}
		// "shops shut early after a curfew was imposed": a pattern
		// whose first word, no actor, is the subject of its passive
		// verb has no subject outside it; the actor it entails does it.
		if kind == 'V' && t.Implied != "" && len(f.m.Words) > 1 && f.m.Words[0] == f.m.Anchor && w.covering(f.m.Anchor) < 0 && w.passiveWithin(f.m.Words[0], f.m.Words[1]) {
			subj = nil
		}
		// "the persons abducted by bandits": what was done to is the
		// noun before, no actor of ours.
		if ev.Passive && f.m.Anchor == first && t.Kind != 'H' && w.relativeAfterNoun(first) {
			subj = nil
		}
		// A participle right after a common noun modifies it ("a school
		// sheltering families"): no actor of ours is its subject.
		if a := f.m.Anchor; a > 0 && a == first && strings.HasSuffix(w.lower(a), "ing") {
			j := a - 1
			for j > 0 && isAdverb(w, j) {
				j--
			}
			// (Not after a text issued by the subject: "passed a
			// motion deploring the recruitment".)
			if p := &w.toks[j]; w.covering(j) < 0 && p.Kind == tokenize.Word && !p.Cap && w.tag(j) == 0 && !isAdverb(w, j) && !w.g.document[p.Lower] {
				subj = nil
				// (But a carrier acts for whom it is named after: "an
				// Egyptian Red Crescent convoy delivering food".)
				if k := w.mentionEndingAt(j); w.g.carrier[p.Lower] && k >= 0 && w.ms[k].Kind != actors.Pronoun {
					subj = w.coordinated(k)
				}
			}
			// So after a role noun ("a school sheltering families"),
			// unless the participle is a protest, which the people it
			// follows make ("youths protesting against the levy",
			// "workers striking over pay").
			if k := w.covering(j); k >= 0 && w.ms[k].End == j+1 && w.ms[k].Kind == actors.Agent && !w.toks[j].Cap {
				subj = nil
				// So is an attack, which armed men make: "gunmen
				// opening fire on a bus", "troops shelling the town".
				// So is defiance: "traders defying a curfew".
				if t.Category == plover.Protest || t.Category == plover.Reject || t.Category == plover.Assault && armedMention(&w.ms[k]) {
					subj = w.coordinated(k)
				}
			}
		}
		// A passive the pattern spells out ("the supplies were
		// airlifted to Harare by ..."): the agent after "by".
		// So for an agreement "signed between India and Mozambique".
		// Not where the pattern reads its own "by" ("was alarmed by
		// the detention of fishermen by border guards").
		if !ev.Passive && w.lower(f.m.Words[len(f.m.Words)-1]) != "by" && slices.ContainsFunc(f.m.Words, func(j int) bool { return w.tag(j)&lexicon.BE != 0 }) {
			if len(rSlots) > 0 {
				subj = w.byAgent(end)
			} else if by := w.byAgent(end); by != nil {
				subj = by
			} else if b := w.between(end); b != nil {
				subj = b
			}
		}
		if ev.Passive {
			recip = subj
			// "were shot after being detained by soldiers": a
			// passive gerund after a preposition of time is done to
			// the main clause's subject.
			if len(recip) == 0 && first >= 2 && w.lower(first-1) == "being" {
				switch w.lower(first - 2) {
				case "after", "before", "while", "following", "despite", "upon", "on", "without":
					recip = w.subject(first - 2)
				}
			}
			if w.leftState(f.m.Anchor) {
				recip = []int{}
				if k := w.mentionEndingAt(f.m.Anchor); k >= 0 {
					recip = w.coordinated(k)
				}
			}
			if k := w.absolute(f.m.Anchor); k >= 0 {
				recip = w.coordinated(k)
			} else if a := f.m.Anchor; a+1 < len(w.toks) && w.lower(a+1) == "by" {
				// A reduced relative's people are those it follows:
				// "aid to the Syrians displaced by the war".
				if k := w.mentionEndingAt(a); k >= 0 && w.ms[k].End == a {
					recip = w.coordinated(k)
				}
			}
			actor = w.byAgent(end)
			// "were beaten by officers" with a pattern that reads its
			// own "by": the agent right after it.
			if actor == nil && w.lower(f.m.Words[len(f.m.Words)-1]) == "by" {
				if k := w.startingAt(w.pastQuantity(end)); k >= 0 {
					actor = w.coordinatedAfter(k)
				}
			}
			if actor == nil {
				actor = w.causeAgent(end)
			}
			// The pattern's own actor slot in a passive: "was
			// extradited from the Netherlands to Kigali".
			if actor == nil && len(aSlots) > 0 {
				actor = aSlots
			}
			// "Serbian police were deployed around government
			// buildings": forces deployed are the ones mobilised.
			if actor == nil && t.Category == plover.Mobilize && len(recip) > 0 {
				actor, recip = recip, nil
			}
			// "two agreements were signed between India and
			// Mozambique": the parties are the doers.
			if actor == nil {
				if b := w.between(end); b != nil {
					actor, recip = b, nil
				}
			}
		} else {
			actor = subj
			if actor == nil {
				ev.FirstPerson = w.firstPerson(first)
			}
		}
		// "Two blasts claimed by Islamic State killed ...": the one the
		// attack is put down to is its actor.
		if actor == nil && !ev.Passive {
			actor = w.claimedBy(first)
		}
		// Goods named after their giver are the giver's: "a batch of
		// Chinese vaccines arrived in Harare", "US-made rifles were
		// delivered to Kyiv".
		// "a consignment of 40 ambulances from Japan was handed over
		// to Sri Lanka": the goods' "from" names the giver.
		if actor == nil && t.Category == plover.Aid {
			actor = w.giverFrom(f)
		}
		if actor == nil && t.Category == plover.Aid {
			j := first
			if j > 0 && (w.lower(j-1) == "'s" || w.lower(j-1) == "'") {
				j--
			}
			if k := w.mentionEndingAt(j); k >= 0 && w.ms[k].End == j && (w.ms[k].Kind == actors.Adjective || w.ms[k].Possessive) {
				actor = []int{k}
			} else if len(f.m.Words) > 1 {
				// "a consignment of Indian medicines arrived": in the
				// gap after the goods' first word.
				for j := first + 1; j < f.m.Words[1]; j++ {
					if k := w.startingAt(j); k >= 0 && w.ms[k].Kind == actors.Adjective {
						actor = []int{k}
						break
					}
				}
			}
		}
		// "handed over the ambulances to the minister on behalf of the
		// Japanese government": the one acted for is the actor.
		if !ev.Passive {
			if k := w.onBehalfOf(end); k >= 0 {
				actor = w.coordinated(k)
			}
		}
		// The pattern's own actor slots win: "clashes broke out between
		// demonstrators and police".
		if len(aSlots) > 0 && !ev.Passive {
			actor = aSlots
		}

	} else {
		switch {
		case len(aSlots) > 0:
			actor = aSlots
		case w.between(end) != nil:
			actor = w.between(end)
		default:
			if k := w.modifierBefore(first); k >= 0 && (len(w.ms[k].Entities) > 0 || !w.ms[k].Possessive) {
				actor = []int{k}
			} else if k >= 0 {
				// A possessive pronoun no antecedent was found for
				// is the clause subject's: "the group insisted on its
				// demands".
				actor = w.subject(first)
			} else if by := w.byAgent(end); by != nil {
				actor = by
			} else if by := w.lightPassiveBy(end); by != nil {
				actor = by
			} else if lv := w.lightVerbAt(first); lv >= 0 || t.Category == plover.Assault && w.instrument(first) || t.Mode == "phone" && w.inBefore(first) {
				// "delivered the message in phone calls to": the
				// caller is the clause's subject.
				actor = w.subject(first)
				// "announced the immediate closure of its border": an
				// adjective before the noun is no subject of it; the
				// light verb's subject is.
				if actor == nil && lv >= 0 {
					actor = w.subject(lv)
				}
			} else if k := w.mentionEndingAt(first); k >= 0 && strings.HasSuffix(w.lower(first), "ing") && !w.ms[k].Possessive {
				// A participle after the people doing it: "youths
				// protesting against the levy", "troops shelling the
				// town".
				actor = w.coordinated(k)
				doers = true
			}
		}
		if actor == nil && t.Category == plover.Aid {
			actor = w.giverFrom(f)
		}
		// A verb pattern read as a noun after a possessive that names
		// no one is the clause subject's: "insisted on its demands".
		// A day's possessive names a time, not a doer: "the organiser
		// of Saturday's march".
		if actor == nil && t.Kind == 'V' && first > 0 && w.tag(first-1)&lexicon.POSS != 0 && !w.dayPossessive(first-1) {
			actor = w.subject(first)
		}
	}
	// "teargassed protesting students", "striking workers marched": a
	// participle of protest before the people is theirs, and has no
	// object.
	if k := w.protestersAfter(f, t); k >= 0 {
		actor, recip, doers = w.coordinated(k), []int{}, true
	}
	// "clashes between police and supporters of the former president":
	// the two parties the pattern names are all there is.
	if len(aSlots) >= 2 && len(rSlots) == 0 && recip == nil {
		recip = []int{}
	}
	// In the passive of cooperation the pattern's slot is the partner,
	// the subject what was passed on: "a militia leader was extradited
	// to Senegal", "rifles were sold to Kenya".
	if len(rSlots) > 0 && (!ev.Passive || t.Category == plover.Cooperate) {
		recip = rSlots
		// "to Mozambique, Malawi and Zimbabwe".
		if len(rSlots) == 1 {
			recip = w.coordinatedAfter(rSlots[0])
		}
	}
	if recip == nil {
		// The object may stand inside the match: "threatened the country
		// with sanctions".
		from := end
		if (kind == 'V' || t.Kind == 'V' && first > 0 && w.tag(first-1)&lexicon.POSS != 0) && f.m.Anchor >= 0 {
			from = f.m.Anchor + 1
		}
		recip = w.object(from)
		// "held a joint patrol": a role noun made of the trigger's own
		// words is no object; the object comes after the match. (One
		// word is: "summoned the Ukrainian ambassador".)
		if len(recip) > 0 && from < end {
			m := &w.ms[recip[0]]
			in := 0
			for _, j := range f.m.Words {
				if j >= m.HeadStart && j < m.HeadEnd {
					in++
				}
			}
			// "led several hundred demonstrators into the square": the
			// protesters a protest's pattern names march with the
			// actor, not against anyone.
			// (So the protesters' modifier: "opposition demonstrators".)
			if in > 1 || t.Category == plover.Protest && (in == 1 && w.protesters(recip[:1]) || slices.Contains(f.m.Words, m.End) && w.g.protesters[w.lower(m.End)]) {
				recip = w.object(end)
			}
		}
		// "will meet to prepare the exchange of ambassadors": past an
		// infinitive the clause's object is that verb's, not the
		// meeting's.
		if len(recip) > 0 && t.Category == plover.Consult && w.infinitiveBetween(from, w.ms[recip[0]].Start) {
			recip = nil
		}
	}
	// "opened an inquiry into abuses said to be carried out by the
	// presidential guard": the doer of what is investigated is its
	// recipient.
	if len(recip) == 0 && t.Category == plover.Accuse && t.Mode == "investigate" {
		recip = w.doerAfter(end)
	}
	// "shot down 20 drones launched by Russia", "shelled villages held
	// by the rebels": the doer of a participle after the object is whom
	// the attack was against.
	if len(recip) == 0 && t.Category == plover.Assault && kind == 'V' && !ev.Passive {
		recip = w.participleDoerAfter(end)
	}
	// "sent a letter to President Putin, asking for military support": a
	// participle of speech after a comma is addressed to whom the clause
	// before sent it.
	if len(recip) == 0 && kind == 'V' && !ev.Passive && (t.Category == plover.Request || t.Category == plover.Accuse || t.Category == plover.Threaten) {
		recip = w.addresseeBefore(first)
	}
	// "China protested on Tuesday", "Baku protests against the
	// shelling" (the present only right after its subject, not the
	// noun in "as protests against the vote spread"): a state's or an
	// official's protest is a complaint (ACCUSE disapprove); people
	// protest in the street.
	if l := w.lower(f.m.Anchor); t.Category == plover.Protest && (kind == 'V' && strings.HasPrefix(l, "protest") && (strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || w.nameProtests(f.m.Anchor)) || kind == 'N' && w.stateProtestsFirst(f.m.Anchor)) {
		if len(actor) > 0 && w.officials(actor) {
			ev.Category, ev.Mode = plover.Accuse, "disapprove"
		}
	}
	// "the protesters set litter bins on fire": people named as
	// protesters who burn or smash things, no one named as hurt, riot.
	if t.Category == plover.Assault && t.Mode == "primitive" && len(recip) == 0 && w.protesters(actor) {
		ev.Category, ev.Mode = plover.Protest, "riot"
	}
	// "demonstrators assembled in Yangon": gathering is a protest only
	// for those named as protesters.
	// (Not those who gather "to denounce", "to demand": a gathering
	// held to voice dissent is a protest.)
	if t.Category == plover.Protest && kind == 'V' && len(f.m.Words) == 1 && w.g.gatheringVerb[w.lower(f.m.Anchor)] && !w.protesters(actor) && !w.gatheredToProtest(f.m.Anchor) {
		ev.Suppressed = true
	}
	// "Vietnamese exports to the United States grew": a verb of trade
	// in -s right after a nationality word is a plural noun (trade
	// figures, no act); "Palestinian riots" are riots all the same.
	if kind == 'V' && t.Category == plover.Cooperate && f.m.Anchor == first && w.nounAfterAdjective(first) {
		ev.Suppressed = true
	}
	// A bare "released" is a release only of people, in the passive:
	// "two aid workers were released", not "released a statement".
	if t.Category == plover.Retreat && t.Mode == "release" && len(f.m.Words) == 1 && len(f.m.Slots) == 0 && (!ev.Passive || len(recip) == 0) {
		ev.Suppressed = true
	}
	// "striking doctors would face prosecution": doctors on strike,
	// struck by no one.
	if t.Category == plover.Assault && kind == 'V' && w.lower(f.m.Anchor) == "striking" && len(rSlots) > 0 && f.m.Anchor == first && w.mentionEndingAt(first) < 0 {
		ev.Suppressed = true
	}
	// "declined to comment on the sanctions" refuses nothing.
	if t.Category == plover.Reject && end < len(w.toks) && w.lower(end-1) == "to" && w.g.comment[w.lower(end)] {
		ev.Suppressed = true
	}
	// A visit to one's own country is none: "the Rwandan envoy to
	// Belgium, who is visiting Kigali".
	if t.Category == plover.Consult && t.Mode == "visit" && len(actor) == 1 && len(recip) == 1 && (w.ms[recip[0]].Kind == actors.Capital || w.ms[recip[0]].Kind == actors.CountryName) && w.sameCountry(actor[0], recip[0]) {
		ev.Suppressed = true
	}
	// "Gonzalez left Venezuela on a Spanish plane": one person leaving
	// a country retreats from nothing.
	if t.Category == plover.Retreat && len(actor) == 1 && w.onePerson(actor[0]) && w.g.depart[w.lower(f.m.Anchor)] {
		ev.Suppressed = true
	}
	// "a drone strike killed 12 passengers, relatives said, blaming the
	// federal army": the one blamed is the attacker.
	if actor == nil && (t.Category == plover.Assault || t.Category == plover.Coerce) && !ev.Passive || actor == nil && ev.Passive && t.Category == plover.Assault {
		if k := w.blamedAfter(end); k >= 0 {
			actor = w.coordinated(k)
		}
	}
	ev.Actor = w.entities(actor)
	// "Guyana's president said any incursion would be repelled": a
	// threat whose clause names no actor is the speaker's.
	if len(ev.Actor) == 0 && t.Category == plover.Threaten && kind == 'V' && !ev.Passive && w.tag(f.m.Anchor)&lexicon.MODAL != 0 {
		ev.Actor = x.speaker(w)
	}
	// "was summoned to the Russian Foreign Ministry": the actor a trigger
	// entails belongs to the country named inside its words.
	if len(ev.Actor) == 0 && t.Implied != "" {
		ev.Actor = w.impliedInside(f.m.Words, t.Implied)
	}
	ev.Recipient = w.entities(recip)
	// "100 protesters have been arrested" is an arrest made, by police,
	// not a toll ("the war has killed thousands"); so is "had been
	// detained", but not in a relative clause ("an officer who had been
	// jailed for life").
	perfectPassive := t.Implied != "" && first > 1 && w.lower(first-1) == "been" && (w.lower(first-2) == "have" || w.lower(first-2) == "has" || w.lower(first-2) == "had" && first > 2 && w.tag(first-3)&lexicon.REL == 0)
	ev.Governed = !doers && !perfectPassive && w.governed(first, kind == 'V') || kind == 'N' && w.referredTo(end) || t.Kind == 'V' && (kind == 'N' || first == 0 || w.isPunct(first-1, "\"") || w.isPunct(first-1, "(")) && w.attributive(f.m.Anchor)
	// "after a curfew was imposed": a noun that is the subject of the
	// pattern's own passive verb heads a clause of its own, governed by
	// nothing before it.
	if len(f.m.Words) > 1 && w.passiveWithin(f.m.Words[0], f.m.Words[1]) && t.Implied != "" {
		ev.Governed = false
	}
	// "militants linked with banned outfits": a participle after a
	// preposition and before its noun names the noun by what was done
	// to it before, no act of the sentence.
	if kind == 'V' && len(f.m.Words) == 1 && first > 0 && f.m.Anchor == first && w.tag(first-1)&lexicon.PREP != 0 && w.lower(first-1) != "to" && w.lower(first-1) != "by" && w.covering(first-1) < 0 && w.attributive(first) {
		ev.Background = true
	}
	// "arrested nine alleged members of an outlawed group": "alleged"
	// before its noun is an adjective, no accusation, and embeds nothing.
	if t.Category == plover.Accuse && len(f.m.Words) == 1 && w.lower(first) == "alleged" && w.attributive(first) {
		ev.Suppressed = true
	}
	if host && kind == 'V' {
		ev.Actor, ev.Recipient = ev.Recipient, ev.Actor
		// In the passive with no one after "by", the pattern's own
		// slot is the actor and the subject the recipient: "forty
		// servicemen were returned from Azerbaijani captivity".
		if ev.Passive && len(rSlots) > 0 && len(ev.Recipient) == 0 {
			ev.Actor, ev.Recipient = w.entities(rSlots), ev.Actor
		}
		// A bare hosting verb is a visit only in the passive, with its
		// host after "by" ("was received in Moscow by Lavrov");
		// "received weapons" is no visit.
		if len(rSlots) == 0 && !ev.Passive {
			ev.Actor = nil
		}
		// Nor is receiving things or troops a visit: "received 100
		// tanks" (receiving them from someone is aid, a trigger of its
		// own).
		if t.Category == plover.Consult && !ev.Passive && !w.visitors(recip) {
			ev.Actor = nil
			// A bare "received" with things, or nothing, after it
			// is no visit at all: "received the relief materials",
			// "with each receiving eight tonnes".
			if len(rSlots) == 0 {
				ev.Suppressed = true
			}
		}
	}
	// A recipient identical to the actor says nothing, unless the text
	// did not give it that country (the coder places it where the event
	// happened): "the US embassy in Georgetown donated vehicles to the
	// health ministry".
	if sameEntities(ev.Actor, ev.Recipient) && (!allGeneric(ev.Recipient) || anyGeneric(ev.Actor)) {
		ev.Recipient = nil
	}
	// So is an unnamed role of one of two parties acting together: "Iran
	// and Saudi Arabia agreed to reopen embassies". (Not the target of
	// force: "Kenya and Ethiopia attacked the rebels".)
	if len(ev.Actor) > 1 && len(ev.Recipient) > 0 && allGeneric(ev.Recipient) && codesWithin(ev.Recipient, ev.Actor) && !sameCode(ev.Actor) && t.Category != plover.Assault && t.Category != plover.Coerce {
		ev.Recipient = nil
	}
	// "Seoul was asked by Kyiv to supply shells": a request spelled as a
	// passive from its "be" is made of the clause's subject.
	if t.Category == plover.Request && len(rSlots) == 0 && w.tag(first)&lexicon.BE != 0 && len(f.m.Words) > 1 && f.m.Words[1] == first+1 {
		if s := w.subject(first); len(s) > 0 {
			ev.Recipient = w.entities(s)
		}
		// With no "by", the one who reports it asked: "the Thai
		// ambassador was urged to help ..., Phnom Penh's foreign
		// ministry said".
		if len(aSlots) == 0 {
			ev.Actor = x.speaker(w)
		}
	}
	// "notified Venezuela of its decision to suspend relations": the one
	// told of a decision is what it is about.
	if len(ev.Recipient) == 0 && kind == 'V' && !ev.Passive {
		if k := w.toldOf(first); k >= 0 && !sameEntities(w.ms[k].Entities, ev.Actor) {
			ev.Recipient = w.entities(w.coordinated(k))
		}
	}
	// "warns of retaliation if the US imposes new sanctions": a threat
	// is made to the subject of its condition.
	if len(ev.Recipient) == 0 && t.Category == plover.Threaten {
		if k := w.conditionSubject(end); k >= 0 && !sameEntities(w.ms[k].Entities, ev.Actor) {
			ev.Recipient = w.entities(w.coordinated(k))
		}
	}
	// Categories that need a recipient take the other party named later
	// in the sentence ("ended the basing deal that had let Dutch aircraft
	// use the airfield ...").
	// Not for the two parties named together ("both nations will meet"),
	// each the other's.
	if len(ev.Recipient) == 0 && len(ev.Actor) == 1 && plover.RequiresRecipient(string(ev.Category)) && !(len(actor) == 1 && w.ms[actor[0]].Pron == "both") {
		ev.Recipient = w.otherParty(end, ev.Actor)
	}
	// "until their demands are met", "the conditions were met": a
	// meeting in the passive of a thing, not of people, is none.
	if t.Category == plover.Consult && kind == 'V' && ev.Passive && len(f.m.Words) == 1 && first > 1 && w.tag(first-1)&lexicon.BE != 0 && w.toks[first-2].Kind == tokenize.Word && !w.toks[first-2].Cap && w.covering(first-2) < 0 && w.tag(first-2) == 0 {
		ev.Suppressed = true
	}
	// "striking miners sealed off the capital", "roads cordoned off by
	// farmers": closing a place off is a restriction when a force does
	// it, a blockade (PROTEST obstruct) when unarmed people do.
	// So is an occupation: "buildings occupied by protesters",
	// "students occupying the campus".
	if (t.Category == plover.Coerce && t.Mode == "restrict" || t.Category == plover.Coerce && t.Mode == "seize" && strings.HasPrefix(w.lower(f.m.Anchor), "occup")) && kind == 'V' && actors.AllUnarmed(ev.Actor) {
		ev.Category, ev.Mode = plover.Protest, "obstruct"
		ev.Contexts = slices.DeleteFunc(slices.Clone(ev.Contexts), func(c string) bool { return c == "repression" || c == "military" || c == "territory" })
	}
	// The mirror: "gunmen blocked the highway", "gang members blocked
	// the entrance": a road closed by armed men of no cause is a
	// restriction they impose, no protest. (Rebels who block transport
	// to press a cause keep PLOVER's obstruct, as its GSR codes a
	// rebel blockade of transport.)
	if t.Category == plover.Protest && t.Mode == "obstruct" && kind == 'V' && armedGroups(ev.Actor) && !slices.ContainsFunc(ev.Actor, func(e actors.Entity) bool { return e.Sector == "REB" }) {
		ev.Category, ev.Mode = plover.Coerce, "restrict"
	}
	// "drove the bandits out of the village": armed men driven from a
	// place are fought, not expelled. (Forcing them to flee stays the
	// dictionary's expulsion.)
	if t.Category == plover.Sanction && t.Mode == "expel" && strings.HasPrefix(w.lower(f.m.Anchor), "dr") && armedGroups(ev.Recipient) {
		ev.Category, ev.Mode = plover.Assault, ""
		ev.Contexts = slices.DeleteFunc(slices.Clone(ev.Contexts), func(c string) bool { return c == "migration" })
	}
	// "fired on constables deployed outside the court", "threw stones at
	// riot police deployed around parliament": a force's participle
	// after it, where it is the object of a verb or preposition, tells
	// where it stood, no deployment.
	if t.Category == plover.Mobilize && kind == 'V' && w.standingObject(f.m.Anchor) {
		ev.Suppressed = true
	}
	// "over 40 policemen were captured", "capturing dozens of soldiers":
	// men of a force captured are taken, not arrested (the manual codes
	// combatants captured as ASSAULT abduct).
	// (A state's forces capturing rebels keep the arrest the
	// dictionary gives them: "troops captured an ADF commander".)
	if t.Category == plover.Coerce && t.Mode == "arrest" && strings.HasPrefix(w.lower(f.m.Anchor), "captur") && allForces(ev.Recipient) && !slices.ContainsFunc(ev.Actor, func(e actors.Entity) bool { return stateSector(e.Sector) }) {
		ev.Category, ev.Mode = plover.Assault, "abduct"
	}
}

// stateSector reports whether a sector is one of a state's institutions
// or forces.
func stateSector(s string) bool {
	switch s {
	case "GOV", "MIL", "COP", "JUD", "SPY", "PRM", "LEG":
		return true
	}
	return false
}

// standingObject reports whether the -ed participle at a, followed by a
// preposition of place, describes the people named right before it, the
// object of a verb or preposition before them ("fired on constables
// deployed outside the court").
func (w *sentence) standingObject(a int) bool {
	if a+1 >= len(w.toks) || !strings.HasSuffix(w.lower(a), "ed") || w.tag(a+1)&lexicon.PREP == 0 || w.lower(a+1) == "by" {
		return false
	}
	k := w.mentionEndingAt(a)
	if k < 0 || w.ms[k].End != a || w.ms[k].Kind != actors.Agent {
		return false
	}
	p := w.ms[k].Start - 1
	for p >= 0 && (w.tag(p)&lexicon.DET != 0 || w.toks[p].Kind == tokenize.Number) {
		p--
	}
	if p < 0 || w.covering(p) >= 0 {
		return false
	}
	return w.tag(p)&lexicon.PREP != 0 && w.tag(p)&lexicon.SUB == 0 || w.pastForm(p)
}

// backedBefore reports whether mention k follows a backer's hyphened
// participle ("Iran-backed Houthis", "Kurdish-led SDF"), which makes it
// no object of that participle.
func (w *sentence) backedBefore(k int) bool {
	a := w.ms[k].Start
	return a >= 2 && w.isPunct(a-2, "-") && tokenize.Backer(w.lower(a-1))
}

// disguise reports whether mention k is whom the people before it pose
// as: "gunmen posing as police officers", "militants disguised as
// soldiers", who are no subject of the verb after them.
func (w *sentence) disguise(k int) bool {
	p := w.ms[k].Start - 1
	for p >= 0 && w.tag(p)&lexicon.DET != 0 {
		p--
	}
	if p < 1 || w.lower(p) != "as" || w.covering(p-1) >= 0 {
		return false
	}
	switch w.lower(p - 1) {
	case "posing", "dressed", "disguised", "masquerading", "pretending", "passing":
		return true
	}
	return false
}

// forcedBefore returns the token of a verb of forcing ("forced",
// "compelled") before the actor mention that ends right before the "to" at
// j ("forced the minister to resign"), or -1.
func (w *sentence) forcedBefore(j int) int {
	// "were forced to resign": the passive's subject was forced.
	if j > 1 && w.tag(j-2)&lexicon.BE != 0 && forceVerb(w.lower(j-1)) {
		return j - 1
	}
	k := w.covering(j - 1)
	if k < 0 || w.ms[k].End != j {
		return -1
	}
	v := w.ms[k].Start - 1
	if v >= 0 && w.tag(v)&lexicon.DET != 0 {
		v--
	}
	if v < 0 {
		return -1
	}
	if forceVerb(w.lower(v)) {
		return v
	}
	return -1
}

// forceVerb reports whether l is a form of "force" or "compel".
func forceVerb(l string) bool {
	switch l {
	case "force", "forced", "forces", "forcing", "compel", "compelled", "compels", "compelling":
		return true
	}
	return false
}

// pluralAfterPrepNoun reports whether the word at a ends in -s right after
// a plain lower-case word that follows a preposition ("of student
// protests", "amid farmer protests").
func (w *sentence) pluralAfterPrepNoun(a int) bool {
	l := w.lower(a)
	if a < 2 || !strings.HasSuffix(l, "s") || strings.HasSuffix(l, "ss") {
		return false
	}
	n, p := a-1, a-2
	if w.toks[n].Kind != tokenize.Word || w.toks[n].Cap || w.tag(n) != 0 || strings.HasSuffix(w.lower(n), "ly") || strings.HasSuffix(w.lower(n), "s") {
		return false
	}
	// A role noun in the singular ("student", "farmer") qualifies it as
	// any plain noun does.
	if k := w.covering(n); k >= 0 && (w.ms[k].Start != n || w.ms[k].End != a) {
		return false
	}
	return w.toks[p].Kind == tokenize.Word && w.tag(p)&lexicon.PREP != 0 && w.covering(p) < 0
}

// nounAfterPrepDet reports whether the word at a, no -ed or -ing form,
// follows a preposition and an article, past one plain word between
// ("in a roadside attack", "during the raid").
func (w *sentence) nounAfterPrepDet(a int) bool {
	l := w.lower(a)
	if a < 2 || strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") {
		return false
	}
	d := a - 1
	if d > 0 && w.tag(d) == 0 && w.covering(d) < 0 && w.toks[d].Kind == tokenize.Word && !w.toks[d].Cap {
		d--
	}
	switch w.lower(d) {
	case "a", "an", "the":
	default:
		return false
	}
	return d > 0 && w.tag(d-1)&lexicon.PREP != 0 && w.covering(d-1) < 0
}

// passiveWithin reports whether a form of "be" stands between tokens a and
// b: "curfew was imposed", "curfew has been extended".
func (w *sentence) passiveWithin(a, b int) bool {
	for j := a + 1; j < b; j++ {
		if w.tag(j)&lexicon.BE != 0 && w.covering(j) < 0 {
			return true
		}
	}
	return false
}

// nearWord reports whether l places something by a border: "near the
// border", "along the border".
func nearWord(l string) bool {
	switch l {
	case "near", "along", "on", "at", "to", "across", "by":
		return true
	}
	return false
}

// armedGroups reports whether there are entities and every one is of
// an armed group of no state: rebels, gunmen or criminal gangs.
func armedGroups(es []actors.Entity) bool {
	for _, e := range es {
		if !actors.Armed(e.Sector) {
			return false
		}
	}
	return len(es) > 0
}

// allForces reports whether there are entities and every one is of an
// armed force: the military, police, rebels, militias or gunmen.
func allForces(es []actors.Entity) bool {
	for _, e := range es {
		switch e.Sector {
		case "MIL", "COP", "REB", "UAF", "PRM":
		default:
			return false
		}
	}
	return len(es) > 0
}

// nounAfter are the prepositions after which a trigger's bare form is
// a noun ("without charge", "under attack", "in protest"); after "to" it
// is a verb, and after "after" or "of" the trigger's noun reading is
// left to the rules for governed triggers.
func nounAfter(l string) bool {
	switch l {
	case "without", "under", "in", "on", "at", "with", "of", "for", "from", "against", "into", "amid", "despite", "during":
		return true
	}
	return false
}

// timePreposition reports whether a preposition places an event in
// time: after one, a verb's plural form is a noun ("after protests
// against the results").
func timePreposition(l string) bool {
	return l == "after" || l == "before" || l == "following" || l == "since"
}

// plural reports whether a lower-case word ends as a plural or a verb's
// third person does ("protests"), not in "ss".
func plural(l string) bool {
	return strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss")
}

// doerAfter returns the mention after "by" in the noun phrase that
// follows token i ("into the killings by police", "into abuses carried
// out by the presidential guard"), or nil.
func (w *sentence) doerAfter(i int) []int {
	for j := i; j+1 < len(w.toks) && j < i+10; j++ {
		if w.toks[j].Kind == tokenize.Punct || w.covering(j) < 0 && w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.SAY|lexicon.SUB|lexicon.MODAL) != 0 {
			return nil
		}
		if w.lower(j) == "by" {
			if k := w.startingAt(j + 1); k >= 0 {
				return w.coordinatedAfter(k)
			}
			return nil
		}
	}
	return nil
}

// participleDoerAfter returns the agent after "by" of a participle
// within ten words after token i, in its clause: "drones launched by
// Russia"; or nil.
func (w *sentence) participleDoerAfter(i int) []int {
	ks := w.doerAfter(i)
	if len(ks) == 0 {
		return nil
	}
	if by := w.ms[ks[0]].Start - 1; by > i && isParticiple(w, by-1) && w.covering(by-1) < 0 {
		return ks
	}
	return nil
}

// partiesBetween returns, for a match whose words name two parties after
// "between" (no slot of its own), the mention of the first as the actor
// and that of the second as the recipient; else a and r unchanged.
func (w *sentence) partiesBetween(words, a, r []int) ([]int, []int) {
	var ks []int
	seen := false
	for _, j := range words {
		if w.lower(j) == "between" {
			seen = true
			continue
		}
		if k := w.covering(j); seen && k >= 0 && !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	if len(ks) != 2 {
		return a, r
	}
	return append(a, ks[0]), append(r, ks[1])
}

// armedMention reports whether every entity of m is an armed force or
// armed men: the army, the police, rebels, gunmen, criminals.
func armedMention(m *actors.Mention) bool {
	for _, e := range m.Entities {
		switch e.Sector {
		case "MIL", "COP", "REB", "UAF", "CRM", "PRM", "SPY":
		default:
			return false
		}
	}
	return len(m.Entities) > 0
}

// plainVerb reports whether the grammar can tell without the tagger how
// the word at token a reads: a verb after a modal, "to" or a subject
// pronoun, or before a determiner ("will strike", "to attack", "attacked
// the convoy"); a noun after a determiner or possessive, which the
// grammar reads as one already ("the strike"); a past form, a verb.
func (w *sentence) plainVerb(a int) bool {
	if strings.HasSuffix(w.lower(a), "ed") {
		return true
	}
	if a > 0 {
		if p := w.tag(a - 1); p&(lexicon.DET|lexicon.POSS|lexicon.MODAL|lexicon.PRON) != 0 || w.lower(a-1) == "to" {
			return true
		}
	}
	return a+1 < len(w.toks) && w.tag(a+1)&lexicon.DET != 0
}

// causeAgent finds the agent of a passive named in the phrase that gives
// its cause: "were killed in an ambush staged by NPA rebels", "injured in
// an attack on their convoy by suspected militants", "assassinated in a
// strike that Iran blamed on Israel". It returns nil where
// the phrase after the verb (from token i) is no "in"/"during" phrase with
// a "by" agent.
func (w *sentence) causeAgent(i int) []int {
	// "were killed and 21 wounded on Wednesday in El Fasher after
	// shelling by the RSF": past the toll's other words and places to
	// the cause.
	for j := i; j < len(w.toks) && j < i+10; j++ {
		if w.toks[j].Kind == tokenize.Punct {
			break
		}
		if l := w.lower(j); l == "after" || l == "following" {
			i = j
			break
		}
	}
	if i >= len(w.toks) || w.lower(i) != "in" && w.lower(i) != "during" && w.lower(i) != "after" && w.lower(i) != "following" {
		return nil
	}
	// clause is set past a word that opens a clause of its own: a "by"
	// agent there is that clause's, but "blamed on" still names who
	// the cause is put down to.
	clause := false
	for j := i + 1; j < len(w.toks) && j <= i+14; j++ {
		// "in a fresh attack, carried out by unknown gunmen, on".
		if w.isPunct(j, ",") && j+1 < len(w.toks) && w.tag(j+1)&lexicon.LIGHT != 0 && strings.HasSuffix(w.lower(j+1), "ed") {
			continue
		}
		if w.toks[j].Kind == tokenize.Punct {
			return nil
		}
		// "in a strike that Iran blamed on Israel".
		if w.lower(j) == "on" && (w.lower(j-1) == "blamed" || w.lower(j-1) == "pinned") && w.startingAt(j+1) >= 0 {
			return w.coordinatedAfter(w.startingAt(j + 1))
		}
		if w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.REL|lexicon.SUB|lexicon.SAY) != 0 {
			clause = true
		}
		// "killed in an Israeli strike", "wounded during a Hamas
		// rocket attack": the adjective or name before the act.
		if k := w.startingAt(j); !clause && k >= 0 && j <= i+3 && w.ms[k].Kind == actors.Adjective {
			for n := w.ms[k].End; n < len(w.toks) && n <= w.ms[k].End+2; n++ {
				if w.g.violence[w.lower(n)] {
					return w.coordinated(k)
				}
				if w.toks[n].Kind != tokenize.Word || w.toks[n].Cap || w.covering(n) >= 0 {
					break
				}
			}
		}
		if !clause && j <= i+9 && w.lower(j) == "by" && w.startingAt(w.pastQuantity(j+1)) >= 0 {
			// "during protests called by the opposition": a
			// gathering's callers did not do the toll.
			if w.gatheringCalledBy(j) {
				return nil
			}
			return w.coordinatedAfter(w.startingAt(w.pastQuantity(j + 1)))
		}
	}
	return nil
}

// claimedBy finds, before the verb at token first and in its clause, an
// attack put down to someone in a reduced relative ("blasts claimed by
// Islamic State", "an ambush carried out by al-Shabaab") and returns
// that someone's mentions, or nil.
func (w *sentence) claimedBy(first int) []int {
	for j := first - 2; j >= 1 && j >= first-8; j-- {
		if w.toks[j].Kind == tokenize.Punct && w.toks[j].Text != "," {
			return nil
		}
		if w.lower(j) != "by" || w.startingAt(j+1) < 0 {
			continue
		}
		switch w.lower(j - 1) {
		case "claimed", "perpetrated", "orchestrated", "staged", "launched", "blamed":
		case "out":
			if j < 2 || w.lower(j-2) != "carried" {
				return nil
			}
		default:
			return nil
		}
		k := w.startingAt(j + 1)
		if w.ms[k].End > first {
			return nil
		}
		return w.coordinatedAfter(k)
	}
	return nil
}

// referredTo reports whether a noun trigger ending before token end is
// the subject of a passive verb that speaks about an event rather than
// reporting it: "the attack on Pearl Harbor was commemorated", "the
// killings have been condemned".
func (w *sentence) referredTo(end int) bool {
	for j := end; j < len(w.toks) && j < end+8; j++ {
		if w.toks[j].Kind == tokenize.Punct {
			return false
		}
		if w.tag(j)&lexicon.BE != 0 {
			for k := j + 1; k < len(w.toks) && k <= j+2; k++ {
				if w.tag(k)&lexicon.REFER != 0 {
					return true
				}
			}
			return false
		}
	}
	return false
}

// governed reports whether the trigger starting at token first is
// governed by a word before it in its clause (see Event.Governed). A
// noun trigger stands free when the words before it, back to the start
// of the sentence or a comma, are only the rest of its noun phrase
// ("Clashes between herders and farmers left ...", "Two gun attacks
// ..."); a verb trigger when no "to" or preposition stands right before
// it.
func (w *sentence) governed(first int, verb bool) bool {
	if verb {
		j := first - 1
		for j >= 0 && isAdverb(w, j) {
			j--
		}
		// "The war has killed thousands": a toll, not an event (unless
		// someone is named doing it: "it had shelled"); "to shell",
		// "attempted to assassinate": an intention.
		if j >= 0 && w.tag(j)&lexicon.HAVE != 0 {
			k := w.mentionEndingAt(j)
			return k < 0 || w.inPP(k) || w.ms[k].Kind != actors.Pronoun || len(w.ms[k].Entities) == 0 || w.ms[k].Entities[0].Code == "" && w.ms[k].Entities[0].Sector == ""
		}
		// (Not "continue to violate the ceasefire": what goes on
		// happens.)
		if j >= 1 && w.lower(j) == "to" && w.covering(j-1) < 0 {
			switch w.lower(j - 1) {
			case "continue", "continues", "continued", "continuing":
				return false
			}
		}
		return j >= 0 && (w.tag(j)&lexicon.PREP != 0 || w.lower(j) == "to")
	}
	for j, n := first-1, 0; j >= 0; j, n = j-1, n+1 {
		t := &w.toks[j]
		if t.Kind == tokenize.Punct {
			return t.Text != "," && t.Text != ";" && t.Text != ":" && t.Text != "\"" && t.Text != "(" && t.Text != "-"
		}
		// "rights groups reported the detention of dozens": what a
		// verb of saying reports happened.
		if w.g.report[w.lower(j)] {
			return false
		}
		if n == 5 || w.tag(j)&^(lexicon.DET|lexicon.MOD|lexicon.POSS|lexicon.TIME) != 0 {
			return true
		}
	}
	return false
}

// attributive reports whether the participle at token a modifies the
// noun after it: "a jailed activist", "imprisoned journalists" name
// people by what was done to them before.
func (w *sentence) attributive(a int) bool {
	if a < 0 || a+1 >= len(w.toks) || !strings.HasSuffix(w.lower(a), "ed") {
		return false
	}
	n := &w.toks[a+1]
	return n.Kind == tokenize.Word && w.tag(a+1)&(lexicon.PREP|lexicon.DET|lexicon.CONJ|lexicon.SUB) == 0
}

// absolute returns the mention a participle at token a follows in an
// absolute phrase ("with some students detained", "with 30 people
// killed"), whose subject it is, or -1.
func (w *sentence) absolute(a int) int {
	k := w.mentionEndingAt(a)
	if k < 0 || w.ms[k].End != a || !strings.HasSuffix(w.lower(a), "ed") {
		return -1
	}
	st := w.ms[k].Start
	for st > 0 && w.covering(st-1) < 0 && (w.toks[st-1].Kind == tokenize.Number || w.tag(st-1)&lexicon.DET != 0 || w.may(st-1, w.marks.quantity) && w.g.slotQuantity[w.lower(st-1)]) {
		st--
	}
	// (Not "Kenya together with Ethiopia launched an operation": a
	// subject joined to the one before, its verb with an object; nor
	// "police in a joint operation with the army seized five pistols":
	// a "with" phrase inside the clause, after a word, whose verb takes
	// an object, is the partner of the clause's subject.)
	if st > 0 && w.lower(st-1) == "with" && !(st > 1 && w.toks[st-2].Kind == tokenize.Word && a+1 < len(w.toks) && (w.tag(a+1)&lexicon.DET != 0 || w.startingAt(a+1) >= 0 || w.toks[a+1].Kind == tokenize.Number || w.g.slotQuantity[w.lower(a+1)] && w.lower(a+1) != "of")) {
		return k
	}
	return -1
}

// passive reports a passive verb: the anchor is a participle after a form
// of "be" that the pattern does not itself contain, and it is not an
// adjectival passive followed by "to" ("is committed to").
func (x *Extractor) passive(w *sentence, f found) bool {
	a := f.m.Anchor
	if a < 0 || !w.words[a].Tag.Has(lexicon.PART) && !isParticiple(w, a) {
		return false
	}
	if f.m.Words[0] != a {
		return false
	}
	// A reduced relative with its agent: "troops deployed by Rwanda",
	// "a convoy ambushed by rebels", "Syrians displaced by the war"
	// (an agent that is no actor leaves the act without one).
	if a > 0 && a+1 < len(w.toks) && w.lower(a+1) == "by" && strings.HasSuffix(w.lower(a), "ed") && w.mentionEndingAt(a) >= 0 && w.ms[w.mentionEndingAt(a)].End == a {
		return true
	}
	// A casualty's participle right after its people, before "in" or
	// "during" an act of violence: "a Hamas commander killed in an
	// Israeli strike" (a reduced relative, as headlines write the
	// passive).
	if l := w.lower(a); a > 0 && a+2 < len(w.toks) && w.g.casualty[l] && l != "died" && l != "dead" && l != "perished" && w.mentionEndingAt(a) >= 0 && w.ms[w.mentionEndingAt(a)].End == a && (w.lower(a+1) == "in" || w.lower(a+1) == "during") {
		for j := a + 2; j < len(w.toks) && j <= a+5; j++ {
			if w.g.violence[w.lower(j)] {
				return true
			}
			if w.toks[j].Kind == tokenize.Punct {
				break
			}
		}
	}
	// A participle after a comma with its agent: "two soldiers were
	// shot dead, ambushed by rebels on their way to the village".
	// (Only for force: "the measures, approved by ministers" is
	// left to the rules below.)
	if (x.trig[f.ti].Category == plover.Assault || x.trig[f.ti].Category == plover.Coerce) && a > 0 && a+1 < len(w.toks) && w.lower(a+1) == "by" && strings.HasSuffix(w.lower(a), "ed") && w.isPunct(a-1, ",") {
		return true
	}
	// (Not for a verb read with its roles swapped: "insulin donated by
	// Singapore" is the giver's gift to whoever the clause names.)
	if x.trig[f.ti].Kind != 'H' && w.relativeAfterNoun(a) {
		return true
	}
	if w.absolute(a) >= 0 {
		return true
	}
	if w.leftState(a) {
		return true
	}
	coord := false
	for i := a - 1; i >= 0 && i >= a-5; i-- {
		tg := w.tag(i)
		// "were killed or wounded": past a coordinated participle, when
		// no object follows ("was concerned and urged Beijing" is
		// active).
		if i >= a-2 && (tg&lexicon.CONJ != 0 || i == a-2 && coord && (w.words[i].Tag.Has(lexicon.PART) || isParticiple(w, i))) {
			coord = true
			continue
		}
		if tg&lexicon.BE != 0 && coord && a+1 < len(w.toks) && (w.covering(a+1) >= 0 || w.tag(a+1)&lexicon.DET != 0) {
			return false
		}
		if tg&lexicon.BE != 0 {
			// "is committed to" is an adjective; "was sentenced to ten
			// years", where the pattern reads the "to", is no such.
			if a+1 < len(w.toks) && w.lower(a+1) == "to" && !contains(f.m.Words, a+1) && w.byAgent(f.m.End) == nil {
				return false
			}
			// "is prepared to accept the plan put forward by
			// Washington": an adjective before an infinitive the
			// pattern reads.
			// (Not "was hacked to death", a passive.)
			if a+2 < len(w.toks) && w.lower(a+1) == "to" && contains(f.m.Words, a+1) && contains(f.m.Words, a+2) {
				switch w.lower(a) {
				case "prepared", "determined", "committed", "inclined", "disposed":
					return false
				}
			}
			return true
		}
		if tg&lexicon.NEG != 0 || isAdverb(w, i) {
			continue
		}
		// "were ordered detained pending trial", "was ordered held":
		// past an order right after "be".
		if i == a-1 && i > 0 && w.lower(i) == "ordered" && w.tag(i-1)&lexicon.BE != 0 {
			continue
		}
		// "were on Friday killed": past a day between.
		if i >= 2 && timex.IsWeekday(w.lower(i)) && w.lower(i-1) == "on" {
			i--
			continue
		}
		return false
	}
	return false
}

// leftState reports whether the participle at token a tells a state
// left behind: "leaving some people burned to death", "left dozens
// wounded". Its people are those right before it.
func (w *sentence) leftState(a int) bool {
	for j := a - 1; j >= 1 && j >= a-4; j-- {
		if l := w.lower(j); l == "leaving" || l == "left" {
			return j < a-1
		}
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.SUB|lexicon.REL) != 0 {
			break
		}
	}
	return false
}

func isParticiple(w *sentence, i int) bool {
	l := w.lower(i)
	return len(l) > 3 && l[len(l)-2:] == "ed"
}

func isAdverb(w *sentence, i int) bool {
	l := w.lower(i)
	if l == "also" || l == "already" || l == "reportedly" || l == "allegedly" || l == "recently" || l == "since" || l == "being" || l == "been" || l == "instead" || l == "again" || l == "outright" || l == "once" && i+1 < len(w.toks) && w.lower(i+1) == "again" {
		return true
	}
	return len(l) > 4 && l[len(l)-2:] == "ly" && w.tag(i) == 0
}

// pastAside returns the token a verb at i would stand at without an aside
// set off by commas right before it that opens with a participle and
// follows a mention: in "French troops, stationed in Chad since 1986,
// withdrew" the subject is searched for before the aside.
func (w *sentence) pastAside(i int) int {
	if i < 4 || !w.isPunct(i-1, ",") {
		return i
	}
	for c := i - 2; c > 0 && c >= i-14; c-- {
		if w.toks[c].Kind != tokenize.Punct {
			continue
		}
		if !w.isPunct(c, ",") {
			return i
		}
		l := w.lower(c + 1)
		if k := w.mentionEndingAt(c); k >= 0 && w.ms[k].End == c && (strings.HasSuffix(l, "ed") || l == "sent" || l == "flown" || l == "held" || l == "kept" || l == "based") {
			return c
		}
		return i
	}
	return i
}

// alongWith adds to the subject list ks the mentions joined to its last
// by "together with" or "along with" before the verb at i: "Indian
// warships, together with the US Navy, held a joint exercise".
func (w *sentence) alongWith(ks []int, i int) []int {
	if len(ks) == 0 {
		return ks
	}
	e := w.ms[ks[len(ks)-1]].End
	if e < len(w.toks) && w.isPunct(e, ",") {
		e++
	}
	if e+2 >= i || w.lower(e+1) != "with" || w.lower(e) != "together" && w.lower(e) != "along" {
		return ks
	}
	k := w.mentionPastArticle(e + 2)
	if k < 0 || w.ms[k].End > i {
		return ks
	}
	return append(ks, w.coordinatedAfter(k)...)
}

// ownSubjectAfter reports whether the relative or complementiser at r is
// followed by a subject of its own, one that no mention covers, before the
// verb at i: a determiner or a capitalised word ("that the man had been
// arrested", "that Okafor had been arrested"), not the antecedent's. Not
// after "whose", whose noun is the antecedent's.
func (w *sentence) ownSubjectAfter(r, i int) bool {
	if w.lower(r) == "whose" {
		return false
	}
	j := r + 1
	for j < i && isAdverb(w, j) {
		j++
	}
	if j >= i || w.covering(j) >= 0 || w.toks[j].Kind != tokenize.Word {
		return false
	}
	return w.toks[j].Cap || w.tag(j)&lexicon.DET != 0
}

// subject finds the mentions that are the subject of the clause in which
// token i stands.
func (w *sentence) subject(i int) []int {
	pid := 0
	if i < len(w.toks) {
		pid = w.paren[i]
	}
	ks := w.subjectIn(w.pastAside(i), pid, 0)
	if len(ks) == 0 && pid == 0 {
		if k := w.frontedGerundSubject(i); k >= 0 {
			return w.coordinated(k)
		}
	}
	// "Iraq may follow Syria by asking Moscow for help": a gerund after
	// "by" is done by the subject of the verb whose object was found.
	if len(ks) > 0 && i > 1 && i < len(w.toks) && w.lower(i-1) == "by" && strings.HasSuffix(w.lower(i), "ing") {
		m := &w.ms[ks[0]]
		if v := m.Start - 1; v > 0 && w.toks[v].Kind == tokenize.Word && !w.toks[v].Cap && w.covering(v) < 0 && w.tag(v)&(lexicon.DET|lexicon.PREP|lexicon.CONJ|lexicon.SUB|lexicon.REL|lexicon.SAY|lexicon.POSS) == 0 {
			if outer := w.subjectIn(v, pid, 0); len(outer) > 0 {
				return outer
			}
		}
	}
	return ks
}

// frontedGerundSubject returns the mention that opens the main clause
// after a sentence-initial "After|Before|Since|Upon" + gerund clause whose
// gerund is at i: "After dissolving parliament in March, the president set
// a date" was done by the president. -1 when there is none.
func (w *sentence) frontedGerundSubject(i int) int {
	if i != 1 || i >= len(w.toks) || !strings.HasSuffix(w.lower(i), "ing") {
		return -1
	}
	switch w.lower(0) {
	case "after", "before", "since", "upon":
	default:
		return -1
	}
	c := -1
	for j := i + 1; j < len(w.toks); j++ {
		if w.paren[j] != 0 {
			continue
		}
		if w.isPunct(j, ",") {
			c = j
			break
		}
		if w.toks[j].Kind == tokenize.Punct && !w.isPunct(j, "'s") {
			return -1
		}
	}
	if c < 0 {
		return -1
	}
	for k := range w.ms {
		m := &w.ms[k]
		if m.Start <= c || w.paren[m.Start] != 0 {
			continue
		}
		// The subject comes first in the main clause: only a determiner
		// or a modifier or two stand between the comma and it.
		if m.Start > c+4 || m.Possessive {
			return -1
		}
		for j := c + 1; j < m.Start; j++ {
			if w.toks[j].Kind != tokenize.Word || w.tag(j)&^(lexicon.DET|lexicon.MOD) != 0 {
				return -1
			}
		}
		return k
	}
	return -1
}

func (w *sentence) subjectIn(i, pid, depth int) []int {
	if depth > 4 {
		return nil
	}
	var lo int
	if pid != 0 {
		lo = w.parens[pid-1].start
	}
	// Inside a relative clause, a subject after the relative pronoun ("which
	// the army had built") wins; else its antecedent.
	// Tokens [clear, i) are known to open no clause: each mention's gap
	// to i is searched for a subordinator only where an earlier
	// mention's was not.
	clear := i
	// "after a landmine killed two soldiers": a common noun after a
	// determiner right before the verb is its clause's subject, and no
	// actor.
	if w.nounSubject(i) {
		return nil
	}
	for k := len(w.ms) - 1; k >= 0; k-- {
		m := &w.ms[k]
		if m.End > i || m.Start < lo {
			continue
		}
		if w.paren[m.Start] != pid && w.paren[m.Start] != 0 {
			continue
		}
		if pid == 0 && w.paren[m.Start] != 0 {
			continue
		}
		if w.barrier(m.End, i) || w.reportsClause(m.End, i) {
			break
		}
		if m.End < clear {
			if w.opensClause(m.End, clear, i) {
				break
			}
			clear = m.End
		}
		// "released 12 students who were arrested by police": the
		// antecedent of a relative pronoun is its clause's subject,
		// whatever it is in the clause before.
		r := w.pastWhen(m.End, i)
		if r+1 < i && w.isPunct(r, ",") {
			r++
		}
		if r < i && w.toks[r].Kind == tokenize.Word && w.tag(r)&lexicon.REL != 0 && !m.Possessive {
			// "told Reuters that Okafor had been arrested": a
			// subject of its own, one the dictionaries lack, between
			// "that" and the verb makes it no relative pronoun.
			if w.ownSubjectAfter(r, i) {
				return nil
			}
			// "the Iranian ambassador to Pakistan, who is visiting
			// Iran": "who" is a person, not the country after "to".
			if w.lower(r) == "who" && (m.Kind == actors.CountryName || m.Kind == actors.Capital) && m.Start > 0 && (w.lower(m.Start-1) == "to" || w.inPP(k)) && k > 0 {
				clear = m.Start
				continue
			}
			return w.coordinated(k)
		}
		// "workers defying a lockdown against the virus that has left
		// thousands jobless": a relative pronoun between, with no
		// subject of its own after it, whose antecedent is a noun that
		// names no actor.
		if w.relativeBetween(m.End, i) {
			return nil
		}
		// "Ghana's president" is a mention of its own; "Ghana's
		// National Disaster Management Organisation", a name the
		// dictionaries lack, is Ghana's.
		if m.End == i && w.newSubject(k) {
			return w.coordinated(k)
		}
		// "a ceasefire to allow besieged rebels pull out": the object
		// of a causative verb does the bare verb right after it.
		if m.End == i && i < len(w.toks) && m.Start > 0 && !w.pastForm(i) {
			p := m.Start - 1
			for p > 0 && p >= m.Start-2 && w.covering(p) < 0 && w.toks[p].Kind == tokenize.Word && !w.toks[p].Cap && w.tag(p)&^lexicon.DET == 0 && !w.g.causative[w.lower(p)] {
				p--
			}
			if w.g.causative[w.lower(p)] && w.covering(p) < 0 {
				return w.coordinated(k)
			}
		}
		// "A report by a UN panel has accused Rwanda": the author of a
		// document that speaks is its subject.
		if m.Start >= 2 && w.lower(m.Start-1) == "by" && w.g.document[w.lower(m.Start-2)] && w.covering(m.Start-2) < 0 {
			return w.coordinated(k)
		}
		// "The summit of ECOWAS ended with the suspension of": a
		// body's meeting acts for the body.
		if m.Start >= 2 && w.lower(m.Start-1) == "of" && w.g.meeting[w.lower(m.Start-2)] && w.covering(m.Start-2) < 0 {
			return w.coordinated(k)
		}
		if w.inPP(k) || w.objectOfVerb(k) && !w.backedBefore(k) || w.disguise(k) || (m.Possessive && m.End < len(w.toks) && w.covering(m.End) < 0 && m.End < i && !w.unknownName(m.End, i)) {
			continue
		}
		return w.alongWith(w.coordinated(k), i)
	}
	if pid != 0 {
		// The antecedent: the mention just before the parenthetical.
		st := w.parens[pid-1].start
		for k := len(w.ms) - 1; k >= 0; k-- {
			if w.ms[k].End <= st && w.ms[k].End >= st-1 {
				// ", who is visiting Iran," after "the Iranian
				// ambassador to Pakistan": a person, not the country.
				if m := &w.ms[k]; k > 0 && (m.Kind == actors.CountryName || m.Kind == actors.Capital) && m.Start > 0 && w.lower(m.Start-1) == "to" && w.ms[k-1].End == m.Start-1 && w.whoAt(st) {
					return w.coordinated(k - 1)
				}
				return w.coordinated(k)
			}
		}
		outer := 0
		if st > 0 {
			outer = w.paren[st-1]
		}
		if outer == pid {
			outer = 0
		}
		return w.subjectIn(st, outer, depth+1)
	}
	return nil
}

// unknownName reports whether tokens from a up to the verb at b start
// with a run of two or more capitalised words that no mention covers, the
// name of an institution the dictionaries lack, and nothing but that run
// and the verb's auxiliaries lies between.
//
// So does a run of one to three lower-case nouns naming a body or an
// office of the possessor: "the IMF's executive board approved", "the
// prime minister's office accused".
func (w *sentence) unknownName(a, b int) bool {
	if a < b && (w.lower(a) == "'s" || w.lower(a) == "'") {
		a++
	}
	j := a
	for j < b && w.toks[j].Kind == tokenize.Word && w.toks[j].Cap && w.covering(j) < 0 {
		j++
	}
	if j-a < 2 {
		if j = w.possessed(a, b); j == a {
			return false
		}
	}
	for ; j < b; j++ {
		if w.lower(j) == "on" && j+1 < b && timex.IsWeekday(w.lower(j+1)) {
			j++
			continue
		}
		if w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.NEG) == 0 && !isAdverb(w, j) {
			return false
		}
	}
	return true
}

// possessed returns the end of the run of up to four lower-case nouns
// from token a, before b, that a possessive names ("'s executive board",
// "'s board of directors", "'s office"): no verb form, no word of a
// closed class but an inner "of". It returns a where there is none.
func (w *sentence) possessed(a, b int) int {
	j := a
	for j < b && j < a+4 && w.toks[j].Kind == tokenize.Word && !w.toks[j].Cap && w.covering(j) < 0 && (w.tag(j) == 0 || j > a && w.lower(j) == "of") && !isAdverb(w, j) {
		l := w.lower(j)
		if strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || w.pastForm(j) {
			break
		}
		j++
	}
	return j
}

// relativeBetween reports whether a relative pronoun ("that", "which",
// "who") stands between tokens a and b, past the word after a: its
// antecedent is a noun after a, not what ends at a.
func (w *sentence) relativeBetween(a, b int) bool {
	for j := b - 1; j > a; j-- {
		if w.toks[j].Kind == tokenize.Punct {
			return false
		}
		if w.tag(j)&lexicon.REL != 0 && w.covering(j) < 0 {
			l := w.lower(j)
			// After a noun, not after a verb or a day ("said on
			// Tuesday that", "agreed that").
			// (After a day, only when the verb follows at once: "an
			// attack on Sunday that also wounded ten soldiers", not
			// "said on Sunday that troops had wounded".)
			p := w.lower(j - 1)
			n := j + 1
			for n < b && isAdverb(w, n) {
				n++
			}
			return (l == "that" || l == "which" || l == "who") && w.covering(j-1) < 0 && w.toks[j-1].Kind == tokenize.Word &&
				w.tag(j-1)&(lexicon.SAY|lexicon.PREP) == 0 && !strings.HasSuffix(p, "ed") && !w.pastForm(j-1) && (w.tag(j-1)&lexicon.TIME == 0 && !timex.IsWeekday(p) || n == b)
		}
	}
	return false
}

// nounSubject reports whether the verb at token i follows "a" or "the"
// and a lower-case noun no mention covers ("a landmine killed", "the
// blast wounded"): a subject of the verb's own that names no actor.
func (w *sentence) nounSubject(i int) bool {
	if i < 2 || i >= len(w.toks) || w.covering(i-1) >= 0 || w.covering(i-2) >= 0 {
		return false
	}
	n := &w.toks[i-1]
	if n.Kind != tokenize.Word || n.Cap || w.tag(i-1) != 0 || strings.HasSuffix(n.Lower, "ly") {
		return false
	}
	// Up to two plain words may stand between the article and the
	// noun: "where a double suicide bombing killed 43 people".
	d := i - 2
	for d > 0 && d >= i-4 && w.covering(d) < 0 && w.toks[d].Kind == tokenize.Word && !w.toks[d].Cap && w.tag(d) == 0 && !strings.HasSuffix(w.lower(d), "ed") && !strings.HasSuffix(w.lower(d), "ly") {
		d--
	}
	switch w.lower(d) {
	case "a", "an", "the":
	default:
		return false
	}
	// Not the object of a participle or verb before it: "defying a
	// ban blocked".
	// Nor the object of a preposition: "gunmen on a motorcycle shot".
	if j := d - 1; j >= 0 && w.covering(j) < 0 && (strings.HasSuffix(w.lower(j), "ing") || strings.HasSuffix(w.lower(j), "ed") || w.pastForm(j) || w.tag(j)&lexicon.PREP != 0 && w.tag(j)&lexicon.SUB == 0) {
		return false
	}
	return w.pastForm(i) || strings.HasSuffix(w.lower(i), "s") && !strings.HasSuffix(n.Lower, "s")
}

// dayPossessive reports whether token i is the "'s" of a day: "Saturday's
// march", "yesterday's attack".
func (w *sentence) dayPossessive(i int) bool {
	if i < 1 || i >= len(w.toks) || w.lower(i) != "'s" {
		return false
	}
	d := w.lower(i - 1)
	return timex.IsWeekday(d) || timex.IsMonth(d) || d == "yesterday" || d == "today"
}

// pastWhen returns the first token from a, before b, past a day named
// after a noun phrase: "arrested 11 demonstrators on Saturday who ...".
func (w *sentence) pastWhen(a, b int) int {
	if a+2 < b && w.lower(a) == "on" && w.covering(a+1) < 0 && timex.IsWeekday(w.lower(a+1)) {
		return a + 2
	}
	return a
}

// coordinated extends mention k with mentions joined to it by "and" or ","
// before it ("Japan's defense ministry and the Australian Department of
// Defence").
func (w *sentence) coordinated(k int) []int {
	// list holds the mentions of the list, last first.
	var buf [8]int
	list := append(buf[:0], k)
	first := k
	for j := k - 1; j >= 0; j-- {
		a, b := w.ms[j].End, w.ms[first].Start
		// "Maduro and his Colombian counterpart": the possessive
		// pronoun belongs to the mention it stands before.
		// So does a title before a name: "Colombian President | Juan
		// Manuel Santos".
		if a == b && w.adjoined(j, first) {
			first = j
			continue
		}
		n := len(list)
		join := false
		switch b - a {
		case 1:
			// "A, B and C": a comma joins only inside a list closed by "and"
			// (or a headline's pair of states: "Egypt, Somalia sign MoUs").
			join = w.lower(a) == "and" || w.isPunct(a, ",") && (n > 1 || w.headlinePair(j, first))
		case 2:
			join = w.isPunct(a, ",") && w.lower(a+1) == "and" && n > 1
		case 3:
			join = w.lower(a) == "as" && w.lower(a+1) == "well" && w.lower(a+2) == "as"
		}
		if !join {
			// "France, a permanent member of the Security Council, and
			// Germany": past the apposition to the mention it follows.
			if jj := w.beforeApposition(b); jj >= 0 && jj <= j && !w.inPP(jj) {
				list = append(list, jj)
				first, j = jj, jj
				continue
			}
			break
		}
		if w.inPP(j) {
			break
		}
		first = j
		list = append(list, j)
	}
	out := w.ints.Make(len(list))
	for i := range out {
		out[i] = list[len(list)-1-i]
	}
	return out
}

// headlinePair reports whether mentions j and k, a comma between them,
// are two states or capitals that open a headline (a sentence with no
// closing period): "Dhaka, Delhi sign 7 MoUs" joins them for "and",
// where "Kampala, Uganda" names one place and a sentence's "Ghana,
// Togo's neighbour" an apposition.
func (w *sentence) headlinePair(j, k int) bool {
	a, b := &w.ms[j], &w.ms[k]
	if a.Start != 0 || len(w.toks) == 0 || w.isPunct(len(w.toks)-1, ".") || b.Possessive {
		return false
	}
	state := func(m *actors.Mention) bool {
		return (m.Kind == actors.CountryName || m.Kind == actors.Capital) && len(m.Entities) == 1
	}
	return state(a) && state(b) && a.Entities[0].Code != b.Entities[0].Code
}

// object finds the recipient after token i: the first mention in the
// clause not governed by a preposition of place or time, with mentions
// coordinated to it.
func (w *sentence) object(i int) []int {
	n := len(w.toks)
	pid := 0
	if i > 0 {
		pid = w.paren[i-1]
	}
	for j := i; j < n; j++ {
		t := &w.toks[j]
		if w.paren[j] != pid && w.paren[j] != 0 {
			continue
		}
		if t.Kind == tokenize.Punct && (t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "(") {
			return nil
		}
		tg := w.tag(j)
		if w.covering(j) < 0 && (tg&(lexicon.SUB|lexicon.REL) != 0 && tg&lexicon.PREP == 0 && t.Lower != "that" || t.Lower == "that" && j > i) {
			return nil
		}
		// "after protesters calling for ... hurled stones": a word that
		// is preposition and subordinator before a clause ends the
		// object's search.
		if tg&lexicon.SUB != 0 && tg&lexicon.PREP != 0 && w.covering(j) < 0 && j+1 < n {
			if k := w.startingAt(j + 1); k >= 0 && !w.inPP(k) {
				return nil
			}
		}
		// "set tyres on fire after the arrest of a party leader",
		// "shot dead during protests against the government": an
		// adverbial of time holds no object.
		if j > i && w.covering(j) < 0 && w.may(j, w.marks.prep) && w.g.backgroundPreps[t.Lower] {
			return nil
		}
		if k := w.startingAt(j); k >= 0 {
			// "in Kano", "at the embassy" say where; "fired at
			// protesters" says at whom; those one fights "alongside"
			// are one's side.
			at := j > 0 && w.lower(j-1) == "at" && w.ms[k].Kind == actors.Agent
			// Past a word of direction: "in central Khartoum".
			p := j - 1
			for p > 0 && w.covering(p) < 0 && w.g.direction[w.lower(p)] {
				p--
			}
			// "warned on Facebook", "said via Telegram": a medium,
			// not whom.
			medium := j > 0 && (w.lower(j-1) == "on" || w.lower(j-1) == "via") && w.ms[k].Kind == actors.Org && len(w.ms[k].Entities) > 0 && (w.ms[k].Entities[0].Sector == "BUS" || w.ms[k].Entities[0].Sector == "JRN")
			// "dispersed a sit-in by teachers": those who gather are
			// whom the act is against.
			gathered := p >= 1 && w.lower(p) == "by" && w.g.gathering[w.lower(p-1)]
			// "into the main square of Lome", "the streets of
			// Conakry": a place after a place noun's "of".
			placeOf := j > 1 && w.lower(j-1) == "of" && w.g.placeHead[w.lower(j-2)] && (w.ms[k].Kind == actors.Capital || w.ms[k].Kind == actors.CountryName)
			// "near the border with Chad", "bordering Brazil":
			// a country a place borders is no party (though the
			// border acted on is: "fortifying the border with
			// Colombia").
			border := j > 3 && w.ms[k].Kind == actors.CountryName && (w.lower(j-1) == "with" && (w.lower(j-2) == "border" || w.lower(j-2) == "frontier") && w.lower(j-3) == "the" && nearWord(w.lower(j-4)) || w.lower(j-1) == "bordering")
			if p >= 0 && !at && !gathered && w.may(p, w.marks.prep) && w.g.placePrep[w.lower(p)] || w.subjectPronoun(k) || j > 0 && w.lower(j-1) == "alongside" || medium || placeOf || border {
				// Past the places joined to it too: "from Ethiopia and
				// Eritrea".
				e := w.ms[k].End
				for e+1 < n && w.lower(e) == "and" && w.startingAt(e+1) >= 0 {
					e = w.ms[w.startingAt(e+1)].End
				}
				j = e - 1
				continue
			}
			// "met with her Venezuelan counterpart": the party is the
			// one the possessive pronoun qualifies.
			if m := &w.ms[k]; m.Kind == actors.Pronoun && (m.Possessive || m.Pron == "her") {
				if n := w.startingAt(m.End); n >= 0 {
					k = n
				}
			}
			out := []int{k}
			comma := 0 // how many of out came before a comma
			for {
				e := w.ms[out[len(out)-1]].End
				if e+1 < n && (w.lower(e) == "and" || w.isPunct(e, ",")) && w.startingAt(e+1) >= 0 && !w.newSubject(w.startingAt(e+1)) {
					if comma == 0 && w.isPunct(e, ",") {
						comma = len(out)
					}
					out = append(out, w.startingAt(e+1))
					continue
				}
				// "killed ten civilians, locals and media reports
				// said": after a comma, a list that a verb of saying
				// follows is the report's speakers.
				if comma > 0 && w.saysAfter(e) {
					out = out[:comma]
				}
				break
			}
			return out
		}
	}
	return nil
}

// byAgent finds the agent of a passive: a mention after "by" in the
// clause, within a few tokens of i.
func (w *sentence) byAgent(i int) []int {
	comma := false
	for j := i; j < len(w.toks) && j < i+10; j++ {
		// Past one comma before a name in apposition: "was handed over
		// to the minister, Mr Odongo, by the High Commissioner".
		if !comma && w.isPunct(j, ",") && j+1 < len(w.toks) && w.toks[j+1].Cap && w.toks[j+1].Kind == tokenize.Word {
			comma = true
			continue
		}
		if comma && w.isPunct(j, ",") && j+1 < len(w.toks) && w.lower(j+1) == "by" || w.lower(j) == "'s" {
			continue
		}
		// Not past a verb of its own: "the bombing was condemned by
		// the government".
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.REL) != 0 {
			return nil
		}
		if w.lower(j) == "by" {
			// "shot dead during protests called by the opposition":
			// the "by" of another participle is that one's.
			// (A bomb "planted by" rebels is theirs: only a gathering
			// called by someone is no act of the caller's.)
			if j > i+1 && w.gatheringCalledBy(j) {
				return nil
			}
			// "by a group of gunmen": the quantity's "of" object.
			if k := w.startingAt(w.pastQuantity(j + 1)); k >= 0 {
				// "by President Morales' government": the body
				// the possessive names acts, not its owner.
				if w.ms[k].Possessive {
					e := w.ms[k].End
					if e < len(w.toks) && (w.lower(e) == "'s" || w.lower(e) == "'") {
						e++
					}
					if n := w.startingAt(e); n >= 0 && w.ms[n].Kind == actors.Agent {
						k = n
					}
				}
				return w.coordinatedAfter(k)
			}
		}
	}
	return nil
}

// gatheredToProtest reports whether a gathering verb at token a is
// followed, in its clause, by "to" and a verb of dissent: "gathered in
// Oujda to denounce the state of public hospitals".
func (w *sentence) gatheredToProtest(a int) bool {
	for j := a + 1; j+1 < len(w.toks) && j <= a+10; j++ {
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.SAY|lexicon.SUB|lexicon.REL) != 0 {
			return false
		}
		if w.lower(j) == "to" {
			switch w.lower(j + 1) {
			case "protest", "denounce", "condemn", "demand", "oppose", "decry", "reject", "mourn", "demonstrate":
				return true
			}
		}
	}
	return false
}

// gatheringCalledBy reports whether the "by" at token j follows a
// gathering and a participle: "protests called by the opposition", whose
// agent called the gathering and did nothing else the clause tells.
func (w *sentence) gatheringCalledBy(j int) bool {
	return j > 1 && w.covering(j-1) < 0 && isParticiple(w, j-1) && w.g.gathering[strings.TrimSuffix(w.lower(j-2), "s")]
}

// pastQuantity returns the token after the "of" of a quantity phrase
// starting at i ("a group of", "dozens of"), or i when none starts there.
func (w *sentence) pastQuantity(i int) int {
	p := i
	if p < len(w.toks) && w.isPunct(p, "\"") {
		p++
	}
	// "by 300 gunmen", "by more than 200 soldiers".
	for p < len(w.toks) && p < i+4 && w.covering(p) < 0 && (w.toks[p].Kind == tokenize.Number || w.may(p, w.marks.quantity) && w.g.slotQuantity[w.lower(p)]) {
		p++
	}
	if p < len(w.toks) && (w.lower(p) == "a" || w.lower(p) == "an") {
		p++
		// "by an unknown number of gunmen", "a large group of
		// youths": past one adjective before the quantity.
		if p+3 < len(w.toks) && w.toks[p].Kind == tokenize.Word && !w.toks[p].Cap && w.covering(p) < 0 && w.tag(p) == 0 && w.may(p+1, w.marks.quantity) && w.g.quantity[w.lower(p+1)] && w.lower(p+2) == "of" {
			p++
		}
	}
	if p+2 < len(w.toks) && w.may(p, w.marks.quantity) && w.g.quantity[w.lower(p)] && w.lower(p+1) == "of" {
		// "an alliance of 14 opposition parties": past the number.
		q := p + 2
		for q+1 < len(w.toks) && q < p+5 && w.covering(q) < 0 && (w.toks[q].Kind == tokenize.Number || w.may(q, w.marks.quantity) && w.g.slotQuantity[w.lower(q)]) {
			q++
		}
		if w.startingAt(q) >= 0 {
			return q
		}
		// "a number of communist rebels": past an adjective the
		// mention leaves out.
		if q+1 < len(w.toks) && w.toks[q].Kind == tokenize.Word && !w.toks[q].Cap && w.covering(q) < 0 && w.tag(q) == 0 && !strings.HasSuffix(w.lower(q), "ing") && w.startingAt(q+1) >= 0 {
			return q + 1
		}
		return p + 2
	}
	if w.startingAt(p) >= 0 {
		return p
	}
	// "by suspected Fulani militiamen": past an adjective the mention
	// leaves out.
	// (Not a gerund with its object: "by detaining protesters".)
	if t := &w.toks[min(p, len(w.toks)-1)]; p+1 < len(w.toks) && t.Kind == tokenize.Word && !t.Cap && w.covering(p) < 0 && w.tag(p) == 0 && w.startingAt(p+1) >= 0 && (!strings.HasSuffix(t.Lower, "ing") || w.g.peopleParticiple[t.Lower]) {
		return p + 1
	}
	return i
}

func (w *sentence) coordinatedAfter(k int) []int {
	out := []int{k}
	// closed counts the mentions of out known to belong to the list: a
	// comma joins only inside a list closed by "and" ("Mozambique,
	// Malawi and Zimbabwe"), not before an apposition.
	closed := 1
	for {
		last := out[len(out)-1]
		e := w.ms[last].End
		// "A and his Rwandan counterpart | Vincent Biruta": a possessive
		// pronoun gives way to the mention it stands before, and a name
		// right after its title is the title's, as in coordinated.
		if n := w.startingAt(e); n >= 0 && n != last && w.adjoined(last, n) {
			if w.ms[last].Kind == actors.Pronoun {
				out[len(out)-1] = n
			} else {
				e = w.ms[n].End
			}
		}
		if e+1 < len(w.toks) && w.lower(e) == "and" && w.startingAt(e+1) >= 0 && !w.newSubject(w.startingAt(e+1)) {
			out = append(out, w.startingAt(e+1))
			closed = len(out)
			continue
		}
		if e+1 < len(w.toks) && w.isPunct(e, ",") && w.startingAt(e+1) >= 0 && len(out) < 8 {
			out = append(out, w.startingAt(e+1))
			continue
		}
		return out[:closed]
	}
}

// adjoined reports whether mention j, ending where mention n starts,
// belongs to n: a possessive pronoun ("his | Colombian counterpart") or a
// title before its holder's name ("Colombian President | Juan Manuel
// Santos").
func (w *sentence) adjoined(j, n int) bool {
	a, b := &w.ms[j], &w.ms[n]
	return a.Kind == actors.Pronoun || a.Kind == actors.Agent && len(a.Entities) == 1 && len(b.Entities) == 1 && a.Entities[0].Code == b.Entities[0].Code
}

// newSubject reports whether mention k, after "and" or "but" with a
// determiner of its own (or after ", and") and right before a verb in the
// past, is the subject of a new clause, not one more object of the clause
// before:
// "Lawmakers relaunched proceedings against Rousseff and a judge blocked
// her bid".
func (w *sentence) newSubject(k int) bool {
	m := &w.ms[k]
	if m.Start == 0 || m.Possessive || m.End >= len(w.toks) || w.toks[m.End].Kind != tokenize.Word || w.toks[m.End].Cap {
		return false
	}
	if l := w.lower(m.Start - 1); l != "and" && l != "but" {
		return false
	}
	// A determiner of its own, or a comma before the "and": ", and
	// Russian military instructors arrived".
	if m.Start == m.HeadStart && !(m.Start > 1 && w.isPunct(m.Start-2, ",")) {
		return false
	}
	return w.pastForm(m.End)
}

// modifierBefore finds a possessive or adjective mention directly before a
// noun trigger at token i ("Russia's invasion", "a US airstrike").
// beforeApposition returns the mention that an apposition closed by ",
// and" right before token b follows ("France, a permanent member of the
// Security Council, and Germany": France), or -1.
func (w *sentence) beforeApposition(b int) int {
	if b < 3 || w.lower(b-1) != "and" || !w.isPunct(b-2, ",") {
		return -1
	}
	for p := b - 3; p > 0 && p >= b-14; p-- {
		if w.toks[p].Kind == tokenize.Punct {
			if !w.isPunct(p, ",") || p == b-3 {
				return -1
			}
			if k := w.mentionEndingAt(p); k >= 0 && w.ms[k].End == p {
				return k
			}
			return -1
		}
		if w.tag(p)&(lexicon.SAY|lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.REL|lexicon.SUB) != 0 {
			return -1
		}
	}
	return -1
}

// addresseeBefore returns, for a participle at token i right after a
// comma, the mention after "to" in the clause before it ("sent a letter
// to Putin, asking"), or nil.
func (w *sentence) addresseeBefore(i int) []int {
	if i < 3 || !w.isPunct(i-1, ",") || !strings.HasSuffix(w.lower(i), "ing") {
		return nil
	}
	for j := i - 2; j >= 0 && j >= i-12; j-- {
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.SUB|lexicon.REL) != 0 {
			return nil
		}
		if w.lower(j) != "to" || j+1 >= i-1 {
			continue
		}
		if k := w.mentionPastArticle(j + 1); k >= 0 && w.ms[k].End == i-1 {
			return w.coordinated(k)
		}
		return nil
	}
	return nil
}

// conditionSubject returns the mention that is the subject of a
// condition ("if", "unless", "should") in the dozen tokens from i, or -1.
func (w *sentence) conditionSubject(i int) int {
	for j := i; j+1 < len(w.toks) && j < i+12; j++ {
		if w.toks[j].Kind == tokenize.Punct && w.toks[j].Text != "," {
			return -1
		}
		switch w.lower(j) {
		case "if", "unless", "should":
		default:
			continue
		}
		if k := w.mentionPastArticle(j + 1); k >= 0 && w.ms[k].Kind != actors.Pronoun {
			return k
		}
		return -1
	}
	return -1
}

// protestersAfter returns the mention right after a protest participle
// used as an adjective ("protesting students", "striking miners"), or
// -1. Not after "be" ("were protesting the decision") nor after the
// people doing it ("students protesting the fees").
func (w *sentence) protestersAfter(f found, t *dict.Trigger) int {
	a := f.m.Anchor
	if t.Category != plover.Protest || a != f.m.Words[0] || len(f.m.Words) != 1 || len(f.m.Slots) > 0 || !strings.HasSuffix(w.lower(a), "ing") || a+1 >= len(w.toks) {
		return -1
	}
	if a > 0 && (w.tag(a-1)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL) != 0 || w.mentionEndingAt(a) >= 0) {
		return -1
	}
	k := w.startingAt(a + 1)
	if k < 0 || w.ms[k].Kind == actors.Pronoun || len(w.ms[k].Entities) == 0 {
		return -1
	}
	return k
}

// inBefore reports whether "in" stands before token i, or before an
// article there: "in phone calls to", "warned in a call with".
func (w *sentence) inBefore(i int) bool {
	if i > 0 && w.tag(i-1)&lexicon.DET != 0 {
		i--
	}
	return i > 0 && w.lower(i-1) == "in"
}

// toldOf returns the mention told of a decision whose act is the verb at
// token i ("informed Minsk of its decision to expel"), or -1.
func (w *sentence) toldOf(i int) int {
	if i < 4 || w.lower(i-1) != "to" || !w.g.purposeNouns[w.lower(i-2)] && w.lower(i-2) != "decision" {
		return -1
	}
	for j := i - 3; j >= 1 && j >= i-6; j-- {
		if l := w.lower(j); l != "of" && l != "about" {
			continue
		}
		k := w.mentionEndingAt(j)
		if k < 0 || w.ms[k].Start < 1 || !w.g.notify[w.lower(w.ms[k].Start-1)] {
			return -1
		}
		return k
	}
	return -1
}

// officials reports whether every entity of mentions ks is a state
// named as such or one of its officials: no crowd.
func (w *sentence) officials(ks []int) bool {
	n := 0
	for _, k := range ks {
		for _, e := range w.ms[k].Entities {
			switch e.Sector {
			case "", "GOV", "LEG", "JUD", "ELI":
				if e.Code == "" {
					return false
				}
				n++
			default:
				return false
			}
		}
	}
	return n > 0
}

// protesters reports whether the last word of one of mentions ks names
// protesters ("demonstrators", "marchers").
func (w *sentence) protesters(ks []int) bool {
	for _, k := range ks {
		if e := w.ms[k].End; e > 0 && w.g.protesters[w.lower(e-1)] {
			return true
		}
	}
	return false
}

// sameCountry reports whether mentions a and b name one entity each, of
// the same country, which the text gave both.
func (w *sentence) sameCountry(a, b int) bool {
	ea, eb := w.ms[a].Entities, w.ms[b].Entities
	return len(ea) == 1 && len(eb) == 1 && ea[0].Code != "" && ea[0].Code == eb[0].Code && !ea[0].Generic && !eb[0].Generic
}

// infinitiveBetween reports whether "to" and a lower-case word of no
// closed class, a verb, stand between tokens a and b: "meet to prepare".
func (w *sentence) infinitiveBetween(a, b int) bool {
	for j := a; j+1 < b; j++ {
		if w.lower(j) != "to" {
			continue
		}
		if t := &w.toks[j+1]; t.Kind == tokenize.Word && !t.Cap && w.covering(j+1) < 0 && w.tag(j+1)&(lexicon.DET|lexicon.POSS|lexicon.PREP|lexicon.MOD) == 0 {
			return true
		}
	}
	return false
}

// giverFrom returns the mention after "from" that names where goods come
// from, before the pattern of f or in its first gap ("a consignment of 40
// ambulances from Japan was handed over"), or nil.
func (w *sentence) giverFrom(f found) []int {
	first := f.m.Words[0]
	lo, hi := max(first-8, 1), first
	if len(f.m.Words) > 1 {
		hi = f.m.Words[1]
	}
	for j := hi - 1; j >= lo; j-- {
		if w.toks[j].Kind == tokenize.Punct || w.tag(j)&(lexicon.SUB|lexicon.REL|lexicon.SAY) != 0 {
			return nil
		}
		if w.lower(j) == "from" {
			if k := w.startingAt(j + 1); k >= 0 && w.ms[k].End <= hi {
				return []int{k}
			}
			return nil
		}
	}
	return nil
}

// blamedAfter returns the mention blamed later in the sentence (",
// blaming the federal army", "; the army blamed the RSF"), or -1.
func (w *sentence) blamedAfter(i int) int {
	for j := i; j+1 < len(w.toks); j++ {
		// "a cyberattack attributed to Russian military intelligence".
		if l := w.lower(j); (l == "attributed" || l == "blamed") && w.lower(j+1) == "to" || l == "blamed" && w.lower(j+1) == "on" {
			return w.mentionPastArticle(j + 2)
		}
		if l := w.lower(j); l != "blaming" && l != "blamed" {
			continue
		}
		return w.mentionPastArticle(j + 1)
	}
	return -1
}

// mentionPastArticle returns the mention starting at token i, or at i+1 past an
// article the mention leaves out ("blaming the Sudanese army"), or -1.
func (w *sentence) mentionPastArticle(i int) int {
	if i >= len(w.toks) {
		return -1
	}
	if k := w.startingAt(i); k >= 0 {
		return k
	}
	if i+1 < len(w.toks) && w.tag(i)&lexicon.DET != 0 {
		return w.startingAt(i + 1)
	}
	return -1
}

// whoAt reports whether "who" stands at token i or right after a comma
// or bracket there.
func (w *sentence) whoAt(i int) bool {
	if i < len(w.toks) && w.toks[i].Kind == tokenize.Punct {
		i++
	}
	return i < len(w.toks) && w.lower(i) == "who"
}

// onePerson reports whether mention k names one person: by name, or by
// a role and a name ("former minister Alain Mba").
func (w *sentence) onePerson(k int) bool {
	m := &w.ms[k]
	if m.Kind == actors.Person {
		return true
	}
	switch m.Pron {
	case "he", "she", "his", "her", "him":
		return true
	}
	return m.Kind == actors.Agent && len(m.Entities) == 1 && m.End > m.HeadEnd && w.toks[m.End-1].Cap && w.toks[m.HeadEnd].Cap && w.covering(m.End-1) == k
}

// onBehalfOf returns the mention after "on behalf of" in the dozen
// tokens from i, before the clause ends, or -1.
func (w *sentence) onBehalfOf(i int) int {
	for j := i; j+3 < len(w.toks) && j < i+12; j++ {
		if w.toks[j].Kind == tokenize.Punct && w.toks[j].Text != "," || w.tag(j)&(lexicon.SUB|lexicon.REL) != 0 {
			return -1
		}
		if w.lower(j) == "on" && w.lower(j+1) == "behalf" && w.lower(j+2) == "of" {
			return w.mentionPastArticle(j + 3)
		}
	}
	return -1
}

// amountBefore returns the first token of an amount of money or goods
// right before token i ("$5 million" in "$5 million in food aid"), or -1.
func (w *sentence) amountBefore(i int) int {
	number := false
	j := i - 1
	for ; j >= 0 && j >= i-4 && (w.toks[j].Kind == tokenize.Number || w.g.amount[w.lower(j)] || strings.Contains("$€£¥", w.toks[j].Text) && w.toks[j].Text != ""); j-- {
		number = number || w.toks[j].Kind == tokenize.Number
	}
	if !number {
		return -1
	}
	return j + 1
}

// amountBetween reports whether tokens [a, i) are an amount of money or
// goods and a few words of the noun phrase: "'s $10 million in food",
// "'s 5,000 tonnes of".
func (w *sentence) amountBetween(a, i int) bool {
	j := a
	if j < i && w.lower(j) == "'s" {
		j++
	}
	amount := false
	for j < i && (w.toks[j].Kind == tokenize.Number || strings.Contains("$€£¥", w.toks[j].Text) && w.toks[j].Text != "" || w.g.amount[w.lower(j)]) {
		amount = amount || w.toks[j].Kind == tokenize.Number
		j++
	}
	if !amount {
		return false
	}
	if j < i && (w.lower(j) == "in" || w.lower(j) == "of" || w.lower(j) == "worth") {
		j++
	}
	return i-j <= 2
}

func (w *sentence) modifierBefore(i int) int {
	for k := len(w.ms) - 1; k >= 0; k-- {
		m := &w.ms[k]
		if m.End > i {
			continue
		}
		gap := i - m.End
		if m.Possessive && gap <= 3 && (gap == 0 || w.lower(m.End) == "'s") {
			return k
		}
		// Past an amount: "Japan's $10 million in food aid".
		if m.Possessive && w.amountBetween(m.End, i) {
			return k
		}
		if gap == 0 && (m.Kind == actors.Adjective || m.Kind == actors.CountryName || m.Kind == actors.Org) {
			return k
		}
		// "Israeli cross-border raids", "a Russian ballistic missile
		// hit": past up to two plain lower-case modifiers.
		if gap <= 2 && (m.Kind == actors.Adjective || m.Kind == actors.Org) && w.plainModifiers(m.End, i) {
			return k
		}
		// "army drones struck": a force before its craft, a word
		// apart from the trigger.
		if gap == 0 && m.Kind == actors.Agent && i > 0 && (strings.HasSuffix(w.lower(i), "s") || w.lower(i) == "aircraft") && m.End == i && !w.toks[i].Cap {
			if a := &w.ms[k]; len(a.Entities) == 1 && (a.Entities[0].Sector == "MIL" || a.Entities[0].Sector == "COP") {
				return k
			}
		}
		return -1
	}
	return -1
}

// plainModifiers reports whether tokens [a, b) are lower-case words of
// no closed class that no mention covers: the modifiers of a noun
// ("cross-border", "ballistic").
func (w *sentence) plainModifiers(a, b int) bool {
	for j := a; j < b; j++ {
		t := &w.toks[j]
		if t.Kind != tokenize.Word || t.Cap || w.tag(j) != 0 || w.covering(j) >= 0 || strings.HasSuffix(t.Lower, "ly") {
			return false
		}
	}
	return true
}

func (w *sentence) entities(ks []int) []actors.Entity {
	n := 0
	for _, k := range ks {
		n += len(w.ms[k].Entities)
	}
	if n == 0 {
		return nil
	}
	var out []actors.Entity
	for _, k := range ks {
		// Entities are large: they are read in place, and copied only
		// when kept.
		es := w.ms[k].Entities
		for i := range es {
			e := &es[i]
			// A role noun with no country yet may take the place's
			// (the coder decides); other empty codes are unknowns.
			if e.Code == "" && !e.Generic {
				continue
			}
			dup := false
			for j := range out {
				if out[j].Code == e.Code && out[j].Sector == e.Sector {
					dup = true
				}
			}
			if !dup {
				if out == nil {
					out = w.ents.Take(n)
				}
				out = append(out, *e)
			}
		}
	}
	return out
}

// visitors reports whether the mentions can be received as visitors: named
// people, states, organisations, or officials and envoys, not role nouns
// of soldiers or weapons, nor role nouns whose country came from context.
func (w *sentence) visitors(ks []int) bool {
	for _, k := range ks {
		m := &w.ms[k]
		if m.Generic {
			continue
		}
		if m.Kind != actors.Agent {
			return true
		}
		for _, e := range m.Entities {
			if e.Sector == "GOV" {
				return true
			}
		}
	}
	return false
}

// sameEntities reports whether a and b hold the same code-sector pairs.
// allGeneric reports whether every entity took its country from context.
// sameCode reports whether all of es have one code.
func sameCode(es []actors.Entity) bool {
	for i := range es {
		if es[i].Code != es[0].Code {
			return false
		}
	}
	return true
}

// codesWithin reports whether every code of es is the code of one of in.
func codesWithin(es, in []actors.Entity) bool {
	for _, e := range es {
		if !slices.ContainsFunc(in, func(a actors.Entity) bool { return a.Code == e.Code }) {
			return false
		}
	}
	return true
}

func allGeneric(es []actors.Entity) bool {
	for _, e := range es {
		if !e.Generic {
			return false
		}
	}
	return len(es) > 0
}

// anyGeneric reports whether some entity took its country from context.
func anyGeneric(es []actors.Entity) bool {
	for _, e := range es {
		if e.Generic {
			return true
		}
	}
	return false
}

func sameEntities(a, b []actors.Entity) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Code == y.Code && x.Sector == y.Sector {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// lightVerbAt returns the light verb whose object is the noun phrase of
// a noun trigger at token i ("carried out an airstrike", "held talks",
// "imposed a curfew"), whose subject is then its actor (or the "be" of
// "is on a visit"), or -1.
func (w *sentence) lightVerbAt(i int) int {
	lo := i - 5
	for j := i - 1; j >= 0 && j >= lo; j-- {
		tg := w.tag(j)
		if tg&lexicon.LIGHT != 0 {
			return j
		}
		// "participated in a strike", "led a third wave of strikes":
		// the preposition and the series noun do not count.
		if l := w.lower(j); l == "with" && j > 1 && (w.lower(j-1) == "on" || w.lower(j-1) == "ahead") && w.tag(j-2)&lexicon.LIGHT != 0 {
			// "pressed on with an indefinite strike".
			return j - 2
		} else if (l == "in" || l == "out" || l == "off") && j > 0 && w.tag(j-1)&lexicon.LIGHT != 0 {
			// "carried out demonstrations", "kicked off protests".
			lo--
			continue
		} else if l == "of" && j > 0 && w.g.series[w.lower(j-1)] {
			lo -= 2
			continue
		} else if l == "on" && j > 0 && w.tag(j-1)&lexicon.BE != 0 {
			// "is on an official visit to Maputo", "were on strike":
			// the subject of "be" is the one on it.
			return j - 1
		} else if a := w.amountBefore(j); l == "in" && a >= 0 {
			// "offered $5 million in food aid": past the amount.
			lo -= j - a + 1
			j = a
			continue
		} else if (l == "," || l == "and") && j > 1 && w.toks[j-1].Kind == tokenize.Word && w.covering(j-1) < 0 && w.tag(j-1)&^lexicon.MOD == 0 {
			// "used live ammunition, tear gas and water cannon": past
			// the items of a list of means before it.
			lo -= 3
			continue
		}
		t := &w.toks[j]
		if t.Kind != tokenize.Word || tg&(lexicon.PREP|lexicon.CONJ|lexicon.SUB|lexicon.REL|lexicon.BE) != 0 && tg&lexicon.LIGHT == 0 {
			return -1
		}
	}
	return -1
}

// instrument reports whether the noun phrase of a noun trigger at token i
// follows "with", the means of its clause's act: "confronted them with
// tear gas", "dispersed the crowd with live rounds".
func (w *sentence) instrument(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w.lower(j) == "with" {
			return j > 0
		}
		if w.toks[j].Kind != tokenize.Word || w.covering(j) >= 0 || w.tag(j)&(lexicon.DET|lexicon.MOD) == 0 && w.toks[j].Kind != tokenize.Number {
			return false
		}
	}
	return false
}

// lightPassiveBy returns the mentions after "by" when the noun phrase of a
// noun trigger ending at token i is the subject of a passive light verb
// or of "claimed": "the attack on the village was carried out by
// bandits", "the raid was claimed by the group".
func (w *sentence) lightPassiveBy(i int) []int {
	// A reduced relative: "a fresh attack, carried out by unknown
	// gunmen, on the village".
	if p := i; p < len(w.toks) {
		if w.isPunct(p, ",") {
			p++
		}
		if p < len(w.toks) && w.tag(p)&lexicon.LIGHT != 0 && strings.HasSuffix(w.lower(p), "ed") {
			return w.byAgent(p + 1)
		}
	}
	for j := i; j < len(w.toks) && j < i+6; j++ {
		if w.toks[j].Kind != tokenize.Word {
			return nil
		}
		if w.tag(j)&lexicon.BE == 0 {
			continue
		}
		p := j + 1
		for p < len(w.toks) && (w.tag(p)&lexicon.BE != 0 || isAdverb(w, p)) {
			p++
		}
		if p < len(w.toks) && (w.tag(p)&lexicon.LIGHT != 0 && strings.HasSuffix(w.lower(p), "ed") || w.g.allegeVerbs[w.lower(p)] && strings.HasSuffix(w.lower(p), "ed")) {
			return w.byAgent(p + 1)
		}
		return nil
	}
	return nil
}

// otherParty is the first resolved mention after token i whose codes are
// not the actor's.
func (w *sentence) otherParty(i int, actor []actors.Entity) []actors.Entity {
	// Not past a clause coordinated to this one: "burned cars, and stole
	// cattle ... on the vigilantes".
	limit := len(w.toks)
	for j := i; j+1 < len(w.toks); j++ {
		if w.isPunct(j, ";") || w.isPunct(j, ",") && (w.lower(j+1) == "and" || w.lower(j+1) == "but") {
			limit = j
			break
		}
	}
	for k := range w.ms {
		m := &w.ms[k]
		if m.Start < i || !m.Resolved() || m.Kind == actors.Pronoun {
			continue
		}
		if m.Start > limit {
			break
		}
		if j := m.Start; j > 0 && w.may(j-1, w.marks.prep) && w.g.placePrep[w.lower(j-1)] && w.lower(j-1) != "from" {
			continue
		}
		// "in central Dhaka" says where too (but "over northern Gaza"
		// may be whom an airdrop is for).
		if j := m.Start - 1; j > 1 && w.covering(j) < 0 && w.g.direction[w.lower(j)] && (w.lower(j-1) == "in" || w.lower(j-1) == "at" || w.lower(j-1) == "near") {
			continue
		}
		mine := false
		for _, e := range m.Entities {
			for _, a := range actor {
				if a.Code == e.Code {
					mine = true
				}
			}
		}
		if !mine {
			return w.entities([]int{k})
		}
	}
	return nil
}

// objectOfVerb reports whether mention k follows a verb-like word (a
// lower-case word of no closed class, not a reporting verb or adverb), as
// "Niamey" in "a delegation visiting Niamey had threatened": then it is an
// object, not a subject.
func (w *sentence) objectOfVerb(k int) bool {
	st := w.ms[k].Start
	// Past a number: "killed 20 militants", "arrested three journalists";
	// so past a quantity's "of": "hit hundreds of protesters".
	for st > 0 {
		if w.toks[st-1].Kind == tokenize.Number || w.may(st-1, w.marks.quantity) && w.g.quantity[w.lower(st-1)] {
			st--
		} else if st > 1 && w.lower(st-1) == "of" && w.may(st-2, w.marks.quantity) && w.g.quantity[w.lower(st-2)] {
			st -= 2
		} else {
			break
		}
	}
	// "found that Malian troops ...": a clause's subject after "that".
	if st == 0 || w.tag(st)&(lexicon.REL|lexicon.SUB) != 0 {
		return false
	}
	t := &w.toks[st-1]
	if t.Kind != tokenize.Word || t.Cap || w.covering(st-1) >= 0 {
		return false
	}
	tg := w.tag(st - 1)
	if tg&(lexicon.DET|lexicon.CONJ|lexicon.SUB|lexicon.REL|lexicon.SAY|lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.NEG|lexicon.TIME|lexicon.MOD) != 0 {
		return false
	}
	l := t.Lower
	// "a jailed activist": a participle after a determiner modifies
	// the noun.
	// So does one in -ing: "the protesting students".
	if st >= 2 && w.tag(st-2)&lexicon.DET != 0 && (strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing")) {
		return false
	}
	// So after a number, or first: "three suspected militants",
	// "alleged gang members"; so after a hyphen: "the Iran-backed
	// Houthis".
	if strings.HasSuffix(l, "ed") && (st == 1 || w.isPunct(st-2, "-") || w.toks[st-2].Kind == tokenize.Number || w.may(st-2, w.marks.quantity) && w.g.quantity[w.lower(st-2)] || w.tag(st-2)&lexicon.PREP != 0 || w.isPunct(st-2, ",")) {
		return false
	}
	if strings.HasSuffix(l, "ly") || l == "also" || l == "then" || l == "now" || l == "meanwhile" || l == "instead" || l == "however" || l == "later" || l == "earlier" {
		return false
	}
	return strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") || w.tag(st-1)&lexicon.LIGHT != 0 || w.pastForm(st-1)
}

// between finds "between A and B" after token i in its clause and returns
// the two mentions ("talks in Niamey between a Pentagon delegation and
// Nigerien defence officials").
func (w *sentence) between(i int) []int {
	for j := i; j < len(w.toks) && j < i+8; j++ {
		t := &w.toks[j]
		if t.Kind == tokenize.Punct && t.Text != "-" {
			return nil
		}
		if t.Lower != "between" && t.Lower != "among" {
			continue
		}
		k := w.mentionFrom(j + 1)
		if k < 0 {
			return nil
		}
		out := w.coordinatedAfter(k)
		// "between the governments of Peru and Bolivia" is one
		// mention of two parties.
		if len(out) < 2 && len(w.ms[k].Entities) < 2 {
			// "clashes between two communities", "between rival
			// clans": both sides are of the one mention.
			if st := w.ms[k].Start; st > 0 && (w.lower(st-1) == "two" || w.lower(st-1) == "rival") || w.lower(w.ms[k].Start) == "two" || w.lower(w.ms[k].Start) == "rival" {
				return []int{k, k}
			}
			return nil
		}
		return out
	}
	return nil
}

// clauseOpener reports whether token j is a subordinator that starts a
// clause of its own ("after", "because", "if", "when", ...: words.txt's
// SUB less "where", "as", "so" and "whether"): a subject before one of
// them is not the subject of a verb after it.
func (w *sentence) clauseOpener(j int) bool {
	if w.tag(j)&lexicon.SUB == 0 {
		return false
	}
	switch w.lower(j) {
	case "where", "as", "so", "whether":
		return false
	case "once":
		// "has once again rejected": an adverb.
		return j+1 >= len(w.toks) || w.lower(j+1) != "again"
	}
	return true
}

// opensClause reports whether a subordinator among tokens [a, c), before
// token b (c <= b), opens the clause b is in, leaving a mention that ends
// at a outside it. "after" and the like before a mention are prepositions
// ("after talks with Mali").
func (w *sentence) opensClause(a, c, b int) bool {
	for j := a; j < c; j++ {
		if !w.clauseOpener(j) || w.covering(j) >= 0 || b < len(w.paren) && w.paren[j] != 0 && w.paren[j] != w.paren[b] {
			continue
		}
		// A preposition reading: the next word starts a mention or a noun
		// phrase that runs to b without a verb. Count it a clause only
		// when a word that is no mention comes right after.
		if j+1 < b && w.covering(j+1) < 0 && w.tag(j+1)&lexicon.DET == 0 {
			return true
		}
	}
	return false
}

// reportsClause reports whether tokens [a, b) hold a verb of saying and,
// after it, a determiner and a noun that start the reported clause's own
// subject: in "police said a bomb killed five people" the bomb, no actor
// of ours, is the subject of "killed", not the police. Not when the noun
// names a country back ("said the kingdom is ready to help"), nor for a
// verb joined by "and", which may be the speaker's ("said the vote was
// rigged and accused the commission").
func (w *sentence) reportsClause(a, b int) bool {
	if b > 0 && b < len(w.toks) && w.lower(b-1) == "and" {
		return false
	}
	// A participle after a comma is the reporter's own act: "Modi
	// announced a new package, pledging 20 tonnes of relief".
	if b > 1 && b < len(w.toks) && w.isPunct(b-1, ",") && strings.HasSuffix(w.lower(b), "ing") {
		return false
	}
	for j := a; j < b; j++ {
		if w.tag(j)&lexicon.SAY == 0 || w.covering(j) >= 0 {
			continue
		}
		for k := j + 1; k+1 < b; k++ {
			if w.covering(k) >= 0 {
				return false
			}
			if tg := w.tag(k); w.toks[k].Kind == tokenize.Number || tg&lexicon.DET != 0 && tg&(lexicon.POSS|lexicon.SUB|lexicon.PREP) == 0 && w.tag(k-1)&lexicon.PREP == 0 {
				// "announced a new package of military aid": a noun
				// phrase whose "of" object is the trigger at b, the
				// object of the verb of saying, not a clause.
				for q := k + 1; q < b && q <= k+3; q++ {
					if w.lower(q) == "of" && w.g.series[w.lower(q-1)] && b-q <= 3 {
						return false
					}
				}
				return w.covering(k+1) < 0 && !w.g.description[w.lower(k+1)]
			}
		}
		return false
	}
	return false
}

// mentionEndingAt is the mention that ends right before token i (adverbs
// aside), or -1.
// stateProtestsFirst reports whether token i is "protests" right after a
// state's or a capital's name that opens the sentence, a headline's verb
// ("Vietnam protests Chinese survey ship"), not the noun of "Thai
// protests over the vote".
func (w *sentence) stateProtestsFirst(i int) bool {
	if w.lower(i) != "protests" {
		return false
	}
	k := w.mentionEndingAt(i)
	if k < 0 || w.ms[k].Start != 0 {
		return false
	}
	return w.ms[k].Kind == actors.CountryName || w.ms[k].Kind == actors.Capital
}

// nounAfterAdjective reports whether token i ends in -s right after a
// nationality adjective ("Brazilian exports"), or a country's name after a
// preposition ("$977 million in US exports"): a plural noun the word
// qualifies, not a verb.
func (w *sentence) nounAfterAdjective(i int) bool {
	if !strings.HasSuffix(w.lower(i), "s") || strings.HasSuffix(w.lower(i), "ss") {
		return false
	}
	k := w.mentionEndingAt(i)
	if k < 0 || w.ms[k].End != i {
		return false
	}
	m := &w.ms[k]
	return m.Kind == actors.Adjective || m.Kind == actors.CountryName && m.Start > 0 && w.tag(m.Start-1)&lexicon.PREP != 0
}

// nameProtests reports whether token i is "protests" right after a name
// or a role that is not a nationality word ("Baku protests against",
// "Foreign ministry protests over"; not "Thai protests over the vote").
func (w *sentence) nameProtests(i int) bool {
	if w.lower(i) != "protests" {
		return false
	}
	k := w.mentionEndingAt(i)
	return k >= 0 && w.ms[k].Kind != actors.Adjective && w.ms[k].Kind != actors.Demonym
}

func (w *sentence) mentionEndingAt(i int) int {
	j := i
	for j > 0 && isAdverb(w, j-1) {
		j--
	}
	if j > 0 && w.covering(j-1) >= 0 && w.ms[w.covering(j-1)].End == j {
		return w.covering(j - 1)
	}
	return -1
}

// subjectPronoun reports whether mention k is a pronoun that starts a
// clause of its own ("the assistance it had been giving"), not an object.
func (w *sentence) subjectPronoun(k int) bool {
	m := &w.ms[k]
	if m.Kind != actors.Pronoun || m.Possessive || m.End >= len(w.toks) {
		return false
	}
	switch m.Pron {
	case "it", "they", "he", "she", "we":
	default:
		return false
	}
	nt := w.tag(m.End)
	return nt&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.DO|lexicon.SAY) != 0 || strings.HasSuffix(w.lower(m.End), "ed")
}

// impliedInside returns the entity of sector the trigger words entail
// ("summoned to the Foreign Ministry" entails a government), of the one
// country a named institution or country between the first and last of
// words belongs to ("summoned to the Russian Foreign Ministry"), or nil.
func (w *sentence) impliedInside(words []int, sector string) []actors.Entity {
	if len(words) < 2 {
		return nil
	}
	var out []actors.Entity
	for k := range w.ms {
		m := &w.ms[k]
		if m.Start <= words[0] || m.End > words[len(words)-1]+1 || len(m.Entities) != 1 || m.Entities[0].Code == "" || m.Entities[0].Generic || m.Kind == actors.Pronoun || m.Kind == actors.Adjective || m.Kind == actors.Demonym {
			continue
		}
		if out != nil {
			return nil
		}
		e := m.Entities[0]
		e.Sector = sector
		out = []actors.Entity{e}
	}
	return out
}
