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

// NearestCameo answers as a scan of the table from the top would, for every
// category and mode the table has and for modes it lacks.
func TestNearestCameoIsFirstInTable(t *testing.T) {
	scan := func(cat, mode string) string {
		for _, e := range cameoTable {
			if mode != "" && e.Category == cat && e.Mode == mode {
				return e.Code
			}
		}
		for _, e := range cameoTable {
			if e.Category == cat {
				return e.Code
			}
		}
		return ""
	}
	for _, e := range cameoTable {
		for _, mode := range []string{e.Mode, "", "no-such-mode"} {
			if got, want := NearestCameo(e.Category, mode), scan(e.Category, mode); got != want {
				t.Errorf("NearestCameo(%q, %q) = %q, want %q", e.Category, mode, got, want)
			}
		}
	}
	if got := NearestCameo("NO-SUCH-CATEGORY", ""); got != "" {
		t.Errorf("NearestCameo of an unknown category = %q, want none", got)
	}
}

// Goldstein scores a code by its CAMEO root and gives 0 to what is not one.
func TestGoldsteinByRoot(t *testing.T) {
	for code, want := range map[string]float64{"010": 0, "0211": 3, "036": 4, "046": 1, "057": 3.5, "061": 6, "073": 7,
		"0872": 5, "091": -2, "1041": -5, "111": -2, "120": -4, "138": -6, "145": -6.5, "1621": -4, "163": -4,
		"1724": -7, "1831": -9, "190": -10, "2041": -10, "00": 0, "21": 0, "99": 0, "1a": 0, "x1": 0, "": 0, "1": 0} {
		if got := Goldstein(code); got != want {
			t.Errorf("Goldstein(%q) = %v, want %v", code, got, want)
		}
	}
}
