package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/plover"
	"dyad/store"
)

// Issue 17, item 10: filters that matched nothing (or everything) without
// a word are refused, and say what is accepted.
func TestFilterValidate(t *testing.T) {
	bad := []struct {
		name  string
		f     store.Filter
		field string
		want  string
	}{
		{"american date", store.Filter{From: "05/01/2024"}, "from", "YYYY-MM-DD"},
		{"month 13", store.Filter{From: "2024-13-45"}, "from", "YYYY-MM-DD"},
		{"day 45", store.Filter{To: "2024-01-45"}, "to", "YYYY-MM-DD"},
		{"february 30", store.Filter{From: "2024-02-30"}, "from", "calendar date"},
		{"month 99", store.Filter{From: "2024-99"}, "from", "YYYY-MM"},
		{"from after to", store.Filter{From: "2024-06-01", To: "2024-05"}, "from", "no later than to"},
		{"unknown category", store.Filter{Category: "FOO"}, "category", "AGREE"},
		{"mode of another category", store.Filter{Category: "PROTEST", Mode: "visit"}, "mode", "demo"},
		{"unknown mode", store.Filter{Mode: "sideways"}, "mode", "withdraw"},
		{"mode of a category without modes", store.Filter{Category: "AGREE", Mode: "visit"}, "mode", "no modes"},
		{"unknown context", store.Filter{Context: "econ"}, "context", "economic"},
		{"unknown sector", store.Filter{Sector: "XYZ"}, "sector", "GOV"},
		{"country of two letters", store.Filter{Country: "NE"}, "country", "three-letter"},
		{"country with digits", store.Filter{Country: "N3R"}, "country", "three-letter"},
		{"control character in actor", store.Filter{Actor: "USA\x00"}, "actor", "printable"},
		{"sort", store.Filter{Sort: "size"}, "sort", "-goldstein"},
		{"negative limit", store.Filter{Limit: -1}, "limit", "0 for all"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			err := f.Validate()
			var fe *store.FilterError
			if !errors.As(err, &fe) {
				t.Fatalf("Validate(%+v) = %v, want a FilterError", tc.f, err)
			}
			if fe.Field != tc.field || !strings.Contains(fe.Want, tc.want) {
				t.Fatalf("error %q: want field %s and %q in what is accepted", err, tc.field, tc.want)
			}
		})
	}
	good := []store.Filter{
		{From: "2024", To: "2024"},
		{From: "2024-05", To: "2024-05-31"},
		{From: "2024-02-29"},
		{From: "2024-05-19", To: "2024-05-19"},
		{Category: "protest", Mode: "DEMO", Context: "Economic", Sector: "gov", Country: "ner"},
		{Mode: "withdraw"},
		{Actor: "the Nigerien junta", Sort: "-mentions", Limit: 5},
	}
	for _, f := range good {
		if err := f.Validate(); err != nil {
			t.Errorf("Validate(%+v): %v", f, err)
		}
	}
	f := store.Filter{Category: "protest", Mode: "DEMO", Sector: "gov", Country: "ner"}
	if err := f.Validate(); err != nil || f.Category != "PROTEST" || f.Mode != "demo" || f.Sector != "GOV" || f.Country != "NER" {
		t.Errorf("Validate did not put codes in their case: %+v, %v", f, err)
	}
}

// A validated filter selects what it says on a real store: a month-only
// "to" covers its whole month, a lower-case mode matches.
func TestValidatedFilterSelects(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "dyad.db"))
	e := fullEvent("1", "2024-05-31", "USA", "NER", "PROTEST")
	e.Mode = []string{"demo"}
	put(t, db, store.Item{Doc: doc("d1", "https://x.example/1", "Xinhua", "t1"), Events: []plover.Event{e}})
	f := store.Filter{From: "2024-05", To: "2024-05", Category: "protest", Mode: "DEMO"}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(context.Background(), f)
	if err != nil || len(rows) != 1 {
		t.Fatalf("query %+v: %d rows, %v", f, len(rows), err)
	}
}

func TestPairValidate(t *testing.T) {
	for _, p := range []store.Pair{{A: "US A"}, {A: "USA", B: "<x>"}, {A: "USA", From: "2024-99"}, {A: "USA", From: "2025", To: "2024"}} {
		if err := p.Validate(); err == nil {
			t.Errorf("Pair %+v accepted", p)
		}
	}
	p := store.Pair{A: "usa", B: "ner", From: "2024-01", To: "2024-12-31"}
	if err := p.Validate(); err != nil || p.A != "USA" || p.B != "NER" {
		t.Errorf("Pair %+v: %v", p, err)
	}
}

// Issue 17, item 11: a command that only reads never creates a store.
func TestOpenExistingDoesNotCreate(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "x.db")
	db, err := store.OpenExisting(context.Background(), missing)
	if err == nil {
		db.Close()
		t.Fatal("OpenExisting of a missing file succeeded")
	}
	if !errors.Is(err, store.ErrNoStore) || !strings.Contains(err.Error(), missing) {
		t.Errorf("error %q: want ErrNoStore naming %s", err, missing)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenExisting created the directory: %v", err)
	}
	path := filepath.Join(dir, "x.db")
	mustOpen(t, path).Close()
	db, err = store.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatalf("OpenExisting of a store: %v", err)
	}
	db.Close()
}

// Issue 17, item 11: "?", "#" and "%" in a file name are part of the name,
// and the connection settings (WAL among them) still apply.
func TestOpenOddFileNames(t *testing.T) {
	for _, name := range []string{"x?y.db", "x#1.db", "x%41.db", "a b.db"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			db := mustOpen(t, path)
			put(t, db, store.Item{Doc: doc("d1", "https://x.example/1", "Xinhua", "t1"), Events: []plover.Event{fullEvent("1", "2024-05-19", "USA", "NER", "AGREE")}})
			if _, err := os.Stat(path + "-wal"); err != nil {
				t.Errorf("no write-ahead log beside %s: the connection settings were lost (%v)", name, err)
			}
			db.Close()
			ents, _ := os.ReadDir(dir)
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if len(names) == 0 || names[0] != name {
				t.Fatalf("files %q, want %q", names, name)
			}
			db, err := store.OpenExisting(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if c, err := db.Counts(context.Background()); err != nil || c.Events != 1 {
				t.Errorf("reopened %s: %+v, %v", name, c, err)
			}
		})
	}
}
