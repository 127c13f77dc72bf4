// Package plover holds the PLOVER ontology as data: the 16 event categories
// with their modes, quad classes and scores, the context and sector codes,
// the CAMEO correspondence, and the JSON event record dyad emits.
//
// In: nothing; it is the reference the other stages check their codes
// against. Tables follow the PLOVER manual (Open Event Data Alliance, CC
// BY-SA 4.0), draft version 2.0, and its CAMEO2PLOVER-2021 table.
package plover

import "strings"

// Category is one of PLOVER's 16 event categories, written as the manual
// writes it ("AGREE").
type Category string

// The 16 categories, in the manual's order.
const (
	Agree     Category = "AGREE"
	Consult   Category = "CONSULT"
	Support   Category = "SUPPORT"
	Concede   Category = "CONCEDE"
	Cooperate Category = "COOPERATE"
	Aid       Category = "AID"
	Retreat   Category = "RETREAT"
	Request   Category = "REQUEST"
	Accuse    Category = "ACCUSE"
	Reject    Category = "REJECT"
	Threaten  Category = "THREATEN"
	Protest   Category = "PROTEST"
	Sanction  Category = "SANCTION"
	Mobilize  Category = "MOBILIZE"
	Coerce    Category = "COERCE"
	Assault   Category = "ASSAULT"
)

// Categories lists PLOVER's 16 event categories in the manual's order.
var categories = []string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN",
	"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// Categories returns the 16 categories in the manual's order. The caller
// owns the returned slice.
func Categories() []string { return append([]string(nil), categories...) }

