package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runDyad runs a dyad command line in-process.
func runDyad(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(env{args: args, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCodeExampleJSONL(t *testing.T) {
	code, out, errs := runDyad(t, "", "code", "--format", "jsonl", "../../examples/us-niger-withdrawal.txt")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 8 {
		t.Fatalf("only %d events", len(lines))
	}
	src, _ := os.ReadFile("../../examples/us-niger-withdrawal.txt")
	for _, l := range lines {
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		for _, k := range []string{"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_scale", "event_text", "text", "text_info", "cite_info", "doc_id", "date_precision", "cameo", "rule"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("field %q missing in %s", k, l)
			}
		}
		// The evidence offsets point at the sentence in the original file.
		ti := ev["text_info"].(map[string]any)
		start, end := int(ti["start"].(float64)), int(ti["end"].(float64))
		_, body, _ := strings.Cut(string(src), "\n\n")
		if body[start:end] != ev["text"].(string) {
			t.Errorf("text_info [%d:%d] is %q, text is %q", start, end, body[start:end], ev["text"])
		}
	}
}

func TestCodeBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte("Date: 2024-05-19\n\nKenyan police arrested 20 opposition supporters in Nairobi on Tuesday.\n"))
	tests := []struct {
		name    string
		args    []string
		stdin   string
		code    int
		stderr  string
		outputs int // events expected on stdout
	}{
		{"missing file", []string{"code", "--format", "jsonl", filepath.Join(dir, "nope.txt"), good}, "", exitFailure, "nope.txt: cannot open: no such file or directory", 1},
		{"empty file", []string{"code", "--format", "jsonl", writeFile(t, dir, "empty.txt", nil), good}, "", exitFailure, "empty.txt: no text to code", 1},
		{"binary file", []string{"code", "--format", "jsonl", writeFile(t, dir, "bin.dat", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0}), good}, "", exitFailure, "bin.dat: text is not readable as English news: it contains NUL bytes (binary data?)", 1},
		{"invalid UTF-8", []string{"code", "--format", "jsonl", writeFile(t, dir, "latin1.txt", []byte("Le pr\xe9sident a parl\xe9.")), good}, "", exitFailure, "latin1.txt: invalid UTF-8 at byte 5; convert the file to UTF-8", 1},
		{"non-English", []string{"code", "--format", "jsonl", writeFile(t, dir, "fr.txt", []byte(strings.Repeat("Le gouvernement nigérien a dénoncé vendredi l'accord militaire avec Washington. ", 8))), good}, "", exitFailure, "fr.txt: text is not readable as English news", 1},
		{"unknown flag", []string{"code", "--colour", good}, "", exitUsage, "unknown flag: --colour", 0},
		{"no input", []string{"code"}, "", exitUsage, "no input", 0},
		{"bad date flag", []string{"code", "--date", "19/05/2024", good}, "", exitUsage, "--date \"19/05/2024\": want YYYY-MM-DD", 0},
		{"unknown command", []string{"cod"}, "", exitUsage, "unknown command \"cod\"", 0},
		{"stdin with date", []string{"code", "--format", "jsonl", "--date", "2024-05-19", "-"}, "Russian troops shelled Kharkiv on Sunday.", exitOK, "", 1},
		{"malformed JSON lines", []string{"code", "--in", "jsonl", "--format", "jsonl", "-"},
			"{\"id\":\"a\",\"text\":\"Kenyan police arrested 20 opposition supporters.\",\"date\":\"2024-05-19\"}\n{broken\n{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"c\",\"text\":\"Moscow condemned the decision.\",\"date\":\"2024-05-19\"}\n",
			exitFailure, "stdin: line 2: not a JSON object", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runDyad(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errs)
			}
			if !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr %q lacks %q", errs, tc.stderr)
			}
			n := 0
			if s := strings.TrimSpace(out); s != "" {
				n = len(strings.Split(s, "\n"))
			}
			if n != tc.outputs {
				t.Errorf("%d events on stdout, want %d:\n%s", n, tc.outputs, out)
			}
		})
	}
}

