package store

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"dyad/plover"
)

// recordEvents are events whose records carry what Marshal escapes or
// spells in more than one way: HTML characters, quotes, backslashes, line
// separators, control bytes, invalid UTF-8, non-ASCII text, empty lists
// beside missing ones, large, tiny and negative zero numbers.
func recordEvents() map[string]plover.Event {
	full := plover.Event{ID: "d-0", Date: "2024-05-19", DocID: "d", DatePrecision: "day", Deadline: "2024-09-15",
		Actor:       []plover.Entity{{Code: "USAGOV", Sector: "GOV", EntityText: "Washington", IdentifierText: "the US", Office: "president", Start: 1, End: 11}, {Code: "FRA"}},
		Recipient:   []plover.Entity{{Code: "NER", EntityText: "<junta> & co", Start: 23, End: 36}},
		Attribution: []plover.Entity{{Code: "NERGOV", EntityText: "Zeine"}},
		Event:       []string{"AGREE", "CONSULT"}, Mode: []string{"negotiate"}, Context: []string{"military", "diplomatic"},
		QuadCode: 1, EventScale: 3.5, Goldstein: -4.25, Cameo: "057", EventText: []string{"agreed", "<met>"},
		EventSpans: []plover.Span{{Start: 12, End: 18}},
		EventLoc: &plover.Location{ExtractedPlace: "Niamey", ResolvedPlace: "Niamey, Niger", Lat: 13.51, Lon: 2.11, Province: "Niamey",
			Country: "Niger", CountryCode: "NER", FeatureClass: "P", FeatureCode: "PPLC", Resolution: 3, Start: 40, End: 46},
		Text: "Washington agreed with Niger's junta in Niamey.", TextInfo: plover.TextInfo{Sequence: 2, Start: 100, End: 147},
		CiteInfo: plover.CiteInfo{URL: "https://n.example/a?x=1&y=<2>", Title: "A & B", Publication: "Le Sahel", Coder: "dyad", Codebook: "PLOVER"},
		Rule:     "events.txt:805"}
	escapes := full
	escapes.Text = "a \"quote\", a \\ backslash, the six characters \\u003c, line\u2028and paragraph\u2029separators, a tab\tand a bell\a, NUL \x00; Zürich, 北京, 🙂"
	escapes.Actor = []plover.Entity{{Code: "USA", EntityText: "\x1f<&>\u007f"}}
	invalid := full
	invalid.Text = "bad \xff byte and a lone \xed\xa0\x80 surrogate"
	numbers := full
	numbers.EventScale, numbers.Goldstein = math.Copysign(0, -1), 1e21
	numbers.EventLoc = &plover.Location{Lat: 5e-324, Lon: -math.MaxFloat64}
	numbers.QuadCode = math.MinInt64
	numbers.TextInfo = plover.TextInfo{Sequence: math.MaxInt64, Start: -1}
	empty := plover.Event{Actor: []plover.Entity{}, Recipient: []plover.Entity{}, Event: []string{}, Mode: []string{""}, EventSpans: []plover.Span{}}
	return map[string]plover.Event{"every field": full, "escapes": escapes, "invalid UTF-8": invalid, "numbers": numbers,
		"empty lists": empty, "zero": {}}
}

// TestFastEventDecodesMarshalOutput checks that the records the writer
// stores (json.Marshal's output) take the fast path and decode to what
// the slower decoder decodes from them.
func TestFastEventDecodesMarshalOutput(t *testing.T) {
	for name, e := range recordEvents() {
		t.Run(name, func(t *testing.T) { checkMarshalled(t, e) })
	}
}

