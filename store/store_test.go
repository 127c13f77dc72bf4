package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
	"dyad/store/storetest"
)

// backends runs fn once per backend: SQLite always, PostgreSQL when
// DYAD_TEST_POSTGRES names a server (each test gets a schema of its own).
func backends(t *testing.T, fn func(t *testing.T, open func() *store.DB)) {
	t.Helper()
	backendsRaw(t, func(t *testing.T, open func() *store.DB, _ func() *sql.DB) { fn(t, open) })
}

// backendsRaw is backends that also hands fn a way to reach the database
// under the store with plain SQL, to damage it as a failing disk or a
// hand edit would.
func backendsRaw(t *testing.T, fn func(t *testing.T, open func() *store.DB, raw func() *sql.DB)) {
	t.Helper()
	rawOpen := func(t *testing.T, driver, dsn string) func() *sql.DB {
		return func() *sql.DB {
			db, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "dyad.db")
		fn(t, func() *store.DB { return mustOpen(t, path) }, rawOpen(t, "sqlite", path))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := PostgresDSN(t)
		t.Parallel()
		fn(t, func() *store.DB { return mustOpen(t, dsn) }, rawOpen(t, "pgx", dsn))
	})
}

// PostgresDSN returns a DSN for a fresh schema of the test server, or skips.
func PostgresDSN(t *testing.T) string { return storetest.PostgresDSN(t) }

func mustOpen(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fullEvent sets every field of plover.Event.
func fullEvent(id, date, actor, recipient, category string) plover.Event {
	return plover.Event{
		ID:   id,
		Date: date,
		Actor: []plover.Entity{{Code: actor, Sector: "GOV", EntityText: "the " + actor + " government",
			IdentifierText: "government", Office: "minister", Start: 0, End: 10}},
		Recipient:  []plover.Entity{{Code: recipient, Sector: "MIL", EntityText: recipient + " army", Start: 20, End: 30}},
		Event:      []string{category},
		Mode:       []string{"mode1"},
		Context:    []string{"military", "economic"},
		QuadCode:   1,
		EventScale: 2.5,
		EventText:  []string{"signed"},
		EventLoc: &plover.Location{ExtractedPlace: "Niamey", ResolvedPlace: "Niamey, Niger", Lat: 13.5, Lon: 2.1,
			Province: "Niamey", Country: "Niger", CountryCode: "NER", FeatureClass: "P", FeatureCode: "PPLC",
			Resolution: 3, Start: 40, End: 46},
		Text:          "The " + actor + " government signed a deal with the " + recipient + " army in Niamey.",
		TextInfo:      plover.TextInfo{Sequence: 0, Start: 0, End: 60},
		CiteInfo:      plover.CiteInfo{URL: "https://example.org/a", Title: "A", Publication: "Example", Coder: "dyad", Codebook: "PLOVER"},
		DatePrecision: "day",
		Deadline:      "2024-09-15",
		Attribution:   []plover.Entity{{Code: "NERGOV", EntityText: "officials", Start: 50, End: 59}},
		Cameo:         "057",
		Goldstein:     8,
		EventSpans:    []plover.Span{{Start: 11, End: 17}},
		Rule:          "verbs.yaml:12",
	}
}

func doc(id, url, source, text string) document.Document {
	return document.Document{ID: id, URL: url, Source: source, Title: "Title " + id, Text: text,
		Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)}
}

