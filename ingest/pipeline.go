package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"dyad/coder"
	"dyad/document"
	"dyad/store"
)

// Pipeline ingests sources into a store. Coder and Store are required;
// Fetcher is needed for URLs and for feed items that link to pages.
type Pipeline struct {
	Coder    Coder
	Store    Store
	Fetcher  *Fetcher
	Progress Progress
	// Workers is the number of documents fetched and coded at once
	// (default: the number of CPUs).
	Workers int
	// Batch is the largest number of documents stored per transaction
	// (default 1,024: on SQLite a transaction writes about the same index
	// pages for a few documents as for many).
	Batch int
	// Replace lets a document replace a stored one that has its ID or URL
	// and another text. Without it such a document is an error (counted in
	// Summary.Conflicts) and the stored one stays as it is.
	Replace bool
}

// defaultBatch is the documents per transaction when Pipeline.Batch is
// not set, as bench/ingest's -batch.
const defaultBatch = 1024

// flushEvery is how long coded documents wait for their batch to fill
// before they are stored.
const flushEvery = 250 * time.Millisecond

// result is a task after a worker: an item to store, a skip or an error.
type result struct {
	item    store.Item
	origin  string
	skipped bool
	err     error
	// warn is said of a document stored all the same: one coded only in
	// part (coder.ErrCut).
	warn error
	// claimed is the hash of the text this result was the first in the
	// run to code; copyOf the hash of a text another result is coding, of
	// which this one is an uncoded copy.
	claimed, copyOf string
}

// texts remembers the texts a run has set out to code, so that a copy of
// one is not coded again. Workers claim texts; the writer marks them
// settled once the claimant's result has reached it.
type texts struct {
	mu      sync.Mutex
	settled map[string]bool // by hash: false while being coded
}

// claim reports whether the text with hash h is new to the run, claiming
// it for the caller to code.
func (x *texts) claim(h string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.settled[h]; ok {
		return false
	}
	x.settled[h] = false
	return true
}

func (x *texts) settle(h string) {
	x.mu.Lock()
	x.settled[h] = true
	x.mu.Unlock()
}

func (x *texts) isSettled(h string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.settled[h]
}

// Run ingests the paths (files, directories, URLs) and returns what it did.
// Errors with single items are counted, reported to Progress and skipped;
// the error returned is for the run as a whole (the store failed), and
// Run stops reading and coding as soon as it happens. When ctx is
// cancelled, Run stops reading, stores what was already coded, and returns
// with Summary.Interrupted set. Run returns when all its goroutines have.
func (p *Pipeline) Run(parent context.Context, paths []string) (Summary, error) {
	if p.Coder == nil || p.Store == nil {
		return Summary{}, fmt.Errorf("ingest: run: the pipeline needs a coder and a store")
	}
	start := time.Now()
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := p.Batch
	if batch <= 0 {
		batch = defaultBatch
	}
	prog := p.Progress
	if prog == nil {
		prog = nopProgress{}
	}

	// A fatal store error cancels ctx, which stops the reader and workers.
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	tasks := make(chan task, 2*workers)
	results := make(chan result, 2*workers)
	seen := &texts{settled: map[string]bool{}}
	// Closing tasks ends the workers, and then results: once results is
	// closed, the walker's fields are safe to read.
	w := p.walk(ctx, paths, tasks)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				r := p.work(ctx, t, seen)
				select {
				case results <- r:
				case <-ctx.Done():
					// Keep draining tasks so the reader can finish.
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var sum Summary
	var pending []store.Item
	var origins []string
	var fatal error
	// A batch is stored when full, or a quarter of a second after the
	// last was stored. The wait starts again at each store: a tick that
	// fell while one was being written would store the few documents
	// coded since, and a transaction costs SQLite about the same pages
	// for 5 documents as for 250.
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	flush := func() {
		if len(pending) == 0 || fatal != nil {
			return
		}
		defer tick.Reset(flushEvery)
		// Store what was coded even when interrupted.
		res, err := p.Store.Put(context.WithoutCancel(ctx), pending)
		if err != nil {
			fatal = err
			return
		}
		var again []store.Item
		var againOrigins []string
		for i, r := range res {
			if errors.Is(r.Err, store.ErrTextNotStored) {
				// A copy whose first reading was not stored after all
				// (its coder failed): code it now.
				c := p.code(pending[i].Doc, origins[i])
				if c.err == nil {
					if c.warn != nil {
						sum.Cut++
						prog.Error(c.warn)
					}
					again, againOrigins = append(again, c.item), append(againOrigins, origins[i])
					continue
				}
				r.Err = c.err
			}
			sum.Documents++
			if r.Err != nil {
				sum.Errors++
				if errors.Is(r.Err, store.ErrConflict) {
					sum.Conflicts++
				}
				prog.Error(fmt.Errorf("ingest: %s: %w", origins[i], r.Err))
				continue
			}
			n := 0
			switch r.Outcome {
			case store.Inserted:
				sum.Inserted++
				n = len(pending[i].Events)
			case store.Replaced:
				sum.Replaced++
				n = len(pending[i].Events)
			case store.Duplicate:
				sum.Duplicates++
			case store.Unchanged:
				sum.Skipped++
			}
			sum.Events += n
			prog.Document(n)
		}
		pending, origins = append(pending[:0], again...), append(origins[:0], againOrigins...)
	}
	// waiting holds copies of texts still being coded, by hash, until the
	// first reading's result has come: then they follow it, to be stored
	// as its reprints.
	waiting := map[string][]result{}
	var accept func(r result)
	accept = func(r result) {
		switch {
		case r.copyOf != "" && !seen.isSettled(r.copyOf):
			waiting[r.copyOf] = append(waiting[r.copyOf], r)
			return
		case r.err != nil:
			sum.Documents++
			sum.Errors++
			prog.Error(r.err)
		case r.skipped:
			sum.Documents++
			sum.Skipped++
			prog.Document(0)
		default:
			if r.warn != nil {
				sum.Cut++
				prog.Error(r.warn)
			}
			pending = append(pending, r.item)
			origins = append(origins, r.origin)
			if len(pending) >= batch {
				flush()
			}
		}
		if h := r.claimed; h != "" {
			seen.settle(h)
			copies := waiting[h]
			delete(waiting, h)
			for _, c := range copies {
				accept(c)
			}
		}
	}
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			accept(r)
		case <-tick.C:
			flush()
		}
		if fatal != nil {
			break
		}
	}
	for len(pending) > 0 && fatal == nil {
		flush()
	}
	if fatal != nil {
		// Stop reading and coding, and wait for the reader and workers.
		cancel()
		for range results {
		}
	}
	sum.Passed = w.passed
	sum.Elapsed = time.Since(start)
	sum.Interrupted = parent.Err() != nil
	if fatal != nil {
		return sum, fmt.Errorf("ingest stopped: %w", fatal)
	}
	return sum, nil
}

