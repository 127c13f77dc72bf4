package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const example = "../../examples/us-niger-withdrawal.txt"

// doubled reports whether a message says a prefix twice ("dyad export:
// export: ...").
func doubled(line string) bool {
	parts := strings.Split(line, ": ")
	for i := 1; i < len(parts); i++ {
		if parts[i] == parts[i-1] || strings.HasSuffix(parts[i-1], " "+parts[i]) {
			return true
		}
	}
	return false
}

// checkStderr fails when a line of stderr lacks the one "dyad " prefix or
// repeats a package prefix.
func checkStderr(t *testing.T, stderr string) {
	t.Helper()
	for line := range strings.Lines(stderr) {
		if !strings.HasPrefix(line, "dyad ") && !strings.HasPrefix(line, "Run \"dyad ") {
			t.Errorf("stderr line without the dyad prefix: %q", line)
		}
		if doubled(line) {
			t.Errorf("stderr line repeats its prefix: %q", line)
		}
	}
}

// Issue 17, item 14: every command's help is on stdout with exit 0, shows
// its flags with two dashes as the README writes them, and an example;
// "dyad help CMD", "dyad CMD --help" and "dyad CMD -h" are the same.
func TestHelpOfEveryCommand(t *testing.T) {
	var names []string
	for n := range commands() {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, args := range [][]string{{name, "--help"}, {"help", name}, {name, "-h"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, out, errs := runDyad(t, "", args...)
				if code != exitOK || errs != "" {
					t.Fatalf("exit %d, stderr %q", code, errs)
				}
				if name == "dict" {
					for _, want := range []string{"dyad dict check", "dyad dict lookup --date"} {
						if !strings.Contains(out, want) {
							t.Errorf("dict help lacks %q:\n%s", want, out)
						}
					}
					return
				}
				for _, want := range []string{"Usage: dyad " + name + " ", "Example:\n  dyad " + name + " ", "\n      --", "-h, --help"} {
					if !strings.Contains(out, want) {
						t.Errorf("help lacks %q:\n%s", want, out)
					}
				}
			})
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"dict", "--help"}, {"dict", "check", "--help"}, {"help", "dict", "lookup"}} {
		code, out, errs := runDyad(t, "", args...)
		if code != exitOK || errs != "" || !strings.Contains(out, "Usage: dyad ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	// With no command at all, the list goes to stderr: it is a usage error.
	if code, out, errs := runDyad(t, ""); code != exitUsage || out != "" || !strings.Contains(errs, "Commands:") {
		t.Errorf("no command: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// Issue 17, item 14: flags may follow the file names ("dyad code FILE
// --format csv" read --format as a file), short forms -f and -o work, "--"
// ends the flags, and a long flag with one dash is refused with a hint
// rather than read as a cluster of short flags.
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")

	code, out, errs := runDyad(t, "", "code", example, "--format", "csv")
	if code != exitOK || !strings.HasPrefix(out, "id,") {
		t.Errorf("code FILE --format csv: exit %d, stderr %q, output %.80q", code, errs, out)
	}
	code, out, _ = runDyad(t, "", "code", example, "-f", "jsonl", "--date", "2024-05-19")
	if code != exitOK || !strings.HasPrefix(out, "{") {
		t.Errorf("code FILE -f jsonl: exit %d, output %.80q", code, out)
	}
	code, _, errs = runDyad(t, "", "code", "--format", "jsonl", "--", "--format")
	if code != exitFailure || !strings.Contains(errs, "dyad code: --format: cannot open") {
		t.Errorf("code -- --format: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runDyad(t, "", "code", "-format", "csv", example)
	if code != exitUsage || !strings.Contains(errs, "-format: write long flags with two dashes: --format") {
		t.Errorf("code -format: exit %d, stderr %q", code, errs)
	}

	if code, _, errs = runDyad(t, "", "ingest", example, "--db", db, "--progress", "none"); code != exitOK {
		t.Fatalf("ingest FILE --db: exit %d, %s", code, errs)
	}
	code, out, errs = runDyad(t, "", "query", "--db", db, "--actor", "USA", "-f", "csv")
	if code != exitOK || !strings.HasPrefix(out, "id,") || strings.Count(out, "\n") < 2 {
		t.Errorf("query -f csv: exit %d, stderr %q, output %.80q", code, errs, out)
	}
	csvFile := filepath.Join(dir, "events.csv")
	code, _, errs = runDyad(t, "", "export", "--db", db, "-o", csvFile, "--format", "csv")
	if data, err := os.ReadFile(csvFile); code != exitOK || err != nil || !strings.HasPrefix(string(data), "id,") {
		t.Errorf("export -o: exit %d, stderr %q, file: %v", code, errs, err)
	}
	for _, args := range [][]string{{"stats", "--db", db, "--format", "json"}, {"stats", "--db", db, "--json"}, {"stats", "--db", db, "-f", "json"}} {
		code, out, errs = runDyad(t, "", args...)
		var st struct{ Total int }
		if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil || st.Total == 0 {
			t.Errorf("%v: exit %d, stderr %q, output %q", args, code, errs, out)
		}
	}
	if code, _, errs = runDyad(t, "", "recode", "--db", db); code != exitOK || !strings.Contains(errs, "dyad recode: 1 documents") {
		t.Errorf("recode: exit %d, stderr %q", code, errs)
	}
	code, out, errs = runDyad(t, "", "dict", "lookup", "Prime Minister Zeine", "--date", "2024-05-19")
	if code != exitOK || !strings.Contains(out, "NER GOV") {
		t.Errorf("dict lookup PHRASE --date: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runDyad(t, "", "eval", "../../testdata/gold/articles", "--format", "json")
	if code != exitOK || !json.Valid([]byte(out)) {
		t.Errorf("eval DIR --format json: exit %d, stderr %q, output %.80q", code, errs, out)
	}
}

// Issue 17, item 18: the commands that work on a store, each with its
// bad inputs: the exit code tells a usage error (2) from a failure (1), and
// the message names what was wrong, once prefixed.
func TestStoreCommandsBadInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")
	notDB := writeFile(t, dir, "notes.db", []byte("these are my notes, not a database\n"))
	file := writeFile(t, dir, "file", []byte("x"))
	underFile := filepath.Join(file, "x.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ingest missing file", []string{"ingest", "--db", db, filepath.Join(dir, "nope.txt"), "--progress", "none"}, exitFailure, "nope.txt: no such file or directory"},
		{"ingest missing file, log", []string{"ingest", "--db", db, filepath.Join(dir, "nope.txt"), "--progress", "log"}, exitFailure, "nope.txt: no such file or directory"},
		{"ingest missing feed list", []string{"ingest", "--db", db, "--watch", filepath.Join(dir, "feeds.txt")}, exitFailure, "feeds.txt: no such file or directory"},
		{"ingest nothing", []string{"ingest", "--db", db}, exitUsage, "give paths or URLs"},
		{"ingest bad progress", []string{"ingest", "--db", db, example, "--progress", "loud"}, exitUsage, `--progress "loud"`},
		{"ingest bad duration", []string{"ingest", "--db", db, "--watch", "feeds.txt", "--every", "often"}, exitUsage, `"often" for "--every"`},
		{"ingest not a database", []string{"ingest", "--db", notDB, example}, exitFailure, "notes.db: file is not a database"},
		{"ingest unusable db path", []string{"ingest", "--db", underFile, example}, exitFailure, underFile},
		{"ingest bad flag", []string{"ingest", example, "--colour"}, exitUsage, "unknown flag: --colour"},
		{"ingest bad dict", []string{"ingest", "--db", db, "--dict", filepath.Join(dir, "nodicts"), example}, exitFailure, "nodicts"},

		{"query bad format", []string{"query", "--db", db, "--format", "xml"}, exitUsage, `--format "xml"`},
		{"query not a database", []string{"query", "--db", notDB}, exitFailure, "notes.db: file is not a database"},
		{"query unusable db path", []string{"query", "--db", underFile}, exitFailure, underFile},
		{"query argument", []string{"query", "--db", db, "USA"}, exitUsage, `unexpected argument "USA"`},
		{"query bad flag", []string{"query", "--db", db, "--colour"}, exitUsage, "unknown flag: --colour"},
		{"query bad limit", []string{"query", "--db", db, "--limit", "ten"}, exitUsage, `"ten" for "--limit"`},

		{"export bad format", []string{"export", "--db", db, "--format", "xlsx"}, exitUsage, `dyad export: unknown format "xlsx"`},
		{"export not a database", []string{"export", "--db", notDB, "-o", filepath.Join(dir, "out.csv")}, exitFailure, "notes.db: file is not a database"},
		{"export unwritable out", []string{"export", "--db", db, "-o", filepath.Join(file, "out.csv")}, exitFailure, "file"},
		{"export bad flag", []string{"export", "--db", db, "--colour"}, exitUsage, "unknown flag: --colour"},

		{"stats bad format", []string{"stats", "--db", db, "--format", "xml"}, exitUsage, `--format "xml": want table or json`},
		{"stats not a database", []string{"stats", "--db", notDB}, exitFailure, "notes.db: file is not a database"},
		{"stats argument", []string{"stats", "--db", db, "USA"}, exitUsage, `unexpected argument "USA"`},

		{"recode not a database", []string{"recode", "--db", notDB}, exitFailure, "notes.db: file is not a database"},
		{"recode argument", []string{"recode", "--db", db, "events.txt"}, exitUsage, `unexpected argument "events.txt"`},
		{"recode bad flag", []string{"recode", "--colour"}, exitUsage, "unknown flag: --colour"},

		{"serve not a database", []string{"serve", "--db", notDB, "--addr", "127.0.0.1:0"}, exitFailure, "notes.db: file is not a database"},
		{"serve bad address", []string{"serve", "--db", db, "--addr", "127.0.0.1:99999"}, exitFailure, "--addr 127.0.0.1:99999"},
		{"serve private without token", []string{"serve", "--db", db, "--private"}, exitUsage, "--private needs a token"},
		{"serve argument", []string{"serve", "--db", db, "8080"}, exitUsage, `unexpected argument "8080"`},
		{"serve bad duration", []string{"serve", "--db", db, "--timeout", "long"}, exitUsage, `"long" for "--timeout"`},

		{"eval missing file", []string{"eval", filepath.Join(dir, "nope.gold")}, exitFailure, "nope.gold: no such file or directory"},
		{"eval not gold", []string{"eval", file}, exitFailure, "dyad eval: " + file + ":1:"},
		{"eval bad format", []string{"eval", "--format", "xml", file}, exitUsage, `--format "xml"`},
		{"dict unknown subcommand", []string{"dict", "chek"}, exitUsage, `unknown subcommand "chek"`},
		{"dict check not a directory", []string{"dict", "check", file}, exitUsage, "not a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runDyad(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errs)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q lacks %q", errs, tc.want)
			}
			checkStderr(t, errs)
		})
	}
}

// Issue 17, item 12: "dyad dict check DIR" fails, naming file and lines,
// on the mistakes of a user's own file that were taken silently.
func TestDictCheckUsersOwnFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "countries.txt", []byte("NER: Niger\n  capitals: Niamey\nNER: Niger Republic\n  capitals: Niamey\n"))
	writeFile(t, dir, "events.txt", []byte("CONSULT | N | talk with $R\nCONSULT | N | talk with $R\nAGREE | V | accept the pr\xe9sident\n"))
	code, out, errs := runDyad(t, "", "dict", "check", dir)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	for _, want := range []string{
		`countries.txt:3: duplicate country "NER" (first at countries.txt:1)`,
		`events.txt:2: duplicate trigger "talk with $R" (first at events.txt:1)`,
		`events.txt:3: invalid UTF-8`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "dyad dict check: "+dir+": 3 problems") {
		t.Errorf("stderr %q", errs)
	}
}
