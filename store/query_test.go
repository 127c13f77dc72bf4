package store

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// TestUnpack checks the reading of packedColumns' second column: texts
// that hold commas and digits, empty ones, non-ASCII ones, and columns
// that do not add up.
func TestUnpack(t *testing.T) {
	for _, tc := range []struct {
		name, packed string
		want         Row
		err          bool
	}{
		{name: "plain", packed: "6,5,3,20,4,2,outletTitlec01" + "2024-05-19T00:00:00Z",
			want: Row{Source: "outlet", Title: "Title", Cluster: "c01", Published: "2024-05-19T00:00:00Z", Mentions: 4, Sources: 2}},
		{name: "commas and digits in the texts", packed: "4,7,0,0,1,1,1,2,3,4,5,6",
			want: Row{Source: "1,2,", Title: "3,4,5,6", Mentions: 1, Sources: 1}},
		{name: "all empty", packed: "0,0,0,0,0,0,", want: Row{}},
		{name: "non-ASCII, counted in bytes", packed: "7,0,0,0,0,0,Zürich", want: Row{Source: "Zürich"}},
		{name: "too short", packed: "6,5,3,20,4,2,outlet", err: true},
		{name: "too long", packed: "0,0,0,0,0,0,x", err: true},
		{name: "five numbers", packed: "0,0,0,0,0,", err: true},
		{name: "negative length", packed: "-1,1,0,0,0,0,", err: true},
		{name: "lengths that overflow", packed: "4611686018427387904,4611686018427387904,4611686018427387904,4611686018427387904,0,0,", err: true},
		{name: "not a number", packed: "a,0,0,0,0,0,", err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got Row
			err := unpack(tc.packed, &got)
			if (err != nil) != tc.err {
				t.Fatalf("unpack(%q): error %v, want error %v", tc.packed, err, tc.err)
			}
			if !tc.err && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("unpack(%q) = %+v, want %+v", tc.packed, got, tc.want)
			}
		})
	}
}

// TestUnpackIDs checks the reading of listColumns' second column: IDs
// that hold commas and digits, empty ones, non-ASCII ones, and lengths
// that overrun the column.
func TestUnpackIDs(t *testing.T) {
	for _, tc := range []struct {
		name, packed      string
		doc, cluster, day string
		err               bool
	}{
		{name: "plain", packed: "5,4,doc-1c-0a2024-05-19", doc: "doc-1", cluster: "c-0a", day: "2024-05-19"},
		{name: "commas and digits", packed: "3,2,1,23,42024", doc: "1,2", cluster: "3,", day: "42024"},
		{name: "no cluster, no day", packed: "1,0,a", doc: "a"},
		{name: "non-ASCII, counted in bytes", packed: "7,0,Zürich2024", doc: "Zürich", day: "2024"},
		{name: "overrun", packed: "5,4,doc-1c-0", err: true},
		{name: "one length", packed: "5,doc-1", err: true},
		{name: "negative length", packed: "-1,0,", err: true},
		{name: "not a number", packed: "a,0,", err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, cluster, day, err := unpackIDs(tc.packed)
			if (err != nil) != tc.err {
				t.Fatalf("unpackIDs(%q): error %v, want error %v", tc.packed, err, tc.err)
			}
			if !tc.err && (doc != tc.doc || cluster != tc.cluster || day != tc.day) {
				t.Errorf("unpackIDs(%q) = %q, %q, %q; want %q, %q, %q", tc.packed, doc, cluster, day, tc.doc, tc.cluster, tc.day)
			}
		})
	}
}

