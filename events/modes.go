package events

import (
	"slices"
	"strings"

	"dyad/actors"
	"dyad/lexicon"
	"dyad/plover"
	"dyad/timex"
	"dyad/tokenize"
)

// embeds reports whether ev takes the triggers after it in its clause as
// its content: threats, demands and refusals always; accusations "of"
// something; agreements and promises "to" do something.
func (w *sentence) embeds(ev *Event) bool {
	switch ev.Category {
	case plover.Reject:
		// "denied backing rebels who stormed the capital": the act
		// denied is the trigger's own gerund; what follows is not.
		return len(ev.Words) < 2 || !strings.HasSuffix(w.lower(ev.Words[len(ev.Words)-1]), "ing")
	case plover.Threaten, plover.Request:
		return true
	case plover.Accuse, plover.Agree, plover.Concede:
		// The word after the trigger decides.
	case plover.Sanction:
		// "convicted two students of organising mass riots": what a
		// conviction is "of" is the charge.
		if ev.Mode != "convict" {
			return false
		}
	default:
		return false
	}
	last := ev.Words[len(ev.Words)-1]
	next := ""
	for _, k := range ev.Words[1:] {
		if l := w.lower(k); l == "of" || l == "for" || l == "to" {
			next = l
		}
	}
	for j := last + 1; next == "" && j < len(w.toks) && j <= last+8; j++ {
		if w.toks[j].Kind == tokenize.Punct {
			break
		}
		if l := w.lower(j); l == "of" || l == "to" || l == "for" || l == "against" || l == "that" || l == "with" {
			next = l
			break
		}
	}
	if ev.Category == plover.Accuse {
		// "charged four officers with murdering a protester".
		return next == "of" || next == "for" || next == "with"
	}
	if ev.Category == plover.Sanction {
		return next == "of"
	}
	// "accepted demands from the elders that it withdraw the police":
	// what a concession grants is its content.
	if ev.Category == plover.Concede && next == "that" {
		return true
	}
	return next == "to" && (w.lower(last) == "to" || w.toAfter(last) >= 0)
}

// toAfter returns the "to" right after token last, past a day or date
// between ("agreed on Thursday to restore ties"), or -1.
func (w *sentence) toAfter(last int) int {
	j := last + 1
	if j < len(w.toks) && w.lower(j) == "on" {
		j++
	}
	for j < len(w.toks) && j <= last+4 && (w.dateWord(j) || w.tag(j)&lexicon.TIME != 0) {
		j++
	}
	if j < len(w.toks) && w.lower(j) == "to" {
		return j
	}
	return -1
}

// contentMode gives a threat, demand or refusal its mode from the event it
// is about.
func contentMode(outer plover.Category, inner *Event) string {
	switch outer {
	case plover.Threaten:
		switch inner.Category {
		case plover.Sanction:
			if inner.Mode == "expel" {
				return "expel"
			}
			return "restrict"
		case plover.Coerce:
			if inner.Mode == "arrest" {
				return "arrest"
			}
			return "restrict"
		case plover.Assault, plover.Mobilize:
			return "violence"
		case plover.Cooperate, plover.Agree, plover.Consult, plover.Support, plover.Aid:
			return "relations"
		}
	case plover.Request, plover.Reject:
		switch inner.Category {
		case plover.Consult:
			return "meet"
		case plover.Aid, plover.Cooperate, plover.Support, plover.Agree:
			return "assist"
		case plover.Retreat, plover.Concede:
			return "yield"
		}
	}
	return ""
}

// ThreatMode is the THREATEN mode for a threat of ev (an announced
// sanction, arrest, attack...).
func ThreatMode(ev *Event) string { return contentMode(plover.Threaten, ev) }

// andLightVerb reports whether "and" and a light verb in the past stand
// between tokens a and b: "defied warnings and mounted another day of
// protests" does two things, the second no content of the first.
func (w *sentence) andLightVerb(a, b int) bool {
	for j := a + 1; j+1 < b; j++ {
		// Not an order, whose object is yet to be done: "abandoned the
		// truce and ordered new attacks".
		if w.lower(j) == "and" && w.tag(j+1)&lexicon.LIGHT != 0 && w.pastForm(j+1) && w.lower(j+1) != "ordered" {
			return true
		}
	}
	return false
}

