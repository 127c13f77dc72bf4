package dict

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestEmbeddedDictionariesAreClean(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatalf("the shipped dictionaries have problems:\n%v", err)
	}
	if len(d.Countries) < 195 || len(d.Triggers) < 300 || len(d.Agents) < 100 || len(d.Entities) < 1000 {
		t.Errorf("dictionaries look thin: %d countries, %d triggers, %d agents, %d entities", len(d.Countries), len(d.Triggers), len(d.Agents), len(d.Entities))
	}
}

func TestBrokenDictionariesReportEveryProblem(t *testing.T) {
	_, err := Load(os.DirFS("testdata/broken"))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	want, _ := os.ReadFile("testdata/broken.want")
	wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
	if strings.Join(list, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("got\n%s\n\nwant\n%s", strings.Join(list, "\n"), strings.Join(wantLines, "\n"))
	}
}

func minimal() fstest.MapFS {
	return fstest.MapFS{
		"countries.txt":     {Data: []byte("NER: Niger\n  capitals: Niamey\n  regions: West Africa\n")},
		"regions.txt":       {Data: []byte("West Africa | West African\n")},
		"organizations.txt": {Data: []byte("United Nations; UN | UNO | GOV\n")},
		"people.txt":        {Data: []byte("Mohamed Bazoum; Bazoum | NER | GOV | President | 2021-04-02 | 2023-07-26\n")},
		"agents.txt":        {Data: []byte("official | GOV\n")},
		"events.txt":        {Data: []byte("AGREE | V | agree\n")},
		"contexts.txt":      {Data: []byte("military | army\n")},
	}
}

func TestOverlayAddsAndReplaces(t *testing.T) {
	user := fstest.MapFS{
		"people.txt": {Data: []byte("Mohamed Bazoum; Bazoum | NER | ELI | President | 2021-04-02 | 2023-07-26\nAli Zeine; Zeine | NER | GOV | Prime Minister | 2023-08-08 |\n")},
		"events.txt": {Data: []byte("CONSULT | N | talk with $R\n")},
	}
	d, err := Load(minimal(), user)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) != 3 {
		t.Fatalf("entities: %d", len(d.Entities))
	}
	if d.Entities[1].Sectors[0] != "ELI" {
		t.Errorf("user's Bazoum line did not replace the base one: %+v", d.Entities[1])
	}
	if d.Entities[2].Names[0] != "Ali Zeine" || !d.Entities[2].From.Equal(time.Date(2023, 8, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("user's Zeine line: %+v", d.Entities[2])
	}
	if len(d.Triggers) != 2 || d.Triggers[1].Kind != 'N' || d.Triggers[1].Pos.String() != "events.txt:1" {
		t.Errorf("triggers: %+v", d.Triggers)
	}
}

func TestMissingBaseFileIsAnError(t *testing.T) {
	m := minimal()
	delete(m, "events.txt")
	_, err := Load(m)
	if err == nil || !strings.Contains(err.Error(), "events.txt") {
		t.Errorf("err = %v", err)
	}
}

