// Command tagger measures what the part-of-speech tagger buys the coder
// (dyad code --tagger): it scores gold files with the coder without the
// tagger and with it telling nouns from verbs where a word starts both
// noun and verb triggers, side by side.
//
//	go run ./bench/tagger 'testdata/dev/*.gold' 'testdata/gold/articles/*.gold' ../shared/reference/PLOVER_GSR_CAMEO.txt
//
// Each argument is a glob of gold files (dyad's .gold, or PLOVER's GSR
// JSON); it prints true positives, false positives, false negatives and
// F1 without and with the tagger.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"dyad/coder"
	"dyad/eval"
	"dyad/postag"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/tagger GLOB...")
		os.Exit(2)
	}
	tg, err := postag.Default()
	if err != nil {
		fail(err)
	}
	with, err := coder.Default(coder.Options{Tagger: tg})
	if err != nil {
		fail(err)
	}
	without, err := coder.Default(coder.Options{})
	if err != nil {
		fail(err)
	}
	fmt.Printf("%-48s %22s %22s\n", "gold", "without tagger TP/FP/FN F1", "with tagger TP/FP/FN F1")
	for _, glob := range os.Args[1:] {
		files, _ := filepath.Glob(glob)
		var docs []eval.Doc
		for _, f := range files {
			r, err := os.Open(f)
			if err != nil {
				fail(err)
			}
			ds, err := eval.ReadAny(r, f)
			r.Close()
			if err != nil {
				fail(err)
			}
			docs = append(docs, ds...)
		}
		a, b := eval.Score(docs, without).Overall, eval.Score(docs, with).Overall
		fmt.Printf("%-48s %3d/%3d/%3d  %.3f   %3d/%3d/%3d  %.3f\n", glob, a.TP, a.FP, a.FN, a.F1(), b.TP, b.FP, b.FN, b.F1())
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tagger:", err)
	os.Exit(1)
}
