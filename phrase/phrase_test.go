package phrase

import (
	"fmt"
	"testing"

	"dyad/dict"
	"dyad/lexicon"
	"dyad/tokenize"
)

func sentence(t testing.TB, v *lexicon.Vocab, s string) *Sentence {
	toks := (tokenize.Tokenizer{}).Tokenize(nil, s, 0, len(s))
	return &Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
}

func compileAll(t testing.TB, v *lexicon.Vocab, pats ...string) []Pattern {
	var ps []Pattern
	for _, p := range pats {
		items, err := dict.ParsePattern(p)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, Compile(v, items))
	}
	return ps
}

// slotsAt treats every capitalised token as a one-token mention.
type slotsAt struct{ s *Sentence }

func (x slotsAt) MentionAt(i int) (int, bool) {
	if i < len(x.s.Toks) && x.s.Toks[i].Cap {
		return i + 1, true
	}
	return 0, false
}

func TestTrieMatches(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	ps := compileAll(t, v, "withdraw * troop|force from $R", "withdraw", "US", "Niger", "talk between $A and $A", "lift sanction? on $R", "teacher * strike")
	tr := NewTrie(ps)
	tests := []struct {
		text  string
		at    int
		want  string // pattern:end, longest first
		slots string
	}{
		{"they withdrew all their forces from Mali", 1, "[0:7 1:2]", "[{82 6 7}]"},
		{"the US left", 1, "[2:2]", "[]"},
		{"the us left", 1, "[]", "[]"},     // acronyms match their exact spelling
		{"the niger river", 1, "[]", "[]"}, // proper names need a capital
		{"talks between Mali and Niger", 0, "[4:5]", "[{65 2 3} {65 4 5}]"},
		{"lift sanctions on Iran", 0, "[5:4]", "[{82 3 4}]"},
		{"lift on Iran", 0, "[5:3]", "[{82 2 3}]"}, // optional item left out
		{"a teachers' strike", 1, "[6:4]", "[]"},   // a plural's possessive mark comes free in a gap
		{"teachers, strike", 0, "[]", "[]"},        // other punctuation ends a gap
	}
	for _, tc := range tests {
		s := sentence(t, v, tc.text)
		w := tr.NewWalker()
		hits := w.At(s, tc.at, slotsAt{s})
		var got []string
		slots := "[]"
		best := -1
		for _, h := range hits {
			got = append(got, fmt.Sprintf("%d:%d", h.Pattern, h.Match.End))
			if best < 0 || h.Match.End > hits[best].Match.End {
				best = len(got) - 1
			}
		}
		if best >= 0 && hits[best].Match.Slots != nil {
			slots = fmt.Sprint(hits[best].Match.Slots)
		}
		// order hits longest first for a stable comparison
		for i := range got {
			for j := i + 1; j < len(got); j++ {
				if hits[j].Match.End > hits[i].Match.End {
					got[i], got[j] = got[j], got[i]
					hits[i], hits[j] = hits[j], hits[i]
				}
			}
		}
		if fmt.Sprint(got) != tc.want && !(len(got) == 0 && tc.want == "[]") {
			t.Errorf("%q at %d: hits %v, want %s", tc.text, tc.at, got, tc.want)
		}
		if slots != tc.slots {
			t.Errorf("%q: slots %s, want %s", tc.text, slots, tc.slots)
		}
	}
}

func ExampleTrie() {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	var ps []Pattern
	for _, p := range []string{"pull * out of", "cut tie|relation with"} {
		items, _ := dict.ParsePattern(p)
		ps = append(ps, Compile(v, items))
	}
	tr := NewTrie(ps)
	text := "Mali cut ties with France and France pulled its troops out of Mali."
	toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
	s := &Sentence{Toks: toks, Words: v.Annotate(nil, toks)}
	w := tr.NewWalker()
	for i := range toks {
		for _, h := range w.At(s, i, nil) {
			fmt.Println(h.Pattern, toks[h.Match.Start].Text, "...", toks[h.Match.End-1].Text)
		}
	}
	// Output:
	// 1 cut ... with
	// 0 pulled ... of
}

// Regression: alternatives once shared a trie node, so "weapons" reached
// the end of the pattern "arm" through "weapon|arm to $R".
func TestAlternativesDoNotLeak(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "weapon|arm to $R", "arm"))
	s := sentence(t, v, "weapons sent")
	if hits := tr.NewWalker().At(s, 0, nil); len(hits) != 0 {
		t.Errorf("weapons matched %+v", hits)
	}
	s = sentence(t, v, "arm rebels")
	if hits := tr.NewWalker().At(s, 0, nil); len(hits) != 1 || hits[0].Pattern != 1 {
		t.Errorf("arm: %+v", hits)
	}
}

