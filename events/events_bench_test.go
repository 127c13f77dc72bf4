package events_test

import (
	"testing"

	"dyad/actors"
	"dyad/bench/stages"
	"dyad/events"
	"dyad/phrase"
)

// BenchmarkExtract extracts the events of the annotated gold articles from
// their actor mentions, one document state per article; MB/s counts
// normalised bytes. Extract resolves pronoun mentions in place, so each
// sentence gets a fresh copy of its mentions (a copy of a few structs).
func BenchmarkExtract(b *testing.B) {
	c, err := stages.Gold("..")
	if err != nil {
		b.Skip(err)
	}
	var ms []actors.Mention
	b.SetBytes(int64(c.NormBytes))
	b.ReportAllocs()
	for b.Loop() {
		for i := range c.Docs {
			var st events.State
			for _, s := range c.Docs[i].Sents {
				ms = append(ms[:0], s.Mentions...)
				ps := phrase.Sentence{Toks: s.Toks, Words: s.Words}
				c.Events.Extract(&ps, ms, &st)
			}
		}
	}
	b.ReportMetric(float64(c.Sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
