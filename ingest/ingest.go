// Package ingest reads news into the store: files, directories, JSON-lines
// corpora (optionally gzip-compressed), HTML pages and RSS/Atom feeds, local
// or fetched over HTTP; it codes each new document and stores it with its
// events.
//
// In: paths and URLs. Out: documents and events in a Store, and a Summary.
//
// The work is a bounded pipeline: one reader walks the sources and emits
// tasks, Workers goroutines fetch, extract and code them, and one writer
// stores them in batches, each document in its own all-or-nothing step.
// Documents the store already holds with the same text are skipped before
// coding, so a rerun after an interruption resumes where it stopped. A bad
// item (a malformed line, a page without an article, a fetch error) is
// reported and skipped; the batch goes on.
package ingest

import (
	"context"
	"fmt"
	"time"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
)

// Coder codes one document into events.
type Coder interface {
	Code(document.Document) ([]plover.Event, error)
}

// Store is where ingested documents go.
type Store interface {
	Check(ctx context.Context, k store.Key) (store.Status, error)
	Put(ctx context.Context, items []store.Item) ([]store.Result, error)
}

// StateStore remembers HTTP validators between runs; the store implements it.
type StateStore interface {
	FetchState(ctx context.Context, url string) (store.FetchState, error)
	SetFetchState(ctx context.Context, st store.FetchState) error
}

// task is one unit of work a source emits: a document read, a page to fetch
// (Fetch, with what a feed said about it in Doc), or an error to report.
type task struct {
	doc    document.Document
	origin string
	fetch  string
	err    error
}

// Summary counts what a run did.
type Summary struct {
	Documents  int // documents read (stored, skipped or failed)
	Inserted   int
	Replaced   int
	Duplicates int // reprints stored as another source of a stored document
	Skipped    int // already stored with the same text
	Events     int // events stored
	Errors     int
	Elapsed    time.Duration
	// Interrupted is set when the run stopped early because its context was
	// cancelled; what was done is stored, and a rerun resumes.
	Interrupted bool
}

func (s Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Documents) / s.Elapsed.Seconds()
	}
	return fmt.Sprintf("%d documents (%d new, %d replaced, %d duplicates, %d already stored), %d events, %d errors in %s (%.1f documents/s)",
		s.Documents, s.Inserted, s.Replaced, s.Duplicates, s.Skipped, s.Events, s.Errors, s.Elapsed.Round(time.Millisecond), rate)
}
