package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"dyad/coder"
	"dyad/eval"
)

func runEval(e env) int {
	fl := newFlags(e, "eval", "[flags] GOLD... (files or directories of *.gold; PLOVER GSR JSON files too)", "dyad eval --format json testdata/dev")
	format := fl.StringP("format", "f", "table", "table or json")
	show := fl.Int("show", 20, "misses and false alarms listed in the table")
	dictDir := fl.String("dict", "", "directory of dictionary files laid over the built-in ones")
	minF1 := fl.Float64("min-f1", 0, "exit 1 when the overall F1 is below this")
	if code, ok := parseFlags(fl, e.args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return exitUsage
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(e.stderr, "dyad eval: --format %q: want table or json\n", *format)
		return exitUsage
	}
	var docs []eval.Doc
	bad := false
	for _, arg := range fl.Args() {
		files := []string{arg}
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			files, _ = filepath.Glob(filepath.Join(arg, "*.gold"))
			sort.Strings(files)
			if len(files) == 0 {
				fmt.Fprintf(e.stderr, "dyad eval: %s: no *.gold files\n", arg)
				bad = true
			}
		}
		for _, f := range files {
			r, err := os.Open(f)
			if err != nil {
				fmt.Fprintf(e.stderr, "dyad eval: %s: %v\n", f, unwrapPath(err))
				bad = true
				continue
			}
			ds, err := eval.ReadAny(r, f)
			r.Close()
			if err != nil {
				e.fail("eval", err)
				bad = true
				continue
			}
			docs = append(docs, ds...)
		}
	}
	if bad {
		return exitFailure
	}
	c, err := loadCoderOpts(*dictDir, coder.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad eval: dictionaries: %v\n", err)
		return exitFailure
	}
	rep := eval.Score(docs, c)
	if *format == "json" {
		err = rep.WriteJSON(e.stdout)
	} else {
		err = rep.WriteTable(e.stdout, *show)
	}
	if err != nil {
		e.fail("eval", err)
		return exitFailure
	}
	if *minF1 > 0 && rep.Overall.F1() < *minF1 {
		fmt.Fprintf(e.stderr, "dyad eval: F1 %.3f is below --min-f1 %.3f\n", rep.Overall.F1(), *minF1)
		return exitFailure
	}
	return exitOK
}