// modes lists each category's modes (manual, chapter "Event Categories").
var modes = map[string][]string{
	"CONSULT":  {"visit", "third-party", "multilateral", "phone"},
	"RETREAT":  {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
	"REQUEST":  {"assist", "change", "yield", "meet"},
	"REJECT":   {"assist", "change", "yield", "meet"},
	"ACCUSE":   {"disapprove", "investigate", "allege"},
	"THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
	"PROTEST":  {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
	"SANCTION": {"convict", "expel", "withdraw", "discontinue"},
	"MOBILIZE": {"troops", "weapons", "police", "militia"},
	"COERCE":   {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation", "cyber"},
	"ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
		"explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"},
}

// contexts is the manual's table of general contexts plus the four
// auxiliary modes, which PLOVER records in the context field.
var contexts = []string{
	"military", "intelligence", "executive", "legislative", "election", "political_institutions",
	"pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
	"rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
	"inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
	"disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
	"misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
	"historical", "future", "hypothetical", "negation",
}

// sectors is the manual's table of sector codes.
var sectors = []string{
	"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
	"AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}

// NonState lists PLOVER's international non-state entity codes.
var nonState = []string{"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}

// quad gives each category's quad class: 1 verbal cooperation, 2 material
// cooperation, 3 verbal conflict, 4 material conflict. The manual's
// chapters place SANCTION in material conflict while its summary table of
// quad numbers lists it under verbal conflict; dyad follows the chapters.
var quad = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
	"COOPERATE": 2, "AID": 2, "RETREAT": 2,
	"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
	"PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

// scores is the manual's table of PLOVER conflict-cooperation scores, by
// "CATEGORY" and "CATEGORY:mode".
var scores = map[string]float64{
	"AGREE": 2.5, "CONSULT": 2.5, "CONSULT:visit": 4, "CONSULT:third-party": 1, "CONSULT:multilateral": 4,
	"CONSULT:phone": 1.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
	"RETREAT": 6.5, "RETREAT:withdraw": 8, "RETREAT:release": 6.5, "RETREAT:disarm": 10,
	"RETREAT:ceasefire": 7.5, "RETREAT:access": 6.5, "RETREAT:resign": 4.5,
	"REQUEST": 0, "REQUEST:assist": 0.5, "REQUEST:change": -1, "REQUEST:yield": -1, "REQUEST:meet": 0,
	// The manual prints +3 for ACCUSE alone, against every ACCUSE mode's
	// negative score; read as the sign slip it is.
	"ACCUSE": -3, "ACCUSE:disapprove": -2, "ACCUSE:investigate": -3.5, "ACCUSE:allege": -3.5,
	"REJECT": -2, "REJECT:assist": -1.5, "REJECT:change": -2, "REJECT:yield": -2, "REJECT:meet": -2,
	"THREATEN": -3.5, "THREATEN:restrict": -3, "THREATEN:arrest": -3.5, "THREATEN:relations": -3.5,
	"THREATEN:expel": -3.5, "THREATEN:territory": -4, "THREATEN:violence": -3.5,
	"PROTEST": -5, "PROTEST:demo": -5, "PROTEST:riot": -7, "PROTEST:strike": -5, "PROTEST:hunger": -4.5,
	"PROTEST:boycott": -4.5, "PROTEST:obstruct": -4.5,
	"SANCTION": -6, "SANCTION:convict": -6, "SANCTION:expel": -5.5, "SANCTION:withdraw": -6, "SANCTION:discontinue": -6,
	"MOBILIZE": -5.5, "MOBILIZE:troops": -6.5, "MOBILIZE:weapons": -6.5, "MOBILIZE:police": -5.5, "MOBILIZE:militia": -6,
	"COERCE": -7, "COERCE:seize": -7, "COERCE:restrict": -7, "COERCE:censor": -6.5, "COERCE:curfew": -6.5,
	"COERCE:martial-law": -7.5, "COERCE:arrest": -7, "COERCE:deport": -7, "COERCE:withhold": -7,
	"COERCE:misinformation": -6.5, "COERCE:cyber": -7,
	"ASSAULT": -9, "ASSAULT:abduct": -8.5, "ASSAULT:beat": -7.5, "ASSAULT:torture": -8.5, "ASSAULT:sexual": -8.5,
	"ASSAULT:targeted": -9.5, "ASSAULT:destroy": -8.5, "ASSAULT:primitive": -8, "ASSAULT:firearms": -9,
	"ASSAULT:explosives": -9, "ASSAULT:suicide-attack": -9.5, "ASSAULT:aerial": -9.5, "ASSAULT:drone": -9.5,
	"ASSAULT:heavy-weapons": -9.5, "ASSAULT:crowd-control": -7.5, "ASSAULT:unconventional": -10,
}

// requiresRecipient lists the categories the manual marks "Requires
// recipient: Yes".
var requiresRecipient = map[string]bool{"COOPERATE": true, "AID": true, "SANCTION": true}

// IsCategory reports whether c is one of the 16 categories.
func IsCategory(c string) bool { _, ok := quad[c]; return ok }

// IsMode reports whether m is a mode of category c.
func IsMode(c, m string) bool {
	for _, x := range modes[c] {
		if x == m {
			return true
		}
	}
	return false
}

// Modes returns the modes of category c. The caller owns the slice.
func Modes(c string) []string { return append([]string(nil), modes[c]...) }

// IsContext reports whether x is a PLOVER context (including the four
// auxiliary modes).
func IsContext(x string) bool { return contains(contexts, x) }

// Contexts returns the contexts (with the four auxiliary modes) in the
// manual's order. The caller owns the returned slice.
func Contexts() []string { return append([]string(nil), contexts...) }

// Sectors returns the sector codes in the manual's order. The caller owns
// the returned slice.
func Sectors() []string { return append([]string(nil), sectors...) }

// IsSector reports whether s is a PLOVER sector code.
func IsSector(s string) bool { return contains(sectors, s) }

// IsNonState reports whether code is one of PLOVER's international
// non-state entity codes (IGO, UNO, EUR, NGO, ISM, IMG, MNC).
func IsNonState(code string) bool { return contains(nonState, code) }

// Quad returns the quad class (1-4) of category c, or 0.
func Quad(c string) int { return quad[c] }

// Score returns the PLOVER score of a category and mode, falling back to
// the category's score when the mode has none.
func Score(c, mode string) float64 {
	if mode != "" {
		if s, ok := modeScores[[2]string{c, mode}]; ok {
			return s
		}
	}
	return scores[c]
}

// modeScores holds the "CATEGORY:mode" entries of scores by category and
// mode, so that Score builds no key. It is built once and only read.
var modeScores = func() map[[2]string]float64 {
	m := map[[2]string]float64{}
	for k, v := range scores {
		if c, mode, ok := strings.Cut(k, ":"); ok {
			m[[2]string{c, mode}] = v
		}
	}
	return m
}()

// RequiresRecipient reports whether the manual requires a recipient for c.
func RequiresRecipient(c string) bool { return requiresRecipient[c] }

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
