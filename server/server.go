// Package server is dyad's web application and HTTP API over the store.
//
// In: a store of coded documents and events, a coder, and the server's
// limits. Out: an http.Handler that serves HTML pages (code an article, the
// dyad, actor, events and document views, charts drawn as SVG on the
// server), a JSON API under /api/v1 described by /api/v1/openapi.json,
// /healthz and Prometheus /metrics.
//
// Everything the pages need (templates, style sheet, a little JavaScript)
// is embedded in the binary; no page loads anything from another host.
// Article text and titles are untrusted: pages are rendered by html/template
// and highlighted text is escaped piece by piece. Writes need the server's
// token; with Private set, reads do too. Every request is bounded in body
// size and time, and each client in rate.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"dyad/dict"
	"dyad/document"
	"dyad/ingest"
	"dyad/plover"
	"dyad/store"
)

//go:embed templates/*.html static/* openapi.json world.txt
var assets embed.FS

// Coder codes one document into events.
type Coder interface {
	Code(document.Document) ([]plover.Event, error)
}

// Store is what the server reads and writes; *store.DB implements it.
type Store interface {
	Page(ctx context.Context, f store.Filter, at store.Cursor) ([]store.Row, *store.Cursor, error)
	Each(ctx context.Context, f store.Filter, fn func(store.Row) error) error
	Records(ctx context.Context, f store.Filter, fn func(rec []byte) error) error
	Query(ctx context.Context, f store.Filter) ([]store.Row, error)
	Stats(ctx context.Context, f store.Filter) (store.Stats, error)
	Count(ctx context.Context, f store.Filter) (int, error)
	DocumentCount(ctx context.Context, text string) (int, error)
	TopPairs(ctx context.Context, limit int) ([]store.PairCount, error)
	TopActors(ctx context.Context, limit int) ([]store.Count, error)
	Counts(ctx context.Context) (store.Counts, error)
	Series(ctx context.Context, p store.Pair) ([]store.Month, error)
	PairEvents(ctx context.Context, p store.Pair, sort string, limit, offset int) ([]store.Row, bool, error)
	Internal(ctx context.Context, code string, maxScale float64, limit int) ([]store.Row, error)
	Partners(ctx context.Context, p store.Pair, limit int) ([]store.Partner, error)
	Names(ctx context.Context, code string, limit int) ([]store.Count, error)
	Points(ctx context.Context, f store.Filter, limit int) ([]store.Point, error)
	Activity(ctx context.Context, months int) ([]store.Count, error)
	Documents(ctx context.Context, text string, limit, offset int) ([]store.DocSummary, bool, error)
	Document(ctx context.Context, id string) (document.Document, error)
	DocumentsEndingIn(ctx context.Context, suffix string, limit int) ([]string, error)
	Sources(ctx context.Context, docID string) ([]string, error)
	Reports(ctx context.Context, docID string, limit int) ([]store.Report, error)
	Check(ctx context.Context, k store.Key) (store.Status, error)
	Put(ctx context.Context, items []store.Item) ([]store.Result, error)
}

// Fetcher gets a web page; *ingest.Fetcher implements it.
type Fetcher interface {
	Get(ctx context.Context, rawURL string, conditional bool) (*ingest.Response, error)
}

// Config is what a Server is made of. Store and Coder are required; zero
// limits take the defaults.
type Config struct {
	Store Store
	Coder Coder
	// Dict names the actor codes on the pages (NER Niger) and lets users
	// look actors up by name; nil shows codes alone.
	Dict *dict.Dictionaries
	// Fetcher gets the URLs pasted into "Code an article" and sent to the
	// ingest endpoint; nil disables fetching.
	Fetcher *ingest.Fetcher
	// Token is the secret writes need (and reads, when Private is set); an
	// empty token disables writes.
	Token   string
	Private bool
	// MaxBody is the largest request body in bytes (default 1 MiB).
	MaxBody int64
	// Timeout bounds the work of one request (default 30s; exports are
	// bounded by the server's write timeout instead).
	Timeout time.Duration
	// Rate and Burst limit each client (by remote address) to Rate requests
	// a second with bursts of Burst (defaults 20 and 40); a negative Rate
	// turns the limit off.
	Rate  float64
	Burst int
	// MaxCodings bounds the articles coded at once (default GOMAXPROCS);
	// a request that finds every slot taken waits up to CodeWait (default
	// 2s) and is then answered 503 with Retry-After.
	MaxCodings int
	CodeWait   time.Duration
	// Logger receives one line per failed request; nil discards.
	Logger *slog.Logger
}

// Server is dyad's web application and API. It is safe for concurrent use.
type Server struct {
	cfg     Config
	pages   map[string]*template.Template
	names   *names
	world   *world
	codings *gate
	metrics *metrics
	limiter *limiter
	handler http.Handler
}

// New returns a Server for cfg, with defaults filled in.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Coder == nil {
		return nil, errors.New("server: a store and a coder are required")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Rate == 0 {
		cfg.Rate = 20
	}
	if cfg.Burst <= 0 {
		cfg.Burst = max(1, int(2*cfg.Rate))
	}
	if cfg.MaxCodings <= 0 {
		cfg.MaxCodings = runtime.GOMAXPROCS(0)
	}
	if cfg.CodeWait <= 0 {
		cfg.CodeWait = 2 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Private && cfg.Token == "" {
		return nil, errors.New("server: a private server needs a token (--token or DYAD_TOKEN)")
	}
	s := &Server{cfg: cfg, codings: newGate(cfg.MaxCodings, cfg.CodeWait)}
	s.metrics = newMetrics(s.codings)
	if cfg.Rate > 0 {
		s.limiter = newLimiter(cfg.Rate, cfg.Burst)
	}
	s.names = newNames(cfg.Dict)
	w, err := assets.ReadFile("world.txt")
	if err != nil {
		return nil, fmt.Errorf("server: world.txt: %w", err)
	}
	if s.world, err = parseWorld(string(w)); err != nil {
		return nil, err
	}
	pages, err := parsePages(s.names)
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close stops the server's background work (the rate limiter's sweeper).
func (s *Server) Close() {
	if s.limiter != nil {
		s.limiter.stop()
	}
}

