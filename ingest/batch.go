package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"dyad/document"
	"dyad/store"
)

// Doc is a document read from a source, and where it was read from.
type Doc struct {
	Doc    document.Document
	Origin string
}

// Read walks the paths as Run does (files, directories, URLs, feeds, with
// the pages feed items link to fetched) and hands each document read to
// fn, coding and storing nothing: "dyad ingest --queue" publishes them.
// Errors with single items are counted in the summary and reported to
// Progress; an error from fn stops the walk and is returned. The
// document's URL is canonical and its ID set as the store would set it
// (store.DocID).
func (p *Pipeline) Read(ctx context.Context, paths []string, fn func(Doc) error) (Summary, error) {
	start := time.Now()
	prog := p.Progress
	if prog == nil {
		prog = nopProgress{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tasks := make(chan task, 16)
	w := p.walk(ctx, paths, tasks)
	var sum Summary
	var failed error
	for t := range tasks {
		if failed != nil {
			continue // drain, so that the walker ends
		}
		d, err := t.doc, t.err
		if err == nil && t.fetch != "" {
			d, err = p.page(ctx, t)
		}
		sum.Documents++
		if err != nil {
			sum.Errors++
			prog.Error(err)
			continue
		}
		d.URL = document.CanonicalURL(d.URL)
		d.ID = store.DocID(d)
		if err := fn(Doc{Doc: d, Origin: t.origin}); err != nil {
			failed = err
			cancel()
			continue
		}
		prog.Document(0)
	}
	sum.Passed = w.passed
	sum.Elapsed = time.Since(start)
	sum.Interrupted = ctx.Err() != nil && failed == nil
	return sum, failed
}

// page fetches the page a feed item links to and reads its article; what
// the page says wins over the feed, except where it is silent.
func (p *Pipeline) page(ctx context.Context, t task) (document.Document, error) {
	if p.Fetcher == nil {
		return document.Document{}, fmt.Errorf("ingest: %s: fetching %s is not enabled", t.origin, t.fetch)
	}
	resp, err := p.Fetcher.Get(ctx, t.fetch, false)
	if err != nil {
		return document.Document{}, fmt.Errorf("ingest: %s: %w", t.origin, err)
	}
	page, err := document.FromHTML(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		return document.Document{}, fmt.Errorf("ingest: %s: %w", t.origin, err)
	}
	d := t.doc
	if page.Title == "" {
		page.Title = d.Title
	}
	if page.Date.IsZero() {
		page.Date = d.Date
	}
	if d.Source != "" && page.Source == "" {
		page.Source = d.Source
	}
	return page, nil
}

// StoreBatch codes the documents that need it (Workers at once) and
// stores them all with one Put, as Run would have: a document stored
// already with the same text is skipped, a reprint takes the stored
// events. For each document it returns nil once it is stored (or was
// already), or why it was not; err is a failure of the store as a whole,
// after which nothing of the batch is known to be stored. "dyad worker"
// stores what it pulls from the queue this way, so that a document
// delivered twice is stored once.
func (p *Pipeline) StoreBatch(ctx context.Context, docs []Doc) (Summary, []error, error) {
	start := time.Now()
	if p.Coder == nil || p.Store == nil {
		return Summary{}, nil, fmt.Errorf("ingest: store batch: the pipeline needs a coder and a store")
	}
	workers := max(1, p.Workers)
	errs := make([]error, len(docs))
	items := make([]store.Item, len(docs))
	put := make([]bool, len(docs)) // items[i] is to be stored
	cut := make([]bool, len(docs))
	var fatal error
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := p.prepare(ctx, docs[i])
				if err != nil {
					mu.Lock()
					fatal = err
					mu.Unlock()
					continue
				}
				switch {
				case r.err != nil:
					errs[i] = r.err
				case r.skipped:
				default:
					items[i], put[i], cut[i] = r.item, true, r.warn != nil
				}
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var sum Summary
	if fatal != nil {
		return sum, nil, fatal
	}
	var batch []store.Item
	var at []int
	for i := range docs {
		sum.Documents++
		switch {
		case put[i]:
			batch, at = append(batch, items[i]), append(at, i)
		case errs[i] != nil:
			sum.Errors++
		default:
			sum.Skipped++
		}
	}
	for round := 0; len(batch) > 0; round++ {
		res, err := p.Store.Put(ctx, batch)
		if err != nil {
			return sum, nil, fmt.Errorf("ingest: %w", err)
		}
		var again []store.Item
		var againAt []int
		for k, r := range res {
			i := at[k]
			if errors.Is(r.Err, store.ErrTextNotStored) && round == 0 {
				// A reprint whose text is no longer stored: code it.
				c := p.code(docs[i].Doc, docs[i].Origin)
				if c.err == nil {
					again, againAt = append(again, c.item), append(againAt, i)
					continue
				}
				r.Err = c.err
			}
			if r.Err != nil {
				errs[i] = fmt.Errorf("ingest: %s: %w", docs[i].Origin, r.Err)
				sum.Errors++
				if errors.Is(r.Err, store.ErrConflict) {
					sum.Conflicts++
				}
				continue
			}
			if cut[i] {
				sum.Cut++
			}
			switch r.Outcome {
			case store.Inserted:
				sum.Inserted++
				sum.Events += len(batch[k].Events)
			case store.Replaced:
				sum.Replaced++
				sum.Events += len(batch[k].Events)
			case store.Duplicate:
				sum.Duplicates++
			case store.Unchanged:
				sum.Skipped++
			}
		}
		batch, at = again, againAt
	}
	sum.Elapsed = time.Since(start)
	return sum, errs, nil
}

// prepare checks one document against the store and codes it when it is
// new; err is a failure of the store.
func (p *Pipeline) prepare(ctx context.Context, x Doc) (result, error) {
	d := x.Doc
	d.URL = document.CanonicalURL(d.URL)
	key := store.Key{ID: store.DocID(d), URL: d.URL, Hash: store.Hash(d.Text)}
	st, err := p.Store.Check(ctx, key)
	if err != nil {
		return result{}, fmt.Errorf("ingest: %s: %w", x.Origin, err)
	}
	switch {
	case st == store.Known:
		return result{origin: x.Origin, skipped: true}, nil
	case st == store.Reprint:
		return result{origin: x.Origin, item: store.Item{Doc: d, Origin: x.Origin, Reprint: true}}, nil
	case st == store.Conflict && !p.Replace:
		return result{origin: x.Origin, item: store.Item{Doc: d, Origin: x.Origin}}, nil
	}
	return p.code(d, x.Origin), nil
}
