package ingest_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"dyad/ingest"
	"dyad/store"
	"dyad/store/storetest"
)

// concurrencyCorpus writes a JSON-lines corpus in which every fifth record
// reprints an earlier one's text under another id and URL, and the events
// fall in a handful of shared clusters.
func concurrencyCorpus(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		// A reprint has the text and date of the record three before it.
		j := i
		if i%5 == 4 {
			j = i - 3
		}
		text := fmt.Sprintf("Report %d. The sides agree.%s", j, strings.Repeat(" They agree.", j%3))
		fmt.Fprintf(&b, `{"id":"c%04d","url":"https://o%d.example/%d","source":"Outlet %d","date":"2024-05-%02d","text":%q}`+"\n",
			i, i%4, i, i%4, 10+j%4, text)
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// storeSnapshot is what a user can see of a store after an ingest: the
// table sizes, every cluster with its counts, and every stored text with
// the number of sources it was seen under.
type storeSnapshot struct {
	Counts   store.Counts
	Clusters []string
	Texts    []string
}

func snapshot(t *testing.T, dsn string) storeSnapshot {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s storeSnapshot
	if s.Counts, err = db.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	driver := "sqlite"
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows := func(query string) []string {
		r, err := raw.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var a, b, c string
			if err := r.Scan(&a, &b, &c); err != nil {
				t.Fatal(err)
			}
			out = append(out, a+" "+b+" "+c)
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	s.Clusters = rows("SELECT id, mentions, sources FROM clusters ORDER BY id")
	s.Texts = rows(`SELECT d.hash, (SELECT COUNT(*) FROM document_sources s WHERE s.doc_id = d.id),
		(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) FROM documents d ORDER BY d.hash`)
	return s
}

// ingestAtOnce runs n ingests of the corpus at the same time, each with a
// store handle of its own as separate processes would have, and fails on
// any error a run reports.
func ingestAtOnce(t *testing.T, dsn, corpus string, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	start := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer db.Close()
			log := &errLog{}
			p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Progress: log, Workers: 2, Batch: 16}
			sum, err := p.Run(context.Background(), []string{corpus})
			if err != nil {
				errs <- err.Error()
			}
			for _, e := range log.errs {
				errs <- e
			}
			if sum.Errors != 0 {
				errs <- fmt.Sprintf("summary: %v", sum)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	n = 0
	for e := range errs {
		if n++; n <= 5 {
			t.Error(e)
		}
	}
	if n > 5 {
		t.Errorf("and %d errors more", n-5)
	}
}

// Issue 15: two ingests on one new SQLite file failed in 3 of 10 tries
// with "table documents already exists", and two overlapping ingests into
// PostgreSQL lost items to "deadlock detected". Any number of ingests at
// once must end with the store one ingest makes.
func TestConcurrentIngestsMatchOneIngest(t *testing.T) {
	corpus := concurrencyCorpus(t, 240)
	run := func(t *testing.T, fresh func() string) {
		one := fresh()
		ingestAtOnce(t, one, corpus, 1)
		want := snapshot(t, one)
		if want.Counts.Documents != 192 || want.Counts.Sources != 240 {
			t.Fatalf("one ingest stored %+v, want 192 documents with 240 sources", want.Counts)
		}
		for try := range 3 {
			many := fresh()
			ingestAtOnce(t, many, corpus, 3)
			got := snapshot(t, many)
			if got.Counts != want.Counts {
				t.Fatalf("try %d: three ingests at once stored %+v, one ingest %+v", try, got.Counts, want.Counts)
			}
			if !reflect.DeepEqual(got.Clusters, want.Clusters) {
				t.Fatalf("try %d: three ingests at once made clusters (id mentions sources)\n%v\none ingest\n%v", try, got.Clusters, want.Clusters)
			}
			if !reflect.DeepEqual(got.Texts, want.Texts) {
				t.Fatalf("try %d: three ingests at once stored other texts, sources or events than one ingest", try)
			}
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		run(t, func() string { return filepath.Join(t.TempDir(), "dyad.db") })
	})
	t.Run("postgres", func(t *testing.T) {
		run(t, func() string { return storetest.PostgresDSN(t) })
	})
}

// Issue 15: 3,000 copies of one text were all coded before being stored
// as reprints of the first. A text is coded once a run, and not at all
// when it is stored already; a copy still gets all its sources stored, and
// copies of a text the coder fails on are each reported.
func TestIdenticalTextsAreCodedOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, from, to int, text string) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, `{"id":"%s%04d","url":"https://o%d.example/%s/%d","date":"2024-05-19","text":%q}`+"\n", name, i, i%7, name, i, text)
		}
		path := filepath.Join(dir, name+".jsonl")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const same = "The ministers agree on a ceasefire. Both sides agree to talks."
	first := write("a", 0, 300, same)
	failing := write("f", 0, 5, "CODER FAILS on this one")
	db := openStore(t)
	c := &fakeCoder{}
	log := &errLog{}
	p := &ingest.Pipeline{Coder: c, Store: db, Progress: log, Workers: 4, Batch: 7}
	sum, err := p.Run(context.Background(), []string{first, failing})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 1 || sum.Duplicates != 299 || sum.Errors != 5 {
		t.Fatalf("summary %v: want 1 new, 299 duplicates, 5 errors", sum)
	}
	if len(log.errs) != 5 {
		t.Fatalf("errors reported %q, want one for each copy the coder fails on", log.errs)
	}
	log.has(t, "f.jsonl:5")
	// The shared text once, and each failing copy coded and failed.
	if n := c.calls.Load(); n != 1+5 {
		t.Fatalf("the coder ran %d times, want 6 (the shared text once, each failing copy)", n)
	}
	// A later run with more copies codes nothing.
	more := write("b", 0, 50, same)
	if sum, err = p.Run(context.Background(), []string{more}); err != nil || sum.Duplicates != 50 {
		t.Fatalf("second run: %v, %v: want 50 duplicates", sum, err)
	}
	if n := c.calls.Load(); n != 6 {
		t.Fatalf("the coder ran %d times after the second run, want still 6", n)
	}
	got, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.Documents != 1 || got.Sources != 350 || got.Events != 2 {
		t.Fatalf("stored %+v, want 1 document with 350 sources and 2 events", got)
	}
	rows, err := db.Query(context.Background(), store.Filter{Limit: 1})
	if err != nil || len(rows) != 1 || rows[0].Mentions != 2*350 || rows[0].Sources != 7 {
		t.Fatalf("cluster %+v, %v: want 700 mentions from 7 outlets", rows, err)
	}
}
