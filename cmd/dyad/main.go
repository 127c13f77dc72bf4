// Command dyad turns news text into PLOVER political event records, stores
// them, and serves them.
//
// Usage:
//
//	dyad code [flags] FILE...      code articles and print events
//	dyad eval [flags] GOLD...      score the coder against gold data
//	dyad dict check|lookup ...     validate dictionaries, resolve a phrase
//
// Run "dyad help" for the full list.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by every command.
const (
	exitOK      = 0 // everything worked
	exitFailure = 1 // some input could not be processed, or a runtime error
	exitUsage   = 2 // the command line was wrong
)

// env is what a command gets from the process: its arguments, streams and
// environment lookups, so that commands can run in tests without globals.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	summary string
	run     func(e env) int
}

// commands lists dyad's subcommands.
func commands() map[string]command {
	return map[string]command{
		"code":   {"code articles and print their events", runCode},
		"eval":   {"score the coder against gold files", runEval},
		"dict":   {"check dictionaries or look a phrase up", runDict},
		"ingest": {"read files, corpora, pages and feeds into the database, coding them", runIngest},
		"query":  {"print stored events that match filters", runQuery},
		"export": {"write stored events as PLOVER JSONL, CSV, CAMEO TSV or Parquet", runExport},
		"stats":  {"count stored events by category, quad class and month", runStats},
		"recode": {"code every stored document again (after a dictionary update)", runRecode},
		"serve":  {"serve the event browser and the HTTP API", runServe},
		"worker": {"pull documents from a NATS JetStream queue, code them and store them", runWorker},
	}
}

func main() {
	os.Exit(run(env{args: os.Args[1:], stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

func run(e env) int {
	cmds := commands()
	if len(e.args) == 0 {
		usage(e.stderr, cmds)
		return exitUsage
	}
	name, args := e.args[0], e.args[1:]
	switch name {
	case "help", "-h", "--help":
		if len(args) == 0 {
			usage(e.stdout, cmds)
			return exitOK
		}
		// "dyad help code" is "dyad code --help".
		name, args = args[0], append(args[1:len(args):len(args)], "--help")
	}
	c, ok := cmds[name]
	if !ok {
		fmt.Fprintf(e.stderr, "dyad: unknown command %q; run \"dyad help\" for the list\n", name)
		return exitUsage
	}
	sub := e
	sub.args = args
	return c.run(sub)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "dyad turns news text into PLOVER political event data.")
	fmt.Fprintln(w, "\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nFlags may come before or after arguments; \"--\" ends them.")
	fmt.Fprintln(w, "Run \"dyad help COMMAND\" (or \"dyad COMMAND --help\") for a command's flags and an example.")
}
