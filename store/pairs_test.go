package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
)

// pairEvent is an event with several actors and recipients, so that one
// event makes many pairs.
func pairEvent(id, date string, quad int, scale float64, actors, recipients []string) plover.Event {
	ents := func(codes []string) []plover.Entity {
		var out []plover.Entity
		for _, c := range codes {
			out = append(out, plover.Entity{Code: c, EntityText: c})
		}
		return out
	}
	return plover.Event{ID: id, Date: date, Actor: ents(actors), Recipient: ents(recipients),
		Event: []string{"CONSULT"}, QuadCode: quad, EventScale: scale, Goldstein: scale / 2}
}

// inPair reports whether the event belongs to the pair: A is one of its
// actors or recipients and B (when set) another one of them, one of the two
// an actor.
func inPair(e plover.Event, p store.Pair) bool {
	type pos struct {
		role string
		idx  int
		code string
	}
	var ps []pos
	for i, en := range e.Actor {
		ps = append(ps, pos{"actor", i, en.Code})
	}
	for i, en := range e.Recipient {
		ps = append(ps, pos{"recipient", i, en.Code})
	}
	for _, x := range ps {
		if x.code != p.A {
			continue
		}
		if p.B == "" {
			return true
		}
		for _, y := range ps {
			if y != x && y.code == p.B && (x.role == "actor" || y.role == "actor") {
				return true
			}
		}
	}
	return false
}

// inDyad reports whether an event belongs to a dyad's series: one side
// among its actors and the other among its recipients, or both among the
// actors of an event without recipients (a two-sided act), in the pair's
// direction; two actors of an event with a recipient acted on a third.
func inDyad(e plover.Event, p store.Pair) bool {
	has := func(es []plover.Entity, code string) bool {
		return slices.ContainsFunc(es, func(en plover.Entity) bool { return en.Code == code })
	}
	// Two actors of an event without recipients did it to each other.
	twoSided := func(x, y string) bool {
		if slices.ContainsFunc(e.Recipient, func(en plover.Entity) bool { return en.Code != "" }) {
			return false
		}
		for i, a := range e.Actor {
			for j, b := range e.Actor {
				if i != j && a.Code == x && b.Code == y {
					return true
				}
			}
		}
		return false
	}
	ab := has(e.Actor, p.A) && has(e.Recipient, p.B) || twoSided(p.A, p.B)
	ba := has(e.Actor, p.B) && has(e.Recipient, p.A) || twoSided(p.B, p.A)
	switch p.Dir {
	case "ab":
		return ab
	case "ba":
		return ba
	}
	return ab || ba
}

// wantSeries counts, from the events themselves, what Series must give for
// the pair: each dated event of the pair once.
func wantSeries(events []plover.Event, p store.Pair) []store.Month {
	byMonth := map[string]*store.Month{}
	sums := map[string][2]float64{}
	in := inPair
	if p.B != "" {
		in = inDyad
	}
	for _, e := range events {
		if !in(e, p) || e.Date == "" {
			continue
		}
		m := e.Date[:7]
		if byMonth[m] == nil {
			byMonth[m] = &store.Month{Month: m}
		}
		byMonth[m].Quad[e.QuadCode]++
		byMonth[m].Total++
		s := sums[m]
		sums[m] = [2]float64{s[0] + e.EventScale, s[1] + e.Goldstein}
	}
	var out []store.Month
	for m, v := range byMonth {
		v.MeanScale = sums[m][0] / float64(v.Total)
		v.MeanGoldstein = sums[m][1] / float64(v.Total)
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b store.Month) int {
		if a.Month < b.Month {
			return -1
		}
		return 1
	})
	return out
}