// work fetches, extracts and codes one task.
func (p *Pipeline) work(ctx context.Context, t task, seen *texts) (r result) {
	r.origin = t.origin
	if t.err != nil {
		r.err = t.err
		return r
	}
	defer func() {
		if v := recover(); v != nil {
			r = result{origin: t.origin, err: fmt.Errorf("ingest: %s: coder panicked: %v", t.origin, v)}
		}
	}()
	if err := ctx.Err(); err != nil {
		r.err = err
		return r
	}
	d := t.doc
	if t.fetch != "" {
		link := document.CanonicalURL(t.fetch)
		st, err := p.Store.Check(ctx, store.Key{URL: link})
		if err != nil {
			r.err = fmt.Errorf("ingest: %s: %w", t.origin, err)
			return r
		}
		if st == store.Known {
			r.skipped = true
			return r
		}
		if d, err = p.page(ctx, t); err != nil {
			r.err = err
			return r
		}
	}
	d.URL = document.CanonicalURL(d.URL)
	key := store.Key{ID: store.DocID(d), URL: d.URL, Hash: store.Hash(d.Text)}
	st, err := p.Store.Check(ctx, key)
	if err != nil {
		r.err = fmt.Errorf("ingest: %s: %w", t.origin, err)
		return r
	}
	switch {
	case st == store.Known:
		r.skipped = true
		return r
	case st == store.Reprint:
		// Nothing to code: a reprint takes the stored events.
		r.item = store.Item{Doc: d, Origin: t.origin, Reprint: true}
		return r
	case st == store.Conflict && !p.Replace:
		// Put refuses it, saying where the stored document came from.
		r.item = store.Item{Doc: d, Origin: t.origin}
		return r
	case st == store.New && !seen.claim(key.Hash):
		// The same text is being coded for another document of this run.
		r.item = store.Item{Doc: d, Origin: t.origin, Reprint: true}
		r.copyOf = key.Hash
		return r
	}
	r = p.code(d, t.origin)
	if st == store.New {
		r.claimed = key.Hash
	}
	return r
}

// code codes one document into the item to store.
func (p *Pipeline) code(d document.Document, origin string) (r result) {
	r.origin = origin
	defer func() {
		if v := recover(); v != nil {
			r = result{origin: origin, err: fmt.Errorf("ingest: %s: coder panicked: %v", origin, v)}
		}
	}()
	events, err := p.Coder.Code(d)
	if errors.Is(err, coder.ErrCut) {
		r.warn, err = fmt.Errorf("ingest: %s: warning: %w", origin, err), nil
	}
	if err != nil {
		r.err = fmt.Errorf("ingest: %s: code: %w", origin, err)
		return r
	}
	r.item = store.Item{Doc: d, Origin: origin, Events: events, Replace: p.Replace}
	return r
}

// Watch polls the feeds listed in feedsFile (one URL a line; blank lines
// and lines starting with # ignored; the file is re-read every round) every
// interval until ctx is cancelled, ingesting each new item. It calls report
// after each round.
func (p *Pipeline) Watch(ctx context.Context, feedsFile string, every time.Duration, report func(Summary, error)) error {
	if every <= 0 {
		return fmt.Errorf("ingest: watch: interval must be positive")
	}
	for {
		feeds, err := ReadFeedList(feedsFile)
		if err != nil {
			return err
		}
		sum, err := p.Run(ctx, feeds)
		if report != nil {
			report(sum, err)
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// ReadFeedList reads a list of feed URLs, one a line, skipping blank lines
// and # comments.
func ReadFeedList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: feed list: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	n := 0
	var bad []error
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !isURL(l) {
			bad = append(bad, fmt.Errorf("ingest: %s:%d: %q is not an http(s) URL", path, n, l))
			continue
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ingest: feed list %s: %w", path, err)
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	return out, nil
}

// walk starts a walker over paths in a goroutine of its own, sending a
// task for each document to tasks and closing tasks when it is done or
// ctx is cancelled. The walker's fields are safe to read once tasks is
// closed and drained.
func (p *Pipeline) walk(ctx context.Context, paths []string, tasks chan task) *walker {
	w := &walker{ctx: ctx, out: tasks}
	if p.Fetcher != nil {
		w.fetch = p.Fetcher.Get
	}
	go func() {
		defer close(tasks)
		for _, path := range paths {
			if !w.path(path) {
				return
			}
		}
	}()
	return w
}
