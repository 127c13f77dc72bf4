package events_test

import (
	"fmt"
	"time"

	"dyad/actors"
	"dyad/dict"
	"dyad/events"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

func ExampleExtractor_Extract() {
	d, _ := dict.Default()
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	r := actors.New(d, v)
	x := events.New(d, v)
	text := "Choguel Maiga said officials from the French defence ministry had threatened Bamako with sanctions."
	toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
	s := &phrase.Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
	var ctx actors.Context
	var st events.State
	ms := r.Find(nil, s, time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), &ctx)
	evs, _ := x.Extract(s, ms, &st)
	for _, e := range evs {
		fmt.Println(e.Category, e.Mode, e.Actor[0].Code, e.Actor[0].Sector, "->", e.Recipient[0].Code, "per", e.Speaker[0].Name)
	}
	// Output: THREATEN restrict FRA MIL -> MLI per Choguel Kokalla Maïga
}
