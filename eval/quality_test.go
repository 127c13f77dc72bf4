package eval_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dyad/coder"
	"dyad/eval"
	"dyad/plover"
)

// Floors for the F1 dyad reaches on its own gold data, less a small
// margin. A change that lowers accuracy below them fails CI; raise them
// when accuracy improves (the README gives the current figures). The
// development files (testdata/dev, testdata/constructions) are tuned on;
// the test split (testdata/test) never is: its floors only guard against
// a change that breaks what was measured there.
const (
	articleFloor = 0.81 // testdata/gold/articles: 0.84 when set
	// devFloor is for the sixteen category files and the traps of
	// testdata/dev, where every category must also reach
	// devCategoryFloor.
	devFloor         = 0.84 // 0.87 when set
	devCategoryFloor = 0.80
	// The conflict-and-protest files (conflict-*.gold) and the files
	// that reproduce constructions of real wire reporting (wire-*.gold).
	conflictFloor     = 0.69 // 0.71 when set
	conflictTestFloor = 0.66 // 0.70 when set
	wireFloor         = 0.78 // 0.81 when set
	wireTestFloor     = 0.71 // 0.74 when set
	// constructionFloor is for the construction catalogue.
	constructionFloor = 0.91 // 0.95 when set
	// Reports of disasters, accidents, ordinary crime, markets and sport
	// (quiet.gold): the share that must code no event and code none.
	quietFloor     = 0.90 // 0.95 when set
	quietTestFloor = 0.75 // 0.82 when set
)

// readDir reads the gold files of dir whose names match pattern.
func readDir(t *testing.T, dir, pattern string) []eval.Doc {
	files, _ := filepath.Glob(filepath.Join(dir, pattern))
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no gold files %s in %s", pattern, dir)
	}
	var docs []eval.Doc
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := eval.ReadGold(r, f)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	return docs
}

func TestAccuracyFloors(t *testing.T) {
	c, err := coder.Default(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		docs  []eval.Doc
		floor float64
		min   int
		// perCategory applies devCategoryFloor to every category.
		perCategory bool
		// quiet is the floor on the share of documents that must code no
		// event and code none, where the set is of such documents.
		quiet float64
	}{
		{"articles", readDir(t, "../testdata/gold/articles", "*.gold"), articleFloor, 15, false, 0},
		{"dev categories", categoryFiles(readDir(t, "../testdata/dev", "*.gold")), devFloor, 400, true, 0},
		{"dev conflict", readDir(t, "../testdata/dev", "conflict-*.gold"), conflictFloor, 300, false, 0},
		{"dev wire", readDir(t, "../testdata/dev", "wire-*.gold"), wireFloor, 600, false, 0},
		{"test conflict", readDir(t, "../testdata/test", "conflict-*.gold"), conflictTestFloor, 140, false, 0},
		{"test wire", readDir(t, "../testdata/test", "wire-*.gold"), wireTestFloor, 200, false, 0},
		{"constructions", readDir(t, "../testdata/constructions", "*.gold"), constructionFloor, 300, false, 0},
		{"dev quiet", readDir(t, "../testdata/dev", "quiet.gold"), 0, 50, false, quietFloor},
		{"test quiet", readDir(t, "../testdata/test", "quiet.gold"), 0, 25, false, quietTestFloor},
	} {
		if len(tc.docs) < tc.min {
			t.Errorf("%s: %d documents, want at least %d", tc.name, len(tc.docs), tc.min)
		}
		rep := eval.Score(tc.docs, c)
		if len(rep.Failed) > 0 {
			t.Errorf("%s: documents failed: %v", tc.name, rep.Failed)
		}
		if tc.quiet > 0 {
			share := float64(rep.QuietOK) / float64(max(rep.QuietN, 1))
			t.Logf("%s: %d of %d documents that must code nothing code nothing", tc.name, rep.QuietOK, rep.QuietN)
			if share < tc.quiet {
				t.Errorf("%s: %d of %d documents that must code nothing code nothing (%.2f), below the floor %.2f", tc.name, rep.QuietOK, rep.QuietN, share, tc.quiet)
			}
			continue
		}
		f1 := rep.Overall.F1()
		t.Logf("%s: P %.3f R %.3f F1 %.3f over %d documents", tc.name, rep.Overall.Precision(), rep.Overall.Recall(), f1, rep.Docs)
		if f1 < tc.floor {
			t.Errorf("%s: F1 %.3f fell below the floor %.2f", tc.name, f1, tc.floor)
		}
		if !tc.perCategory {
			continue
		}
		for _, cat := range plover.Categories() {
			if f := rep.ByCategory[cat].F1(); f < devCategoryFloor {
				t.Errorf("%s: %s F1 %.3f fell below the bar %.2f", tc.name, cat, f, devCategoryFloor)
			}
		}
	}
}

// categoryFiles keeps the documents of the development set's category
// and trap files, leaving out its conflict-and-protest, wire and quiet
// files.
func categoryFiles(docs []eval.Doc) []eval.Doc {
	var out []eval.Doc
	for _, d := range docs {
		if base := filepath.Base(d.File); !strings.HasPrefix(base, "conflict-") && !strings.HasPrefix(base, "wire-") && base != "quiet.gold" {
			out = append(out, d)
		}
	}
	return out
}
