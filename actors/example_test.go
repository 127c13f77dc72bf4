package actors_test

import (
	"fmt"
	"strings"
	"time"

	"dyad/actors"
	"dyad/dict"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

func ExampleResolver_Find() {
	d, _ := dict.Default()
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	r := actors.New(d, v)
	text := "Niger's prime minister, Ali Mahamane Lamine Zeine, met US officials. The West African nation's army stayed away."
	var ctx actors.Context
	for _, sent := range strings.SplitAfter(text, ". ") {
		toks := (tokenize.Tokenizer{}).Tokenize(nil, sent, 0, len(sent))
		s := &phrase.Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
		for _, m := range r.Find(nil, s, time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), &ctx) {
			e := m.Entities[0]
			fmt.Printf("%s: %s %s (%s)\n", sent[e.Start:e.End], e.Code, e.Sector, m.Kind)
		}
	}
	// Output:
	// Ali Mahamane Lamine Zeine: NER GOV (person)
	// US officials: USA GOV (agent)
	// The West African nation's army: NER MIL (description)
}