func TestParsePattern(t *testing.T) {
	items, err := ParsePattern("withdraw|pull * from? $R")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 || len(items[0].Words) != 2 || !items[1].Gap || !items[2].Optional || items[3].Slot != 'R' {
		t.Errorf("items: %+v", items)
	}
	// "People's" is two tokens to the tokenizer, and so two items.
	items, err = ParsePattern("New People's Army")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 || items[1].Words[0] != "People" || items[2].Words[0] != "'s" {
		t.Errorf("items of a possessive name: %+v", items)
	}
	for _, bad := range []string{"", "$R", "word?", "a||b", "$X"} {
		if _, err := ParsePattern(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// FuzzLoad feeds every kind of dictionary file, as the base or as a
// user's overlay: loading never panics, and every problem names the file
// and a line that exists in it.
func FuzzLoad(f *testing.F) {
	for i, name := range Files {
		data, err := fs.ReadFile(Embedded(), name)
		if err != nil {
			f.Fatal(err)
		}
		// A few lines of each shipped file, and each broken file.
		lines := strings.SplitAfter(string(data), "\n")
		f.Add(uint8(i), strings.Join(lines[:min(40, len(lines))], ""), i%2 == 0)
		if bad, err := os.ReadFile("testdata/broken/" + name); err == nil {
			f.Add(uint8(i), string(bad), i%2 == 1)
		}
	}
	f.Add(uint8(6), "AGREE | V | agree\nAGREE | V | agree\n", true)
	f.Add(uint8(0), "  : \nNER: Niger\n  names: a; b\xff\n", true)
	f.Fuzz(func(t *testing.T, which uint8, data string, overlay bool) {
		name := Files[int(which)%len(Files)]
		m := minimal()
		fsyss := []fs.FS{m}
		if overlay {
			fsyss = append(fsyss, fstest.MapFS{name: {Data: []byte(data)}})
		} else {
			m[name] = &fstest.MapFile{Data: []byte(data)}
		}
		lines := strings.Count(data, "\n") + 1
		_, err := Load(fsyss...)
		if err == nil {
			return
		}
		list, ok := err.(ErrorList)
		if !ok {
			t.Fatalf("error is not a list: %v", err)
		}
		for _, msg := range list {
			rest, ok := strings.CutPrefix(msg, "dict: ")
			if !ok {
				t.Fatalf("error without prefix: %q", msg)
			}
			file, rest, _ := strings.Cut(rest, ":")
			if file != name && !slices.Contains(Files, file) {
				t.Fatalf("error names no dictionary file: %q", msg)
			}
			num, _, _ := strings.Cut(rest, ":")
			if n, err := strconv.Atoi(num); file == name && err == nil && (n < 1 || n > lines) {
				t.Fatalf("error names line %d of a %d-line file: %q", n, lines, msg)
			}
		}
	})
}

// A word class of classes.txt stands for its words in a trigger pattern,
// an overlay's class replaces the built-in one for every trigger, and a
// class nobody defined is an error that names the trigger's line.
func TestWordClasses(t *testing.T) {
	base := minimal()
	base["classes.txt"] = &fstest.MapFile{Data: []byte("@goods | food; fuel\n")}
	base["events.txt"] = &fstest.MapFile{Data: []byte("AID | V | deliver * @goods|aid to $R\n")}
	d, err := Load(base)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Triggers[0].Pattern[2].Words, "|"); got != "food|fuel|aid" {
		t.Errorf("pattern item: %s, want food|fuel|aid", got)
	}
	user := fstest.MapFS{"classes.txt": {Data: []byte("@goods | tent\n")}}
	d, err = Load(base, user)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Triggers[0].Pattern[2].Words, "|"); got != "tent|aid" {
		t.Errorf("with the overlay: %s, want tent|aid", got)
	}
	base["events.txt"] = &fstest.MapFile{Data: []byte("AGREE | V | agree\nAID | V | deliver * @arms to $R\n")}
	_, err = Load(base)
	if err == nil || !strings.Contains(err.Error(), "events.txt:2: unknown class @arms") {
		t.Errorf("err = %v, want the unknown class named at events.txt:2", err)
	}
}

// Issue 17, item 12: a user's directory laid over the built-in files may
// replace their entries, but two lines of its own with one key are a
// mistake (the second silently dropped the first), as are lines that are
// not UTF-8 or are too long to be a dictionary line.
func TestOverlayProblemsInTheUsersOwnFile(t *testing.T) {
	long := "AGREE | V | " + strings.Repeat("agree ", 1<<20/6) + "\n"
	tests := []struct {
		name string
		user fstest.MapFS
		want string
	}{
		{"country twice", fstest.MapFS{"countries.txt": {Data: []byte("NER: Niger\n  capitals: Niamey\nNER: Niger Republic\n  capitals: Niamey\n")}},
			`dict: countries.txt:3: duplicate country "NER" (first at countries.txt:1)`},
		{"trigger twice", fstest.MapFS{"events.txt": {Data: []byte("CONSULT | N | talk with $R\nAGREE | V | accept\nCONSULT | N | talk with $R\n")}},
			`dict: events.txt:3: duplicate trigger "talk with $R" (first at events.txt:1)`},
		{"person twice", fstest.MapFS{"people.txt": {Data: []byte("Ali Zeine | NER | GOV | Prime Minister | 2023-08-08 |\nAli Zeine | NER | ELI | Prime Minister | 2023-08-08 |\n")}},
			`dict: people.txt:2: duplicate entry "Ali Zeine" (first at people.txt:1)`},
		{"agent twice", fstest.MapFS{"agents.txt": {Data: []byte("envoy | GOV\nenvoy | MIL\n")}},
			`dict: agents.txt:2: duplicate agent "envoy" (first at agents.txt:1)`},
		{"context twice", fstest.MapFS{"contexts.txt": {Data: []byte("military | army\nmilitary | navy\n")}},
			`dict: contexts.txt:2: duplicate context "military" (first at contexts.txt:1)`},
		{"invalid UTF-8", fstest.MapFS{"events.txt": {Data: []byte("AGREE | V | accept\nAGREE | V | accept the pr\xe9sident\n")}},
			"dict: events.txt:2: invalid UTF-8 at byte 26 of the line; save the file as UTF-8"},
		{"1 MB pattern", fstest.MapFS{"events.txt": {Data: []byte("AGREE | V | accept\n" + long)}},
			fmt.Sprintf("dict: events.txt:2: line is %d bytes long; at most 16384", len(long)-1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(minimal(), tc.user)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant %s", err, tc.want)
			}
		})
	}
}
