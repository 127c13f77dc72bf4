package queue_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/document"
	"dyad/queue"
	"dyad/queue/queuetest"
)

// open connects to srv with cfg's settings over the defaults.
func open(t *testing.T, srv *queuetest.Server, tune func(*queue.Config)) *queue.Queue {
	t.Helper()
	cfg := queue.DefaultConfig(srv.URL())
	if tune != nil {
		tune(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	q, err := queue.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func publish(t *testing.T, q *queue.Queue, ids ...string) *queue.Publisher {
	t.Helper()
	ctx := context.Background()
	p := q.Publisher(8)
	for _, id := range ids {
		if err := p.Publish(ctx, id, queue.Job{Doc: document.Document{ID: id, Text: "text of " + id}, Origin: "test:" + id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("doc-%04d", i)
	}
	return out
}

// table is the test's store: documents by ID, with how often each was
// stored.
type table struct {
	mu     sync.Mutex
	stored map[string]int
}

func (tb *table) put(jobs []queue.Job) []error {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, j := range jobs {
		tb.stored[j.Doc.ID]++
	}
	return make([]error, len(jobs))
}

func (tb *table) count() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return len(tb.stored)
}

// work runs Work with h in the background until the test ends or stop is
// called.
func work(t *testing.T, q *queue.Queue, h queue.Handler, opt queue.WorkOptions) (c *queue.Counters, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	c = &queue.Counters{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := q.Work(ctx, h, opt, c); err != nil {
			t.Errorf("work: %v", err)
		}
	}()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return c, sync.OnceFunc(stop)
}

// waitFor polls cond for up to 30 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func stats(t *testing.T, q *queue.Queue) queue.Stats {
	t.Helper()
	st, err := q.Stats(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A document published twice (a rerun of "dyad ingest --queue") is in the
// stream once: the document ID is the message ID.
func TestPublishDropsRepeats(t *testing.T) {
	srv := queuetest.Start(t, "")
	q := open(t, srv, nil)
	p := publish(t, q, ids(20)...)
	if p.Published != 20 || p.Duplicates != 0 {
		t.Errorf("first run: published %d, duplicates %d; want 20, 0", p.Published, p.Duplicates)
	}
	p = publish(t, q, ids(25)...)
	if p.Published != 5 || p.Duplicates != 20 {
		t.Errorf("second run: published %d, duplicates %d; want 5, 20", p.Published, p.Duplicates)
	}
	if st := stats(t, q); st.Documents != 25 || st.Pending != 25 || st.Lag() != 25 {
		t.Errorf("stream holds %d documents, %d pending, lag %d; want 25 each", st.Documents, st.Pending, st.Lag())
	}
}

// Two workers share the documents; each is stored once, and the stream
// is empty once they are acknowledged (work-queue retention).
func TestTwoWorkersStoreEachDocumentOnce(t *testing.T) {
	srv := queuetest.Start(t, "")
	q := open(t, srv, nil)
	publish(t, q, ids(300)...)
	tb := &table{stored: map[string]int{}}
	h := func(_ context.Context, jobs []queue.Job) ([]error, error) { return tb.put(jobs), nil }
	c1, _ := work(t, q, h, queue.WorkOptions{Name: "one", MaxInFlight: 16})
	c2, _ := work(t, q, h, queue.WorkOptions{Name: "two", MaxInFlight: 16})
	waitFor(t, "300 documents stored", func() bool { return c1.Stored.Load()+c2.Stored.Load() == 300 })
	if tb.count() != 300 {
		t.Errorf("%d distinct documents stored, want 300", tb.count())
	}
	for id, n := range tb.stored {
		if n != 1 {
			t.Errorf("%s stored %d times", id, n)
		}
	}
	if c1.Stored.Load() == 0 || c2.Stored.Load() == 0 {
		t.Errorf("one worker did all the work: %d and %d", c1.Stored.Load(), c2.Stored.Load())
	}
	waitFor(t, "an empty stream", func() bool { st := stats(t, q); return st.Documents == 0 && st.Lag() == 0 })
}

// A document the store keeps refusing goes to the dead-letter stream with
// the reason after Tries failures, and the rest of the stream flows past
// it.
func TestRefusedDocumentIsDeadLettered(t *testing.T) {
	srv := queuetest.Start(t, "")
	q := open(t, srv, func(c *queue.Config) { c.Tries = 2 })
	publish(t, q, ids(10)...)
	tb := &table{stored: map[string]int{}}
	h := func(_ context.Context, jobs []queue.Job) ([]error, error) {
		errs := make([]error, len(jobs))
		var good []queue.Job
		for i, j := range jobs {
			if j.Doc.ID == "doc-0003" {
				errs[i] = errors.New("code: the coder choked")
				continue
			}
			good = append(good, j)
		}
		tb.put(good)
		return errs, nil
	}
	c, _ := work(t, q, h, queue.WorkOptions{Name: "w1", MaxInFlight: 4})
	waitFor(t, "a dead letter", func() bool { return c.Dead.Load() == 1 })
	waitFor(t, "9 documents stored", func() bool { return c.Stored.Load() == 9 })
	if c.Retried.Load() != 1 {
		t.Errorf("retried %d times, want 1 (2 tries)", c.Retried.Load())
	}
	st := stats(t, q)
	if st.Dead != 1 || len(st.Recent) != 1 {
		t.Fatalf("dead stream holds %d (%d recent), want 1", st.Dead, len(st.Recent))
	}
	d := st.Recent[0]
	if d.DocID != "doc-0003" || !strings.Contains(d.Reason, "the coder choked") || d.Deliveries != "2" || d.Worker != "w1" {
		t.Errorf("dead letter %+v: want doc-0003, the handler's error, 2 deliveries, worker w1", d)
	}
	waitFor(t, "an empty stream", func() bool { return stats(t, q).Documents == 0 })
}

// A document whose worker hangs (or dies) is delivered again after the
// ack wait, and once it has used up its tries without an acknowledgement
// it is dead-lettered, not delivered for ever.
func TestUnacknowledgedDocumentIsDeadLettered(t *testing.T) {
	srv := queuetest.Start(t, "")
	q := open(t, srv, func(c *queue.Config) { c.Tries = 1; c.AckWait = time.Second })
	publish(t, q, "doc-hang")
	hung := make(chan struct{})
	_, stopHung := work(t, q, func(ctx context.Context, jobs []queue.Job) ([]error, error) {
		close(hung)
		<-ctx.Done() // the coder never comes back
		return nil, ctx.Err()
	}, queue.WorkOptions{Name: "hung", MaxInFlight: 1})
	<-hung
	tb := &table{stored: map[string]int{}}
	c, _ := work(t, q, func(_ context.Context, jobs []queue.Job) ([]error, error) { return tb.put(jobs), nil },
		queue.WorkOptions{Name: "healthy", MaxInFlight: 1})
	waitFor(t, "a dead letter", func() bool { return c.Dead.Load() == 1 })
	stopHung()
	if tb.count() != 0 {
		t.Errorf("the document was stored too: %v", tb.stored)
	}
	st := stats(t, q)
	if st.Dead != 1 || !strings.Contains(st.Recent[0].Reason, "not acknowledged") {
		t.Errorf("dead letters %d %+v: want one saying it was not acknowledged", st.Dead, st.Recent)
	}
}

// A store that is down fails batches as a whole: that is no document's
// fault, so nothing is dead-lettered however long it lasts, and the
// documents are stored once it is back.
func TestStoreOutageDeadLettersNothing(t *testing.T) {
	srv := queuetest.Start(t, "")
	q := open(t, srv, func(c *queue.Config) { c.Tries = 1 })
	publish(t, q, ids(20)...)
	tb := &table{stored: map[string]int{}}
	var mu sync.Mutex
	down := 4
	h := func(_ context.Context, jobs []queue.Job) ([]error, error) {
		mu.Lock()
		defer mu.Unlock()
		if down > 0 {
			down--
			return nil, errors.New("store: connection refused")
		}
		return tb.put(jobs), nil
	}
	var said []string
	c, _ := work(t, q, h, queue.WorkOptions{MaxInFlight: 8, OnStoreError: func(err error) {
		mu.Lock()
		said = append(said, err.Error())
		mu.Unlock()
	}})
	waitFor(t, "20 documents stored", func() bool { return c.Stored.Load() == 20 })
	if c.Dead.Load() != 0 || c.StoreErrors.Load() != 4 {
		t.Errorf("dead %d, store errors %d; want 0 and 4", c.Dead.Load(), c.StoreErrors.Load())
	}
	mu.Lock()
	if len(said) != 4 || !strings.Contains(said[0], "connection refused") {
		t.Errorf("store errors reported: %q", said)
	}
	mu.Unlock()
}

// A NATS server restarted in the middle of the work (same files, same
// port) loses nothing: the workers reconnect and finish.
func TestServerRestart(t *testing.T) {
	srv := queuetest.Start(t, "")
	// Deliveries whose acknowledgements the restart lost come again
	// after the ack wait.
	q := open(t, srv, func(c *queue.Config) { c.AckWait = 2 * time.Second })
	publish(t, q, ids(400)...)
	tb := &table{stored: map[string]int{}}
	slow := func(_ context.Context, jobs []queue.Job) ([]error, error) {
		time.Sleep(5 * time.Millisecond)
		return tb.put(jobs), nil
	}
	work(t, q, slow, queue.WorkOptions{MaxInFlight: 8})
	waitFor(t, "some documents stored", func() bool { return tb.count() >= 50 })
	srv.Restart()
	waitFor(t, "400 documents stored", func() bool { return tb.count() == 400 })
	for id, n := range tb.stored {
		if n > 1 {
			t.Logf("%s stored %d times (delivered again: its acknowledgement was lost in the restart)", id, n)
		}
	}
	waitFor(t, "an empty stream", func() bool {
		st, err := q.Stats(context.Background(), 0)
		return err == nil && st.Documents == 0
	})
}
