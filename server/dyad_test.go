package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
)

// seedSeries stores two years of events between USA and NER, one
// document a month, with a month left empty, long labels and severities
// that rise over time, and an event where the two act together on a
// third country.
func seedSeries(t *testing.T, db *store.DB) {
	t.Helper()
	c := testCoder(t)
	joint := document.Document{ID: "joint-accusation", Title: "Washington and Niamey condemn Tbilisi", Source: "Wire",
		Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Text: "The United States and Niger condemned Georgia on Monday over its crackdown on protesters.\n"}
	evs, err := c.Code(joint)
	if err != nil {
		t.Fatal(err)
	}
	items := []store.Item{{Doc: joint, Origin: "test", Events: evs}}
	cats := []struct {
		cat   string
		quad  int
		scale float64
	}{{"CONSULT", 1, 2.5}, {"ACCUSE", 3, -3.5}, {"SANCTION", 4, -6}, {"AID", 2, 10}, {"THREATEN", 3, -3.5}, {"COERCE", 4, -7}}
	for m := 0; m < 24; m++ {
		if m == 10 {
			continue // a month without events
		}
		day := time.Date(2022, time.Month(1+m), 15, 0, 0, 0, 0, time.UTC)
		id := fmt.Sprintf("series-%02d", m)
		text := fmt.Sprintf("Officials said so in report %02d.", m)
		var evs []plover.Event
		for k := 0; k < 3; k++ {
			c := cats[(m+k)%len(cats)]
			a, b := "USA", "NER"
			if k == 1 {
				a, b = b, a
			}
			evs = append(evs, plover.Event{ID: fmt.Sprintf("%s-%d", id, k+1), DocID: id, Date: day.Format("2006-01-02"),
				Actor: []plover.Entity{{Code: a, EntityText: a}}, Recipient: []plover.Entity{{Code: b, EntityText: b}},
				Event: []string{c.cat}, Mode: []string{"long-descriptive-mode"}, QuadCode: c.quad, EventScale: c.scale * (1 + float64(m)/100),
				Text: text, TextInfo: plover.TextInfo{Start: 0, End: len(text)}})
		}
		items = append(items, store.Item{Doc: document.Document{ID: id, Title: "Month " + id, Source: "Wire", Date: day, Text: text + "\n"},
			Origin: "test", Events: evs})
	}
	put(t, db, items)
}

// TestDyadDirections counts a dyad's events one way, the other, and both,
// leaving out an event where the two act together on a third.
func TestDyadDirections(t *testing.T) {
	ts, db := newServer(t, nil)
	seedSeries(t, db)
	total := func(q string) int {
		r := do(t, "GET", ts.URL+"/api/v1/dyads/USA/NER/series"+q, "", "")
		var v struct {
			Data struct{ Total int } `json:"data"`
		}
		if err := json.Unmarshal([]byte(r.body), &v); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %v", q, r.status, err)
		}
		return v.Data.Total
	}
	ab, ba, both := total("?dir=ab"), total("?dir=ba"), total("")
	// A two-sided act ("the two governments agreed") counts each way,
	// and once in both.
	if ab == 0 || ba == 0 || both < max(ab, ba) || both > ab+ba {
		t.Errorf("USA→NER %d, NER→USA %d, both %d; want both between the larger and the sum", ab, ba, both)
	}
	if r := do(t, "GET", ts.URL+"/events?actor=USA&recipient=GEO", "", ""); !strings.Contains(r.body, "Georgia") {
		t.Fatalf("the joint accusation of Georgia is not stored")
	}
	r := do(t, "GET", ts.URL+"/api/v1/dyads/USA/NER/events?limit=500&from=2024-04&to=2024-05", "", "")
	if strings.Contains(r.body, "joint-accusation") {
		t.Errorf("an event where USA and NER act together on Georgia counts in their dyad")
	}
	if r := do(t, "GET", ts.URL+"/api/v1/dyads/USA/NER/series?dir=sideways", "", ""); r.status != 400 {
		t.Errorf("dir=sideways: %d", r.status)
	}
}

