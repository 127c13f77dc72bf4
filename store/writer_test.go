package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

func TestSortByKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		cols string
		key  int
		in   []any
		want []any
	}{
		{"by pair then date", "a, b, date, ord", 3,
			[]any{"USA", "NER", "2024-05-02", 1, "FRA", "", "2024-05-01", 2, "USA", "NER", "2024-05-01", 3, "FRA", "USA", "2024-06-01", 4},
			[]any{"FRA", "", "2024-05-01", 2, "FRA", "USA", "2024-06-01", 4, "USA", "NER", "2024-05-01", 3, "USA", "NER", "2024-05-02", 1}},
		{"ties keep their order", "a, ord", 1,
			[]any{"b", 1, "a", 2, "b", 3, "a", 4},
			[]any{"a", 2, "a", 4, "b", 1, "b", 3}},
		{"int column ordered as numbers", "doc, ord, a, n", 2,
			[]any{"d1", 10, "x", 0, "d1", 9, "y", 0},
			[]any{"d1", 9, "y", 0, "d1", 10, "x", 0}},
		{"unkeyed rows keep their order", "a, ord", 0,
			[]any{"b", 1, "a", 2},
			[]any{"b", 1, "a", 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRows("t", tc.cols, "")
			r.key = tc.key
			r.args = slices.Clone(tc.in)
			r.sortByKey()
			if !slices.Equal(r.args, tc.want) {
				t.Errorf("sorted %v, want %v", r.args, tc.want)
			}
		})
	}
}

// TestWriterKeepsItsConnection checks that SQLite's write transactions
// run on one connection with writerCache's page cache, which the speed
// of ingest depends on, and that a writer that gave up (its context
// cancelled) gives it back.
func TestWriterKeepsItsConnection(t *testing.T) {
	ctx := context.Background()
	db := tempStore(t)
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	item := func(id string) []Item {
		return []Item{{Doc: document.Document{ID: id, Date: day, Text: "text of " + id},
			Events: []plover.Event{{ID: id + "1", Date: "2024-05-19", Event: []string{"CONSULT"}}}}}
	}
	if _, err := db.Put(ctx, item("a")); err != nil {
		t.Fatal(err)
	}
	first := db.wconn
	if first == nil {
		t.Fatal("no writer connection kept after a Put")
	}
	var n int
	if err := first.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != -writerCache {
		t.Errorf("writer's cache_size = %d, want %d", n, -writerCache)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Put(cancelled, item("b")); err == nil {
		t.Fatal("Put with a cancelled context succeeded")
	}
	done := make(chan error, 1)
	go func() { _, err := db.Put(ctx, item("c")); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Put after a cancelled one still waits for the writer's connection")
	}
	if db.wconn != first {
		t.Error("the writer changed connections between good transactions")
	}
	if ids, err := db.DocumentIDs(ctx); err != nil || !slices.Equal(ids, []string{"a", "c"}) {
		t.Errorf("stored %v (%v), want a and c", ids, err)
	}
}
