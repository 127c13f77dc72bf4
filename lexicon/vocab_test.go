package lexicon

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"dyad/tokenize"
)

func vocabTokens(t testing.TB, text string) []tokenize.Token {
	t.Helper()
	var tk tokenize.Tokenizer
	return tk.Tokenize(nil, text, 0, len(text))
}

// TestAnnotateConcurrent annotates from several goroutines while the
// remembered forms are published, and checks every Word against one
// computed afresh.
func TestAnnotateConcurrent(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	v := NewVocab(lx)
	for _, w := range []string{"agree", "expel", "talk", "protest", "boycott"} {
		v.AddWord(w)
	}
	for _, w := range []string{"mali", "france", "niger"} {
		v.AddName(w)
	}
	var sb strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&sb, "Mali agreed to talks%d with France, and protesters boycotted word%d; ", i%50, i)
	}
	toks := vocabTokens(t, sb.String())
	want := make([]Word, len(toks))
	for i := range toks {
		want[i] = v.word(&toks[i])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 3 {
				// Sentence-sized slices, in a different order on each goroutine.
				for k := 0; k < len(toks); k += 25 {
					start := (k + g*997 + round*131) % len(toks)
					end := min(start+25, len(toks))
					got := v.Annotate(nil, toks[start:end])
					for i, w := range got {
						if w != want[start+i] {
							t.Errorf("token %q: %+v, want %+v", toks[start+i].Lower, w, want[start+i])
							return
						}
					}
				}
			}
		})
	}
	wg.Wait()
	if m := v.known.Load(); m.len() < minPublish {
		t.Errorf("forms were not published")
	}
}

// TestAnnotateSeesNewWords checks that a word added after text was
// annotated is not hidden by a remembered Word.
func TestAnnotateSeesNewWords(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	toks := vocabTokens(t, "Niamey sanctioned")
	for range 2 * minPublish {
		v.Annotate(nil, toks)
	}
	if w := v.Annotate(nil, toks); w[0].Name != 0 || w[1].Stem != 0 {
		t.Fatalf("unknown words have ids: %+v", w)
	}
	name, stem := v.AddName("niamey"), v.AddWord("sanction")
	if w := v.Annotate(nil, toks); w[0].Name != name || w[1].Stem != stem {
		t.Errorf("after adding: %+v, want name %d, stem %d", w, name, stem)
	}
}

// TestAnnotateFirstWordWins keeps the Word first computed for a form, as
// the cache before did: a form that is punctuation once keeps no stem.
func TestAnnotateFirstWordWins(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	v.AddWord("said")
	p := tokenize.Token{Lower: "said", Kind: tokenize.Punct}
	w := tokenize.Token{Lower: "said", Kind: tokenize.Word}
	first := v.Annotate(nil, []tokenize.Token{p})[0]
	if got := v.Annotate(nil, []tokenize.Token{w})[0]; got != first {
		t.Errorf("got %+v, want the first %+v", got, first)
	}
}

// One-byte tokens, read from their own table, get the Words that the
// general path gives them, before and after the vocabulary grows.
func TestAnnotateOneByteForms(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	v.AddName(",")
	v.AddWord("a")
	s := `A man, a plan ( 1 ) $ I "x" - a.`
	check := func() {
		toks := tokenize.Tokenizer{}.Tokenize(nil, s, 0, len(s))
		got := v.Annotate(nil, toks)
		for i := range toks {
			if want := v.word(&toks[i]); got[i] != want {
				t.Errorf("Annotate(%q) = %+v, want %+v", toks[i].Text, got[i], want)
			}
		}
	}
	check()
	v.AddName("i")
	v.AddName("(")
	check()
}

// Marks set on an id show in the Words of tokens with that name or stem;
// a vocabulary hands out 32 marks, then 0.
func TestMarks(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	m1, m2 := v.NewMark(), v.NewMark()
	v.SetMark(v.AddName("niger"), m1)
	v.SetMark(v.AddWord("withdraw"), m2)
	s := "Niger said troops withdrew"
	toks := tokenize.Tokenizer{}.Tokenize(nil, s, 0, len(s))
	ws := v.Annotate(nil, toks)
	for i, want := range []Mark{m1, 0, 0, m2} {
		if ws[i].Marks != want {
			t.Errorf("Marks of %q = %b, want %b", toks[i].Text, ws[i].Marks, want)
		}
	}
	n := 2
	for v.NewMark() != 0 {
		n++
	}
	if n != 32 {
		t.Errorf("%d marks handed out, want 32", n)
	}
}

