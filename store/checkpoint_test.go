package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// TestWALStaysBounded writes many batches to a SQLite store whose
// connections do not checkpoint on commit: the background checkpoints and
// the writer's own, once the log passes its limit, keep the write-ahead
// log from growing with the store, and what was written is all there.
func TestWALStaysBounded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.ckpt.limit = 64 // pages
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	text := strings.Repeat("A long report of what happened. ", 200)
	const batches, perBatch = 40, 10
	maxWAL := int64(0)
	for b := range batches {
		var items []Item
		for i := range perBatch {
			id := fmt.Sprintf("d%d-%d", b, i)
			items = append(items, Item{Doc: document.Document{ID: id, Source: "wire", Date: day, Text: id + " " + text},
				Events: []plover.Event{{ID: id + "-1", Date: "2024-05-19", Actor: []plover.Entity{{Code: "USA"}},
					Recipient: []plover.Entity{{Code: "NER"}}, Event: []string{"CONSULT"}, QuadCode: 1, Text: text}}})
		}
		if _, err := db.Put(ctx, items); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path + "-wal"); err == nil {
			maxWAL = max(maxWAL, st.Size())
		}
	}
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != batches*perBatch || c.Events != batches*perBatch {
		t.Errorf("stored %+v, want %d documents and events", c, batches*perBatch)
	}
	db.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// Unchecked, the log would hold every page written: more than the
	// database itself.
	if maxWAL > st.Size()/2 {
		t.Errorf("the write-ahead log grew to %d bytes, for a database of %d", maxWAL, st.Size())
	}
}
