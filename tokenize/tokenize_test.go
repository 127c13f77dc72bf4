package tokenize

import (
	"fmt"
	"strings"
	"testing"
)

func texts(s string) []string {
	var out []string
	for _, t := range (Tokenizer{}).Tokenize(nil, s, 0, len(s)) {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Niger's army", []string{"Niger", "'s", "army"}},
		{"didn't withdraw", []string{"did", "n't", "withdraw"}},
		{"the U.S. and U.N.", []string{"the", "U.S.", "and", "U.N."}},
		{"1,000 troops and 3.5%", []string{"1,000", "troops", "and", "3.5", "%"}},
		{"al-Qaeda's West-African cell", []string{"al-Qaeda", "'s", "West-African", "cell"}},
		{"Côte d'Ivoire", []string{"Côte", "d'Ivoire"}},
		{"Hamas-led militants, a state-led ledger", []string{"Hamas", "-", "led", "militants", ",", "a", "state-led", "ledger"}},
		{"Iran-backed militias, Kremlin-aligned forces, a well-armed gang", []string{"Iran", "-", "backed", "militias", ",", "Kremlin", "-", "aligned", "forces", ",", "a", "well-armed", "gang"}},
		{"$100-million base (2016).", []string{"$", "100-million", "base", "(", "2016", ")", "."}},
		{"\"We left,\" he said", []string{"\"", "We", "left", ",", "\"", "he", "said"}},
		{"2024-09-15", []string{"2024-09-15"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := texts(tc.in)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOffsetsAndCase(t *testing.T) {
	s := "  NATO warned US troops"
	toks := (Tokenizer{}).Tokenize(nil, s, 0, len(s))
	for _, tk := range toks {
		if s[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q has span %q", tk.Text, s[tk.Start:tk.End])
		}
	}
	if !toks[0].Upper || !toks[0].Cap || toks[0].Lower != "nato" {
		t.Errorf("NATO: %+v", toks[0])
	}
	if toks[1].Cap {
		t.Errorf("warned marked capitalised")
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Niger's U.S. 1,000", "d'Ivoire n't", "\xff\xfe", "a-b-c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range (Tokenizer{}).Tokenize(nil, s, 0, len(s)) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) || s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.End
		}
	})
}

func ExampleTokenizer_Tokenize() {
	s := "Niger's U.S. ties didn't last."
	for _, t := range (Tokenizer{}).Tokenize(nil, s, 0, len(s)) {
		fmt.Print(t.Text, "|")
	}
	fmt.Println()
	// Output:
	// Niger|'s|U.S.|ties|did|n't|last|.|
}

// Every token's Lower is its text lower-cased, whatever mix of capitalised,
// upper-case, non-ASCII and plain words a sentence has, and stays so after
// the next sentence is tokenised.
func TestLowerForms(t *testing.T) {
	var tok Tokenizer
	texts := []string{
		"The U.S. and NIGER's Junta met in Niamey; Côte d'Ivoire's ÉLYSÉE didn't.",
		"Ministers of İstanbul and ÆTHER spoke to AFP about the ECOWAS summit.",
		"plain words only here",
	}
	var all []Token
	for _, s := range texts {
		toks := tok.Tokenize(nil, s, 0, len(s))
		for _, tk := range toks {
			if want := strings.ToLower(tk.Text); tk.Lower != want {
				t.Errorf("Lower of %q = %q, want %q", tk.Text, tk.Lower, want)
			}
		}
		all = append(all, toks...)
	}
	for _, tk := range all {
		if want := strings.ToLower(tk.Text); tk.Lower != want {
			t.Errorf("after more sentences, Lower of %q = %q, want %q", tk.Text, tk.Lower, want)
		}
	}
}