// TestEachReadsWhatRowColumnsHold checks that the rows Each reads through
// packedColumns carry the outlets, titles, publication dates, clusters and
// counts that rowColumns read, for documents whose outlets and titles hold
// commas, digits, quotes and non-ASCII text, or nothing.
func TestEachReadsWhatRowColumnsHold(t *testing.T) {
	db := tempStore(t)
	ctx := context.Background()
	docs := []document.Document{
		{ID: "a", Title: "12,3,4, a title", Source: "7,7,", Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), Text: "Niger and the US agreed."},
		{ID: "b", Title: "Zürich: \"l'accord\" 北京", Source: "Le Sahel", Text: "Niger protested."},
		{ID: "c", Text: "A text with neither title nor outlet."},
		// A reprint of a: one more source for a's clusters.
		{ID: "d", Source: "another outlet", Text: "Niger and the US agreed."},
	}
	var items []Item
	for i, d := range docs {
		ev := plover.Event{ID: d.ID + "-0", Date: "2024-05-1" + string(rune('7'+i%3)), Event: []string{"AGREE"},
			Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: "NER"}}, Text: d.Text}
		items = append(items, Item{Doc: d, Origin: "test", Events: []plover.Event{ev}})
	}
	for _, it := range items {
		if _, err := db.Put(ctx, []Item{it}); err != nil {
			t.Fatal(err)
		}
	}
	want, got := joinedRows(t, db, Filter{}), eachRows(t, db, Filter{})
	if len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Each read\n%+v\nrowColumns hold\n%+v", got, want)
	}
	if !strings.Contains(want[0].Title+want[1].Title+want[2].Title, "12,3,4") {
		t.Errorf("the document with digits and commas in its title is missing: %+v", want)
	}
}

// TestPagesOutlastTheStatementCache runs pages of more shapes than the
// store keeps prepared, at once, so that statements are evicted while
// others use them: every page must still come back whole.
func TestPagesOutlastTheStatementCache(t *testing.T) {
	db := tempStore(t)
	ctx := context.Background()
	var items []Item
	for i := range 30 {
		id := "doc-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		ev := plover.Event{ID: id + "-0", Date: "2024-05-19", Event: []string{"AGREE"},
			Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: "NER"}}}
		items = append(items, Item{Doc: document.Document{ID: id, Text: "Text of " + id + "."}, Origin: "test", Events: []plover.Event{ev}})
	}
	if _, err := db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 3 * stmtCacheSize {
				limit := 1 + (g+i)%(2*stmtCacheSize) // a query of its own per limit
				rows, _, err := db.Page(ctx, Filter{Limit: limit}, Cursor{})
				if err == nil && len(rows) != min(limit, 30) {
					err = fmt.Errorf("limit %d: %d events, want %d", limit, len(rows), min(limit, 30))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestEachJoinsPastItsBounds checks the rows Each reads with a joiner
// whose bounds are small against those the joins of rowColumns read: a
// list in date order that comes back to documents after they left the
// cache, days with more clusters than the joiner holds and days with
// fewer, a day that is a month, and a cluster stored under another day
// than its events'.
func TestEachJoinsPastItsBounds(t *testing.T) {
	db := tempStore(t)
	db.join = joinLimits{docs: 2, dayClusters: 3}
	ctx := context.Background()
	var items []Item
	for d := range 10 {
		id := "doc-" + strconv.Itoa(d)
		var evs []plover.Event
		for k, day := range []string{"2024-05-10", "2024-05-11", "2024-05-12", "2024-05-13", "2024-06"} {
			// A cluster of its own on the first three days; on the last
			// two one cluster for all ten documents.
			recipient := []string{"NER", "MLI", "BFA", "TCD", "SEN", "GHA", "NGA", "BEN", "TGO", "CIV"}[d]
			if k >= 3 {
				recipient = "NER"
			}
			evs = append(evs, plover.Event{ID: id + "-" + strconv.Itoa(k), Date: day, Event: []string{"AGREE"},
				Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: recipient}}})
		}
		items = append(items, Item{Doc: document.Document{ID: id, Title: "Title, " + id, Source: "Outlet " + strconv.Itoa(d%3),
			Date: time.Date(2024, 5, 9, 0, 0, 0, 0, time.UTC), Text: "Text of " + id + "."}, Origin: "test", Events: evs})
	}
	if _, err := db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	moved := ClusterID(items[4].Events[1])
	if _, err := db.db.ExecContext(ctx, "UPDATE clusters SET date = '2023-01-01' WHERE id = ?", moved); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []string{"", "-date"} {
		want, got := joinedRows(t, db, Filter{Sort: sort}), eachRows(t, db, Filter{Sort: sort})
		if len(want) != 50 || !reflect.DeepEqual(got, want) {
			t.Fatalf("sort %q: Each read\n%+v\nthe joins read\n%+v", sort, got, want)
		}
		shared, lost := 0, 0
		for _, r := range got {
			if r.Mentions == 10 && r.Sources == 3 {
				shared++
			}
			if r.Cluster == moved && r.Mentions == 1 {
				lost++
			}
		}
		if shared != 20 || lost != 1 {
			t.Errorf("sort %q: %d rows of the clusters of ten documents (want 20), %d of the moved cluster with its count (want 1)", sort, shared, lost)
		}
	}
}

