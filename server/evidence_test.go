package server_test

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/document"
	"dyad/store"
)

// seedEvidence adds to the test store a second report of the example
// article (another outlet, a day later) and an article stored under an
// absolute file path whose event is dated after its publication.
func seedEvidence(t *testing.T, db *store.DB) {
	t.Helper()
	ex := exampleDoc(t)
	wire := document.Document{ID: "wire-us-niger", Title: "US troops to quit Niger by September", Source: "Sahel Wire",
		Date: ex.Date.AddDate(0, 0, 1), Text: strings.Replace(ex.Text, "NIAMEY, May 19 - ", "NIAMEY (Sahel Wire) - ", 1)}
	late := document.Document{ID: "/home/ana/news/junta.txt", Title: "Junta to expel envoy", Source: "Niamey Daily",
		Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Text: "Niger's junta will expel the French ambassador on September 15, officials said on Monday.\n"}
	seed(t, db, wire, late)
}

// TestEvidenceOneClickAway follows an event's link from the events list to
// its article: the address names the event, the page scrolls to its
// evidence and lights it up; the list shows publication dates, flags an
// event dated after its article, and groups the reports of one event.
func TestEvidenceOneClickAway(t *testing.T) {
	ts, db := newServer(t, nil)
	seedEvidence(t, db)

	// No page or answer shows the server's file path; the alias works.
	for _, path := range []string{"/events?source=niamey", "/documents", "/", "/api/v1/events?source=niamey", "/api/v1/documents", "/api/v1/events?source=niamey&format=csv", "/api/v1/events?source=niamey&format=jsonl"} {
		r := do(t, "GET", ts.URL+path, "", "")
		if r.status != 200 || strings.Contains(r.body, "/home/ana") || !strings.Contains(r.body, "junta.txt~") {
			t.Errorf("%s: %d, shows the path: %v, shows the alias: %v", path, r.status, strings.Contains(r.body, "/home/ana"), strings.Contains(r.body, "junta.txt~"))
		}
	}
	alias := regexp.MustCompile(`junta\.txt~[0-9a-f]{12}`).FindString(do(t, "GET", ts.URL+"/documents", "", "").body)
	if r := do(t, "GET", ts.URL+"/documents/"+alias, "", ""); r.status != 200 || !strings.Contains(r.body, "Junta to expel envoy") || strings.Contains(r.body, "/home/ana") {
		t.Errorf("/documents/%s: %d", alias, r.status)
	}
	if r := do(t, "GET", ts.URL+"/documents/%2Fhome%2Fana%2Fnews%2Fjunta.txt", "", ""); r.status != 404 {
		t.Errorf("a document asked for by its absolute path: %d, want 404", r.status)
	}
	if r := do(t, "GET", ts.URL+"/documents/junta.txt~000000000000", "", ""); r.status != 404 {
		t.Errorf("an alias of no document: %d, want 404", r.status)
	}

	// An article coded but not saved has no page of its own: its events
	// link to their evidence on the same page.
	form := url.Values{"text": {"Title: Unsaved\nDate: 2024-05-01\n\nNiger's junta will expel the French ambassador on September 15, officials said on Monday.\n"}}
	if r := do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form.Encode()); r.status != 200 ||
		!strings.Contains(r.body, `class="evlink" href="#event-1"`) || !strings.Contains(r.body, `id="event-1"`) || strings.Contains(r.body, `class="evlink" href="/documents/`) {
		t.Errorf("an unsaved article's events do not link to their evidence on its page (%d)", r.status)
	}

	ctx := newBrowser(t)
	var href, hash, targetID, pub, lateText string
	var targetMarks int
	var inView bool
	err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?actor=USA&category=CONCEDE&source=dyad"),
		chromedp.WaitVisible(`ol.events li.ev a.evlink`, chromedp.ByQuery),
		chromedp.AttributeValue(`ol.events li.ev a.evlink`, "href", &href, nil, chromedp.ByQuery),
		chromedp.Text(`ol.events li.ev .pub`, &pub, chromedp.ByQuery),
		chromedp.Click(`ol.events li.ev a.evlink`, chromedp.ByQuery),
		chromedp.WaitVisible(`#article mark.target`, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Evaluate(`document.querySelector(".ev:target") ? document.querySelector(".ev:target").id : ""`, &targetID),
		chromedp.Evaluate(`document.querySelectorAll("#article mark.target").length`, &targetMarks),
	)
	if err == nil {
		// The page scrolls once loaded: wait for the evidence to come into view.
		err = chromedp.Run(ctx, chromedp.Poll(`(function(){var r=document.querySelector("#article mark.target").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight})()`,
			&inView, chromedp.WithPollingTimeout(5*time.Second)))
		if errors.Is(err, chromedp.ErrPollingTimeout) {
			err = nil
		}
	}
	if err != nil {
		t.Fatalf("follow an event to its evidence: %v", err)
	}
	if !regexp.MustCompile(`^/documents/[^#]+#event-\d+$`).MatchString(href) || hash == "" || targetID != strings.TrimPrefix(hash, "#") {
		t.Errorf("event link %q led to %q, the targeted item is %q", href, hash, targetID)
	}
	if targetMarks == 0 || !inView {
		t.Errorf("the targeted event lit %d marks of its evidence, in view: %v", targetMarks, inView)
	}
	if !strings.Contains(pub, "2024-05-19") {
		t.Errorf("the event shows publication date %q, want 2024-05-19", pub)
	}

	// The event dated after its article is flagged, and its link works.
	var docTitle string
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?source=niamey"),
		chromedp.WaitVisible(`ol.events li.ev`, chromedp.ByQuery),
		chromedp.Text(`ol.events li.ev .late`, &lateText, chromedp.ByQuery),
		chromedp.Click(`ol.events li.ev a.evlink`, chromedp.ByQuery),
		chromedp.WaitVisible(`#article mark.target`, chromedp.ByQuery),
		chromedp.Text(`h1`, &docTitle, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("late event: %v", err)
	}
	if !strings.Contains(lateText, "after its article") || docTitle != "Junta to expel envoy" {
		t.Errorf("late event flagged %q, its link opened %q", lateText, docTitle)
	}

	// The two reports of the withdrawal are grouped.
	var reported string
	var distinct, all, also int
	var alsoFirst string
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/events?actor=USA&recipient=NER"),
		chromedp.WaitVisible(`ol.events a.reported`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.events li.ev").length`, &all),
		chromedp.Text(`ol.events a.reported`, &reported, chromedp.ByQuery),
		chromedp.Navigate(ts.URL+"/events?actor=USA&recipient=NER&distinct=1"),
		chromedp.WaitVisible(`ol.events`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.events li.ev").length`, &distinct),
		chromedp.Navigate(ts.URL+"/documents/wire-us-niger"),
		chromedp.WaitVisible(`.reports`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".reports li").length`, &also),
		chromedp.Text(`.reports li a`, &alsoFirst, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("grouped reports: %v", err)
	}
	if reported != "reported by 2 sources" || distinct == 0 || distinct >= all {
		t.Errorf("reports: %q; %d distinct events of %d", reported, distinct, all)
	}
	if also != 1 || !strings.Contains(alsoFirst, "Washington and Niamey") {
		t.Errorf("the wire's copy is also reported by %d documents, first %q; want the example article once", also, alsoFirst)
	}
}
