package store

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"dyad/internal/ascii"
	"dyad/plover"
)

// fastEvent decodes a stored record, as json.Marshal wrote it, into e,
// which must be the zero Event, without reflection. It reports false for
// anything it does not copy exactly, so that the caller decodes the record
// with decodeEvent instead: white space, a key that is not one of the
// Event's JSON names spelled as Marshal spells it, a key met twice in one
// object, a string with invalid UTF-8, a control byte or a UTF-16 surrogate
// escape, a number an int field would refuse or a float field could not
// hold, null where Marshal writes none, anything after the object. When it
// reports true, e holds exactly what decodeEvent would have stored; when
// false, e may hold part of the record and must be reset before use.
//
// Most of e's strings are parts of rec (those without escapes).
func fastEvent(rec string, e *plover.Event) bool {
	p := recParser{s: rec}
	return p.fields(func(key string) (uint32, bool) {
		switch key {
		case "id":
			return 1 << 0, p.str(&e.ID)
		case "date":
			return 1 << 1, p.str(&e.Date)
		case "actor":
			return 1 << 2, p.entities(&e.Actor)
		case "recipient":
			return 1 << 3, p.entities(&e.Recipient)
		case "event":
			return 1 << 4, p.strs(&e.Event)
		case "mode":
			return 1 << 5, p.strs(&e.Mode)
		case "context":
			return 1 << 6, p.strs(&e.Context)
		case "quad_code":
			return 1 << 7, p.int(&e.QuadCode)
		case "event_scale":
			return 1 << 8, p.float(&e.EventScale)
		case "event_text":
			return 1 << 9, p.strs(&e.EventText)
		case "event_loc":
			return 1 << 10, p.location(&e.EventLoc)
		case "text":
			return 1 << 11, p.str(&e.Text)
		case "text_info":
			return 1 << 12, p.textInfo(&e.TextInfo)
		case "cite_info":
			return 1 << 13, p.citeInfo(&e.CiteInfo)
		case "doc_id":
			return 1 << 14, p.str(&e.DocID)
		case "date_precision":
			return 1 << 15, p.str(&e.DatePrecision)
		case "deadline":
			return 1 << 16, p.str(&e.Deadline)
		case "attribution":
			return 1 << 17, p.entities(&e.Attribution)
		case "cameo":
			return 1 << 18, p.str(&e.Cameo)
		case "goldstein":
			return 1 << 19, p.float(&e.Goldstein)
		case "event_spans":
			return 1 << 20, p.spans(&e.EventSpans)
		case "rule":
			return 1 << 21, p.str(&e.Rule)
		}
		return 0, false
	}) && p.i == len(p.s)
}

// fields reads an object whose members member reads: it returns the
// member's bit and whether its value was read. An unknown member (bit 0,
// false) or one seen twice fails the object.
func (p *recParser) fields(member func(key string) (bit uint32, ok bool)) bool {
	var seen uint32
	return p.object(func(key string) bool {
		bit, ok := member(key)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		return true
	})
}

// recParser reads the JSON of a stored record: s from i on. The strings
// it reads without escapes are parts of s, so that a record's strings
// share its allocation.
type recParser struct {
	s string
	i int
}

func (p *recParser) byte(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// null reads null if it comes next.
func (p *recParser) null() bool {
	if len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
		p.i += 4
		return true
	}
	return false
}

// object reads an object, calling member with each key (printable ASCII
// without escapes) once the colon after it is read; member reads the value.
func (p *recParser) object(member func(key string) bool) bool {
	if !p.byte('{') {
		return false
	}
	if p.byte('}') {
		return true
	}
	for {
		if !p.byte('"') {
			return false
		}
		start := p.i
		for p.i < len(p.s) && p.s[p.i] != '"' {
			if c := p.s[p.i]; c < 0x20 || c == '\\' || c >= utf8.RuneSelf {
				return false
			}
			p.i++
		}
		key := p.s[start:p.i]
		if !p.byte('"') || !p.byte(':') || !member(key) {
			return false
		}
		if p.byte('}') {
			return true
		}
		if !p.byte(',') {
			return false
		}
	}
}

