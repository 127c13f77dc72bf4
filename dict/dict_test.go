package dict

import (
	"errors"
	"os"
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

func FuzzLoad(f *testing.F) {
	f.Add("AGREE | V | agree\n", "NER: Niger\n  names: a; b\n")
	f.Add("X | Y", "  : \n")
	f.Fuzz(func(t *testing.T, events, countries string) {
		m := minimal()
		m["events.txt"] = &fstest.MapFile{Data: []byte(events)}
		m["countries.txt"] = &fstest.MapFile{Data: []byte(countries)}
		_, err := Load(m)
		if err != nil {
			for _, line := range err.(ErrorList) {
				if !strings.HasPrefix(line, "dict: ") {
					t.Fatalf("error without prefix: %q", line)
				}
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
