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
// coding, so a rerun after an interruption resumes where it stopped, and a
// text met again in one run is coded once: its copies wait for the first
// reading and are stored as its reprints. A bad
// item (a malformed line, a page without an article, a fetch error) is
// reported and skipped; the batch goes on.
package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
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
	Replaced   int // stored documents given a new text, as Pipeline.Replace allows
	Duplicates int // reprints stored as another source of a stored document
	Skipped    int // already stored with the same text
	Events     int // events stored
	Errors     int
	// Conflicts counts the errors of documents not stored because their
	// ID or URL is stored with another text (Pipeline.Replace unset).
	Conflicts int
	// Cut counts the documents stored with the events of only their
	// first coder.MaxText bytes.
	Cut int
	// Passed lists the files directory walks did not read, in walk order.
	Passed  []Passed
	Elapsed time.Duration
	// Interrupted is set when the run stopped early because its context was
	// cancelled; what was done is stored, and a rerun resumes.
	Interrupted bool
}

func (s Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Documents) / s.Elapsed.Seconds()
	}
	conflicts := ""
	if s.Conflicts > 0 {
		conflicts = fmt.Sprintf(" (%d with an id already stored with other text)", s.Conflicts)
	}
	cut := ""
	if s.Cut > 0 {
		cut = fmt.Sprintf(", %d coded only in part (too long)", s.Cut)
	}
	return fmt.Sprintf("%d documents (%d new, %d replaced, %d duplicates, %d already stored%s), %d events, %d errors%s in %s (%.1f documents/s)",
		s.Documents, s.Inserted, s.Replaced, s.Duplicates, s.Skipped, cut, s.Events, s.Errors, conflicts, s.Elapsed.Round(time.Millisecond), rate)
}

// Passed is a file a directory walk did not read, and why: its extension
// (".gold") or "no extension". Ingest reads .txt, .text, .html, .htm,
// .xhtml, .json, .jsonl, .ndjson, .xml, .rss, .atom and .feed files, each
// optionally gzipped; a file named on the command line is read whatever
// its name.
type Passed struct {
	Path string
	Why  string
}

// passedWhy says why a walk passes over a file name.
func passedWhy(name string) string {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	if ext == "" {
		return "no extension"
	}
	return ext
}

// PassedLine sums up the files passed over, most common reason first:
// "skipped 3 files that are not documents: 2 .gold, 1 no extension". It
// is empty when there are none.
func PassedLine(passed []Passed) string {
	if len(passed) == 0 {
		return ""
	}
	n := map[string]int{}
	var whys []string
	for _, p := range passed {
		if n[p.Why] == 0 {
			whys = append(whys, p.Why)
		}
		n[p.Why]++
	}
	sort.SliceStable(whys, func(i, j int) bool { return n[whys[i]] > n[whys[j]] })
	parts := make([]string, len(whys))
	for i, w := range whys {
		parts[i] = fmt.Sprintf("%d %s", n[w], w)
	}
	files := "files that are not documents"
	if len(passed) == 1 {
		files = "file that is not a document"
	}
	return fmt.Sprintf("skipped %d %s: %s", len(passed), files, strings.Join(parts, ", "))
}
