// Package rewrite is the stage that applies PLOVER's coding rules to an
// event as the events stage read it: an arrival is coded by who arrives (a
// state's forces abroad come as military aid, officials on a visit, anyone
// else's arrival is no event); an announced act of cooperation is
// AGREE, an announced retreat CONCEDE, an announced act of force a
// THREATEN; leaving an organisation is SANCTION withdraw; troops of two
// states moving together cooperate; civilians fighting the police riot,
// and armed men storming a building attack it; both sides of an exchange
// of fire are actors; an act told as a claim is the claimant's
// accusation.
//
// In: an Event (category, mode, actors, recipients and the auxiliary
// modes the events stage found). Out: the same Event rewritten, and the
// names of the rules that changed it, which the coder appends to the
// record's rule ("events.txt:2853 > two-sided") so that every category
// can be traced to the dictionary line and the rule that made it.
//
// The rules are values (Rules, a list of Rule names), applied in order;
// Default returns PLOVER's. Each reads and changes one Event and says
// whether it applied.
package rewrite

import (
	"slices"

	"dyad/actors"
	"dyad/plover"
)

// Event is what the rules read and change.
type Event struct {
	Category plover.Category
	Mode     string
	// Actor and Recipient are the resolved parties.
	Actor, Recipient []actors.Entity
	// Future is set for an announced or planned act; ThreatMode is the
	// THREATEN mode of such an act of force ("restrict" for announced
	// sanctions), for the rule that makes it a threat.
	Future     bool
	ThreatMode string
	// Reciprocal is set for a two-sided trigger ("exchanged fire with").
	Reciprocal bool
	// Arrival is set for a trigger that tells an arrival, whose event
	// depends on who arrives.
	Arrival bool
	// Military is set for a trigger of the military context ("held
	// joint drills").
	Military bool
	// Drop is set by a rule that finds the event is none.
	Drop bool
	// Claimant is who claims the act happened, where the text tells it
	// as a claim ("the party claims its members were beaten").
	Claimant []actors.Entity
	// Contexts are contexts a rule adds ("military" for a joint
	// exercise); the caller adds them to the record's.
	Contexts []string
}

// Rule is one of PLOVER's coding rules, by name.
type Rule string

// The rules, in the order Default applies them.
const (
	AnnouncedCooperation Rule = "announced-cooperation"
	AnnouncedRetreat     Rule = "announced-retreat"
	AnnouncedForce       Rule = "announced-force"
	LeavingOrganisation  Rule = "leaving-organisation"
	JointExercise        Rule = "joint-exercise"
	OneStateExercise     Rule = "one-state-exercise"
	Riot                 Rule = "riot"
	ArmedRaid            Rule = "armed-raid"
	Arrival              Rule = "arrival"
	CivilianBlockade     Rule = "civilian-blockade"
	TwoSided             Rule = "two-sided"
	Claimed              Rule = "claimed"
	CrowdSanction        Rule = "crowd-sanction"
)

// apply rewrites e by rule r and reports whether it changed it. The
// rules are called directly, not through function values, so that an
// Event rewritten on the caller's stack stays there.
func (r Rule) apply(e *Event) bool {
	switch r {
	case AnnouncedCooperation:
		return announcedCooperation(e)
	case AnnouncedRetreat:
		return announcedRetreat(e)
	case AnnouncedForce:
		return announcedForce(e)
	case LeavingOrganisation:
		return leavingOrganisation(e)
	case JointExercise:
		return jointExercise(e)
	case OneStateExercise:
		return oneStateExercise(e)
	case Riot:
		return riot(e)
	case ArmedRaid:
		return armedRaid(e)
	case Arrival:
		return arrival(e)
	case CivilianBlockade:
		return civilianBlockade(e)
	case TwoSided:
		return twoSided(e)
	case Claimed:
		return claimedAct(e)
	case CrowdSanction:
		return crowdSanction(e)
	}
	return false
}

// Rules are applied in order.
type Rules []Rule

// Apply applies the rules to e in order and appends the names of those
// that changed it to applied, which it returns. A category a rule
// changes keeps its mode only where the mode is one of the new
// category's.
func (rs Rules) Apply(e *Event, applied []string) []string {
	from := e.Category
	for _, r := range rs {
		if r.apply(e) {
			applied = append(applied, string(r))
		}
	}
	if e.Category != from && e.Mode != "" && !plover.IsMode(string(e.Category), e.Mode) {
		e.Mode = ""
	}
	return applied
}

// Default returns PLOVER's rules, in the order the coder applies them.
func Default() Rules {
	return Rules{Arrival, AnnouncedCooperation, AnnouncedRetreat, AnnouncedForce, LeavingOrganisation, JointExercise, OneStateExercise, Riot, ArmedRaid, CivilianBlockade, TwoSided, Claimed, CrowdSanction}
}