// Starts, the quick test before a walk, says no where a capitalised name
// cannot match ("to" is not "To Lam") and yes wherever a match starts.
func TestStartsKnowsCapitals(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "To Lam", "WHO", "talk to"))
	s := sentence(t, v, "To Lam said who wants to talk to the WHO")
	want := map[int]bool{0: true, 3: false, 5: false, 6: true, 7: false, 9: true}
	for i, w := range want {
		if got := tr.Starts(s, i); got != w {
			t.Errorf("Starts at %q = %v, want %v", s.Toks[i].Text, got, w)
		}
	}
	for i := range s.Toks {
		if len(tr.NewWalker().At(s, i, nil)) > 0 && !tr.Starts(s, i) {
			t.Errorf("a pattern matches at %q but Starts says no", s.Toks[i].Text)
		}
	}
}

// A prepared sentence skips gaps whose next words it lacks, and matches
// exactly what an unprepared one matches.
func TestPreparedMatchesSame(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "say * sorry", "have * talk|meeting with", "withdraw * troops|forces", "say"))
	for _, text := range []string{
		"Mali said on Monday it was sorry for the delay",
		"Mali said on Monday it had no comment",
		"The two leaders had a long and useful meeting with Tinubu",
		"Washington will withdraw all of its troops by September",
		"Washington will withdraw its ambassador",
	} {
		plain := sentence(t, v, text)
		prep := sentence(t, v, text)
		prep.Prepare()
		for i := range plain.Toks {
			a := tr.NewWalker().At(plain, i, nil)
			b := tr.NewWalker().At(prep, i, nil)
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%q at %q: prepared %v, unprepared %v", text, plain.Toks[i].Text, b, a)
			}
		}
	}
}

// Matches agrees with MatchAt, for plain patterns and for patterns with
// gaps, slots and optional words.
func TestMatchesAgreesWithMatchAt(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	pats := compileAll(t, v, "human rights", "tear gas", "war crimes", "free and fair", "state of emergency",
		"withdraw * troops", "talks with $R", "cut|sever ties", "military? base", "U.S.")
	for _, text := range []string{
		"Rights groups said human rights were abused and tear gas fired",
		"Police used tear gas; war crimes alleged in a state of emergency",
		"The army will withdraw its troops and hold talks with Mali",
		"Mali cut ties and severed ties near the military base of the U.S.",
		"human",
	} {
		s := sentence(t, v, text)
		s.Prepare()
		for i := range s.Toks {
			for k := range pats {
				_, want := pats[k].MatchAt(s, i, slotsAt{s})
				if got := pats[k].Matches(s, i, slotsAt{s}); got != want {
					t.Errorf("%q at %q, pattern %d: Matches = %v, MatchAt = %v", text, s.Toks[i].Text, k, got, want)
				}
			}
		}
	}
}

// With marks set in the vocabulary, Starts, NextStart and Candidates read
// them from the tokens' Words and answer as the bitsets do.
func TestMarksAnswerAsBitsets(t *testing.T) {
	lx, _ := lexicon.Default()
	plain, marked := lexicon.NewVocab(lx), lexicon.NewVocab(lx)
	pats := []string{"To Lam", "WHO", "talk to", "withdraw * troops", "Niger", "human rights"}
	tp, tm := NewTrie(compileAll(t, plain, pats...)), NewTrie(compileAll(t, marked, pats...))
	xp, xm := NewIndex(compileAll(t, plain, pats...)), NewIndex(compileAll(t, marked, pats...))
	tm.SetMarks(marked)
	xm.SetMarks(marked)
	text := "To Lam said who wants to talk to the WHO about human rights as Niger troops withdraw"
	sp, sm := sentence(t, plain, text), sentence(t, marked, text)
	yes := 0
	for i := range sp.Toks {
		a, b := tp.Starts(sp, i), tm.Starts(sm, i)
		if a != b {
			t.Errorf("Starts at %q: %v with marks, %v without", sp.Toks[i].Text, b, a)
		}
		// NextStart from i is i where Starts says yes, else further on.
		for _, c := range []struct {
			tr *Trie
			s  *Sentence
		}{{tm, sm}, {tp, sp}} {
			if n := c.tr.NextStart(c.s, i); (n == i) != a || n < i {
				t.Errorf("NextStart from %q = %d, Starts says %v", sp.Toks[i].Text, n, a)
			}
		}
		if a {
			yes++
		}
		if ca, cb := xp.Candidates(nil, sp, i), xm.Candidates(nil, sm, i); fmt.Sprint(ca) != fmt.Sprint(cb) {
			t.Errorf("Candidates at %q: %v with marks, %v without", sp.Toks[i].Text, cb, ca)
		}
		// Index.Next skips only tokens where no pattern may start.
		if n := xm.Next(sm, i); n < i || n > i && len(xm.Candidates(nil, sm, i)) > 0 {
			t.Errorf("Index.Next from %q = %d", sp.Toks[i].Text, n)
		}
	}
	if yes < 5 {
		t.Errorf("patterns start at %d tokens, want at least 5", yes)
	}
}

