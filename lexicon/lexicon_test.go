package lexicon

import (
	"fmt"
	"testing"
	"testing/fstest"
)

func TestStemJoinsInflections(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	groups := [][]string{
		{"agree", "agreed", "agrees", "agreeing"},
		{"withdraw", "withdrew", "withdrawn", "withdrawing", "withdraws"},
		{"force", "forces", "forced"},
		{"free", "freed", "freeing"},
		{"stop", "stopped", "stopping"},
		{"kill", "killed", "killing"},
		{"seize", "seized", "seizing"},
		{"official", "officials"},
		{"talk", "talks"},
		{"policy", "policies"},
		{"take", "took", "taken"},
		{"use", "used", "uses", "using"},
		{"die", "died", "dies", "dying"},
		// A plural -ings noun meets its singular: "meetings", "crossings".
		{"meeting", "meetings"},
		{"crossing", "crossings"},
		{"bombing", "bombings"},
		{"kill", "killings"},
	}
	for _, g := range groups {
		want := lx.Stem(g[0])
		for _, w := range g[1:] {
			if got := lx.Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q", w, got, g[0], want)
			}
		}
	}
	if lx.Stem("news") == lx.Stem("new") {
		t.Errorf("news and new share a stem")
	}
}

func TestTags(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !lx.Tags("the").Has(DET) || !lx.Tags("said").Has(SAY) || !lx.Tags("would").Has(MODAL) || !lx.Tags("taken").Has(PART) {
		t.Errorf("closed-class words lack their tags")
	}
	if lx.Tags("embassy") != 0 {
		t.Errorf("embassy has tags %v", lx.Tags("embassy"))
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	fsys := fstest.MapFS{"w.txt": {Data: []byte("DET: the\nXYZ: foo\n= went\n= went go\n= went come\n")}}
	_, err := Load(fsys, "w.txt")
	if err == nil {
		t.Fatal("no error")
	}
	want := "lexicon: w.txt:2: want \"TAG: words\" with a known tag, got \"XYZ: foo\"\n" +
		"lexicon: w.txt:3: want \"= form lemma [PART]\"\n" +
		"lexicon: w.txt:5: \"went\" already has lemma \"go\""
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
}

func ExampleLexicon_Stem() {
	lx, _ := Default()
	fmt.Println(lx.Stem("withdrew") == lx.Stem("withdrawing"), lx.Stem("agreed") == lx.Stem("agree"))
	// Output: true true
}

// Regression: "boycotted" stemmed to "boycot" and never met "boycott".
func TestDoubledConsonantsMeetTheirBase(t *testing.T) {
	lx, _ := Default()
	v := NewVocab(lx)
	for base, forms := range map[string][]string{"boycott": {"boycotted", "boycotting"}, "expel": {"expelled", "expelling"}, "kill": {"killed", "killing"}, "stop": {"stopped"}} {
		id := v.AddWord(base)
		for _, f := range forms {
			if got := v.WordID(f); got != id {
				t.Errorf("%s does not meet %s", f, base)
			}
		}
	}
}
