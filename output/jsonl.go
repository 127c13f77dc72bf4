package output

import (
	"encoding/json"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"dyad/internal/ascii"
	"dyad/plover"
)

// jsonl writes one PLOVER JSON object per line. Its bytes are exactly what
// encoding/json's Encoder (HTML escaping on, the default) writes for a
// plover.Event, but it writes them without reflection and hands each batch
// of events to the underlying writer in one Write.
type jsonl struct {
	w   io.Writer
	buf []byte
	err error // sticky, like json.Encoder's
}

// maxKeep is the largest buffer jsonl keeps between batches.
const maxKeep = 4 << 20

func (j *jsonl) Write(evs []plover.Event) error {
	if j.err != nil {
		return j.err
	}
	b := j.buf[:0]
	var memo memo
	var encErr error
	for i := range evs {
		if !finite(&evs[i]) {
			// encoding/json refuses NaN and infinities; let it say so in its
			// own words. The events before this one are written, as the
			// Encoder would have.
			_, encErr = json.Marshal(&evs[i])
			break
		}
		b = appendEvent(b, &evs[i], &memo)
		b = append(b, '\n')
	}
	if len(b) > 0 {
		if _, err := j.w.Write(b); err != nil {
			j.err = err
			encErr = err
		}
	}
	if cap(b) <= maxKeep {
		j.buf = b[:0]
	} else {
		j.buf = nil
	}
	return encErr
}

func (j *jsonl) Close() error { return nil }

func finite(e *plover.Event) bool {
	ok := isFinite(e.EventScale) && isFinite(e.Goldstein)
	if e.EventLoc != nil {
		ok = ok && isFinite(e.EventLoc.Lat) && isFinite(e.EventLoc.Lon)
	}
	return ok
}

func isFinite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// memo remembers where in the buffer parts that events share were last
// written, so that they are copied instead of escaped again: the text of
// a sentence, shared by its events, and the citation and document id,
// shared by the events of a document.
type memo struct {
	text   written
	source struct {
		cite       plover.CiteInfo
		docID      string
		start, end int
	}
}

// written is a string and where in the buffer it was last written.
type written struct {
	s          string
	start, end int
}

// append appends s as a JSON string, copying it from where it was last
// written when it is the same string.
func (w *written) append(b []byte, s string) []byte {
	if w.end > w.start && s == w.s {
		return append(b, b[w.start:w.end]...)
	}
	start := len(b)
	b = appendString(b, s)
	*w = written{s: s, start: start, end: len(b)}
	return b
}

