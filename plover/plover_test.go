package plover

import (
	"fmt"
	"testing"
)

func TestTables(t *testing.T) {
	if len(Categories()) != 16 {
		t.Fatalf("%d categories", len(Categories()))
	}
	for _, c := range Categories() {
		if Quad(c) < 1 || Quad(c) > 4 {
			t.Errorf("%s: quad %d", c, Quad(c))
		}
		if NearestCameo(c, "") == "" {
			t.Errorf("%s: no CAMEO code", c)
		}
		for _, m := range Modes(c) {
			if Score(c, m) == 0 && c != "REQUEST" {
				t.Errorf("%s:%s has no score", c, m)
			}
		}
	}
	if FromCameo("DEMAND") != "REQUEST" || FromCameo("FIGHT") != "ASSAULT" || FromCameo("0871") != "RETREAT" {
		t.Error("CAMEO mapping")
	}
	if Goldstein("1831") != -9 || !RequiresRecipient("SANCTION") || RequiresRecipient("AGREE") {
		t.Error("scores or recipients")
	}
}

func ExampleScore() {
	fmt.Println(Quad("RETREAT"), Score("RETREAT", "withdraw"), NearestCameo("RETREAT", "withdraw"), Goldstein("0872"))
	// Output: 2 8 0872 5
}
