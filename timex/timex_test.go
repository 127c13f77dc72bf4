package timex

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"dyad/tokenize"
)

func find(s string, pub time.Time) []Expr {
	toks := (tokenize.Tokenizer{}).Tokenize(nil, s, 0, len(s))
	return Find(toks, pub)
}

func TestFind(t *testing.T) {
	pub := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC) // a Sunday
	tests := []struct {
		text         string
		past, future string
		prec         string
		deadline     bool
	}{
		{"said on Sunday", "2024-05-19", "2024-05-19", Day, false},
		{"met on Tuesday", "2024-05-14", "2024-05-21", Day, false},
		{"in March", "2024-03-01", "2025-03-01", Month, false},
		{"in December", "2023-12-01", "2024-12-01", Month, false},
		{"a coup last July", "2023-07-01", "2023-07-01", Month, false},
		{"a siege since May last year", "2023-05-01", "2023-05-01", Month, false},
		{"a vote in March next year", "2025-03-01", "2025-03-01", Month, false},
		{"ousted ten months ago", "2023-07-01", "2023-07-01", Month, false},
		{"no later than September 15, 2024", "2024-09-15", "2024-09-15", Day, true},
		{"no later than mid-September", "2023-09-15", "2024-09-15", Month, true},
		{"on 5 January 2024", "2024-01-05", "2024-01-05", Day, false},
		{"built in 2016", "2016-01-01", "2016-01-01", Year, false},
		{"last week", "2024-05-12", "2024-05-12", Week, false},
		{"yesterday", "2024-05-18", "2024-05-18", Day, false},
		{"in March 2023", "2023-03-01", "2023-03-01", Month, false},
		{"by the end of June", "2023-06-01", "2024-06-01", Month, true},
		{"on 2024-02-29", "2024-02-29", "2024-02-29", Day, false},
		{"held until at least June 12", "2023-06-12", "2024-06-12", Day, true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			got := find(tc.text, pub)
			if len(got) != 1 {
				t.Fatalf("found %d expressions: %+v", len(got), got)
			}
			e := got[0]
			if d := e.Past.Format("2006-01-02"); d != tc.past {
				t.Errorf("past %s, want %s", d, tc.past)
			}
			if d := e.Future.Format("2006-01-02"); d != tc.future {
				t.Errorf("future %s, want %s", d, tc.future)
			}
			if e.Precision != tc.prec || e.Deadline != tc.deadline {
				t.Errorf("precision %s deadline %v, want %s %v", e.Precision, e.Deadline, tc.prec, tc.deadline)
			}
		})
	}
}

func TestNotDates(t *testing.T) {
	pub := time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"Russia may act", "protesters march on", "a $100-million base", "two days after the vote", "May said so",
		"a former mayor, born in 1956,", "a blogger born on 5 May 1988", "born in March 1970", "in case No. 440 of 2021", "under Resolution 2231 of 2015"} {
		if got := find(s, pub); len(got) != 0 {
			t.Errorf("%q: found %+v", s, got)
		}
	}
}

func ExampleFind() {
	s := "The coup came last July; the deal ends no later than September 15, 2024."
	toks := (tokenize.Tokenizer{}).Tokenize(nil, s, 0, len(s))
	for _, e := range Find(toks, time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(e.Past.Format("2006-01-02"), e.Precision, e.Deadline)
	}
	// Output:
	// 2023-07-01 month false
	// 2024-09-15 day true
}

func TestOffset(t *testing.T) {
	for _, tc := range []struct {
		s          string
		y, m, d    int
		wantOffset bool
	}{
		{"said on Wednesday, a day after protesters stormed parliament", 0, 0, -1, true},
		{"two weeks after the vote", 0, 0, -14, true},
		{"3 months before the election", 0, 3, 0, true},
		{"several days after the raid", 0, 0, 0, false},
		{"after the raid", 0, 0, 0, false},
	} {
		toks := (tokenize.Tokenizer{}).Tokenize(nil, tc.s, 0, len(tc.s))
		y, m, d, ok := Offset(toks, 0, len(toks))
		if ok != tc.wantOffset || y != tc.y || m != tc.m || d != tc.d {
			t.Errorf("%q: got %d %d %d %v, want %d %d %d %v", tc.s, y, m, d, ok, tc.y, tc.m, tc.d, tc.wantOffset)
		}
	}
}

