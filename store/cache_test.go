package store

import (
	"context"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// TestWholeListsGiveTheCacheBack checks that the connection a whole list
// read with exportCache's page cache goes back to the pool with the cache
// it had, so that pages and lists do not each keep 16 MiB.
func TestWholeListsGiveTheCacheBack(t *testing.T) {
	ctx := context.Background()
	db := tempStore(t)
	// The writer keeps a connection of its own; the list's connection is
	// the other one, checked after.
	db.db.SetMaxOpenConns(2)
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	if _, err := db.Put(ctx, []Item{{Doc: document.Document{ID: "a", Date: day, Text: "one"},
		Events: []plover.Event{{ID: "a1", Date: "2024-05-19", Event: []string{"CONSULT"}}}}}); err != nil {
		t.Fatal(err)
	}
	cache := func() int {
		var n int
		if err := db.db.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	was := cache()
	if err := db.Each(ctx, Filter{}, func(Row) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got := cache(); got != was || got == -exportCache {
		t.Errorf("cache_size after a list = %d, want %d as before", got, was)
	}
}