// TestDyadChart looks at the dyad page in Chromium: directions to pick,
// notable events named across the whole series without overlapping, the
// newest events first, the mean line broken over an empty month, the
// caption's colours those of the legend; and the chart opened alone as
// an SVG file keeps its styles.
func TestDyadChart(t *testing.T) {
	ts, db := newServer(t, nil)
	seedSeries(t, db)
	ctx := newBrowser(t)
	var notes [][4]float64
	var noteMonths []string
	var dates []string
	var lines int
	var dirs []string
	var swatches, legendFills []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/dyads/USA/NER"),
		chromedp.WaitVisible(`#dyad-chart`, chromedp.ByID),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#dyad-chart .note text")).map(function(t){var r=t.getBBox(); return [r.x, r.y, r.width, r.height]})`, &notes),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#dyad-chart .note text")).map(function(t){return t.textContent})`, &noteMonths),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.events li.ev .date")).map(function(d){return d.textContent})`, &dates),
		chromedp.Evaluate(`document.querySelectorAll("#dyad-chart polyline.scale-line").length`, &lines),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("nav.dirs a")).map(function(a){return a.textContent})`, &dirs),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#dyad-caption .sw")).map(function(s){return getComputedStyle(s).backgroundColor})`, &swatches),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#dyad-chart rect.lg")).map(function(r){var s=document.createElement("span"); s.style.color=r.getAttribute("fill"); document.body.appendChild(s); var c=getComputedStyle(s).color; s.remove(); return c})`, &legendFills),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(dirs, "|") != "USA ⇄ NER|USA → NER|NER → USA" {
		t.Errorf("direction links %q", dirs)
	}
	if len(notes) < 4 {
		t.Errorf("%d notable events named (%v), want several across the series", len(notes), noteMonths)
	}
	for i := range notes {
		for j := i + 1; j < len(notes); j++ {
			a, b := notes[i], notes[j]
			if a[0] < b[0]+b[2] && b[0] < a[0]+a[2] && a[1] < b[1]+b[3] && b[1] < a[1]+a[3] {
				t.Errorf("notes %q and %q overlap", noteMonths[i], noteMonths[j])
			}
		}
	}
	// The severities rise over time: the notes come from late in the
	// series, not from the oldest events.
	late := 0
	for _, l := range noteMonths {
		if strings.Contains(l, "COERCE") || strings.Contains(l, "SANCTION") || strings.Contains(l, "AID") {
			late++
		}
	}
	if late == 0 {
		t.Errorf("no note names one of the most severe events: %q", noteMonths)
	}
	for i := 1; i < len(dates); i++ {
		if dates[i] > dates[i-1] {
			t.Errorf("event %d dated %s after the one before it, %s: want newest first", i, dates[i], dates[i-1])
			break
		}
	}
	if lines < 2 {
		t.Errorf("the mean line is drawn in %d pieces, want it broken over the empty month", lines)
	}
	if len(swatches) != 4 || fmt.Sprint(swatches) != fmt.Sprint(legendFills) {
		t.Errorf("caption colours %v, legend colours %v", swatches, legendFills)
	}

	// The chart alone, as a report would embed it.
	var lineFill, titleWeight string
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/charts/dyad.svg?a=USA&b=NER&dir=ab"),
		chromedp.WaitReady(`polyline`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector("polyline.scale-line")).fill`, &lineFill),
		chromedp.Evaluate(`getComputedStyle(document.querySelector("text.ct")).fontWeight`, &titleWeight),
	)
	if err != nil {
		t.Fatal(err)
	}
	if lineFill != "none" || titleWeight != "600" {
		t.Errorf("the standalone chart draws its line filled %q and its title weighted %q: its styles are missing", lineFill, titleWeight)
	}
}