// array reads null (reporting null true) or an array, calling elem before
// each element, which elem reads.
func (p *recParser) array(elem func() bool) (null, ok bool) {
	if p.null() {
		return true, true
	}
	if !p.byte('[') {
		return false, false
	}
	if p.byte(']') {
		return false, true
	}
	for {
		if !elem() {
			return false, false
		}
		if p.byte(']') {
			return false, true
		}
		if !p.byte(',') {
			return false, false
		}
	}
}

// str reads a string into dst, unescaped.
func (p *recParser) str(dst *string) bool {
	if !p.byte('"') {
		return false
	}
	start := p.i
	for {
		p.i = ascii.Plain(p.s, p.i)
		if p.i >= len(p.s) {
			return false
		}
		switch c := p.s[p.i]; {
		case c == '"':
			*dst = p.s[start:p.i]
			p.i++
			return true
		case c == '\\':
			return p.escaped(start, dst)
		case c < 0x20:
			return false
		default:
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && n == 1 {
				return false
			}
			p.i += n
		}
	}
}

// escaped finishes reading a string that has escapes, from p.i at the
// first backslash.
func (p *recParser) escaped(start int, dst *string) bool {
	var out strings.Builder
	out.WriteString(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			*dst = out.String()
			return true
		case c < 0x20:
			return false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && n == 1 {
				return false
			}
			out.WriteString(p.s[p.i : p.i+n])
			p.i += n
			continue
		case c != '\\':
			// The run up to the next quote, backslash, control or non-ASCII byte.
			j := max(ascii.Plain(p.s, p.i), p.i+1)
			out.WriteString(p.s[p.i:j])
			p.i = j
			continue
		}
		if p.i+1 >= len(p.s) {
			return false
		}
		c = p.s[p.i+1]
		p.i += 2
		// JSON's one-letter escapes and what they stand for.
		if k := strings.IndexByte(`"\/bfnrt`, c); k >= 0 {
			out.WriteByte("\"\\/\b\f\n\r\t"[k])
			continue
		}
		if c != 'u' || len(p.s)-p.i < 4 {
			return false
		}
		n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 16)
		if err != nil || utf16.IsSurrogate(rune(n)) {
			return false
		}
		p.i += 4
		out.WriteRune(rune(n))
	}
	return false
}

// strs reads null or an array of strings.
func (p *recParser) strs(dst *[]string) bool {
	list := make([]string, 0, 2)
	null, ok := p.array(func() bool {
		list = append(list, "")
		return p.str(&list[len(list)-1])
	})
	if ok && !null {
		*dst = list
	}
	return ok
}

// number returns the bytes of a JSON number.
func (p *recParser) number() (string, bool) {
	start := p.i
	p.byte('-')
	switch {
	case p.byte('0'):
	case p.i < len(p.s) && p.s[p.i] >= '1' && p.s[p.i] <= '9':
		p.digits()
	default:
		return "", false
	}
	if p.byte('.') && !p.digits() {
		return "", false
	}
	if p.byte('e') || p.byte('E') {
		if !p.byte('+') {
			p.byte('-')
		}
		if !p.digits() {
			return "", false
		}
	}
	return p.s[start:p.i], true
}

func (p *recParser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// int reads an integer that an int holds: no fraction, no exponent.
func (p *recParser) int(dst *int) bool {
	b, ok := p.number()
	if !ok {
		return false
	}
	if n, neg, ok := smallInt(b); ok {
		if neg {
			n = -n
		}
		*dst = n
		return true
	}
	n, err := strconv.ParseInt(b, 10, 0)
	if err != nil {
		return false
	}
	*dst = int(n)
	return true
}

// float reads a number that a float64 holds.
func (p *recParser) float(dst *float64) bool {
	b, ok := p.number()
	if !ok {
		return false
	}
	if n, neg, ok := smallInt(b); ok && n < 1<<53 {
		// An integer a float64 holds exactly, as ParseFloat reads it
		// ("-0" is negative zero).
		f := float64(n)
		if neg {
			f = -f
		}
		*dst = f
		return true
	}
	f, err := strconv.ParseFloat(b, 64)
	if err != nil {
		return false
	}
	*dst = f
	return true
}

// smallInt reads b, a JSON number, when it is an integer of at most 15
// digits, which it returns without its sign.
func smallInt(b string) (n int, neg bool, ok bool) {
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || len(b) > 15 {
		return 0, false, false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false, false
		}
		n = n*10 + int(c-'0')
	}
	return n, neg, true
}

