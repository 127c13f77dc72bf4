package coder

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/dict"
	"dyad/document"
	"dyad/plover"
	"dyad/tokenize"
)

var (
	sharedOnce  sync.Once
	sharedCoder *Coder
	sharedErr   error
)

func testCoder(t testing.TB) *Coder {
	sharedOnce.Do(func() {
		sharedCoder, sharedErr = Default(Options{})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedCoder
}

var pub = time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC) // a Sunday

func entCodes(es []plover.Entity) string {
	var cs []string
	for _, e := range es {
		s := e.Code
		if e.Sector != "" {
			s += " " + e.Sector
		}
		cs = append(cs, s)
	}
	sort.Strings(cs)
	return strings.Join(cs, "+")
}

func summary(e plover.Event) string {
	r := entCodes(e.Recipient)
	if r == "" {
		r = "-"
	}
	s := fmt.Sprintf("%s %s > %s @%s", e.Event[0], entCodes(e.Actor), r, e.Date)
	if e.Deadline != "" {
		s += " by " + e.Deadline
	}
	if len(e.Attribution) > 0 {
		s += " per " + entCodes(e.Attribution)
	}
	return s
}

func code(t *testing.T, text string) []string {
	t.Helper()
	evs, err := testCoder(t).Code(document.Document{ID: "t", Date: pub, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, summary(e))
	}
	return out
}

// TestCodesSentences covers what "dyad code" must get right, one feature
// per case, on sentences of our own.
func TestCodesSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"verb with particle and recipient", "The United States will pull its troops out of Niger.",
			[]string{"CONCEDE USA > NER @2024-05-19"}},
		{"demonym adjective and role noun", "Kenyan police arrested 20 protesters in Nairobi on Tuesday.",
			[]string{"COERCE KEN COP > KEN CVL @2024-05-14", "PROTEST KEN CVL > - @2024-05-14"}}, // the arrested protesters protested
		{"a diplomatic protest told without its doer is the speaker's", "The Greek foreign ministry said a formal protest was delivered to the Turkish ambassador on Monday.",
			[]string{"ACCUSE GRC GOV > TUR GOV @2024-05-13 per GRC GOV"}},
		{"capital for government", "Moscow condemned the decision on Friday.",
			[]string{"ACCUSE RUS GOV > - @2024-05-17"}},
		{"institution", "The Pentagon accused Tehran of arming the militia.",
			[]string{"ACCUSE USA MIL > IRN GOV @2024-05-19"}},
		{"passive with agent", "The convoy was attacked by Sudanese troops near El Fasher.",
			[]string{"ASSAULT SDN MIL > - @2024-05-19"}},
		{"between A and B", "Talks between Russian and Ukrainian officials resumed in Istanbul.",
			[]string{"CONSULT RUS GOV+UKR GOV > - @2024-05-19"}},
		{"compound subject", "France and Germany agreed to expand defence cooperation.",
			[]string{"AGREE DEU+FRA > - @2024-05-19"}},
		{"threat is THREATEN, not the threatened act", "China threatened to impose sanctions on Lithuania.",
			[]string{"THREATEN CHN > LTU @2024-05-19"}},
		{"negation is left out", "Mali did not expel the French ambassador.", nil},
		{"hypothetical is left out", "If Iran attacks Israel, the United States would respond.", nil},
		{"reported speech is attributed", "Israeli troops killed three militants in Jenin, the Palestinian health ministry said.",
			[]string{"ASSAULT ISR MIL > PSE REB @2024-05-19 per PSE GOV"}},
		{"according to", "Rebels seized the town of Goma, according to Kenyan officials.",
			[]string{"COERCE COD REB > - @2024-05-19 per KEN GOV"}},
		{"named official on the article's date", "Prime Minister Zeine met Russian officials in Niamey.",
			[]string{"CONSULT NER GOV > RUS GOV @2024-05-19"}},
		{"former leader is ELI", "Mohamed Bazoum urged the junta to hold elections.",
			[]string{"REQUEST NER ELI > NER GOV @2024-05-19"}},
		{"month without year", "In March, Niger revoked its military accord with Washington.",
			[]string{"SANCTION NER > USA GOV @2024-03-01"}},
		{"last July", "Soldiers seized power in Niger last July.",
			[]string{"COERCE NER MIL > - @2023-07-01"}},
		{"ago", "Mali expelled the French ambassador ten months ago.",
			[]string{"SANCTION MLI > FRA GOV @2023-07-01"}},
		{"full date and deadline", "Chad ordered French troops to leave by January 31, 2025.",
			[]string{"REQUEST TCD > FRA MIL @2024-05-19 by 2025-01-31"}},
		{"noun trigger with of-phrase", "The withdrawal of Belgian troops from Mali began on Monday.",
			[]string{"RETREAT BEL MIL > MLI @2024-05-13"}},
		{"reference back to a country", "Guinea held talks with Mali. The West African nation later cut ties with France.",
			[]string{"CONSULT GIN > MLI @2024-05-19", "SANCTION MLI > FRA @2024-05-19"}},
		{"pronoun subject; leaving an organisation is SANCTION", "Burkina Faso said it would withdraw from ECOWAS.",
			[]string{"SANCTION BFA > IGO GOV @2024-05-19 per BFA"}},
		{"a month name is not a verb", "A US delegation threatened Niger with sanctions in March.",
			[]string{"THREATEN USA GOV > NER @2024-03-01"}},
		{"a country name that is a province of the story's country", "US prosecutors in Atlanta said the US Justice Department would sue Georgia. Georgia's governor condemned the lawsuit.",
			[]string{"ACCUSE USA GOV > USA @2024-05-19 per USA JUD", "ACCUSE USA GOV > - @2024-05-19"}},
		{"a demand in reported speech", "France said on Monday that Mali must release the French hostages immediately.",
			[]string{"REQUEST FRA > MLI @2024-05-13 per FRA"}},
		{"host receives visitor: the visitor is the actor", "Chancellor Scholz received President Zelenskiy in Berlin on Tuesday.",
			[]string{"CONSULT UKR GOV > DEU GOV @2024-05-14"}},
		{"visitor received, passive", "Mali's foreign minister, Abdoulaye Diop, was received in Moscow on Monday by Sergei Lavrov.",
			[]string{"CONSULT MLI GOV > RUS GOV @2024-05-13"}},
		{"receiving things is no visit", "Ukraine received more than 100 tanks.", nil},
		{"the giver of what is received is the actor; aid is not an aide", "Niger received humanitarian aid from Algeria.",
			[]string{"AID DZA > NER @2024-05-19"}},
		{"an event named only as a topic is not coded", "Qatar condemned Israel's strike on Hamas officials in Doha.",
			[]string{"ACCUSE QAT > ISR @2024-05-19"}},
		{"a role noun without a country takes the place's", "Jihadists attacked a checkpoint near Mopti on Monday.",
			[]string{"ASSAULT MLI REB > MLI MIL @2024-05-13"}},
		{"civilians fighting the police riot", "Protesters clashed with riot police in Dhaka on Sunday.",
			[]string{"PROTEST BGD CVL > BGD COP @2024-05-19"}},
		{"an armed role noun takes its victims' country", "Jihadists killed 100 Burkinabe soldiers.",
			[]string{"ASSAULT BFA REB > BFA MIL @2024-05-19"}},
		{"a fight named as a purpose is not coded", "Germany sent armoured vehicles to Chad to support its fight against Boko Haram.",
			[]string{"AID DEU > TCD @2024-05-19"}},
		{"a participle after a number names people by what was done to them before", "Kyiv said 95 captured soldiers came home on Friday.", nil},
		{"a suspect handed over goes to the state that receives him", "Ghana handed a Nigerian suspect over to Togolese police.",
			[]string{"COOPERATE GHA > TGO COP @2024-05-19"}},
		{"an extradition's recipient is where the person is sent", "Peru extradited a Chilean fraud suspect to Bogota.",
			[]string{"COOPERATE PER > COL GOV @2024-05-19"}},
		{"one's claim of one's own act is that act, no accusation", "M23 rebels claimed to have captured the town of Kalehe.",
			[]string{"COERCE COD REB > - @2024-05-19 per COD REB"}},
		{"a civil drill is no mobilization", "Schools in Osaka held an earthquake drill on Friday.", nil},
		{"'it' ready to act is the one it names", "Norway said it was ready to send mediators to Sudan.",
			[]string{"AGREE NOR > SDN @2024-05-19 per NOR"}},
		{"a match is no assault", "Senegal beat Mali 2-1 in Dakar to reach the final of the tournament.", nil},
		{"refusing to do is not doing", "The US Senate refused to approve military aid for Ukraine.", nil},
		{"attacks named as what is deterred are not coded", "Washington moved on Monday to deter Houthi attacks on shipping.", nil},
		{"an event a day before the sentence's date", "Peru's prime minister said on Wednesday he would not resign, a day after students stormed the congress building in Lima.",
			[]string{"PROTEST PER EDU > PER LEG @2024-05-14 per PER GOV"}},
		{"counterparts are of the actors' kind", "Uzbek border guards fired on their Kyrgyz counterparts on Monday.",
			[]string{"ASSAULT UZB COP > KGZ COP @2024-05-13"}},
		{"a warning of what has happened is an allegation against whoever did it", "Zimbabwe's opposition warned on Monday that soldiers had beaten its supporters in Harare.",
			[]string{"ACCUSE ZWE OPP > ZWE MIL @2024-05-13"}},
		{"an announced act is dated by its announcement, not the next such weekday", "Uganda announced on Wednesday that it would withdraw its troops from Somalia.",
			[]string{"CONCEDE UGA > SOM @2024-05-15 per UGA"}},
		{"a date before the verb of saying dates the announcement", "Zambia's main opposition party on Wednesday announced it will boycott the local elections.",
			[]string{"THREATEN ZMB OPP > - @2024-05-15 per ZMB OPP"}},
		{"a date after the announced act is the act's", "The Chadian government said it would expel the French ambassador on Friday.",
			[]string{"THREATEN TCD GOV > FRA GOV @2024-05-24 per TCD GOV"}},
		{"'no plans to' denies the act", "Kenya has no plans to expel Somali refugees from the Dadaab camps, the interior minister said.", nil},
		{"'no intention of' denies the act", "Mali had no intention of leaving the African Union, its foreign minister told reporters.", nil},
		{"a trigger before the noun it modifies is no event", "Police in riot gear lined the avenue outside the parliament in Lima.", nil},
		{"a pattern's actor slots name both sides of a clash", "Clashes broke out between demonstrators and police in Bamako on Friday.",
			[]string{"PROTEST MLI CVL > MLI COP @2024-05-17"}},
		{"'shots' is the plural of the noun", "Soldiers fired several shots at the protesters in Conakry on Thursday.",
			[]string{"ASSAULT GIN MIL > GIN CVL @2024-05-16", "PROTEST GIN CVL > - @2024-05-16"}},
		{"a date between a determiner and a trigger is that trigger's", "His death triggered rioting in Dakar and drew comparisons with the March 2021 unrest.",
			[]string{"PROTEST  > - @2024-05-19"}},
		{"a place name that goes on in an unknown word is no shorter place", "Gunmen attacked a police post in the Khor Gadeem area on Tuesday.",
			[]string{"ASSAULT  UAF >  COP @2024-05-14"}},
		// "last week" dates the arrest in the relative clause, not the
		// release: that one is the article's news, on its date.
		{"a relative pronoun's antecedent is its clause's subject", "The army released 12 students who were arrested by police in Juba last week.",
			[]string{"RETREAT SSD MIL > SSD EDU @2024-05-19", "COERCE SSD COP > SSD EDU @2024-05-12"}},
		{"a date in a later relative clause is that clause's", "Belarus on Thursday dismissed the new EU measures as blackmail that has achieved nothing since the bloc first sanctioned Minsk in 2020.",
			[]string{"ACCUSE BLR > EUR GOV @2024-05-16", "SANCTION EUR GOV > BLR GOV @2020-01-01"}},
		{"an actor a trigger entails is of the institution named inside it", "The ambassadors of Peru and Chile were summoned to the Bolivian Foreign Ministry on Monday, with the Chilean envoy summoned over remarks by Chile's president.",
			[]string{"ACCUSE BOL GOV > CHL GOV+PER GOV @2024-05-13"}},
		{"a country word before coordinated roles is each one's; attacking together is no riot", "Kenyan soldiers and herders attacked a village near Moroto on Monday.",
			[]string{"ASSAULT KEN AGR+KEN MIL > - @2024-05-13"}},
		{"aid a government gives in its own country goes to its people", "Pakistan's disaster management authority handed out 400 tents in Peshawar on Tuesday.",
			[]string{"AID PAK GOV > PAK CVL @2024-05-14"}},
		{"an international NGO's generic name after a country's possessive is its national society", "Morocco's Red Crescent sent 40 tonnes of food to Mali on Monday.",
			[]string{"AID MAR SOC > MLI @2024-05-13"}},
		{"people sent to help, named by what they do, are aid", "Canadian disaster experts arrived in Jamaica on Monday after the storm.",
			[]string{"AID CAN > JAM @2024-05-13"}},
		{"a country's name is the country, not a town of its name in the actor's country", "US disaster experts arrived in Jamaica on Monday after the storm.",
			[]string{"AID USA > JAM @2024-05-13"}},
		{"debt cancelled past an amount is aid; 'cancelled' is 'cancel'", "Japan cancelled $500 million of Ghana's debt on Friday.",
			[]string{"AID JPN > GHA @2024-05-17"}},
		{"a cancelling word of the pattern itself negates nothing", "The Paris Club agreed on Tuesday to cancel part of Zambia's debt.",
			[]string{"AID IGO GOV > ZMB @2024-05-14"}},
		{"civilians mounting roadblocks protest; a place after 'from' places them", "Lorry drivers mounted roadblocks on the road from Beira on Tuesday.",
			[]string{"PROTEST MOZ LAB > - @2024-05-14"}},
		{"a month in a date is no march", "MOSCOW, March 23. /TASS/. Russia and Kazakhstan signed a transit agreement in the Kremlin on Thursday, the Russian foreign ministry said.",
			[]string{"SUPPORT KAZ+RUS > - @2024-05-16 per RUS GOV"}},
		{"concluding a visit is the visitor's", "Sierra Leone's president concluded a three-day visit to Vietnam on Sunday.",
			[]string{"CONSULT SLE GOV > VNM @2024-05-19"}},
		{"witnessing the signing of an agreement is agreeing to it", "The presidents of Ghana and Togo witnessed the signing of a trade agreement in Accra.",
			[]string{"SUPPORT GHA GOV+TGO GOV > - @2024-05-19"}},
		{"a road between two towns of one country is in that country", "Gunmen abducted 20 travellers on the Kaduna-Abuja highway on Tuesday, police said.",
			[]string{"ASSAULT NGA UAF > NGA CVL @2024-05-14 per NGA COP"}},
		{"what someone is charged with is the charge's content", "Ugandan prosecutors charged three soldiers on Monday with killing a trader in Gulu.",
			[]string{"ACCUSE UGA JUD > UGA MIL @2024-05-13"}},
		{"who a strike is blamed on is its actor", "A militia commander was killed in Baghdad on Friday in a drone strike that Iraq blamed on the United States.",
			[]string{"ASSAULT USA > IRQ MIL @2024-05-17", "ACCUSE IRQ > USA @2024-05-17"}},
		{"the jailing of those pardoned is background", "Togo's president pardoned forty people jailed after the 2020 protests.",
			[]string{"CONCEDE TGO GOV > - @2024-05-19"}},
		{"an arrest after a release in its own clause is news", "Police in Lome released the journalist and arrested two activists.",
			[]string{"RETREAT TGO COP > TGO JRN @2024-05-19", "COERCE TGO COP > TGO CVL @2024-05-19"}},
		{"a decision to act is the act", "Benin decided on Tuesday to recall its ambassador from Abuja.",
			[]string{"SANCTION BEN > NGA GOV @2024-05-14"}},
		{"observers sent to an election are cooperation", "The European Union deployed 80 election observers to Malawi on Monday.",
			[]string{"COOPERATE EUR GOV > MWI @2024-05-13"}},
		{"goods named by amount before their kind", "Norway will send another 200 million kroner in medical supplies to Sudan before the rains.",
			[]string{"AGREE NOR > SDN @2024-05-19"}},
		{"X-led: the leader's code", "Hamas-led militants attacked southern Israel on Oct. 7, 2023.",
			[]string{"ASSAULT PSE REB > ISR @2023-10-07"}},
		{"two states' troops moving together cooperate", "French and Egyptian warships launched naval exercises in the Mediterranean.",
			[]string{"COOPERATE EGY MIL+FRA MIL > - @2024-05-19"}},
		{"rioting is PROTEST riot, riot police are police", "Prisoners rioted at a jail in Dili on Monday.",
			[]string{"PROTEST TLS CVL > - @2024-05-13"}},
		{"a role noun's first word is no trigger", "Georgia's interior ministry sent riot police into the centre of Tbilisi.",
			[]string{"MOBILIZE GEO GOV > GEO COP @2024-05-19"}},
		{"role noun in a country after 'in'", "Opposition groups in Zimbabwe demanded that President Mnangagwa abandon his land policy.",
			[]string{"REQUEST ZWE OPP > ZWE GOV @2024-05-19"}},
		{"coordinated passive participles", "Israeli air raids hit the village, and 20 people were killed or wounded, Lebanese officials said.",
			[]string{"ASSAULT ISR > - @2024-05-19 per LBN GOV"}},
		{"a demanded withdrawal is a demand; a participle clause is its own", "Mali demanded the withdrawal of French troops, accusing Paris of failing in its mission.",
			[]string{"REQUEST MLI > FRA MIL @2024-05-19", "ACCUSE MLI > FRA GOV @2024-05-19"}},
		{"'It' opening a sentence is the last subject", "Taiwan's defence ministry said it had tracked 49 Chinese aircraft near the island. It condemned the drills.",
			[]string{"ACCUSE TWN MIL > - @2024-05-19"}},
		{"the second of two objects is no subject", "Algeria recalled its envoy to Mali and Niger on Monday and closed its airspace to flights from Mali.",
			// The envoy recalled is to both; the airspace closed to Mali
			// (Niger is no subject of "closed").
			[]string{"SANCTION DZA > MLI+NER @2024-05-13", "SANCTION DZA > MLI @2024-05-13"}},
		{"praise", "Japan's defense ministry and the Australian Department of Defence praised the skill of their pilots.",
			[]string{"SUPPORT AUS MIL+JPN MIL > - @2024-05-19"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := code(t, tc.text)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s\n got  %q\n want %q", tc.text, got, tc.want)
			}
		})
	}
}

