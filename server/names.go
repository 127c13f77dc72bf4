package server

import (
	"sort"
	"strings"

	"dyad/dict"
	"dyad/plover"
)

// names gives actor codes their names (NER Niger, IGO intergovernmental
// organisation) and finds codes by name: "Niger", "Nigerien" and "niger"
// all find NER. Country names come from the coder's dictionaries
// (countries.txt); the codes of PLOVER's international non-state
// entities are named from the codebook.
type names struct {
	byCode map[string]string
	// byName maps a lower-case name, short name, adjective or demonym to
	// the codes it names.
	byName map[string][]string
	// all lists the codes, for look-ups by part of a name.
	all []string
}

// nonStateNames names PLOVER's international non-state entity codes.
var nonStateNames = map[string]string{
	"IGO": "intergovernmental organisation", "UNO": "United Nations", "EUR": "European Union",
	"NGO": "non-governmental organisation", "ISM": "international social movement",
	"IMG": "transnational armed group", "MNC": "multinational corporation",
}

// sectorNames are the PLOVER sectors as the codebook names them.
var sectorNames = map[string]string{
	"COP": "police", "GOV": "government", "JUD": "judiciary", "LEG": "legislature", "MIL": "military",
	"PRM": "pro-government paramilitary", "PTY": "political party", "REB": "rebels", "SPY": "intelligence",
	"UAF": "unidentified armed forces", "UNK": "unknown", "AGR": "agriculture", "BUS": "business",
	"CRM": "criminals", "CVL": "civilians", "EDU": "education", "ELI": "former officials", "JRN": "media",
	"LAB": "labour", "MED": "health", "REF": "refugees", "OPP": "opposition", "PRE": "partially recognised entity",
	"REL": "religion", "SOC": "civil society",
}

// sectorHelp says a little more of the sectors whose name alone is unclear.
var sectorHelp = map[string]string{
	"PRM": "militias and paramilitaries aligned with a government",
	"UAF": "gunmen and armed men the report does not identify",
	"ELI": "former heads of state and officials, elites out of office",
	"PRE": "a state recognised by some states only",
	"UNK": "an actor the report does not identify",
	"CVL": "civilians, residents, citizens, demonstrators not otherwise described",
	"SOC": "civil society: activists, NGOs, unions as advocates",
}

func newNames(d *dict.Dictionaries) *names {
	n := &names{byCode: map[string]string{}, byName: map[string][]string{}}
	add := func(name, code string) {
		k := strings.ToLower(strings.TrimSpace(name))
		if k == "" {
			return
		}
		for _, c := range n.byName[k] {
			if c == code {
				return
			}
		}
		n.byName[k] = append(n.byName[k], code)
	}
	for c, name := range nonStateNames {
		n.byCode[c] = name
		add(name, c)
	}
	if d != nil {
		for _, c := range d.Countries {
			if c.Code == "" || c.Name == "" {
				continue
			}
			if _, ok := n.byCode[c.Code]; !ok {
				n.byCode[c.Code] = c.Name
			}
			add(c.Name, c.Code)
			for _, l := range [][]string{c.Names, c.Adjectives, c.Demonyms} {
				for _, x := range l {
					add(x, c.Code)
				}
			}
		}
	}
	for c := range n.byCode {
		n.all = append(n.all, c)
	}
	sort.Strings(n.all)
	return n
}

// name returns the name of an actor code ("NER" Niger), or "".
func (n *names) name(code string) string {
	if n == nil {
		return ""
	}
	return n.byCode[strings.ToUpper(code)]
}

// exact returns the one code that q is, or that q names exactly
// ("Niger", "Nigerien"); "" when there is none or several.
func (n *names) exact(q string) string {
	q = strings.TrimSpace(q)
	if n == nil || q == "" {
		return ""
	}
	if _, ok := n.byCode[strings.ToUpper(q)]; ok {
		return strings.ToUpper(q)
	}
	if cs := n.byName[strings.ToLower(q)]; len(cs) == 1 {
		return cs[0]
	}
	return ""
}

// actorMatch is a code a look-up found, and its name.
type actorMatch struct {
	Code, Name string
}

// lookup finds the codes a user's words name: an exact code, then the
// codes of an exact name ("Niger", "Nigerien"), then those whose name
// starts with or contains the words, at most limit.
func (n *names) lookup(q string, limit int) []actorMatch {
	q = strings.TrimSpace(q)
	if q == "" || n == nil {
		return nil
	}
	var out []actorMatch
	seen := map[string]bool{}
	put := func(c string) {
		if !seen[c] && len(out) < limit {
			seen[c] = true
			out = append(out, actorMatch{c, n.byCode[c]})
		}
	}
	if _, ok := n.byCode[strings.ToUpper(q)]; ok {
		put(strings.ToUpper(q))
	}
	lq := strings.ToLower(q)
	for _, c := range n.byName[lq] {
		put(c)
	}
	for _, pass := range []func(string) bool{
		func(name string) bool { return strings.HasPrefix(name, lq) },
		func(name string) bool { return strings.Contains(name, lq) },
	} {
		for _, c := range n.all {
			if pass(strings.ToLower(n.byCode[c])) {
				put(c)
			}
		}
	}
	return out
}

// sectorGlossary lists the PLOVER sectors in the codebook's order.
func sectorGlossary() []glossEntry {
	var out []glossEntry
	for _, s := range plover.Sectors() {
		out = append(out, glossEntry{Code: s, Name: sectorNames[s], Help: sectorHelp[s]})
	}
	return out
}

// glossEntry is one line of a glossary.
type glossEntry struct {
	Code, Name, Help string
}
