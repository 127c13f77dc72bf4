package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"dyad/queue/queuetest"
)

// "dyad ingest --queue" publishes, a second run publishes nothing new,
// and "dyad stats --queue" counts what waits, in both formats.
func TestIngestQueueAndStats(t *testing.T) {
	srv := queuetest.Start(t, "")
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	faultCorpus(t, corpus, 30)
	code, _, errs := runDyad(t, "", "ingest", corpus, "--queue", srv.URL())
	if code != exitOK || !strings.Contains(errs, "published 30 documents to stream DYAD_DOCS") {
		t.Fatalf("first publish: exit %d: %s", code, errs)
	}
	checkStderr(t, errs)
	code, out, errs := runDyad(t, "", "ingest", "--queue", srv.URL(), "--format", "json", corpus)
	var sum struct{ Published, Already int }
	if err := json.Unmarshal([]byte(strings.ReplaceAll(out, "already_queued", "already")), &sum); code != exitOK || err != nil || sum.Published != 0 || sum.Already != 30 {
		t.Fatalf("second publish: exit %d, %v: %s %s", code, err, out, errs)
	}
	code, out, errs = runDyad(t, "", "stats", "--queue", srv.URL())
	if code != exitOK || !strings.Contains(out, "stream DYAD_DOCS: 30 documents not yet stored") || !strings.Contains(out, "lag 30 (30 pending, 0 in flight)") ||
		!strings.Contains(out, "dead letters (DYAD_DEAD): 0") {
		t.Errorf("stats: exit %d:\n%s%s", code, out, errs)
	}
	code, out, _ = runDyad(t, "", "stats", "--format", "json", "--queue", srv.URL())
	var st struct{ Documents, Lag, Dead int }
	if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil || st.Documents != 30 || st.Lag != 30 || st.Dead != 0 {
		t.Errorf("stats --format json: exit %d, %v:\n%s", code, err, out)
	}
}

// Mistakes with the queue commands are usage errors that say what to do.
func TestWorkerUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"worker", "--db", "x.db"}, "--queue is missing"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "feeds.txt"}, "dyad ingest --queue"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--format", "xml"}, `--format "xml": want text or json`},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--max-in-flight", "0"}, "must be positive"},
		{[]string{"ingest", "--queue", "nats://127.0.0.1:1", "--watch", "feeds.txt"}, "not supported yet"},
	} {
		code, _, errs := runDyad(t, "", c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want a usage error saying %q", c.args, code, errs, c.want)
		}
		checkStderr(t, errs)
	}
	// A queue that is not there is a runtime failure naming it.
	code, _, errs := runDyad(t, "", "stats", "--queue", "nats://127.0.0.1:1")
	if code != exitFailure || !strings.Contains(errs, "nats://127.0.0.1:1") {
		t.Errorf("stats of a queue that is not there: exit %d, %q", code, errs)
	}
	checkStderr(t, errs)
}