// TestPairsFollowWrites checks that the dyad series, an actor's series and
// its partners stay right as events are stored, re-coded (ReplaceEvents,
// Force), replaced with a new text (Replace) and reprinted.
func TestPairsFollowWrites(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		ctx := context.Background()
		db := open()
		day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
		stored := map[string][]plover.Event{}
		put := func(it store.Item) {
			t.Helper()
			res, err := db.Put(ctx, []store.Item{it})
			if err != nil || res[0].Err != nil {
				t.Fatalf("put %s: %v %v", it.Doc.ID, err, res[0].Err)
			}
			if o := res[0].Outcome; o == store.Inserted || o == store.Replaced {
				stored[it.Doc.ID] = it.Events
			}
		}
		check := func(step string) {
			t.Helper()
			var all []plover.Event
			for _, evs := range stored {
				all = append(all, evs...)
			}
			for _, p := range []store.Pair{{A: "USA", B: "NER"}, {A: "NER", B: "USA"}, {A: "NER", B: "NER"}, {A: "RUS", B: "NER"},
				{A: "USA", B: "NER", Dir: "ab"}, {A: "USA", B: "NER", Dir: "ba"},
				{A: "FRA", B: "MLI"}, {A: "USA"}, {A: "NER"}, {A: "MLI"}, {A: "NER", B: "USA", From: "2024-05-20", To: "2024-06"}, {A: "USA", B: "NER", From: "2024-06", To: "2024"}} {
				got, err := db.Series(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				want := wantSeries(all, p)
				p2 := p
				p2.From, p2.To = "", ""
				if p.From != "" {
					want = wantSeries(inRange(all, p.From, p.To), p2)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: series %+v:\n got %v\nwant %v", step, p, got, want)
				}
			}
			for _, code := range []string{"NER", "USA", "CHN"} {
				n := 0
				for _, e := range all {
					for _, en := range append(slices.Clone(e.Actor), e.Recipient...) {
						if en.Code == code {
							n++
						}
					}
				}
				names, err := db.Names(ctx, code, 5)
				if err != nil {
					t.Fatal(err)
				}
				if want := []store.Count{{Key: code, N: n}}; n > 0 && fmt.Sprint(names) != fmt.Sprint(want) || n == 0 && len(names) != 0 {
					t.Errorf("%s: names of %s %v, want %d", step, code, names, n)
				}
			}
			ps, err := db.Partners(ctx, store.Pair{A: "NER"}, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, pt := range ps {
				got = append(got, fmt.Sprintf("%s:%d", pt.Code, pt.Events))
			}
			var want []string
			for _, c := range []string{"USA", "RUS", "FRA", "MLI", "CHN"} {
				n := 0 // undated events count among partners
				for _, e := range all {
					if inPair(e, store.Pair{A: "NER", B: c}) {
						n++
					}
				}
				if n > 0 {
					want = append(want, fmt.Sprintf("%s:%d", c, n))
				}
			}
			slices.SortFunc(want, func(a, b string) int {
				var ca, cb string
				var na, nb int
				fmt.Sscanf(a[4:], "%d", &na)
				fmt.Sscanf(b[4:], "%d", &nb)
				ca, cb = a[:3], b[:3]
				if na != nb {
					return nb - na
				}
				if ca < cb {
					return -1
				}
				return 1
			})
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: NER partners %v, want %v", step, got, want)
			}
		}

		put(store.Item{Doc: document.Document{ID: "x", Source: "wire", Date: day, Text: "x one"}, Events: []plover.Event{
			pairEvent("x1", "2024-05-19", 1, 1, []string{"USA", "FRA"}, []string{"NER"}),
			pairEvent("x2", "2024-05-20", 4, -7, []string{"NER"}, []string{"NER"}),
			pairEvent("x3", "2024-06-02", 3, -3, []string{"NER"}, []string{"USA", "RUS"}),
			pairEvent("x4", "2024-06-02", 2, 6, []string{"RUS", "NER"}, nil),
			pairEvent("x5", "", 2, 6, []string{"USA"}, []string{"NER"}),
		}})
		put(store.Item{Doc: document.Document{ID: "y", Source: "paper", Date: day, Text: "y one"}, Events: []plover.Event{
			pairEvent("y1", "2024-05-21", 1, 3, nil, []string{"USA", "NER"}), // recipients only: no pair
			pairEvent("y2", "2024-07-01", 4, -9, []string{"FRA"}, []string{"MLI"}),
		}})
		check("stored")

		if err := db.ReplaceEvents(ctx, "y", []plover.Event{
			pairEvent("y1", "2024-05-21", 3, -2, []string{"NER"}, []string{"USA", "USA"}),
		}); err != nil {
			t.Fatal(err)
		}
		stored["y"] = []plover.Event{pairEvent("y1", "2024-05-21", 3, -2, []string{"NER"}, []string{"USA", "USA"})}
		check("re-coded")

		put(store.Item{Doc: document.Document{ID: "x", Source: "wire", Date: day, Text: "x one"}, Force: true, Events: []plover.Event{
			pairEvent("x1", "2024-05-19", 1, 1, []string{"USA"}, []string{"NER", "CHN"}),
		}})
		check("recoded with force")

		put(store.Item{Doc: document.Document{ID: "x", Source: "wire", Date: day, Text: "x two, corrected"}, Replace: true, Events: []plover.Event{
			pairEvent("x1", "2024-06-19", 2, 5, []string{"NER"}, []string{"RUS"}),
			pairEvent("x2", "2024-06-19", 4, -5, []string{"FRA"}, []string{"MLI", "NER"}),
		}})
		check("replaced")

		put(store.Item{Doc: document.Document{ID: "x-again", Source: "other", Date: day, Text: "x two, corrected"}, Events: []plover.Event{
			pairEvent("z", "2024-06-19", 4, -9, []string{"NER"}, []string{"USA"}),
		}})
		check("reprinted")
	})
}