// announcedCooperation: a promised consultation, support, cooperation
// or aid is AGREE (PLOVER's auxiliary-mode rules).
func announcedCooperation(e *Event) bool {
	if !e.Future {
		return false
	}
	switch e.Category {
	case plover.Consult, plover.Support, plover.Cooperate, plover.Aid:
		e.Category = plover.Agree
		return true
	}
	return false
}

// announcedRetreat: an announced retreat is CONCEDE ("will pull its
// troops out by September").
func announcedRetreat(e *Event) bool {
	if e.Future && e.Category == plover.Retreat {
		e.Category = plover.Concede
		return true
	}
	return false
}

// announcedForce: an announced sanction, coercion, assault,
// mobilisation or protest is a threat of it (PLOVER: THREATEN is ASSAULT
// with the hypothetical mode; code the single category), with the
// threat's mode.
func announcedForce(e *Event) bool {
	if !e.Future {
		return false
	}
	switch e.Category {
	case plover.Sanction, plover.Coerce, plover.Assault, plover.Mobilize, plover.Protest:
		e.Category, e.Mode = plover.Threaten, e.ThreatMode
		return true
	}
	return false
}

// leavingOrganisation: leaving an organisation is SANCTION withdraw, not
// a military retreat (PLOVER's SANCTION modes): "Mali, Burkina Faso and
// Niger withdrew from ECOWAS".
func leavingOrganisation(e *Event) bool {
	if (e.Category == plover.Retreat || e.Category == plover.Concede) && (e.Mode == "" || e.Mode == "withdraw") && len(e.Recipient) > 0 && allOrgs(e.Recipient) {
		e.Category, e.Mode = plover.Sanction, "withdraw"
		return true
	}
	return false
}

// jointExercise: troops of two states moving together exercise jointly:
// "French and Egyptian warships launched war games" is COOPERATE.
func jointExercise(e *Event) bool {
	if e.Category == plover.Mobilize && countries(e.Actor) >= 2 {
		e.Category, e.Mode = plover.Cooperate, ""
		e.Contexts = append(e.Contexts, "military")
		return true
	}
	return false
}

// oneStateExercise: a "joint" exercise or patrol of one state's forces,
// with no partner named, is that state's show of force: "China's
// Southern Theater Command carried out joint combat-readiness patrols",
// "the army held joint drills involving infantry and artillery units".
func oneStateExercise(e *Event) bool {
	if e.Category != plover.Cooperate || !e.Military || e.Future || len(e.Recipient) > 0 || len(e.Actor) == 0 || countries(e.Actor) != 1 || !allSectors(e.Actor, "MIL") {
		return false
	}
	e.Category, e.Mode = plover.Mobilize, "troops"
	return true
}

// riot: civilians fighting the police or the army riot (PLOVER's
// PROTEST riot): "protesters clashed with security forces"; so do
// civilians who storm or seize a building; so do both
// sides of "clashes between students and police", the civilians as
// actors and the police as recipients.
func riot(e *Event) bool {
	// Civilians who storm or seize an office take nothing over: they
	// riot ("workers stormed the ministry's offices").
	if e.Category == plover.Coerce && e.Mode == "seize" && actors.AllUnarmed(e.Actor) {
		e.Category, e.Mode = plover.Protest, "riot"
		return true
	}
	if e.Category != plover.Assault || e.Mode != "" && e.Mode != "primitive" {
		return false
	}
	if actors.AllUnarmed(e.Actor) && anySector(e.Recipient, "COP", "MIL") {
		e.Category, e.Mode = plover.Protest, "riot"
		return true
	}
	// So the other way round, in a two-sided clash: "police clashed
	// with strikers" is the strikers' riot against the police.
	if e.Reciprocal && actors.AllUnarmed(e.Recipient) && len(e.Actor) > 0 && allSectors(e.Actor, "COP", "MIL") {
		e.Category, e.Mode = plover.Protest, "riot"
		e.Actor, e.Recipient = e.Recipient, e.Actor
		return true
	}
	// Both sides as actors only of a two-sided act: "soldiers and
	// herders attacked a village" is no riot.
	if len(e.Recipient) > 0 || !e.Reciprocal || !anySector(e.Actor, "COP", "MIL") {
		return false
	}
	var civ, force []actors.Entity
	for _, a := range e.Actor {
		switch {
		case actors.AllUnarmed([]actors.Entity{a}):
			civ = append(civ, a)
		case a.Sector == "COP" || a.Sector == "MIL":
			force = append(force, a)
		default:
			return false
		}
	}
	if len(civ) == 0 {
		return false
	}
	e.Category, e.Mode, e.Actor, e.Recipient = plover.Protest, "riot", civ, force
	return true
}

// armedRaid: armed men or soldiers who storm a compound, a building or a
// palace attack it (ASSAULT); only crowds riot: "gunmen stormed a
// military compound", not "protesters stormed parliament".
func armedRaid(e *Event) bool {
	if e.Category != plover.Protest || e.Mode != "riot" || len(e.Actor) == 0 {
		return false
	}
	for _, a := range e.Actor {
		switch a.Sector {
		case "UAF", "REB", "CRM", "MIL":
		default:
			return false
		}
	}
	e.Category, e.Mode = plover.Assault, ""
	return true
}