// embed marks the events in the content of a threat, demand, refusal,
// accusation or promise as suppressed.
func (x *Extractor) embed(w *sentence, evs []Event) {
	for i := range evs {
		ev := &evs[i]
		if ev.Suppressed || !w.embeds(ev) {
			continue
		}
		last := ev.Words[len(ev.Words)-1]
		relative := w.reducedRelative(ev)
		// "accuse the military of extrajudicial killings, razing villages
		// and using air strikes": every item of the list after "of" is
		// what the accusation says, commas and all.
		charges := ev.Category == plover.Accuse && w.lower(last) == "of"
		for j := i + 1; j < len(evs); j++ {
			in := &evs[j]
			if charges && in.Anchor > last && w.paren[in.Anchor] == w.paren[ev.Anchor] && w.ofList(last, in.Anchor) {
				in.Suppressed = true
				continue
			}
			if in.Anchor <= last || w.barrier(last, in.Anchor) || w.paren[in.Anchor] != w.paren[ev.Anchor] || w.subordinate(last, in.Anchor) || w.participleClause(last, in.Anchor) || w.coordinatedVerb(in) && !w.secondInfinitive(last, in) || ev.Category == plover.Reject && w.andLightVerb(last, in.Anchor) {
				continue
			}
			// "About 100 protesters, demanding the governor's
			// resignation, have blockaded two highways": past the
			// comma that closes a phrase after the subject, an
			// auxiliary resumes the clause, which is no content.
			if in.Kind == 'V' && in.Anchor == in.Words[0] {
				k := in.Anchor - 1
				for k > 0 && isAdverb(w, k) {
					k--
				}
				if k > 0 && w.tag(k)&(lexicon.HAVE|lexicon.BE|lexicon.MODAL) != 0 && w.isPunct(k-1, ",") {
					continue
				}
			}
			// ", and Russian instructors arrived": a clause of its own,
			// with its own subject, is no part of what came before.
			if k := w.mentionEndingAt(in.Anchor); in.Kind == 'V' && k >= 0 && w.newSubject(k) {
				continue
			}
			// ", and it would also ban imports": so a pronoun subject
			// after "and" or "but", past the verb's auxiliaries.
			if in.Kind == 'V' && w.pronounClause(in.Words[0]) {
				continue
			}
			// "traders defying a curfew blocked roads": the verb in
			// the past after a participle that modifies the subject
			// is the clause's own act, not what the participle's
			// refusal is about.
			if relative && in.Kind == 'V' && in.Anchor == in.Words[0] && w.pastForm(in.Anchor) && w.lower(in.Anchor-1) != "to" {
				continue
			}
			in.Suppressed = true
			// "warning that thousands of its members had been
			// arrested": a warning of what has happened is an
			// allegation, not a threat.
			if ev.Category == plover.Threaten && ev.Kind == 'V' && w.lower(last) == "that" && w.pastFact(in, last) {
				// Against whoever did it (the subject after "that"),
				// not the victims of a passive ("its members had been
				// arrested").
				ev.Category, ev.Mode = plover.Accuse, "allege"
				if in.Passive || len(ev.Recipient) == 0 {
					ev.Recipient = in.Actor
				}
				continue
			}
			// "agreed to ease restrictions": a concession one party
			// agrees to make is a concession (PLOVER's CONCEDE for
			// announced retreats); what two parties agree to do
			// together ("agreed to reopen the crossing") stays their
			// agreement.
			if ev.Category == plover.Agree && (in.Category == plover.Concede || in.Category == plover.Retreat) && len(ev.Actor) == 1 && ev.Actor[0].Code != "" {
				ev.Category = plover.Concede
				if plover.IsMode(string(plover.Concede), in.Mode) {
					ev.Mode = in.Mode
				}
				continue
			}
			if ev.Mode == "" {
				ev.Mode = contentMode(ev.Category, in)
			}
		}
	}
}

// ofList reports whether token b stands in the list of nouns and
// gerunds that follows the "of" at a, with only commas, "and", "or" and
// plain words between: no verb of saying, no new clause.
func (w *sentence) ofList(a, b int) bool {
	for j := a + 1; j < b; j++ {
		t := &w.toks[j]
		if t.Kind == tokenize.Punct && t.Text != "," {
			return false
		}
		if w.tag(j)&(lexicon.SAY|lexicon.SUB|lexicon.REL|lexicon.BE|lexicon.MODAL) != 0 {
			return false
		}
	}
	return true
}

// pastFact reports whether ev tells a verb in the past with no modal or
// future before it, after token from: "had been arrested", "were killed",
// "detained".
func (w *sentence) pastFact(ev *Event, from int) bool {
	if ev.Kind != 'V' || ev.Future || ev.Hypothetical || ev.Negated {
		return false
	}
	// A past form, or any after "had", "have", "was" ("had beaten").
	if !w.pastForm(ev.Anchor) && !(ev.Anchor > 0 && w.tag(ev.Anchor-1)&(lexicon.HAVE|lexicon.BE) != 0) {
		return false
	}
	for j := ev.Anchor - 1; j > from && j >= ev.Anchor-3; j-- {
		// Not in a relative or conditional clause: "anyone who attacked
		// French nationals would face a response".
		if w.tag(j)&(lexicon.MODAL|lexicon.REL) != 0 || w.lower(j) == "to" || w.lower(j) == "if" {
			return false
		}
	}
	return true
}

// reducedRelative reports whether a verb trigger is an -ing participle
// right after the people it modifies: "traders defying a curfew",
// "students refusing to disperse".
func (w *sentence) reducedRelative(ev *Event) bool {
	a := ev.Words[0]
	return ev.Kind == 'V' && a == ev.Anchor && a > 0 && strings.HasSuffix(w.lower(a), "ing") && w.mentionEndingAt(a) >= 0
}

// pastForm reports whether token i is a verb in the past, regular
// ("blocked") or irregular ("threw").
func (w *sentence) pastForm(i int) bool {
	wd := &w.words[i]
	l := w.lower(i)
	if wd.Tag&(lexicon.PREP|lexicon.SUB|lexicon.CONJ|lexicon.DET|lexicon.REL) != 0 {
		return false
	}
	if wd.Stem == 0 || wd.Stem == wd.Name {
		return false
	}
	// A regular past, or an irregular one ("threw", "went"), not a
	// noun whose lemma is a verb ("resolution", "executive").
	return strings.HasSuffix(l, "ed") || wd.Tag&lexicon.PART != 0 || w.g.irregular != nil && w.g.irregular(l) && !strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ing")
}

// coordinatedVerb reports whether a verb trigger follows "and" or "but":
// "denied the report and accused Algeria of arming the rebels" tells a
// second act of the subject, not what the first one is about.
func (w *sentence) coordinatedVerb(ev *Event) bool {
	if ev.Kind != 'V' || len(ev.Words) == 0 || ev.Words[0] == 0 {
		return false
	}
	l := w.lower(ev.Words[0] - 1)
	return l == "and" || l == "but"
}

