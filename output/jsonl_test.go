package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"dyad/plover"
)

// reference writes evs the way output used to: one json.Encoder.Encode per
// event, HTML escaping on (the Encoder's default).
func reference(evs []plover.Event) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range evs {
		if err := enc.Encode(&evs[i]); err != nil {
			return b.Bytes(), err
		}
	}
	return b.Bytes(), nil
}

func viaJSONL(t testing.TB, evs []plover.Event) ([]byte, error) {
	t.Helper()
	var b bytes.Buffer
	w, err := New(&b, "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	err = w.Write(evs)
	if cerr := w.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	return b.Bytes(), err
}

func checkSame(t testing.TB, evs []plover.Event) {
	t.Helper()
	want, werr := reference(evs)
	got, gerr := viaJSONL(t, evs)
	if !bytes.Equal(got, want) {
		t.Fatalf("jsonl differs from encoding/json:\n got %s\nwant %s", got, want)
	}
	if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		t.Fatalf("error %v, encoding/json says %v", gerr, werr)
	}
}

// tricky are strings that JSON escaping gets wrong in the usual ways.
var tricky = []string{
	"", "plain", `say "no"`, `back\slash`, "tab\there", "line\nbreak\r\n", "\b\f\v\x00\x01\x1f\x7f",
	"<script>alert(1)</script> & co", "line\u2028sep\u2029para", "caf\u00e9 \u65e5\u672c \U0001F600",
	"bad \xff utf8", "\xc3", "\xe2\x80", "trunc\xe2\x80\xa8x\xe2\x80", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 too big",
	"\ufffd already", "mixed <\"\\\u2028\xfe>&",
}

func trickyEvent(s string, i int) plover.Event {
	pick := func(k int) string { return tricky[(i+k)%len(tricky)] }
	return plover.Event{
		ID: s, Date: pick(1), DocID: pick(2), DatePrecision: pick(3), Deadline: pick(4), Cameo: pick(5), Rule: pick(6),
		Actor:       []plover.Entity{{Code: s, Sector: pick(7), EntityText: pick(8), IdentifierText: pick(9), Office: pick(10), Start: -3, End: 1 << 40}},
		Recipient:   []plover.Entity{},
		Attribution: []plover.Entity{{Code: pick(11)}, {EntityText: s}},
		Event:       []string{s, pick(12)}, Mode: []string{}, Context: nil,
		QuadCode: i - 2, EventScale: []float64{0, -5.5, 1e-7, 1e21, 123456789012345678901234.0, math.SmallestNonzeroFloat64, math.Copysign(0, -1), 1.0 / 3}[i%8],
		EventText: []string{s},
		EventLoc: &plover.Location{ExtractedPlace: s, ResolvedPlace: pick(13), Lat: -1e-9, Lon: 179.99999, Province: pick(14), Country: pick(15),
			CountryCode: pick(16), FeatureClass: pick(17), FeatureCode: s, Resolution: i % 3, Start: i, End: i + 1},
		Text:       s,
		TextInfo:   plover.TextInfo{Sequence: i, Start: i * 10, End: i*10 + len(s)},
		CiteInfo:   plover.CiteInfo{URL: pick(0), Title: pick(1), Publication: pick(2), Coder: pick(3), Codebook: s},
		Goldstein:  []float64{-10, 3.4, 0, 7e-7, -2e22}[i%5],
		EventSpans: []plover.Span{{Start: 1, End: 2}, {Start: i, End: -i}},
	}
}

func TestJSONLMatchesEncodingJSON(t *testing.T) {
	checkSame(t, sample())
	checkSame(t, nil)
	checkSame(t, []plover.Event{{}})
	var evs []plover.Event
	for i, s := range tricky {
		checkSame(t, []plover.Event{trickyEvent(s, i)})
		evs = append(evs, trickyEvent(s, i))
	}
	checkSame(t, evs)
	// Events of one sentence share its text, written once and copied.
	var shared []plover.Event
	for i, s := range []string{tricky[1], tricky[1], tricky[2], tricky[1], "", "", tricky[3] + "\u2028"} {
		ev := trickyEvent(tricky[i%len(tricky)], i)
		ev.Text = s
		// A document's events share its title too, with or without a URL.
		ev.CiteInfo.Title = tricky[2]
		if i%2 == 0 {
			ev.CiteInfo.URL = ""
		}
		if i == 4 {
			ev.CiteInfo.Title = ""
		}
		shared = append(shared, ev)
	}
	checkSame(t, shared)
	// Optional fields one at a time, the rest empty or nil.
	checkSame(t, []plover.Event{
		{CiteInfo: plover.CiteInfo{Title: "t"}},
		{CiteInfo: plover.CiteInfo{Codebook: "c"}},
		{EventLoc: &plover.Location{}, EventSpans: []plover.Span{}, Attribution: []plover.Entity{}},
		{Actor: []plover.Entity{{}}, Event: []string{""}},
	})
}

func TestJSONLNonFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		evs := []plover.Event{sample()[0], sample()[0], sample()[0]}
		evs[1].Goldstein = f
		checkSame(t, evs)
		evs[1].Goldstein = 0
		evs[1].EventLoc = &plover.Location{Lon: f}
		checkSame(t, evs)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestJSONLWriteError(t *testing.T) {
	fw := &failWriter{}
	w, _ := New(fw, "jsonl")
	if err := w.Write(sample()); err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v", err)
	}
	if err := w.Write(sample()); err == nil || fw.n != 1 {
		t.Fatalf("error not sticky: %v, %d writes", err, fw.n)
	}
	// Nothing to write is not an error before a failure.
	var b bytes.Buffer
	w, _ = New(&b, "jsonl")
	if err := w.Write(nil); err != nil || b.Len() != 0 {
		t.Fatalf("empty batch: %v %q", err, b.String())
	}
}

// replaceInvalid replaces each byte of invalid UTF-8 with U+FFFD, as
// encoding/json does.
func replaceInvalid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func TestJSONLRoundTrip(t *testing.T) {
	for i, s := range tricky {
		ev := trickyEvent(s, i)
		out, err := viaJSONL(t, []plover.Event{ev})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(out[:len(out)-1], '\n') >= 0 || out[len(out)-1] != '\n' {
			t.Fatalf("not one line: %q", out)
		}
		var back plover.Event
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		want := replaceInvalid(s)
		if back.Text != want || back.ID != want || back.Actor[0].Code != want || back.EventLoc.FeatureCode != want || back.CiteInfo.Codebook != want {
			t.Errorf("%q came back as %q", s, back.Text)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	for i, s := range tricky {
		f.Add(s, tricky[(i+1)%len(tricky)], i, float64(i)*-1.25)
	}
	f.Add("x", "y", 0, 1e-7)
	f.Add("x", "", -1, 1e21)
	f.Fuzz(func(t *testing.T, a, b string, n int, x float64) {
		ev := trickyEvent(a, n&0xff)
		ev.Text, ev.Rule, ev.QuadCode, ev.EventScale = b, a+b, n, x
		ev.Actor[0].EntityText = b
		ev.EventLoc.Lat = -x
		ev.Goldstein = x * 1e-10
		if n%2 == 0 {
			ev.CiteInfo = plover.CiteInfo{Coder: a}
			ev.EventLoc = nil
			ev.Attribution = nil
		}
		checkSame(t, []plover.Event{ev, sample()[0]})
	})
}

// TestJSONLNumbers checks the short paths for small integers and tenths
// against strconv and encoding/json around every boundary they have.
func TestJSONLNumbers(t *testing.T) {
	for _, v := range []int{math.MinInt, -10001, -10000, -9999, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 10001, 1 << 40, math.MaxInt} {
		if got, want := string(appendInt(nil, v)), strconv.Itoa(v); got != want {
			t.Errorf("appendInt(%d) = %s", v, got)
		}
	}
	for v := -1000; v <= 12000; v++ {
		if got, want := string(appendInt(nil, v)), strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %s", v, got)
		}
	}
	floats := []float64{0, math.Copysign(0, -1), 0.1, -0.1, 0.05, 0.15, 0.3, 1.0 / 3, 0.1 + 0.2, 9999.9, -9999.9, 10000, 10000.5, -10000,
		99999.9, 1e-7, 1e21, 1e15, 12.36566, -0.12574, math.Nextafter(0.1, 1), math.Nextafter(-9.5, 0), math.Nextafter(49, 50),
		math.MaxFloat64, math.SmallestNonzeroFloat64}
	for k := -100010; k <= 100010; k++ {
		floats = append(floats, float64(k)/10, float64(k)*0.1, float64(k)/100)
	}
	for _, f := range floats {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Fatalf("appendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

// TestStringWindows checks appendString against encoding/json on strings
// of 1 to 20 bytes with every byte value at every position, as the plain
// strings are copied in words, halves and single bytes by length.
func TestStringWindows(t *testing.T) {
	for c := 0; c < 256; c++ {
		for n := 1; n <= 20; n++ {
			for p := 0; p < n; p++ {
				b := []byte(strings.Repeat("y", n))
				b[p] = byte(c)
				want, err := json.Marshal(string(b))
				if err != nil {
					t.Fatal(err)
				}
				if got := appendString([]byte("x"), string(b)); string(got[1:]) != string(want) || got[0] != 'x' {
					t.Fatalf("appendString(%q) = %s, want %s", b, got, want)
				}
			}
		}
	}
}
