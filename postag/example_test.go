package postag_test

import (
	"fmt"
	"strings"

	"dyad/postag"
	"dyad/tokenize"
)

func ExampleTagger_TagTokens() {
	tg, err := postag.Default() // once: it takes milliseconds
	if err != nil {
		fmt.Println(err)
		return
	}
	var tk tokenize.Tokenizer
	var tags []postag.Tag
	for _, s := range []string{
		"Dockworkers will strike on Monday.",
		"The strike entered its third day.",
	} {
		toks := tk.Tokenize(nil, s, 0, len(s))
		tags = tg.TagTokens(tags[:0], toks)
		var b strings.Builder
		for i, t := range toks {
			fmt.Fprintf(&b, "%s/%v ", t.Text, tags[i])
		}
		fmt.Println(strings.TrimSpace(b.String()))
	}
	// Output:
	// Dockworkers/NOUN will/AUX strike/VERB on/ADP Monday/PROPN ./PUNCT
	// The/DET strike/NOUN entered/VERB its/PRON third/ADJ day/NOUN ./PUNCT
}
