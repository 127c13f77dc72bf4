package ingest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dyad/ingest"
	"dyad/store"
)

// TestMain lets the test binary play the child that TestCrashSafety kills.
func TestMain(m *testing.M) {
	if spec := os.Getenv("DYAD_CRASH_CHILD"); spec != "" {
		dbPath, corpus, _ := strings.Cut(spec, "|")
		db, err := store.Open(context.Background(), dbPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Workers: 4, Batch: 7}
		if _, err := p.Run(context.Background(), []string{corpus}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestCrashSafety kills an ingesting process with SIGKILL at random moments
// and checks after each kill that every stored document has all its events
// (none half stored), that the database is intact, and finally that a rerun
// completes the corpus.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crash.db")
	corpus := filepath.Join(dir, "c.jsonl")
	const docs = 200
	var b strings.Builder
	want := map[string]int{}
	for i := range docs {
		n := i%5 + 1
		id := fmt.Sprintf("d%04d", i)
		want[id] = n
		fmt.Fprintf(&b, `{"id":%q,"date":"2024-05-19","text":"Report %d.%s"}`+"\n", id, i, strings.Repeat(" The sides agree.", n))
	}
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(round string) int {
		t.Helper()
		db, err := store.Open(context.Background(), dbPath)
		if err != nil {
			t.Fatalf("%s: reopen: %v", round, err)
		}
		defer db.Close()
		ctx := context.Background()
		ids, err := db.DocumentIDs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, id := range ids {
			rows, err := db.Query(ctx, store.Filter{DocID: id})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != want[id] {
				t.Fatalf("%s: document %s has %d events, want %d: half stored", round, id, len(rows), want[id])
			}
			total += len(rows)
		}
		c, _ := db.Counts(ctx)
		if c.Events != total || c.Sources != len(ids) || c.Sentences != len(ids) {
			t.Fatalf("%s: counts %+v for %d documents, %d events", round, c, len(ids), total)
		}
		if len(ids) > 0 {
			rows, _ := db.Query(ctx, store.Filter{Limit: 1})
			if rows[0].Mentions != total || rows[0].Sources != 1 {
				t.Fatalf("%s: cluster says %d mentions, store has %d events", round, rows[0].Mentions, total)
			}
		}
		return len(ids)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "DYAD_CRASH_CHILD="+dbPath+"|"+corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(40+rng.IntN(160)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		n := check(fmt.Sprintf("round %d", round))
		t.Logf("round %d: %d documents stored when killed", round, n)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DYAD_CRASH_CHILD="+dbPath+"|"+corpus)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	if n := check("final"); n != docs {
		t.Fatalf("after the final run %d documents, want %d", n, docs)
	}
}
