package postag_test

import (
	"testing"

	"dyad/bench/articles"
	"dyad/normalize"
	"dyad/postag"
	"dyad/segment"
	"dyad/tokenize"
)

// BenchmarkTag tags every sentence of dyad's gold news articles, cut by
// normalize, segment and tokenize as the coder cuts them; tokens/s and
// ns/token count dyad's tokens.
func BenchmarkTag(b *testing.B) {
	arts, err := articles.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var norm normalize.Normalizer
	var tk tokenize.Tokenizer
	var sents [][]tokenize.Token
	n := 0
	for _, a := range arts {
		text := norm.Normalize(a.Text)
		for _, sp := range segment.Split(nil, text.S) {
			toks := tk.Tokenize(nil, text.S, sp.Start, sp.End)
			sents = append(sents, toks)
			n += len(toks)
		}
	}
	tg := mustTagger(b)
	var tags []postag.Tag
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, toks := range sents {
			tags = tg.TagTokens(tags[:0], toks)
		}
	}
	reportTokens(b, n)
}

// BenchmarkTagEWT tags the words of the test split of UD EWT (web text,
// cut as UD cuts it) with Tag.
func BenchmarkTagEWT(b *testing.B) {
	sents, _ := readCoNLLU(b, ewt+"en_ewt-ud-test.conllu")
	n := 0
	for _, ws := range sents {
		n += len(ws)
	}
	tg := mustTagger(b)
	var tags []postag.Tag
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, ws := range sents {
			tags = tg.Tag(tags[:0], ws)
		}
	}
	reportTokens(b, n)
}

func reportTokens(b *testing.B, n int) {
	tokens := float64(n) * float64(b.N)
	b.ReportMetric(tokens/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/tokens, "ns/token")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkLoad reads the embedded model; B/op is the memory a Tagger
// holds, with the model file's decoded copy that New drops.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := postag.Default(); err != nil {
			b.Fatal(err)
		}
	}
}
