package actors

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/dict"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

var (
	once sync.Once
	res  *Resolver
	voc  *lexicon.Vocab
)

func resolver(t *testing.T) (*Resolver, *lexicon.Vocab) {
	once.Do(func() {
		d, err := dict.Default()
		if err != nil {
			t.Fatal(err)
		}
		lx, _ := lexicon.Default()
		voc = lexicon.NewVocab(lx)
		res = New(d, voc)
	})
	return res, voc
}

func find(t *testing.T, text string, date time.Time, ctx *Context) []string {
	r, v := resolver(t)
	toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
	s := &phrase.Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
	var out []string
	for _, m := range r.Find(nil, s, date, ctx) {
		var es []string
		for _, e := range m.Entities {
			es = append(es, strings.TrimSpace(e.Code+" "+e.Sector))
		}
		out = append(out, text[toks[m.HeadStart].Start:toks[m.End-1].End]+"="+strings.Join(es, "+"))
	}
	return out
}

var day = time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)

func TestEachKindOfEntry(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Burkina Faso said", "Burkina Faso=BFA"},                       // country name
		{"the Nigerien junta", "Nigerien junta=NER GOV"},                // adjective + role
		{"Ukrainians fled", "Ukrainians=UKR CVL"},                       // demonym
		{"Moscow said", "Moscow=RUS GOV"},                               // capital
		{"the Kremlin said", "Kremlin=RUS GOV"},                         // seat of power
		{"the Knesset voted", "Knesset=ISR LEG"},                        // institution
		{"NATO warned", "NATO=IGO MIL"},                                 // organisation
		{"al-Shabaab fighters attacked", "al-Shabaab fighters=IMG REB"}, // armed group (with role)
		{"Swaziland said", "Swaziland=SWZ"},                             // former name
		{"Puerto Rico voted", "Puerto Rico=USA"},                        // dependency folded into its state
		{"Transnistria said", "Transnistria=MDA PRE"},                   // partially recognised entity
		{"President Tinubu said", "Tinubu=NGA GOV"},                     // title and surname
		{"officials from Mali said", "officials from Mali=MLI GOV"},     // role with of/from
		{"authorities in Niamey said", "authorities in Niamey=NER GOV"},
		{"the Washington Post reported", "Washington Post=USA JRN"}, // longest match beats the capital
	}
	for _, tc := range tests {
		got := find(t, tc.text, day, &Context{})
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestOfficesSwitchOnTheRightDay(t *testing.T) {
	before := time.Date(2023, 7, 26, 0, 0, 0, 0, time.UTC)
	after := before.AddDate(0, 0, 1)
	if got := find(t, "Bazoum said", before, &Context{}); got[0] != "Bazoum=NER GOV" {
		t.Errorf("on the day of the coup: %q", got)
	}
	if got := find(t, "Bazoum said", after, &Context{}); got[0] != "Bazoum=NER ELI" {
		t.Errorf("the day after: %q", got)
	}
}

func TestRolesTakeTheDocumentsCountry(t *testing.T) {
	var ctx Context
	find(t, "Niger and Niger's allies met in Niamey while France watched", day, &ctx)
	got := find(t, "Soldiers surrounded the palace", day, &ctx)
	if got[0] != "Soldiers=NER MIL" {
		t.Errorf("got %q", got)
	}
}

func TestDescriptionsReferBack(t *testing.T) {
	var ctx Context
	find(t, "Mali and France talked", day, &ctx)
	if got := find(t, "The West African nation agreed", day, &ctx); len(got) == 0 || got[0] != "West African nation=MLI" {
		t.Errorf("region description: %q", got)
	}
	if got := find(t, "the landlocked country agreed", day, &ctx); len(got) == 0 || got[0] != "landlocked country=MLI" {
		t.Errorf("trait description: %q", got)
	}
	if got := find(t, "the state broadcaster said", day, &ctx); len(got) != 0 && strings.HasSuffix(got[0], "=MLI") {
		t.Errorf("state media taken for a country: %q", got)
	}
}

// TestDescriptionsFromTheirNoun checks the readings pronounsAndDescriptions
// gives when it looks for a description back from its noun: the first
// "the" that starts one, a pronoun inside one, and a description broken
// by punctuation.
func TestDescriptionsFromTheirNoun(t *testing.T) {
	var ctx Context
	find(t, "Mali and France talked", day, &ctx)
	tests := []struct{ text, want string }{
		{"the its nation agreed", "its nation=FRA"},
		{"They said the the West African nation agreed", "They=,the West African nation=MLI"},
		{"the island the West African nation agreed", "West African nation=MLI"},
		{"It said the, nation agreed and the country's army left", "It=,country's army=MLI MIL"},
	}
	for _, tt := range tests {
		if got := strings.Join(find(t, tt.text, day, &ctx), ","); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSalientKeptUpToDate checks Salient, whose answer Note brings up to
// date, against the plain reading of its definition over recent, through
// long runs of codes that push each other out of recent.
func TestSalientKeptUpToDate(t *testing.T) {
	codes := []string{"NER", "USA", "FRA", "NGA", "IGOUNO", "MLI", "UKR", "RUS", "REB", "GOV", "IGOEU"}
	isCountry := func(code string) bool { return len(code) == 3 && code != "REB" && code != "GOV" }
	want := func(c *Context, isCountry func(string) bool) string {
		best, bestN := "", 0
		for _, k := range c.recent {
			cd := &c.codes[k]
			if isCountry != nil && !isCountry(cd.code) {
				continue
			}
			if cd.n >= bestN {
				best, bestN = cd.code, cd.n
			}
		}
		return best
	}
	var c Context
	seed := uint32(1)
	for doc := 0; doc < 20; doc++ {
		c.Reset()
		for i := 0; i < 400; i++ {
			seed = seed*1664525 + 1013904223
			// Few codes in some documents, many in others, and the
			// codes change every 100 notes, so that the salient code
			// leaves recent.
			n := 2 + doc%(len(codes)-1)
			c.Note(codes[(i/100*3+int(seed>>8)%n)%len(codes)])
			if seed>>4&3 == 0 {
				continue // ask only now and then, so that Note has work to do
			}
			if got, w := c.Salient(isCountry), want(&c, isCountry); got != w {
				t.Fatalf("document %d, note %d: Salient(isCountry) = %q, want %q", doc, i, got, w)
			}
			if got, w := c.Salient(nil), want(&c, nil); got != w {
				t.Fatalf("document %d, note %d: Salient(nil) = %q, want %q", doc, i, got, w)
			}
		}
	}
}

// TestWithoutMarks checks that a resolver built when the vocabulary has
// no marks to spare, and so tests tokens by id sets, finds what one with
// marks finds.
func TestWithoutMarks(t *testing.T) {
	r, v := resolver(t)
	d, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	lx, _ := lexicon.Default()
	v0 := lexicon.NewVocab(lx)
	for v0.NewMark() != 0 {
	}
	r0 := New(d, v0)
	if r0.referMark != 0 || r.referMark == 0 {
		t.Fatalf("marks: %v without, %v with", r0.referMark, r.referMark)
	}
	texts := []string{
		"Mali and France talked, and the West African nation said its forces would leave.",
		"The landlocked country's military authorities said they had met him on Sunday.",
		"Guinea's prime minister, Amadou Oury Bah, said the state broadcaster lied.",
		"Both governments said US and Nigerien officials met authorities in Niamey.",
	}
	var ctx, ctx0 Context
	for _, text := range texts {
		toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
		s := &phrase.Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
		s0 := &phrase.Sentence{Toks: toks, Words: v0.Annotate(nil, toks)}
		got, want := r0.Find(nil, s0, day, &ctx0), r.Find(nil, s, day, &ctx)
		if len(got) != len(want) {
			t.Fatalf("%q: %d mentions without marks, %d with", text, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Start != w.Start || g.End != w.End || g.Kind != w.Kind || g.Pron != w.Pron || !slices.Equal(g.Entities, w.Entities) {
				t.Errorf("%q: mention %d is %+v without marks, %+v with", text, i, g, w)
			}
		}
	}
}

// finder returns a function that finds the mentions of one sentence
// after another, as one document's, with the embedded dictionaries, and
// the document's context.
func finder(t *testing.T) (func(text string) []Mention, *Context) {
	t.Helper()
	d, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	v := lexicon.NewVocab(lx)
	r := New(d, v)
	ctx := &Context{}
	date := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	return func(text string) []Mention {
		toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
		s := &phrase.Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
		return r.Find(nil, s, date, ctx)
	}, ctx
}

// "The bloc" refers back to the international organisation named last.
func TestOrganisationDescriptions(t *testing.T) {
	find, ctx := finder(t)
	find("Leaders of ECOWAS met in Abuja on Sunday.")
	ms := find("The regional bloc urged Niger to free its president.")
	if len(ms) == 0 || ms[0].Kind != Descriptor || ms[0].Entities[0].Code != "IGO" {
		t.Errorf("the regional bloc: %+v, want a description of IGO", ms)
	}
	ctx.Reset()
	ms = find("The bloc urged Niger to free its president.")
	if len(ms) > 0 && ms[0].Kind == Descriptor {
		t.Errorf("with no organisation named before, the bloc resolved to %+v", ms[0].Entities)
	}
}

// "The foreign ministers of Chile and Peru" are two countries' ministers.
func TestRoleOfTwoCountries(t *testing.T) {
	find, _ := finder(t)
	ms := find("The foreign ministers of Chile and Peru signed the accord.")
	if len(ms) == 0 || len(ms[0].Entities) != 2 || ms[0].Entities[0].Code != "CHL" || ms[0].Entities[1].Code != "PER" {
		t.Fatalf("mentions %+v, want one of CHL and PER ministers", ms)
	}
	if ms[0].Entities[0].Sector != ms[0].Entities[1].Sector || ms[0].Entities[0].Sector == "" {
		t.Errorf("sectors %q and %q, want the role's for both", ms[0].Entities[0].Sector, ms[0].Entities[1].Sector)
	}
}

// "Peru's Congress" is Peru's, though "Congress" alone is another
// country's institution.
func TestPossessiveCountryInstitution(t *testing.T) {
	find, _ := finder(t)
	ms := find("Peru's Congress asked the government to act.")
	if len(ms) == 0 || ms[0].Entities[0].Code != "PER" || ms[0].Entities[0].Sector != "LEG" {
		t.Errorf("mentions %+v, want Peru's legislature", ms)
	}
}

// A title followed by a name whose first word is also a place names a
// person, not that place's state: "Somali army officer Aden Mohamud" is
// no Yemeni; nor is "police commander Jordan Wekesa" a Jordanian.
func TestNameAfterTitleStartingWithAPlace(t *testing.T) {
	wantAmong(t, []struct{ text, want string }{
		{"Somali army officer Aden Mohamud told reporters.", "Somali army officer Aden Mohamud=SOM MIL"},
		{"Kenyan police commander Jordan Wekesa said.", "Kenyan police commander Jordan Wekesa=KEN COP"},
	})
}

// "African Union and Somali troops": the role after a coordinated
// organisation and country adjective is each one's.
func TestRoleOverOrganisationAndCountry(t *testing.T) {
	got := find(t, "African Union and Somali troops attacked the town.", day, &Context{})
	if !slices.Contains(got, "African Union=IGO MIL") || !slices.Contains(got, "Somali troops=SOM MIL") {
		t.Errorf("mentions %q, want the Union's troops and Somalia's", got)
	}
}

// An armed group's commanders and officials are the group's, where a
// state's would be its army's or government's.
func TestArmedGroupKeepsItsRoles(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"a Hamas commander said", "Hamas commander=PSE REB"},
		{"an al-Shabaab official said", "al-Shabaab official=IMG REB"},
		{"a Shining Path leader was arrested", "Shining Path leader=PER REB"},
		{"a Maoist commander surrendered", "Maoist commander=REB"},
		{"a Nigerian army commander said", "Nigerian army commander=NGA MIL"},
	} {
		got := find(t, tc.text, day, &Context{})
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A currency's code before a number names an amount, not the
// organisation that shares its letters.
func TestCurrencyCodeIsNoOrganisation(t *testing.T) {
	if got := find(t, "a cheque of NPR 5 million", day, &Context{}); len(got) != 0 {
		t.Errorf("got mentions %q, want none", got)
	}
	if got := find(t, "NPR reported the vote", day, &Context{}); len(got) != 1 || got[0] != "NPR=USA JRN" {
		t.Errorf("got %q, want the radio network", got)
	}
}

func TestCountryInASeasNameIsNoParty(t *testing.T) {
	for _, text := range []string{"drills in the Sea of Japan", "a tanker seized in the Gulf of Guinea", "ships in the Bay of Bengal"} {
		if got := find(t, text, day, &Context{}); len(got) != 0 {
			t.Errorf("%q: got mentions %q, want none", text, got)
		}
	}
	if got := find(t, "talks between Japan and Oman", day, &Context{}); len(got) != 2 {
		t.Errorf("got %q, want the two countries", got)
	}
}

func TestOppositionAsAStanceIsNoParty(t *testing.T) {
	for _, text := range []string{"voiced firm opposition to the sale", "voiced strong opposition to the plan"} {
		if got := find(t, text, day, &Context{}); len(got) != 0 {
			t.Errorf("%q: got mentions %q, want none", text, got)
		}
	}
	if got := find(t, "the opposition rejected the plan", day, &Context{}); len(got) != 1 {
		t.Errorf("got %q, want the opposition", got)
	}
}

func TestSurnameRecallsTheRoleNamedBefore(t *testing.T) {
	var ctx Context
	find(t, "Kazakh Deputy Foreign Minister Arman Seitkali spoke in Astana", day, &ctx)
	got := find(t, "Later Seitkali accused Lithuania of mistreating drivers", day, &ctx)
	if len(got) < 1 || got[0] != "Seitkali=KAZ GOV" {
		t.Errorf("got %q, want Seitkali as the Kazakh official", got)
	}
	// A new document forgets the people of the last.
	ctx.Reset()
	if got := find(t, "Later Seitkali accused Lithuania of mistreating drivers", day, &ctx); len(got) != 1 || got[0] != "Lithuania=LTU" {
		t.Errorf("after Reset got %q, want Lithuania alone", got)
	}
}

func TestFirstNameBeforeAnotherSurnameIsSomeoneElse(t *testing.T) {
	got := find(t, "Ambassador Keiko Yanai handed over the keys", day, &Context{})
	for _, m := range got {
		if strings.Contains(m, "PER") {
			t.Errorf("got %q: Keiko Yanai read as a Peruvian politician", got)
		}
	}
}

func TestFamilyNameRecallsAKnownName(t *testing.T) {
	var ctx Context
	find(t, "Chinese Foreign Minister Wang Yi arrived in Jakarta", day, &ctx)
	got := find(t, "Wang held talks with Indonesian officials", day, &ctx)
	if len(got) < 1 || got[0] != "Wang=CHN GOV" {
		t.Errorf("got %q, want Wang as China's foreign minister", got)
	}
}

func TestRoleBeforeArmedGroupIsTheGroup(t *testing.T) {
	got := find(t, "the paramilitary Rapid Support Forces shelled the city", day, &Context{})
	if len(got) != 1 || got[0] != "Rapid Support Forces=SDN REB" {
		t.Errorf("got %q, want the RSF as rebels", got)
	}
}

func TestCountryPossessiveOwnsACivicBody(t *testing.T) {
	got := find(t, "Argentina's White Helmets flew supplies to Paraguay", day, &Context{})
	if len(got) < 1 || !strings.HasSuffix(got[0], "=ARG SOC") {
		t.Errorf("got %q, want Argentina's White Helmets as an Argentine civic body", got)
	}
}

func TestOfficialsOfABodyAreOfItsSector(t *testing.T) {
	for _, text := range []string{
		"Police detained officials of the main opposition party in Harare.",
		"Police detained leaders of the opposition party in Harare.",
	} {
		got := find(t, text, day, &Context{})
		if len(got) != 2 || !strings.HasSuffix(got[1], "=ZWE OPP") {
			t.Errorf("%q: got %q, want the officials as the opposition's", text, got)
		}
	}
}

func TestRoleOfTwoCountriesSecondWithArticle(t *testing.T) {
	got := find(t, "The navies of Egypt and the United States held a joint exercise", day, &Context{})
	if len(got) != 1 || !strings.HasSuffix(got[0], "=EGY MIL+USA MIL") {
		t.Errorf("got %q, want one role of both countries", got)
	}
}

func TestRoleBeforeAnAdverbIsNoModifier(t *testing.T) {
	got := find(t, "The police also fired water cannon at the crowd", day, &Context{})
	if len(got) == 0 || !strings.HasPrefix(got[0], "police=") {
		t.Errorf("got %q, want the police as the first mention", got)
	}
}

func TestArmedMenAreWhoTheyAreBelievedToBe(t *testing.T) {
	got := find(t, "Armed men believed to belong to a Venezuelan gang opened fire on a patrol boat", day, &Context{})
	if len(got) == 0 || !strings.HasSuffix(got[0], "=VEN CRM") {
		t.Errorf("got %q, want the armed men as a Venezuelan gang", got)
	}
}

// A capital before an institution another country has makes it the
// capital's country's: "Dhaka Metropolitan Police" is no London force.
// "London Metropolitan Police" stays British.
func TestCapitalBeforeAnotherCountrysInstitution(t *testing.T) {
	wantAmong(t, []struct{ text, want string }{
		{"Dhaka Metropolitan Police arrested six men.", "Dhaka Metropolitan Police=BGD COP"},
		{"Kampala Metropolitan Police spokesman Patrick Onyango said.", "Kampala Metropolitan Police spokesman Patrick Onyango=UGA COP"},
		{"Metropolitan Police arrested six men.", "Metropolitan Police=GBR COP"},
	})
}

// After "to", "force" is a verb: "in an effort to force the premier to
// resign" names no armed force; the fire of a force is the force's.
func TestForceAsAVerbAndTheFireOfAForce(t *testing.T) {
	got := find(t, "Traders marched in an effort to force the governor to resign.", day, &Context{})
	for _, m := range got {
		if strings.HasPrefix(m, "force=") {
			t.Errorf("mentions %q: \"to force\" read as an armed force", got)
		}
	}
	got = find(t, "Two men were killed by police fire.", day, &Context{})
	if len(got) == 0 || !strings.HasPrefix(got[len(got)-1], "police=") {
		t.Errorf("mentions %q, want the police before their fire", got)
	}
}

// wantAmong checks that each text's mentions include the one wanted.
func wantAmong(t *testing.T, cases []struct{ text, want string }) {
	t.Helper()
	for _, tc := range cases {
		got := find(t, tc.text, day, &Context{})
		if !slices.Contains(got, tc.want) {
			t.Errorf("%s: mentions %q, want %q among them", tc.text, got, tc.want)
		}
	}
}

// A title right before a known person who held no office that day says
// what the person was: Javier Milei was a lawmaker in 2022, president
// from December 2023.
func TestTitleBeforeAPersonWithoutOffice(t *testing.T) {
	got := find(t, "Argentine lawmaker Javier Milei spoke.", time.Date(2022, 5, 10, 0, 0, 0, 0, time.UTC), &Context{})
	if !slices.Contains(got, "Javier Milei=ARG LEG") {
		t.Errorf("mentions %q, want the lawmaker", got)
	}
	got = find(t, "Argentine lawmaker Javier Milei spoke.", time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), &Context{})
	if !slices.ContainsFunc(got, func(m string) bool { return strings.HasSuffix(m, "Javier Milei=ARG GOV") }) {
		t.Errorf("mentions %q, want the president his office that day makes him", got)
	}
}

// A bare "officers" in a document that has named the police at least as
// often as the military is the police's; elsewhere it stays military.
func TestBareOfficersAfterThePolice(t *testing.T) {
	wantAfter(t, "Mexican state police went into the township to serve a warrant.", "Thirteen officers were killed.", "officers=MEX COP", true)
	wantAfter(t, "Mexican soldiers went into the township.", "Thirteen officers were killed.", "officers=MEX MIL", true)
}

// A definite role named without a country is the last role of that noun
// named with one: "Taiwan's defence ministry said ... The ministry
// condemned", not China, named in between.
func TestSameRoleAsBefore(t *testing.T) {
	wantAfter(t, "Taiwan's defence ministry said eight Chinese warships were spotted.", "The ministry condemned the drills.", "ministry=TWN MIL", true)
	wantAfter(t, "Eight Chinese warships were spotted.", "The ministry condemned the drills.", "ministry=TWN MIL", false)
}

// wantAfter checks whether the mentions of second, read after first in
// one document, include want.
func wantAfter(t *testing.T, first, second, want string, among bool) {
	t.Helper()
	ctx := &Context{}
	find(t, first, day, ctx)
	if got := find(t, second, day, ctx); slices.Contains(got, want) != among {
		t.Errorf("after %q, %q: mentions %q, want %q among them: %v", first, second, got, want, among)
	}
}

func TestRegionAdjectiveIsNoCountry(t *testing.T) {
	// The country word that ends a region's adjective names no country.
	for _, text := range []string{"Latin American leaders met", "South American ministers said"} {
		for _, m := range find(t, text, day, &Context{}) {
			if strings.Contains(m, "USA") {
				t.Errorf("%q: got %q, want no United States", text, m)
			}
		}
	}
	// Alone, or as the whole of a country's adjective, it does.
	for text, want := range map[string]string{
		"American officials said":      "American officials=USA GOV",
		"South African troops arrived": "South African troops=ZAF MIL",
	} {
		if got := find(t, text, day, &Context{}); len(got) == 0 || got[0] != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

func TestCapitalAfterTitledGivenNameIsASurname(t *testing.T) {
	for _, text := range []string{
		"Justice Minister Ivan Niamey rejected the claims",
		"the justice minister, Ivan Niamey, rejected the claims",
		"Gen. Pedro Niamey rejected the claims",
	} {
		for _, m := range find(t, text, day, &Context{}) {
			if strings.Contains(m, "NER") {
				t.Errorf("%q: got %q, a surname read as Niger's capital", text, find(t, text, day, &Context{}))
			}
		}
	}
	// A capital after a word that is no given name after a title stays a capital.
	if got := find(t, "the minister flew to West Niamey", day, &Context{}); len(got) == 0 || !strings.Contains(got[len(got)-1], "NER") {
		t.Errorf("got %q, want Niamey as Niger's capital", got)
	}
}

func TestPastFormOfARoleWordAfterBeIsAVerb(t *testing.T) {
	for _, m := range find(t, "Two Indian ministers were forced to resign", day, &Context{}) {
		if strings.Contains(m, "MIL") {
			t.Errorf("got %q: \"forced\" read as forces", find(t, "Two Indian ministers were forced to resign", day, &Context{}))
		}
	}
}
