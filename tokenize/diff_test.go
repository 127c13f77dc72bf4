package tokenize

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameTokens checks that the tokenizer gives exactly the reference
// tokenizer's tokens, every field, for every span of s in spans.
func sameTokens(t *testing.T, s string, spans [][2]int) {
	t.Helper()
	for _, sp := range spans {
		got := (Tokenizer{}).Tokenize(nil, s, sp[0], sp[1])
		want := (refTokenizer{}).Tokenize(nil, s, sp[0], sp[1])
		if len(got) != len(want) {
			t.Fatalf("%q[%d:%d]: %d tokens, want %d\ngot  %+v\nwant %+v", s, sp[0], sp[1], len(got), len(want), got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q[%d:%d]: token %d = %+v, want %+v", s, sp[0], sp[1], i, got[i], want[i])
			}
		}
	}
}

// TestSameAsReference compares with the reference tokenizer on random
// strings over an alphabet of the bytes the rules look at, on every span
// end (so that runs read past the end are cut there).
func TestSameAsReference(t *testing.T) {
	const alphabet = "aaaaabcnstzAANSTZ09 -.,'/\n\t\"()$%\x00\x7f"
	extras := []string{"é", "É", "ß", "İ", "Ⓐ", "\xff", "\xe2\x80", "’", "ǅ", "Σ"}
	words := []string{"led", "n't", "N'T", "'s", "'S", "U.S.", "u.s", "1,000", "3.5", "24/7", "Hamas-led", "didn't", "DIDN'T", "O'Brien", "Niger's", "NATO's", "McCain", "ÉLYSÉE", "Côte", "d'Ivoire", "A.B.C", "the", "The", "THE", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQRSTU", "Abcdefghijklmnopqrstuvwxyz"}
	r := rand.New(rand.NewPCG(1, 2))
	n := 4000
	if testing.Short() {
		n = 500
	}
	for range n {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			switch r.IntN(4) {
			case 0:
				b.WriteString(words[r.IntN(len(words))])
			case 1:
				b.WriteString(extras[r.IntN(len(extras))])
			default:
				b.WriteByte(alphabet[r.IntN(len(alphabet))])
			}
		}
		s := b.String()
		var spans [][2]int
		for end := 0; end <= len(s); end++ {
			spans = append(spans, [2]int{0, end})
			if end > 0 {
				spans = append(spans, [2]int{r.IntN(end), end})
			}
		}
		sameTokens(t, s, spans)
	}
}

// TestSameOnArticles compares with the reference on the gold articles and
// examples, each sentence-sized piece of them.
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
		s := string(b)
		var spans [][2]int
		start := 0
		for i := 0; i < len(s); i++ {
			if s[i] == '.' || s[i] == '\n' || i-start > 300 {
				spans = append(spans, [2]int{start, i + 1})
				start = i + 1
			}
		}
		spans = append(spans, [2]int{start, len(s)}, [2]int{0, len(s)})
		sameTokens(t, s, spans)
	}
}

func FuzzSameAsReference(f *testing.F) {
	for _, s := range []string{"Niger's U.S. 1,000", "d'Ivoire n't DIDN'T", "\xff\xfe", "a-b-c.d", "NATO-led A.B. 'S x"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, start int) {
		if start < 0 || start > len(s) {
			start = 0
		}
		for end := start; end <= len(s); end++ {
			sameTokens(t, s, [][2]int{{start, end}})
		}
	})
}
