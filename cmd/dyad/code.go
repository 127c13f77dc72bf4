package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"dyad/coder"
	"dyad/document"
	"dyad/output"
	"dyad/postag"
)

func runCode(e env) int {
	fs := newFlags(e, "code", "[flags] FILE... (- for stdin)", "dyad code --format table examples/us-niger-withdrawal.txt")
	format := fs.StringP("format", "f", "", "output format: table, jsonl, csv, cameo or explain (default table on a terminal, else jsonl)")
	in := fs.String("in", "auto", "input kind: auto, text, jsonl or html")
	date := fs.String("date", "", "publication date YYYY-MM-DD, overriding the document's own")
	all := fs.Bool("all", false, "also print negated and hypothetical events (marked in context)")
	tagger := fs.Bool("tagger", false, "tell nouns from verbs with the part-of-speech tagger where the grammar cannot (a little more precise, about 8% slower)")
	explain := fs.Bool("explain", false, "print each event with the rule that fired and the spans it used")
	ontology := fs.String("ontology", "plover", "plover, or cameo for CAMEO-style tab-separated records")
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the built-in ones")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded at once")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (read it with go tool pprof)")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "dyad code: no input; give files, or - for stdin")
		fs.Usage()
		return exitUsage
	}
	var pubDate time.Time
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad code: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
		pubDate = t
	}
	switch *in {
	case "auto", "text", "jsonl", "html":
	default:
		fmt.Fprintf(e.stderr, "dyad code: --in %q: want auto, text, jsonl or html\n", *in)
		return exitUsage
	}
	f := *format
	switch {
	case *explain:
		f = "explain"
	case *ontology == "cameo":
		f = "cameo"
	case *ontology != "plover":
		fmt.Fprintf(e.stderr, "dyad code: --ontology %q: want plover or cameo\n", *ontology)
		return exitUsage
	case f == "":
		f = "jsonl"
		if isTerminal(e.stdout) {
			f = "table"
		}
	}
	// Output goes through one large buffer; the pipeline flushes it when it
	// runs out of work, so events still appear as soon as they are coded
	// when input comes slowly (a terminal, a pipe).
	bw := bufio.NewWriterSize(e.stdout, 256<<10)
	out, err := output.New(bw, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad code: --format %q: want one of %s\n", f, strings.Join(output.Formats, ", "))
		return exitUsage
	}
	opts := coder.Options{All: *all}
	if *tagger {
		t, err := postag.Default()
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad code: --tagger: %v\n", err)
			return exitFailure
		}
		opts.Tagger = t
	}
	// Loading the dictionaries allocates much that it keeps: the
	// collector stays off while it runs, as its passes over the tables
	// being built cost more than the memory they would free (and touch
	// pages set aside for the tables before they are written). Coding
	// allocates short-lived values and holds little: it then collects
	// at the usual pace, and so reuses the memory loading left behind
	// instead of asking the system for fresh pages, each of which costs
	// more than the collector's pass over what loading kept (30 MB).
	codingGC, setGC := 0, e.getenv("GOGC") == ""
	if setGC {
		codingGC = debug.SetGCPercent(-1)
	}
	c, err := loadCoderOpts(*dictDir, opts)
	if setGC {
		debug.SetGCPercent(codingGC)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad code: dictionaries: %v\n", err)
		return exitFailure
	}
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad code: --cpuprofile: %v\n", err)
			return exitFailure
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintf(e.stderr, "dyad code: --cpuprofile %s: %v\n", *cpuProfile, err)
			return exitFailure
		}
		defer pprof.StopCPUProfile()
	}
	p := &pipeline{c: c, out: out, bw: bw, stderr: e.stderr, date: pubDate, workers: max(1, *workers)}
	p.start()
	for _, name := range fs.Args() {
		p.readInput(e, name, *in)
	}
	p.finish()
	err = out.Close()
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad code: writing output: %v\n", err)
		return exitFailure
	}
	if p.failed > 0 {
		fmt.Fprintf(e.stderr, "dyad code: %d of %d documents could not be coded\n", p.failed, p.seq)
		return exitFailure
	}
	return exitOK
}

// pipeline codes documents on several goroutines and writes their events
// in input order.
type pipeline struct {
	c       *coder.Coder
	out     output.Writer
	bw      *bufio.Writer // under out; flushed when the pipeline is idle
	stderr  io.Writer
	date    time.Time
	workers int

	jobs    chan job
	results chan result
	// free holds batches whose events are written, for the workers to
	// code the next documents into.
	free   chan *coder.Batch
	wg     sync.WaitGroup
	done   chan struct{}
	seq    int
	failed int
}

type job struct {
	seq  int
	name string
	doc  document.Document
	err  error
	warn string // a warning to print before the document's events
}

type result struct {
	seq   int
	name  string
	batch *coder.Batch
	err   error
	warn  string
}

