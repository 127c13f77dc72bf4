package coder

import (
	"strings"
	"testing"

	"dyad/document"
	"dyad/plover"
)

// FuzzCode feeds arbitrary text to the whole pipeline: it must never
// panic, and every offset it reports must lie inside the document.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Britain will pull its soldiers out of Estonia by March 15, 2025, the British Ministry of Defence said.",
		"“Talks,” it said. (Reuters)",
		"Lt. Col. Doumbouya met U.K. envoys, who said they had warned of tariffs on Conakry if it signed the pact.",
		"between and and between , ,, 's 's",
		"\xff\xfe Niger\x00",
	} {
		f.Add(s)
	}
	c := testCoder(f)
	f.Fuzz(func(t *testing.T, text string) {
		evs, err := c.Code(document.Document{ID: "f", Date: pub, Text: text})
		if err != nil {
			return
		}
		for _, e := range evs {
			check := func(start, end int) {
				if start < 0 || end > len(text) || start > end {
					t.Fatalf("span [%d:%d] outside a %d-byte text", start, end, len(text))
				}
			}
			check(e.TextInfo.Start, e.TextInfo.End)
			for _, en := range append(append(append([]struct{ Start, End int }{}, spans(e.Actor)...), spans(e.Recipient)...), spans(e.Attribution)...) {
				check(en.Start, en.End)
			}
			for _, s := range e.EventSpans {
				check(s.Start, s.End)
			}
			if !strings.Contains(text, e.Text) {
				t.Fatalf("sentence %q not in the text", e.Text)
			}
		}
	})
}

func spans(es []plover.Entity) []struct{ Start, End int } {
	var out []struct{ Start, End int }
	for _, e := range es {
		out = append(out, struct{ Start, End int }{e.Start, e.End})
	}
	return out
}
