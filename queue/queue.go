// Package queue spreads ingest over machines through a NATS JetStream work
// queue: "dyad ingest --queue" publishes documents to a stream, and any
// number of "dyad worker" processes pull them through one durable
// consumer, code them, store them and acknowledge them.
//
// In: documents with their origins (Publisher), and a Handler that stores
// a batch of them (Queue.Work). Out: every document stored once, and the
// ones that kept failing on a dead-letter subject with the reason.
//
// Delivery is at least once: a worker acknowledges a document only after
// the store has committed it, so a worker that dies leaves its documents
// to be delivered again once the ack wait runs out, and the store, which
// is idempotent by document ID, turns a second delivery into no change.
// Publishing sets the document's ID as the message ID (Nats-Msg-Id), so the
// stream itself drops a document published twice within its duplicate
// window; a repeat after the window reaches a worker and is skipped by the
// store.
//
// What dyad creates when missing (Ensure), with Config's defaults:
//
//   - stream DYAD_DOCS on subject dyad.docs, work-queue retention (a
//     message is deleted once acknowledged), file storage, Replicas
//     copies (1; 3 on a clustered NATS), a duplicate window of one hour;
//   - durable pull consumer dyad-workers on it, explicit acks, ack wait of
//     two minutes, at most Tries+1 deliveries, at most 10,000 messages
//     delivered and not yet acknowledged over all workers;
//   - stream DYAD_DEAD on subject dyad.dead, limits retention, for the
//     dead letters: the document as published, with headers Dyad-Reason,
//     Dyad-Doc-Id, Dyad-Deliveries and Dyad-Worker.
//
// A document whose batch was stored but which the store refused (a coder
// error, an ID stored with another text) is retried after a back-off; at
// its Tries-th failure it goes to the dead-letter subject and is
// terminated. A document delivered more than Tries times without ever
// being acknowledged (its workers died or ran past the ack wait) is
// dead-lettered by the worker that gets its last delivery. A failure of
// the store as a whole (the database is down) is no document's fault: the
// worker keeps its batch, tells the server it is still working on it, and
// retries until the store answers.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/document"
)

// Config names the stream, consumer and subjects and sets their limits.
type Config struct {
	URL         string // nats://host:4222, or several separated by commas
	Stream      string // the work stream (DYAD_DOCS)
	Subject     string // its subject (dyad.docs)
	Consumer    string // the durable consumer the workers share (dyad-workers)
	DeadStream  string // the dead-letter stream (DYAD_DEAD)
	DeadSubject string // its subject (dyad.dead)
	// Replicas is the number of copies of each stream on a clustered NATS
	// (1 on a single server; 3 survives the loss of one of three servers).
	Replicas int
	// Tries is how many times a document may fail before it is
	// dead-lettered; the consumer delivers it at most Tries+1 times.
	Tries int
	// AckWait is how long a worker may hold a delivered document without
	// acknowledging it (or saying it is still working on it) before the
	// server delivers it again.
	AckWait time.Duration
	// Dedup is the stream's duplicate window: a document published again
	// with the same ID within it is dropped by the stream.
	Dedup time.Duration
	// MaxAckPending bounds the documents delivered and not yet
	// acknowledged over all workers.
	MaxAckPending int
	// Name names this client to the server (shown in its monitoring).
	Name string
	// Update applies Tries, AckWait and MaxAckPending to a consumer that
	// exists already (Open leaves it as it is otherwise).
	Update bool
}

// DefaultConfig returns the documented defaults for a server at url.
func DefaultConfig(url string) Config {
	return Config{URL: url, Stream: "DYAD_DOCS", Subject: "dyad.docs", Consumer: "dyad-workers",
		DeadStream: "DYAD_DEAD", DeadSubject: "dyad.dead", Replicas: 1, Tries: 5,
		AckWait: 2 * time.Minute, Dedup: time.Hour, MaxAckPending: 10000}
}

// Job is one document on the queue: the document as read, and where it was
// read from (a file and line, a URL).
type Job struct {
	Doc    document.Document `json:"doc"`
	Origin string            `json:"origin,omitempty"`
}

// Headers of a dead letter.
const (
	HeaderReason     = "Dyad-Reason"
	HeaderDocID      = "Dyad-Doc-Id"
	HeaderDeliveries = "Dyad-Deliveries"
	HeaderWorker     = "Dyad-Worker"
)

// Queue is a connection to the server with the stream and consumer dyad
// uses. It is safe for concurrent use.
type Queue struct {
	cfg  Config
	nc   *nats.Conn
	js   jetstream.JetStream
	cons jetstream.Consumer
}

