package store

import (
	"context"
	"fmt"
	"reflect"
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
	var want []Row
	if err := db.EachRecord(ctx, Filter{}, func(r Row) error {
		r.Record = nil
		want = append(want, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got []Row
	if err := db.Each(ctx, Filter{}, func(r Row) error {
		r.Event = plover.Event{}
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
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
