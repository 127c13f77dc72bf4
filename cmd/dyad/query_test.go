package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ingested returns a store holding the example article.
func ingested(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "dyad.db")
	if code, _, errs := runDyad(t, "", "ingest", "--db", db, "--progress", "none", "../../examples/us-niger-withdrawal.txt"); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	return db
}

// Issue 17, item 10: a filter that cannot match is a usage error that says
// what is accepted, in every command that takes filters.
func TestFiltersAreChecked(t *testing.T) {
	db := ingested(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "05/01/2024"}, `--from "05/01/2024": want a calendar date as YYYY-MM-DD, YYYY-MM or YYYY`},
		{[]string{"--from", "2024-13-45"}, `--from "2024-13-45": want a calendar date`},
		{[]string{"--to", "2024-99"}, `--to "2024-99": want a calendar date`},
		{[]string{"--from", "2024-06-01", "--to", "2024-05-31"}, `--from "2024-06-01": is after to "2024-05-31"`},
		{[]string{"--category", "FOO"}, `--category "FOO": want a PLOVER category: AGREE, CONSULT`},
		{[]string{"--category", "PROTEST", "--mode", "visit"}, `--mode "visit": want a mode of PROTEST: demo`},
		{[]string{"--context", "econ"}, `--context "econ": want a PLOVER context`},
		{[]string{"--sector", "ARMY"}, `--sector "ARMY": want a PLOVER sector`},
		{[]string{"--country", "Niger"}, `--country "Niger": want an ISO 3166 three-letter country code`},
	}
	for _, cmd := range []string{"query", "export", "stats"} {
		for _, tc := range tests {
			args := append([]string{cmd, "--db", db}, tc.args...)
			code, out, errs := runDyad(t, "", args...)
			if code != exitUsage || !strings.HasPrefix(errs, "dyad "+cmd+": ") || !strings.Contains(errs, tc.want) {
				t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", strings.Join(args, " "), code, errs, exitUsage, tc.want)
			}
			if out != "" {
				t.Errorf("%s printed %q", strings.Join(args, " "), out)
			}
		}
	}
	code, out, errs := runDyad(t, "", "query", "--db", db, "--format", "jsonl", "--from", "2024", "--category", "concede")
	if code != exitOK || strings.Count(out, "\n") == 0 {
		t.Errorf("valid filter: exit %d, %d events, %s", code, strings.Count(out, "\n"), errs)
	}
}

// Issue 17, item 11: commands that only read never create a store.
func TestReadCommandsNeedAStore(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "x.db")
	for _, args := range [][]string{
		{"query", "--format", "jsonl"},
		{"export", "--format", "csv"},
		{"stats"},
		{"serve", "--addr", "127.0.0.1:0"},
	} {
		args = append(args, "--db", missing)
		code, out, errs := runDyad(t, "", args...)
		want := "dyad " + args[0] + ": no store at " + missing + " (run dyad ingest first"
		if code != exitFailure || !strings.HasPrefix(errs, want) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and %q", strings.Join(args, " "), code, out, errs, exitFailure, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read command created %s: %v", filepath.Join(dir, "typo"), err)
	}
}

// An export to --out that names a named pipe (or a device such as
// /dev/null) writes into it: writing a temporary file beside it and
// renaming it over the target replaced the pipe with a regular file (and
// /dev/null itself, for root).
func TestExportToAPipe(t *testing.T) {
	db := ingested(t)
	fifo := filepath.Join(t.TempDir(), "events.pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	code, _, errs := runDyad(t, "", "export", "--db", db, "--format", "jsonl", "--out", fifo)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a named pipe (%v, %v)", fifo, st.Mode(), err)
	}
	select {
	case b := <-got:
		if strings.Count(string(b), "\n") == 0 || !strings.Contains(string(b), `"doc_id"`) {
			t.Errorf("the pipe's reader got %q, want the events as JSON lines", b)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing was written into the pipe")
	}
}
