package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// storeAt returns a SQLite store made by the first n migrations, and the
// database under it, for a test to write with this build's writer and
// then migrate.
func storeAt(t *testing.T, n int) (*DB, *sql.DB) {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("sqlite", sqliteDSN(filepath.Join(t.TempDir(), "dyad.db"), true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	old := &DB{db: raw, d: sqliteDialect, writing: make(chan struct{}, 1)}
	if _, err := raw.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations()[:n] {
		for _, st := range m.steps(old.d) {
			if _, err := raw.ExecContext(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := raw.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, '')", m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	// Open prepares the write path's lookup; this hand-made handle does
	// it here, on the old tables.
	if old.find, err = raw.PrepareContext(ctx, old.q(findQuery)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { old.find.Close() })
	return old, raw
}

// TestMigrateCountsStoredEvents upgrades a store written at schema 2 (no
// event pairs, no counts): the dyad series, partners and names of the
// events it already holds come out right, and events written afterwards
// are counted too.
func TestMigrateCountsStoredEvents(t *testing.T) {
	ctx := context.Background()
	old, raw := storeAt(t, 2)
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

// TestMigrateKeyedTables upgrades a store written at schema 8, whose
// actors, sentences and clusters are rowid tables with an index for their
// keys, to schema 9 (those tables keyed by their primary keys, without
// actors_code): the same events, sentences, clusters and names come back,
// an actor filter still finds its events, and a replaced document's actors
// are uncounted from the names by the trigger made again.
func TestMigrateKeyedTables(t *testing.T) {
	ctx := context.Background()
	old, raw := storeAt(t, 8)
	ent := func(code, text string) []plover.Entity {
		return []plover.Entity{{Code: code, Sector: "GOV", EntityText: text, Start: 0, End: len(text)}}
	}
	ev := func(id, date, actor, recipient string, seq int) plover.Event {
		return plover.Event{ID: id, Date: date, Actor: ent(actor, actor+" officials"), Recipient: ent(recipient, recipient),
			Event: []string{"CONSULT"}, QuadCode: 1, EventScale: 1, Text: "sentence " + id,
			TextInfo: plover.TextInfo{Sequence: seq, Start: 10 * seq, End: 10*seq + 9}, Rule: "events.txt:1"}
	}
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	item := func(id, source string, evs ...plover.Event) Item {
		return Item{Doc: document.Document{ID: id, Source: source, Date: day, Text: "text of " + id}, Events: evs}
	}
	if res, err := old.Put(ctx, []Item{
		item("a", "wire", ev("a1", "2024-05-01", "USA", "NER", 0), ev("a2", "2024-05-01", "NER", "USA", 1)),
		item("b", "paper", ev("b1", "2024-05-01", "USA", "NER", 0)),
	}); err != nil || res[0].Err != nil || res[1].Err != nil {
		t.Fatal(err, res)
	}
	// snapshot reads what a user sees of the store.
	snapshot := func(db *DB) string {
		t.Helper()
		var b strings.Builder
		rows, err := db.Query(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			rec, err := json.Marshal(r.Event)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s %d %d %s\n", r.Cluster, r.Source, r.Mentions, r.Sources, rec)
		}
		for _, id := range []string{"a", "b"} {
			ss, err := db.Sentences(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s sentences %v\n", id, ss)
		}
		ns, err := db.Names(ctx, "USA", 5)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.Count(ctx, Filter{Actor: "NER"})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "names %v; NER as actor %d\n", ns, n)
		return b.String()
	}
	before := snapshot(old)
	if !strings.Contains(before, "a sentences [{0 0 9 sentence a1} {1 10 19 sentence a2}]") || !strings.Contains(before, "NER as actor 1") {
		t.Fatalf("schema 8 store reads\n%s", before)
	}
	if err := old.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db := old
	if after := snapshot(db); after != before {
		t.Errorf("schema 9 store reads\n%s\nwhere schema 8 read\n%s", after, before)
	}
	var keyed int
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema
		WHERE type = 'table' AND name IN ('actors', 'sentences', 'clusters') AND sql LIKE '%WITHOUT ROWID'`).Scan(&keyed); err != nil || keyed != 3 {
		t.Errorf("%d of actors, sentences and clusters keyed by their primary keys (%v), want 3", keyed, err)
	}
	// b recoded without USA: its actors row is uncounted from the names.
	if res, err := db.Put(ctx, []Item{{Doc: item("b", "paper").Doc, Events: []plover.Event{ev("b1", "2024-05-01", "FRA", "NER", 0)}, Force: true}}); err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	if ns, err := db.Names(ctx, "USA", 5); err != nil || fmt.Sprint(ns) != "[{USA 1} {USA officials 1}]" {
		t.Errorf("USA names after recoding b: %v, %v", ns, err)
	}
}
