package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"dyad/plover"
	"dyad/store"
)

// FuzzQueryFilter runs arbitrary filters (as "dyad query" flags and the
// API's parameters hand them in) against a real SQLite store: a query
// never panics nor fails inside SQL; a refused filter names the field it
// refuses; a category filter returns only events of that category; the
// limit holds; and stats count what the query returns.
func FuzzQueryFilter(f *testing.F) {
	f.Add("USA", "NER", "", "", "AGREE", "", "", "2024-01-01", "2024-12", "", "", "date", int16(0))
	f.Add("the usa", "", "ner", "gov", "agree", "AGREE-mode", "military", "2024", "", "Niamey", "deal", "-mentions", int16(2))
	f.Add("%", "_", "'", `\`, "|AGREE|", "%|", "x'); DROP TABLE events; --", "05/01/2024", "2024-13-45", "%%", "\x00", "random", int16(-1))
	f.Add("", "", "", "", "", "", "", "9999", "0", "", "", "-goldstein", int16(1))
	db, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	var evs []plover.Event
	for i, c := range []struct{ date, a, r, cat string }{
		{"2024-05-19", "USA", "NER", "AGREE"}, {"2024-06", "NER", "USA", "DEMAND"}, {"2023-12-31", "FRA", "MLI", "ASSAULT"},
	} {
		e := fullEvent(string(rune('1'+i)), c.date, c.a, c.r, c.cat)
		e.Mode = []string{c.cat + "-mode"}
		evs = append(evs, e)
	}
	if _, err := db.Put(context.Background(), []store.Item{{Doc: doc("d1", "https://x.example/1", "Xinhua", "t1"), Events: evs}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, actor, recipient, country, sector, category, mode, context_, from, to, place, text, sort string, limit int16) {
		flt := store.Filter{Actor: actor, Recipient: recipient, Country: country, Sector: sector, Category: category,
			Mode: mode, Context: context_, From: from, To: to, Place: place, Text: text, Sort: sort, Limit: int(limit)}
		ctx := context.Background()
		rows, err := db.Query(ctx, flt)
		if err != nil {
			msg := strings.ToLower(err.Error())
			for _, bad := range []string{"sql", "syntax", "near \""} {
				if strings.Contains(msg, bad) {
					t.Fatalf("filter %+v reached SQL: %v", flt, err)
				}
			}
			named := false
			for _, field := range []struct{ name, v string }{{"actor", actor}, {"recipient", recipient}, {"country", country}, {"sector", sector},
				{"category", category}, {"mode", mode}, {"context", context_}, {"from", from}, {"to", to}, {"place", place}, {"text", text}, {"sort", sort}} {
				named = named || field.v != "" && strings.Contains(msg, field.name)
			}
			if !named && limit >= 0 {
				t.Fatalf("error names no field of the filter %+v: %v", flt, err)
			}
			return
		}
		if limit > 0 && len(rows) > int(limit) {
			t.Errorf("limit %d, %d rows", limit, len(rows))
		}
		if category != "" {
			for _, r := range rows {
				if !strings.EqualFold(r.Event.Event[0], category) {
					t.Errorf("category %q returned a %s event", category, r.Event.Event[0])
				}
			}
		}
		flt.Limit = 0
		all, err := db.Query(ctx, flt)
		if err != nil {
			t.Fatalf("without the limit: %v", err)
		}
		st, err := db.Stats(ctx, flt)
		if err != nil {
			t.Fatalf("stats of a filter the query took: %v", err)
		}
		if st.Total != len(all) {
			t.Errorf("stats count %d events, the query returns %d (filter %+v)", st.Total, len(all), flt)
		}
	})
}