// isoDate writes dates as time.Format does, year 1 and 9999 included.
func TestIsoDate(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(2024, 9, 15, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 3, 4, 0, 0, 0, 0, time.UTC),
	} {
		if got, want := isoDate(d), d.Format("2006-01-02"); got != want {
			t.Errorf("isoDate(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestMatchScore(t *testing.T) {
	gi := newGuardIndex([]dict.Guard{{Name: "sport", Words: []string{"football", "cup", "qualif*", "premier league"}}})
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Senegal beat Mali 2-1 in the football final.", true},
		{"2-1 for Ghana in the Africa Cup.", true},
		{"The cup final ended 3-0", true},
		{"Ghana won the qualifier 1-0.", true},                 // a word start
		{"Arsenal lost 2-1 in the Premier League.", true},      // a phrase
		{"Senegal beat Mali 2-1.", false},                      // no sport word
		{"A football pitch was hit on 12-15 March.", false},    // a range, not a score
		{"The football federation met in 2023-2024.", false},   // years
		{"Well-known football clubs - and fans - met.", false}, // no digits
		{"The league of cupbearers met 2-1 in favour.", false}, // not whole words
	} {
		toks := (tokenize.Tokenizer{}).Tokenize(nil, c.s, 0, len(c.s))
		g := gi.kinds(c.s, toks)
		if got := g&guardScore != 0 && g&guardSport != 0; got != c.want {
			t.Errorf("%q: a match report = %v, want %v", c.s, got, c.want)
		}
	}
}

// The date cache gives each date its own ISO form, dates 256 days apart
// (one slot) and the same instant read in another time zone included.
func TestDateCache(t *testing.T) {
	var dc dateCache
	east := time.FixedZone("east", 10*3600)
	d := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{d, "2024-05-19"},
		{d.AddDate(0, 0, 256), "2025-01-30"},
		{d, "2024-05-19"},
		{d.Add(20 * time.Hour).In(east), "2024-05-20"},
		{d.Add(20 * time.Hour), "2024-05-19"},
	} {
		if got := dc.iso(c.t); got != c.want {
			t.Errorf("iso(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// A batch used for document after document gives each the events Code
// gives it alone, an empty or binary document included.
func TestBatchReuse(t *testing.T) {
	c := testCoder(t)
	date := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	docs := []document.Document{
		{ID: "a", Date: date, Text: "The United States agreed to withdraw its troops from Niger by September 15. Niger's junta accused Washington of threats."},
		{ID: "b", Date: date, Text: "Russian forces attacked Kharkiv on Monday, Ukrainian officials said."},
		{ID: "c", Date: date, Text: ""},
		{ID: "d", Date: date, Text: "Mali expelled the French ambassador. France condemned the decision and cut its aid to Bamako."},
		{ID: "b2", Date: date, Text: "Russian forces attacked Kharkiv on Monday, Ukrainian officials said."},
	}
	var b Batch
	events := 0
	for _, d := range docs {
		want, werr := c.Code(d)
		err := c.CodeBatch(&b, d)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%s: CodeBatch error %v, Code error %v", d.ID, err, werr)
		}
		got, _ := json.Marshal(b.Events)
		exp, _ := json.Marshal(want)
		if err == nil && string(got) != string(exp) {
			t.Errorf("%s: batch gives\n%s\nCode gives\n%s", d.ID, got, exp)
		}
		if err != nil && len(b.Events) != 0 {
			t.Errorf("%s: %d events left in the batch after an error", d.ID, len(b.Events))
		}
		events += len(want)
	}
	if events < 5 {
		t.Errorf("only %d events in all: the documents test little", events)
	}
}
