package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"dyad/document"
	"dyad/export"
	"dyad/plover"
	"dyad/store"
)

// trickyStore is a real SQLite store whose events carry what JSON escapes:
// HTML characters, quotes, backslashes (one spelling \u003c itself), line
// and paragraph separators, control characters and non-ASCII text.
func trickyStore(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	texts := []string{
		`Washington <agreed> with Niger's junta & "Paris" in Niamey.`,
		`A backslash \ and the six characters \u003c stay as they are.`,
		"Line\u2028and paragraph\u2029separators, a tab\tand a bell\a; Zürich, 北京, 🙂.",
	}
	var items []store.Item
	for i, text := range texts {
		id := "doc-" + string(rune('a'+i))
		ev := plover.Event{ID: id + "-0", DocID: id, Date: "2024-05-1" + string(rune('0'+i)), DatePrecision: "day",
			Actor:     []plover.Entity{{Code: "USA", Sector: "GOV", EntityText: text[:10], End: 10}},
			Recipient: []plover.Entity{{Code: "NER", EntityText: "<junta> & co", Start: 23, End: 36}},
			Event:     []string{"AGREE"}, Mode: []string{}, QuadCode: 1, EventScale: 3, Goldstein: -4.25, EventText: []string{"<agreed>"},
			Text: text, TextInfo: plover.TextInfo{Sequence: i, End: len(text)}, Rule: "verbs.yaml:3",
			CiteInfo: plover.CiteInfo{URL: "https://n.example/a?x=1&y=<2>", Title: "A & B"},
			EventLoc: &plover.Location{ExtractedPlace: "Niamey & around", Lat: 13.51, Lon: 2.11, CountryCode: "NER"}}
		items = append(items, store.Item{Doc: document.Document{ID: id, Title: "T & <t>", Source: "outlet", Date: time.Date(2024, 5, 10+i, 0, 0, 0, 0, time.UTC), Text: text},
			Origin: "test", Events: []plover.Event{ev}})
	}
	put(t, db, items)
	return db
}

// put stores items, failing the test on any error.
func put(tb testing.TB, db *store.DB, items []store.Item) {
	tb.Helper()
	res, err := db.Put(context.Background(), items)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			tb.Fatal(r.Err)
		}
	}
}