// secondInfinitive reports whether the verb of in, after "and", is a
// base form continuing the infinitive after "to" at token last: "agreed
// to restore ties and reopen embassies", "refused to withdraw and cede
// the suburb" say one thing twice.
func (w *sentence) secondInfinitive(last int, in *Event) bool {
	if w.lower(last) != "to" && w.toAfter(last) < 0 || len(in.Words) == 0 {
		return false
	}
	v := in.Words[0]
	l := w.lower(v)
	return !strings.HasSuffix(l, "ed") && !strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ing") && !w.pastForm(v)
}

// participleClause reports whether a comma and an -ing word between tokens a
// and b open a clause of its own: "demanded the withdrawal of the mission,
// accusing the force of failing".
func (w *sentence) participleClause(a, b int) bool {
	for j := a + 1; j < b; j++ {
		if !w.isPunct(j, ",") {
			continue
		}
		// ", instead accusing Chad": past an adverb.
		p := j + 1
		for p < b && isAdverb(w, p) {
			p++
		}
		if p <= b && strings.HasSuffix(w.lower(p), "ing") && w.covering(p) < 0 && !w.toks[p].Cap {
			return true
		}
	}
	return false
}

// dateWord reports whether token i is part of a written date: a number, a
// capitalised month or an abbreviation's period ("Oct. 7").
func (w *sentence) dateWord(i int) bool {
	t := &w.toks[i]
	return t.Kind == tokenize.Number || t.Text == "." || t.Cap && timex.IsMonth(strings.TrimSuffix(t.Lower, "."))
}

// topicBefore reports whether the token before i ends a name that is the
// object of a topic verb ("deter Houthi").
func (w *sentence) topicBefore(i int) bool {
	if i == 0 || w.covering(i-1) < 0 {
		return false
	}
	st := w.ms[w.covering(i-1)].Start
	return st > 0 && w.tag(st-1)&lexicon.REFER != 0
}

// auxWords are the words aux compares by their text in an event's clause:
// negations, modals, and conditional subordinators.
var auxWords = []string{"not", "n't", "never", "no", "nor", "will", "shall", "'ll", "would", "could", "might", "may", "should",
	"must", "if", "unless", "whether"}

// apologyBefore reports whether a word of apology stands before token j,
// past a date between: "asked forgiveness on Wednesday for".
func (w *sentence) apologyBefore(j int) bool {
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		if w.g.apology[w.lower(k)] {
			return true
		}
		if l := w.lower(k); !w.dateWord(k) && !timex.IsWeekday(l) && l != "on" {
			return false
		}
	}
	return false
}

