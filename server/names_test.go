package server_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNames drives what an analyst who knows names, not codes, does: look
// an actor up by name, read names beside codes, look a sector up in the
// glossary, filter by several categories and by quad class with the
// totals shown, and start from a home page that shows the store.
func TestNames(t *testing.T) {
	ts, db := newServer(t, nil)
	seedEvidence(t, db)
	ctx := newBrowser(t)

	var path, h1 string
	var found []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/actor"),
		chromedp.SetValue(`input[name=code]`, "Niger", chromedp.ByQuery),
		chromedp.Submit(`input[name=code]`, chromedp.ByQuery),
		chromedp.WaitVisible(`svg.network`, chromedp.ByQuery),
		chromedp.Evaluate(`location.pathname`, &path),
		chromedp.Text(`h1`, &h1, chromedp.ByQuery),
		chromedp.Navigate(ts.URL+"/actor?code=nig"),
		chromedp.WaitVisible(`ul.found`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("ul.found a")).map(function(a){return a.textContent})`, &found),
	)
	if err != nil {
		t.Fatal(err)
	}
	if path != "/actors/NER" || !strings.Contains(h1, "NER") || !strings.Contains(h1, "Niger") {
		t.Errorf(`looking up "Niger" led to %s, headed %q`, path, h1)
	}
	if strings.Join(found, " ") != "NER NGA" {
		t.Errorf(`"nig" found %v, want NER and NGA`, found)
	}
	if r := do(t, "GET", ts.URL+"/dyad?a=United+States&b=Niger", "", ""); r.status != 200 || !strings.Contains(r.body, `id="dyad-chart"`) {
		t.Errorf("a dyad asked for by names: %d", r.status)
	}

	// Names beside codes in the lists; the sectors explained.
	var names, cvl string
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?actor=USA&recipient=NER"),
		chromedp.WaitVisible(`ol.events`, chromedp.ByQuery),
		chromedp.Text(`ol.events li.ev .ev-head`, &names, chromedp.ByQuery),
		chromedp.Navigate(ts.URL+"/glossary"),
		chromedp.Text(`#sector-CVL`, &cvl, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(names, "United States") || !strings.Contains(names, "Niger") {
		t.Errorf("an event's head %q names neither side", names)
	}
	if !strings.Contains(cvl, "civilians") {
		t.Errorf("the glossary's CVL: %q", cvl)
	}

	// Several values per filter, the quad class, and totals.
	total := func(q string) (int, []string) {
		var n int
		var classes []string
		if err := chromedp.Run(ctx, chromedp.Navigate(ts.URL+"/events?"+q), chromedp.WaitVisible(`#events-total`, chromedp.ByQuery),
			chromedp.Evaluate(`parseInt(document.getElementById("events-total").textContent)`, &n),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.events li.ev")).map(function(e){return e.className})`, &classes)); err != nil {
			t.Fatal(err)
		}
		return n, classes
	}
	all, _ := total("")
	concede, _ := total("category=CONCEDE")
	threaten, _ := total("category=THREATEN")
	both, _ := total("category=CONCEDE,THREATEN")
	if concede == 0 || threaten == 0 || both < max(concede, threaten) || both > concede+threaten || both >= all {
		t.Errorf("CONCEDE %d, THREATEN %d, both %d, of %d events", concede, threaten, both, all)
	}
	q4, classes := total("quad=4")
	if q4 == 0 || q4 >= all {
		t.Errorf("quad=4 keeps %d of %d events", q4, all)
	}
	for _, c := range classes {
		if !strings.Contains(c, "q4") {
			t.Errorf("quad=4 lists an event of class %q", c)
		}
	}
	if n, _ := total("quad=1&quad=4"); n <= q4 || n >= all+1 {
		t.Errorf("quad=1&quad=4 keeps %d (quad 4 alone %d, all %d)", n, q4, all)
	}

	// The ranking of partners asks for a minimum of events.
	var ranked []int
	err = chromedp.Run(ctx, chromedp.Navigate(ts.URL+"/actors/NER"), chromedp.WaitVisible(`ol.partners`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.partners li .meta")).map(function(m){return parseInt(m.textContent.split(", ")[1])})`, &ranked))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ranked {
		if n < 3 {
			t.Errorf("a partner with %d events is ranked", n)
		}
	}

	// The home page shows the store.
	var dyads, actors, bars, docs int
	var firstDoc string
	err = chromedp.Run(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#top-dyads`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#top-dyads li a").length`, &dyads),
		chromedp.Evaluate(`document.querySelectorAll("#top-actors li a").length`, &actors),
		chromedp.Evaluate(`document.querySelectorAll("#activity rect").length`, &bars),
		chromedp.Evaluate(`document.querySelectorAll("#latest-docs li").length`, &docs),
		chromedp.Text(`#latest-docs li`, &firstDoc, chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	if dyads == 0 || actors == 0 || bars == 0 || docs == 0 || !regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).MatchString(firstDoc) {
		t.Errorf("home: %d dyads, %d actors, %d months of activity, %d documents (first %q)", dyads, actors, bars, docs, firstDoc)
	}
}
