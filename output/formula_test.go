package output

import (
	"bytes"
	"encoding/csv"
	"testing"

	"dyad/plover"
)

// Issue 17, item 7: "dyad code --format csv" neutralises formulas in text
// taken from the article and keeps negative scores numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	text := "=1+1 @Mali expelled the French ambassador."
	e := plover.Event{ID: "d-1", DocID: "-d", Date: "2024-05-19", Event: []string{"SANCTION"}, QuadCode: 4, EventScale: -5.5, Goldstein: -4,
		Actor:     []plover.Entity{{Code: "MLI", Start: 5, End: 10}},
		EventText: []string{"+expelled"}, Text: text, TextInfo: plover.TextInfo{Start: 0, End: len(text)},
		CiteInfo: plover.CiteInfo{URL: "@https://x.example"}}
	var b bytes.Buffer
	w, err := New(&b, "csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]plover.Event{e}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%q %v", recs, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for name, want := range map[string]string{"doc_id": "'-d", "actor_text": "'@Mali", "event_text": "'+expelled", "url": "'@https://x.example",
		"goldstein": "-4", "event_scale": "-5.5", "recipient": "-"} {
		if got := recs[1][col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}
