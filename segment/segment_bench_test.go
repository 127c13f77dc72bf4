package segment_test

import (
	"testing"

	"dyad/bench/stages"
	"dyad/segment"
)

// BenchmarkSplit splits the normalised gold articles into sentences; MB/s
// counts normalised bytes.
func BenchmarkSplit(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var spans []segment.Span
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			spans = segment.Split(spans[:0], c.Docs[i].Norm.S)
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