// Longest finds the match At would rank first: the longest, the lowest
// pattern index among equals.
func TestLongestAgreesWithAt(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "United States", "United", "United States Department of Defense", "States", "Niger", "niger", "withdraw * troops", "talks with $R"))
	w := tr.NewWalker()
	for _, text := range []string{"The United States Department of Defense and Niger", "United we stand; the States agree", "to withdraw all its troops after talks with Mali"} {
		s := sentence(t, v, text)
		for i := range s.Toks {
			wantEnd, wantPat := -1, -1
			for _, h := range w.At(s, i, slotsAt{s}) {
				if h.Match.End > wantEnd || h.Match.End == wantEnd && h.Pattern < wantPat {
					wantEnd, wantPat = h.Match.End, h.Pattern
				}
			}
			end, pat, ok := w.Longest(s, i, slotsAt{s})
			if ok != (wantPat >= 0) || ok && (end != wantEnd || pat != wantPat) {
				t.Errorf("%q at %q: Longest = %d %d %v, At ranks %d %d first", text, s.Toks[i].Text, end, pat, ok, wantEnd, wantPat)
			}
		}
	}
}

// A trie with a pattern that opens with a slot may start anywhere: it sets
// no marks, and NextStart stops at every token.
func TestSlotFirstTrieSetsNoMarks(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "$A agree", "talks"))
	tr.SetMarks(v)
	s := sentence(t, v, "Mali and Niger agree")
	for i := range s.Toks {
		if n := tr.NextStart(s, i); n != i {
			t.Errorf("NextStart from %q = %d, want %d: patterns may start anywhere", s.Toks[i].Text, n, i)
		}
		if !tr.Starts(s, i) {
			t.Errorf("Starts says no at %q", s.Toks[i].Text)
		}
	}
}

// MayHave never misses a word of the sentence, and turns away words it
// does not have (a short sentence sets few bits of the filter).
func TestMayHave(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	absent := []int32{v.AddWord("according"), v.AddWord("withdraw"), v.AddWord("sanction")}
	s := sentence(t, v, "Mali held talks.")
	s.Prepare()
	for i := range s.Toks {
		if !s.MayHave(s.Words[i].Name) || !s.MayHave(s.Words[i].Stem) {
			t.Errorf("MayHave misses %q", s.Toks[i].Text)
		}
	}
	no := 0
	for _, id := range absent {
		if !s.MayHave(id) {
			no++
		}
	}
	if no == 0 {
		t.Errorf("MayHave says yes to every absent word")
	}
}

// The root's screen (a match's next words must be in the sentence) turns
// away only walks that could not match.
func TestRootScreenKeepsMatches(t *testing.T) {
	lx, _ := lexicon.Default()
	v := lexicon.NewVocab(lx)
	tr := NewTrie(compileAll(t, v, "say * sorry", "military aid", "military", "halt aid to $R"))
	w := tr.NewWalker()
	for _, c := range []struct {
		text string
		want int // matches starting at the first token
	}{
		{"said he was sorry", 1},
		{"said he was fine", 0},
		{"military aid", 2},
		{"military rule", 1},
		{"halted aid to Niger", 1},
		{"halted flights to Niger", 0},
	} {
		s := sentence(t, v, c.text)
		s.Prepare()
		if got := len(w.At(s, 0, slotsAt{s})); got != c.want {
			t.Errorf("%q: %d matches at its first word, want %d", c.text, got, c.want)
		}
	}
}
