package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"dyad/coder"
	"dyad/dict"
	"dyad/place"
)

// loadDicts loads the embedded dictionaries with a user's directory laid
// over them, when dir is not empty.
func loadDicts(dir string) (*dict.Dictionaries, error) {
	fsyss := []fs.FS{dict.Embedded()}
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("--dict %s: %w", dir, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--dict %s: not a directory; give the directory holding your dictionary files", dir)
		}
		fsyss = append(fsyss, os.DirFS(dir))
	}
	return dict.Load(fsyss...)
}

// loadCoder builds a coder from the embedded dictionaries (with dictDir
// laid over them when not empty) and the embedded gazetteer.
func loadCoder(dictDir string) (*coder.Coder, error) {
	return loadCoderOpts(dictDir, coder.Options{})
}

func loadCoderOpts(dictDir string, opts coder.Options) (*coder.Coder, error) {
	d, err := loadDicts(dictDir)
	if err != nil {
		return nil, err
	}
	g, err := place.Default()
	if err != nil {
		return nil, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	return coder.New(d, g, opts)
}

// newFlags returns a flag set that reports errors on e.stderr and does not
// exit.
func newFlags(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dyad %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and returns the exit code to use when parsing
// failed (usage error) or help was asked for.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
