package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"dyad/export"
	"dyad/store"
)

// filterFlags adds the event filter flags shared by query, export and stats.
func filterFlags(fs *flagSet) *store.Filter {
	f := &store.Filter{}
	fs.StringVar(&f.Actor, "actor", "", "actor code prefix (USA, USAGOV) or words of the actor's name")
	fs.StringVar(&f.Recipient, "recipient", "", "recipient code prefix or words of its name")
	fs.StringVar(&f.Country, "country", "", "ISO3 country of the actor, recipient or event location")
	fs.StringVar(&f.Sector, "sector", "", "sector of the actor or recipient (GOV, MIL, ...)")
	fs.StringVar(&f.Category, "category", "", "PLOVER event category (AGREE, PROTEST, ...)")
	fs.StringVar(&f.Mode, "mode", "", "PLOVER mode")
	fs.StringVar(&f.Context, "context", "", "PLOVER context")
	fs.StringVar(&f.From, "from", "", "first date, YYYY-MM-DD (or YYYY-MM, YYYY)")
	fs.StringVar(&f.To, "to", "", "last date, YYYY-MM-DD (or YYYY-MM, YYYY)")
	fs.StringVar(&f.Place, "place", "", "words of the event's place")
	fs.StringVar(&f.Source, "source", "", "words of the outlet")
	fs.StringVar(&f.Text, "text", "", "words of the sentence")
	fs.StringVar(&f.Sort, "sort", "date", "date, -date, goldstein, -goldstein, mentions or -mentions")
	fs.IntVar(&f.Limit, "limit", 0, "at most this many events (0: all)")
	return f
}

// validFilter checks the filter flags, and says on stderr what is
// accepted when one is wrong.
func validFilter(e env, cmd string, f *store.Filter) bool {
	err := f.Validate()
	if err == nil {
		return true
	}
	var fe *store.FilterError
	if errors.As(err, &fe) {
		fmt.Fprintf(e.stderr, "dyad %s: --%s %q: %s\n", cmd, fe.Field, fe.Value, fe.Want)
	} else {
		fmt.Fprintf(e.stderr, "dyad %s: %v\n", cmd, err)
	}
	return false
}

// openStore opens the store --db names (or the default one) for a command
// that only reads: it never creates a store, and says so when there is
// none.
func openStore(ctx context.Context, e env, cmd, dsn string) (*store.DB, bool) {
	if dsn == "" {
		dsn = store.DefaultPath(e.getenv)
	}
	s, err := store.OpenExisting(ctx, dsn)
	switch {
	case errors.Is(err, store.ErrNoStore):
		fmt.Fprintf(e.stderr, "dyad %s: no store at %s (run dyad ingest first, or give --db the path of your store)\n", cmd, dsn)
		return nil, false
	case err != nil:
		e.fail(cmd, err)
		return nil, false
	}
	return s, true
}

func runQuery(e env) int {
	fs := newFlags(e, "query", "[flags]", "dyad query --actor USA --recipient NER --from 2023-07-01 --format table")
	db := dbFlag(fs)
	f := filterFlags(fs)
	format := fs.StringP("format", "f", "", "table, jsonl or csv (default table on a terminal, else jsonl)")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "dyad query: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if !validFilter(e, "query", f) {
		return exitUsage
	}
	if *format == "" {
		*format = "jsonl"
		if isTerminal(e.stdout) {
			*format = "table"
		}
	}
	ctx := context.Background()
	var write func(store.Row) error
	var done func() error
	switch *format {
	case "table":
		tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tACTOR\tEVENT\tRECIPIENT\tQUAD\tMENTIONS\tSOURCES\tSOURCE\tTEXT")
		write = func(r store.Row) error {
			ev := r.Event
			a, rc := "", ""
			if len(ev.Actor) > 0 {
				a = ev.Actor[0].Code
			}
			if len(ev.Recipient) > 0 {
				rc = ev.Recipient[0].Code
			}
			text := ev.Text
			if len(text) > 60 {
				text = text[:57] + "..."
			}
			_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", ev.Date, a, strings.Join(ev.Event, ","), rc,
				ev.QuadCode, r.Mentions, r.Sources, r.Source, strings.ReplaceAll(text, "\n", " "))
			return err
		}
		done = tw.Flush
	case "jsonl", "csv":
		w, _ := export.New(*format, e.stdout)
		write, done = w.Write, w.Close
	default:
		fmt.Fprintf(e.stderr, "dyad query: --format %q: want table, jsonl or csv\n", *format)
		return exitUsage
	}
	s, ok := openStore(ctx, e, "query", *db)
	if !ok {
		return exitFailure
	}
	defer s.Close()
	if err := s.Each(ctx, *f, write); err != nil {
		fmt.Fprintf(e.stderr, "dyad query: %v\n", err)
		return exitFailure
	}
	if err := done(); err != nil {
		fmt.Fprintf(e.stderr, "dyad query: %v\n", err)
		return exitFailure
	}
	return exitOK
}

func runStats(e env) int {
	fs := newFlags(e, "stats", "[flags] (usually --actor A --recipient B)  or  dyad stats --queue nats://HOST:4222",
		"dyad stats --actor USA --recipient NER --format json\n  dyad stats --queue nats://127.0.0.1:4222   (documents waiting, in flight and dead-lettered)")
	db := dbFlag(fs)
	qf := addQueueFlags(fs, "count the documents on this NATS JetStream server's work queue and dead-letter stream instead (nats://HOST:4222)", false)
	f := filterFlags(fs)
	format := fs.StringP("format", "f", "table", "table or json")
	asJSON := fs.Bool("json", false, "same as --format json")
	fs.MarkHidden("json")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fs.usageError(fmt.Errorf("unexpected argument %q (stats takes flags only)", fs.Arg(0)))
	}
	if *asJSON {
		*format = "json"
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(e.stderr, "dyad stats: --format %q: want table or json\n", *format)
		return exitUsage
	}
	if *qf.url != "" {
		return queueStats(e, qf, *format)
	}
	if !validFilter(e, "stats", f) {
		return exitUsage
	}
	ctx := context.Background()
	s, ok := openStore(ctx, e, "stats", *db)
	if !ok {
		return exitFailure
	}
	defer s.Close()
	st, err := s.Stats(ctx, *f)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad stats: %v\n", err)
		return exitFailure
	}
	if *format == "json" {
		b, _ := json.MarshalIndent(st, "", "  ")
		fmt.Fprintln(e.stdout, string(b))
		return exitOK
	}
	quad := map[string]string{"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict", "0": "none"}
	fmt.Fprintf(e.stdout, "%d events\n", st.Total)
	for _, g := range []struct {
		title string
		cs    []store.Count
		label func(string) string
	}{
		{"By category", st.ByCategory, func(k string) string { return k }},
		{"By quad class", st.ByQuad, func(k string) string { return k + " " + quad[k] }},
		{"By month", st.ByMonth, func(k string) string { return k }},
	} {
		fmt.Fprintf(e.stdout, "\n%s:\n", g.title)
		for _, c := range g.cs {
			fmt.Fprintf(e.stdout, "  %-24s %d\n", g.label(c.Key), c.N)
		}
	}
	return exitOK
}
