package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

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

// flagSet is a command's flags. Flags may come before, between or after
// the command's arguments, as in GNU tools; "--" ends them, and "-" alone
// is an argument (stdin). --help (-h) prints the command's usage, an
// example and its flags on stdout.
type flagSet struct {
	*pflag.FlagSet
	e              env
	name           string // "code", "dict check"
	usage, example string
	help           *bool
}

// newFlags returns the flag set of the command name: usage is what follows
// "dyad NAME" in its synopsis, and example a command line that shows it at
// work.
func newFlags(e env, name, usage, example string) *flagSet {
	fs := &flagSet{FlagSet: pflag.NewFlagSet("dyad "+name, pflag.ContinueOnError), e: e, name: name, usage: usage, example: example}
	fs.SetOutput(io.Discard) // parseFlags reports errors
	fs.SortFlags = false
	// After a mistake, a pointer to the help rather than all of it.
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Run \"dyad %s --help\" for the flags and an example.\n", name)
	}
	return fs
}

// printHelp writes the command's synopsis, example and flags to w.
func (fs *flagSet) printHelp(w io.Writer) {
	fmt.Fprintf(w, "Usage: dyad %s %s\n\nExample:\n  %s\n\nFlags:\n%s", fs.name, fs.usage, fs.example, fs.FlagUsages())
}

// parseFlags parses args and returns the exit code to use when parsing
// failed (usage error) or help was asked for; ok is true when the command
// should go on.
func parseFlags(fs *flagSet, args []string) (code int, ok bool) {
	if fs.help == nil { // defined last, to be listed last
		fs.help = fs.BoolP("help", "h", false, "print this help")
	}
	if err := fs.singleDash(args); err != nil {
		return fs.usageError(err), false
	}
	if err := fs.Parse(args); err != nil {
		return fs.usageError(err), false
	}
	if *fs.help {
		fs.printHelp(fs.e.stdout)
		return exitOK, false
	}
	return 0, true
}

// usageError reports a mistake on the command line and returns exitUsage.
func (fs *flagSet) usageError(err error) int {
	fmt.Fprintf(fs.e.stderr, "dyad %s: %v\n", fs.name, err)
	fs.Usage()
	return exitUsage
}

// singleDash refuses a long flag written with one dash ("-format"), which
// would otherwise be read as the short flags -f -o -r...
func (fs *flagSet) singleDash(args []string) error {
	for _, a := range args {
		if a == "--" {
			return nil
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if fs.Lookup(name) != nil {
			return fmt.Errorf("%s: write long flags with two dashes: -%s", a, a)
		}
	}
	return nil
}

// fail prints err as "dyad CMD: message" on stderr (see cmdError).
func (e env) fail(cmd string, err error) {
	fmt.Fprintln(e.stderr, cmdError{cmd, err})
}

// cmdError is an error as the command line says it: "dyad CMD: message",
// leaving out a package prefix that would repeat the command's name
// ("dyad export: export: ..."). An error of several lines (a list of
// problems) gets the prefix on each.
type cmdError struct {
	cmd string
	err error
}

func (c cmdError) Error() string {
	var b strings.Builder
	for line := range strings.Lines(c.err.Error()) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "dyad %s: %s", c.cmd, strings.TrimPrefix(strings.TrimSuffix(line, "\n"), c.cmd+": "))
	}
	return b.String()
}

func (c cmdError) Unwrap() error { return c.err }

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
