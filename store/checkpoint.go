package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// walLimit is the size of SQLite's write-ahead log, in pages, at which a
// writer checkpoints it itself before writing again, when the background
// checkpoints have not kept it smaller.
const walLimit = 4096

// checkpointer copies the pages SQLite's writers commit to the
// write-ahead log back into the database file in a goroutine of its own,
// so that a writer's commit does not wait for the copy and its fsyncs
// (the connections do not checkpoint on commit: wal_autocheckpoint is 0).
// Commits are as durable as before: a commit is in the log, synced as
// synchronous=NORMAL says, before Put returns; the checkpoint only moves
// committed pages.
//
// The log starts over from its beginning only when a writer finds every
// page of it copied back; a writer that finds it longer than walLimit
// checkpoints first, so that the log stays bounded under a steady stream
// of writes.
type checkpointer struct {
	db    *sql.DB
	limit int64        // walLimit, but for tests
	mu    sync.Mutex   // held while a checkpoint runs
	pages atomic.Int64 // the log's size at the last checkpoint
	kick  chan struct{}
	done  chan struct{}
	stop  sync.Once
	wg    sync.WaitGroup
}

func newCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, limit: walLimit, kick: make(chan struct{}, 1), done: make(chan struct{})}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			select {
			case <-c.done:
				return
			case <-c.kick:
				// A failed checkpoint (busy, another process's) is tried
				// again after the next commit; the last connection to
				// close checkpoints what is left.
				c.checkpoint(context.Background())
			}
		}
	}()
	return c
}

// committed says a write transaction committed.
func (c *checkpointer) committed() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// checkpoint copies what it can of the log back without waiting for
// readers or writers (PASSIVE).
func (c *checkpointer) checkpoint(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var busy, log, done int64
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &done); err == nil {
		c.pages.Store(log)
	}
}

// beforeWrite checkpoints, after waiting for one in flight, when the log
// has grown past walLimit: then the write about to begin starts the log
// over (unless a reader still reads from it).
func (c *checkpointer) beforeWrite(ctx context.Context) {
	if c.pages.Load() > c.limit {
		c.checkpoint(ctx)
		c.pages.Store(0)
	}
}

// close stops the goroutine; closing again does nothing.
func (c *checkpointer) close() {
	c.stop.Do(func() { close(c.done) })
	c.wg.Wait()
}
