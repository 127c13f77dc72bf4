package normalize_test

import (
	"testing"

	"dyad/bench/stages"
	"dyad/normalize"
)

// BenchmarkNormalize normalises the original texts of the gold articles;
// MB/s counts original bytes.
func BenchmarkNormalize(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var n normalize.Normalizer
	b.SetBytes(int64(c.Bytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			n.Normalize(c.Docs[i].Text)
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
