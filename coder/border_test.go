package coder

import "testing"

// Issue 14: reports of firing across a disputed border. Sentences of our
// own.
func TestBorderFiring(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		// A violated ceasefire agreement is fire, not a broken treaty.
		{"The Armenian army violated the ceasefire agreement near Sotk on Tuesday.", "ASSAULT", "ARM MIL", anyRecipient},
		// Infiltrators are armed men of no named force, and a range
		// of numbers before people is no match score.
		{"Indian troops killed 3-4 infiltrators near Kupwara on Friday.", "ASSAULT", "IND MIL", "IND UAF"},
	})
	// One word of a longer name with "of" is no place: "the Line of
	// Control" is not Kiribati's Line Islands.
	for _, e := range codeText(t, c, "Pakistani troops violated the ceasefire on the Line of Control on Sunday.") {
		if entCodes(e.Recipient) == "KIR" || e.EventLoc != nil && e.EventLoc.CountryCode == "KIR" {
			t.Errorf("the Line of Control read as Kiribati: %s > %s at %+v", entCodes(e.Actor), entCodes(e.Recipient), e.EventLoc)
		}
	}
	// A year after "of" and another noun is that noun's: the violation
	// is not dated 2003.
	e := mustEventIn(t, codeText(t, c, "Despite calls to honour the truce understanding of 2003, Pakistani troops continue to violate the ceasefire, officials said."), "ASSAULT")
	if e.Date == "2003-01-01" {
		t.Errorf("the violation dated by the understanding's year: %s", e.Date)
	}
}

// An act told again with no one named doing it ("the attack left two
// others injured") is the act told first, not a second one; the people
// a speaker calls "our" are the speaker's.
func TestRetoldActAndOurPeople(t *testing.T) {
	c := testCoder(t)
	evs := codeText(t, c, "A Turkish drone killed three fighters of the Syrian Democratic Forces near Kobani on Friday.\n"+
		"Local media confirmed the attack, which took place near a checkpoint.\n")
	n := 0
	for _, e := range evs {
		if e.Event[0] == "ASSAULT" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d attacks coded, want the one told twice", n)
	}
	checkRoles(t, c, []roleCase{
		{"\"Two of our fighters were killed,\" the Syrian Democratic Forces said, blaming Turkey.", "ASSAULT", "TUR", "SYR REB"},
		{"The Chinese coast guard shot a water cannon at a Philippine supply boat on Saturday.", "ASSAULT", "CHN MIL", "PHL"},
	})
}

// "It" after a subordinator is the clause before's subject, not a place
// named in a preposition's object; plural -ing nouns meet their
// singular's patterns.
func TestItIsTheSubjectNotThePlace(t *testing.T) {
	c := testCoder(t)
	evs := codeText(t, c, "Israel closed all crossings into the Gaza Strip on Saturday, after it launched strikes on Iran.")
	checkRoles(t, c, []roleCase{
		{"Israel closed all crossings into the Gaza Strip on Saturday, after it launched strikes on Iran.", "COERCE", "ISR", "PSE"},
	})
	for _, e := range evs {
		if e.Event[0] == "ASSAULT" && entCodes(e.Actor) != "ISR" {
			t.Errorf("the strikes on Iran by %q, want Israel's (rule %s)", entCodes(e.Actor), e.Rule)
		}
	}
}