// arrival: an arrival is coded by who arrives. A state's armed forces
// arriving in another state come as its military aid ("Russian military
// instructors arrived in Niamey": AID); its officials come on a visit
// (CONSULT visit, as the trigger says); anyone else's arrival, or one
// in the arriving party's own country, is no political event ("refugees
// arrived in Chad").
func arrival(e *Event) bool {
	if !e.Arrival {
		return false
	}
	home := len(e.Recipient) == 0 || slices.ContainsFunc(e.Recipient, func(r actors.Entity) bool {
		return slices.ContainsFunc(e.Actor, func(a actors.Entity) bool { return a.Code == r.Code })
	})
	switch {
	case len(e.Actor) > 0 && !home && allSectors(e.Actor, "MIL"):
		e.Category, e.Mode = plover.Aid, ""
		e.Contexts = append(e.Contexts, "military")
		return true
	case len(e.Actor) > 0 && !home && allSectors(e.Actor, "GOV", "LEG", "JUD"):
		return false
	}
	e.Drop = true
	return true
}

// crowdSanction: people of civilian life other than business who halt
// or cut off something impose no sanction, which is a state's or an
// organisation's act: "protesters halted exports" is what their blockade
// did, no event of its own.
func crowdSanction(e *Event) bool {
	if e.Category != plover.Sanction || !actors.AllUnarmed(e.Actor) || anySector(e.Actor, "BUS") {
		return false
	}
	e.Drop = true
	return true
}

// allSectors reports whether every entity has one of the sectors.
func allSectors(es []actors.Entity, sectors ...string) bool {
	for _, e := range es {
		if !slices.Contains(sectors, e.Sector) {
			return false
		}
	}
	return len(es) > 0
}

// civilianBlockade: roadblocks and checkpoints are the police's posture
// (MOBILIZE police) when the police or the army mount them, and a protest
// (PROTEST obstruct) when civilians, workers or farmers do: "cocoa
// farmers mounted roadblocks on the road to San-Pedro".
//
// So the other way: barricades the police or the army put up are their
// posture, not a protest ("police had set up barricades at the entrance
// to the street").
func civilianBlockade(e *Event) bool {
	if e.Category == plover.Protest && e.Mode == "obstruct" && len(e.Actor) > 0 && !slices.ContainsFunc(e.Actor, func(a actors.Entity) bool { return a.Sector != "COP" && a.Sector != "MIL" }) {
		e.Category, e.Mode = plover.Mobilize, "police"
		return true
	}
	if e.Category != plover.Mobilize || e.Mode != "police" || e.Future || !actors.AllUnarmed(e.Actor) {
		return false
	}
	e.Category, e.Mode = plover.Protest, "obstruct"
	return true
}

// twoSided: a two-sided act has parties, not a target: "rebels exchanged
// fire with troops" lists both as actors (PLOVER's reciprocal events).
func twoSided(e *Event) bool {
	if e.Category != plover.Assault || !e.Reciprocal || len(e.Actor) == 0 || len(e.Recipient) == 0 {
		return false
	}
	actor := slices.Clip(e.Actor)
	for _, r := range e.Recipient {
		if !slices.ContainsFunc(actor, func(a actors.Entity) bool { return a.Code == r.Code && a.Sector == r.Sector }) {
			actor = append(actor, r)
		}
	}
	e.Actor, e.Recipient = actor, nil
	return true
}

// claimedAct: a hostile act told as what someone claims or alleges is
// their accusation (PLOVER's ACCUSE allege) against whoever the claim
// says did it: "the opposition claims its members were beaten".
func claimedAct(e *Event) bool {
	if len(e.Claimant) == 0 {
		return false
	}
	switch e.Category {
	case plover.Assault, plover.Coerce, plover.Sanction, plover.Threaten:
	default:
		return false
	}
	e.Category, e.Mode = plover.Accuse, "allege"
	e.Actor, e.Recipient = e.Claimant, e.Actor
	return true
}

// allOrgs reports whether every entity is an international organisation.
func allOrgs(es []actors.Entity) bool {
	for _, e := range es {
		switch e.Code {
		case "IGO", "UNO", "EUR", "NGO":
		default:
			return false
		}
	}
	return true
}

// countries counts the distinct codes of es.
func countries(es []actors.Entity) int {
	n := 0
	for i, e := range es {
		if !slices.ContainsFunc(es[:i], func(o actors.Entity) bool { return o.Code == e.Code }) {
			n++
		}
	}
	return n
}

// anySector reports whether some entity has one of the sectors.
func anySector(es []actors.Entity, sectors ...string) bool {
	for _, e := range es {
		if slices.Contains(sectors, e.Sector) {
			return true
		}
	}
	return false
}
