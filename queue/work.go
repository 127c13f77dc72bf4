package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/internal/prom"
)

// Handler stores a batch of jobs. For each job it returns nil once the
// job's document is committed to the store (or was stored already), or
// why the store refused it; err, when not nil, says the store failed as a
// whole and nothing of the batch is known to be stored.
type Handler func(ctx context.Context, jobs []Job) (errs []error, err error)

// Counters count what a worker did; they are safe for concurrent use, and
// read while the worker runs (for progress lines and /metrics).
type Counters struct {
	Stored      atomic.Int64 // documents acknowledged after the store committed them
	Retried     atomic.Int64 // documents refused by the store and left to be delivered again
	Dead        atomic.Int64 // documents this worker dead-lettered
	StoreErrors atomic.Int64 // batches the store failed as a whole (retried)
	Batches     atomic.Int64 // batches handled
	InFlight    atomic.Int64 // documents held now
}

// WorkOptions tune Work.
type WorkOptions struct {
	// Name names the worker in dead letters (host:pid).
	Name string
	// MaxInFlight is the most documents the worker holds at once: it
	// fetches a batch of at most that many, stores it, acknowledges it,
	// and only then fetches more (default 64).
	MaxInFlight int
	// OnStoreError, when set, is told of each failure of the store as a
	// whole before the batch is tried again.
	OnStoreError func(error)
}

// Work pulls batches of jobs from the consumer and hands them to h until
// ctx is cancelled, acknowledging each document after h has stored it.
// A document h refuses is delivered again after a back-off, and
// dead-lettered at its Tries-th failure; a batch h fails as a whole is
// retried, the server told that the worker is still at it, until h
// succeeds or ctx is cancelled (then the batch is left to be delivered
// again). Work returns nil when ctx is cancelled.
func (q *Queue) Work(ctx context.Context, h Handler, opt WorkOptions, c *Counters) error {
	if opt.MaxInFlight <= 0 {
		opt.MaxInFlight = 64
	}
	for ctx.Err() == nil {
		msgs, err := q.fetch(ctx, opt.MaxInFlight)
		if err != nil {
			// The server is away (restarting): wait, the connection
			// comes back by itself.
			pause(ctx, 500*time.Millisecond)
			continue
		}
		if len(msgs) == 0 {
			continue
		}
		c.InFlight.Store(int64(len(msgs)))
		q.handle(ctx, h, opt, c, msgs)
		c.InFlight.Store(0)
		c.Batches.Add(1)
	}
	return nil
}

// fetch takes what the consumer has, up to n documents, at once; when it
// has nothing it waits up to two seconds for one and then takes what has
// come with it.
func (q *Queue) fetch(ctx context.Context, n int) ([]jetstream.Msg, error) {
	var msgs []jetstream.Msg
	take := func(b jetstream.MessageBatch, err error) error {
		if err != nil {
			return err
		}
		for m := range b.Messages() {
			msgs = append(msgs, m)
		}
		if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, jetstream.ErrNoMessages) {
			return err
		}
		return nil
	}
	if err := take(q.cons.FetchNoWait(n)); err != nil || len(msgs) > 0 {
		return msgs, err
	}
	wait, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := take(q.cons.Fetch(1, jetstream.FetchContext(wait))); err != nil || len(msgs) == 0 || n == 1 {
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
			err = nil
		}
		return msgs, err
	}
	return msgs, take(q.cons.FetchNoWait(n - 1))
}

