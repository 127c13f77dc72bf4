package timex_test

import (
	"testing"

	"dyad/bench/stages"
	"dyad/timex"
)

// BenchmarkTimex finds and resolves the time expressions of every sentence
// of the gold articles (the coder asks only for sentences with events);
// MB/s counts normalised bytes.
func BenchmarkTimex(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			d := &c.Docs[i]
			for _, s := range d.Sents {
				timex.Find(s.Toks, d.Date)
			}
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
