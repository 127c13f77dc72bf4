package eval

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"dyad/document"
	"dyad/plover"
)

const goldText = `# a comment
=== talks
date: 2024-05-19
title: Talks
text:
The US and Niger held talks. France cut ties with Mali.
events:
CONSULT | USA, NER | - | 2024-05-19
SANCTION:discontinue, REJECT | FRA GOV | MLI | 2024-05
ACCUSE | FRA | MLI | - | secondary
=== nothing
date: 2024-05-19
text:
It rained.
events:
none
`

func TestReadGold(t *testing.T) {
	docs, err := ReadGold(strings.NewReader(goldText), "t.gold")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "talks" || docs[0].Title != "Talks" || !docs[1].None {
		t.Fatalf("docs: %+v", docs)
	}
	e := docs[0].Events[1]
	if e.Categories[0] != "SANCTION" || e.Categories[1] != "REJECT" || e.Mode != "discontinue" || e.Actors[0].Sector != "GOV" || e.Date != "2024-05" || e.Line != 9 {
		t.Errorf("event: %+v", e)
	}
	if !docs[0].Events[2].Secondary {
		t.Errorf("secondary not read")
	}
	if !strings.HasPrefix(docs[0].Text, "The US and Niger") {
		t.Errorf("text: %q", docs[0].Text)
	}
}

func TestReadGoldErrors(t *testing.T) {
	bad := "=== a\ndate: 2024-05-19\ntext:\nx\nevents:\nAGRE | USA | - | -\nAGREE | usa | - | -\nAGREE | USA | - | 2024-13\nAGREE | USA | -\n=== b\ntext:\ny\n"
	_, err := ReadGold(strings.NewReader(bad), "b.gold")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"b.gold:6: unknown category \"AGRE\"", "b.gold:7: entity \"usa\"", "b.gold:8: date \"2024-13\"", "b.gold:9: event line", "b.gold:10: document \"b\" has no \"events:\" line"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
}

func TestReadGSRMapsOldNames(t *testing.T) {
	f, err := os.Open("../../shared/reference/PLOVER_GSR_CAMEO.txt")
	if err != nil {
		t.Skip("PLOVER's GSR is not beside this checkout")
	}
	defer f.Close()
	docs, err := ReadAny(f, "gsr")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 322 {
		t.Errorf("%d documents, want 322", len(docs))
	}
	seen := map[string]bool{}
	for _, d := range docs {
		for _, e := range d.Events {
			seen[e.Categories[0]] = true
		}
	}
	for _, old := range []string{"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"} {
		if seen[old] {
			t.Errorf("old category %s not mapped", old)
		}
	}
	if !seen["REQUEST"] || !seen["ASSAULT"] || !seen["ACCUSE"] {
		t.Errorf("mapped categories missing: %v", seen)
	}
}

// The GSR's IGO is the UN's or the EU's code where its text names one of
// them, as PLOVER's manual now codes them; another body stays IGO.
func TestReadGSRReadsIGOAsTheManualDoes(t *testing.T) {
	gsr := `[{"id":"a","event":"AID","text":"The United Nations sent food to Chad.","source":[{"code":"IGO","sector":""}],"target":[{"code":"TCD","sector":""}]},
{"id":"b","event":"AID","text":"The European Community gave Chad aid.","source":[{"code":"IGO","sector":""}],"target":[{"code":"TCD","sector":""}]},
{"id":"c","event":"AID","text":"The African Union sent troops to Chad.","source":[{"code":"IGO","sector":""}],"target":[{"code":"TCD","sector":""}]}]`
	docs, err := ReadGSR(strings.NewReader(gsr), "gsr")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "UNO", "b": "EUR", "c": "IGO"}
	for _, d := range docs {
		if got := d.Events[0].Actors[0].Code; got != want[d.ID] {
			t.Errorf("%s: actor %s, want %s", d.ID, got, want[d.ID])
		}
	}
}

// fixed is a coder that returns canned events per document id.
type fixed map[string][]plover.Event

func (f fixed) Code(d document.Document) ([]plover.Event, error) { return f[d.ID], nil }

func ev(cat string, actors, recips []string, date string) plover.Event {
	e := plover.Event{Event: []string{cat}, Date: date, Text: "s"}
	for _, a := range actors {
		e.Actor = append(e.Actor, plover.Entity{Code: a})
	}
	for _, r := range recips {
		e.Recipient = append(e.Recipient, plover.Entity{Code: r})
	}
	return e
}

func TestScore(t *testing.T) {
	docs, err := ReadGold(strings.NewReader(goldText), "t.gold")
	if err != nil {
		t.Fatal(err)
	}
	c := fixed{
		"talks": {
			ev("CONSULT", []string{"NER", "USA"}, nil, "2024-05-19"),     // match
			ev("REJECT", []string{"FRA"}, []string{"MLI"}, "2024-05-01"), // accepted alternative
			ev("ACCUSE", []string{"FRA"}, []string{"MLI"}, "2024-05-19"), // secondary: no cost
			ev("ASSAULT", []string{"MLI"}, nil, "2024-05-19"),            // false alarm
		},
		"nothing": {ev("PROTEST", []string{"GBR"}, nil, "2024-05-19")}, // false alarm
	}
	rep := Score(docs, c)
	if rep.Overall != (Counts{TP: 2, FP: 2, FN: 0}) {
		t.Errorf("overall %+v", rep.Overall)
	}
	if rep.ByCategory["REJECT"].TP != 1 || rep.ByCategory["ASSAULT"].FP != 1 || rep.ByCategory["PROTEST"].FP != 1 {
		t.Errorf("by category %+v", rep.ByCategory)
	}
	if rep.Confusion["SANCTION"]["REJECT"] != 1 || rep.Confusion["-"]["ASSAULT"] != 1 {
		t.Errorf("confusion %+v", rep.Confusion)
	}
	if rep.DateOK != 2 || rep.DateN != 2 || rep.RecipientOK != 1 {
		t.Errorf("accuracy: date %d/%d recipient %d/%d", rep.DateOK, rep.DateN, rep.RecipientOK, rep.RecipientN)
	}
	var b bytes.Buffer
	rep.WriteTable(&b, 10)
	for _, want := range []string{"ALL", "False alarms (2)", "ASSAULT MLI -> -"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestScoreCountsMisses(t *testing.T) {
	docs, _ := ReadGold(strings.NewReader(goldText), "t.gold")
	rep := Score(docs, fixed{})
	if rep.Overall.FN != 2 || rep.Overall.TP != 0 || len(rep.Misses) != 2 {
		t.Errorf("%+v misses %d", rep.Overall, len(rep.Misses))
	}
}