func put(t *testing.T, db *store.DB, items ...store.Item) []store.Result {
	t.Helper()
	res, err := db.Put(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func counts(t *testing.T, db *store.DB) store.Counts {
	t.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMigrations(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		db2 := open() // a second open finds the schema current
		put(t, db2, store.Item{Doc: doc("d1", "", "X", "some text")})
		if c := counts(t, db); c.Documents != 1 {
			t.Fatalf("documents = %d, want 1", c.Documents)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	if err := os.WriteFile(corrupt, []byte(strings.Repeat("this is not a database\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"corrupt file", corrupt, "not a database"},
		{"empty path", "", "empty database path"},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		tests = append(tests, struct{ name, path, want string }{"unwritable directory", filepath.Join(ro, "sub", "x.db"), "permission denied"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := store.Open(context.Background(), tc.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", tc.path)
			}
			if !strings.HasPrefix(err.Error(), "store: open") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want prefix %q and %q", err, "store: open", tc.want)
			}
		})
	}
}

func TestRoundTripEveryField(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ev := fullEvent("e1", "2024-05-19", "USA", "NER", "AGREE")
		d := doc("d1", "https://example.org/a", "Example", "The USA government signed a deal with the NER army in Niamey.")
		res := put(t, db, store.Item{Doc: d, Origin: "test", Events: []plover.Event{ev}})
		if res[0].Err != nil || res[0].Outcome != store.Inserted || res[0].DocID != "d1" {
			t.Fatalf("result %+v", res[0])
		}
		rows, err := db.Query(context.Background(), store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		want := ev
		want.DocID = "d1"
		if !reflect.DeepEqual(rows[0].Event, want) {
			t.Errorf("stored event differs:\n got %+v\nwant %+v", rows[0].Event, want)
		}
		if rows[0].Source != "Example" || rows[0].Title != "Title d1" || rows[0].Mentions != 1 || rows[0].Sources != 1 {
			t.Errorf("row context %+v", rows[0])
		}
		got, err := db.Document(context.Background(), "d1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("document:\n got %+v\nwant %+v", got, d)
		}
		sents, err := db.Sentences(context.Background(), "d1")
		if err != nil || len(sents) != 1 || sents[0].Text != ev.Text || sents[0].End != 60 {
			t.Errorf("sentences %+v, %v", sents, err)
		}
		if _, err := db.Document(context.Background(), "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing document: %v, want ErrNotFound", err)
		}
	})
}

func TestReplaceEventsAtomically(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		e1 := fullEvent("e1", "2024-05-19", "USA", "NER", "AGREE")
		e2 := fullEvent("e2", "2024-05-19", "NER", "USA", "CONSULT")
		put(t, db, store.Item{Doc: doc("d1", "", "X", "first text"), Events: []plover.Event{e1, e2}})

		// Same ID, new text, replacement asked for: events replaced.
		res := put(t, db, store.Item{Doc: doc("d1", "", "X", "second text"), Events: []plover.Event{e2}, Replace: true})
		if res[0].Outcome != store.Replaced {
			t.Fatalf("outcome %v, want replaced", res[0].Outcome)
		}
		if c := counts(t, db); c.Events != 1 || c.Documents != 1 || c.Clusters != 1 {
			t.Fatalf("after replace: %+v", c)
		}
		// Same text again: unchanged, nothing written.
		res = put(t, db, store.Item{Doc: doc("d1", "", "X", "second text"), Events: []plover.Event{e1, e2}})
		if res[0].Outcome != store.Unchanged {
			t.Fatalf("outcome %v, want unchanged", res[0].Outcome)
		}
		// Forced (recode): replaced even though the text is the same.
		res = put(t, db, store.Item{Doc: doc("d1", "", "X", "second text"), Events: []plover.Event{e1, e2}, Force: true})
		if res[0].Outcome != store.Replaced || counts(t, db).Events != 2 {
			t.Fatalf("forced: %v, %+v", res[0].Outcome, counts(t, db))
		}

		// A replacement that fails halfway (the second event cannot be
		// encoded) leaves the old events and text in place, and the other
		// items of the batch are stored.
		bad := e1
		bad.Goldstein = math.NaN()
		res = put(t, db,
			store.Item{Doc: doc("d1", "", "X", "third text"), Events: []plover.Event{e1, bad}, Replace: true},
			store.Item{Doc: doc("d2", "", "X", "other text"), Events: []plover.Event{e1}},
			store.Item{Doc: doc("d3", "", "X", "   ")},
		)
		if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "store: put d1: event 1") {
			t.Fatalf("bad item error %v", res[0].Err)
		}
		if res[1].Err != nil || res[1].Outcome != store.Inserted {
			t.Fatalf("good item %+v", res[1])
		}
		if res[2].Err == nil || !strings.Contains(res[2].Err.Error(), "empty text") {
			t.Fatalf("empty item error %v", res[2].Err)
		}
		d1, _ := db.Document(ctx, "d1")
		if d1.Text != "second text" {
			t.Fatalf("text after failed replace = %q", d1.Text)
		}
		rows, _ := db.Query(ctx, store.Filter{DocID: "d1"})
		if len(rows) != 2 || rows[0].Event.ID != "e1" || rows[1].Event.ID != "e2" {
			t.Fatalf("events after failed replace: %d", len(rows))
		}

		if err := db.ReplaceEvents(ctx, "d1", nil); err != nil {
			t.Fatal(err)
		}
		if rows, _ := db.Query(ctx, store.Filter{DocID: "d1"}); len(rows) != 0 {
			t.Fatalf("%d events after ReplaceEvents(nil)", len(rows))
		}
		if err := db.ReplaceEvents(ctx, "missing", nil); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("ReplaceEvents(missing) = %v", err)
		}
	})
}

