package normalize

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

func TestNormalizeMapsCharactersAndKeepsOffsets(t *testing.T) {
	src := "Niger’s “junta” said — again… it’s over."
	got := Normalizer{}.Normalize(src)
	want := "Niger's \"junta\" said - again... it's over."
	if got.S != want {
		t.Fatalf("S = %q, want %q", got.S, want)
	}
	// Every normalised word maps back to the same word in the original.
	for _, w := range []string{"junta", "said", "again", "over"} {
		i := strings.Index(got.S, w)
		a, b := got.Span(i, i+len(w))
		if src[a:b] != w {
			t.Errorf("span of %q maps to %q", w, src[a:b])
		}
	}
	// A typographic apostrophe maps to its whole three bytes.
	i := strings.IndexByte(got.S, '\'')
	a, b := got.Span(i, i+1)
	if src[a:b] != "’" {
		t.Errorf("apostrophe maps to %q", src[a:b])
	}
}

func TestDebris(t *testing.T) {
	tests := []struct {
		name, in string
		gone     []string
		kept     []string
	}{
		{"photo credit", "Troops leave the base © Reuters / @army_news\n\nThe army left.", []string{"Reuters", "@army_news"}, []string{"Troops leave the base", "The army left."}},
		{"repeated headline", "Mali expels envoy over remarks Mali expels envoy over remarks\n\nMali expelled the envoy.", []string{"expels envoy over remarks"}, []string{"Mali expelled the envoy."}},
		{"agency tag at the end", "Talks resumed on Monday. (Reuters)", []string{"(Reuters)"}, []string{"Talks resumed on Monday."}},
		{"dateline", "NIAMEY, May 19 (Reuters) - Niger and the US agreed on a plan.", []string{"NIAMEY", "(Reuters)"}, []string{"Niger and the US agreed on a plan."}},
		{"read more", "The talks ended.\nRead more: Why the talks failed\nBoth sides left.", []string{"Why the talks failed"}, []string{"The talks ended.", "Both sides left."}},
		{"brackets mid-text are content", "It posted on X (formerly Twitter) a statement.", nil, []string{"(formerly Twitter)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Normalizer{}.Normalize(tc.in)
			if len(got.S) != len(tc.in) {
				t.Fatalf("length changed: %d != %d", len(got.S), len(tc.in))
			}
			for _, g := range tc.gone {
				if strings.Contains(got.S, g) {
					t.Errorf("%q still in %q", g, got.S)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(got.S, k) {
					t.Errorf("%q lost from %q", k, got.S)
				}
			}
		})
	}
}

func TestInvalidUTF8BecomesSpace(t *testing.T) {
	got := Normalizer{}.Normalize("a\xffb")
	if got.S != "a b" {
		t.Fatalf("got %q", got.S)
	}
}

func ExampleNormalizer_Normalize() {
	t := Normalizer{}.Normalize("The “deal” — signed.")
	a, b := t.Span(5, 9)
	fmt.Println(t.S)
	fmt.Println(a, b)
	// Output:
	// The "deal" - signed.
	// 7 11
}

func TestDatelineWithoutAgency(t *testing.T) {
	got := Normalizer{}.Normalize("NIAMEY, May 19 - The US will leave.")
	if strings.Contains(got.S, "NIAMEY") || !strings.Contains(got.S, "The US will leave.") {
		t.Errorf("got %q", got.S)
	}
	kept := Normalizer{}.Normalize("US, France - and others - agreed.")
	if !strings.Contains(kept.S, "US, France") {
		t.Errorf("a sentence was taken for a dateline: %q", kept.S)
	}
}

// A Buffer reused across texts of different lengths and debris gives each
// the same Text as a fresh Normalize, and an earlier S stays intact.
func TestNormalizeBufReuse(t *testing.T) {
	texts := []string{
		"NIAMEY, May 19 (Reuters) - Niger’s junta said… it is over. (AFP)",
		"Short.",
		"Troops leave the base © Reuters / @army_news\n\nThe army left — quickly.",
		"",
		"Mali expels envoy over remarks Mali expels envoy over remarks\n\nMali expelled the envoy.",
	}
	var buf Buffer
	var prev []string
	for _, src := range texts {
		want := Normalizer{}.Normalize(src)
		got := Normalizer{}.NormalizeBuf(&buf, src)
		if got.S != want.S {
			t.Errorf("NormalizeBuf(%q).S = %q, want %q", src, got.S, want.S)
		}
		for i := 0; i <= len(got.S); i++ {
			if got.Orig(i) != want.Orig(i) {
				t.Errorf("NormalizeBuf(%q).Orig(%d) = %d, want %d", src, i, got.Orig(i), want.Orig(i))
				break
			}
		}
		prev = append(prev, got.S)
	}
	for i, src := range texts {
		if want := (Normalizer{}).Normalize(src).S; prev[i] != want {
			t.Errorf("S of text %d changed after the buffer was reused: %q, want %q", i, prev[i], want)
		}
	}
}

// Text that needs no change comes back as the very string given, not a
// copy: most news copy is plain, and the copy was nearly a third of what
// coding a document allocated.
func TestUnchangedTextIsNotCopied(t *testing.T) {
	var buf Buffer
	for _, tc := range []struct {
		src  string
		same bool
	}{
		{"Niger's junta said it is over.\n\nTroops left.", true},
		{"Niger’s junta said it is over.", false},
		{"NIAMEY, May 19 (Reuters) - The talks ended.", false},
	} {
		got := Normalizer{}.NormalizeBuf(&buf, tc.src)
		if same := unsafe.StringData(got.S) == unsafe.StringData(tc.src); same != tc.same {
			t.Errorf("NormalizeBuf(%q): S shares the source's bytes: %v, want %v", tc.src, same, tc.same)
		}
	}
}

// For any input, the offset map runs forward within the original, every
// ASCII letter or digit left in S is the byte it maps to, and the reused
// buffer gives the same text as a fresh call.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Niger’s “junta” said — again… it’s over.",
		"NIAMEY, May 19 (Reuters) - The talks ended.\n\nPhoto: © AFP / @handle\n",
		"bad \xff\xfe utf-8 \u2028 line",
		"",
	} {
		f.Add(s)
	}
	var buf Buffer
	f.Fuzz(func(t *testing.T, src string) {
		got := Normalizer{}.Normalize(src)
		again := Normalizer{}.NormalizeBuf(&buf, src)
		if again.S != got.S {
			t.Fatalf("NormalizeBuf = %q, Normalize = %q", again.S, got.S)
		}
		prev := 0
		for i := 0; i <= len(got.S); i++ {
			o := got.Orig(i)
			if o < prev || o > len(src) {
				t.Fatalf("Orig(%d) = %d after %d (original of %d bytes)", i, o, prev, len(src))
			}
			prev = o
			if i < len(got.S) {
				if c := got.S[i]; ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') && src[o] != c {
					t.Fatalf("S[%d] = %q maps to %q", i, c, src[o])
				}
			}
		}
	})
}
