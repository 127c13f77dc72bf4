package postag

import (
	"strconv"

	"dyad/postag/internal/feat"
)

// Tag is a Universal Dependencies part-of-speech tag (UPOS).
type Tag uint8

// The 17 UPOS tags, in UD's order.
const (
	ADJ   Tag = iota // adjective
	ADP              // adposition: "in", "of", "after"
	ADV              // adverb
	AUX              // auxiliary: "will", "has", "was", "did"
	CCONJ            // coordinating conjunction
	DET              // determiner
	INTJ             // interjection
	NOUN             // noun
	NUM              // numeral
	PART             // particle: "to" before a verb, "not", possessive "'s"
	PRON             // pronoun
	PROPN            // proper noun
	PUNCT            // punctuation
	SCONJ            // subordinating conjunction
	SYM              // symbol
	VERB             // verb
	X                // other

	// NumTags is the number of tags.
	NumTags = X + 1
)

// String returns the tag's UD name: "NOUN", "VERB".
func (t Tag) String() string {
	if t < NumTags {
		return feat.Name(uint8(t))
	}
	return "Tag(" + strconv.Itoa(int(t)) + ")"
}

// ParseTag returns the tag named s ("NOUN"), and false if s names none.
func ParseTag(s string) (Tag, bool) {
	t, ok := feat.Parse(s)
	return Tag(t), ok
}
