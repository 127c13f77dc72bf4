package server_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWrongMethod asks pages and endpoints with a method they do not
// answer: 405 with the methods they do answer in Allow.
func TestWrongMethod(t *testing.T) {
	ts, _ := newServer(t, nil)
	for _, c := range []struct{ method, path, allow string }{
		{"POST", "/dyads/USA/NER", "GET, HEAD"},
		{"DELETE", "/api/v1/documents/us-niger-withdrawal", "GET, HEAD"},
		{"GET", "/api/v1/code", "POST"},
		{"PUT", "/events", "GET, HEAD"},
		{"POST", "/", "GET, HEAD"},
	} {
		r := do(t, c.method, ts.URL+c.path, "", "")
		if r.status != 405 || r.header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405, Allow %q", c.method, c.path, r.status, r.header.Get("Allow"), c.allow)
		}
	}
	if r := do(t, "POST", ts.URL+"/no/such/page", "", ""); r.status != 404 {
		t.Errorf("POST to no page: %d, want 404", r.status)
	}
}

// TestUnknownDyad: a pair no event involves is not found, as an unknown
// actor is; a known pair with no events in a period is.
func TestUnknownDyad(t *testing.T) {
	ts, _ := newServer(t, nil)
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/dyads/USA/ZZZ", 404},
		{"/api/v1/dyads/USA/ZZZ/series", 404},
		{"/dyads/USA/ZZZ?from=2020", 404},
		{"/actors/ZZZ", 404},
		{"/dyads/USA/NER", 200},
		{"/dyads/USA/NER?from=2001&to=2001", 200},
		{"/api/v1/dyads/USA/NER/series?from=2001&to=2001", 200},
	} {
		if r := do(t, "GET", ts.URL+c.path, "", ""); r.status != c.status {
			t.Errorf("%s: %d, want %d", c.path, r.status, c.status)
		}
	}
}

// TestCSVPublished: the CSV export names each event's publication date.
func TestCSVPublished(t *testing.T) {
	ts, _ := newServer(t, nil)
	r := do(t, "GET", ts.URL+"/api/v1/events?doc=us-niger-withdrawal&format=csv", "", "")
	recs, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("CSV: %v, %d rows", err, len(recs))
	}
	col := -1
	for i, h := range recs[0] {
		if h == "published" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no published column in %v", recs[0])
	}
	for _, rec := range recs[1:] {
		if rec[col] != "2024-05-19" {
			t.Errorf("event %s published %q, want 2024-05-19", rec[0], rec[col])
		}
	}
}

// TestPhoneWidth opens every page at a phone's width (390 px): nothing is
// wider than the screen, so nothing needs scrolling sideways.
func TestPhoneWidth(t *testing.T) {
	ts, db := newServer(t, nil)
	seedEvidence(t, db)
	ctx := newBrowser(t)
	if err := chromedp.Run(ctx, viewport(390, 844, true)); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/code", "/dyads/USA/NER", "/dyad", "/actors/NER", "/actor", "/events", "/events?actor=USA",
		"/documents", "/documents/us-niger-withdrawal", "/documents/wire-us-niger", "/no/such/page"} {
		var sw, iw int
		var wide string
		err := chromedp.Run(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitReady("footer", chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &sw), chromedp.Evaluate(`innerWidth`, &iw),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("body *")).filter(function(e){return e.getBoundingClientRect().right > 391}).slice(-4).map(function(e){return e.tagName + "." + e.className + "(" + Math.round(e.getBoundingClientRect().right) + ")"}).join(" ")`, &wide))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if iw != 390 || sw > iw {
			t.Errorf("%s at %d px is %d px wide (wider: %s)", path, iw, sw, wide)
		}
	}
}