// Open connects to the server and creates the streams and the consumer
// when they are missing (settings of existing ones are left as they are).
// The connection reconnects for ever: a server restart stalls the queue,
// it does not end it.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	def := DefaultConfig(cfg.URL)
	if cfg.Stream == "" {
		cfg.Stream = def.Stream
	}
	if cfg.Subject == "" {
		cfg.Subject = def.Subject
	}
	if cfg.Consumer == "" {
		cfg.Consumer = def.Consumer
	}
	if cfg.DeadStream == "" {
		cfg.DeadStream = def.DeadStream
	}
	if cfg.DeadSubject == "" {
		cfg.DeadSubject = def.DeadSubject
	}
	if cfg.Replicas <= 0 {
		cfg.Replicas = def.Replicas
	}
	if cfg.Tries <= 0 {
		cfg.Tries = def.Tries
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = def.AckWait
	}
	if cfg.Dedup <= 0 {
		cfg.Dedup = def.Dedup
	}
	if cfg.MaxAckPending <= 0 {
		cfg.MaxAckPending = def.MaxAckPending
	}
	opts := []nats.Option{nats.MaxReconnects(-1), nats.ReconnectWait(250 * time.Millisecond), nats.RetryOnFailedConnect(false)}
	if cfg.Name != "" {
		opts = append(opts, nats.Name(cfg.Name))
	}
	nc, err := nats.Connect(cfg.URL, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect to %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(1024))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %s: %w", cfg.URL, err)
	}
	q := &Queue{cfg: cfg, nc: nc, js: js}
	if err := q.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

// Config returns the queue's settings, defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// Close drains the connection: publishes and acknowledgements sent are
// flushed to the server first.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return err
	}
	for q.nc.IsDraining() {
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// ensure creates the streams and the consumer when missing. A server
// that is restarting (no JetStream reply yet, or none in 5 s) is asked
// again until ctx is done: a worker started while NATS restarts waits for
// it instead of hanging on a request sent to the old connection.
func (q *Queue) ensure(ctx context.Context) error {
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := q.ensureOnce(actx)
		cancel()
		if err == nil || ctx.Err() != nil || !transient(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// transient reports whether err says the server did not answer yet.
func transient(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) || errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrNoHeartbeat)
}

// ensureOnce creates the streams and the consumer when missing.
func (q *Queue) ensureOnce(ctx context.Context) error {
	c := q.cfg
	work := jetstream.StreamConfig{Name: c.Stream, Subjects: []string{c.Subject},
		Description: "dyad: documents to code and store",
		Retention:   jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage,
		Replicas: c.Replicas, Duplicates: c.Dedup}
	dead := jetstream.StreamConfig{Name: c.DeadStream, Subjects: []string{c.DeadSubject},
		Description: "dyad: documents that kept failing, with the reason",
		Retention:   jetstream.LimitsPolicy, Storage: jetstream.FileStorage,
		Replicas: c.Replicas, Duplicates: c.Dedup}
	for _, sc := range []jetstream.StreamConfig{work, dead} {
		if _, err := q.js.Stream(ctx, sc.Name); err == nil {
			continue
		} else if !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("queue: stream %s: %w", sc.Name, err)
		}
		if _, err := q.js.CreateStream(ctx, sc); err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return fmt.Errorf("queue: create stream %s: %w", sc.Name, err)
		}
	}
	cc := jetstream.ConsumerConfig{Durable: c.Consumer,
		Description: "dyad workers", AckPolicy: jetstream.AckExplicitPolicy,
		AckWait: c.AckWait, MaxDeliver: c.Tries + 1, MaxAckPending: c.MaxAckPending,
		Replicas: c.Replicas}
	cons, err := q.js.Consumer(ctx, c.Stream, c.Consumer)
	switch {
	case errors.Is(err, jetstream.ErrConsumerNotFound):
		cons, err = q.js.CreateConsumer(ctx, c.Stream, cc)
	case err == nil && c.Update:
		cons, err = q.js.UpdateConsumer(ctx, c.Stream, cc)
	}
	if err == nil {
		// The consumer's own settings count (another process may have
		// created it).
		info := cons.CachedInfo()
		q.cfg.AckWait, q.cfg.MaxAckPending = info.Config.AckWait, info.Config.MaxAckPending
		if info.Config.MaxDeliver > 1 {
			q.cfg.Tries = info.Config.MaxDeliver - 1
		}
	}
	if err != nil {
		return fmt.Errorf("queue: consumer %s on %s: %w", c.Consumer, c.Stream, err)
	}
	q.cons = cons
	return nil
}

// Publisher publishes jobs, many in flight at once. It is not safe for
// concurrent use.
type Publisher struct {
	q       *Queue
	window  int
	pending []pending
	// Published counts the jobs the stream took; Duplicates those it
	// dropped because a job with the same ID was published within its
	// duplicate window.
	Published, Duplicates int
}

