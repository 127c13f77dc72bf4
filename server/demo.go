package server

import (
	"context"
	"fmt"
	"net/http"

	"dyad/examples"
	"dyad/store"
)

// Putter stores coded documents; *store.DB is one.
type Putter interface {
	Put(ctx context.Context, items []store.Item) ([]store.Result, error)
}

// LoadExamples codes the example articles bundled with dyad (package
// examples) with c and stores them in st; it returns how many it stored.
// A document the store refuses is an error naming it.
func LoadExamples(ctx context.Context, st Putter, c Coder) (int, error) {
	docs, err := examples.Documents()
	if err != nil {
		return 0, fmt.Errorf("server: %w", err)
	}
	items := make([]store.Item, 0, len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		evs, err := c.Code(d)
		if err != nil {
			return 0, fmt.Errorf("server: example %s: %w", d.ID, err)
		}
		items = append(items, store.Item{Doc: d, Origin: "example " + d.ID + ".txt", Events: evs})
	}
	res, err := st.Put(ctx, items)
	if err != nil {
		return 0, fmt.Errorf("server: examples: %w", err)
	}
	for i, r := range res {
		if r.Err != nil {
			return 0, fmt.Errorf("server: example %s: %w", items[i].Doc.ID, r.Err)
		}
	}
	return len(res), nil
}

// loadExamples is the home page's button on an empty store: it fills the
// store with the example articles, so that a first look has data to show.
// A store that holds anything is left alone.
func (s *Server) loadExamples(w http.ResponseWriter, r *http.Request) {
	c, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	if c.Documents > 0 {
		s.pageError(w, r, http.StatusConflict, "The store already holds documents: the examples are loaded only into an empty store.")
		return
	}
	if _, err := LoadExamples(r.Context(), s.cfg.Store, gatedCoder{s, r.Context()}); err != nil {
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