// entities reads null or an array of entities.
func (p *recParser) entities(dst *[]plover.Entity) bool {
	list := make([]plover.Entity, 0, 1)
	null, ok := p.array(func() bool {
		list = append(list, plover.Entity{})
		en := &list[len(list)-1]
		return p.fields(func(key string) (uint32, bool) {
			switch key {
			case "code":
				return 1 << 0, p.str(&en.Code)
			case "sector":
				return 1 << 1, p.str(&en.Sector)
			case "entity_text":
				return 1 << 2, p.str(&en.EntityText)
			case "identifier_text":
				return 1 << 3, p.str(&en.IdentifierText)
			case "office":
				return 1 << 4, p.str(&en.Office)
			case "start":
				return 1 << 5, p.int(&en.Start)
			case "end":
				return 1 << 6, p.int(&en.End)
			}
			return 0, false
		})
	})
	if ok && !null {
		*dst = list
	}
	return ok
}

// location reads null or a location.
func (p *recParser) location(dst **plover.Location) bool {
	if p.null() {
		return true
	}
	l := &plover.Location{}
	ok := p.fields(func(key string) (uint32, bool) {
		switch key {
		case "extracted_place":
			return 1 << 0, p.str(&l.ExtractedPlace)
		case "resolved_place":
			return 1 << 1, p.str(&l.ResolvedPlace)
		case "lat":
			return 1 << 2, p.float(&l.Lat)
		case "lon":
			return 1 << 3, p.float(&l.Lon)
		case "province":
			return 1 << 4, p.str(&l.Province)
		case "country":
			return 1 << 5, p.str(&l.Country)
		case "country_code":
			return 1 << 6, p.str(&l.CountryCode)
		case "feature_class":
			return 1 << 7, p.str(&l.FeatureClass)
		case "feature_code":
			return 1 << 8, p.str(&l.FeatureCode)
		case "resolution":
			return 1 << 9, p.int(&l.Resolution)
		case "start":
			return 1 << 10, p.int(&l.Start)
		case "end":
			return 1 << 11, p.int(&l.End)
		}
		return 0, false
	})
	if ok {
		*dst = l
	}
	return ok
}

func (p *recParser) textInfo(t *plover.TextInfo) bool {
	return p.fields(func(key string) (uint32, bool) {
		switch key {
		case "sequence":
			return 1 << 0, p.int(&t.Sequence)
		case "start":
			return 1 << 1, p.int(&t.Start)
		case "end":
			return 1 << 2, p.int(&t.End)
		}
		return 0, false
	})
}

func (p *recParser) citeInfo(c *plover.CiteInfo) bool {
	return p.fields(func(key string) (uint32, bool) {
		switch key {
		case "url":
			return 1 << 0, p.str(&c.URL)
		case "title":
			return 1 << 1, p.str(&c.Title)
		case "publication":
			return 1 << 2, p.str(&c.Publication)
		case "coder":
			return 1 << 3, p.str(&c.Coder)
		case "codebook":
			return 1 << 4, p.str(&c.Codebook)
		}
		return 0, false
	})
}

// spans reads null or an array of spans.
func (p *recParser) spans(dst *[]plover.Span) bool {
	list := make([]plover.Span, 0, 1)
	null, ok := p.array(func() bool {
		list = append(list, plover.Span{})
		s := &list[len(list)-1]
		return p.fields(func(key string) (uint32, bool) {
			switch key {
			case "start":
				return 1 << 0, p.int(&s.Start)
			case "end":
				return 1 << 1, p.int(&s.End)
			}
			return 0, false
		})
	})
	if ok && !null {
		*dst = list
	}
	return ok
}