// aux reads negation, hypotheticals and the future around an event's
// anchor, back to the start of its clause; it also marks noun triggers that
// only refer back to an earlier event, and infinitives of purpose ("a force
// to fight jihadists"), which report no event.
func (x *Extractor) aux(w *sentence, ev *Event) {
	first := ev.Words[0]
	// "asked forgiveness on Wednesday for killings by colonial troops":
	// an apology's topic, told as the past.
	if first > 0 && w.lower(first-1) == "for" && w.apologyBefore(first-1) {
		ev.Background = true
	}
	// "the district has seen a rise in highway blockades by gunmen":
	// acts counted as a trend are background, no event of their own.
	if w.trendBefore(first) {
		ev.Background = true
	}
	if ev.Kind == 'N' {
		// "after the Hamas attack", "since its withdrawal": a definite
		// reference to an event told before. "following talks between A
		// and B" tells the talks as news.
		// The object of a verb that only names it as a topic is no
		// report either: "condemned Israel's strike", "to deter Houthi
		// attacks", "described the 2022 clashes".
		definite := false
		for j := first - 1; j >= 0 && j >= first-6; j-- {
			l := w.lower(j)
			if w.may(j, w.marks.prep) && w.g.backgroundPreps[l] {
				ev.Background = definite
				break
			}
			if w.tag(j)&lexicon.REFER != 0 && w.covering(j) < 0 {
				ev.Background = true
				break
			}
			// "asked forgiveness for killings by colonial troops": an
			// apology's topic, told as the past.
			if l == "for" && w.apologyBefore(j) {
				break
			}
			// "postponed the meeting", "called off the talks": it will
			// not take place.
			if w.may(j, w.marks.aux) && w.g.cancelVerbs[l] || l == "off" && j > 0 && (w.lower(j-1) == "call" || w.lower(j-1) == "called" || w.lower(j-1) == "calls") {
				ev.Negated = true
				break
			}
			if l == "the" || l == "'s" || w.tag(j)&lexicon.POSS != 0 || w.covering(j) >= 0 && w.ms[w.covering(j)].Possessive {
				definite = true
			}
			// Dates inside the phrase: "the Oct. 7 attack".
			if w.dateWord(j) || w.tag(j)&lexicon.TIME != 0 {
				continue
			}
			// (A possessor before "'s" is part of the phrase: "the
			// country's bid".)
			if w.covering(j) < 0 && w.tag(j)&(lexicon.DET|lexicon.POSS) == 0 && w.tag(j)&lexicon.MOD == 0 && l != "'s" && w.lower(j+1) != "'s" {
				break
			}
		}
	} else if w.topicBefore(first) {
		// A verb form after a name that is itself the object of a
		// topic verb is a noun: "to deter Houthi attacks".
		ev.Background = true
	} else if j := first - 1; j > 1 && (w.lower(j) == "to" || w.lower(j) == "of") && w.lower(j-2) == "no" && w.g.purposeNouns[w.lower(j-1)] {
		// "has no plans to expel", "had no intention of leaving".
		ev.Negated = true
	} else if j := first - 1; j > 0 && w.lower(j) == "of" && strings.HasSuffix(w.lower(first), "ing") && w.may(j-1, w.marks.aux) && w.g.purposeNouns[w.lower(j-1)] {
		// "discussed the possibility of declaring a state of siege":
		// a gerund after a purpose noun's "of" is no act done.
		ev.Hypothetical = true
	} else if w.causedPurpose(first) {
		// "a truce to let trapped militants leave": what a purpose
		// lets happen has not happened.
		ev.Hypothetical = true
	} else if j := first - 1; j > 0 && w.lower(j) == "to" {
		// "plans to attack" is a plan; "a joint force to fight jihadists"
		// states a purpose. "used tear gas to disperse them" is done.
		intent := false
		for k := j - 1; k >= 0 && k >= j-3; k-- {
			kw := w.may(k, w.marks.aux)
			if w.tag(k)&lexicon.FUT != 0 || kw && w.g.intentVerbs[w.lower(k)] {
				intent = true
			}
			// "refused to approve", "failed to agree": not done.
			if kw && w.g.refuseVerbs[w.lower(k)] {
				ev.Negated = true
			}
		}
		fv := w.forcedBefore(j)
		switch {
		case intent:
			ev.Future = true
		case w.voicedAt(j):
			// "held a press conference in Lusaka to denounce the
			// arrest": what a gathering is held to say, it says.
		case fv >= 0:
			// "forced the minister to resign": what one is forced to
			// do is done, unless the forcing failed ("failed to force
			// the mayor to resign").
			// An attempt or plan to force is no forcing ("tried to
			// force the president to step down").
			for k := fv - 1; k >= 0 && k >= fv-3; k-- {
				kw := w.may(k, w.marks.aux)
				switch l := w.lower(k); {
				case kw && w.g.refuseVerbs[l]:
					ev.Negated = true
				case kw && w.g.intentVerbs[l] || w.tag(k)&(lexicon.FUT|lexicon.HYP|lexicon.MODAL) != 0:
					ev.Hypothetical = true
				case l == "try" || l == "tried" || l == "tries" || l == "trying" || l == "attempt" || l == "attempted" || l == "attempting" || l == "sought" || l == "seek" || l == "seeking":
					ev.Hypothetical = true
				}
			}
		case w.covering(j-1) >= 0 || w.may(j-1, w.marks.aux) && w.g.purposeNouns[w.lower(j-1)]:
			ev.Hypothetical = true
		}
	}
	// "has postponed a meeting with": a cancelling verb inside the
	// trigger's own words.
	for j := first + 1; j < ev.Words[len(ev.Words)-1]; j++ {
		// A word of the pattern itself is what the trigger means:
		// "agreed to cancel part of Zambia's debt".
		if w.may(j, w.marks.aux) && w.g.cancelVerbs[w.lower(j)] && !contains(ev.Words, j) {
			ev.Negated = true
		}
	}
	// "The minister's visit, planned for next week, has been
	// postponed": a noun whose clause's passive verb calls it off.
	if ev.Kind == 'N' {
		for j := ev.Words[len(ev.Words)-1] + 1; j < len(w.toks) && j <= ev.Anchor+12; j++ {
			if t := &w.toks[j]; t.Kind == tokenize.Punct && t.Text != "," || w.tag(j)&lexicon.SAY != 0 {
				break
			}
			if w.may(j, w.marks.aux) && w.g.cancelVerbs[w.lower(j)] && w.tag(j-1)&lexicon.BE != 0 {
				ev.Negated = true
				break
			}
		}
	}
	// "There was no fighting", "no arrests were made": a noun after
	// "no" did not happen.
	if ev.Kind == 'N' && first > 0 && w.lower(first-1) == "no" {
		ev.Negated = true
	}
	// "the operation had thwarted a large terror attack": a noun that
	// a verb of foiling takes as its object did not happen. Nor did a
	// bomb defused or one that is unexploded ("police defused a bomb
	// planted near a school", "an unexploded shell").
	if ev.Kind == 'N' && first > 0 && w.lower(first-1) == "unexploded" {
		ev.Negated = true
	}
	// "a bomb disposal unit", "the bomb squad": what a unit deals with
	// names the unit, no blast.
	if last := ev.Words[len(ev.Words)-1]; ev.Kind == 'N' && last+1 < len(w.toks) {
		switch w.lower(last + 1) {
		case "disposal", "squad", "squads", "technician", "technicians":
			ev.Negated = true
		}
	}
	if ev.Kind == 'N' {
		for j := first - 1; j >= 0 && j >= first-5; j-- {
			if l := w.lower(j); w.g.preventVerbs[l] && foiled(l) {
				ev.Negated = true
				break
			}
			if w.toks[j].Kind != tokenize.Word || w.covering(j) >= 0 || w.tag(j) != 0 && w.tag(j)&(lexicon.DET|lexicon.MOD) == 0 {
				break
			}
		}
	}
	// "No one was arrested", "nobody has been charged", "none were
	// hurt": a verb whose subject is no one did not happen.
	if ev.Kind != 'N' {
		for j := ev.Anchor - 1; j >= 0 && j >= ev.Anchor-4; j-- {
			l := w.lower(j)
			if l == "nobody" || l == "none" || l == "one" && j > 0 && w.lower(j-1) == "no" {
				ev.Negated = true
				break
			}
			if w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL) == 0 {
				// "No crew were injured", "no foreign nationals
				// were harmed": a subject that "no" quantifies.
				if ev.Passive && j < ev.Anchor-1 && (j >= 1 && w.lower(j-1) == "no" || j >= 2 && w.lower(j-2) == "no" && w.toks[j-1].Kind == tokenize.Word && !w.toks[j-1].Cap) {
					ev.Negated = true
				}
				break
			}
		}
	}
	// "ahead of a planned march", "the proposed strike": what is
	// planned has not happened, and no one is named announcing it.
	if first > 0 && (ev.Kind == 'N' || first > 1 && w.tag(first-2)&lexicon.DET != 0) {
		switch w.lower(first - 1) {
		case "planned", "proposed", "scheduled", "upcoming", "threatened", "expected", "intended":
			ev.Hypothetical = true
		}
	}
	// "announced annual bilateral talks on trade": talks announced are
	// to come.
	if ev.Kind == 'N' && ev.Category == plover.Consult && w.announcedBefore(first) {
		ev.Future = true
	}
	said := w.firstSay() < ev.Anchor
	// passedAnd is set past an "and": "denied the report and accused
	// Algeria" denies the report, not the accusation.
	passedAnd := false
	for i := ev.Anchor - 1; i >= 0 && i >= ev.Anchor-8; i-- {
		t := &w.toks[i]
		if t.Kind == tokenize.Punct && (t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "\"" || t.Text == "-" || t.Text == "(") {
			break
		}
		if w.covering(i) >= 0 || t.Cap && i > 0 {
			continue
		}
		l := t.Lower
		if l == "and" {
			passedAnd = true
		}
		// "opted not to appeal but called for new polls": "but" opens
		// a clause of its own.
		if l == "but" {
			break
		}
		tg := w.tag(i)
		// Only a token marked as one of auxWords can be one of the
		// words compared below.
		kw := w.may(i, w.marks.aux)
		switch {
		case kw && (l == "not" || l == "n't" || l == "never" || l == "nor" || (l == "no" && i+1 < len(w.toks) && w.lower(i+1) == "way")):
			if !(i+1 < len(w.toks) && w.lower(i+1) == "only") {
				ev.Negated = true
			}
		case w.words[i].Stem == x.deny && x.deny != 0 && !passedAnd:
			ev.Negated = true
		case kw && (l == "will" || l == "shall" || l == "'ll"):
			ev.Future = true
		case kw && l == "would":
			// "would not rule out tariffs", "would not hesitate to
			// respond": a threat stated now, not a hypothesis; so is
			// "would stop helping Baghdad if": a threat is conditional.
			if said || ev.Category == plover.Threaten {
				ev.Future = true
			} else {
				ev.Hypothetical = true
			}
		case kw && (l == "could" || l == "might" || l == "may" || l == "should" || l == "must"):
			ev.Hypothetical = true
		case kw && (l == "if" || l == "unless" || l == "whether"):
			ev.Hypothetical = true
		case tg&lexicon.FUT != 0 && i+1 < len(w.toks) && w.lower(i+1) == "to" && tg&lexicon.MODAL == 0:
			ev.Future = true
		case (l == "is" || l == "are") && i+2 == ev.Anchor && w.lower(i+1) == "to":
			// "delegations are to hold talks on September 25": set
			// to happen.
			ev.Future = true
		case tg&lexicon.HYP != 0 && tg&lexicon.MODAL == 0:
			// "is hopeful that Beijing will lift the curbs", "is likely
			// to": hoped or expected, not done.
			ev.Hypothetical = true
		case tg&lexicon.SUB != 0 || tg&lexicon.REL != 0 && l != "that":
			i = -1 // the clause starts here
		}
	}
}

