package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/document"
)

// Every prefix of a sentence, cut at a word with no full stop after it,
// is coded without a panic: the grammar's look-ahead reads past the last
// token nowhere. (Headlines, captions and cut-off feeds end that way.)
func TestSentencePrefixesDoNotPanic(t *testing.T) {
	c := testCoder(t)
	files, _ := filepath.Glob("../testdata/constructions/*.gold")
	if len(files) == 0 {
		t.Skip("no catalogue")
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if i == 0 || lines[i-1] != "text:" {
				continue
			}
			words := strings.Fields(l)
			for k := 1; k <= len(words); k++ {
				text := strings.TrimRight(strings.Join(words[:k], " "), ".")
				n++
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s:%d: coding %q panicked: %v", f, i+1, text, r)
						}
					}()
					if _, err := c.Code(document.Document{ID: "p", Date: pub, Text: text}); err != nil && err != ErrNotText {
						t.Errorf("coding %q: %v", text, err)
					}
				}()
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d prefixes coded", n)
	}
}
