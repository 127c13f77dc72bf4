package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"dyad/document"
	"dyad/ingest"
	"dyad/store"
)

// Issue 17: a JSON-lines record over the line limit stopped the reading of
// its file; the records after it were never read.
func TestOversizeRecordIsSkipped(t *testing.T) {
	db := openStore(t)
	path := filepath.Join(t.TempDir(), "big.jsonl")
	big := `{"id":"big","text":"` + strings.Repeat("agree ", document.MaxDocument/6+1) + `"}`
	lines := []string{`{"id":"a","text":"They agree."}`, big, `{"id":"b","text":"They agree again."}`}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	log := &errLog{}
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Progress: log, Workers: 2}
	sum, err := p.Run(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Errors != 1 {
		t.Fatalf("summary %+v; errors %q", sum, log.errs)
	}
	log.has(t, "big.jsonl:2: line longer than")
	if _, err := db.Document(context.Background(), "b"); err != nil {
		t.Fatalf("the record after the oversize one: %v", err)
	}
}

// Issue 17: a document whose ID was already stored from another source
// silently replaced the stored one.
func TestStoredIDWithOtherText(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	note := filepath.Join(dir, "note.txt")
	os.WriteFile(a, []byte(`{"id":"x","text":"The first x: they agree."}`+"\n"), 0o644)
	os.WriteFile(b, []byte(`{"id":"x","text":"Another x: they agree, and agree."}`+"\n"), 0o644)
	os.WriteFile(note, []byte("They agree."), 0o644)

	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Workers: 2}
	if sum, err := p.Run(ctx, []string{a, note}); err != nil || sum.Inserted != 2 {
		t.Fatalf("first run %+v, %v", sum, err)
	}
	os.WriteFile(note, []byte("They agree. They agree."), 0o644) // edited since
	for _, tc := range []struct {
		name, path, from string
	}{
		{"another file", b, a + ":1"},
		{"the same file edited", note, note},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &errLog{}
			coder := &fakeCoder{}
			p := &ingest.Pipeline{Coder: coder, Store: db, Progress: log, Workers: 2}
			sum, err := p.Run(ctx, []string{tc.path})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Errors != 1 || sum.Conflicts != 1 || sum.Replaced != 0 || coder.calls.Load() != 0 {
				t.Fatalf("summary %+v, %d coder calls; want one conflict, nothing coded", sum, coder.calls.Load())
			}
			if !strings.Contains(sum.String(), "1 errors (1 with an id already stored with other text)") {
				t.Errorf("summary line %q does not say why", sum)
			}
			log.has(t, "already stored with other text (from "+tc.from+")")
		})
	}
	if d, _ := db.Document(ctx, "x"); d.Text != "The first x: they agree." {
		t.Fatalf("x was replaced by %q", d.Text)
	}

	// The same sources again: nothing to do, no error.
	sum, err := p.Run(ctx, []string{a})
	if err != nil || sum.Skipped != 1 || sum.Errors != 0 {
		t.Fatalf("same source again %+v, %v", sum, err)
	}

	// Asked for, the replacement is made and counted.
	p.Replace = true
	sum, err = p.Run(ctx, []string{b, note})
	if err != nil || sum.Replaced != 2 || sum.Errors != 0 || sum.Events != 2+2 {
		t.Fatalf("--replace run %+v, %v", sum, err)
	}
	if d, _ := db.Document(ctx, "x"); d.Text != "Another x: they agree, and agree." {
		t.Fatalf("x after replace %q", d.Text)
	}
	rows, _ := db.Query(ctx, store.Filter{DocID: "x"})
	if len(rows) != 2 {
		t.Fatalf("x has %d events after replace, want 2", len(rows))
	}
}

// Issue 17: after a fatal store error the pipeline went on reading and
// coding every remaining input.
func TestFatalStoreErrorStopsReading(t *testing.T) {
	db := openStore(t)
	fifo := filepath.Join(t.TempDir(), "feed.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// The writer offers far more than the reader buffers; it fails with a
	// broken pipe once the reader stops and closes its end.
	wrote := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			wrote <- err
			return
		}
		defer f.Close()
		pad := strings.Repeat("x", 4000)
		for i := range 5000 {
			if _, err := fmt.Fprintf(f, `{"id":"d%d","text":"They agree. %s"}`+"\n", i, pad); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	}()
	// The disk goes away while the first document is coded.
	coder := &fakeCoder{onCall: func(n int64) {
		if n == 1 {
			db.Close()
		}
	}}
	p := &ingest.Pipeline{Coder: coder, Store: db, Workers: 1, Batch: 1}
	_, err := p.Run(context.Background(), []string{fifo})
	if err == nil || !strings.Contains(err.Error(), "ingest stopped: store: put: ") {
		t.Fatalf("Run = %v; want the store's error", err)
	}
	if werr := <-wrote; !errors.Is(werr, syscall.EPIPE) {
		t.Fatalf("the writer's end: %v; want a broken pipe, as the pipeline stops reading", werr)
	}
}

// Issue 17: a folder walk passed over files it does not read without a word.
func TestWalkSaysWhatItPassedOver(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": "They agree.", "a.gold": "gold", "sub/b.gold": "gold", "README": "readme", ".hidden.gold": "hidden",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db}
	sum, err := p.Run(context.Background(), []string{dir})
	if err != nil || sum.Inserted != 1 {
		t.Fatalf("run %+v, %v", sum, err)
	}
	want := []ingest.Passed{
		{Path: filepath.Join(dir, "README"), Why: "no extension"},
		{Path: filepath.Join(dir, "a.gold"), Why: ".gold"},
		{Path: filepath.Join(dir, "sub", "b.gold"), Why: ".gold"},
	}
	if !reflect.DeepEqual(sum.Passed, want) {
		t.Fatalf("passed %+v, want %+v", sum.Passed, want)
	}
	if line := ingest.PassedLine(sum.Passed); !strings.Contains(line, "3 files") || !strings.Contains(line, "2 .gold, 1 no extension") {
		t.Errorf("summary %q", line)
	}
}

// Issue 17: a file's document ID is its path as given, cleaned, the ID
// "dyad code" gives it too.
func TestFileID(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "note.txt")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("They agree."), 0o644)
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db}
	if _, err := p.Run(context.Background(), []string{dir + "/./sub/../sub/note.txt"}); err != nil {
		t.Fatal(err)
	}
	ids, _ := db.DocumentIDs(context.Background())
	if want := []string{filepath.ToSlash(path)}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %q, want %q", ids, want)
	}
}
