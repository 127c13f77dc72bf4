// Package timex finds the time expressions of a sentence and resolves them
// against the publication date.
//
// In: a sentence's tokens and the document's publication date. Out: Exprs
// with their token range, the date they name read in the past (the usual
// case in news) and read in the future (for events the text puts ahead),
// their precision, and whether they set a deadline ("no later than
// September 15, 2024", "by March"). It reads full dates in the common
// orders, months with or without a year ("in March", "last July",
// "mid-September"), weekdays ("on Sunday"), "yesterday", "today", "last
// week", "this month", "next year", "ten months ago", and years ("in
// 2016").
package timex

import (
	"strings"
	"time"

	"dyad/tokenize"
)

// Precision values, as in the date_precision field.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
)

// Expr is a resolved time expression.
type Expr struct {
	Start, End int // token range
	// Past is the date read as past or present; Future as future. They
	// differ only for expressions without a year or direction ("in March",
	// "on Sunday").
	Past, Future time.Time
	Precision    string
	Deadline     bool
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// Offset finds "a day after", "two weeks after", "a month before" between
// tokens from and to, and returns the shift it puts on what follows it:
// back for "after", forward for "before" ("said on Wednesday ..., a day
// after protesters stormed parliament").
func Offset(toks []tokenize.Token, from, to int) (years, months, days int, ok bool) {
	for i := max(from+2, 2); i < to; i++ {
		dir := 0
		switch toks[i].Lower {
		case "after":
			dir = -1
		case "before":
			dir = 1
		default:
			continue
		}
		l := toks[i-2].Lower
		n, exact := numberTable.get(l)
		if !exact || l == "several" || l == "few" {
			if n, exact = atoi(l); toks[i-2].Kind != tokenize.Number {
				exact = false
			}
		}
		if !exact || n <= 0 {
			continue
		}
		switch strings.TrimSuffix(toks[i-1].Lower, "s") {
		case "day":
			return 0, 0, dir * n, true
		case "week":
			return 0, 0, dir * 7 * n, true
		case "month":
			return 0, dir * n, 0, true
		case "year":
			return dir * n, 0, 0, true
		}
	}
	return 0, 0, 0, false
}

// IsMonth reports whether the lower-case word names a month, in full or
// abbreviated ("march", "sept").
func IsMonth(lower string) bool { _, ok := monthTable.get(lower); return ok }

// IsWeekday reports whether lower is the name of a day of the week.
func IsWeekday(lower string) bool { _, ok := weekdayTable.get(lower); return ok }

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var numbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"twenty": 20, "thirty": 30, "several": 3, "few": 3, "a few": 3,
}

// monthIntro are the words after which a capitalised month name is a
// month and not a verb or modal ("in March", not "March on").
var monthIntro = map[string]bool{"in": true, "last": true, "next": true, "since": true, "until": true, "by": true,
	"early": true, "late": true, "mid": true, "of": true, "this": true, "from": true, "during": true, "before": true,
	"after": true, "between": true, "and": true, "to": true, "till": true, "on": true, "than": true, "through": true, "end": true}

// Find returns the time expressions in toks, resolved against pub.
func Find(toks []tokenize.Token, pub time.Time) []Expr {
	var out []Expr
	n := len(toks)
	low := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		return toks[i].Lower
	}
	// Most sentences hold no expression: pub is brought to its day only
	// once a token may open one.
	day0, haveDay := time.Time{}, false
	for i := candidate(toks, 0); i < n; i = candidate(toks, i+1) {
		if !haveDay {
			day0, haveDay = midnight(pub), true
		}
		e, ok := at(toks, i, day0, low)
		if !ok {
			continue
		}
		// "a former mayor, born in 1956": a birth date dates no event.
		if low(e.Start-1) == "born" || (low(e.Start-1) == "in" || low(e.Start-1) == "on") && low(e.Start-2) == "born" {
			i = e.End - 1
			continue
		}
		e.Deadline = isDeadline(low, e.Start)
		out = append(out, e)
		i = e.End - 1
	}
	return out
}

