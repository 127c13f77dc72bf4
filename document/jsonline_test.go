package document

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"unicode/utf8"
)

// viaDecoder decodes a line the way ReadJSONL did before fastDecode.
func viaDecoder(data []byte) (jsonDoc, error) {
	var j jsonDoc
	err := json.NewDecoder(bytes.NewReader(data)).Decode(&j)
	return j, err
}

func show(j jsonDoc) string {
	t := "<nil>"
	if j.Text != nil {
		t = fmt.Sprintf("%q", *j.Text)
	}
	return fmt.Sprintf("{ID:%q Title:%q URL:%q Source:%q Date:%q Text:%s}", j.ID, j.Title, j.URL, j.Source, j.Date, t)
}

// checkFast fails if fastDecode accepts a line that encoding/json decodes
// differently or rejects. It reports whether fastDecode took the line.
func checkFast(t *testing.T, line []byte) bool {
	t.Helper()
	line = bytes.TrimSpace(line)
	if !utf8.Valid(line) {
		return false
	}
	var got jsonDoc
	if !fastDecode(line, &got) {
		return false
	}
	want, err := viaDecoder(line)
	if err != nil {
		t.Fatalf("%q: fastDecode took a line encoding/json rejects (%v): %s", line, err, show(got))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nfastDecode   %s\nencoding/json %s", line, show(got), show(want))
	}
	return true
}

var fastLines = []string{
	`{"id":"a","text":"One."}`,
	`{"id":"bench-1","date":"2020-06-26","title":"Russia's \"war\"","text":"KYIV - line\nbreak\ttab \\ slash \/ \u00e9\u2028 \ud83d\ude00 <&>"}`,
	`{}`, `{ }`, "{\t\"text\" :\r\n \"x\" , \"id\":\"y\" }",
	`{"text":"a"} trailing garbage`, `{"text":"a"}{"text":"b"}`,
	`{"TEXT":"upper","Id":"mixed","URL":"u","Source":"s","tItLe":"t","DATE":"2024-01-02"}`,
	`{"text":"a","text":"b"}`, `{"text":"a","text":null}`, `{"text":null,"text":"c"}`, `{"id":"a","id":null,"text":""}`,
	`{"text":"x","lang":"en","n":-1.5e+10,"z":0,"ok":true,"no":false,"nil":null,"e":1E3,"f":0.25}`,
	`{"text":"lone \ud800 high","id":"\udc00 low first"}`, `{"text":"\ud800\u0041 then A"}`, `{"text":"\ud83d\ud83d\ude00"}`,
	`{"text":"\u0000 nul and \u001F"}`, `{"text":"\uFFFD\uffff"}`, `{"text":"日本語 and é"}`,
	`{"texts":"not text","text":"yes","tex":"no"}`, `{"url":"","source":"","title":""}`,
}

// slowLines must all go to encoding/json: errors, and shapes fastDecode
// leaves to it.
var slowLines = []string{
	`not json`, `null`, `[1]`, `"text"`, `{`, `{"text"}`, `{"text":}`, `{"text":"a",}`, `{"text":"a" "id":"b"}`,
	`{"text":"unterminated`, `{"text":"bad \x escape"}`, `{"text":"bad \u12G4"}`, `{"text":"\ud800\uZZZZ"}`,
	"{\"text\":\"raw\ttab\"}", `{"text":1}`, `{"id":true,"text":"a"}`, `{"text":["a"]}`, `{"text":{"a":1}}`,
	`{"meta":{"a":1},"text":"a"}`, `{"tags":["x"],"text":"a"}`, `{"n":01,"text":"a"}`, `{"n":-,"text":"a"}`, `{"n":1.,"text":"a"}`,
	`{"n":1e,"text":"a"}`, `{"n":tru,"text":"a"}`, `{"t\u0065xt":"escaped key"}`, `{"ſource":"long s","text":"a"}`,
	`{"te` + "\u212a" + `t":"kelvin"}`, `{'text':'single'}`, `{"text":"a"` + "\x00" + `}`, "\ufeff{\"text\":\"bom\"}",
}

func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	for _, l := range fastLines {
		if !checkFast(t, []byte(l)) {
			t.Errorf("fastDecode left %q to encoding/json", l)
		}
	}
	for _, l := range slowLines {
		if checkFast(t, []byte(l)) {
			t.Errorf("fastDecode took %q", l)
		}
	}
}

// oldDecodeLine is decodeLine as it was before fastDecode.
func oldDecodeLine(data []byte) (Document, error) {
	if !utf8.Valid(data) {
		return Document{}, fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(data))
	}
	j, err := viaDecoder(data)
	if err != nil {
		return Document{}, fmt.Errorf("not a JSON object: %v", err)
	}
	if j.Text == nil {
		return Document{}, fmt.Errorf(`no "text" field`)
	}
	doc := Document{ID: j.ID, Title: j.Title, URL: j.URL, Source: j.Source, Text: *j.Text}
	if j.Date != "" {
		t, ok := ParseDate(j.Date)
		if !ok {
			return Document{}, fmt.Errorf("date %q is not a date; write it as YYYY-MM-DD", j.Date)
		}
		doc.Date = t
	}
	return doc, nil
}

func checkDecodeLine(t *testing.T, line []byte) {
	t.Helper()
	line = bytes.TrimSpace(line)
	got, gerr := decodeLine(line)
	want, werr := oldDecodeLine(line)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %+v, %v\nwant %+v, %v", line, got, gerr, want, werr)
	}
}

// TestDecodeLineUnchanged checks documents and error messages against the
// encoding/json path alone.
func TestDecodeLineUnchanged(t *testing.T) {
	for _, l := range append(append([]string{"{\"text\":\"a\",\"date\":\"19 May\"}", "{\"text\":\"bad \xff\"}"}, fastLines...), slowLines...) {
		checkDecodeLine(t, []byte(l))
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, l := range append(append([]string{}, fastLines...), slowLines...) {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkFast(t, b)
		checkDecodeLine(t, b)
	})
}

func TestParseJSONDate(t *testing.T) {
	for _, s := range []string{"2024-05-19", "2024-5-19", "2024-02-30", "0000-01-01", "19 May 2024", "2 May 2024", " 2024-05-19", "2024-05-19 ",
		"2024-05-19T10:00:00Z", "2024/05/19", "1999-12-31", "24-05-2019", "+024-05-19", "2024-05-1x", "", "May 1, 2024"} {
		got, gok := parseJSONDate(s)
		want, wok := ParseDate(s)
		if gok != wok || !got.Equal(want) || got.Location().String() != want.Location().String() {
			t.Errorf("%q: %v %v, ParseDate says %v %v", s, got, gok, want, wok)
		}
	}
}