// atoi reads what strconv.Atoi reads, up to four characters.
func TestAtoiAgreesWithStrconv(t *testing.T) {
	for _, s := range []string{"", "0", "7", "15", "2024", "12345", "-3", "+12", "-", "+", "1a", "a1", "１２", "3.5", " 1"} {
		got, ok := atoi(s)
		want, err := strconv.Atoi(s)
		if len(s) > 4 || s == "" {
			want, err = 0, strconv.ErrSyntax
		}
		if ok != (err == nil) || ok && got != want {
			t.Errorf("atoi(%q) = %d, %v; strconv gives %d, %v", s, got, ok, want, err)
		}
	}
}

// The quick filter lets through every word that opens an expression, and
// keeps out most others.
func TestOpenersFilter(t *testing.T) {
	var all []string
	all = append(all, openerWords...)
	for _, m := range []map[string]time.Month{months} {
		for w := range m {
			all = append(all, w)
		}
	}
	for w := range weekdays {
		all = append(all, w)
	}
	for w := range numbers {
		all = append(all, w)
	}
	for _, w := range all {
		if !openers.has(w) {
			t.Errorf("the filter keeps out %q, which opens an expression", w)
		}
	}
	kept := 0
	common := []string{"the", "and", "to", "a", "said", "that", "for", "on", "with", "was", "troops", "government", "minister", "agreement", "niger", "talks"}
	for _, w := range common {
		if !openers.has(w) {
			kept++
		}
	}
	if kept < len(common)/2 {
		t.Errorf("the filter keeps out only %d of %d common words", kept, len(common))
	}
	// And dates are still found past it.
	got := find("Troops left in 2019, two weeks ago, on Sunday and in mid-September.", time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC))
	if len(got) != 4 {
		t.Errorf("found %d expressions, want 4: %+v", len(got), got)
	}
}

// TestMidnight checks that midnight and addDays, which skip the calendar
// arithmetic, return the very values (== compares the location and the
// monotonic reading too) of time.Date and AddDate.
func TestMidnight(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	for _, pub := range []time.Time{
		time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC),
		time.Date(1999, 12, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 10, 23, 30, 0, 5, ny),
		time.Now(),
		time.Now().UTC(),
		{},
	} {
		want := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
		got := midnight(pub)
		if got != want {
			t.Errorf("midnight(%v) = %#v, want %#v", pub, got, want)
		}
		for _, n := range []int{-70000, -366, -7, -1, 0, 1, 6, 7, 400} {
			if got, want := addDays(got, n), got.AddDate(0, 0, n); got != want {
				t.Errorf("addDays(%v, %d) = %#v, want %#v", pub, n, got, want)
			}
		}
	}
}

// The word tables answer as the maps they are built from, for the maps'
// words and for others that share their length and end bytes.
func TestWordTables(t *testing.T) {
	check := func(name string, get, m func(string) (int, bool)) {
		t.Helper()
		words := []string{"", "m", "marc", "mayo", "monkey", "tomorrow", "sunday.", "twenty-one", "a lot"}
		for _, w := range words {
			got, gok := get(w)
			want, wok := m(w)
			if got != want || gok != wok {
				t.Errorf("%s.get(%q) = %d %v, want %d %v", name, w, got, gok, want, wok)
			}
		}
	}
	for w, v := range months {
		if got, ok := monthTable.get(w); !ok || got != v {
			t.Errorf("monthTable.get(%q) = %v %v, want %v", w, got, ok, v)
		}
	}
	for w, v := range weekdays {
		if got, ok := weekdayTable.get(w); !ok || got != v {
			t.Errorf("weekdayTable.get(%q) = %v %v, want %v", w, got, ok, v)
		}
	}
	for w, v := range numbers {
		if got, ok := numberTable.get(w); !ok || got != v {
			t.Errorf("numberTable.get(%q) = %v %v, want %v", w, got, ok, v)
		}
	}
	for w := range monthIntro {
		if _, ok := introTable.get(w); !ok {
			t.Errorf("introTable.get(%q) misses", w)
		}
	}
	check("months", func(w string) (int, bool) { m, ok := monthTable.get(w); return int(m), ok },
		func(w string) (int, bool) { m, ok := months[w]; return int(m), ok })
	check("numbers", numberTable.get, func(w string) (int, bool) { n, ok := numbers[w]; return n, ok })
}