// speaker finds who the sentence says reported what it tells: the mention
// after "according to", else the subject of a reporting verb.
func (x *Extractor) speaker(w *sentence) []actors.Entity {
	toks, words := w.toks, w.words
	n := len(toks)
	// The sentence's Bloom filter turns most sentences down, the lemma's
	// id most words, before any text is read.
	accord := n
	if w.s.MayHave(x.accord) {
		accord = 0
	}
	for i := accord; i+2 < n; i++ {
		if words[i].Stem == x.accord && toks[i].Lower == "according" && toks[i+1].Lower == "to" {
			j := i + 2
			if k := w.startingAt(j); k >= 0 {
				return w.entities([]int{k})
			}
			// "according to the statement ... by X": no speaker named.
		}
	}
	for i := w.firstSay(); i < n; i++ {
		if !w.says(i) || w.covering(i) >= 0 {
			continue
		}
		// "..., said the prosecutor": after a comma or a quotation
		// mark, the speaker follows the verb.
		if i > 0 && (w.isPunct(i-1, ",") || w.isPunct(i-1, "\"")) && i+1 < n {
			if k := w.startingAt(i + 1); k >= 0 {
				return w.entities([]int{k})
			}
		}
		if subj := w.subject(i); subj != nil {
			return w.entities(subj)
		}
		// "..., said the Pentagon."
		if i+1 < n && w.startingAt(i+1) >= 0 {
			return w.entities([]int{w.startingAt(i + 1)})
		}
	}
	return nil
}

// says reports whether token i is a verb of saying, not a noun of the
// same spelling: "the statement", "in Zamfara state" (a kind of place
// after a name).
func (w *sentence) says(i int) bool {
	if w.tag(i)&lexicon.SAY == 0 {
		return false
	}
	if i == 0 || w.toks[i].Cap {
		return true
	}
	if w.tag(i-1)&lexicon.DET != 0 {
		return false
	}
	return !(w.g.placeHead[w.lower(i)] && w.toks[i-1].Cap && w.covering(i-1) < 0)
}

