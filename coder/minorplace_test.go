package coder

import "testing"

// Conflict reports that name only a district seat or a small town below
// the gazetteer's main table give the unnamed actors that town's country,
// one snippet at a time, as ACLED-style snippets come.
func TestMinorPlaceDecidesUnnamedActors(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"Three militants were killed in an encounter with soldiers in Kupwara district on Sunday.", "ASSAULT", "", "IND REB"},
		{"A roadside bomb killed four soldiers near Tessalit on Friday.", "ASSAULT", "MLI UAF", "MLI MIL"},
		{"Gunmen killed two farmers near Sukma on Tuesday.", "ASSAULT", "IND UAF", "IND AGR"},
		{"Jihadists attacked an army post near Bankass on Thursday.", "ASSAULT", "MLI REB", "MLI MIL"},
		{"Police fired tear gas at protesters in Miranshah on Monday.", "ASSAULT", "PAK COP", "PAK CVL"},
		{"Rebels attacked a police station in Tenenkou overnight.", "ASSAULT", "MLI REB", "MLI COP"},
		// Districts of the minor tables.
		{"A drone strike killed four militants in North Waziristan on Saturday.", "ASSAULT", "", "PAK REB"},
		{"Gunmen killed six farmers in the Arsi zone on Sunday.", "ASSAULT", "ETH UAF", "ETH AGR"},
		// Towns and districts of the main table, as before.
		{"Police arrested 20 protesters in Lakki Marwat on Monday.", "COERCE", "PAK COP", "PAK CVL"},
		{"Gunmen killed five villagers in Beni territory on Sunday.", "ASSAULT", "COD UAF", "COD CVL"},
		{"Jihadists attacked a gendarmerie post near Djibo on Thursday.", "ASSAULT", "BFA REB", "BFA COP"},
		{"Militants ambushed a police convoy in Mandera on Tuesday.", "ASSAULT", "KEN REB", "KEN COP"},
		{"Militiamen killed seven civilians near Bunia overnight.", "ASSAULT", "COD REB", "COD CVL"},
	})
}

// A minor place lies where the story is: where the sentence or the story
// before it names countries, a minor place of another country of that
// name is not the one meant.
func TestMinorPlaceOutsideTheStory(t *testing.T) {
	c := testCoder(t)
	for _, tc := range []struct{ text, part, category string }{
		// Java, Georgia, is a minor place; the island is not in the
		// gazetteer.
		{"Malaysian Prime Minister Anwar Ibrahim sent condolences to Indonesian President Prabowo Subianto over the landslides in Java.", "Java", "SUPPORT"},
		// A minor place followed by a place of another country.
		{"Gunmen looted a World Food Programme convoy near Tawila in North Darfur on Sunday.", "Tawila", "ASSAULT"},
		// The story is Mali's: Moura of Portugal is not meant.
		{"Malian troops left Timbuktu on Monday. Human rights groups said soldiers killed 500 people in the town of Moura.", "Moura", "ASSAULT"},
	} {
		evs := codeText(t, c, tc.text)
		e := eventIn(evs, tc.part, tc.category)
		if e == nil {
			t.Errorf("%q: no %s event", tc.text, tc.category)
			continue
		}
		if loc := e.EventLoc; loc != nil && loc.ExtractedPlace == tc.part {
			t.Errorf("%q: located at %s (%s), want not there", tc.text, loc.ResolvedPlace, loc.CountryCode)
		}
	}
}

// A capitalised word after a place word that the dictionaries know, or a
// title-case headline, finds no minor place.
func TestMinorPlaceNotAWord(t *testing.T) {
	c := testCoder(t)
	for _, text := range []string{
		"Lawmakers Protest Outside Congress Over Budget Cuts",
		"Opposition lawmakers protested in Congress on Tuesday against the budget.",
		"Workers protested in Commerce on Sunday over unpaid wages, the union said.",
	} {
		for _, e := range codeText(t, c, text) {
			if loc := e.EventLoc; loc != nil && loc.CountryCode != "" {
				t.Errorf("%q: %s located at %s (%s)", text, e.Event[0], loc.ResolvedPlace, loc.CountryCode)
			}
		}
	}
}

// A district of the minor tables does not name a force before a role
// noun, as a province or a city does ("Kaduna police"): Bolivia's Velasco
// province shares a surname's spelling.
func TestMinorDistrictNamesNoForce(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"Velasco supporters blocked roads on Monday.", "PROTEST", " CVL", anyRecipient},
	})
}

// A city's name of up to four words before a role noun names its force
// ("the Ho Chi Minh City People's Court"), as a one-word name does ("the
// Can Tho People's Court", "Kaduna police").
func TestLongCityNameBeforeARole(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		{"The Ho Chi Minh City People's Court jailed a land rights activist for six years on Monday.", "COERCE", "VNM JUD", anyRecipient},
		{"The Can Tho People's Court sentenced two men to five years in prison on Friday.", "COERCE", "VNM JUD", anyRecipient},
	})
}
