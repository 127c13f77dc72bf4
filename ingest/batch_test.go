package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/document"
	"dyad/ingest"
	"dyad/store"
)

// A batch delivered again (a queue's at-least-once delivery) is stored
// once: the second time every document is skipped, none is coded again,
// and a document the coder fails on is that document's error alone.
func TestStoreBatchTwiceStoresOnce(t *testing.T) {
	db := openStore(t)
	c := &fakeCoder{}
	p := &ingest.Pipeline{Coder: c, Store: db, Workers: 3}
	docs := []ingest.Doc{
		{Doc: document.Document{ID: "a", Text: "Ruritania and Freedonia agree on a border."}, Origin: "q:1"},
		{Doc: document.Document{ID: "b", Text: "They agree again, and agree once more."}, Origin: "q:2"},
		{Doc: document.Document{ID: "c", Text: "Here the CODER FAILS on purpose."}, Origin: "q:3"},
		{Doc: document.Document{ID: "d", Text: "Ruritania and Freedonia agree on a border!"}, Origin: "q:4"}, // a reprint of a
	}
	ctx := context.Background()
	sum, errs, err := p.StoreBatch(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Duplicates != 1 || sum.Events != 3 || sum.Errors != 1 {
		t.Errorf("first delivery: %s; want 2 new, 1 duplicate, 3 events, 1 error", sum)
	}
	if errs[0] != nil || errs[1] != nil || errs[3] != nil || errs[2] == nil || !strings.Contains(errs[2].Error(), "q:3") {
		t.Errorf("errors %v: want only the third document's, naming its origin", errs)
	}
	coded := c.calls.Load()
	sum, errs, err = p.StoreBatch(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 0 || sum.Skipped+sum.Duplicates != 3 || sum.Events != 0 || sum.Errors != 1 || errs[2] == nil {
		t.Errorf("second delivery: %s; want 3 already stored (the reprint as a duplicate) and the coder's error again", sum)
	}
	if src, err := db.Sources(ctx, "a"); err != nil || len(src) != 2 {
		t.Errorf("sources of a: %v, %v; want its own and the reprint's, once each", src, err)
	}
	if c.calls.Load() != coded+1 {
		t.Errorf("the second delivery coded %d documents, want 1 (the failed one)", c.calls.Load()-coded)
	}
	ids, err := db.DocumentIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "a b" {
		t.Errorf("stored documents %v, want a b", ids)
	}
}

// A store that fails fails the batch as a whole, so that a queue can keep
// the batch instead of blaming its documents.
func TestStoreBatchStoreDown(t *testing.T) {
	db := openStore(t)
	db.Close()
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db}
	_, errs, err := p.StoreBatch(context.Background(), []ingest.Doc{{Doc: document.Document{ID: "a", Text: "They agree."}, Origin: "q:1"}})
	if err == nil || errs != nil {
		t.Errorf("store closed: errs %v, err %v; want a batch error", errs, err)
	}
}

// Read hands over every document with the ID the store would give it,
// and counts a bad item without stopping.
func TestReadGivesStoreIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Ruritania and Freedonia agree.")
	write("b.jsonl", `{"text":"No id here: they agree."}`+"\n"+`{"id":"x1","text":"An id: they agree."}`+"\n"+`{"id":"x2","text":""}`+"\n")
	log := &errLog{}
	p := &ingest.Pipeline{Progress: log}
	var got []string
	sum, err := p.Read(context.Background(), []string{dir}, func(d ingest.Doc) error {
		if d.Doc.ID != store.DocID(d.Doc) || d.Doc.ID == "" {
			t.Errorf("%s: id %q, the store would use %q", d.Origin, d.Doc.ID, store.DocID(d.Doc))
		}
		got = append(got, d.Origin)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || sum.Documents != 4 || sum.Errors != 1 {
		t.Errorf("read %v, %s; want 3 documents and 1 error", got, sum)
	}
	log.has(t, "no text")
	stop := errors.New("queue full")
	if _, err := p.Read(context.Background(), []string{dir}, func(ingest.Doc) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("an error from fn: got %v", err)
	}
}
