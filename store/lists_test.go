package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"dyad/plover"
	"dyad/store"
)

// TestListsFindClustersOffTheirDay checks that an event whose cluster is
// stored under another day (a store damaged or written otherwise; lists
// look clusters up by day first) still shows its cluster's counts, and is
// sorted by them.
func TestListsFindClustersOffTheirDay(t *testing.T) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		ctx := context.Background()
		big := fullEvent("a1", "2024-05-19", "USA", "NER", "AGREE")
		put(t, db,
			store.Item{Doc: doc("a", "", "Outlet A", "text a"), Events: []plover.Event{big, fullEvent("a2", "2024-05-18", "USA", "MLI", "PROTEST")}},
			store.Item{Doc: doc("b", "", "Outlet B", "text b"), Events: []plover.Event{big}},
		)
		id := store.ClusterID(big)
		if _, err := raw().ExecContext(ctx, rawQ(db, "UPDATE clusters SET date = '2023-01-01' WHERE id = ?"), id); err != nil {
			t.Fatal(err)
		}
		for _, sort := range []string{"", "-mentions", "mentions"} {
			var got []string
			err := db.Each(ctx, store.Filter{Sort: sort}, func(r store.Row) error {
				got = append(got, fmt.Sprintf("%s %d %d", r.Event.ID, r.Mentions, r.Sources))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{
				"":          {"a2 1 1", "a1 2 2", "a1 2 2"},
				"-mentions": {"a1 2 2", "a1 2 2", "a2 1 1"},
				"mentions":  {"a2 1 1", "a1 2 2", "a1 2 2"},
			}[sort]
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sort %q: %q, want %q", sort, got, want)
			}
		}
	})
}

// rawQ writes a query with ? placeholders for db's backend.
func rawQ(db *store.DB, q string) string {
	if db.Backend() == "postgres" {
		return strings.ReplaceAll(q, "?", "$1")
	}
	return q
}