// handle stores one batch and settles each of its messages.
func (q *Queue) handle(ctx context.Context, h Handler, opt WorkOptions, c *Counters, msgs []jetstream.Msg) {
	var jobs []Job
	var held []jetstream.Msg
	var tries []uint64
	for _, m := range msgs {
		md, err := m.Metadata()
		if err != nil {
			// Not a JetStream message: nothing to acknowledge.
			continue
		}
		var j Job
		if err := json.Unmarshal(m.Data(), &j); err != nil {
			q.deadLetter(ctx, opt, c, m, md.NumDelivered, fmt.Sprintf("not a dyad job: %v", err))
			continue
		}
		if md.NumDelivered > uint64(q.cfg.Tries) {
			q.deadLetter(ctx, opt, c, m, md.NumDelivered, fmt.Sprintf("not acknowledged in %d deliveries: its workers died or ran past the ack wait of %s", md.NumDelivered-1, q.cfg.AckWait))
			continue
		}
		jobs, held, tries = append(jobs, j), append(held, m), append(tries, md.NumDelivered)
	}
	if len(jobs) == 0 {
		return
	}
	var errs []error
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		var err error
		errs, err = h(ctx, jobs)
		if err == nil && len(errs) == len(jobs) {
			break
		}
		if err == nil {
			err = fmt.Errorf("queue: the handler answered %d of %d jobs", len(errs), len(jobs))
		}
		c.StoreErrors.Add(1)
		if opt.OnStoreError != nil {
			opt.OnStoreError(err)
		}
		if ctx.Err() != nil {
			// Leave the batch to another worker, at once.
			for _, m := range held {
				m.Nak()
			}
			return
		}
		for _, m := range held {
			m.InProgress()
		}
		pause(ctx, wait)
	}
	for i, m := range held {
		switch {
		case errs[i] == nil:
			if m.Ack() == nil {
				c.Stored.Add(1)
			}
		case tries[i] >= uint64(q.cfg.Tries):
			q.deadLetter(ctx, opt, c, m, tries[i], errs[i].Error())
		default:
			c.Retried.Add(1)
			m.NakWithDelay(time.Duration(tries[i]) * time.Second)
		}
	}
}

// deadLetter publishes m's document to the dead-letter subject with the
// reason, and terminates m so that it is never delivered again. When the
// publish fails, m is left to be delivered again (and dead-lettered then).
func (q *Queue) deadLetter(ctx context.Context, opt WorkOptions, c *Counters, m jetstream.Msg, deliveries uint64, reason string) {
	id := m.Headers().Get(jetstream.MsgIDHeader)
	d := nats.NewMsg(q.cfg.DeadSubject)
	d.Data = m.Data()
	d.Header.Set(jetstream.MsgIDHeader, id)
	d.Header.Set(HeaderDocID, id)
	d.Header.Set(HeaderReason, reason)
	d.Header.Set(HeaderDeliveries, strconv.FormatUint(deliveries, 10))
	d.Header.Set(HeaderWorker, opt.Name)
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, err := q.js.PublishMsg(pctx, d); err != nil {
		m.Nak()
		return
	}
	c.Dead.Add(1)
	m.TermWithReason(reason)
}

// pause waits d or until ctx is cancelled.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// WriteMetrics writes the worker's counters and the queue's counts in
// Prometheus' text format; worker labels this process's series.
func WriteMetrics(w io.Writer, worker string, c *Counters, st Stats, rate float64) {
	counter := func(name, help string, v int64) {
		prom.Head(w, name, "counter", help)
		prom.Sample(w, name, float64(v), "worker", worker)
	}
	counter("dyad_worker_documents_stored_total", "Documents this worker stored and acknowledged.", c.Stored.Load())
	counter("dyad_worker_documents_retried_total", "Documents the store refused, left to be delivered again.", c.Retried.Load())
	counter("dyad_worker_documents_dead_lettered_total", "Documents this worker sent to the dead-letter subject.", c.Dead.Load())
	counter("dyad_worker_store_errors_total", "Batches the store failed as a whole (retried).", c.StoreErrors.Load())
	counter("dyad_worker_batches_total", "Batches this worker handled.", c.Batches.Load())
	prom.Head(w, "dyad_worker_documents_in_flight", "gauge", "Documents this worker holds now.")
	prom.Sample(w, "dyad_worker_documents_in_flight", float64(c.InFlight.Load()), "worker", worker)
	prom.Head(w, "dyad_worker_documents_per_second", "gauge", "Documents this worker stored per second, over the last progress interval.")
	prom.Sample(w, "dyad_worker_documents_per_second", rate, "worker", worker)
	gauge := func(name, help string, v float64) {
		prom.Head(w, name, "gauge", help)
		prom.Sample(w, name, v, "stream", st.Stream)
	}
	gauge("dyad_queue_lag_documents", "Documents published and not yet stored: pending and in flight.", float64(st.Lag()))
	gauge("dyad_queue_pending_documents", "Documents not yet delivered to any worker.", float64(st.Pending))
	gauge("dyad_queue_in_flight_documents", "Documents delivered to workers and not yet acknowledged.", float64(st.InFlight))
	gauge("dyad_queue_redelivered_documents", "Documents in flight delivered more than once.", float64(st.Redelivered))
	prom.Head(w, "dyad_queue_dead_letters", "gauge", "Documents on the dead-letter stream.")
	prom.Sample(w, "dyad_queue_dead_letters", float64(st.Dead), "stream", st.DeadStream)
}