// TestEachReadsOneSnapshot checks that a list Each reads is the store as
// it was when the list began, documents and cluster counts included,
// though a joiner reads the documents and clusters of its later rows
// after a write that replaced one of its documents and reprinted another.
func TestEachReadsOneSnapshot(t *testing.T) {
	db := tempStore(t)
	ctx := context.Background()
	var items []Item
	for d := range 100 {
		id := "doc-" + strconv.Itoa(d)
		var evs []plover.Event
		for k := range 30 {
			evs = append(evs, plover.Event{ID: id + "-" + strconv.Itoa(k), Date: "2024-05-" + strconv.Itoa(10+d/10), Event: []string{"AGREE"},
				Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: "NER" + strconv.Itoa(k)}}})
		}
		items = append(items, Item{Doc: document.Document{ID: id, Title: "Title of " + id, Source: "Outlet",
			Text: "Text of " + id + "."}, Origin: "test", Events: evs})
	}
	if _, err := db.Put(ctx, items); err != nil {
		t.Fatal(err)
	}
	want := joinedRows(t, db, Filter{})
	last := items[99]
	replaced := last
	replaced.Doc.Title, replaced.Doc.Text, replaced.Replace = "Another title", "Another text.", true
	reprint := items[98]
	reprint.Doc.ID, reprint.Doc.Source, reprint.Reprint, reprint.Events = "doc-98-again", "Another outlet", true, nil
	var got []Row
	err := db.Each(ctx, Filter{}, func(r Row) error {
		if len(got) == 0 {
			if _, err := db.Put(ctx, []Item{replaced, reprint}); err != nil {
				return err
			}
		}
		r.Event = plover.Event{}
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 3000 || !reflect.DeepEqual(got, want) {
		t.Errorf("Each read %d rows, the store before the write held %d; first differing: %v", len(got), len(want), firstDiff(got, want))
	}
	after, err := db.Query(ctx, Filter{DocID: last.Doc.ID})
	if err != nil || len(after) != 30 || after[0].Title != "Another title" {
		t.Errorf("after the write: %d rows of %s, %v; want 30 titled %q", len(after), last.Doc.ID, err, "Another title")
	}
}

// firstDiff describes the first row where got and want differ.
func firstDiff(got, want []Row) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	return "none in the rows both have"
}

// joinedRows returns the rows f selects as the joins of rowColumns read
// them (EachRecord), without their records.
func joinedRows(t *testing.T, db *DB, f Filter) []Row {
	t.Helper()
	var out []Row
	if err := db.EachRecord(context.Background(), f, func(r Row) error {
		r.Record = nil
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// eachRows returns the rows f selects as Each reads them, without their
// events.
func eachRows(t *testing.T, db *DB, f Filter) []Row {
	t.Helper()
	var out []Row
	if err := db.Each(context.Background(), f, func(r Row) error {
		r.Event = plover.Event{}
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
