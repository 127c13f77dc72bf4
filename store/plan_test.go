package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// The statements every stored document runs find their rows by index:
// a full scan of documents, sources or events made ingest slow down as
// the store grew (issue 15).
func TestWritePathUsesIndexes(t *testing.T) {
	s := tempStore(t)
	for _, c := range []struct {
		name, query string
		args        []any
	}{
		{"find", findQuery, []any{"id", "https://x.example/", "hash"}},
		{"recount", recountQuery(3), []any{"a", "b", "c"}},
		{"document clusters", "SELECT DISTINCT cluster_id FROM events WHERE doc_id = ?", []any{"id"}},
		{"empty cluster", "DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE cluster_id = ?)", []any{"a", "a"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := queryPlan(t, s, c.query, c.args...)
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN ") { // a table or a whole index read row by row
					t.Errorf("%s scans a whole table: %q in plan %q", c.name, step, plan)
				}
			}
		})
	}
}

// queryPlan returns the detail lines of SQLite's plan for query.
func queryPlan(t *testing.T, s *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// tempStore opens a new SQLite store in the test's temporary directory,
// closed when the test ends.
func tempStore(t *testing.T) *DB {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
