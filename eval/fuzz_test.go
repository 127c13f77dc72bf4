package eval

import (
	"os"
	"strings"
	"testing"

	"dyad/plover"
)

// FuzzReadAny feeds arbitrary bytes to the gold and GSR readers: they never
// panic, every problem names the file, and what they return holds known
// categories and lines the file has.
func FuzzReadAny(f *testing.F) {
	f.Add(goldText)
	f.Add("=== a\ndate: 2024-05-19\ntext:\nx\nevents:\nAGRE | USA | - | -\nAGREE | usa | - | -\nAGREE | USA | - | 2024-13\nAGREE | USA | -\n=== b\ntext:\ny\n")
	f.Add(`[{"id":"g1","event":"DEMAND","text":"Protesters demanded the release of prisoners.","date":"2024-05-19","actor":{"code":"NER"},"recipient":[{"code":"USA","sector":"GOV"}]}]`)
	f.Add(`[{"id":"g2","event":"NOPE"}, 3]`)
	f.Add("  \n[")
	f.Add("")
	if b, err := os.ReadFile("../testdata/gold/articles/us-niger-withdrawal.gold"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, data string) {
		const name = "fuzz.gold"
		docs, err := ReadAny(strings.NewReader(data), name)
		if err != nil {
			for line := range strings.Lines(err.Error()) {
				if !strings.HasPrefix(line, "eval: "+name+":") {
					t.Errorf("problem does not name the file: %q", line)
				}
			}
			return
		}
		lines := strings.Count(data, "\n") + 1
		for _, d := range docs {
			if d.Line < 0 || d.Line > lines {
				t.Errorf("document %q at line %d of a %d-line file", d.ID, d.Line, lines)
			}
			for _, e := range d.Events {
				if len(e.Categories) == 0 {
					t.Errorf("document %q: event without category", d.ID)
				}
				for _, c := range e.Categories {
					if !plover.IsCategory(c) {
						t.Errorf("document %q: unknown category %q accepted", d.ID, c)
					}
				}
				if e.Line < 0 || e.Line > lines {
					t.Errorf("document %q: event at line %d of a %d-line file", d.ID, e.Line, lines)
				}
			}
		}
	})
}