// inRange keeps the events dated from from to to (a prefix), as Pair does.
func inRange(events []plover.Event, from, to string) []plover.Event {
	var out []plover.Event
	for _, e := range events {
		if e.Date >= from && e.Date[:min(len(e.Date), len(to))] <= to {
			out = append(out, e)
		}
	}
	return out
}

// TestPageCursor walks the events list page by page with the next cursor
// in each order: the pages together hold every event once, in the order of
// the whole list, even when new events arrive between two pages; a cursor
// that is not one is refused as a filter error.
func TestPageCursor(t *testing.T) {
	backends(t, func(t *testing.T, open func() *store.DB) {
		ctx := context.Background()
		db := open()
		day := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
		var items []store.Item
		for d := range 4 {
			id := fmt.Sprintf("d%d", d)
			var evs []plover.Event
			for i := range 5 {
				// Many events share a date, so that ties decide page edges.
				evs = append(evs, pairEvent(fmt.Sprintf("%s-%d", id, i), fmt.Sprintf("2024-05-%02d", 10+(d+i)%3), 1+i%4, float64(i), []string{"USA"}, []string{"NER"}))
			}
			items = append(items, store.Item{Doc: document.Document{ID: id, Source: "wire", Date: day, Text: "text " + id}, Events: evs})
		}
		if _, err := db.Put(ctx, items); err != nil {
			t.Fatal(err)
		}
		key := func(r store.Row) string { return r.Event.DocID + "/" + r.Event.ID }
		for _, sort := range []string{"", "date", "-date", "goldstein", "-mentions"} {
			t.Run("sort="+sort, func(t *testing.T) {
				all, err := db.Query(ctx, store.Filter{Sort: sort})
				if err != nil {
					t.Fatal(err)
				}
				var want, got []string
				for _, r := range all {
					want = append(want, key(r))
				}
				var at store.Cursor
				for pages := 0; ; pages++ {
					if pages > 20 {
						t.Fatal("the cursor does not move on")
					}
					rows, next, err := db.Page(ctx, store.Filter{Sort: sort, Limit: 3, Category: "CONSULT"}, at)
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range rows {
						got = append(got, key(r))
					}
					if next == nil {
						break
					}
					if next.Offset != len(got) {
						t.Errorf("next cursor at offset %d after %d events", next.Offset, len(got))
					}
					// As a client does: the cursor goes out in a URL and comes back.
					if at, err = store.ParseCursor(next.String()); err != nil {
						t.Fatal(err)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("pages\n got %v\nwant %v", got, want)
				}
			})
		}

		// Newest first, page 1, then a newer event arrives: page 2 goes on
		// where page 1 ended (an offset would show page 1's last event again).
		first, next, err := db.Page(ctx, store.Filter{Sort: "-date", Limit: 4}, store.Cursor{})
		if err != nil || next == nil {
			t.Fatal(err, next)
		}
		if _, err := db.Put(ctx, []store.Item{{Doc: document.Document{ID: "late", Source: "wire", Date: day, Text: "late news"},
			Events: []plover.Event{pairEvent("late-0", "2024-05-30", 1, 1, []string{"USA"}, []string{"NER"})}}}); err != nil {
			t.Fatal(err)
		}
		second, _, err := db.Page(ctx, store.Filter{Sort: "-date", Limit: 4}, *next)
		if err != nil || len(second) == 0 {
			t.Fatal(err, len(second))
		}
		if key(second[0]) == key(first[len(first)-1]) || second[0].Event.Date > first[len(first)-1].Event.Date {
			t.Errorf("page 2 starts with %s (%s) after page 1 ended with %s (%s)", key(second[0]), second[0].Event.Date,
				key(first[len(first)-1]), first[len(first)-1].Event.Date)
		}

		for _, bad := range []string{"not a cursor", "eAB4", "awBhAGI", "bwAtMQ"} {
			_, err := store.ParseCursor(bad)
			var fe *store.FilterError
			if !errors.As(err, &fe) || fe.Field != "cursor" {
				t.Errorf("cursor %q: %v, want a cursor filter error", bad, err)
			}
		}
		// A date-order cursor in another order is refused, not misread.
		if _, _, err := db.Page(ctx, store.Filter{Sort: "goldstein"}, *next); err == nil {
			t.Errorf("a date cursor was taken for the goldstein order")
		}
	})
}