// TestCopyJSONLWritesWhatTheEncoderWrites checks that JSON lines written
// from the stored records, undecoded, are byte for byte what encoding each
// decoded event writes (the way exports were written before).
func TestCopyJSONLWritesWhatTheEncoderWrites(t *testing.T) {
	db := trickyStore(t)
	ctx := context.Background()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	n := 0
	if err := db.Each(ctx, store.Filter{}, func(r store.Row) error { n++; return enc.Encode(r.Event) }); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("%d events stored, want 3", n)
	}
	var got bytes.Buffer
	w, _ := export.New("jsonl", &got)
	k, err := export.Copy(ctx, db, store.Filter{}, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if k != n {
		t.Errorf("Copy wrote %d events, want %d", k, n)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("jsonl from stored records:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
	}
}

// TestEachDecodesAsEncodingJSON checks that the events Each decodes are
// the ones encoding/json decodes from the same stored records.
func TestEachDecodesAsEncodingJSON(t *testing.T) {
	db := trickyStore(t)
	ctx := context.Background()
	var want []plover.Event
	err := db.EachRecord(ctx, store.Filter{}, func(r store.Row) error {
		var e plover.Event
		want = append(want, e)
		return json.Unmarshal(r.Record, &want[len(want)-1])
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []plover.Event
	if err := db.Each(ctx, store.Filter{}, func(r store.Row) error { got = append(got, r.Event); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("Each decoded\n%+v\nwant\n%+v", got, want)
	}
}

// benchStore returns a SQLite store to export: DYAD_EXPORT_BENCH_DB names
// a filled one (bench/serve -db keeps its store), else a fresh store of
// 20,000 synthetic events.
func benchStore(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	path := os.Getenv("DYAD_EXPORT_BENCH_DB")
	fill := path == ""
	if fill {
		path = filepath.Join(b.TempDir(), "events.db")
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if !fill {
		return db
	}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []store.Item
	for d := range 1000 {
		id := "doc-" + strconv.Itoa(d)
		text := "Washington agreed with Niger's junta <in> Niamey & Paris, \"today\" (" + id + ")."
		evs := make([]plover.Event, 20)
		for i := range evs {
			evs[i] = plover.Event{ID: id + "-" + strconv.Itoa(i), DocID: id, Date: t0.AddDate(0, 0, d%700).Format("2006-01-02"), DatePrecision: "day",
				Actor:     []plover.Entity{{Code: "USAGOV", Sector: "GOV", EntityText: "Washington", End: 10}},
				Recipient: []plover.Entity{{Code: "NER", Sector: "MIL", EntityText: "Niger's junta", Start: 23, End: 36}},
				Event:     []string{"AGREE"}, Context: []string{"military"}, QuadCode: 1, EventScale: 3, Goldstein: 4.5,
				EventText: []string{"agreed"}, Text: text, TextInfo: plover.TextInfo{Sequence: i, End: len(text)}, Rule: "verbs.yaml:3",
				EventLoc: &plover.Location{ExtractedPlace: "Niamey", Lat: 13.51, Lon: 2.11, CountryCode: "NER"}}
		}
		items = append(items, store.Item{Doc: document.Document{ID: id, Title: "Deal " + id, Source: "outlet", Date: t0, Text: text}, Origin: "bench", Events: evs})
		if len(items) == 200 {
			put(b, db, items)
			items = items[:0]
		}
	}
	return db
}

// BenchmarkExport exports the whole store in each format to io.Discard and
// reports events per second.
func BenchmarkExport(b *testing.B) {
	db := benchStore(b)
	ctx := context.Background()
	benchFormats(b, []string{"jsonl", "csv", "parquet"}, func(w export.Writer) (int, error) {
		return export.Copy(ctx, db, store.Filter{}, w)
	})
}

// BenchmarkWriters writes rows decoded once (those of benchStore, 20,000
// at most) in each format that decodes them, to io.Discard: the writers'
// own work, without the store's.
func BenchmarkWriters(b *testing.B) {
	rows, err := benchStore(b).Query(context.Background(), store.Filter{Limit: 20000})
	if err != nil {
		b.Fatal(err)
	}
	benchFormats(b, []string{"csv", "parquet", "cameo"}, func(w export.Writer) (int, error) {
		for _, r := range rows {
			if err := w.Write(r); err != nil {
				return 0, err
			}
		}
		return len(rows), nil
	})
}

// benchFormats runs write with a new Writer of each format to io.Discard,
// closing it after, and reports events per second.
func benchFormats(b *testing.B, formats []string, write func(export.Writer) (int, error)) {
	for _, format := range formats {
		b.Run(format, func(b *testing.B) {
			n := 0
			for b.Loop() {
				w, err := export.New(format, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				k, err := write(w)
				if err != nil {
					b.Fatal(err)
				}
				n += k
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// oldRows reads the store's rows as exports read them before stored
// records had a decoder of their own: every column read apart
// (EachRecord) and each record decoded by encoding/json.
type oldRows struct{ db *store.DB }

func (o oldRows) Each(ctx context.Context, f store.Filter, fn func(store.Row) error) error {
	return o.db.EachRecord(ctx, f, func(r store.Row) error {
		if err := json.Unmarshal(r.Record, &r.Event); err != nil {
			return err
		}
		r.Record = nil
		return fn(r)
	})
}

func (o oldRows) Records(ctx context.Context, f store.Filter, fn func(rec []byte) error) error {
	return o.db.Records(ctx, f, fn)
}

// TestCopyWritesWhatEncodingJSONDecodes checks, for every format, that an
// export is byte for byte the file written from rows read column by column
// and decoded by encoding/json, on a store whose events carry what JSON
// escapes and whose outlets and titles hold commas and digits.
func TestCopyWritesWhatEncodingJSONDecodes(t *testing.T) {
	db := trickyStore(t)
	ctx := context.Background()
	more := []store.Item{{Doc: document.Document{ID: "doc-z", Title: "12,3,4 \"x\"", Source: "7,7,", Text: "Zürich, 12,3."},
		Origin: "test", Events: []plover.Event{{ID: "doc-z-0", DocID: "doc-z", Date: "2024-05-20", Event: []string{"PROTEST"},
			Actor: []plover.Entity{{Code: "CHE", EntityText: "Zürich"}}, Goldstein: -6.5, QuadCode: 3, Text: "Zürich, 12,3."}}}}
	put(t, db, more)
	for _, format := range export.Formats() {
		t.Run(format, func(t *testing.T) {
			var want, got bytes.Buffer
			for _, c := range []struct {
				src export.Rows
				out *bytes.Buffer
			}{{oldRows{db}, &want}, {db, &got}} {
				w, err := export.New(format, c.out)
				if err != nil {
					t.Fatal(err)
				}
				n, err := export.Copy(ctx, c.src, store.Filter{}, w)
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if n != 4 {
					t.Fatalf("%d events exported, want 4", n)
				}
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s export:\n%q\nwant:\n%q", format, got.Bytes(), want.Bytes())
			}
		})
	}
}
