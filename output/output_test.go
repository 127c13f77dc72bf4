package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"dyad/plover"
)

func sample() []plover.Event {
	text := "Mali expelled the French ambassador."
	return []plover.Event{{
		ID: "d-1", DocID: "d", Date: "2024-05-19", DatePrecision: "day",
		Actor:     []plover.Entity{{Code: "MLI", EntityText: "", Start: 0, End: 4}},
		Recipient: []plover.Entity{{Code: "FRA", Sector: "GOV", Start: 18, End: 35}},
		Event:     []string{"SANCTION"}, Mode: []string{"expel"}, Context: []string{"diplomatic"},
		QuadCode: 4, EventScale: -5.5, EventText: []string{"expelled ambassador"}, Text: text,
		TextInfo: plover.TextInfo{Start: 0, End: len(text)}, Cameo: "166", Goldstein: -4, Rule: "events.txt:1",
	}}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats {
		var b bytes.Buffer
		w, err := New(&b, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(sample()); err != nil {
			t.Fatal(err)
		}
		w.Close()
		out := b.String()
		switch f {
		case "jsonl":
			var m map[string]any
			if err := json.Unmarshal([]byte(out), &m); err != nil || m["event"].([]any)[0] != "SANCTION" {
				t.Errorf("jsonl: %v %s", err, out)
			}
		case "csv":
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(recs) != 2 || recs[1][10] != "MLI" || recs[1][13] != "French ambassador" {
				t.Errorf("csv: %v %q", err, recs)
			}
		case "cameo":
			if out != "20240519\tMLI\tFRAGOV\t166\t-4\tSANCTION\t4\td-1\n" {
				t.Errorf("cameo: %q", out)
			}
		case "table", "explain":
			if !strings.Contains(out, "SANCTION") || !strings.Contains(out, "FRA GOV") {
				t.Errorf("%s: %s", f, out)
			}
		}
	}
	if _, err := New(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func ExampleNew() {
	w, _ := New(os.Stdout, "cameo")
	w.Write(sample())
	w.Close()
	fmt.Println("done")
	// Output:
	// 20240519	MLI	FRAGOV	166	-4	SANCTION	4	d-1
	// done
}
