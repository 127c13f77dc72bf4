package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"dyad/export"
	"dyad/plover"
	"dyad/store"
)

func rows() []store.Row {
	e := plover.Event{
		ID: "d1-0", DocID: "d1", Date: "2024-05-19", DatePrecision: "day",
		Actor:     []plover.Entity{{Code: "USA", Sector: "GOV", EntityText: "Washington", Start: 0, End: 10}},
		Recipient: []plover.Entity{{Code: "NER", Sector: "MIL", EntityText: "Niger's junta", Start: 20, End: 33}},
		Event:     []string{"AGREE"}, Mode: []string{}, Context: []string{"military"},
		QuadCode: 1, EventScale: 3, Goldstein: 4.5, EventText: []string{"agreed"},
		EventLoc: &plover.Location{ExtractedPlace: "Niamey", ResolvedPlace: "Niamey", Lat: 13.51, Lon: 2.11, CountryCode: "NER"},
		Text:     "Washington agreed with Niger's junta,\tin Niamey.", TextInfo: plover.TextInfo{Sequence: 2, Start: 100, End: 148},
		CiteInfo: plover.CiteInfo{URL: "https://n.example/a", Title: "Deal", Publication: "N"},
		Cameo:    "057", Rule: "verbs.yaml:3", EventSpans: []plover.Span{{Start: 11, End: 17}},
	}
	e2 := plover.Event{ID: "d2-0", DocID: "d2", Date: "2023-01-02", Event: []string{"PROTEST"}, QuadCode: 3, Goldstein: -6.5}
	return []store.Row{
		{Event: e, Source: "N", Title: "Deal", Cluster: "c-1", Mentions: 3, Sources: 2},
		{Event: e2, Source: "M", Title: "Protest", Cluster: "c-2", Mentions: 1, Sources: 1},
	}
}

func write(t *testing.T, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(format, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows() {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJSONL(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(write(t, "jsonl"))), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var got plover.Event
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if want := rows()[0].Event; !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestCSV(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(write(t, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want header + 2", len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	r := recs[1]
	for name, want := range map[string]string{
		"id": "d1-0", "event": "AGREE", "actor_code": "USA", "recipient_sector": "MIL", "goldstein": "4.5",
		"lat": "13.51", "text": "Washington agreed with Niger's junta,\tin Niamey.", "mentions": "3", "sources": "2", "context": "military",
	} {
		if got := r[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := recs[2][col["lat"]]; got != "" {
		t.Errorf("event without place has lat %q", got)
	}
}

func TestCAMEO(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(string(write(t, "cameo")), "\n"), "\n")
	if len(lines) != 3 || lines[0] != strings.Join(export.CAMEOColumns, "\t") {
		t.Fatalf("lines %q", lines)
	}
	f := strings.Split(lines[1], "\t")
	if len(f) != len(export.CAMEOColumns) {
		t.Fatalf("%d fields, want %d", len(f), len(export.CAMEOColumns))
	}
	get := func(name string) string {
		for i, c := range export.CAMEOColumns {
			if c == name {
				return f[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	for name, want := range map[string]string{
		"SQLDATE": "20240519", "MonthYear": "202405", "Year": "2024", "Actor1Code": "USA", "Actor2CountryCode": "NER",
		"EventCode": "057", "EventBaseCode": "057", "EventRootCode": "05", "QuadClass": "1", "GoldsteinScale": "4.5",
		"NumMentions": "3", "NumSources": "2", "ActionGeo_Lat": "13.51", "SOURCEURL": "https://n.example/a", "PLOVERCategory": "AGREE",
	} {
		if got := get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestParquetReadBack(t *testing.T) {
	data := write(t, "parquet")
	path := t.TempDir() + "/events.parquet"
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[export.Flat](f)
	defer r.Close()
	if r.NumRows() != 2 {
		t.Fatalf("%d rows", r.NumRows())
	}
	got := make([]export.Flat, 2)
	if n, _ := r.Read(got); n != 2 {
		t.Fatalf("read %d rows", n)
	}
	for i, row := range rows() {
		if want := export.Flatten(row); !reflect.DeepEqual(got[i], want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want)
		}
	}
	// Lists are standard LIST columns and lat/lon are nullable, as DuckDB,
	// pandas and arrow expect.
	schema := r.Schema().String()
	for _, want := range []string{"group events (LIST)", "optional double lat"} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema lacks %q:\n%s", want, schema)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := export.New("xlsx", nil); err == nil || !strings.Contains(err.Error(), "cameo, csv, jsonl, parquet") {
		t.Fatalf("error %v", err)
	}
}

func ExampleNew() {
	w, _ := export.New("cameo", os.Stdout)
	w.Write(store.Row{Event: plover.Event{ID: "e1", Date: "2024-05-19", Event: []string{"AGREE"}, Cameo: "057", QuadCode: 1,
		Actor: []plover.Entity{{Code: "USA"}}, Recipient: []plover.Entity{{Code: "NER"}}}, Mentions: 2, Sources: 2})
	w.Close()
	// Output:
	// GLOBALEVENTID	SQLDATE	MonthYear	Year	FractionDate	Actor1Code	Actor1Name	Actor1CountryCode	Actor1Type1Code	Actor2Code	Actor2Name	Actor2CountryCode	Actor2Type1Code	IsRootEvent	EventCode	EventBaseCode	EventRootCode	QuadClass	GoldsteinScale	NumMentions	NumSources	NumArticles	ActionGeo_FullName	ActionGeo_CountryCode	ActionGeo_Lat	ActionGeo_Long	SOURCEURL	PLOVERCategory
	// e1	20240519	202405	2024	2024.4630	USA		USA		NER		NER		1	057	057	05	1	0	2	2	2						AGREE
}

// TestParquetRowGroupsBounded checks that a large Parquet export is cut
// into row groups, which the writer holds in memory one at a time, rather
// than one row group as big as the store.
func TestParquetRowGroupsBounded(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.New("parquet", &buf)
	if err != nil {
		t.Fatal(err)
	}
	r := rows()[0]
	const n = 200_000
	for range n {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != n {
		t.Fatalf("%d rows, want %d", f.NumRows(), n)
	}
	groups := f.RowGroups()
	if len(groups) < 3 {
		t.Errorf("%d rows in %d row group(s), want row groups of at most 65,536 rows", n, len(groups))
	}
	for i, g := range groups {
		if g.NumRows() > 64*1024 {
			t.Errorf("row group %d has %d rows, want at most 65,536", i, g.NumRows())
		}
	}
}
