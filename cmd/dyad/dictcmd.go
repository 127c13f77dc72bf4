package main

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"dyad/dict"
)

// dictUsage is the help of "dyad dict".
const dictUsage = `Usage: dyad dict check [--alone] [DIR]
       dyad dict lookup [--date YYYY-MM-DD] [--dict DIR] PHRASE

  check   validate the built-in dictionaries, or DIR laid over them
          (with --alone, DIR as a complete set); every problem is
          printed as file:line: message
  lookup  show what a phrase resolves to on a date, and why

Examples:
  dyad dict check mydicts/
  dyad dict lookup --date 2024-05-19 "Prime Minister Zeine"

Run "dyad dict check --help" or "dyad dict lookup --help" for their flags.
`

func runDict(e env) int {
	if len(e.args) == 0 {
		fmt.Fprint(e.stderr, dictUsage)
		return exitUsage
	}
	sub := e
	sub.args = e.args[1:]
	switch e.args[0] {
	case "check":
		return runDictCheck(sub)
	case "lookup":
		return runDictLookup(sub)
	case "help", "-h", "--help":
		if len(sub.args) > 0 {
			// "dyad dict help check" is "dyad dict check --help".
			sub.args = []string{sub.args[0], "--help"}
			return runDict(sub)
		}
		fmt.Fprint(e.stdout, dictUsage)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "dyad dict: unknown subcommand %q (want check or lookup); run \"dyad dict --help\"\n", e.args[0])
	return exitUsage
}

// runDictCheck validates the built-in dictionaries, or a directory of
// dictionary files laid over them, and prints every problem.
func runDictCheck(e env) int {
	fl := newFlags(e, "dict check", "[--alone] [DIR]", "dyad dict check mydicts/")
	alone := fl.Bool("alone", false, "check DIR as a complete set of dictionaries, not as an overlay of the built-in ones")
	if code, ok := parseFlags(fl, e.args); !ok {
		return code
	}
	var fsyss []fs.FS
	what := "built-in dictionaries"
	switch fl.NArg() {
	case 0:
		fsyss = []fs.FS{dict.Embedded()}
	case 1:
		dir := fl.Arg(0)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			fmt.Fprintf(e.stderr, "dyad dict check: %s: not a directory\n", dir)
			return exitUsage
		}
		what = dir
		if *alone {
			fsyss = []fs.FS{os.DirFS(dir)}
		} else {
			fsyss = []fs.FS{dict.Embedded(), os.DirFS(dir)}
		}
	default:
		fl.Usage()
		return exitUsage
	}
	d, err := dict.Load(fsyss...)
	if err != nil {
		if list, ok := err.(dict.ErrorList); ok {
			for _, m := range list {
				fmt.Fprintln(e.stdout, m)
			}
			fmt.Fprintf(e.stderr, "dyad dict check: %s: %d problems\n", what, len(list))
		} else {
			fmt.Fprintf(e.stderr, "dyad dict check: %v\n", err)
		}
		return exitFailure
	}
	people, orgs := 0, 0
	for _, en := range d.Entities {
		if en.Person {
			people++
		} else {
			orgs++
		}
	}
	inst := 0
	for _, c := range d.Countries {
		inst += len(c.Institutions)
	}
	guardWords := 0
	for _, g := range d.Guards {
		guardWords += len(g.Words)
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d countries, %d institutions, %d regions, %d organizations, %d terms of office, %d agents, %d word classes, %d triggers, %d context cue lines, %d guard words, %d grammar word lists\n",
		what, len(d.Countries), inst, len(d.Regions), orgs, people, len(d.Agents), len(d.Classes), len(d.Triggers), len(d.Contexts), guardWords, len(d.Grammar))
	return exitOK
}

func runDictLookup(e env) int {
	fl := newFlags(e, "dict lookup", "[--date YYYY-MM-DD] [--dict DIR] PHRASE", "dyad dict lookup --date 2024-05-19 \"Prime Minister Zeine\"")
	date := fl.String("date", "", "the article's date, which decides the office a person holds (default today)")
	dictDir := fl.String("dict", "", "directory of dictionary files laid over the built-in ones")
	if code, ok := parseFlags(fl, e.args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return exitUsage
	}
	when := time.Now().UTC()
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad dict lookup: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
		when = t
	}
	c, err := loadCoder(*dictDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dyad dict lookup: dictionaries: %v\n", err)
		return exitFailure
	}
	text := fl.Arg(0)
	for i := 1; i < fl.NArg(); i++ {
		text += " " + fl.Arg(i)
	}
	ms := c.Lookup(text, when)
	if len(ms) == 0 {
		fmt.Fprintf(e.stdout, "%q: no actor found\n", text)
		return exitFailure
	}
	for _, m := range ms {
		for _, en := range m.Entities {
			code := en.Code
			if code == "" {
				code = "(unresolved)"
			}
			fmt.Fprintf(e.stdout, "%q: %s %s", text[en.Start:en.End], code, en.Sector)
			if en.Name != "" {
				fmt.Fprintf(e.stdout, " = %s", en.Name)
			}
			if en.Office != "" {
				fmt.Fprintf(e.stdout, ", %s", en.Office)
			}
			fmt.Fprintf(e.stdout, "  (%s; rule %s", m.Kind, en.Rule)
			if m.Generic {
				fmt.Fprint(e.stdout, "; country from context")
			}
			fmt.Fprintln(e.stdout, ")")
		}
	}
	return exitOK
}