// Forms remembered in the cache, short (packed) and long, come back as the
// Words the general path gives, and two forms never share an entry.
func TestCacheKeys(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	v.AddWord("withdraw")
	v.AddName("withdrawn")
	forms := []string{"withdraw", "withdrawn", "withdraws", "agreement", "ab", "ba", "a\x00", "a\x00\x00", "aaaaaaaa", "aaaaaaaaa"}
	var toks []tokenize.Token
	for _, f := range forms {
		toks = append(toks, tokenize.Token{Text: f, Lower: f, Kind: tokenize.Word})
	}
	// Enough lookups to publish the cache, then read from it.
	for range 2 * minPublish / len(forms) {
		v.Annotate(nil, toks)
	}
	c := v.known.Load()
	if c.len() == 0 {
		t.Fatal("nothing published")
	}
	for i, w := range v.Annotate(nil, toks) {
		if want := v.word(&toks[i]); w != want {
			t.Errorf("Annotate(%q) = %+v, want %+v", forms[i], w, want)
		}
		if got, ok := c.get(forms[i]); ok && got != v.word(&toks[i]) {
			t.Errorf("cache has %q as %+v", forms[i], got)
		}
	}
}

// A Recent gives the Words the shared cache gives, and is emptied when the
// vocabulary changes.
func TestAnnotateRecent(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	v.AddWord("withdraw")
	s := "The troops withdrew ; Niger withdraws , the troops withdraw and withdrawing troops left Niger"
	toks := tokenize.Tokenizer{}.Tokenize(nil, s, 0, len(s))
	var r Recent
	check := func() {
		for range 3 {
			got := v.AnnotateRecent(nil, toks, &r)
			want := v.Annotate(nil, toks)
			for i := range toks {
				if got[i] != want[i] || got[i] != v.word(&toks[i]) {
					t.Fatalf("AnnotateRecent(%q) = %+v, Annotate %+v, word %+v", toks[i].Text, got[i], want[i], v.word(&toks[i]))
				}
			}
		}
	}
	check()
	v.AddName("niger")
	v.SetMark(v.NameID("niger"), v.NewMark())
	check()
}

// MarkWords marks the tokens whose lemma is one of its words, in any form.
func TestMarkWords(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	m := v.MarkWords("withdraw", "talk")
	if m == 0 {
		t.Fatal("no mark")
	}
	toks := (tokenize.Tokenizer{}).Tokenize(nil, "They withdrew after talks and will talk again", 0, 44)
	marked := map[string]bool{}
	for i, w := range v.Annotate(nil, toks) {
		if w.Marks&m != 0 {
			marked[toks[i].Text] = true
		}
	}
	for _, want := range []string{"withdrew", "talks", "talk"} {
		if !marked[want] {
			t.Errorf("%q not marked", want)
		}
	}
	for _, not := range []string{"They", "after", "and", "again"} {
		if marked[not] {
			t.Errorf("%q marked", not)
		}
	}
}

// A dictionary that writes a doubled-consonant form ("cancelled", as a
// word list of the grammar does) and one that writes the base ("cancel",
// as a trigger does) name one word, whichever comes first, and the text's
// "cancelled" and "canceled" are that word.
func TestDoubledConsonantFormsAreOneWord(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, order := range [][2]string{{"cancelled", "cancel"}, {"cancel", "cancelled"}} {
		v := NewVocab(lx)
		a, b := v.AddWord(order[0]), v.AddWord(order[1])
		if a != b {
			t.Errorf("%q and %q added in this order are two words (%d, %d)", order[0], order[1], a, b)
		}
		for _, form := range []string{"cancelled", "canceled", "cancelling", "cancel"} {
			toks := vocabTokens(t, form)
			if w := v.word(&toks[0]); w.Stem != a {
				t.Errorf("after adding %q then %q, the text's %q is word %d, want %d", order[0], order[1], form, w.Stem, a)
			}
		}
	}
}