// appendEvent appends the JSON object of e, fields in declaration order,
// with encoding/json's omitempty rules.
func appendEvent(b []byte, e *plover.Event, m *memo) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"date":`...)
	b = appendString(b, e.Date)
	b = append(b, `,"actor":`...)
	b = appendEntities(b, e.Actor)
	b = append(b, `,"recipient":`...)
	b = appendEntities(b, e.Recipient)
	b = append(b, `,"event":`...)
	b = appendStrings(b, e.Event)
	b = append(b, `,"mode":`...)
	b = appendStrings(b, e.Mode)
	b = append(b, `,"context":`...)
	b = appendStrings(b, e.Context)
	b = append(b, `,"quad_code":`...)
	b = appendInt(b, e.QuadCode)
	b = append(b, `,"event_scale":`...)
	b = appendFloat(b, e.EventScale)
	b = append(b, `,"event_text":`...)
	b = appendStrings(b, e.EventText)
	if l := e.EventLoc; l != nil {
		b = append(b, `,"event_loc":{"extracted_place":`...)
		b = appendString(b, l.ExtractedPlace)
		b = appendOptString(b, `,"resolved_place":`, l.ResolvedPlace)
		b = append(b, `,"lat":`...)
		b = appendFloat(b, l.Lat)
		b = append(b, `,"lon":`...)
		b = appendFloat(b, l.Lon)
		b = appendOptString(b, `,"province":`, l.Province)
		b = appendOptString(b, `,"country":`, l.Country)
		b = appendOptString(b, `,"country_code":`, l.CountryCode)
		b = appendOptString(b, `,"feature_class":`, l.FeatureClass)
		b = appendOptString(b, `,"feature_code":`, l.FeatureCode)
		if l.Resolution != 0 {
			b = append(b, `,"resolution":`...)
			b = appendInt(b, l.Resolution)
		}
		b = append(b, `,"start":`...)
		b = appendInt(b, l.Start)
		b = append(b, `,"end":`...)
		b = appendInt(b, l.End)
		b = append(b, '}')
	}
	b = append(b, `,"text":`...)
	b = m.text.append(b, e.Text)
	b = append(b, `,"text_info":{"sequence":`...)
	b = appendInt(b, e.TextInfo.Sequence)
	b = append(b, `,"start":`...)
	b = appendInt(b, e.TextInfo.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, e.TextInfo.End)
	b = append(b, '}')
	if src := &m.source; src.end > src.start && e.CiteInfo == src.cite && e.DocID == src.docID {
		b = append(b, b[src.start:src.end]...)
	} else {
		start := len(b)
		b = appendSource(b, &e.CiteInfo, e.DocID)
		src.cite, src.docID, src.start, src.end = e.CiteInfo, e.DocID, start, len(b)
	}
	b = append(b, `,"date_precision":`...)
	b = appendString(b, e.DatePrecision)
	b = appendOptString(b, `,"deadline":`, e.Deadline)
	if len(e.Attribution) > 0 {
		b = append(b, `,"attribution":`...)
		b = appendEntities(b, e.Attribution)
	}
	b = appendOptString(b, `,"cameo":`, e.Cameo)
	b = append(b, `,"goldstein":`...)
	b = appendFloat(b, e.Goldstein)
	b = append(b, `,"event_spans":`...)
	if e.EventSpans == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range e.EventSpans {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":`...)
			b = appendInt(b, s.Start)
			b = append(b, `,"end":`...)
			b = appendInt(b, s.End)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"rule":`...)
	b = appendString(b, e.Rule)
	return append(b, '}')
}

// appendSource appends the "cite_info" and "doc_id" members of an event.
func appendSource(b []byte, c *plover.CiteInfo, docID string) []byte {
	b = append(b, `,"cite_info":{`...)
	sep := "" // no comma before the first field written
	for _, f := range [...]struct{ key, v string }{
		{`"url":`, c.URL},
		{`"title":`, c.Title},
		{`"publication":`, c.Publication},
		{`"coder":`, c.Coder},
		{`"codebook":`, c.Codebook},
	} {
		if f.v != "" {
			b = append(b, sep...)
			b = append(b, f.key...)
			b = appendString(b, f.v)
			sep = ","
		}
	}
	b = append(b, `},"doc_id":`...)
	return appendString(b, docID)
}

// appendOptString appends key and s unless s is empty (omitempty).
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, key...)
	return appendString(b, s)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendEntities(b []byte, es []plover.Entity) []byte {
	if es == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range es {
		e := &es[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = appendString(b, e.Code)
		b = appendOptString(b, `,"sector":`, e.Sector)
		b = append(b, `,"entity_text":`...)
		b = appendString(b, e.EntityText)
		b = appendOptString(b, `,"identifier_text":`, e.IdentifierText)
		b = appendOptString(b, `,"office":`, e.Office)
		b = append(b, `,"start":`...)
		b = appendInt(b, e.Start)
		b = append(b, `,"end":`...)
		b = appendInt(b, e.End)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendInt appends v in decimal, as strconv.AppendInt does. The offsets,
// counts and codes of an event are small numbers, written here two digits
// at a time without the general conversion.
func appendInt(b []byte, v int) []byte {
	if v < 0 || v >= 10000 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	u := uint(v) // unsigned division by a constant is a multiplication
	switch {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, digitPairs[2*u], digitPairs[2*u+1])
	}
	hi, lo := 2*(u/100), 2*(u%100)
	if u < 1000 {
		return append(b, digitPairs[hi+1], digitPairs[lo], digitPairs[lo+1])
	}
	return append(b, digitPairs[hi], digitPairs[hi+1], digitPairs[lo], digitPairs[lo+1])
}

// digitPairs holds the two digits of each number below 100.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// appendFloat formats a finite float64 as encoding/json does (like ES6
// number-to-string: %f, or %e with an unpadded exponent for very small and
// very large magnitudes).
func appendFloat(b []byte, f float64) []byte {
	if b, ok := appendTenths(b, f); ok {
		return b
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendTenths writes f when it is a whole number of tenths below 10,000
// in magnitude, as event scales and Goldstein scores are, and reports
// whether it did. Such an f is the double nearest k/10 for an integer k;
// the digits of k/10 then read back as f, and any other decimal as short is
// at least 0.1 away, so k/10 is the shortest form, the one strconv writes.
func appendTenths(b []byte, f float64) ([]byte, bool) {
	t := f * 10
	if !(t > -1e5 && t < 1e5) {
		return b, false
	}
	k := int(t)
	if float64(k) != t || float64(k)/10 != f || k == 0 && math.Signbit(f) {
		// Not tenths, or negative zero, which is written "-0".
		return b, false
	}
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	b = appendInt(b, k/10)
	if d := k % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b, true
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a quoted JSON string exactly as encoding/json
// does with HTML escaping on: '"' and '\\' escaped with a backslash, \b \f
// \n \r \t by name, other control characters, '<', '>' and '&' as \u00XX,
// U+2028 and U+2029 as \u2028 and \u2029, and each byte of invalid UTF-8
// as \ufffd.
func appendString(b []byte, s string) []byte {
	// Most strings need no escapes: they are copied as they are tested,
	// with one check of the room left.
	n := len(b)
	b = slices.Grow(b, len(s)+2)[:n+len(s)+2]
	b[n] = '"'
	if ascii.CopyPlainHTML(b[n+1:], s) {
		b[len(b)-1] = '"'
		return b
	}
	return appendEscaped(b[:n+1], s)
}

// appendEscaped is appendString, after its opening quote, for a string with
// something to escape, or some non-ASCII text.
func appendEscaped(b []byte, s string) []byte {
	start, i := 0, 0
	for i < len(s) {
		// Runs of plain ASCII are copied as they stand.
		if i = ascii.PlainHTML(s, i); i == len(s) {
			break
		}
		// An ASCII byte PlainHTML stops at is one to escape.
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
