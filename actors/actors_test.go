package actors

import (
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