func (p *pipeline) start() {
	p.jobs = make(chan job, 4*p.workers)
	p.results = make(chan result, 4*p.workers)
	p.free = make(chan *coder.Batch, 8*p.workers)
	p.done = make(chan struct{})
	for i := 0; i < p.workers; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.jobs {
				r := result{seq: j.seq, name: j.name, err: j.err, warn: j.warn}
				if j.err == nil {
					if !p.date.IsZero() {
						j.doc.Date = p.date
					}
					r.batch = p.batch()
					r.err = p.c.CodeBatch(r.batch, j.doc)
					if r.err == nil && r.batch.Cut > 0 {
						r.warn = joinWarnings(r.warn, coder.CutError(r.batch.Cut, len(j.doc.Text)).Error())
					}
				}
				p.results <- r
			}
		}()
	}
	go func() {
		pending := map[int]result{}
		next := 0
		for r := range p.results {
			pending[r.seq] = r
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if r.warn != "" {
					p.bw.Flush()
					fmt.Fprintf(p.stderr, "dyad code: %s: warning: %s\n", r.name, r.warn)
				}
				if r.err != nil {
					p.failed++
					// Events written so far go out first, as they did
					// unbuffered, in case stdout and stderr share a terminal.
					p.bw.Flush()
					fmt.Fprintf(p.stderr, "dyad code: %s: %v\n", r.name, r.err)
					p.recycle(r.batch)
					continue
				}
				if err := p.out.Write(r.batch.Events); err != nil {
					fmt.Fprintf(p.stderr, "dyad code: writing output: %v\n", err)
				}
				p.recycle(r.batch)
			}
			// Nothing more to write for now and nothing queued to code:
			// the input is slow, so show what there is.
			if len(p.results) == 0 && len(p.jobs) == 0 && p.bw.Buffered() > 0 {
				p.bw.Flush()
			}
		}
		close(p.done)
	}()
}

// batch returns a batch to code a document into: one whose events are
// written, or a new one.
func (p *pipeline) batch() *coder.Batch {
	select {
	case b := <-p.free:
		return b
	default:
		return &coder.Batch{}
	}
}

// recycle hands a batch whose events are written back to the workers.
func (p *pipeline) recycle(b *coder.Batch) {
	if b == nil {
		return
	}
	select {
	case p.free <- b:
	default:
	}
}

func (p *pipeline) submit(name string, doc document.Document, err error) {
	p.send(job{name: name, doc: doc, err: err})
}

// send queues a job, numbering it in input order.
func (p *pipeline) send(j job) {
	j.seq = p.seq
	p.jobs <- j
	p.seq++
}

func (p *pipeline) finish() {
	close(p.jobs)
	p.wg.Wait()
	close(p.results)
	<-p.done
}

// readInput reads one command-line input and submits its documents.
func (p *pipeline) readInput(e env, name, kind string) {
	var r io.Reader
	display := name
	if name == "-" {
		r = e.stdin
		display = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			p.submit(name, document.Document{}, fmt.Errorf("cannot open: %v", unwrapPath(err)))
			return
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			p.submit(name, document.Document{}, fmt.Errorf("is a directory; give the files in it, or use dyad ingest"))
			return
		}
		r = f
	}
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			p.submit(display, document.Document{}, fmt.Errorf("not gzip data: %v", err))
			return
		}
		defer gz.Close()
		r = gz
		name = strings.TrimSuffix(name, ".gz")
	}
	if kind == "jsonl" || (kind == "auto" && (strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson"))) {
		err := document.ReadJSONL(r, display, func(d document.Document) error {
			p.submit(display+":"+d.ID, d, nil)
			return nil
		}, func(le *document.LineError) {
			p.submit(display, document.Document{}, fmt.Errorf("line %d: %v", le.Line, le.Err))
		})
		if err != nil {
			p.submit(display, document.Document{}, err)
		}
		return
	}
	data, err := io.ReadAll(io.LimitReader(r, document.MaxDocument+1))
	if err != nil {
		p.submit(display, document.Document{}, fmt.Errorf("cannot read: %v", err))
		return
	}
	if len(data) > document.MaxDocument {
		p.submit(display, document.Document{}, fmt.Errorf("larger than %d MB; split it into articles", document.MaxDocument>>20))
		return
	}
	id := document.FileID(name) // the ID dyad ingest gives the file
	if name == "-" {
		id = "stdin"
	}
	var doc document.Document
	if kind == "html" || (kind == "auto" && (strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") || document.IsHTML(data))) {
		doc, err = document.FromHTML(bytes.NewReader(data), "")
		if err == nil && doc.ID == "" {
			doc.ID = id
		}
	} else if doc, err = document.FromText(data, id); err != nil {
		err = fmt.Errorf("%v", strings.TrimPrefix(err.Error(), id+": "))
	}
	j := job{name: display, doc: doc, err: err}
	if err == nil && name == "-" && doc.Date.IsZero() && p.date.IsZero() {
		j.warn = fmt.Sprintf("no publication date, so it is dated today (%s), which decides what \"yesterday\" or \"on Monday\" means; "+
			"give the date with --date YYYY-MM-DD, or begin the text with a line \"Date: YYYY-MM-DD\" and a blank line", time.Now().UTC().Format("2006-01-02"))
	}
	p.send(j)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// joinWarnings joins two warnings about one document.
func joinWarnings(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
