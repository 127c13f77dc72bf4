// Package stages prepares the input of each of dyad's text stages from the
// gold articles, as package coder hands it from one stage to the next, so
// that the stage benchmarks (BenchmarkNormalize in package normalize,
// BenchmarkFind in package actors, ...) time one stage alone.
//
// In: the repository root. Out: a Corpus holding every document's original
// and normalised text, its sentences, their tokens, words and actor
// mentions, and the vocabulary, resolver and extractor built from the
// embedded dictionaries the way coder.New builds them.
package stages

import (
	"time"

	"dyad/actors"
	"dyad/bench/articles"
	"dyad/dict"
	"dyad/events"
	"dyad/lexicon"
	"dyad/normalize"
	"dyad/phrase"
	"dyad/segment"
	"dyad/tokenize"
)

// Corpus is the gold articles run through the stages up to events.
type Corpus struct {
	Docs []Doc
	// Bytes is the length of the original texts, NormBytes of the
	// normalised ones; Sentences counts the sentences of all documents.
	Bytes, NormBytes, Sentences int

	Vocab  *lexicon.Vocab
	Actors *actors.Resolver
	Events *events.Extractor
}

// Doc is one document and what the stages made of it.
type Doc struct {
	Text  string // original text
	Date  time.Time
	Norm  normalize.Text
	Spans []segment.Span
	Sents []Sent
}

// Sent is one sentence: the input of lexicon (Toks), of actors and timex
// (Toks and Words), and of events (Mentions as well).
type Sent struct {
	Toks     []tokenize.Token
	Words    []lexicon.Word
	Mentions []actors.Mention
}

// Gold runs the gold articles under root, the repository root, through
// normalize, segment, tokenize, lexicon and actors.
func Gold(root string) (*Corpus, error) {
	arts, err := articles.Gold(root)
	if err != nil {
		return nil, err
	}
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	lx, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	c := &Corpus{Vocab: lexicon.NewVocab(lx)}
	// As in coder.New: the resolver and the extractor compile their
	// dictionaries into the vocabulary before any text is annotated.
	c.Actors = actors.New(d, c.Vocab)
	c.Events = events.New(d, c.Vocab)
	var norm normalize.Normalizer
	var tok tokenize.Tokenizer
	for _, a := range arts {
		doc := Doc{Text: a.Text, Date: a.Date, Norm: norm.Normalize(a.Text)}
		doc.Spans = segment.Split(nil, doc.Norm.S)
		var actx actors.Context
		for _, sp := range doc.Spans {
			var s Sent
			s.Toks = tok.Tokenize(nil, doc.Norm.S, sp.Start, sp.End)
			s.Words = c.Vocab.Annotate(nil, s.Toks)
			ps := phrase.Sentence{Toks: s.Toks, Words: s.Words}
			s.Mentions = c.Actors.Find(nil, &ps, doc.Date, &actx)
			doc.Sents = append(doc.Sents, s)
		}
		c.Docs = append(c.Docs, doc)
		c.Bytes += len(doc.Text)
		c.NormBytes += len(doc.Norm.S)
		c.Sentences += len(doc.Spans)
	}
	return c, nil
}