func TestCodeHugeSingleLine(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input")
	}
	dir := t.TempDir()
	line := strings.Repeat("Protesters marched in the capital and police watched ", 1_000_000)[:50<<20]
	big := writeFile(t, dir, "big.txt", []byte(line))
	code, _, errs := runDyad(t, "", "code", "--format", "jsonl", "--date", "2024-05-19", big)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
}

func TestCodeHTML(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><html><head><title>Talks</title><meta property="article:published_time" content="2024-05-19T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Talks end</h1><p>Russian and Ukrainian officials held talks in Istanbul on Sunday.</p><p>The Kremlin praised the Turkish hosts.</p></article><footer>(c) Outlet</footer></body></html>`
	p := writeFile(t, dir, "page.html", []byte(page))
	code, out, errs := runDyad(t, "", "code", "--format", "csv", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "CONSULT") {
		t.Errorf("no CONSULT event from the page:\n%s", out)
	}
}

func TestExplainNamesTheRule(t *testing.T) {
	code, out, _ := runDyad(t, "France and Germany agreed to expand defence cooperation.", "code", "--explain", "--date", "2024-05-19", "-")
	if code != exitOK || !strings.Contains(out, "rule events.txt:") || !strings.Contains(out, `actor       FRA`) {
		t.Errorf("explain output:\n%s", out)
	}
}

func TestCameoOntology(t *testing.T) {
	code, out, _ := runDyad(t, "China threatened to impose sanctions on Lithuania.", "code", "--ontology", "cameo", "--date", "2024-05-19", "-")
	if code != exitOK || !strings.HasPrefix(out, "20240519\tCHN\tLTU\t13") {
		t.Errorf("cameo output: %q", out)
	}
}

func TestDictCheckAndLookup(t *testing.T) {
	code, out, _ := runDyad(t, "", "dict", "check")
	if code != exitOK || !strings.Contains(out, "ok:") {
		t.Errorf("dict check: %d %s", code, out)
	}
	code, out, _ = runDyad(t, "", "dict", "check", "--alone", "../../dict/testdata/broken")
	if code != exitFailure || !strings.Contains(out, "dict: events.txt:2: unknown category \"AGRE\"") {
		t.Errorf("dict check broken: %d %s", code, out)
	}
	code, out, _ = runDyad(t, "", "dict", "lookup", "--date", "2024-05-19", "Prime Minister Zeine")
	if code != exitOK || !strings.Contains(out, "NER GOV = Ali Mahamane Lamine Zeine, Prime Minister") {
		t.Errorf("lookup: %s", out)
	}
	code, out, _ = runDyad(t, "", "dict", "lookup", "--date", "2023-09-01", "Bazoum")
	if code != exitOK || !strings.Contains(out, "NER ELI") {
		t.Errorf("lookup after the coup: %s", out)
	}
}

func TestUserDictionaryOverlay(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "people.txt", []byte("Jane Roe; Roe | KEN | OPP | Opposition leader | | \n"))
	code, out, errs := runDyad(t, "Roe condemned the arrests.", "code", "--dict", dir, "--format", "csv", "--date", "2024-05-19", "-")
	if code != exitOK || !strings.Contains(out, "KEN OPP") {
		t.Errorf("overlay not used: %d %s %s", code, out, errs)
	}
}

func TestCodeCPUProfile(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, errs := runDyad(t, "", "code", "--format", "jsonl", "--cpuprofile", prof, "../../examples/us-niger-withdrawal.txt")
	if code != exitOK || out == "" {
		t.Fatalf("exit %d, %d bytes out: %s", code, len(out), errs)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
	code, _, errs = runDyad(t, "", "code", "--cpuprofile", filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof"), "../../examples/us-niger-withdrawal.txt")
	if code == exitOK || !strings.Contains(errs, "--cpuprofile") {
		t.Errorf("unwritable profile: exit %d, %q", code, errs)
	}
}

// --tagger codes with the part-of-speech tagger: a noun a verb trigger
// could read ("talks") is left to the noun reading.
func TestCodeTagger(t *testing.T) {
	text := "Date: 2025-03-09\n\nKenyan and Somali officials held talks in Nairobi on Sunday.\n"
	code, out, errs := runDyad(t, text, "code", "--tagger", "--format", "table", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "CONSULT") || !strings.Contains(out, "KEN") {
		t.Errorf("output %q, want the Kenyan and Somali talks", out)
	}
}
