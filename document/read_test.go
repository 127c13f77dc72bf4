package document

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestFromTextHeader(t *testing.T) {
	in := "Title: Talks end\nDATE: 2024-05-19\nSource: Wire\nURL: https://example.org/a\n---\nThe talks ended.\n"
	d, err := FromText([]byte(in), "a")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Talks end" || d.Source != "Wire" || d.URL != "https://example.org/a" || d.Date.Format("2006-01-02") != "2024-05-19" {
		t.Errorf("header not read: %+v", d)
	}
	if d.Text != "The talks ended.\n" {
		t.Errorf("text = %q", d.Text)
	}
}

func TestFromTextWithoutHeader(t *testing.T) {
	in := "Washington: the talks ended.\n\nMore text."
	d, err := FromText([]byte(in), "a")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != in {
		t.Errorf("a line that only looks like a header was taken: %q", d.Text)
	}
}

func TestFromTextErrors(t *testing.T) {
	if _, err := FromText([]byte("Date: yesterday\n\nText."), "a.txt"); err == nil || !strings.Contains(err.Error(), "a.txt:1") {
		t.Errorf("bad date: %v", err)
	}
	if _, err := FromText([]byte("ok \xff text"), "b.txt"); err == nil || !strings.Contains(err.Error(), "byte 3") {
		t.Errorf("invalid UTF-8: %v", err)
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id":"a","text":"One.","date":"2024-05-19"}
not json
{"id":"b"}
{"id":"a","text":"Again."}
{"text":"No id."}

{"id":"c","text":"Three.","date":"19 May"}
`
	var got []string
	var bad []string
	err := ReadJSONL(strings.NewReader(in), "docs.jsonl", func(d Document) error {
		got = append(got, d.ID)
		return nil
	}, func(e *LineError) { bad = append(bad, e.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[a docs.jsonl:5]" {
		t.Errorf("documents: %v", got)
	}
	want := []string{
		"docs.jsonl:2: not a JSON object",
		"docs.jsonl:3: no \"text\" field",
		"docs.jsonl:4: duplicate id \"a\" (first on line 1)",
		"docs.jsonl:7: date \"19 May\" is not a date",
	}
	if len(bad) != len(want) {
		t.Fatalf("errors: %q", bad)
	}
	for i := range want {
		if !strings.HasPrefix(bad[i], want[i]) {
			t.Errorf("error %d = %q, want prefix %q", i, bad[i], want[i])
		}
	}
}

func TestReadJSONLStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	err := ReadJSONL(strings.NewReader(`{"text":"a"}`+"\n"+`{"text":"b"}`), "x", func(Document) error { return stop }, func(*LineError) {})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v", err)
	}
}

func FuzzFromText(f *testing.F) {
	for _, s := range []string{"Title: a\nDate: 2024-01-02\n---\nText", "Date: x\n\n", "no header", "Title:\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := FromText(b, "f")
		if err == nil && !strings.HasSuffix(string(b), d.Text) {
			t.Fatalf("text %q is not the end of the input", d.Text)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}` + "\n{\n"))
	f.Add([]byte(`{"text":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = ReadJSONL(strings.NewReader(string(b)), "f", func(Document) error { return nil }, func(*LineError) {})
	})
}

func ExampleFromText() {
	d, _ := FromText([]byte("Title: Talks\nDate: 2024-05-19\n\nThe talks ended."), "a")
	fmt.Println(d.Title, d.Date.Format("2006-01-02"), d.Text)
	// Output: Talks 2024-05-19 The talks ended.
}
