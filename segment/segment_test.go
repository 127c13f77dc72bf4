package segment

import (
	"fmt"
	"testing"
)

func sentences(s string) []string {
	var out []string
	for _, sp := range Split(nil, s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "Mali left. Niger stayed.", []string{"Mali left.", "Niger stayed."}},
		{"title abbreviation", "Gen. Tiani met Mr. Smith on Sept. 3. They talked.", []string{"Gen. Tiani met Mr. Smith on Sept. 3.", "They talked."}},
		{"dotted acronym inside", "The U.S. Department of Defense agreed.", []string{"The U.S. Department of Defense agreed."}},
		{"dotted acronym at the end", "Troops will leave the U.S. The talks ended.", []string{"Troops will leave the U.S.", "The talks ended."}},
		{"quote closes the sentence", "\"We will leave.\" The army said so.", []string{"\"We will leave.\"", "The army said so."}},
		{"number", "It cost 3.5 billion. No. 10 said so.", []string{"It cost 3.5 billion.", "No. 10 said so."}},
		{"paragraphs", "Headline without stop\n\nFirst sentence here.", []string{"Headline without stop", "First sentence here."}},
		{"wrapped line", "The talks between the two\nsides ended.", []string{"The talks between the two\nsides ended."}},
		{"question and exclamation", "Why now? Because! Yes.", []string{"Why now?", "Because!", "Yes."}},
		{"initial", "J. Smith said. It ended.", []string{"J. Smith said.", "It ended."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentences(tc.in)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"A b. C d.", "U.S. troops. The", "\"Q.\" A", "\n\n.", "Gen. X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Split(nil, s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %v after %d in %q", sp, prev, s)
			}
			prev = sp.End
		}
	})
}

func ExampleSplit() {
	s := "Gen. Tiani met U.S. officials. They agreed."
	for _, sp := range Split(nil, s) {
		fmt.Println(s[sp.Start:sp.End])
	}
	// Output:
	// Gen. Tiani met U.S. officials.
	// They agreed.
}