func TestDeduplicate(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		text := "Niger and the United States agreed on Sunday to withdraw troops."
		ev := fullEvent("e1", "2024-05-19", "USA", "NER", "AGREE")
		a := doc("", "https://a.example/story", "Outlet A", text)
		k := store.Key{ID: store.DocID(a), URL: a.URL, Hash: store.Hash(a.Text)}
		if st, err := db.Check(ctx, k); err != nil || st != store.New {
			t.Fatalf("Check before = %v, %v", st, err)
		}
		put(t, db, store.Item{Doc: a, Events: []plover.Event{ev}})
		if st, _ := db.Check(ctx, k); st != store.Known {
			t.Fatalf("Check after = %v, want Known", st)
		}

		// The same article fetched twice.
		if r := put(t, db, store.Item{Doc: a, Events: []plover.Event{ev}}); r[0].Outcome != store.Unchanged {
			t.Fatalf("refetch: %v", r[0].Outcome)
		}
		// Reprinted elsewhere, with other spacing and punctuation.
		b := doc("", "https://b.example/reprint?id=7", "Outlet B", "  Niger and the United States agreed on Sunday, to withdraw troops!\n")
		kb := store.Key{ID: store.DocID(b), URL: b.URL, Hash: store.Hash(b.Text)}
		if st, _ := db.Check(ctx, kb); st != store.Reprint {
			t.Fatalf("Check reprint = %v", st)
		}
		r := put(t, db, store.Item{Doc: b})
		if r[0].Outcome != store.Duplicate || r[0].DocID != store.DocID(a) {
			t.Fatalf("reprint: %+v", r[0])
		}
		if st, _ := db.Check(ctx, kb); st != store.Known {
			t.Fatalf("Check reprint after = %v, want Known", st)
		}
		c := counts(t, db)
		if c.Documents != 1 || c.Sources != 2 || c.Events != 1 {
			t.Fatalf("counts %+v", c)
		}
		srcs, err := db.Sources(ctx, store.DocID(a))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Outlet A https://a.example/story", "Outlet B https://b.example/reprint?id=7"}
		if !reflect.DeepEqual(srcs, want) {
			t.Fatalf("sources %q, want %q", srcs, want)
		}
		// The reprint is a second mention from a second source.
		rows, _ := db.Query(ctx, store.Filter{})
		if rows[0].Mentions != 2 || rows[0].Sources != 2 {
			t.Fatalf("cluster counts %d/%d, want 2/2", rows[0].Mentions, rows[0].Sources)
		}
	})
}

