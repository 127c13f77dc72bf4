package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"dyad/export"
)

func runExport(e env) int {
	fs := newFlags(e, "export", "--format jsonl|csv|cameo|parquet [--out FILE] [filters]", "dyad export --format csv --from 2024-01-01 --out events.csv")
	db := dbFlag(fs)
	f := filterFlags(fs)
	format := fs.StringP("format", "f", "jsonl", "jsonl (PLOVER), csv, cameo (GDELT-style TSV) or parquet")
	out := fs.StringP("out", "o", "", "output file (default stdout)")
	if code, ok := parseFlags(fs, e.args); !ok {
		return code
	}
	if !validFilter(e, "export", f) {
		return exitUsage
	}
	var w io.Writer = e.stdout
	var file *os.File
	if st, err := os.Stat(*out); *out != "" && err == nil && !st.Mode().IsRegular() {
		// A device or a pipe (--out /dev/null, a FIFO) is written as it
		// is: a file renamed over it would replace it.
		dev, err := os.OpenFile(*out, os.O_WRONLY, 0)
		if err != nil {
			e.fail("export", err)
			return exitFailure
		}
		defer dev.Close()
		w = dev
	} else if *out != "" {
		var err error
		// Write beside the target and rename, so a failed export leaves no half file.
		file, err = os.CreateTemp(dirOf(*out), ".dyad-export-*")
		if err != nil {
			e.fail("export", err)
			return exitFailure
		}
		defer os.Remove(file.Name())
		defer file.Close()
		file.Chmod(0o644)
		w = file
	} else if *format == "parquet" && isTerminal(e.stdout) {
		fmt.Fprintln(e.stderr, "dyad export: Parquet is binary; give --out FILE or redirect stdout")
		return exitUsage
	}
	ew, err := export.New(*format, w)
	if err != nil {
		e.fail("export", err)
		return exitUsage
	}
	ctx := context.Background()
	s, ok := openStore(ctx, e, "export", *db)
	if !ok {
		return exitFailure
	}
	defer s.Close()
	n, err := export.Copy(ctx, s, *f, ew)
	if err == nil {
		err = ew.Close()
	}
	if err == nil && file != nil {
		if err = file.Close(); err == nil {
			err = os.Rename(file.Name(), *out)
		}
	}
	if err != nil {
		e.fail("export", err)
		return exitFailure
	}
	fmt.Fprintf(e.stderr, "dyad export: %d events\n", n)
	return exitOK
}

func dirOf(path string) string {
	if i := strings.LastIndex(path, string(os.PathSeparator)); i >= 0 {
		return path[:i+1]
	}
	return "."
}
