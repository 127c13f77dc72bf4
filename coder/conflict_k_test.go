package coder

import "testing"

// Catalogue part K: attacks told from the target's side, armed men who
// block roads, and places named inside a region of no one country.
// Sentences of our own.
func TestConflictPartK(t *testing.T) {
	c := testCoder(t)
	checkRoles(t, c, []roleCase{
		// What comes under attack is the target; with no doer named
		// the event stands (a verb read with its roles swapped).
		{"Late on Saturday the police headquarters in Dera Ismail Khan came under attack, officials said.", "ASSAULT", "", "PAK COP"},
		{"A police checkpoint in Pakistan's Lakki Marwat district came under militant attack on Monday.", "ASSAULT", "PAK REB", "PAK COP"},
		// An attack repelled whose attackers follow "by" is theirs.
		{"Somali troops repelled an attack by al-Shabaab fighters on a base in Lower Shabelle.", "ASSAULT", "IMG REB", "SOM MIL"},
		// Firing on a checkpoint opens no checkpoint.
		{"Suspected rebels opened fire on a security checkpoint outside Beni in Congo.", "ASSAULT", "COD REB", anyRecipient},
		// A road closed by gunmen or a gang is no protest.
		{"Gunmen blocked the highway between Quetta and Karachi on Friday.", "COERCE", "PAK UAF", ""},
		// Armed men driven from a place are fought, not expelled.
		{"Nigerian troops drove the bandits out of the village of Kawo on Saturday.", "ASSAULT", "NGA MIL", "NGA CRM"},
		// A region of no one country that owns a place is where it is.
		{"Militants hurled a grenade at a police party in north Kashmir's Sopore town on Monday.", "ASSAULT", "IND REB", "IND COP"},
		{"Security forces shot dead two militants in a gunfight in south Kashmir's Shopian district on Monday.", "ASSAULT", "IND COP", "IND REB"},
		// People named by the arms they carry are armed men.
		{"Men armed with rifles and machetes stormed the village of Nanduli in Cabo Delgado on Sunday.", "ASSAULT", "MOZ UAF", anyRecipient},
		// Shelling whose doers follow "by" is theirs.
		{"Shelling by the Rapid Support Forces hit a bus station in El Obeid on Sunday, leaving 14 dead.", "ASSAULT", "SDN REB", anyRecipient},
		// Others' roadblocks taken down are a restriction.
		{"Ecuadorian police dismantled roadblocks set up by indigenous protesters on the Pan-American Highway.", "COERCE", "ECU COP", anyRecipient},
		// An attack on soldiers is no ordinary crime; a country the
		// place borders is no party.
		{"Drug traffickers ambushed an Ecuadorian army patrol in Sucumbios province near the border with Colombia on Friday.", "ASSAULT", "ECU CRM", "ECU MIL"},
		{"In Cameroon's Manyu division, separatist fighters attacked the hamlet of Ekona near the border with Nigeria on Sunday.", "ASSAULT", "CMR REB", ""},
		// "protests" after an adjective is the noun; the blockade is
		// the clause's.
		{"Participants in the nightly protests blocked the Heroes Square junction in Tbilisi for two hours on Monday.", "PROTEST", "GEO CVL", ""},
		// Days of administrative arrest received are a court's detention.
		{"A Georgian activist received twelve days of administrative detention on Monday.", "COERCE", "GEO JUD", "GEO CVL"},
		// Those killed in an attack did not make it.
		{"A local police chief was killed in a roadside attack near Iguala, Mexico, on Sunday.", "ASSAULT", "", "MEX COP"},
		// A curfew imposed in a clause of its own is the authorities'.
		{"Shops in Najaf shut early after a curfew was imposed across the city on Monday.", "COERCE", "IRQ GOV", ""},
		{"Shopkeepers pulled down their shutters in Srinagar after a curfew was imposed on Monday.", "COERCE", "IND GOV", ""},
		// Protesters' petrol bombs with no target are a riot.
		{"Protesters hurled petrol bombs over the fence of a party office in Nasiriyah on Monday.", "PROTEST", "IRQ CVL", ""},
		// A group named after a backer's participle acts itself.
		{"Iran-backed Houthi rebels fired a missile at a market in Marib on Thursday.", "ASSAULT", "YEM REB", anyRecipient},
		{"The Kurdish-led SDF detained a suspected Islamic State financier in Hasakah on Thursday.", "COERCE", "SYR REB", "IMG REB"},
		// Attackers are who they are, not whom they pose as.
		{"Gunmen posing as police officers abducted a trader on the Kaduna-Abuja road in Nigeria on Monday.", "ASSAULT", "NGA UAF", "NGA BUS"},
		// Peoples of Manipur are India's.
		{"Suspected Kuki militants fired on a village in Bishnupur district on Sunday, killing two farmers.", "ASSAULT", "IND REB", "IND AGR"},
	})
	// Rebels who block transport keep PLOVER's obstruct, and a bare
	// "came under fire" of a currency is no attack.
	for _, tc := range []struct{ text, notCat string }{
		{"Rebels blocked the main road into Bouake on Tuesday to press their demands.", "COERCE"},
		{"Argentina's peso came under fire on Tuesday as traders bet on a devaluation.", "ASSAULT"},
		// A sentence that opens on the trigger's noun reads safely.
		{"Shells fired by junta troops hit a camp on Sunday night.", "MOBILIZE"},
		// Acts counted as a trend are background.
		{"Kech district has seen a rise in highway blockades and night raids by gunmen since spring.", "COERCE"},
		{"The state has witnessed a surge in kidnappings and ambushes by bandits this year.", "ASSAULT"},
		// A bomb defused, unexploded or named by its squad went off
		// nowhere.
		{"Army engineers defused a roadside bomb on the road to Bannu on Sunday.", "ASSAULT"},
		{"A bomb disposal squad removed an unexploded mortar shell from a field near Kandahar on Friday.", "ASSAULT"},
		// A force's participle after it, as an object, is where it stood.
		{"Gunmen fired on constables deployed outside the district court in Tank on Monday.", "MOBILIZE"},
		{"Protesters threw stones at riot police deployed around the parliament in Belgrade on Saturday.", "MOBILIZE"},
	} {
		for _, e := range codeText(t, c, tc.text) {
			if e.Event[0] == tc.notCat {
				t.Errorf("%q: coded %s (rule %s)", tc.text, tc.notCat, e.Rule)
			}
		}
	}
}