func TestClusters(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		same1 := fullEvent("a1", "2024-05-19", "USA", "NER", "AGREE")
		same2 := fullEvent("b1", "2024-05-19T10:00:00Z", "USA", "NER", "AGREE")
		other := fullEvent("b2", "2024-05-20", "USA", "NER", "AGREE")
		put(t, db,
			store.Item{Doc: doc("a", "", "Outlet A", "text a"), Events: []plover.Event{same1}},
			store.Item{Doc: doc("b", "", "Outlet B", "text b"), Events: []plover.Event{same2, other}},
			store.Item{Doc: doc("c", "", "Outlet A", "text c"), Events: []plover.Event{same1}},
		)
		id := store.ClusterID(same1)
		if store.ClusterID(same2) != id || store.ClusterID(other) == id {
			t.Fatal("cluster keys")
		}
		m, s, err := db.Cluster(ctx, id)
		if err != nil || m != 3 || s != 2 {
			t.Fatalf("cluster = %d mentions, %d sources, %v; want 3, 2", m, s, err)
		}
		// Recoding b without the event takes it out of the cluster.
		put(t, db, store.Item{Doc: doc("b", "", "Outlet B", "text b"), Events: []plover.Event{other}, Force: true})
		if m, s, _ := db.Cluster(ctx, id); m != 2 || s != 1 {
			t.Fatalf("after recode = %d, %d; want 2, 1", m, s)
		}
		if c := counts(t, db); c.Clusters != 2 {
			t.Fatalf("clusters = %d", c.Clusters)
		}
		rows, _ := db.Query(ctx, store.Filter{Sort: "-mentions", Limit: 1})
		if len(rows) != 1 || rows[0].Cluster != id || rows[0].Mentions != 2 {
			t.Fatalf("top row %+v", rows)
		}
	})
}