// firstSay returns the index of the first token tagged SAY, or the number
// of tokens when there is none. It is found once per sentence: aux asks
// for it for every event.
func (w *sentence) firstSay() int {
	if w.sayAt < 0 {
		// A local slice, not w.words: its length and base are then
		// read once, not after each test.
		words := w.words[:len(w.toks)]
		w.sayAt = len(words)
		for i := range words {
			if words[i].Tag&lexicon.SAY != 0 && w.says(i) {
				w.sayAt = i
				break
			}
		}
	}
	return w.sayAt
}

// pronounClause reports whether the verb at token i has for its subject
// a pronoun right after "and" or "but", past auxiliaries and adverbs: a
// clause of its own ("..., and it would also ban imports").
func (w *sentence) pronounClause(i int) bool {
	j := i - 1
	for j > 0 && (w.tag(j)&(lexicon.MODAL|lexicon.HAVE|lexicon.BE|lexicon.FUT) != 0 || isAdverb(w, j)) {
		j--
	}
	k := w.mentionEndingAt(j + 1)
	if k < 0 || w.ms[k].End != j+1 || w.ms[k].Kind != actors.Pronoun || w.ms[k].Possessive || w.ms[k].Start == 0 {
		return false
	}
	l := w.lower(w.ms[k].Start - 1)
	return l == "and" || l == "but"
}

// causedPurpose reports whether the verb at token i has for its subject
// the object of a causative verb after "to": "to let trapped militants
// leave", "to allow besieged rebels pull out".
func (w *sentence) causedPurpose(i int) bool {
	if i >= len(w.toks) {
		return false
	}
	k := w.mentionEndingAt(i)
	if k < 0 || w.ms[k].End != i || w.pastForm(i) {
		return false
	}
	p := w.ms[k].Start - 1
	for p > 0 && p >= w.ms[k].Start-2 && w.covering(p) < 0 && w.toks[p].Kind == tokenize.Word && !w.toks[p].Cap && w.tag(p)&^lexicon.DET == 0 && !w.g.causative[w.lower(p)] {
		p--
	}
	return p > 0 && w.g.causative[w.lower(p)] && w.lower(p-1) == "to"
}

// resolvePronouns gives pronoun mentions the entities they stand for.
func (x *Extractor) resolvePronouns(w *sentence, st *State) {
	for k := range w.ms {
		m := &w.ms[k]
		if m.Kind != actors.Pronoun {
			continue
		}
		var ref []actors.Entity
		switch m.Pron {
		case "both":
			ref = st.lastPair
			if pair := w.pairBefore(k); pair != nil {
				ref = w.entities(pair)
			}
		case "he", "his", "she", "her":
			// "The Solomon Islands prime minister said he would
			// expel": the speaker, named by a role.
			if sp := w.speakerBefore(k); sp != nil {
				ref = w.entities(sp)
				break
			}
			ref = w.nearestPerson(k)
			if ref == nil {
				ref = st.lastPerson
			}
			// "The Iranian Foreign Ministry called on ... He urged":
			// with no person named yet, the one who speaks for the
			// government or army named last.
			if ref == nil && len(st.lastActor) == 1 && (st.lastActor[0].Sector == "GOV" || st.lastActor[0].Sector == "MIL") && !st.lastActor[0].Generic {
				ref = st.lastActor
			}
		case "they", "them", "their":
			if j := w.objectAntecedent(k); j >= 0 {
				// "ordered the protesters to leave, then dispersed
				// them": not the clause's own subject.
				ref = w.entities(w.coordinated(j))
			} else if subj := w.speakerBefore(k); subj != nil {
				// "Ugandan troops said they killed 18 fighters".
				ref = w.entities(subj)
			} else if subj := w.subjectBefore(k); subj != nil && (len(subj) > 1 || len(w.entities(subj)) > 1) {
				ref = w.entities(subj)
			} else if k > 0 && w.ms[0].Start == 0 && len(w.ms[0].Entities) > 1 && w.ms[0].Resolved() {
				// "The three neighbours had drawn closer, when their
				// leaders signed a pact": the parties that open the
				// sentence.
				ref = w.ms[0].Entities
			} else {
				ref = st.lastActor
			}
		default: // it, its, itself
			if w.expletive(k) {
				continue
			}
			// "its soldiers" is one mention, the possessive and its
			// noun.
			owner := m.Possessive || m.Pron == "its" && m.End > m.Start+1
			switch {
			case !owner && w.speakerBefore(k) != nil:
				// "The army said it had killed 30 bandits".
				ref = w.entities(w.speakerBefore(k))
			case owner:
				if subj := w.subjectBefore(k); subj != nil {
					ref = w.entities(subj)
				} else if sp := w.speakerBefore(k); sp != nil {
					// "The army said that its troops had killed".
					ref = w.entities(sp)
				}
			case m.Start > 0:
				// "Israel said on Tuesday it would ...", "if it pursued":
				// the nearest named actor before it in the sentence.
				ref = w.nearestNamed(k)
			}
			if ref == nil {
				ref = st.recentActor()
			}
			// "Russians shelled the town. It hit a school": "it" is
			// never a people (civilians, a nation's people).
			if allCivilians(ref) {
				continue
			}
		}
		if len(ref) == 0 {
			continue
		}
		sector := m.Entities[0].Sector
		start, end := m.Entities[0].Start, m.Entities[0].End
		ents := w.ents.Take(len(ref))
		for _, e := range ref {
			e.Start, e.End = start, end
			if sector != "" {
				e.Sector = sector
			}
			ents = append(ents, e)
		}
		m.Entities = ents
	}
}

