package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dyad/coder"
	"dyad/store"
)

// storedIDs returns the IDs of the documents in the SQLite store at path.
func storedIDs(t *testing.T, path string) []string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids, err := db.DocumentIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// Issue 17: "dyad code" called a file us-niger-withdrawal, "dyad ingest"
// examples/us-niger-withdrawal.txt.
func TestCodeAndIngestGiveAFileOneID(t *testing.T) {
	const path = "../../examples/us-niger-withdrawal.txt"
	code, out, errs := runDyad(t, "", "code", "--format", "jsonl", path)
	if code != exitOK {
		t.Fatalf("code: exit %d: %s", code, errs)
	}
	var ev struct {
		DocID string `json:"doc_id"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "dyad.db")
	if code, _, errs := runDyad(t, "", "ingest", "--db", db, "--progress", "none", path); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	if ids := storedIDs(t, db); !reflect.DeepEqual(ids, []string{ev.DocID}) {
		t.Fatalf("ingest stored %q, code said %q", ids, ev.DocID)
	}
}

// Issue 17: an id repeated in a later file replaced the stored document and
// the summary only said "replaced".
func TestIngestRefusesAnotherTextUnderAStoredID(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "dyad.db")
	a := writeFile(t, dir, "a.jsonl", []byte(`{"id":"x","date":"2024-05-01","text":"Niger and the United States agreed on a timetable."}`+"\n"))
	b := writeFile(t, dir, "b.jsonl", []byte(`{"id":"x","date":"2024-05-02","text":"France and Mali signed a defence pact."}`+"\n"))
	ingest := func(args ...string) (int, string) {
		code, _, errs := runDyad(t, "", append([]string{"ingest", "--db", db, "--progress", "log"}, args...)...)
		return code, errs
	}
	if code, errs := ingest(a); code != exitOK {
		t.Fatalf("first ingest: exit %d: %s", code, errs)
	}
	code, errs := ingest(b)
	if code != exitFailure || !strings.Contains(errs, "b.jsonl:1") || !strings.Contains(errs, "(from "+a+":1)") || !strings.Contains(errs, "--replace") {
		t.Fatalf("another text under x: exit %d:\n%s", code, errs)
	}
	if code, errs := ingest(a); code != exitOK || !strings.Contains(errs, "1 already stored") {
		t.Fatalf("the same file again: exit %d: %s", code, errs)
	}
	if code, errs := ingest("--replace", b); code != exitOK || !strings.Contains(errs, "1 replaced") {
		t.Fatalf("--replace: exit %d: %s", code, errs)
	}
}

// Issue 17: a folder walk passed over files without a word.
func TestIngestSaysWhatItSkipped(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	writeFile(t, docs, "a.txt", []byte("Date: 2024-05-01\n\nNiger and the United States agreed on a timetable."))
	writeFile(t, docs, "a.gold", []byte("gold"))
	db := filepath.Join(dir, "dyad.db")
	code, _, errs := runDyad(t, "", "ingest", "--db", db, "--progress", "none", docs)
	if code != exitOK || !strings.Contains(errs, "skipped 1 file that is not a document: 1 .gold; --verbose lists them") {
		t.Fatalf("exit %d:\n%s", code, errs)
	}
	code, _, errs = runDyad(t, "", "ingest", "--db", db, "--progress", "none", "--verbose", docs)
	if code != exitOK || !strings.Contains(errs, filepath.Join(docs, "a.gold")) {
		t.Fatalf("--verbose: exit %d:\n%s", code, errs)
	}
}

// Issue 17: text on stdin with no date was dated today without a word.
func TestCodeStdinWithoutDateWarns(t *testing.T) {
	const text = "Niger and the United States agreed on Sunday on a timetable."
	for _, tc := range []struct {
		name, stdin string
		args        []string
		warn        bool
	}{
		{"no date", text, nil, true},
		{"--date", text, []string{"--date", "2024-05-19"}, false},
		{"date header", "Date: 2024-05-19\n\n" + text, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"code", "--format", "jsonl"}, tc.args...), "-")
			code, _, errs := runDyad(t, tc.stdin, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			warned := strings.Contains(errs, "stdin: warning: no publication date") && strings.Contains(errs, "--date YYYY-MM-DD")
			if warned != tc.warn {
				t.Fatalf("warned %v, want %v: %q", warned, tc.warn, errs)
			}
		})
	}
}

// Issue 17: a document longer than the coder reads is coded in part,
// stored, and said to be so by code and by ingest; the run succeeds.
func TestLongDocumentIsCodedInPart(t *testing.T) {
	dir := t.TempDir()
	para := "Police fired tear gas at protesters in Dakar on Friday.\n\n"
	long := writeFile(t, dir, "long.txt", []byte("Date: 2024-05-19\n\n"+strings.Repeat(para, 2*coder.MaxText/len(para))))
	code, out, errs := runDyad(t, "", "code", "--format", "jsonl", long)
	if code != exitOK || out == "" {
		t.Fatalf("code: exit %d, %d bytes out: %s", code, len(out), errs)
	}
	if !strings.Contains(errs, "long.txt: warning: document cut: only its first 1.0 MB of 2.0 MB were coded") {
		t.Errorf("code said nothing of the cut: %q", errs)
	}
	db := filepath.Join(dir, "dyad.db")
	code, _, errs = runDyad(t, "", "ingest", "--db", db, "--progress", "log", long)
	if code != exitOK || !strings.Contains(errs, "1 coded only in part") || !strings.Contains(errs, "warning: document cut") || !strings.Contains(errs, "1 new") {
		t.Errorf("ingest: exit %d: %s", code, errs)
	}
}
