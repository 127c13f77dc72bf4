package segment

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func sameSpans(t *testing.T, s string) {
	t.Helper()
	got := Split(nil, s)
	want := refSplit(nil, s)
	if !slices.Equal(got, want) {
		t.Fatalf("%q:\ngot  %v\nwant %v", s, got, want)
	}
}

// TestSameAsReference compares with the reference segmenter on random
// texts of the pieces its rules look at.
func TestSameAsReference(t *testing.T) {
	pieces := []string{
		"a", "Z", " ", "  ", "\n", "\n\n", "\r", "\t", ".", "!", "?", "...", "?!", "\"", "'", ")", "]", "(", "[", "é", "\xff",
		"Mr.", "MR.", "Gen.", "gen.", "Sept.", "No.", "approx.", "messrs.", "Messrs.", "U.S.", "U.N.", "J.", "j.", "St", "etc.",
		"The", "the", "He", "However", "Officials", "It", "1", "2024", "said", "word", "abbreviationss.", "x.y", "(U.S.",
	}
	r := rand.New(rand.NewPCG(7, 8))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	for range n {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		sameSpans(t, b.String())
	}
}

func TestSameOnArticles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/gold/articles/*")
	more, _ := filepath.Glob("../examples/*.txt")
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no articles")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameSpans(t, string(b))
	}
}

func FuzzSameAsReference(f *testing.F) {
	for _, s := range []string{"Gen. Tiani met U.S. officials. The talks ended!", "No. 10\n\nHeadline\nlower", "\"Go.\" (Reuters)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameSpans(t, s) })
}
