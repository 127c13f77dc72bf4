package ourwords

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestShared(t *testing.T) {
	const source = "The council will close its border with the neighbour by the end of June, the minister said on Friday."
	tests := []struct {
		name string
		text string
		want []Run
	}{
		{"unrelated", "Rain fell on the hills all week and the river rose.", nil},
		{"seven words are not a run", "Now the council will close its border with them.", nil},
		{
			"a copy found across case, punctuation and lines",
			"Notes.\nTHE council will close its\nborder, with the neighbour -- by May.",
			[]Run{{Line: 2, Words: 10, Text: "the council will close its border with the neighbour by"}},
		},
		{
			"a copy with a word changed is still found, in two runs",
			"The council will close its border with the neighbor by the end of June, the minister said on Friday.",
			[]Run{
				{Line: 1, Words: 8, Text: "the council will close its border with the"},
				{Line: 1, Words: 10, Text: "by the end of june the minister said on friday"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shared(source, tt.text, 8)
			if len(got) != len(tt.want) {
				t.Fatalf("Shared = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("run %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := Words("They’ve said\nit's 15,000 — O'Neil's.")
	want := []Word{{"theyve", 1}, {"said", 1}, {"its", 2}, {"15", 2}, {"000", 2}, {"oneils", 2}}
	if len(got) != len(want) {
		t.Fatalf("Words = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("word %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestNoSeedText fails if a file in the repository shares eight or more
// words in a row with an article in ../shared/seed: those articles are
// third-party text, to try dyad on, never to copy into it.
func TestNoSeedText(t *testing.T) {
	const runLength = 8
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob(filepath.Join(root, "..", "shared", "seed", "*.txt"))
	if len(seeds) == 0 {
		t.Skip("no ../shared/seed/*.txt next to the repository")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	for _, seed := range seeds {
		source, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			text, err := os.ReadFile(filepath.Join(root, f))
			if err != nil {
				continue // deleted in the working tree, or not a plain file
			}
			if bytes.IndexByte(text, 0) >= 0 {
				continue // binary
			}
			for _, r := range Shared(string(source), string(text), runLength) {
				t.Errorf("%s:%d: %d words in a row from %s: %q", f, r.Line, r.Words, filepath.Base(seed), r.Text)
			}
		}
	}
}