// midnight returns the start of t's day, in UTC: what
// time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) returns.
// A time already in UTC (the usual publication date) is truncated to the
// day instead, which skips the calendar arithmetic of Year, Month, Day and
// Date: days are whole multiples of 24 hours since the zero time.
func midnight(t time.Time) time.Time {
	if t.Location() == time.UTC {
		return t.UTC().Truncate(24 * time.Hour)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// isDeadline reports whether the words before token i make the expression
// that starts there a deadline ("no later than", "by", "by the end of").
func isDeadline(low func(int) string, i int) bool {
	p1, p2, p3 := low(i-1), low(i-2), low(i-3)
	switch {
	case (p3 == "no" || p3 == "not") && p2 == "later" && p1 == "than":
		return true
	case p1 == "by" || p1 == "before" || p1 == "until" || p1 == "till":
		return true
	// "until at least November 12", "until no earlier than 2026".
	case (p3 == "until" || p3 == "till") && (p2 == "at" && p1 == "least" || p2 == "at" && p1 == "most"):
		return true
	case p3 == "by" && p2 == "the" && p1 == "end" || p2 == "end" && p1 == "of" && low(i-4) == "by":
		return true
	case p1 == "deadline" || p2 == "deadline":
		return true
	}
	return false
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// addDays returns pub, a midnight in UTC, moved by n days: what
// pub.AddDate(0, 0, n) returns, without its calendar arithmetic, as a UTC
// day is always 24 hours.
func addDays(pub time.Time, n int) time.Time { return pub.Add(time.Duration(n) * 24 * time.Hour) }

// atoi reads one to four decimal digits (an optional sign included, as
// strconv.Atoi reads them).
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	neg := false
	d := s
	if d[0] == '+' || d[0] == '-' {
		neg, d = d[0] == '-', d[1:]
	}
	if d == "" {
		return 0, false
	}
	v := 0
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		v = v*10 + int(d[i]-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

func isYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, ok := atoi(s)
	return y, ok && y >= 1900 && y <= 2100
}

// monthAt reads a month name at i, returning the month and the index after
// it (skipping an abbreviation's period).
func monthAt(toks []tokenize.Token, i int, low func(int) string) (time.Month, int, bool) {
	if i < len(toks) && toks[i].Kind == tokenize.Number {
		return 0, 0, false // no month is written in digits
	}
	m, ok := monthTable.get(low(i))
	if !ok {
		return 0, 0, false
	}
	j := i + 1
	if len(low(i)) <= 4 && low(i) != "may" && low(i) != "june" && low(i) != "july" && j < len(toks) && toks[j].Text == "." {
		j++
	}
	return m, j, true
}

func at(toks []tokenize.Token, i int, pub time.Time, low func(int) string) (Expr, bool) {
	l := low(i)
	e := Expr{Start: i}
	set := func(end int, past, fut time.Time, prec string) (Expr, bool) {
		e.End, e.Past, e.Future, e.Precision = end, past, fut, prec
		return e, true
	}
	// ISO date: 2024-09-15.
	if len(l) == 10 && l[4] == '-' && l[7] == '-' {
		if t, err := time.Parse("2006-01-02", l); err == nil {
			return set(i+1, t, t, Day)
		}
	}
	// "mid-September", "early-March".
	if k := strings.IndexByte(l, '-'); k > 0 {
		if m, ok := monthTable.get(l[k+1:]); ok && (l[:k] == "mid" || l[:k] == "early" || l[:k] == "late") {
			// The part of the month moves the day: early 1st, mid 15th,
			// late 25th; the precision stays the month.
			d := 1
			switch l[:k] {
			case "mid":
				d = 15
			case "late":
				d = 25
			}
			p, f := monthPastFuture(pub, m, false, false)
			p, f = addDays(p, d-1), addDays(f, d-1)
			if y, ok := isYear(low(i + 1)); ok {
				t := day(y, m, d)
				return set(i+2, t, t, Month)
			}
			return set(i+1, p, f, Month)
		}
	}
	if m, j, ok := monthAt(toks, i, low); ok {
		if !toks[i].Cap {
			return e, false
		}
		// Month Day[,] [Year]
		if d, ok := atoi(low(j)); ok && d >= 1 && d <= 31 {
			k := j + 1
			if low(k) == "," {
				k++
			}
			if y, ok := isYear(low(k)); ok {
				t := day(y, m, d)
				return set(k+1, t, t, Day)
			}
			p, f := dayPastFuture(pub, m, d)
			return set(j+1, p, f, Day)
		}
		// Month Year
		if y, ok := isYear(low(j)); ok {
			t := day(y, m, 1)
			return set(j+1, t, t, Month)
		}
		// Month last|this|next year: "since May last year".
		if low(j+1) == "year" {
			y := pub.Year()
			switch low(j) {
			case "last":
				y--
			case "next":
				y++
			case "this":
			default:
				y = 0
			}
			if y != 0 {
				t := day(y, m, 1)
				return set(j+2, t, t, Month)
			}
		}
		prev := low(i - 1)
		if _, ok := introTable.get(prev); !ok {
			return e, false
		}
		p, f := monthPastFuture(pub, m, prev == "last", prev == "next")
		if prev == "last" || prev == "next" || prev == "early" || prev == "late" || prev == "mid" {
			e.Start = i - 1
		}
		return set(j, p, f, Month)
	}
	// Day Month [Year]
	if d, ok := atoi(l); ok && d >= 1 && d <= 31 && toks[i].Kind == tokenize.Number {
		if m, j, ok := monthAt(toks, i+1, low); ok && toks[i+1].Cap {
			if y, ok := isYear(low(j)); ok {
				t := day(y, m, d)
				return set(j+1, t, t, Day)
			}
			p, f := dayPastFuture(pub, m, d)
			return set(j, p, f, Day)
		}
	}
	if wd, ok := weekday(&toks[i]); ok {
		prev := low(i - 1)
		// The weekday on or before pub, and on or after it.
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		p, f := addDays(pub, -back), addDays(pub, (7-back)%7)
		switch prev {
		case "last":
			if back == 0 {
				p = addDays(p, -7)
			}
			e.Start = i - 1
			return set(i+1, p, p, Day)
		case "next":
			if back == 0 {
				f = addDays(f, 7)
			}
			e.Start = i - 1
			return set(i+1, f, f, Day)
		}
		return set(i+1, p, f, Day)
	}
	switch l {
	case "yesterday":
		t := addDays(pub, -1)
		return set(i+1, t, t, Day)
	case "today", "tonight":
		return set(i+1, pub, pub, Day)
	case "tomorrow":
		t := addDays(pub, 1)
		return set(i+1, t, t, Day)
	case "last", "this", "next", "past":
		dir := 0
		switch l {
		case "last", "past":
			dir = -1
		case "next":
			dir = 1
		}
		if l == "this" && low(i-1) == "earlier" {
			e.Start = i - 1
		}
		switch low(i + 1) {
		case "week", "weekend":
			t := addDays(pub, 7*dir)
			return set(i+2, t, t, Week)
		case "month":
			t := day(pub.Year(), pub.Month(), 1).AddDate(0, dir, 0)
			return set(i+2, t, t, Month)
		case "year":
			t := day(pub.Year()+dir, 1, 1)
			return set(i+2, t, t, Year)
		}
	case "in", "since", "during", "of", "from", "until", "by", "before", "after":
		// "in case No. 440 of 2021", "Resolution 2231 of 2015": a
		// year after a number's "of" numbers a document.
		if l == "of" && i > 0 && toks[i-1].Kind == tokenize.Number {
			return e, false
		}
		if y, ok := isYear(low(i + 1)); ok && toks[i+1].Kind == tokenize.Number && low(i+2) != "-" {
			t := day(y, 1, 1)
			e.Start = i + 1
			return set(i+2, t, t, Year)
		}
	}
	// "ten months ago", "a week ago", "3 days ago"
	var nv int
	var ok bool
	if toks[i].Kind == tokenize.Number {
		nv, ok = atoi(l)
	} else {
		nv, ok = numberTable.get(l)
	}
	if ok && low(i+2) == "ago" {
		switch strings.TrimSuffix(low(i+1), "s") {
		case "day":
			t := addDays(pub, -nv)
			return set(i+3, t, t, Day)
		case "week":
			t := addDays(pub, -7*nv)
			return set(i+3, t, t, Week)
		case "month":
			t := day(pub.Year(), pub.Month(), 1).AddDate(0, -nv, 0)
			return set(i+3, t, t, Month)
		case "year":
			t := day(pub.Year()-nv, 1, 1)
			return set(i+3, t, t, Year)
		}
	}
	return e, false
}

// weekday returns the weekday a capitalised word names ("Sunday"); the
// map is not read for other tokens, numbers among them.
func weekday(t *tokenize.Token) (time.Weekday, bool) {
	if !t.Cap {
		return 0, false
	}
	wd, ok := weekdayTable.get(t.Lower)
	return wd, ok
}

// monthPastFuture resolves a month without a year: in the past, the most
// recent such month (this month counts unless strict); in the future, the
// next one.
func monthPastFuture(pub time.Time, m time.Month, last, next bool) (time.Time, time.Time) {
	y := pub.Year()
	past := day(y, m, 1)
	if m > pub.Month() || (last && m == pub.Month()) {
		past = day(y-1, m, 1)
	}
	fut := day(y, m, 1)
	if m < pub.Month() || (next && m == pub.Month()) {
		fut = day(y+1, m, 1)
	}
	if last {
		return past, past
	}
	if next {
		return fut, fut
	}
	return past, fut
}

func dayPastFuture(pub time.Time, m time.Month, d int) (time.Time, time.Time) {
	t := day(pub.Year(), m, d)
	past, fut := t, t
	if t.After(pub) {
		past = day(pub.Year()-1, m, d)
	}
	if t.Before(pub) {
		fut = day(pub.Year()+1, m, d)
	}
	return past, fut
}

// candidate returns the first token from i on where an expression may
// start, or len(toks): a number, an opener or a hyphenated word. Most words
// are turned down by the openers filter and mayBeHyphenated, without a
// call; the loop has its own function so that none of Find's state is
// kept in registers across it.
func candidate(toks []tokenize.Token, i int) int {
	for ; i < len(toks); i++ {
		t := &toks[i]
		switch {
		case t.Kind == tokenize.Number:
			return i
		case t.Kind != tokenize.Word:
		case openers.has(t.Lower):
			if opens(toks, i) {
				return i
			}
		case mayBeHyphenated(t.Lower) && hyphenated(t.Lower):
			return i
		}
	}
	return len(toks)
}

// opens is candidate's test for a word that passes the openers filter: it
// answers yes for every word where at may succeed, looking at most two
// tokens ahead, and no for the common words ("in", "of", "a", "this") that
// open a time expression only before a year, a unit or "ago".
func opens(toks []tokenize.Token, i int) bool {
	t := &toks[i]
	l := t.Lower
	next := func(k int) *tokenize.Token {
		if i+k < len(toks) {
			return &toks[i+k]
		}
		return nil
	}
	switch l {
	case "yesterday", "today", "tonight", "tomorrow":
		return true
	case "last", "this", "next", "past":
		if n := next(1); n != nil {
			switch n.Lower {
			case "week", "weekend", "month", "year":
				return true
			}
		}
		return false
	case "in", "since", "during", "of", "from", "until", "by", "before", "after":
		n := next(1)
		return n != nil && n.Kind == tokenize.Number
	}
	if t.Cap {
		if _, ok := monthTable.get(l); ok {
			return true
		}
		if _, ok := weekdayTable.get(l); ok {
			return true
		}
	}
	if n := next(2); n != nil && n.Lower == "ago" {
		_, ok := numberTable.get(l)
		return ok
	}
	return hyphenated(l)
}

// mayBeHyphenated is a test small enough to inline that turns down most
// words hyphenated would: each of those has five bytes or more and a
// hyphen at its fourth or fifth byte ("mid-", "late-", "2024-"), or starts
// with "early-".
func mayBeHyphenated(l string) bool {
	return len(l) >= 5 && (l[3] == '-' || l[4] == '-' || l[0] == 'e')
}

// hyphenated reports whether l is "mid-September" or an ISO date written
// as a word.
func hyphenated(l string) bool {
	if len(l) < 5 {
		return false
	}
	switch l[0] {
	case 'm':
		return strings.HasPrefix(l, "mid-")
	case 'e':
		return strings.HasPrefix(l, "early-")
	case 'l':
		return strings.HasPrefix(l, "late-")
	}
	return len(l) == 10 && l[4] == '-' && l[7] == '-'
}

// openerWords are the words opens's switch reads; with months, weekdays
// and number words they are every word that opens an expression.
var openerWords = []string{"yesterday", "today", "tonight", "tomorrow", "last", "this", "next", "past",
	"in", "since", "during", "of", "from", "until", "by", "before", "after"}

// wordFilter answers "maybe" for a set of words from their length and
// first and last bytes: most words are told apart from all of them without
// comparing strings.
type wordFilter [256]uint64

// filterKey returns the bit of l in a wordFilter: 14 bits from its length
// (1 to 15) and its first and last bytes, or false for a longer or empty
// word.
func filterKey(l string) (uint, bool) {
	n := uint(len(l))
	if n-1 >= 15 {
		return 0, false
	}
	return n<<10 | uint(l[0]&31)<<5 | uint(l[n-1]&31), true
}

func (f *wordFilter) add(l string) {
	if k, ok := filterKey(l); ok {
		f[uint8(k>>6)] |= 1 << (k & 63)
	}
}

func (f *wordFilter) has(l string) bool {
	k, ok := filterKey(l)
	return ok && f[uint8(k>>6)]>>(k&63)&1 != 0
}

// The tables the words above are looked up in.
var (
	monthTable   = newWordTable(months)
	weekdayTable = newWordTable(weekdays)
	numberTable  = newWordTable(numbers)
	introTable   = newWordTable(monthIntro)
)

// wordTable is a read-only map of a few dozen words, looked up without
// hashing a whole word: a word's slot comes from its length and its first
// and last bytes, and the word is compared there and in the slots after
// it. It is built once from a map, which stays the list of the words.
type wordTable[V any] struct {
	keys [wordTableSize]string
	vals [wordTableSize]V
}

// wordTableSize is at least twice the number of words of a table.
const wordTableSize = 128

func newWordTable[V any](m map[string]V) *wordTable[V] {
	if 2*len(m) > wordTableSize {
		panic("timex: word table too small")
	}
	t := &wordTable[V]{}
	for w, v := range m {
		h := wordSlot(w)
		for t.keys[h] != "" {
			h = (h + 1) % wordTableSize
		}
		t.keys[h], t.vals[h] = w, v
	}
	return t
}

func wordSlot(w string) uint {
	return (uint(len(w))*37 + uint(w[0])*11 + uint(w[len(w)-1])) % wordTableSize
}

// get returns the value of w, and whether w is in the table.
func (t *wordTable[V]) get(w string) (V, bool) {
	if w != "" {
		for h := wordSlot(w); t.keys[h] != ""; h = (h + 1) % wordTableSize {
			if t.keys[h] == w {
				return t.vals[h], true
			}
		}
	}
	var zero V
	return zero, false
}

// openers filters the words that can open an expression.
var openers = func() (f wordFilter) {
	for _, w := range openerWords {
		f.add(w)
	}
	for w := range months {
		f.add(w)
	}
	for w := range weekdays {
		f.add(w)
	}
	for w := range numbers {
		f.add(w)
	}
	return f
}()