type pending struct {
	id  string
	fut jetstream.PubAckFuture
}

// Publisher returns a publisher with at most window jobs awaiting the
// server's acknowledgement (default 256).
func (q *Queue) Publisher(window int) *Publisher {
	if window <= 0 {
		window = 256
	}
	return &Publisher{q: q, window: window}
}

// Publish sends a job under the document ID id. An error is the server's
// refusal of this job or of one sent before it.
func (p *Publisher) Publish(ctx context.Context, id string, j Job) error {
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("queue: publish %s: %w", id, err)
	}
	m := nats.NewMsg(p.q.cfg.Subject)
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id)
	fut, err := p.q.js.PublishMsgAsync(m)
	if err != nil {
		return fmt.Errorf("queue: publish %s: %w", id, err)
	}
	p.pending = append(p.pending, pending{id, fut})
	if len(p.pending) >= p.window {
		n := len(p.pending) / 2
		err := p.wait(ctx, p.pending[:n])
		p.pending = append(p.pending[:0], p.pending[n:]...)
		return err
	}
	return nil
}

// Flush waits for the server to acknowledge every job published.
func (p *Publisher) Flush(ctx context.Context) error {
	err := p.wait(ctx, p.pending)
	p.pending = p.pending[:0]
	return err
}

func (p *Publisher) wait(ctx context.Context, ps []pending) error {
	var errs []error
	for _, x := range ps {
		select {
		case ack := <-x.fut.Ok():
			p.Published++
			if ack.Duplicate {
				p.Duplicates++
				p.Published--
			}
		case err := <-x.fut.Err():
			errs = append(errs, fmt.Errorf("queue: publish %s: %w", x.id, err))
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.Join(errs...)
}

// Stats are the counts of the stream, the consumer and the dead letters.
type Stats struct {
	Stream    string `json:"stream"`
	Documents uint64 `json:"documents"` // in the stream: not yet stored
	Bytes     uint64 `json:"bytes"`
	Consumer  string `json:"consumer"`
	// Pending are documents not yet delivered to any worker; InFlight
	// those delivered and not yet acknowledged; Redelivered those
	// delivered more than once.
	Pending     uint64 `json:"pending"`
	InFlight    int    `json:"in_flight"`
	Redelivered int    `json:"redelivered"`
	Workers     int    `json:"waiting_pulls"` // pull requests waiting: idle workers
	DeadStream  string `json:"dead_stream"`
	Dead        uint64 `json:"dead"`
	// Recent are the last dead letters, newest first.
	Recent []DeadLetter `json:"recent_dead,omitempty"`
}

// Lag is what is left to store: documents pending and in flight.
func (s Stats) Lag() uint64 { return s.Pending + uint64(s.InFlight) }

// DeadLetter is a document taken off the queue, and why.
type DeadLetter struct {
	DocID      string    `json:"doc_id"`
	Reason     string    `json:"reason"`
	Deliveries string    `json:"deliveries"`
	Worker     string    `json:"worker"`
	Time       time.Time `json:"time"`
}

// Stats asks the server for the queue's counts and the last recent dead
// letters (at most that many).
func (q *Queue) Stats(ctx context.Context, recent int) (Stats, error) {
	st := Stats{Stream: q.cfg.Stream, Consumer: q.cfg.Consumer, DeadStream: q.cfg.DeadStream}
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if err != nil {
		return st, fmt.Errorf("queue: stream %s: %w", q.cfg.Stream, err)
	}
	si, err := s.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: stream %s: %w", q.cfg.Stream, err)
	}
	st.Documents, st.Bytes = si.State.Msgs, si.State.Bytes
	ci, err := q.cons.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: consumer %s: %w", q.cfg.Consumer, err)
	}
	st.Pending, st.InFlight, st.Redelivered, st.Workers = ci.NumPending, ci.NumAckPending, ci.NumRedelivered, ci.NumWaiting
	d, err := q.js.Stream(ctx, q.cfg.DeadStream)
	if err != nil {
		return st, fmt.Errorf("queue: stream %s: %w", q.cfg.DeadStream, err)
	}
	di, err := d.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("queue: stream %s: %w", q.cfg.DeadStream, err)
	}
	st.Dead = di.State.Msgs
	for seq := di.State.LastSeq; seq >= di.State.FirstSeq && seq > 0 && len(st.Recent) < recent; seq-- {
		m, err := d.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		st.Recent = append(st.Recent, DeadLetter{DocID: m.Header.Get(HeaderDocID), Reason: m.Header.Get(HeaderReason),
			Deliveries: m.Header.Get(HeaderDeliveries), Worker: m.Header.Get(HeaderWorker), Time: m.Time})
	}
	return st, nil
}
