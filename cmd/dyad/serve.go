package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"dyad/ingest"
	"dyad/server"
	"dyad/store"
)

func runServe(e env) int {
	fs := newFlags(e, "serve", "[flags]", "dyad serve --addr 127.0.0.1:9000 --db events.db --token SECRET\n  dyad serve --demo   # a throwaway store filled with the example articles")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default; use :8080 to listen on every interface)")
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the built-in ones")
	token := fs.String("token", "", "token that writes need (default $DYAD_TOKEN; without one, writes are disabled)")
	private := fs.Bool("private", false, "reads need the token too")
	allowPrivate := fs.Bool("allow-private", false, "let the server fetch URLs on loopback, private, link-local or other special-purpose addresses")
	maxBody := fs.Int64("max-body", 1<<20, "largest request body, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "longest time a request may take (exports excepted)")
	rate := fs.Float64("rate", 20, "requests a second allowed to each client (a negative number turns the limit off)")
	burst := fs.Int("burst", 0, "requests a client may send at once (default twice --rate)")
	demo := fs.Bool("demo", false, "serve a throwaway store filled with the bundled example articles (removed on exit); not with --db")
	maxCodings := fs.Int("max-codings", runtime.GOMAXPROCS(0), "articles coded at once at most; requests beyond wait 2s, then get 503 and Retry-After")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "dyad serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *token == "" {
		*token = e.getenv("DYAD_TOKEN")
	}
	if *maxCodings < 1 {
		fmt.Fprintf(e.stderr, "dyad serve: --max-codings %d: want at least 1\n", *maxCodings)
		return exitUsage
	}
	if *private && *token == "" {
		fmt.Fprintln(e.stderr, "dyad serve: --private needs a token: give --token or set DYAD_TOKEN")
		return exitUsage
	}
	if *demo && fs.Changed("db") {
		fmt.Fprintln(e.stderr, "dyad serve: --demo makes its own throwaway store: leave out --db")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Without a token the server only reads, so it needs a store to be
	// there already; with one it may store documents, like ingest.
	var s *store.DB
	if *demo {
		dir, err := os.MkdirTemp("", "dyad-demo-")
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad serve: --demo: %v\n", err)
			return exitFailure
		}
		defer os.RemoveAll(dir)
		*db = filepath.Join(dir, "demo.db")
		if s, err = openDB(ctx, e, *db); err != nil {
			fmt.Fprintf(e.stderr, "dyad serve: --demo: %v\n", err)
			return exitFailure
		}
	} else if *token == "" {
		var ok bool
		if s, ok = openStore(ctx, e, "serve", *db); !ok {
			return exitFailure
		}
	} else {
		var err error
		if s, err = openDB(ctx, e, *db); err != nil {
			fmt.Fprintf(e.stderr, "dyad serve: %v\n", err)
			return exitFailure
		}
	}
	defer s.Close()
	c, err := loadCoder(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad serve: dictionaries: %v\n", err)
		return exitFailure
	}
	// The pages name the actor codes from the same dictionaries.
	d, err := loadDicts(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad serve: dictionaries: %v\n", err)
		return exitFailure
	}
	if *demo {
		n, err := server.LoadExamples(ctx, s, c)
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad serve: --demo: %v\n", err)
			return exitFailure
		}
		fmt.Fprintf(e.stderr, "dyad serve: --demo: %d example articles coded into a throwaway store\n", n)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv, err := server.New(server.Config{
		Store: s, Coder: c, Dict: d, Token: *token, Private: *private,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: *allowPrivate, Timeout: 20 * time.Second}),
		MaxBody: *maxBody, Timeout: *timeout, Rate: *rate, Burst: *burst, MaxCodings: *maxCodings, Logger: logger,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad serve: %v\n", err)
		return exitFailure
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad serve: --addr %s: %v\n", *addr, err)
		return exitFailure
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       *timeout + 10*time.Second,
		WriteTimeout:      10 * time.Minute, // exports stream for long; other requests stop at --timeout
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	writes := "writes need the token"
	if *token == "" {
		writes = "writes disabled (no token)"
	}
	fmt.Fprintf(e.stderr, "dyad serve: listening on http://%s (%s store, %s)\n", ln.Addr(), s.Backend(), writes)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(e.stderr, "dyad serve: %v\n", err)
		return exitFailure
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "dyad serve: shutting down, finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		fmt.Fprintf(e.stderr, "dyad serve: shutdown: %v\n", err)
		return exitFailure
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(e.stderr, "dyad serve: %v\n", err)
		return exitFailure
	}
	return exitOK
}
