// Command ingest benchmarks dyad's ingest pipeline and store: it generates a
// JSON-lines corpus from our own example articles (ingest/testdata/site,
// varied by actor, date and wording), ingests it into SQLite or PostgreSQL,
// and prints documents/s, events/s and peak memory.
//
//	go run ./bench/ingest -n 100000 -db /tmp/bench.db
//	go run ./bench/ingest -n 100000 -db postgres://...
//
// With -real the documents are coded by dyad's coder with its built-in
// dictionaries and the corpus is bench/corpus's (made from our gold
// articles): the figures are those of "dyad ingest" end to end. Without it
// the coder is a stand-in that finds agreement and protest verbs, so the
// figures are for reading, de-duplication checks and storing alone.
//
//	go run ./bench/ingest -real -n 100000 -db /tmp/bench.db
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"dyad/coder"
	"dyad/document"
	"dyad/ingest"
	"dyad/plover"
	"dyad/store"
)

var actors = []string{"Ruritania", "Freedonia", "Sylvania", "Latveria", "Genovia", "Elbonia", "Borduria", "Syldavia"}

// keywordCoder makes an event per agreement or protest verb.
type keywordCoder struct{}

func (keywordCoder) Code(d document.Document) ([]plover.Event, error) {
	var out []plover.Event
	for i, s := range strings.Split(d.Text, ". ") {
		cat := ""
		switch {
		case strings.Contains(s, "agreed"):
			cat = "AGREE"
		case strings.Contains(s, "protested"):
			cat = "PROTEST"
		default:
			continue
		}
		a, r := "RUR", "FRE"
		for _, name := range actors {
			if strings.HasPrefix(s, "The defence ministers of "+name) || strings.Contains(s, "parliament of "+name) {
				a = strings.ToUpper(name[:3])
			}
		}
		out = append(out, plover.Event{ID: fmt.Sprintf("%s-%d", d.ID, i), Date: d.Date.Format("2006-01-02"),
			Actor: []plover.Entity{{Code: a, EntityText: a}}, Recipient: []plover.Entity{{Code: r, EntityText: r}},
			Event: []string{cat}, QuadCode: 1, Text: s, TextInfo: plover.TextInfo{Sequence: i}, Rule: "bench"})
	}
	return out, nil
}

// generate writes n documents made from the example articles.
func generate(path string, n int) error {
	var bodies []string
	files, _ := filepath.Glob("ingest/testdata/site/*.html")
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return err
		}
		d, err := document.FromHTML(fh, "https://example.org/"+filepath.Base(f))
		fh.Close()
		if err == nil {
			bodies = append(bodies, d.Text)
		}
	}
	if len(bodies) == 0 {
		return fmt.Errorf("no example articles under ingest/testdata/site (run from the module root)")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		body := bodies[i%len(bodies)]
		a, b := actors[i%len(actors)], actors[(i/len(actors)+1)%len(actors)]
		body = strings.ReplaceAll(body, "Ruritania", a)
		body = strings.ReplaceAll(body, "Freedonia", b)
		body = fmt.Sprintf("%s Report %d from the %s desk.", body, i, b)
		date := base.AddDate(0, 0, i%1500).Format("2006-01-02")
		fmt.Fprintf(w, `{"id":"b%06d","title":"Report %d","url":"https://news%d.example/%d","source":"Outlet %d","date":%q,"text":%q}`+"\n",
			i, i, i%20, i, i%20, date, body)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}

// written returns the bytes the process has written (wchar of
// /proc/self/io: the store's log, checkpoints and all), in MB.
func written() string {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "wchar: "); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err == nil {
				return strconv.FormatInt(n>>20, 10) + "MB"
			}
		}
	}
	return "?"
}

func main() {
	n := flag.Int("n", 100000, "documents")
	dsn := flag.String("db", "", "SQLite path or postgres:// URL (default a fresh temp file)")
	workers := flag.Int("workers", 0, "workers (default all CPUs)")
	batch := flag.Int("batch", 1024, "documents stored per transaction (dyad ingest's)")
	real := flag.Bool("real", false, "code with dyad's coder and bench/corpus's texts instead of the stand-ins")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the ingest to this file")
	flag.Parse()
	dir, err := os.MkdirTemp("", "dyad-bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	corpus := filepath.Join(dir, "corpus.jsonl")
	gen := generate
	if *real {
		gen = generateReal
	}
	if err := gen(corpus, *n); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if *dsn == "" {
		*dsn = filepath.Join(dir, "bench.db")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	defer db.Close()
	var cd ingest.Coder = keywordCoder{}
	if *real {
		c, err := realCoder()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		cd = c
	}
	timed := &timedStore{DB: db}
	p := &ingest.Pipeline{Coder: cd, Store: timed, Workers: *workers, Batch: *batch}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
	}
	sum, err := p.Run(ctx, []string{corpus})
	pprof.StopCPUProfile()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	c, _ := db.Counts(ctx)
	s := sum.Elapsed.Seconds()
	fmt.Printf("coder=%s backend=%s documents=%d events=%d errors=%d elapsed=%.1fs in_put=%.1fs docs/s=%.0f events/s=%.0f peak_rss=%s written=%s stored=%+v\n",
		map[bool]string{true: "dyad", false: "stand-in"}[*real], db.Backend(), sum.Documents, sum.Events, sum.Errors, s, timed.put.Seconds(), float64(sum.Documents)/s, float64(sum.Events)/s, peakRSS(), written(), c)
}

// timedStore is the store, with the wall time its Puts took (the writer's
// time, storing one batch at a time).
type timedStore struct {
	*store.DB
	put time.Duration
}

func (s *timedStore) Put(ctx context.Context, items []store.Item) ([]store.Result, error) {
	start := time.Now()
	defer func() { s.put += time.Since(start) }()
	return s.DB.Put(ctx, items)
}

// generateReal writes n documents with bench/corpus's generator.
func generateReal(path string, n int) error {
	cmd := exec.Command("go", "run", "./bench/corpus", "-docs", strconv.Itoa(n), "-seed", "1", "-out", path)
	cmd.Stderr = os.Stderr
	return cmd.Run()
}

// realCoder is dyad's coder with the built-in dictionaries and gazetteer.
func realCoder() (*coder.Coder, error) { return coder.Default(coder.Options{}) }