// allCivilians reports whether es names people only, whom "it" cannot
// refer to: "Russians", "villagers".
func allCivilians(es []actors.Entity) bool {
	for _, e := range es {
		if e.Sector != "CVL" {
			return false
		}
	}
	return len(es) > 0
}

// speakerBefore is the subject of a verb of saying that pronoun mention
// k opens the complement of ("X said (that) they ..."), or nil.
func (w *sentence) speakerBefore(k int) []int {
	j := w.ms[k].Start - 1
	if j >= 0 && w.lower(j) == "that" {
		j--
	}
	// Past the date of the saying: "said on Sunday that they".
	for n := 0; n < 4 && j > 0 && w.tag(j)&lexicon.SAY == 0; n++ {
		if !w.dateWord(j) && w.tag(j)&lexicon.TIME == 0 && w.lower(j) != "on" {
			return nil
		}
		j--
	}
	if j < 1 || w.tag(j)&lexicon.SAY == 0 {
		return nil
	}
	for _, i := range w.subject(j) {
		if w.ms[i].Kind == actors.Pronoun {
			return nil
		}
	}
	return w.subject(j)
}

// subjectBefore is the subject of the clause of mention k, not counting k.
func (w *sentence) subjectBefore(k int) []int {
	st := w.ms[k].Start
	// "after three of its soldiers were killed": a possessive in the
	// subject of a subordinate clause is the main clause's subject's.
	p := st
	for p > 0 && (w.lower(p-1) == "of" || w.toks[p-1].Kind == tokenize.Number || w.may(p-1, w.marks.quantity) && w.g.slotQuantity[w.lower(p-1)]) {
		p--
	}
	if p > 0 && w.tag(p-1)&lexicon.SUB != 0 && w.covering(p-1) < 0 {
		st = p - 1
	}
	subj := w.subject(st)
	for _, j := range subj {
		// A pronoun subject already resolved stands for what it
		// resolved to: "said that it is fortifying the border after
		// three of its soldiers were killed".
		if j == k || w.ms[j].Kind == actors.Pronoun && (j > k || len(w.ms[j].Entities) == 0 || w.ms[j].Entities[0].Code == "") {
			return nil
		}
	}
	return subj
}

// pairBefore returns the two or more parties named together before
// mention k in its sentence, which "the two nations" or "both sides"
// then refers to: "to strengthen ties between India and Fiji, the two
// nations signed ...", "Peru and Chile said the two countries would
// ...". It returns nil where the sentence names no such parties.
func (w *sentence) pairBefore(k int) []int {
	for j := 0; j < w.ms[k].Start; j++ {
		if l := w.lower(j); l == "between" || l == "among" {
			if pair := w.between(j); len(pair) >= 2 && w.ms[pair[len(pair)-1]].End <= w.ms[k].Start {
				return pair
			}
		}
	}
	for j := k - 1; j >= 0; j-- {
		if w.ms[j].Kind == actors.Pronoun {
			continue
		}
		if pair := w.coordinated(j); len(pair) >= 2 && len(w.entities(pair)) >= 2 {
			return pair
		}
	}
	return nil
}

// objectAntecedent returns, for an object "them" (mention k), the
// nearest people named before it in the sentence that are not its
// clause's subject, or -1: "engaged the protesters after ordering them to
// leave", "detained six students after accusing them of spying".
func (w *sentence) objectAntecedent(k int) int {
	if w.ms[k].Pron != "them" {
		return -1
	}
	subj := w.subject(w.ms[k].Start)
	for j := k - 1; j >= 0; j-- {
		m := &w.ms[j]
		if m.Kind != actors.Agent || len(m.Entities) == 0 || slices.Contains(subj, j) {
			continue
		}
		if l := w.lower(m.End - 1); strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") || l == "people" || l == "police" {
			return j
		}
	}
	return -1
}

// nearestPerson is the nearest person named before mention k.
func (w *sentence) nearestPerson(k int) []actors.Entity {
	for j := k - 1; j >= 0; j-- {
		if m := &w.ms[j]; m.Kind == actors.Person && m.Resolved() {
			return m.Entities
		}
	}
	return nil
}

// nearestNamed is the nearest resolved non-role mention before mention k.
// "It" names no person: "Canada said it will sanction Putin and Lavrov,
// and it will also ..." is Canada.
func (w *sentence) nearestNamed(k int) []actors.Entity {
	// A preposition's object is passed over for a subject before it:
	// "Israel closed all crossings into the Gaza Strip, after it
	// launched" is Israel.
	var inPP []actors.Entity
	for j := k - 1; j >= 0; j-- {
		m := &w.ms[j]
		// (Not people in the plural: "sanctioned Iranian officers it
		// accused of plotting" is the United States' accusation.)
		if m.Kind == actors.Agent && plural(w.lower(m.End-1)) {
			continue
		}
		if m.Kind != actors.Pronoun && m.Kind != actors.Person && !m.Generic && m.Resolved() {
			if w.inPP(j) {
				if inPP == nil {
					inPP = m.Entities
				}
				continue
			}
			return m.Entities
		}
	}
	return inPP
}

// remember updates the document state after a sentence.
// recentActor is what "it" opening a sentence refers to: the actor of the
// last event, or the subject of a later sentence that told no event ("The
// ministry said it had tracked 49 aircraft. It condemned the drills.").
func (st *State) recentActor() []actors.Entity {
	if st.subjectSeq > st.actorSeq && len(st.lastSubject) > 0 {
		return st.lastSubject
	}
	return st.lastActor
}

