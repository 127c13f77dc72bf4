package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dyad/internal/prom"
)

// errBusy refuses a coding when every coding slot stayed taken for as
// long as the server waits for one.
var errBusy = errors.New("the server is coding as many articles as it may at once; retry in a moment")

// retryAfter is the Retry-After, in seconds, sent with errBusy.
const retryAfter = 2

// gate bounds the codings that run at once, since each takes many times
// its text's size in memory.
type gate struct {
	slots   chan struct{}
	wait    time.Duration
	refused atomic.Int64
}

func newGate(n int, wait time.Duration) *gate {
	return &gate{slots: make(chan struct{}, n), wait: wait}
}

// enter takes a slot, waiting up to g.wait for one; it returns errBusy
// when none frees up, or the context's error.
func (g *gate) enter(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
		g.refused.Add(1)
		return errBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives back the slot enter took.
func (g *gate) leave() { <-g.slots }

// limiter is a token bucket per client address.
type limiter struct {
	rate  float64
	burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
	done    chan struct{}
	once    sync.Once
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	l := &limiter{rate: rate, burst: float64(burst), buckets: make(map[string]*bucket), done: make(chan struct{})}
	go l.sweep()
	return l
}

// allow takes a token for client, or says how long to wait for one.
func (l *limiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[client]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// sweep forgets clients whose buckets are full again, once a minute.
func (l *limiter) sweep() {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case now := <-t.C:
			l.mu.Lock()
			for k, b := range l.buckets {
				if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
					delete(l.buckets, k)
				}
			}
			l.mu.Unlock()
		}
	}
}

func (l *limiter) stop() { l.once.Do(func() { close(l.done) }) }

// clientOf names the client of a request by its remote address (forwarded
// headers are not trusted: anyone can send them).
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) rateLimit(h http.Handler) http.Handler {
	if s.limiter == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			h.ServeHTTP(w, r)
			return
		}
		ok, wait := s.limiter.allow(clientOf(r), time.Now())
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.metrics.limited.Add(1)
			if isAPI(r) {
				apiError(w, http.StatusTooManyRequests, "rate_limited", fmt.Sprintf("too many requests from %s: retry in %s", clientOf(r), wait.Round(time.Millisecond)))
				return
			}
			http.Error(w, "Too many requests: slow down and retry in a moment.", http.StatusTooManyRequests)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// metrics counts requests by route and status and times them, and writes
// them in Prometheus' text exposition format.
type metrics struct {
	codings  *gate
	start    time.Time
	inFlight atomic.Int64
	limited  atomic.Int64

	mu       sync.Mutex
	requests map[reqKey]int64
	hist     map[string]*histogram
}

type reqKey struct {
	route  string
	method string
	code   int
}

// buckets are the upper bounds of the latency histogram, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []int64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      int64
}

func newMetrics(codings *gate) *metrics {
	return &metrics{codings: codings, start: time.Now(), requests: map[reqKey]int64{}, hist: map[string]*histogram{}}
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, method, code}]++
	h := m.hist[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(buckets)+1)}
		m.hist[route] = h
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(buckets, sec)
	h.counts[i]++
	h.sum += sec
	h.n++
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", prom.ContentType)
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP dyad_http_requests_total HTTP requests served, by route pattern, method and status code.\n")
	b.WriteString("# TYPE dyad_http_requests_total counter\n")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		if a.route != c.route {
			return a.route < c.route
		}
		if a.method != c.method {
			return a.method < c.method
		}
		return a.code < c.code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "dyad_http_requests_total{route=%s,method=%s,code=\"%d\"} %d\n", label(k.route), label(k.method), k.code, m.requests[k])
	}
	b.WriteString("# HELP dyad_http_request_duration_seconds Time to serve a request, by route pattern.\n")
	b.WriteString("# TYPE dyad_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, route := range routes {
		h := m.hist[route]
		var cum int64
		for i, le := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", label(route), le, cum)
		}
		cum += h.counts[len(buckets)]
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(route), cum)
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_sum{route=%s} %g\n", label(route), h.sum)
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_count{route=%s} %d\n", label(route), h.n)
	}
	b.WriteString("# HELP dyad_http_requests_in_flight Requests being served.\n# TYPE dyad_http_requests_in_flight gauge\n")
	fmt.Fprintf(&b, "dyad_http_requests_in_flight %d\n", m.inFlight.Load())
	b.WriteString("# HELP dyad_http_rate_limited_total Requests refused by the per-client rate limit.\n# TYPE dyad_http_rate_limited_total counter\n")
	fmt.Fprintf(&b, "dyad_http_rate_limited_total %d\n", m.limited.Load())
	b.WriteString("# HELP dyad_codings_in_flight Articles being coded.\n# TYPE dyad_codings_in_flight gauge\n")
	fmt.Fprintf(&b, "dyad_codings_in_flight %d\n", len(m.codings.slots))
	b.WriteString("# HELP dyad_codings_slots Articles the server codes at once at most.\n# TYPE dyad_codings_slots gauge\n")
	fmt.Fprintf(&b, "dyad_codings_slots %d\n", cap(m.codings.slots))
	b.WriteString("# HELP dyad_codings_refused_total Codings refused because every slot stayed taken.\n# TYPE dyad_codings_refused_total counter\n")
	fmt.Fprintf(&b, "dyad_codings_refused_total %d\n", m.codings.refused.Load())
	b.WriteString("# HELP dyad_uptime_seconds Seconds since the server started.\n# TYPE dyad_uptime_seconds gauge\n")
	fmt.Fprintf(&b, "dyad_uptime_seconds %g\n", time.Since(m.start).Seconds())
	w.Write([]byte(b.String()))
}

// label quotes a Prometheus label value.
func label(v string) string { return prom.Label(v) }

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// measure counts and times every request by the route pattern that served
// it (so that IDs in paths do not make a series each).
func (s *Server) measure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.inFlight.Add(1)
		defer s.metrics.inFlight.Add(-1)
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		s.metrics.observe(route, r.Method, sw.code, time.Since(start))
		if sw.code >= 500 {
			s.cfg.Logger.Warn("request failed", "method", r.Method, "path", r.URL.Path, "status", sw.code)
		}
	})
}
