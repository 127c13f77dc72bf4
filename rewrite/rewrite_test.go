package rewrite

import (
	"strings"
	"testing"

	"dyad/actors"
	"dyad/plover"
)

func ents(spec string) []actors.Entity {
	var out []actors.Entity
	for _, f := range strings.Split(spec, "+") {
		if f == "" {
			continue
		}
		code, sector, _ := strings.Cut(f, " ")
		out = append(out, actors.Entity{Code: code, Sector: sector})
	}
	return out
}

func side(es []actors.Entity) string {
	var p []string
	for _, e := range es {
		p = append(p, strings.TrimSpace(e.Code+" "+e.Sector))
	}
	return strings.Join(p, "+")
}

// TestRules pins each of PLOVER's coding rules, and that an event none
// applies to is left as it was.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Event
		want string // category:mode actor>recipient [rules]
	}{
		{"promised aid is AGREE", Event{Category: plover.Aid, Actor: ents("JPN GOV"), Recipient: ents("SDN"), Future: true},
			"AGREE: JPN GOV>SDN [announced-cooperation]"},
		{"aid given stays AID", Event{Category: plover.Aid, Actor: ents("JPN GOV"), Recipient: ents("SDN")},
			"AID: JPN GOV>SDN []"},
		{"an announced withdrawal is CONCEDE", Event{Category: plover.Retreat, Mode: "withdraw", Actor: ents("FRA MIL"), Recipient: ents("TCD"), Future: true},
			"CONCEDE: FRA MIL>TCD [announced-retreat]"},
		{"announced sanctions are a threat", Event{Category: plover.Sanction, Mode: "discontinue", Actor: ents("EUR"), Recipient: ents("RUS"), Future: true, ThreatMode: "restrict"},
			"THREATEN:restrict EUR>RUS [announced-force]"},
		{"leaving a bloc is SANCTION withdraw", Event{Category: plover.Retreat, Mode: "withdraw", Actor: ents("MLI GOV"), Recipient: ents("IGO")},
			"SANCTION:withdraw MLI GOV>IGO [leaving-organisation]"},
		{"leaving a country is a retreat", Event{Category: plover.Retreat, Mode: "withdraw", Actor: ents("FRA MIL"), Recipient: ents("NER")},
			"RETREAT:withdraw FRA MIL>NER []"},
		{"two states' troops moving together cooperate", Event{Category: plover.Mobilize, Mode: "troops", Actor: ents("FRA MIL+EGY MIL")},
			"COOPERATE: FRA MIL+EGY MIL> [joint-exercise]"},
		{"one state's forces in a joint drill with no partner mobilise", Event{Category: plover.Cooperate, Actor: ents("CHN MIL"), Military: true},
			"MOBILIZE:troops CHN MIL> [one-state-exercise]"},
		{"a joint drill with a partner named stays cooperation", Event{Category: plover.Cooperate, Actor: ents("EGY MIL"), Recipient: ents("FRA MIL"), Military: true},
			"COOPERATE: EGY MIL>FRA MIL []"},
		{"cooperation of one state with no military trigger is left", Event{Category: plover.Cooperate, Actor: ents("EGY MIL")},
			"COOPERATE: EGY MIL> []"},
		{"protesters fighting police riot", Event{Category: plover.Assault, Actor: ents("KEN CVL"), Recipient: ents("KEN COP")},
			"PROTEST:riot KEN CVL>KEN COP [riot]"},
		{"police clashing with strikers face the strikers' riot", Event{Category: plover.Assault, Actor: ents("CHN COP"), Recipient: ents("CHN LAB"), Reciprocal: true},
			"PROTEST:riot CHN LAB>CHN COP [riot]"},
		{"a clash between students and police is their riot", Event{Category: plover.Assault, Actor: ents("BGD EDU+BGD COP"), Reciprocal: true},
			"PROTEST:riot BGD EDU>BGD COP [riot]"},
		{"gunmen storming a compound attack it", Event{Category: plover.Protest, Mode: "riot", Actor: ents("AFG UAF"), Recipient: ents("AFG MIL")},
			"ASSAULT: AFG UAF>AFG MIL [armed-raid]"},
		{"workers storming a ministry's offices riot, taking nothing over", Event{Category: plover.Coerce, Mode: "seize", Actor: ents("MWI LAB"), Recipient: ents("MWI GOV")},
			"PROTEST:riot MWI LAB>MWI GOV [riot]"},
		{"police raiding an office seize it", Event{Category: plover.Coerce, Mode: "seize", Actor: ents("MWI COP"), Recipient: ents("MWI OPP")},
			"COERCE:seize MWI COP>MWI OPP []"},
		{"protesters halting exports impose no sanction", Event{Category: plover.Sanction, Mode: "discontinue", Actor: ents("BOL CVL")},
			"dropped [crowd-sanction]"},
		{"a state halting exports sanctions", Event{Category: plover.Sanction, Mode: "discontinue", Actor: ents("BOL GOV"), Recipient: ents("PER")},
			"SANCTION:discontinue BOL GOV>PER []"},
		{"a crowd storming parliament riots", Event{Category: plover.Protest, Mode: "riot", Actor: ents("ALB CVL"), Recipient: ents("ALB LEG")},
			"PROTEST:riot ALB CVL>ALB LEG []"},
		{"a state's forces arriving abroad come as its military aid", Event{Category: plover.Consult, Mode: "visit", Actor: ents("RUS MIL"), Recipient: ents("NER"), Arrival: true},
			"AID: RUS MIL>NER [arrival]"},
		{"officials arriving abroad come on a visit", Event{Category: plover.Consult, Mode: "visit", Actor: ents("FRA GOV"), Recipient: ents("COD GOV"), Arrival: true},
			"CONSULT:visit FRA GOV>COD GOV []"},
		{"soldiers and herders attacking together do not riot", Event{Category: plover.Assault, Actor: ents("KEN MIL+KEN AGR")},
			"ASSAULT: KEN MIL+KEN AGR> []"},
		{"farmers mounting roadblocks protest", Event{Category: plover.Mobilize, Mode: "police", Actor: ents("CIV AGR")},
			"PROTEST:obstruct CIV AGR> [civilian-blockade]"},
		{"police mounting roadblocks mobilize", Event{Category: plover.Mobilize, Mode: "police", Actor: ents("CIV COP")},
			"MOBILIZE:police CIV COP> []"},
		{"a clash between two militias is no riot", Event{Category: plover.Assault, Actor: ents("SOM REB+SOM REB")},
			"ASSAULT: SOM REB+SOM REB> []"},
		{"a beating claimed is the claimant's accusation", Event{Category: plover.Assault, Mode: "beat", Actor: ents("TGO COP"), Recipient: ents("TGO OPP"), Claimant: ents("TGO OPP")},
			"ACCUSE:allege TGO OPP>TGO COP [claimed]"},
		{"police beating protesters is an assault", Event{Category: plover.Assault, Mode: "beat", Actor: ents("KEN COP"), Recipient: ents("KEN CVL")},
			"ASSAULT:beat KEN COP>KEN CVL []"},
		{"an exchange of fire has two sides", Event{Category: plover.Assault, Mode: "firearms", Actor: ents("BDI MIL"), Recipient: ents("COD REB"), Reciprocal: true},
			"ASSAULT:firearms BDI MIL+COD REB> [two-sided]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.in
			applied := Default().Apply(&e, nil)
			got := string(e.Category) + ":" + e.Mode + " " + side(e.Actor) + ">" + side(e.Recipient) + " [" + strings.Join(applied, ",") + "]"
			if e.Drop {
				got = "dropped [" + strings.Join(applied, ",") + "]"
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// Anyone else's arrival, or an arrival at home, is no event.
func TestArrivalOfOthersIsNoEvent(t *testing.T) {
	for _, e := range []Event{
		{Category: plover.Consult, Mode: "visit", Actor: ents("SDN REF"), Recipient: ents("TCD"), Arrival: true},
		{Category: plover.Consult, Mode: "visit", Actor: ents("NER GOV"), Recipient: ents("NER"), Arrival: true},
		{Category: plover.Consult, Mode: "visit", Actor: ents("GBR+QAT"), Recipient: ents("MAR"), Arrival: true},
	} {
		Default().Apply(&e, nil)
		if !e.Drop {
			t.Errorf("%s>%s: kept as %s, want no event", side(e.Actor), side(e.Recipient), e.Category)
		}
	}
}

// A mode the new category does not have is dropped; one it has is kept.
func TestModeFollowsCategory(t *testing.T) {
	e := Event{Category: plover.Cooperate, Mode: "troops", Future: true}
	Default().Apply(&e, nil)
	if e.Category != plover.Agree || e.Mode != "" {
		t.Errorf("got %s:%s, want AGREE with no mode", e.Category, e.Mode)
	}
}
