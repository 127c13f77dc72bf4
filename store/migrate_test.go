package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// TestMigrateCountsStoredEvents upgrades a store written at schema 2 (no
// event pairs, no counts): the dyad series, partners and names of the
// events it already holds come out right, and events written afterwards
// are counted too.
func TestMigrateCountsStoredEvents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	raw, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old := &DB{db: raw, d: sqliteDialect, writing: make(chan struct{}, 1)}
	for _, m := range migrations()[:2] {
		for _, st := range m.steps(old.d) {
			if _, err := raw.ExecContext(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := raw.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
		INSERT INTO schema_migrations VALUES (1, 'one', ''), (2, 'two', '')`); err != nil {
		t.Fatal(err)
	}
	// Open prepares the write path's lookup; this hand-made handle does
	// it here, on the schema 2 tables.
	if old.find, err = raw.PrepareContext(ctx, old.q(findQuery)); err != nil {
		t.Fatal(err)
	}
	defer old.find.Close()
	ent := func(codes ...string) []plover.Entity {
		var out []plover.Entity
		for _, c := range codes {
			out = append(out, plover.Entity{Code: c, EntityText: c})
		}
		return out
	}
	ev := func(id, date string, quad int, actors, recipients []plover.Entity) plover.Event {
		return plover.Event{ID: id, Date: date, Actor: actors, Recipient: recipients, Event: []string{"CONSULT"}, QuadCode: quad, EventScale: 1}
	}
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	put := func(db *DB, id string, evs ...plover.Event) {
		t.Helper()
		res, err := db.Put(ctx, []Item{{Doc: document.Document{ID: id, Source: "wire", Date: day, Text: "text of " + id}, Events: evs}})
		if err != nil || res[0].Err != nil {
			t.Fatal(err, res)
		}
	}
	// The writer adds rows to event_pairs and dyad_events and their
	// counts (schemas 3 to 7) with the events: the tables are there while
	// the old store is written, and dropped before the migration fills
	// them from the stored actors.
	later := []string{"event_pairs", "pair_months", "actor_names", "dyad_events", "dyad_months", "pair_quads"}
	for _, st := range slices.Concat(migrations()[2].sqlite[:3], migrations()[3].sqlite, migrations()[6].sqlite[:1]) {
		if _, err := raw.ExecContext(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	put(old, "a",
		ev("a1", "2024-05-01", 1, ent("USA"), ent("NER")),
		ev("a2", "2024-05-02", 3, ent("NER"), ent("USA", "RUS")),
		ev("a3", "2024-06-02", 4, ent("USA"), ent("FRA")))
	for _, table := range later {
		if _, err := raw.ExecContext(ctx, "DROP TABLE "+table); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db := old
	check := func(step string, wantSeries, wantPartners, wantNames string) {
		t.Helper()
		ms, err := db.Series(ctx, Pair{A: "USA", B: "NER"})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, m := range ms {
			got += fmt.Sprintf("%s:%v ", m.Month, m.Quad)
		}
		if got != wantSeries {
			t.Errorf("%s: USA-NER series %q, want %q", step, got, wantSeries)
		}
		ps, err := db.Partners(ctx, Pair{A: "USA"}, 10)
		if err != nil {
			t.Fatal(err)
		}
		got = ""
		for _, p := range ps {
			got += fmt.Sprintf("%s:%d ", p.Code, p.Events)
		}
		if got != wantPartners {
			t.Errorf("%s: USA partners %q, want %q", step, got, wantPartners)
		}
		ns, err := db.Names(ctx, "USA", 5)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ns) != wantNames {
			t.Errorf("%s: USA names %v, want %s", step, ns, wantNames)
		}
	}
	check("upgraded", "2024-05:[0 1 0 1 0] ", "NER:2 FRA:1 ", "[{USA 3}]")
	put(db, "b", ev("b1", "2024-06-03", 2, ent("NER"), ent("USA")))
	check("written after", "2024-05:[0 1 0 1 0] 2024-06:[0 0 1 0 0] ", "NER:3 FRA:1 ", "[{USA 4}]")
	// Co-actors of an event with a recipient count among each other's
	// partners, not in their dyad.
	put(db, "c", ev("c1", "2024-06-04", 2, ent("NER", "USA"), ent("FRA")))
	check("co-actors", "2024-05:[0 1 0 1 0] 2024-06:[0 0 1 0 0] ", "NER:4 FRA:2 ", "[{USA 5}]")
}
