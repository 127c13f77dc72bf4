package lexicon_test

import (
	"testing"

	"dyad/bench/stages"
	"dyad/lexicon"
)

// BenchmarkAnnotate gives the tokens of the gold articles their word ids,
// stems and classes, with the vocabulary the coder builds (its word cache
// warm after the first pass, as in a long run); MB/s counts normalised
// bytes.
func BenchmarkAnnotate(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var words []lexicon.Word
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			for _, s := range c.Docs[i].Sents {
				words = c.Vocab.Annotate(words[:0], s.Toks)
			}
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
