package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
)

// TestHotQueryPlans checks SQLite's plans for the queries behind the events
// list, the dyad series, the actor page and exports: none reads a whole
// table, and those that return a page in date order read an index in that
// order instead of sorting. A missing index or a query that no index serves
// (a function around an indexed column, a mixed sort direction) fails here
// long before a store of a million events makes it slow.
func TestHotQueryPlans(t *testing.T) {
	ctx := context.Background()
	db := tempStore(t)
	day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	if _, err := db.Put(ctx, []Item{{Doc: document.Document{ID: "a", Source: "wire", Date: day, Text: "one"}, Events: []plover.Event{{
		ID: "a1", Date: "2024-05-19", Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: "NER"}},
		Event: []string{"CONSULT"}, QuadCode: 1}}}}); err != nil {
		t.Fatal(err)
	}
	key := Cursor{Offset: 50, key: &pageKey{date: "2024-05-19", doc: "a", ord: 0}}
	type planCase struct {
		name    string
		q       string
		args    []any
		ordered bool // a page in index order: no sort of the rows
	}
	var cases []planCase
	add := func(name string, ordered bool) func(string, []any) {
		return func(q string, args []any) { cases = append(cases, planCase{name, q, args, ordered}) }
	}
	noErr := func(q string, args []any, err error) (string, []any) {
		if err != nil {
			t.Fatal(err)
		}
		return q, args
	}
	p := Pair{A: "USA", B: "NER"}
	add("events list, newest first", true)(noErr(pageQuery(Filter{Sort: "-date", Limit: 50}, Cursor{})))
	add("events list, oldest first", true)(noErr(pageQuery(Filter{Limit: 50}, Cursor{})))
	add("events list, deep page by cursor", true)(noErr(pageQuery(Filter{Sort: "-date", Limit: 50}, key)))
	add("events list, category filter", true)(noErr(pageQuery(Filter{Sort: "-date", Category: "PROTEST", Limit: 50}, key)))
	add("events list, deep page by offset", false)(noErr(pageQuery(Filter{Sort: "-date", Limit: 50}, Cursor{Offset: 1000})))
	add("events list, deep page by offset, category filter", false)(noErr(pageQuery(Filter{Category: "PROTEST", Limit: 50}, Cursor{Offset: 1000})))
	add("export in date order", true)(noErr(eachQuery(Filter{}, listColumns)))
	add("export newest first", true)(noErr(eachQuery(Filter{Sort: "-date"}, listColumns)))
	add("export, a day's clusters", true)(clustersOfDay, []any{"2024-05-19", 10})
	add("export by Goldstein score", false)(noErr(eachQuery(Filter{Sort: "goldstein"}, packedColumns)))
	add("JSON lines export in date order", true)(noErr(recordsQuery(Filter{})))
	add("JSON lines export by mentions", false)(noErr(recordsQuery(Filter{Sort: "-mentions"})))
	add("dyad series", false)(db.seriesQuery(p))
	add("dyad series of a year", false)(db.seriesQuery(Pair{A: "USA", B: "NER", From: "2024", To: "2024"}))
	add("dyad series from a day", false)(db.seriesQuery(Pair{A: "USA", B: "NER", From: "2024-05-19"}))
	add("actor series", false)(db.seriesQuery(Pair{A: "NER"}))
	add("actor partners", false)(db.partnersQuery(Pair{A: "NER"}))
	add("actor partners to a day", false)(db.partnersQuery(Pair{A: "NER", To: "2024-05-19"}))
	add("actor names", false)(db.namesQuery(5), []any{"NER"})
	add("dyad events, newest first", true)(pairEventsQuery(p, "-date", 50, 0))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := queryPlan(t, db, c.q, c.args...)
			t.Logf("plan: %q", plan)
			for _, d := range plan {
				// "SCAN e" reads the whole table; "SCAN e USING INDEX x" walks
				// an index in order and stops at the page's end.
				// "SCAN k" reads the keys of one page, which a subquery
				// found by index.
				if strings.HasPrefix(d, "SCAN ") && !strings.Contains(d, " USING ") && d != "SCAN k" {
					t.Errorf("full table scan %q in plan %q of %s", d, plan, c.q)
				}
				if strings.HasPrefix(d, "SCAN p") && !c.ordered {
					t.Errorf("scan of all pairs %q in plan %q", d, plan)
				}
				if c.ordered && strings.Contains(d, "TEMP B-TREE FOR ORDER BY") {
					t.Errorf("rows sorted rather than read in index order: plan %q", plan)
				}
			}
		})
	}
}

// TestExportFindsClustersByDay checks that a whole list finds each event's
// cluster in clusters_day, counts included, rather than by the primary key
// and then the table: on a store of a million events the lookups by key
// read a random page each and took half of an export. A list in another
// order than the date's joins them; one in date order reads a day's at
// once (clustersOfDay).
func TestExportFindsClustersByDay(t *testing.T) {
	db := tempStore(t)
	for _, f := range []Filter{{Sort: "goldstein"}, {Sort: "-goldstein", Category: "PROTEST"}} {
		q, args, err := eachQuery(f, packedColumns)
		if err != nil {
			t.Fatal(err)
		}
		plan := queryPlan(t, db, q, args...)
		if !slices.ContainsFunc(plan, func(d string) bool {
			return strings.HasPrefix(d, "SEARCH c USING COVERING INDEX clusters_day (date=? AND id=?)")
		}) {
			t.Errorf("filter %+v: clusters not found by day in plan %q", f, plan)
		}
	}
	if plan := queryPlan(t, db, clustersOfDay, "2024-05-19", 10); !slices.Equal(plan, []string{"SEARCH clusters USING COVERING INDEX clusters_day (date=?)"}) {
		t.Errorf("a day's clusters: plan %q", plan)
	}
}
