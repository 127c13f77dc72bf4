package normalize

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameText checks that NormalizeBuf gives the reference's text and offset
// map for src, with and without the debris rules.
func sameText(t *testing.T, src string) {
	t.Helper()
	for _, keep := range []bool{false, true} {
		n := Normalizer{KeepDebris: keep}
		var buf, rbuf Buffer
		got := n.NormalizeBuf(&buf, src)
		want := refNormalizeBuf(n, &rbuf, src)
		if got.S != want.S || !slices.Equal(got.orig, want.orig) {
			t.Fatalf("KeepDebris %v, %q:\ngot  %q %v\nwant %q %v", keep, src, got.S, got.orig, want.S, want.orig)
		}
	}
}

// TestSameAsReference compares with the reference on random texts made of
// the characters and lines the rules look at.
func TestSameAsReference(t *testing.T) {
	pieces := []string{
		"a", "Z", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\f", "\v", "\x00", "\x01", "\x7f", "\x80", "\xff", "\xe2\x80",
		"’", "“", "”", "—", "–", "…", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u2028", "é", "ſ", "\u212a", "©",
		"Photo: ", "PHOTO CREDIT", "read more", "Read More:", "ſee also:", "See also:", "Advertisement", "click here",
		"NIAMEY, May 19 (Reuters) - ", "NIAMEY, May 19 - ", "LAGOS (AFP) -- ", " (Reuters)", " (Agence France Presse)",
		"Mali expels envoy", "The army left. ", "said.", "(AP)", "1,000", "plain words in a row ",
	}
	r := rand.New(rand.NewPCG(5, 6))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for k := r.IntN(30); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		sameText(t, s)
		// A headline printed twice.
		if len(s) < 200 && !strings.Contains(s, "\n") {
			sameText(t, s+" "+s+"\n\nNext.")
		}
	}
}

// TestSameOnArticles compares with the reference on the gold articles and
// examples.
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
		sameText(t, string(b))
	}
}

func FuzzSameAsReference(f *testing.F) {
	for _, s := range []string{"Niger’s “junta” said — again…", "Photo: x\nNIAMEY, May 19 (Reuters) - Talks.", "\xff\r\n\x00©"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameText(t, s) })
}
