package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dyad/queue"
	"dyad/queue/queuetest"
	"dyad/store"
	"dyad/store/storetest"
)

// TestMain lets the test binary run as dyad itself (DYAD_TEST_AS_DYAD=1),
// so that tests can start dyad processes and kill them.
func TestMain(m *testing.M) {
	if os.Getenv("DYAD_TEST_AS_DYAD") == "1" {
		os.Exit(run(env{args: os.Args[1:], stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
	}
	os.Exit(m.Run())
}

// process is a dyad command running as a process of its own.
type process struct {
	name string
	cmd  *exec.Cmd
	done chan error
}

// syncBuffer is a buffer safe to write from a process's copier and read
// from the test. It has no ReadFrom (an embedded bytes.Buffer's would let
// io.Copy around the lock).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startDyad starts "dyad ARGS..." (this test binary as dyad).
func startDyad(t *testing.T, name string, args ...string) (*process, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DYAD_TEST_AS_DYAD=1")
	errb := &syncBuffer{}
	cmd.Stderr = errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{name: name, cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p, errb
}

// faultCorpus writes n distinct short articles, each with events the
// coder finds, as a JSON-lines file.
func faultCorpus(t *testing.T, path string, n int) {
	t.Helper()
	countries := []string{"France", "Germany", "Kenya", "Brazil", "Japan", "India", "Egypt", "Mexico", "Canada", "Turkey", "Nigeria", "Chile"}
	sentences := []string{
		"The president of %[1]s met the prime minister of %[2]s in the capital on %[3]s.",
		"%[1]s accused %[2]s of violating the ceasefire along the border on %[3]s.",
		"Police in %[1]s arrested dozens of protesters who marched against the government of %[2]s.",
		"%[1]s and %[2]s signed an agreement to expand trade, officials said.",
		"The foreign minister of %[1]s criticised %[2]s over its treatment of journalists.",
	}
	var b bytes.Buffer
	for i := range n {
		a, r := countries[i%len(countries)], countries[(i*7+3)%len(countries)]
		if a == r {
			r = countries[(i+1)%len(countries)]
		}
		// Dates spread over ten years keep clusters (same day, actors and
		// category) small, as in real news.
		date := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*37)%3650)
		day := date.Format("2 January")
		var text []string
		for k := range 3 {
			text = append(text, fmt.Sprintf(sentences[(i+k)%len(sentences)], a, r, day))
		}
		text = append(text, fmt.Sprintf("Report number %d.", i))
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("gen-%06d", i), "title": fmt.Sprintf("Report %d", i),
			"date": date.Format("2006-01-02"), "text": strings.Join(text, " ")})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dump is a store's contents in a canonical order: its counts, its
// document IDs, and one line per event with its record, outlet, title,
// cluster and the cluster's counts.
type dump struct {
	counts store.Counts
	ids    []string
	events []string
}

func dumpStore(t *testing.T, dsn string) dump {
	t.Helper()
	ctx := context.Background()
	s, err := store.OpenExisting(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var d dump
	if d.counts, err = s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if d.ids, err = s.DocumentIDs(ctx); err != nil {
		t.Fatal(err)
	}
	slices.Sort(d.ids)
	err = s.EachRecord(ctx, store.Filter{}, func(r store.Row) error {
		d.events = append(d.events, fmt.Sprintf("%s\t%s\t%s\t%s\t%d\t%d", r.Record, r.Source, r.Title, r.Cluster, r.Mentions, r.Sources))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(d.events)
	return d
}

// faultDocs is the number of documents of TestWorkersSurviveFaults:
// DYAD_FAULT_DOCS, or 2,000 (500 with -race, 300 with -short), which
// keeps the test within about a minute on 2 cores.
func faultDocs(t *testing.T) int {
	if v := os.Getenv("DYAD_FAULT_DOCS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 100 {
			t.Fatalf("DYAD_FAULT_DOCS=%q: want a number of documents, at least 100", v)
		}
		return n
	}
	switch {
	case testing.Short():
		return 300
	case raceOn:
		return 500
	}
	return 2000
}

// Issue 16: documents published to the queue and stored by two worker
// processes, one killed with SIGKILL in the middle of its work and started
// again, the NATS server restarted, and the store's connections cut (or,
// with DYAD_FAULT_PG_RESTART=1, PostgreSQL restarted), end up in the
// store exactly as a single "dyad ingest" into SQLite stores them: the
// same documents and the same events, none lost, none twice.
func TestWorkersSurviveFaults(t *testing.T) {
	n := faultDocs(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	faultCorpus(t, corpus, n)

	// What one process makes of the corpus.
	ref := filepath.Join(dir, "ref.db")
	if code, _, errs := runDyad(t, "", "ingest", "--db", ref, "--progress", "none", corpus); code != exitOK {
		t.Fatalf("reference ingest: exit %d: %s", code, errs)
	}
	want := dumpStore(t, ref)
	if len(want.ids) != n || len(want.events) < n {
		t.Fatalf("reference ingest stored %d documents and %d events of %d documents", len(want.ids), len(want.events), n)
	}

	// The shared store: PostgreSQL when there is one, else a SQLite file
	// the two workers share.
	dsn := filepath.Join(dir, "shared.db")
	app := ""
	if os.Getenv("DYAD_TEST_POSTGRES") != "" {
		app = fmt.Sprintf("dyadfault%d", os.Getpid())
		dsn = storetest.PostgresDSN(t) + "&application_name=" + app
	} else {
		t.Log("DYAD_TEST_POSTGRES is not set: the workers share a SQLite file (source .ci/postgres.sh for PostgreSQL)")
	}
	srv := queuetest.Start(t, filepath.Join(dir, "nats"))
	if code, out, errs := runDyad(t, "", "ingest", "--queue", srv.URL(), "--format", "json", corpus); code != exitOK {
		t.Fatalf("publish: exit %d: %s", code, errs)
	} else if !strings.Contains(out, fmt.Sprintf(`"published":%d`, n)) {
		t.Fatalf("publish: %s", out)
	}

	worker := func(name string) (*process, *syncBuffer) {
		return startDyad(t, name, "worker", "--queue", srv.URL(), "--db", dsn, "--workers", "2", "--max-in-flight", "32",
			"--ack-wait", "3s", "--every", "1s", "--format", "json", "--name", name, "--metrics-addr", "127.0.0.1:0")
	}
	w1, log1 := worker("w1")
	w2, log2 := worker("w2")
	logs := []*syncBuffer{log1, log2}
	defer func() {
		if t.Failed() {
			for _, l := range logs {
				t.Logf("worker stderr:\n%s", l.String())
			}
		}
	}()

	// Progress: the documents acknowledged, which the workers do once the
	// store has committed them (asking the queue costs the store nothing).
	ctx := context.Background()
	q, err := queue.Open(ctx, queue.DefaultConfig(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	acked := 0
	waitStored := func(what string, k int) int {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
			if st, err := q.Stats(ctx, 0); err == nil { // else the server is restarting
				acked = n - int(st.Lag())
			}
			if acked >= k {
				return acked
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: waited 5 minutes for %d documents, have %d", what, k, acked)
			}
		}
	}

	// 1. Kill a worker in the middle of its work, and start it again.
	at := waitStored("kill", n/10)
	if err := w1.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-w1.done; err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("worker 1 after SIGKILL: %v", err)
	}
	t.Logf("killed worker 1 with %d of %d documents acknowledged", at, n)
	w1, log1 = worker("w1-again")
	logs = append(logs, log1)

	// 2. Restart the NATS server: same files, same port.
	at = waitStored("NATS restart", n*3/10)
	srv.Restart()
	t.Logf("restarted the NATS server with %d of %d documents acknowledged", at, n)

	// 3. Take the store away under the workers.
	at = waitStored("store fault", n/2)
	if app != "" {
		pgFault(t, dsn, app)
	}
	t.Logf("store fault with %d of %d documents acknowledged", at, n)

	// 4. Everything is stored, and the queue is empty.
	waitStored("the end", n)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		st, err := q.Stats(ctx, 5)
		if err == nil && st.Lag() == 0 && st.Documents == 0 {
			if st.Dead != 0 {
				t.Errorf("%d dead letters: %+v", st.Dead, st.Recent)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the queue is not empty a minute after the last document was stored: %+v, %v", st, err)
		}
	}
	// The worker's /metrics say what it did and that nothing is left.
	m := scrape(t, log2.String())
	for _, want := range []string{`dyad_queue_lag_documents{stream="DYAD_DOCS"} 0` + "\n", `dyad_queue_dead_letters{stream="DYAD_DEAD"} 0` + "\n",
		`dyad_worker_documents_stored_total{worker="w2"} `, `dyad_worker_documents_per_second{worker="w2"} `} {
		if !strings.Contains(m, want) {
			t.Errorf("worker 2's metrics lack %q:\n%s", want, m)
		}
	}
	if strings.Contains(m, `dyad_worker_documents_stored_total{worker="w2"} 0`+"\n") {
		t.Errorf("worker 2's metrics say it stored nothing:\n%s", m)
	}
	for _, w := range []*process{w1, w2} {
		w.cmd.Process.Signal(syscall.SIGTERM)
		if err := <-w.done; err != nil {
			t.Errorf("worker %s after SIGTERM: %v", w.name, err)
		}
	}

	// What the surviving workers say they went through.
	for _, l := range []*syncBuffer{log1, log2} {
		for line := range strings.Lines(l.String()) {
			if strings.Contains(line, `"final":true`) {
				t.Logf("at the end: %s", strings.TrimSpace(line))
			}
		}
	}

	got := dumpStore(t, dsn)
	if got.counts != want.counts {
		t.Errorf("counts: workers %+v, one process %+v", got.counts, want.counts)
	}
	if !slices.Equal(got.ids, want.ids) {
		t.Errorf("workers stored %d documents, one process %d; they differ", len(got.ids), len(want.ids))
	}
	if !slices.Equal(got.events, want.events) {
		missing, extra := diffLines(want.events, got.events)
		t.Errorf("events: workers %d, one process %d; %d missing, %d extra or different; first missing %.300q, first extra %.300q",
			len(got.events), len(want.events), len(missing), len(extra), first(missing), first(extra))
	}
	t.Logf("%d documents and %d events stored, as one process stores them (%s store)", len(got.ids), len(got.events), map[bool]string{true: "PostgreSQL", false: "SQLite"}[app != ""])
}

// pgFault cuts the workers' connections to PostgreSQL (whose DSN names the
// application app), or, with DYAD_FAULT_PG_RESTART=1, restarts the server.
// The server is shared with other tests, which a restart would disturb.
func pgFault(t *testing.T, dsn, app string) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if os.Getenv("DYAD_FAULT_PG_RESTART") != "1" {
		var cut int
		err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, app).Scan(&cut)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("cut %d connections of the workers to PostgreSQL", cut)
		return
	}
	var data string
	if err := db.QueryRow("SHOW data_directory").Scan(&data); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ctl, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(ctl) == 0 {
		t.Fatal("DYAD_FAULT_PG_RESTART=1: no pg_ctl under /usr/lib/postgresql")
	}
	// The server pg_ctl starts keeps its output: a file, not a pipe that
	// would stay open after pg_ctl is done.
	log := filepath.Join(data, "dyad-restart.log")
	args := []string{ctl[len(ctl)-1], "-D", data, "-l", log, "-m", "fast", "-w", "-t", "60", "restart"}
	if os.Geteuid() == 0 {
		args = append([]string{"runuser", "-u", "postgres", "--"}, args...)
	}
	out, err := os.CreateTemp(t.TempDir(), "pg_ctl")
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b, _ := os.ReadFile(out.Name())
		t.Fatalf("pg_ctl restart: %v\n%s", err, b)
	}
	t.Logf("restarted PostgreSQL (%s) in %s", data, time.Since(start).Round(time.Millisecond))
}

// scrape reads the /metrics of the worker whose stderr is log.
func scrape(t *testing.T, log string) string {
	t.Helper()
	_, rest, ok := strings.Cut(log, "metrics on ")
	url, _, _ := strings.Cut(rest, "\n")
	if !ok || !strings.HasSuffix(url, "/metrics") {
		t.Fatalf("the worker did not say where its metrics are:\n%s", log)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(b)
}

// diffLines returns the lines of want missing from got and those of got
// not in want (both sorted).
func diffLines(want, got []string) (missing, extra []string) {
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || (i < len(want) && want[i] < got[j]):
			missing = append(missing, want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			extra = append(extra, got[j])
			j++
		default:
			i++
			j++
		}
	}
	return missing, extra
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}