func (x *Extractor) remember(w *sentence, evs []Event, st *State) {
	for i := len(evs) - 1; i >= 0; i-- {
		if !evs[i].Suppressed && !evs[i].Hypothetical && !evs[i].Negated && len(evs[i].Actor) > 0 {
			st.lastActor = evs[i].Actor
			st.actorSeq = st.seq
			break
		}
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if !evs[i].Suppressed && !evs[i].Hypothetical && !evs[i].Negated && len(evs[i].Actor) > 1 {
			st.lastPair = evs[i].Actor
			break
		}
	}
	x.rememberPeople(w.ms, st)
	if len(w.ms) > 0 {
		// The main clause's subject opens the sentence; else the
		// subject of its last clause.
		var subj []int
		if w.ms[0].Start == 0 && !w.ms[0].Possessive && w.ms[0].Kind != actors.Pronoun {
			subj = w.coordinated(0)
		} else {
			subj = w.subject(len(w.toks))
		}
		if subj != nil {
			if es := w.entities(subj); len(es) > 0 {
				st.lastSubject = es
				st.subjectSeq = st.seq
			}
		}
	}
}

// subordinate reports whether a subordinating word ("after", "if",
// "because") opens a new clause between tokens a and b.
func (w *sentence) subordinate(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if w.covering(i) < 0 && w.tag(i)&lexicon.SUB != 0 && w.lower(i) != "that" && w.lower(i) != "as" && w.lower(i) != "so" {
			return true
		}
	}
	return false
}

// rememberPeople notes the last person named, for "he" and "she".
func (x *Extractor) rememberPeople(ms []actors.Mention, st *State) {
	for k := range ms {
		m := &ms[k]
		if m.Kind == actors.Person && m.Resolved() {
			st.lastPerson = m.Entities
		}
	}
}

// expletive reports an "it" that stands for no one: "It is agreed that
// ...", "it was clear that ...".
func (w *sentence) expletive(k int) bool {
	m := &w.ms[k]
	if m.Pron != "it" {
		return false
	}
	j := m.End
	if j >= len(w.toks) || w.tag(j)&lexicon.BE == 0 {
		return false
	}
	j++
	// "it was ready to send teams" is someone ready: an adjective of
	// intent (grammar.txt) after "be" is said of the one "it" names.
	if j < len(w.toks) && w.may(j, w.marks.aux) && w.g.intentVerbs[w.lower(j)] && !strings.HasSuffix(w.lower(j), "ed") {
		return false
	}
	for j < len(w.toks) && j < m.End+5 {
		l := w.lower(j)
		if l == "that" || l == "to" {
			return true
		}
		if w.toks[j].Kind != tokenize.Word || w.covering(j) >= 0 {
			return false
		}
		j++
	}
	return false
}

// voicedAt reports whether the infinitive's "to" at token j follows, within
// a few words, a gathering or an occasion held to voice something: "a
// press conference", "a rally", "a sit-in" (grammar.txt's gathering and
// voicing nouns).
func (w *sentence) voicedAt(j int) bool {
	for k := j - 1; k >= 0 && k >= j-6; k-- {
		if l := w.lower(k); w.g.gathering[l] || w.g.voicing[l] {
			return true
		}
		if w.isPunct(k, ",") || w.tag(k)&(lexicon.SUB|lexicon.REL) != 0 {
			return false
		}
	}
	return false
}

// foiled reports whether a verb of prevention says its object never
// happened: "foiled", "thwarted", "averted", "prevented" (not "banned",
// "blocked": a ban is an act on the event's organisers).
func foiled(l string) bool {
	return strings.HasPrefix(l, "foil") || strings.HasPrefix(l, "thwart") || strings.HasPrefix(l, "prevent") || strings.HasPrefix(l, "avert") || strings.HasPrefix(l, "defus")
}

// trendBefore reports whether the words before token i, back past a list
// of nouns, name a trend of them: "a surge in kidnappings and ambushes",
// "a steady rise in targeted killings".
func (w *sentence) trendBefore(i int) bool {
	for j := i - 1; j >= 1 && j >= i-8; j-- {
		if w.lower(j) == "in" {
			k := j - 1
			if k > 0 && w.covering(k) < 0 && w.tag(k) == 0 && !trendWord(w.lower(k)) && trendWord(w.lower(k-1)) {
				k--
			}
			return trendWord(w.lower(k))
		}
		if w.toks[j].Kind == tokenize.Punct && w.lower(j) != "," || w.tag(j)&(lexicon.BE|lexicon.HAVE|lexicon.MODAL|lexicon.PREP) != 0 {
			return false
		}
	}
	return false
}

// trendWord reports whether l names a change in how often something
// happens.
func trendWord(l string) bool {
	switch l {
	case "rise", "surge", "increase", "spike", "uptick", "upsurge", "jump", "decline", "drop", "decrease", "rises", "increases":
		return true
	}
	return false
}

// announcedBefore reports whether a form of "announce" stands before token
// i with only determiners, modifiers and up to two plain lower-case words
// between ("announced annual bilateral talks", "announced a new summit").
func (w *sentence) announcedBefore(i int) bool {
	plain := 0
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch l := w.lower(j); {
		case l == "announce" || l == "announced" || l == "announces" || l == "announcing":
			return w.covering(j) < 0
		case w.tag(j)&(lexicon.DET|lexicon.MOD) != 0 && w.covering(j) < 0:
		case w.toks[j].Kind == tokenize.Word && !w.toks[j].Cap && w.tag(j) == 0 && w.covering(j) < 0 && plain < 2:
			plain++
		default:
			return false
		}
	}
	return false
}
