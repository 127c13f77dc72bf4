package coder

import (
	"testing"
)

// Issue 13: strikes from the air and from afar as war reporting tells
// them: the place struck is the verb's object, the weapon may be the
// subject, and what is shot down is shot down over a place. Sentences of
// our own.
func TestStrikesOnPlaces(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		// The place struck, with no preposition, is where it happened
		// and so whom the attack was on.
		{"Russian forces shelled Zaporizhzhia overnight, wounding four people.", "ASSAULT", "RUS MIL", "UKR"},
		{"Israeli warplanes bombed Tyre on Sunday.", "ASSAULT", "ISR MIL", "LBN"},
		// The weapon as the subject of a verb of hitting.
		{"Ukrainian drones hit Kursk on Monday night.", "ASSAULT", "UKR", "RUS"},
		{"Two Russian missiles hit Odesa on Friday.", "ASSAULT", "RUS", "UKR"},
		// A light verb before strikes on a place.
		{"Israel intensified its strikes on Khan Younis on Thursday.", "ASSAULT", "ISR", "PSE"},
		// What is shot down over a place is shot down by that place's
		// air defences, and belongs to whom the text says.
		{"A Ukrainian drone was shot down over Voronezh on Tuesday.", "ASSAULT", "RUS MIL", "UKR"},
		{"Ukraine's air defences downed twelve drones launched by Russia.", "ASSAULT", "UKR MIL", "RUS"},
		{"Syrian air defences intercepted several missiles fired by Israel.", "ASSAULT", "SYR MIL", "ISR"},
		// A nation's people who shell a town are its forces.
		{"Russians shelled Kupiansk with guided bombs, the governor said.", "ASSAULT", "RUS MIL", "UKR"},
	})
}

// A sea is no division of the country that has one of its name: "in the
// Red Sea" is not in Sudan's Red Sea state.
func TestSeaIsNoDivision(t *testing.T) {
	c := testCoder(t)
	e := mustEventIn(t, codeText(t, c, "Houthi rebels fired two missiles at a tanker in the Red Sea on Monday."), "ASSAULT")
	if e.EventLoc != nil && e.EventLoc.CountryCode == "SDN" {
		t.Errorf("placed in Sudan: %+v", e.EventLoc)
	}
	if got := entCodes(e.Recipient); got == "SDN" {
		t.Errorf("recipient %q: the sea read as Sudan's state", got)
	}
	// "over" says where only for what is in the air: sanctions over a
	// region are not placed there.
	e = mustEventIn(t, codeText(t, c, "Canada imposed sanctions on Moscow over Crimea on Friday."), "SANCTION")
	if e.EventLoc != nil && e.EventLoc.CountryCode == "UKR" {
		t.Errorf("sanctions over Crimea placed in Crimea: %+v", e.EventLoc)
	}
}

// "It" is never a people: "Russians shelled the town. It hit a school"
// makes no Russian civilians the actor of the damage, and damage no one
// is named for is no protest.
func TestItIsNoPeople(t *testing.T) {
	c := testCoder(t)
	for _, e := range codeText(t, c, "Russians shelled Kherson on Monday. It struck a market and smashed windows in a block of flats.") {
		if e.Event[0] == "PROTEST" {
			t.Errorf("damage by a shell coded as %s %v by %s (rule %s)", e.Event[0], e.Mode, entCodes(e.Actor), e.Rule)
		}
		for _, a := range e.Actor {
			if a.Sector == "CVL" {
				t.Errorf("%s by civilians %q (rule %s)", e.Event[0], entCodes(e.Actor), e.Rule)
			}
		}
	}
}

// A date months before the story's in its second sentence tells
// background ("since the attack on October 7"): the day's other events
// are not dated by it.
func TestBackgroundDayIsNoLede(t *testing.T) {
	c := testCoder(t)
	text := "An Israeli drone strike killed two Hezbollah fighters in south Lebanon, the army said.\n" +
		"Israel and Hezbollah have traded fire almost daily since Hamas attacked Israel on October 7.\n"
	for _, e := range codeText(t, c, text) {
		if e.Event[0] == "ASSAULT" && entCodes(e.Actor) == "ISR" && e.Date == "2023-10-07" {
			t.Errorf("the strike is dated by the background day: %s (rule %s)", e.Date, e.Rule)
		}
	}
}

// A commander of an armed group is the group's: a rebel, no soldier.
func TestRankOfAnArmedGroup(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"Israeli warplanes killed a commander of Hezbollah near Nabatieh.", "ASSAULT", "ISR MIL", "LBN REB"},
		{"Two Hamas commanders were killed in an Israeli strike on Rafah.", "ASSAULT", "ISR", "PSE REB"},
	})
}

// A backer named before a group with a name of its own is no actor: the
// group acts. A role noun after it ("Iran-backed militias") is the
// backer's, as the text names no other.
func TestBackedGroupActs(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"Yemen's Iran-aligned Houthis fired two missiles at a tanker on Monday.", "ASSAULT", "YEM REB", anyRecipient},
		{"The Iran-backed Houthis attacked a cargo ship off Hodeidah.", "ASSAULT", "YEM REB", anyRecipient},
		{"Iran-backed militias attacked a US base in Syria.", "ASSAULT", "IRN REB", anyRecipient},
	})
}

// "No crew were injured": a passive whose subject "no" quantifies did not
// happen; taking part in airstrikes is carrying them out.
func TestNoCrewAndTakingPart(t *testing.T) {
	c := testCoder(t)
	for _, e := range codeText(t, c, "No crew were injured in the attack, the maritime agency said.") {
		t.Errorf("a toll of no one coded: %s (rule %s)", e.Event[0], e.Rule)
	}
	checkRoles(t, c, []roleCase{
		{"France and Britain took part in joint airstrikes against Islamic State positions in Syria on Sunday.", "ASSAULT", "FRA+GBR", "IMG REB"},
	})
}

// An adjective past plain modifiers names an act's doer ("a Russian
// ballistic missile hit"); a response in arms is an attack; a state
// "moving to retaliate" has not yet.
func TestModifiedActsAndResponses(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"A Russian ballistic missile hit a hospital in Dnipro on Monday.", "ASSAULT", "RUS", anyRecipient},
		{"Sudanese army aircraft bombed RSF positions near El Fasher on Sunday.", "ASSAULT", "SDN MIL", anyRecipient},
		{"Pakistan retaliated with missile attacks on militant hideouts in Iran on Thursday.", "ASSAULT", "PAK", "IRN"},
	})
	for _, e := range codeText(t, c, "Tehran is moving to retaliate against Israel, officials said.") {
		if e.Event[0] == "ASSAULT" {
			t.Errorf("a move to retaliate coded as an attack (rule %s)", e.Rule)
		}
	}
}
