package tokenize_test

import (
	"testing"

	"dyad/bench/stages"
	"dyad/tokenize"
)

// BenchmarkTokenize tokenises the sentences of the normalised gold
// articles; MB/s counts normalised bytes.
func BenchmarkTokenize(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var tok tokenize.Tokenizer
	var toks []tokenize.Token
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			d := &c.Docs[i]
			for _, sp := range d.Spans {
				toks = tok.Tokenize(toks[:0], d.Norm.S, sp.Start, sp.End)
			}
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