// access says who may call a route.
type access int

const (
	public access = iota // open to all, even on a private server (health, metrics, static files, login)
	read                 // open unless the server is private
	write                // needs the token
)

// routes builds the handler tree: every route is wrapped by the
// middleware chain of its access level.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, a access, h http.HandlerFunc) {
		mux.Handle(pattern, s.guard(a, h))
	}
	static, _ := fs.Sub(assets, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", cacheFor(24*time.Hour, files))
	handle("GET /healthz", public, s.healthz)
	handle("GET /metrics", public, s.metrics.serve)
	handle("GET /login", public, s.loginPage)
	handle("POST /login", public, s.login)

	// Pages.
	handle("GET /{$}", read, s.homePage)
	handle("GET /code", read, s.codePage)
	handle("POST /code", read, s.codeSubmit)
	handle("GET /dyad", read, s.dyadPage)
	handle("GET /dyads/{a}/{b}", read, s.dyadPage)
	handle("GET /actor", read, s.actorPage)
	handle("GET /actors/{code}", read, s.actorPage)
	handle("GET /events", read, s.eventsPage)
	handle("GET /documents", read, s.documentsPage)
	handle("GET /documents/{id}", read, s.documentPage)
	handle("GET /charts/dyad.svg", read, s.dyadChartSVG)
	handle("GET /glossary", read, s.glossaryPage)
	handle("POST /examples", read, s.loadExamples) // only into an empty store

	// API.
	handle("GET /api/v1/openapi.json", public, s.openAPI)
	handle("GET /api/v1/events", read, s.apiEvents)
	handle("GET /api/v1/places", read, s.apiPlaces)
	handle("GET /api/v1/stats", read, s.apiStats)
	handle("GET /api/v1/dyads/{a}/{b}/series", read, s.apiDyadSeries)
	handle("GET /api/v1/dyads/{a}/{b}/events", read, s.apiDyadEvents)
	handle("GET /api/v1/actors/{code}", read, s.apiActor)
	handle("GET /api/v1/documents", read, s.apiDocuments)
	handle("GET /api/v1/documents/{id}", read, s.apiDocument)
	handle("POST /api/v1/code", read, s.apiCode) // fetching a URL needs the token: see mayFetch
	handle("POST /api/v1/documents", write, s.apiPutDocument)
	handle("POST /api/v1/ingest", write, s.apiIngest)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := allowed(mux, r); allow != "" {
			w.Header().Set("Allow", allow)
			apiError(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" "+r.URL.Path+": this endpoint answers "+allow)
			return
		}
		apiError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.Method+" "+r.URL.Path+"; see /api/v1/openapi.json")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if allow := allowed(mux, r); allow != "" {
			w.Header().Set("Allow", allow)
			s.pageError(w, r, http.StatusMethodNotAllowed, "This address does not answer "+r.Method+"; it answers "+allow+".")
			return
		}
		s.pageError(w, r, http.StatusNotFound, "There is no page at this address.")
	})
	return s.measure(s.secureHeaders(s.rateLimit(mux)))
}

// allowed returns the methods, as an Allow header lists them, that a
// route other than the catch-alls serves at r's path; empty when none does.
// The catch-alls ("/" and "/api/") match every method, which keeps the
// mux from answering 405 by itself.
func allowed(mux *http.ServeMux, r *http.Request) string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pat := mux.Handler(probe); pat != "/" && pat != "/api/" && pat != "" {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// guard wraps a handler with the body limit, the time limit and the access
// check of its level.
func (s *Server) guard(a access, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a == write || (a == read && s.cfg.Private) {
			if !s.authorised(r) {
				s.denied(w, r, a)
				return
			}
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		if !isExport(r) {
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		h(w, r)
	})
}

// isExport reports whether a request streams a whole export, which the
// per-request timeout would cut short.
func isExport(r *http.Request) bool {
	f := r.URL.Query().Get("format")
	return f == "csv" || f == "jsonl"
}

// authorised reports whether the request carries the token, as a bearer
// token, an X-Dyad-Token header, a form field or the login cookie.
func (s *Server) authorised(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	var got string
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		got = strings.TrimPrefix(h, "Bearer ")
	} else if h := r.Header.Get("X-Dyad-Token"); h != "" {
		got = h
	} else if c, err := r.Cookie(tokenCookie); err == nil {
		got = c.Value
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

const tokenCookie = "dyad_token"

func (s *Server) denied(w http.ResponseWriter, r *http.Request, a access) {
	status, code, msg := http.StatusUnauthorized, "unauthorized", "this server needs a token: send it as \"Authorization: Bearer TOKEN\""
	if s.cfg.Token == "" {
		status, code, msg = http.StatusForbidden, "writes_disabled", "writes are disabled: start dyad serve with --token or DYAD_TOKEN to allow them"
	}
	if isAPI(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		apiError(w, status, code, msg)
		return
	}
	if a == read {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.pageError(w, r, status, msg)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.cfg.Store.Counts(r.Context()); err != nil {
		apiError(w, http.StatusServiceUnavailable, "unavailable", "the store does not answer: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	b, _ := assets.ReadFile("openapi.json")
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// secureHeaders sets headers that keep pages from loading anything from
// other hosts or being framed.
func (s *Server) secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}
