package store_test

import (
	"context"
	"database/sql"
	"testing"

	"dyad/plover"
	"dyad/store"
)

// Put writes a batch without savepoints and writes it again item by item
// when one fails after writing: the failed document must leave nothing
// behind, and the others of its batch must be stored whole.
//
// On SQLite the writer's INSERTs keep the rows before a failing one (OR
// FAIL): the second case breaks a unique index at the second of two rows
// of one statement, whose first must not stay either.
func TestItemFailingAfterWritingLeavesBatchWhole(t *testing.T) {
	for _, tc := range []struct {
		name string
		// refuse makes the database refuse an event whose text is BAD.
		refuse func(t *testing.T, r *sql.DB)
		bad    int // BAD events in document b
	}{
		{"a check", func(t *testing.T, r *sql.DB) {
			// As a full disk or a broken constraint would: SQLite by a
			// trigger, PostgreSQL by a check.
			if _, err := r.Exec("ALTER TABLE events ADD CONSTRAINT no_bad CHECK (text <> 'BAD')"); err != nil {
				if _, err := r.Exec(`CREATE TRIGGER no_bad BEFORE INSERT ON events WHEN NEW.text = 'BAD'
				BEGIN SELECT RAISE(ABORT, 'bad event'); END`); err != nil {
					t.Fatal(err)
				}
			}
		}, 1},
		{"a unique index", func(t *testing.T, r *sql.DB) {
			if _, err := r.Exec("CREATE UNIQUE INDEX one_bad ON events(text) WHERE text = 'BAD'"); err != nil {
				t.Fatal(err)
			}
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) { failAfterWriting(t, tc.refuse, tc.bad) })
	}
}

// failAfterWriting is TestItemFailingAfterWritingLeavesBatchWhole with
// the database refusing events by refuse and n BAD events in document b.
func failAfterWriting(t *testing.T, refuse func(t *testing.T, r *sql.DB), n int) {
	backendsRaw(t, func(t *testing.T, open func() *store.DB, raw func() *sql.DB) {
		db := open()
		refuse(t, raw())
		good := fullEvent("e", "2024-05-19", "USA", "NER", "AGREE")
		bad := good
		bad.Text = "BAD"
		evs := []plover.Event{good}
		for range n {
			evs = append(evs, bad)
		}
		res := put(t, db,
			store.Item{Doc: doc("a", "https://a.example/1", "A", "Troops agreed to leave."), Events: []plover.Event{good}},
			store.Item{Doc: doc("b", "https://b.example/1", "B", "Another text."), Events: evs},
			store.Item{Doc: doc("c", "https://c.example/1", "C", "A third text."), Events: []plover.Event{good}},
		)
		if res[0].Outcome != store.Inserted || res[1].Err == nil || res[2].Outcome != store.Inserted {
			t.Fatalf("results %+v: want a and c inserted, b refused", res)
		}
		if c := counts(t, db); c.Documents != 2 || c.Sources != 2 || c.Events != 2 || c.Sentences != 2 || c.Clusters != 1 {
			t.Fatalf("stored %+v: want a and c whole, nothing of b", c)
		}
		if m, s, _ := db.Cluster(context.Background(), store.ClusterID(good)); m != 2 || s != 2 {
			t.Fatalf("cluster %d mentions / %d sources, want 2/2", m, s)
		}
		if _, err := db.Document(context.Background(), "b"); err == nil {
			t.Fatal("document b is stored without its events")
		}
	})
}
