package ascii

import (
	"bytes"
	"strings"
	"testing"
)

// naive answers what Printable and Plain must answer, byte by byte.
func naive(s string, i int, special func(c byte) bool) int {
	for ; i < len(s); i++ {
		if special(s[i]) {
			return i
		}
	}
	return i
}

func printable(c byte) bool { return c < 0x20 || c >= 0x80 }
func plain(c byte) bool     { return c < 0x20 || c >= 0x80 || c == '"' || c == '\\' }
func html(c byte) bool      { return plain(c) || c == '<' || c == '>' || c == '&' }

func TestRuns(t *testing.T) {
	long := strings.Repeat("Niger and the US held talks ", 3)
	cases := []string{"", "a", "plain text only", long, long + "\n" + long, long + "\"quoted\"", long + `back\slash`,
		long + "Côte d'Ivoire", "\x00" + long, long + "\x1f", "tab\there", "\x7f\x80", strings.Repeat("x", 15) + "\x01"}
	// Every byte value at every position of windows of 1 to 20 bytes, which
	// the functions read in words, halves and single bytes.
	for c := 0; c < 256; c++ {
		for n := 1; n <= 20; n++ {
			for p := 0; p < n; p++ {
				b := []byte(strings.Repeat("y", n))
				b[p] = byte(c)
				cases = append(cases, string(b))
			}
		}
	}
	for _, s := range cases {
		checkCopy(t, s)
		for i := 0; i <= len(s); i++ {
			if got, want := Printable(s, i), naive(s, i, printable); got != want {
				t.Fatalf("Printable(%q, %d) = %d, want %d", s, i, got, want)
			}
			if got, want := Plain(s, i), naive(s, i, plain); got != want {
				t.Fatalf("Plain(%q, %d) = %d, want %d", s, i, got, want)
			}
			if got, want := Plain([]byte(s), i), naive(s, i, plain); got != want {
				t.Fatalf("Plain([]byte(%q), %d) = %d, want %d", s, i, got, want)
			}
			if got, want := PlainHTML(s, i), naive(s, i, html); got != want {
				t.Fatalf("PlainHTML(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

func FuzzRuns(f *testing.F) {
	f.Add("Niger and the US held talks \"in\" Niamey\n", 3)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		if got, want := Printable(s, i), naive(s, i, printable); got != want {
			t.Fatalf("Printable(%q, %d) = %d, want %d", s, i, got, want)
		}
		if got, want := Plain(s, i), naive(s, i, plain); got != want {
			t.Fatalf("Plain(%q, %d) = %d, want %d", s, i, got, want)
		}
		if got, want := PlainHTML(s, i), naive(s, i, html); got != want {
			t.Fatalf("PlainHTML(%q, %d) = %d, want %d", s, i, got, want)
		}
		checkCopy(t, s)
	})
}

// checkCopy checks CopyPlainHTML against PlainHTML, copying s to slices
// as long as s and longer.
func checkCopy(t *testing.T, s string) {
	t.Helper()
	plain := PlainHTML(s, 0) == len(s)
	for _, extra := range []int{0, 1, 8} {
		dst := bytes.Repeat([]byte{'#'}, len(s)+extra)
		if got := CopyPlainHTML(dst, s); got != plain {
			t.Fatalf("CopyPlainHTML(%q) reports %v, want %v", s, got, plain)
		}
		if plain && (string(dst[:len(s)]) != s || !bytes.Equal(dst[len(s):], bytes.Repeat([]byte{'#'}, extra))) {
			t.Fatalf("CopyPlainHTML(%q) wrote %q", s, dst)
		}
	}
}
