package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"dyad/plover"
	"dyad/store"
)

// manyEvents stores docs documents of perDoc events each, on a few days,
// with some events of one document in a cluster of another's.
func manyEvents(t *testing.T, db *store.DB, docs, perDoc int) {
	t.Helper()
	var items []store.Item
	for d := range docs {
		id := "d" + strconv.Itoa(d)
		evs := make([]plover.Event, perDoc)
		for i := range evs {
			evs[i] = fullEvent(id+"-"+strconv.Itoa(i), "2024-05-"+strconv.Itoa(10+(d+i)%5), "USA", []string{"NER", "MLI", "BFA"}[i%3], []string{"AGREE", "PROTEST"}[d%2])
			evs[i].Goldstein = float64((d*7 + i) % 11)
		}
		items = append(items, store.Item{Doc: doc(id, "", "Outlet "+strconv.Itoa(d%3), "text "+id), Events: evs})
	}
	put(t, db, items...)
}

// TestRecordsAreEachRecords checks that Records, which reads the events
// alone, gives the records EachRecord gives, in the same order, whatever
// the filter and the sort.
func TestRecordsAreEachRecords(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		manyEvents(t, db, 12, 7)
		for _, f := range []store.Filter{{}, {Sort: "-date"}, {Sort: "mentions"}, {Sort: "-mentions", Limit: 9},
			{Sort: "goldstein"}, {Category: "PROTEST"}, {Recipient: "MLI", Sort: "-goldstein"}, {Distinct: true}} {
			var want, got []string
			if err := db.EachRecord(ctx, f, func(r store.Row) error { want = append(want, string(r.Record)); return nil }); err != nil {
				t.Fatal(err)
			}
			if err := db.Records(ctx, f, func(rec []byte) error { got = append(got, string(rec)); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("filter %+v: Records gave %d records, EachRecord %d, or another order", f, len(got), len(want))
			}
		}
	})
}

// TestListsFindClustersOffTheirDay checks that an event whose cluster is
// stored under another day (a store damaged or written otherwise; lists
// and pages look clusters up by day first) still shows its cluster's
// counts, and is sorted by them.
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
		page, _, err := db.Page(ctx, store.Filter{}, store.Cursor{Offset: 1})
		if err != nil || len(page) != 2 || page[0].Mentions != 2 || page[1].Sources != 2 {
			t.Errorf("page from the second event: %+v, %v; want a1 twice, 2 mentions and 2 sources", page, err)
		}
		pair, _, err := db.PairEvents(ctx, store.Pair{A: "USA", B: "NER"}, "-date", 10, 0)
		if err != nil || len(pair) != 2 || pair[0].Mentions != 2 || pair[1].Sources != 2 {
			t.Errorf("events of the dyad: %+v, %v; want a1 twice, 2 mentions and 2 sources", pair, err)
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

// TestEachStopsAtFirstError checks that Each, which reads rows ahead of
// fn, calls fn no more after its first error and returns that error, and
// that a cancelled context ends it with an error that says so; the store
// is usable after either.
func TestEachStopsAtFirstError(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		manyEvents(t, db, 40, 30) // 1,200 events, several batches ahead
		stop := errors.New("enough")
		n := 0
		err := db.Each(context.Background(), store.Filter{}, func(store.Row) error {
			n++
			if n == 300 {
				return stop
			}
			return nil
		})
		if err != stop || n != 300 {
			t.Errorf("Each returned %v after %d rows, want %v after 300", err, n, stop)
		}
		ctx, cancel := context.WithCancel(context.Background())
		n = 0
		err = db.Each(ctx, store.Filter{}, func(store.Row) error {
			if n++; n == 10 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || strings.Count(err.Error(), "store:") != 1 {
			t.Errorf("Each with its context cancelled returned %v after %d rows", err, n)
		}
		rows, err := db.Query(context.Background(), store.Filter{})
		if err != nil || len(rows) != 1200 {
			t.Errorf("Query after: %d rows, %v", len(rows), err)
		}
	})
}
