package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
)

func viewEvent(id, date, actor, recipient, cat string, quad int, scale float64) plover.Event {
	return plover.Event{ID: id, Date: date, Actor: []plover.Entity{{Code: actor, EntityText: actor}},
		Recipient: []plover.Entity{{Code: recipient}}, Event: []string{cat}, QuadCode: quad, EventScale: scale,
		EventLoc: &plover.Location{ExtractedPlace: "Niamey", ResolvedPlace: "Niamey", Lat: 13.5, Lon: 2.1, CountryCode: "NER"}}
}

func TestViews(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		ctx := context.Background()
		db := open()
		day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
		items := []store.Item{
			{Doc: document.Document{ID: "a", Title: "Coup", Source: "wire", Date: day, Text: "one"}, Events: []plover.Event{
				viewEvent("a1", "2023-07-26", "NER", "NER", "COERCE", 4, -7),
				viewEvent("a2", "2023-08-05", "USA", "NER", "SANCTION", 4, -6),
			}},
			{Doc: document.Document{ID: "b", Title: "Exit", Source: "paper", Date: day, Text: "two"}, Events: []plover.Event{
				viewEvent("b1", "2024-05-19", "USA", "NER", "CONCEDE", 1, 4.5),
				viewEvent("b2", "2024-05-19", "NER", "USA", "ACCUSE", 3, -3.5),
				viewEvent("b3", "2024-05-20", "NER", "RUS", "COOPERATE", 2, 6),
			}},
			// Another outlet reporting the same withdrawal: one cluster.
			{Doc: document.Document{ID: "c", Title: "Exit again", Source: "other", Date: day, Text: "three"}, Events: []plover.Event{
				viewEvent("c1", "2024-05-19", "USA", "NER", "CONCEDE", 1, 4.5),
			}},
		}
		// Joint actors: both in the actor list do nothing to each other,
		// so the event is not the dyad's (it counts for each one's partners).
		joint := viewEvent("b4", "2024-05-21", "USA", "GEO", "ACCUSE", 3, -3)
		joint.Actor = append(joint.Actor, plover.Entity{Code: "NER"})
		// A two-sided act ("clashed with"): both sides are actors, and
		// each did it to the other.
		clash := viewEvent("b5", "2024-05-22", "MLI", "", "ASSAULT", 4, -9)
		clash.Actor = append(clash.Actor, plover.Entity{Code: "DZA"})
		clash.Recipient = nil
		items[1].Events = append(items[1].Events, joint, clash)
		if _, err := db.Put(ctx, items); err != nil {
			t.Fatal(err)
		}

		ms, err := db.Series(ctx, store.Pair{A: "usa", B: "NER"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 || ms[0].Month != "2023-08" || ms[0].Quad[4] != 1 || ms[1].Month != "2024-05" ||
			ms[1].Total != 3 || ms[1].Quad[1] != 2 || ms[1].Quad[3] != 1 {
			t.Errorf("USA-NER series %+v", ms)
		}
		// Directed: what USA did to NER, and what NER did to USA.
		for _, c := range []struct {
			dir  string
			want string
		}{{"ab", "2023-08:1 2024-05:2"}, {"ba", "2024-05:1"}, {"both", "2023-08:1 2024-05:3"}} {
			ms, err := db.Series(ctx, store.Pair{A: "USA", B: "NER", Dir: c.dir})
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%s:%d", m.Month, m.Total))
			}
			if err != nil || strings.Join(got, " ") != c.want {
				t.Errorf("USA-NER series, dir %s: %v %v, want %s", c.dir, got, err, c.want)
			}
		}
		for _, dir := range []string{"ab", "ba", "both"} {
			if ms, err := db.Series(ctx, store.Pair{A: "MLI", B: "DZA", Dir: dir}); err != nil || len(ms) != 1 || ms[0].Total != 1 {
				t.Errorf("MLI-DZA clash, dir %s: %+v %v; want the two-sided act each way", dir, ms, err)
			}
		}
		if ms, _ := db.Series(ctx, store.Pair{A: "USA", B: "NER", From: "2024-01", To: "2024-05"}); len(ms) != 1 {
			t.Errorf("bounded series %+v", ms)
		}
		if ms, _ := db.Series(ctx, store.Pair{A: "NER"}); len(ms) != 3 || ms[0].Month != "2023-07" {
			t.Errorf("NER timeline %+v (the NER-NER coup must count once)", ms)
		}

		rows, more, err := db.PairEvents(ctx, store.Pair{A: "NER", B: "USA"}, "-date", 2, 0)
		if err != nil || !more || len(rows) != 2 || rows[0].Event.Date != "2024-05-19" {
			t.Errorf("pair events: %v more=%v %d rows, first %+v", err, more, len(rows), rows)
		}

		ps, err := db.Partners(ctx, store.Pair{A: "NER"}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 3 || ps[0].Code != "USA" || ps[0].Events != 5 || ps[1].Code != "GEO" || ps[2].Code != "RUS" || ps[2].Quad[2] != 1 {
			t.Errorf("NER partners %+v", ps)
		}

		seen := map[string]bool{}
		for off := 0; ; off += 2 {
			page, next, err := db.Page(ctx, store.Filter{Sort: "-date", Limit: 2}, store.Cursor{Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page {
				if seen[r.Event.DocID+r.Event.ID] {
					t.Fatalf("event %s on two pages", r.Event.ID)
				}
				seen[r.Event.DocID+r.Event.ID] = true
			}
			if next == nil {
				break
			}
		}
		if len(seen) != 8 {
			t.Errorf("pages held %d events, want 8", len(seen))
		}

		pts, err := db.Points(ctx, store.Filter{Actor: "USA"}, 10)
		if err != nil || len(pts) != 1 || pts[0].Place != "Niamey" || pts[0].Events != 4 {
			t.Errorf("points %v %+v", err, pts)
		}
		docs, more, err := db.Documents(ctx, "exit", 10, 0)
		if err != nil || more || len(docs) != 2 || docs[0].Events == 0 {
			t.Errorf("documents %v %+v", err, docs)
		}
		reps, err := db.Reports(ctx, "b", 10)
		if err != nil || len(reps) != 1 || reps[0].DocID != "c" {
			t.Errorf("reports of b: %v %+v", err, reps)
		}
		names, err := db.Names(ctx, "USA", 3)
		if err != nil || len(names) != 1 || names[0].Key != "USA" {
			t.Errorf("names %v %+v", err, names)
		}
	})
}
