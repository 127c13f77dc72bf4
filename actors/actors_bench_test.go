package actors_test

import (
	"testing"

	"dyad/actors"
	"dyad/bench/stages"
	"dyad/phrase"
)

// BenchmarkFind finds the actor mentions of the annotated gold articles,
// one document context per article; MB/s counts normalised bytes.
func BenchmarkFind(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var ms []actors.Mention
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			d := &c.Docs[i]
			var actx actors.Context
			for _, s := range d.Sents {
				ps := phrase.Sentence{Toks: s.Toks, Words: s.Words}
				ms = c.Actors.Find(ms[:0], &ps, d.Date, &actx)
			}
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
