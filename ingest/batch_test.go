package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

// slowStore is a store whose Put takes at least delay, and which records
// when each Put began and ended and how many documents it had.
type slowStore struct {
	ingest.Store
	delay time.Duration
	mu    sync.Mutex
	puts  []timedPut
}

type timedPut struct {
	start, end time.Time
	n          int
}

func (s *slowStore) Put(ctx context.Context, items []store.Item) ([]store.Result, error) {
	start := time.Now()
	res, err := s.Store.Put(ctx, items)
	time.Sleep(s.delay - time.Since(start))
	s.mu.Lock()
	s.puts = append(s.puts, timedPut{start, time.Now(), len(items)})
	s.mu.Unlock()
	return res, err
}

// A batch that is not full waits a quarter of a second after the last was
// stored, even when a tick fell while that one was being written: the
// stale tick stored the few documents coded since at once, and on SQLite
// a transaction of a few documents costs about the pages of a full one.
func TestBatchWaitsAfterSlowStore(t *testing.T) {
	dir := t.TempDir()
	for i := range 100 {
		text := fmt.Sprintf("Document %d: Ruritania and Freedonia agree.", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := &slowStore{Store: openStore(t), delay: 400 * time.Millisecond}
	// About a hundred documents a second: some are coded while each
	// batch is written, more after.
	c := &fakeCoder{onCall: func(int64) { time.Sleep(20 * time.Millisecond) }}
	p := &ingest.Pipeline{Coder: c, Store: st, Workers: 2, Batch: 1000}
	sum, err := p.Run(context.Background(), []string{dir})
	if err != nil || sum.Inserted != 100 {
		t.Fatalf("%s, %v; want 100 new", sum, err)
	}
	// The last batch is stored when the input ends, without waiting.
	for i := 1; i < len(st.puts)-1; i++ {
		if gap := st.puts[i].start.Sub(st.puts[i-1].end); gap < 250*time.Millisecond {
			t.Errorf("batch %d of %d documents stored %v after the one before; want a quarter of a second at least", i, st.puts[i].n, gap)
		}
	}
	if len(st.puts) < 3 {
		t.Errorf("%d batches; the test wants batches stored while others are coded", len(st.puts))
	}
}
