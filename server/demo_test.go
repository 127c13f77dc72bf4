package server_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"dyad/server"
	"dyad/store"
)

// TestEmptyStoreOffersExamples opens the home page of an empty store, as
// a newcomer's first run does: it offers the example articles, and one
// click fills the store and shows them.
func TestEmptyStoreOffersExamples(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := server.New(server.Config{Store: db, Coder: testCoder(t), Dict: shared.d, Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })

	ctx := newBrowser(t)
	var before, after, dyads, docs int
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`#load-examples`, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("#latest-docs li a[href^=\"/documents/\"]").length`, &before),
		chromedp.Click(`#load-examples`, chromedp.ByID),
		chromedp.WaitVisible(`#top-dyads li a`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#load-examples").length`, &after),
		chromedp.Evaluate(`document.querySelectorAll("#top-dyads li a").length`, &dyads),
		chromedp.Evaluate(`document.querySelectorAll("#latest-docs li a").length`, &docs),
	)
	if err != nil {
		t.Fatal(err)
	}
	if before != 0 || after != 0 || dyads == 0 || docs == 0 {
		t.Errorf("documents before %d; after loading: button shown %d, %d top dyads, %d documents", before, after, dyads, docs)
	}
	// A store with documents is left alone.
	if r := do(t, "POST", ts.URL+"/examples", "", ""); r.status != 409 {
		t.Errorf("loading the examples again: %d, want 409", r.status)
	}
}