// TestDecodeEventOddRecords checks records that json.Marshal does not
// write, which fastEvent leaves to the slower decoder: whatever decodes
// them, decodeEvent must store what that decoder alone stores.
func TestDecodeEventOddRecords(t *testing.T) {
	for _, rec := range []string{
		`{"id": "spaced"}`,
		`{"ID":"folded case","Actor":[{"CODE":"USA"}]}`,
		`{"id":"a","id":"twice"}`,
		`{"actor":[{"code":"USA","code":"FRA"}]}`,
		`{"text":"invalid \xff UTF-8"}`,
		`{"text":"lone \ud800 surrogate and a pair \ud83d\ude42"}`,
		`{"quad_code":1.0}`,
		`{"quad_code":1e2}`,
		`{"quad_code":99999999999999999999}`,
		`{"event_scale":1e400}`,
		`{"id":null,"text_info":null,"event_loc":null,"actor":null}`,
		`{"unknown":[1,{"x":"y"}],"id":"a"}`,
		`{"id":"a"} `,
		`{"id":"a"}{}`,
		`{"event":["a",1]}`,
		`{"id":"\u00e9\u0000\/\b\f\n\r\t"}`,
		`{"id":"control` + "\x01" + `"}`,
		`[]`, `null`, ``, `{`, `{"id":"a"`,
	} {
		checkDecode(t, []byte(rec))
	}
}

// checkDecode fails t unless decodeEvent and the decoder it replaces
// (go-json-experiment under encoding/json's rules) agree on rec: both
// refuse it, or both store the same event; and unless fastEvent, when it
// takes rec, stores that event too.
func checkDecode(t *testing.T, rec []byte) {
	t.Helper()
	var want plover.Event
	werr := jsonv2.Unmarshal(rec, &want, jsonv1.DefaultOptionsV1())
	var got plover.Event
	gerr := decodeEvent(string(rec), &got)
	if (gerr == nil) != (werr == nil) || werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %+v, %v\nwant %+v, %v", rec, got, gerr, want, werr)
	}
	var fast plover.Event
	if fastEvent(string(rec), &fast) && (werr != nil || !reflect.DeepEqual(fast, want)) {
		t.Fatalf("%q: fastEvent took it as\n%+v\nthe slower decoder: %+v, %v", rec, fast, want, werr)
	}
}

func FuzzDecodeEvent(f *testing.F) {
	for _, e := range recordEvents() {
		rec, _ := json.Marshal(e)
		f.Add(rec)
	}
	f.Add([]byte(`{"id":"a","id":"b"}`))
	f.Fuzz(func(t *testing.T, rec []byte) {
		checkDecode(t, rec)
	})
}

// FuzzFastEventMarshalled checks that every record json.Marshal writes
// takes the fast path and decodes as the slower decoder does.
func FuzzFastEventMarshalled(f *testing.F) {
	f.Add("Washington", "<junta> & \"co\"", 3.5, -4)
	f.Add("\xff\u2028", "\\u003c", math.Copysign(0, -1), math.MinInt64)
	f.Fuzz(func(t *testing.T, a, b string, x float64, n int) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return // json.Marshal refuses them: never stored
		}
		e := plover.Event{ID: a, Text: b, Actor: []plover.Entity{{Code: b, EntityText: a, Start: n}}, EventText: []string{a, b},
			EventScale: x, Goldstein: -x, QuadCode: n, EventLoc: &plover.Location{ExtractedPlace: a, Lat: x}}
		checkMarshalled(t, e)
	})
}

// checkMarshalled fails t unless the record json.Marshal writes for e
// takes the fast path and decodes as the slower decoder does.
func checkMarshalled(t *testing.T, e plover.Event) {
	t.Helper()
	rec, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var got plover.Event
	if !fastEvent(string(rec), &got) {
		t.Fatalf("fastEvent refused %s", rec)
	}
	checkDecode(t, rec)
}

// BenchmarkDecodeEvent decodes the stored record of the "every field"
// event with decodeEvent (fastEvent) and with the decoder alone that it
// falls back to.
func BenchmarkDecodeEvent(b *testing.B) {
	rec, _ := json.Marshal(recordEvents()["every field"])
	s := string(rec) // as the driver hands it over
	b.Run("decodeEvent", func(b *testing.B) {
		for b.Loop() {
			var e plover.Event
			if err := decodeEvent(s, &e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("go-json-experiment", func(b *testing.B) {
		for b.Loop() {
			var e plover.Event
			if err := jsonv2.Unmarshal(rec, &e, jsonv1.DefaultOptionsV1()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
