package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"dyad/coder"
)

func runRecode(e env) int {
	fs := newFlags(e, "recode", "[--db DB] [--dict DIR]", "dyad recode --db events.db --dict mydicts/")
	db := dbFlag(fs)
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the built-in ones")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError(fmt.Errorf("unexpected argument %q (recode codes every stored document)", fs.Arg(0)))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, ok := openStore(ctx, e, "recode", *db)
	if !ok {
		return exitFailure
	}
	defer s.Close()
	c, err := loadCoder(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad recode: dictionaries: %v\n", err)
		return exitFailure
	}
	ids, err := s.DocumentIDs(ctx)
	if err != nil {
		e.fail("recode", err)
		return exitFailure
	}
	failed, events := 0, 0
	for i, id := range ids {
		if ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "dyad recode: interrupted after %d of %d documents\n", i, len(ids))
			return exitFailure
		}
		d, err := s.Document(ctx, id)
		if err == nil {
			evs, cerr := c.Code(d)
			if errors.Is(cerr, coder.ErrCut) {
				fmt.Fprintf(e.stderr, "dyad recode: %s: warning: %v\n", id, cerr)
				cerr = nil
			}
			if err = cerr; err == nil {
				// Each document's events are replaced in one transaction.
				err = s.ReplaceEvents(ctx, id, evs)
				events += len(evs)
			}
		}
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "dyad recode: %s: %v\n", id, err)
		}
	}
	fmt.Fprintf(e.stderr, "dyad recode: %d documents, %d events, %d errors\n", len(ids), events, failed)
	if failed > 0 {
		return exitFailure
	}
	return exitOK
}
