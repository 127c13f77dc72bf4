package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"dyad/export"
	"dyad/plover"
	"dyad/store"
)

// hostileRow is an event whose article text and names start like
// spreadsheet formulas, with negative scores.
func hostileRow() store.Row {
	return store.Row{Event: plover.Event{ID: "x-0", DocID: "=doc", Date: "2024-05-19", Event: []string{"ASSAULT"}, QuadCode: 4,
		EventScale: -9, Goldstein: -7,
		Actor:     []plover.Entity{{Code: "USA", EntityText: "@SUM(A1:A9)"}},
		Recipient: []plover.Entity{{Code: "NER", EntityText: "+1+1"}},
		EventText: []string{"-2+3"},
		EventLoc:  &plover.Location{ExtractedPlace: "\t=1+1", ResolvedPlace: "\r=1+1", Lat: -13.5, Lon: -2.1},
		Text:      `=HYPERLINK("https://evil.example","click")`,
		CiteInfo:  plover.CiteInfo{URL: "https://n.example/a", Title: "-title"}}, Source: "@outlet", Title: "-title"}
}

// Issue 17, item 7: text cells that start a formula get a leading quote;
// numeric cells, negative ones included, stay numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	w, _ := export.New("csv", &buf)
	if err := w.Write(hostileRow()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	r := recs[1]
	for name, want := range map[string]string{
		"doc_id": "'=doc", "text": `'=HYPERLINK("https://evil.example","click")`, "actor_text": "'@SUM(A1:A9)", "recipient_text": "'+1+1",
		"event_text": "'-2+3", "place": "'\t=1+1", "resolved_place": "'\r=1+1", "title": "'-title", "source": "'@outlet",
		"goldstein": "-7", "event_scale": "-9", "lat": "-13.5", "lon": "-2.1", "quad_code": "4",
	} {
		if got := r[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for i, cell := range r {
		if strings.ContainsAny(cell[:min(1, len(cell))], "=+@\t\r") {
			t.Errorf("column %s starts a formula: %q", recs[0][i], cell)
		}
	}
}

func TestCAMEONeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	w, _ := export.New("cameo", &buf)
	w.Write(hostileRow())
	w.Close()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	head, row := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for name, want := range map[string]string{"Actor1Name": "'@SUM(A1:A9)", "Actor2Name": "'+1+1", "GoldsteinScale": "-7", "ActionGeo_Lat": "-13.5"} {
		if got := row[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}
