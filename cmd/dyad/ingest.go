package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"dyad/ingest"
	"dyad/store"
)

// dbFlag adds --db to a flag set.
func dbFlag(fs *flagSet) *string {
	return fs.String("db", "", "database: a SQLite file path or postgres://... URL (default $DYAD_DB or ~/.local/share/dyad/dyad.db)")
}

// openDB opens the store --db names, or the default SQLite file.
func openDB(ctx context.Context, e env, dsn string) (*store.DB, error) {
	if dsn == "" {
		dsn = store.DefaultPath(e.getenv)
	}
	return store.Open(ctx, dsn)
}

func runIngest(e env) int {
	fs := newFlags(e, "ingest", "[flags] PATH|URL...  or  dyad ingest --watch FEEDS.txt [--every 15m]  or  dyad ingest --queue nats://HOST:4222 PATH|URL...",
		"dyad ingest --db events.db examples/\n  dyad ingest --queue nats://127.0.0.1:4222 corpus.jsonl.gz   (publish for \"dyad worker\" to code and store)")
	db := dbFlag(fs)
	qf := addQueueFlags(fs, "publish the documents to this NATS JetStream server (nats://HOST:4222) for \"dyad worker\" to code and store, instead of coding them here", false)
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the built-in ones")
	watch := fs.String("watch", "", "file listing feed URLs, one a line, to poll until interrupted")
	every := fs.Duration("every", 15*time.Minute, "with --watch, time between polls")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on loopback, private or link-local addresses")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents fetched and coded at once")
	perHost := fs.Duration("per-host", time.Second, "least time between two requests to one host")
	progress := fs.String("progress", "auto", "auto (a bar on a terminal, else log lines), bar, log or none")
	replace := fs.Bool("replace", false, "let a document replace the stored one with its id or URL when their texts differ")
	verbose := fs.Bool("verbose", false, "list the files a folder walk passed over")
	format := fs.StringP("format", "f", "text", "the summary as a text line on stderr, or as json on stdout")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fs.usageError(fmt.Errorf("--format %q: want text or json", *format))
	}
	if *qf.url != "" && *watch != "" {
		return fs.usageError(fmt.Errorf("--queue and --watch: publishing polled feeds to a queue is not supported yet; give the feeds' URLs as arguments and run it from cron"))
	}
	if (*watch == "") == (fs.NArg() == 0) {
		fmt.Fprintln(e.stderr, "dyad ingest: give paths or URLs, or --watch FEEDS.txt (not both)")
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *qf.url != "" {
		p := &ingest.Pipeline{Fetcher: ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: *allowPrivate, PerHost: *perHost}), Progress: sayErrors{quietProgress{e}}}
		return publish(ctx, e, qf, p, fs.Args(), *format)
	}
	s, err := openDB(ctx, e, *db)
	if err != nil {
		e.fail("ingest", err)
		return exitFailure
	}
	defer s.Close()
	c, err := loadCoder(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad ingest: dictionaries: %v\n", err)
		return exitFailure
	}
	p := &ingest.Pipeline{
		Coder:   c,
		Store:   s,
		Workers: max(1, *workers),
		Replace: *replace,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: *allowPrivate, PerHost: *perHost, State: s}),
	}
	mode := *progress
	if mode == "auto" {
		mode = "log"
		if isTerminal(e.stderr) && *watch == "" {
			mode = "bar"
		}
	}
	var finish func()
	switch mode {
	case "bar":
		b := ingest.NewBar(e.stderr, -1)
		p.Progress, finish = b, b.Finish
	case "log":
		l := ingest.NewLog(e.stderr, 10*time.Second)
		p.Progress, finish = l, l.Finish
	case "none":
		p.Progress, finish = quietProgress{e}, func() {}
	default:
		fmt.Fprintf(e.stderr, "dyad ingest: --progress %q: want auto, bar, log or none\n", *progress)
		return exitUsage
	}
	if p.Progress != nil {
		p.Progress = sayErrors{p.Progress}
	}
	if *watch != "" {
		failed := false
		err := p.Watch(ctx, *watch, *every, func(sum ingest.Summary, err error) {
			fmt.Fprintf(e.stderr, "dyad ingest: %s: %s\n", time.Now().Format(time.RFC3339), sum)
			explain(e, sum, false)
			if err != nil {
				e.fail("ingest", err)
				failed = true
			}
		})
		finish()
		if err != nil {
			e.fail("ingest", err)
			return exitFailure
		}
		if failed {
			return exitFailure
		}
		return exitOK
	}
	sum, err := p.Run(ctx, fs.Args())
	finish()
	if *format == "json" {
		b, _ := json.Marshal(sum)
		fmt.Fprintln(e.stdout, string(b))
	} else {
		fmt.Fprintf(e.stderr, "dyad ingest: %s\n", sum)
	}
	explain(e, sum, *verbose)
	if err != nil {
		e.fail("ingest", err)
		return exitFailure
	}
	if sum.Interrupted {
		fmt.Fprintln(e.stderr, "dyad ingest: interrupted; run the same command again to resume")
		return exitFailure
	}
	if sum.Errors > 0 {
		return exitFailure
	}
	return exitOK
}

// explain follows a summary with what a user may need to act on: the
// documents refused for an id already stored, and the files a folder walk
// passed over (each of them when verbose).
func explain(e env, sum ingest.Summary, verbose bool) {
	if sum.Conflicts > 0 {
		fmt.Fprintf(e.stderr, "dyad ingest: %d documents not stored: their id or URL is stored with other text; give each document an id of its own, or run again with --replace to replace the stored ones\n", sum.Conflicts)
	}
	if line := ingest.PassedLine(sum.Passed); line != "" {
		if verbose {
			for _, p := range sum.Passed {
				fmt.Fprintf(e.stderr, "dyad ingest: skipped %s: %s is not a document kind ingest reads\n", p.Path, p.Why)
			}
			fmt.Fprintf(e.stderr, "dyad ingest: %s\n", line)
		} else {
			fmt.Fprintf(e.stderr, "dyad ingest: %s; --verbose lists them\n", line)
		}
	}
}

// quietProgress is --progress none: no counts, but every item that could
// not be ingested is still named (by sayErrors).
type quietProgress struct{ e env }

func (quietProgress) Document(int)      {}
func (q quietProgress) Error(err error) { fmt.Fprintln(q.e.stderr, err) }

// sayErrors passes a run's progress on, with each error said the way the
// command line says its errors.
type sayErrors struct{ ingest.Progress }

func (s sayErrors) Error(err error) { s.Progress.Error(cmdError{"ingest", err}) }
