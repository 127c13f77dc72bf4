package server_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/document"
)

// TestEventMap looks at the events map in Chromium: country outlines with
// the countries of the events shaded, labels that overlap nothing, a size
// legend, links that keep the page's filters, a message where nothing is
// located, and "West" (the compass word a gazetteer resolves to
// Cameroon's West Region) left off the map.
func TestEventMap(t *testing.T) {
	ts, db := newServer(t, nil)
	seed(t, db, document.Document{ID: "west", Title: "Clashes in the west", Source: "Wire", Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Text: "Protesters clashed with police in the West on Monday, officials said.\n"})
	ctx := newBrowser(t)
	var outlines, shaded, dots, legendDots int
	var shadedCountries []string
	var labels [][4]float64
	var labelText []string
	var href string
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?sort=-date&distinct=1"),
		chromedp.WaitVisible(`#event-map`, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("#event-map path.land").length`, &outlines),
		chromedp.Evaluate(`document.querySelectorAll("#event-map path[class*=shade]").length`, &shaded),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#event-map path[class*=shade]")).map(function(p){return p.dataset.country})`, &shadedCountries),
		chromedp.Evaluate(`document.querySelectorAll("#event-map a > circle.dot").length`, &dots),
		chromedp.Evaluate(`document.querySelectorAll("#map-size-legend circle").length`, &legendDots),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#event-map text.ml")).map(function(t){var r=t.getBBox(); return [r.x, r.y, r.width, r.height]})`, &labels),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#event-map text.ml")).map(function(t){return t.textContent})`, &labelText),
		chromedp.AttributeValue(`#event-map a`, "href", &href, nil, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if outlines < 10 || shaded == 0 || dots == 0 || legendDots < 2 {
		t.Errorf("map: %d outlines, %d shaded (%v), %d places, %d circles in the size legend", outlines, shaded, shadedCountries, dots, legendDots)
	}
	for _, c := range shadedCountries {
		if c == "CMR" {
			t.Errorf("Cameroon is shaded for the events placed in \"West\"")
		}
	}
	for _, l := range labelText {
		if l == "West" {
			t.Errorf("\"West\" is labelled on the map")
		}
	}
	for i := range labels {
		for j := i + 1; j < len(labels); j++ {
			a, b := labels[i], labels[j]
			if a[0] < b[0]+b[2] && b[0] < a[0]+a[2] && a[1] < b[1]+b[3] && b[1] < a[1]+a[3] {
				t.Errorf("labels %q and %q overlap", labelText[i], labelText[j])
			}
		}
	}
	u, err := url.Parse(href)
	if err != nil || u.Query().Get("distinct") != "1" || u.Query().Get("place") == "" {
		t.Errorf("a place links to %q: want the page's filters and the place", href)
	}
	var total int
	if err := chromedp.Run(ctx, chromedp.Click(`#event-map a circle`, chromedp.ByQuery), chromedp.WaitVisible(`#events-total`, chromedp.ByID),
		chromedp.Evaluate(`parseInt(document.getElementById("events-total").textContent)`, &total)); err != nil || total == 0 {
		t.Errorf("clicking a place: %v, %d events", err, total)
	}

	var empty string
	var maps int
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?text=no+such+words+anywhere"),
		chromedp.WaitVisible(`#map-empty`, chromedp.ByID),
		chromedp.Text(`#map-empty`, &empty, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("svg.map").length`, &maps),
	)
	if err != nil || maps != 0 || !strings.Contains(empty, "No event") {
		t.Errorf("an empty result: %v, %d maps, message %q", err, maps, empty)
	}
}