// TestClusterCountsAcrossBatches checks every cluster's counts against
// the events and sources stored, after batches whose new documents open
// clusters of their own (counted as they are queued), fall in clusters
// stored by an earlier batch, and gain a source from a reprint or another
// URL later in the same batch (recounted from the database).
func TestClusterCountsAcrossBatches(t *testing.T) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		ctx := context.Background()
		ev := func(id, date, actor string) plover.Event { return fullEvent(id, date, actor, "NER", "AGREE") }
		put(t, db,
			store.Item{Doc: doc("a", "", "Outlet A", "text a"), Events: []plover.Event{ev("a1", "2024-05-01", "USA")}},
			store.Item{Doc: doc("b", "", "Outlet B", "text b"), Events: []plover.Event{ev("b1", "2024-05-01", "USA"), ev("b2", "2024-05-02", "USA")}})
		put(t, db,
			// In a cluster of the first batch.
			store.Item{Doc: doc("c", "", "Outlet A", "text c"), Events: []plover.Event{ev("c1", "2024-05-01", "USA")}},
			// New clusters, one with two events of d and one of e.
			store.Item{Doc: doc("d", "", "Outlet C", "text d"), Events: []plover.Event{ev("d1", "2024-05-03", "FRA"), ev("d2", "2024-05-03", "FRA")}},
			store.Item{Doc: doc("e", "", "Outlet D", "text e"), Events: []plover.Event{ev("e1", "2024-05-03", "FRA"), ev("e2", "2024-05-04", "FRA")}},
			store.Item{Doc: doc("g", "https://g.example/1", "Outlet G", "text g"), Events: []plover.Event{ev("g1", "2024-05-05", "FRA")}},
			// A reprint of d: its events count once more, from another outlet.
			store.Item{Doc: doc("f", "", "Outlet E", "text d")},
			// g under another URL: one more mention, the same outlet.
			store.Item{Doc: doc("g", "https://g.example/2", "Outlet G", "text g")})
		want := map[string][2]int{ // mentions, sources
			store.ClusterID(ev("", "2024-05-01", "USA")): {3, 2},
			store.ClusterID(ev("", "2024-05-02", "USA")): {1, 1},
			store.ClusterID(ev("", "2024-05-03", "FRA")): {5, 3},
			store.ClusterID(ev("", "2024-05-04", "FRA")): {1, 1},
			store.ClusterID(ev("", "2024-05-05", "FRA")): {2, 1},
		}
		for id, w := range want {
			if m, s, err := db.Cluster(ctx, id); err != nil || m != w[0] || s != w[1] {
				t.Errorf("cluster %s: %d mentions, %d sources, %v; want %d, %d", id, m, s, err, w[0], w[1])
			}
		}
		rows, err := raw().QueryContext(ctx, `SELECT c.id, c.mentions, c.sources, COALESCE(x.m, 0), COALESCE(x.s, 0) FROM clusters c
			LEFT JOIN (SELECT e.cluster_id, COUNT(*) AS m, COUNT(DISTINCT s.outlet) AS s FROM events e
				JOIN document_sources s ON s.doc_id = e.doc_id GROUP BY e.cluster_id) x ON x.cluster_id = c.id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var id string
			var m, s, wm, ws int
			if err := rows.Scan(&id, &m, &s, &wm, &ws); err != nil {
				t.Fatal(err)
			}
			if m != wm || s != ws {
				t.Errorf("cluster %s stored with %d mentions, %d sources; its events make %d, %d", id, m, s, wm, ws)
			}
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != len(want) {
			t.Errorf("%d clusters stored, want %d", n, len(want))
		}
	})
}

func TestQueryAndStats(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		mk := func(id, date, a, r, cat string, quad int, gold float64, place string) plover.Event {
			e := fullEvent(id, date, a, r, cat)
			e.QuadCode, e.Goldstein = quad, gold
			e.EventLoc.ExtractedPlace = place
			e.EventLoc.ResolvedPlace = place
			e.Mode = []string{cat + "-mode"}
			return e
		}
		put(t, db,
			store.Item{Doc: doc("d1", "https://x.example/1", "Xinhua", "t1"), Events: []plover.Event{
				mk("1", "2024-05-19", "USA", "NER", "AGREE", 1, 8, "Niamey"),
				mk("2", "2024-06-02", "NER", "USA", "DEMAND", 3, -5, "Washington"),
			}},
			store.Item{Doc: doc("d2", "https://r.example/2", "Reuters", "t2"), Events: []plover.Event{
				mk("3", "2024-06-10", "USA", "NER", "PROTEST", 3, -6.5, "Agadez"),
				mk("4", "2023-12-31", "FRA", "MLI", "ASSAULT", 4, -9, "Bamako"),
			}},
		)
		ids := func(rows []store.Row) string {
			var s []string
			for _, r := range rows {
				s = append(s, r.Event.ID)
			}
			return strings.Join(s, ",")
		}
		tests := []struct {
			name string
			f    store.Filter
			want string
		}{
			{"all by date", store.Filter{}, "4,1,2,3"},
			{"newest first", store.Filter{Sort: "-date"}, "3,2,1,4"},
			{"limit", store.Filter{Sort: "-date", Limit: 2}, "3,2"},
			{"actor code", store.Filter{Actor: "usa"}, "1,3"},
			{"actor words", store.Filter{Actor: "FRA government"}, "4"},
			{"recipient", store.Filter{Recipient: "USA"}, "2"},
			{"country", store.Filter{Country: "NER"}, "4,1,2,3"},
			{"country mli", store.Filter{Country: "MLI"}, "4"},
			{"sector", store.Filter{Sector: "mil"}, "4,1,2,3"},
			{"sector none", store.Filter{Sector: "REB"}, ""},
			{"category", store.Filter{Category: "PROTEST"}, "3"},
			{"mode", store.Filter{Mode: "DEMAND-mode"}, "2"},
			{"context", store.Filter{Context: "economic"}, "4,1,2,3"},
			{"context no partial", store.Filter{Context: "econ"}, ""},
			{"date range", store.Filter{From: "2024-05-01", To: "2024-06-05"}, "1,2"},
			{"date to month", store.Filter{To: "2024-06"}, "4,1,2,3"},
			{"place", store.Filter{Place: "niam"}, "1"},
			{"source", store.Filter{Source: "reuters"}, "4,3"},
			{"text", store.Filter{Text: "MLI ARMY"}, "4"},
			{"text with wildcard chars", store.Filter{Text: "%"}, ""},
			{"goldstein", store.Filter{Sort: "goldstein"}, "4,3,2,1"},
			{"combined", store.Filter{Actor: "USA", Category: "PROTEST", Source: "Reuters"}, "3"},
		}
		for _, tc := range tests {
			rows, err := db.Query(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if got := ids(rows); got != tc.want {
				t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
			}
		}
		if _, err := db.Query(ctx, store.Filter{Sort: "bogus"}); err == nil || !strings.Contains(err.Error(), "unknown sort") {
			t.Errorf("bad sort: %v", err)
		}

		st, err := db.Stats(ctx, store.Filter{Actor: "USA", Recipient: "NER"})
		if err != nil {
			t.Fatal(err)
		}
		want := store.Stats{
			Total:      2,
			ByCategory: []store.Count{{"AGREE", 1}, {"PROTEST", 1}},
			ByQuad:     []store.Count{{"1", 1}, {"3", 1}},
			ByMonth:    []store.Count{{"2024-05", 1}, {"2024-06", 1}},
		}
		if !reflect.DeepEqual(st, want) {
			t.Errorf("stats %+v, want %+v", st, want)
		}
	})
}

func TestFetchState(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		st, err := db.FetchState(ctx, "https://f.example/rss")
		if err != nil || st.ETag != "" {
			t.Fatalf("empty state %+v %v", st, err)
		}
		want := store.FetchState{URL: "https://f.example/rss", ETag: `"abc"`, LastModified: "Sun, 19 May 2024 10:00:00 GMT",
			Checked: time.Date(2024, 5, 19, 10, 0, 0, 0, time.UTC)}
		for range 2 {
			if err := db.SetFetchState(ctx, want); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := db.FetchState(ctx, want.URL)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

func TestConcurrentWriters(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		ev := fullEvent("e", "2024-05-19", "USA", "NER", "AGREE")
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					id := fmt.Sprintf("w%d-%d", w, i)
					res, err := db.Put(ctx, []store.Item{{Doc: doc(id, "", fmt.Sprintf("outlet%d", w), "text "+id), Events: []plover.Event{ev}}})
					if err == nil {
						err = res[0].Err
					}
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		m, s, _ := db.Cluster(ctx, store.ClusterID(ev))
		if m != 40 || s != 4 {
			t.Fatalf("cluster %d mentions / %d sources, want 40/4", m, s)
		}
	})
}

// Issue 17: a document with an ID or URL already stored with another text
// silently replaced the stored one, whose sources still named the old file.
func TestOtherTextUnderStoredIDIsRefused(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		ev := fullEvent("e1", "2024-05-19", "USA", "NER", "AGREE")
		put(t, db, store.Item{Doc: doc("d1", "", "Outlet A", "first text"), Origin: "a.jsonl:1", Events: []plover.Event{ev}})
		put(t, db, store.Item{Doc: doc("u1", "https://a.example/1", "Outlet A", "page text"), Origin: "https://a.example/1", Events: []plover.Event{ev}})

		for _, tc := range []struct {
			name, from string
			d          document.Document
		}{
			{"same id", "a.jsonl:1", doc("d1", "", "Outlet B", "second text")},
			{"same url", "https://a.example/1", doc("u2", "https://a.example/1", "Outlet B", "edited page text")},
		} {
			t.Run(tc.name, func(t *testing.T) {
				k := store.Key{ID: tc.d.ID, URL: tc.d.URL, Hash: store.Hash(tc.d.Text)}
				if st, err := db.Check(ctx, k); err != nil || st != store.Conflict {
					t.Fatalf("Check = %v, %v; want Conflict", st, err)
				}
				res := put(t, db, store.Item{Doc: tc.d, Origin: "b.jsonl:7", Events: []plover.Event{ev, ev}})
				if !errors.Is(res[0].Err, store.ErrConflict) || !strings.Contains(res[0].Err.Error(), "(from "+tc.from+")") {
					t.Fatalf("result %+v; want a conflict naming %s", res[0], tc.from)
				}
			})
		}
		if d, _ := db.Document(ctx, "d1"); d.Text != "first text" {
			t.Fatalf("refused item changed the stored text to %q", d.Text)
		}
		if c := counts(t, db); c.Documents != 2 || c.Events != 2 || c.Sources != 2 {
			t.Fatalf("refused items changed the store: %+v", c)
		}

		// Asked for, the replacement happens and the old sources go.
		res := put(t, db, store.Item{Doc: doc("d1", "", "Outlet B", "second text"), Origin: "b.jsonl:7", Events: []plover.Event{ev, ev}, Replace: true})
		if res[0].Err != nil || res[0].Outcome != store.Replaced {
			t.Fatalf("replace: %+v", res[0])
		}
		srcs, err := db.Sources(ctx, "d1")
		if err != nil || !reflect.DeepEqual(srcs, []string{"Outlet B"}) {
			t.Fatalf("sources after replace %q, %v; want only Outlet B", srcs, err)
		}
		if d, _ := db.Document(ctx, "d1"); d.Text != "second text" {
			t.Fatalf("text after replace %q", d.Text)
		}
		// The same text again from the same source is not a conflict.
		res = put(t, db, store.Item{Doc: doc("d1", "", "Outlet B", "second text"), Origin: "b.jsonl:7"})
		if res[0].Err != nil || res[0].Outcome != store.Unchanged {
			t.Fatalf("again: %+v", res[0])
		}
	})
}

// Issue 17: Document ignored a stored date it could not parse and returned
// the document undated.
func TestDocumentWithBadStoredDate(t *testing.T) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		ctx := context.Background()
		put(t, db, store.Item{Doc: doc("d1", "", "X", "some text")})
		if _, err := raw().Exec("UPDATE documents SET published = 'last Tuesday'"); err != nil {
			t.Fatal(err)
		}
		_, err := db.Document(ctx, "d1")
		if err == nil || !strings.Contains(err.Error(), `d1: stored publication date "last Tuesday"`) {
			t.Fatalf("Document = %v; want an error naming d1 and the date", err)
		}
	})
}

// Issue 17: the query for a document's clusters returned nil on an error,
// so a reprint was stored with its clusters' counts left stale and no
// error.
func TestReprintWithUnreadableClusters(t *testing.T) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		text := "Niger and the United States agreed on Sunday to withdraw troops."
		ev := fullEvent("e1", "2024-05-19", "USA", "NER", "AGREE")
		put(t, db, store.Item{Doc: doc("a", "https://a.example/story", "Outlet A", text), Events: []plover.Event{ev}})
		// A cluster ID that cannot be read: PostgreSQL can drop the NOT
		// NULL constraint; SQLite needs a copy of the table without it.
		r := raw()
		damage := []string{"UPDATE events SET cluster_id = NULL"}
		if _, err := r.Exec("ALTER TABLE events ALTER COLUMN cluster_id DROP NOT NULL"); err != nil {
			damage = append([]string{
				"CREATE TABLE events_copy AS SELECT * FROM events",
				"DROP TABLE events",
				"ALTER TABLE events_copy RENAME TO events",
			}, damage...)
		}
		for _, q := range damage {
			if _, err := r.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		res := put(t, db, store.Item{Doc: doc("b", "https://b.example/reprint", "Outlet B", text)})
		if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "clusters of a") {
			t.Fatalf("reprint %+v; want an error reading the clusters of a", res[0])
		}
		if c := counts(t, db); c.Sources != 1 {
			t.Fatalf("the failed reprint left %d sources, want 1", c.Sources)
		}
	})
}

// Issue 17: FetchState ignored a stored time it could not parse.
func TestFetchStateWithBadStoredTime(t *testing.T) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		ctx := context.Background()
		if err := db.SetFetchState(ctx, store.FetchState{URL: "https://f.example/rss", ETag: `"x"`}); err != nil {
			t.Fatal(err)
		}
		if _, err := raw().Exec("UPDATE fetch_state SET checked_at = 'soon'"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FetchState(ctx, "https://f.example/rss"); err == nil || !strings.Contains(err.Error(), `"soon"`) {
			t.Fatalf("FetchState = %v; want an error naming the stored time", err)
		}
	})
}
