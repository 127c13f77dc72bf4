package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"dyad/ingest"
	"dyad/internal/prom"
	"dyad/queue"
)

// queueFlags are the flags of the commands that use the work queue.
type queueFlags struct {
	fs       *flagSet
	url      *string
	replicas *int
	tries    *int
	ackWait  *time.Duration
}

// addQueueFlags adds --queue and, with settings, the flags that set up
// the stream and consumer when dyad creates them.
func addQueueFlags(fs *flagSet, usage string, settings bool) *queueFlags {
	def := queue.DefaultConfig("")
	q := &queueFlags{fs: fs, url: fs.String("queue", "", usage)}
	if settings {
		q.replicas = fs.Int("replicas", def.Replicas, "copies of each stream on a clustered NATS, when dyad creates the streams (3 survives the loss of a server)")
		q.tries = fs.Int("tries", def.Tries, "failures of a document before it goes to the dead-letter subject")
		q.ackWait = fs.Duration("ack-wait", def.AckWait, "time a worker may hold a document unacknowledged before it is delivered again")
	}
	return q
}

// open connects to the queue --queue (or $DYAD_QUEUE) names.
func (q *queueFlags) open(ctx context.Context, e env, name string) (*queue.Queue, error) {
	url := *q.url
	if url == "" {
		url = e.getenv("DYAD_QUEUE")
	}
	cfg := queue.DefaultConfig(url)
	cfg.Name = name
	if q.replicas != nil {
		cfg.Replicas, cfg.Tries, cfg.AckWait = *q.replicas, *q.tries, *q.ackWait
		cfg.Update = q.fs.Changed("tries") || q.fs.Changed("ack-wait")
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return queue.Open(ctx, cfg)
}

// workerName names this process in dead letters and metrics: host:pid.
func workerName() string {
	h, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", h, os.Getpid())
}

// publish is "dyad ingest --queue": it reads the sources and publishes
// each document, coding and storing nothing.
func publish(ctx context.Context, e env, qf *queueFlags, p *ingest.Pipeline, paths []string, format string) int {
	q, err := qf.open(ctx, e, "dyad ingest "+workerName())
	if err != nil {
		e.fail("ingest", err)
		return exitFailure
	}
	defer q.Close()
	pub := q.Publisher(0)
	sum, err := p.Read(ctx, paths, func(d ingest.Doc) error {
		return pub.Publish(ctx, d.Doc.ID, queue.Job{Doc: d.Doc, Origin: d.Origin})
	})
	if ferr := pub.Flush(context.WithoutCancel(ctx)); err == nil {
		err = ferr
	}
	cfg := q.Config()
	if format == "json" {
		b, _ := json.Marshal(map[string]any{"stream": cfg.Stream, "read": sum.Documents - sum.Errors, "published": pub.Published,
			"already_queued": pub.Duplicates, "errors": sum.Errors, "seconds": sum.Elapsed.Seconds()})
		fmt.Fprintln(e.stdout, string(b))
	} else {
		fmt.Fprintf(e.stderr, "dyad ingest: published %d documents to stream %s at %s (%d were queued already), %d errors in %s\n",
			pub.Published, cfg.Stream, cfg.URL, pub.Duplicates, sum.Errors, sum.Elapsed.Round(time.Millisecond))
	}
	explain(e, sum, false)
	if err != nil {
		e.fail("ingest", err)
		return exitFailure
	}
	if sum.Interrupted {
		fmt.Fprintln(e.stderr, "dyad ingest: interrupted; run the same command again (the stream drops what it has)")
		return exitFailure
	}
	if sum.Errors > 0 {
		return exitFailure
	}
	return exitOK
}

func runWorker(e env) int {
	fs := newFlags(e, "worker", "--queue nats://HOST:4222 --db DSN [flags]",
		"dyad worker --queue nats://10.0.0.1:4222 --db postgres://dyad@10.0.0.2/dyad --workers 8 --metrics-addr :9101")
	qf := addQueueFlags(fs, "NATS server to pull documents from: nats://HOST:4222 (default $DYAD_QUEUE)", true)
	db := dbFlag(fs)
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the built-in ones")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded at once")
	inFlight := fs.Int("max-in-flight", 64, "documents this worker holds at once: pulled, coded and stored as one batch, then acknowledged")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus /metrics on this address (e.g. :9101)")
	every := fs.Duration("every", 10*time.Second, "time between progress lines")
	format := fs.StringP("format", "f", "text", "progress lines as text or json (one object a line)")
	name := fs.String("name", "", "this worker's name in dead letters and metrics (default HOST:PID)")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError(fmt.Errorf("unexpected argument %q (worker takes flags only; sources go to \"dyad ingest --queue\")", fs.Arg(0)))
	}
	if *format != "text" && *format != "json" {
		return fs.usageError(fmt.Errorf("--format %q: want text or json", *format))
	}
	if *name == "" {
		*name = workerName()
	}
	if *qf.url == "" && e.getenv("DYAD_QUEUE") == "" {
		return fs.usageError(errors.New("--queue is missing: give the NATS server, e.g. --queue nats://127.0.0.1:4222"))
	}
	if *workers < 1 || *inFlight < 1 || *every <= 0 {
		return fs.usageError(errors.New("--workers, --max-in-flight and --every must be positive"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := openDB(ctx, e, *db)
	if err != nil {
		e.fail("worker", err)
		return exitFailure
	}
	defer s.Close()
	c, err := loadCoder(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad worker: dictionaries: %v\n", err)
		return exitFailure
	}
	q, err := qf.open(ctx, e, "dyad worker "+*name)
	if err != nil {
		// Stopped (SIGTERM, Ctrl-C) while still connecting: nothing was
		// pulled, so nothing is left half done.
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintf(e.stderr, "dyad worker: %s stopped before it pulled anything\n", *name)
			return exitOK
		}
		e.fail("worker", err)
		return exitFailure
	}
	defer q.Close()
	p := &ingest.Pipeline{Coder: c, Store: s, Workers: *workers}
	var counters queue.Counters
	var events atomic.Int64
	var lastErr sync.Mutex
	var said time.Time
	h := func(ctx context.Context, jobs []queue.Job) ([]error, error) {
		docs := make([]ingest.Doc, len(jobs))
		for i, j := range jobs {
			docs[i] = ingest.Doc{Doc: j.Doc, Origin: j.Origin}
		}
		// A batch begun is finished, interrupted or not: its
		// documents are acknowledged only once stored.
		sum, errs, err := p.StoreBatch(context.WithoutCancel(ctx), docs)
		events.Add(int64(sum.Events))
		return errs, err
	}
	opt := queue.WorkOptions{Name: *name, MaxInFlight: *inFlight, OnStoreError: func(err error) {
		lastErr.Lock()
		defer lastErr.Unlock()
		if time.Since(said) > 5*time.Second {
			said = time.Now()
			fmt.Fprintf(e.stderr, "dyad worker: %v; keeping the batch and trying again\n", err)
		}
	}}
	rate := &rater{}
	if *metricsAddr != "" {
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			e.fail("worker", fmt.Errorf("--metrics-addr: %w", err))
			return exitFailure
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
			st, err := q.Stats(r.Context(), 0)
			if err != nil {
				http.Error(w, "queue: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", prom.ContentType)
			queue.WriteMetrics(w, *name, &counters, st, rate.get())
		})
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		fmt.Fprintf(e.stderr, "dyad worker: metrics on http://%s/metrics\n", ln.Addr())
	}
	cfg := q.Config()
	fmt.Fprintf(e.stderr, "dyad worker: %s pulling from %s (stream %s, consumer %s) into %s, %d coders, %d documents in flight at most\n",
		*name, cfg.URL, cfg.Stream, cfg.Consumer, s.Backend(), *workers, *inFlight)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- q.Work(ctx, h, opt, &counters) }()
	tick := time.NewTicker(*every)
	defer tick.Stop()
	line := func(final bool) {
		st, err := q.Stats(context.WithoutCancel(ctx), 0)
		lag := "?"
		if err == nil {
			lag = fmt.Sprint(st.Lag())
		}
		stored := counters.Stored.Load()
		r := rate.update(stored)
		if final {
			r = float64(stored) / max(time.Since(start).Seconds(), 1e-9)
		}
		if *format == "json" {
			b, _ := json.Marshal(map[string]any{"worker": *name, "stored": stored, "events": events.Load(), "docs_per_s": r,
				"retried": counters.Retried.Load(), "dead_lettered": counters.Dead.Load(), "store_errors": counters.StoreErrors.Load(),
				"lag": lag, "final": final})
			fmt.Fprintln(e.stderr, string(b))
			return
		}
		fmt.Fprintf(e.stderr, "dyad worker: %d documents stored (%.1f docs/s), %d events, %d retried, %d dead-lettered, lag %s\n",
			stored, r, events.Load(), counters.Retried.Load(), counters.Dead.Load(), lag)
	}
	for {
		select {
		case err := <-done:
			line(true)
			if err != nil && !(ctx.Err() != nil && errors.Is(err, context.Canceled)) {
				e.fail("worker", err)
				return exitFailure
			}
			return exitOK
		case <-tick.C:
			line(false)
		}
	}
}

// rater turns a growing count into a rate over the last interval.
type rater struct {
	mu   sync.Mutex
	n    int64
	at   time.Time
	rate float64
}

func (r *rater) update(n int64) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if !r.at.IsZero() {
		r.rate = float64(n-r.n) / now.Sub(r.at).Seconds()
	}
	r.n, r.at = n, now
	return r.rate
}

func (r *rater) get() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rate
}

// queueStats is "dyad stats --queue": the stream's, the consumer's and the
// dead letters' counts.
func queueStats(e env, qf *queueFlags, format string) int {
	ctx := context.Background()
	q, err := qf.open(ctx, e, "dyad stats")
	if err != nil {
		e.fail("stats", err)
		return exitFailure
	}
	defer q.Close()
	st, err := q.Stats(ctx, 10)
	if err != nil {
		e.fail("stats", err)
		return exitFailure
	}
	if format == "json" {
		b, _ := json.MarshalIndent(struct {
			queue.Stats
			Lag uint64 `json:"lag"`
		}{st, st.Lag()}, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
		return exitOK
	}
	fmt.Fprintf(e.stdout, "stream %s: %d documents not yet stored (%d bytes)\n", st.Stream, st.Documents, st.Bytes)
	fmt.Fprintf(e.stdout, "consumer %s: lag %d (%d pending, %d in flight), %d redelivered, %d idle pulls waiting\n",
		st.Consumer, st.Lag(), st.Pending, st.InFlight, st.Redelivered, st.Workers)
	fmt.Fprintf(e.stdout, "dead letters (%s): %d\n", st.DeadStream, st.Dead)
	for _, d := range st.Recent {
		fmt.Fprintf(e.stdout, "  %s  %s  after %s deliveries, by %s: %s\n", d.Time.UTC().Format(time.RFC3339), d.DocID, d.Deliveries, d.Worker, d.Reason)
	}
	return exitOK
}
