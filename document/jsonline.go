package document

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"dyad/internal/ascii"
)

// fastDecode decodes the common shape of a JSON-lines document, an object
// whose members are strings, numbers, booleans or nulls, without
// reflection. It reports false for anything else, and for anything
// encoding/json would reject or treat in a way it does not copy, so that the
// caller decodes the line with encoding/json instead: when it reports true,
// j holds exactly what json.Decoder.Decode would have stored, and the
// Decoder would have returned no error. data must be valid UTF-8 with no
// leading white space.
//
// What it copies from encoding/json: the first JSON value is decoded and
// what follows it is ignored; keys match field names exactly or
// ASCII-case-insensitively (a key with non-ASCII letters or escapes falls
// back, since encoding/json folds some of those too); a later duplicate key
// wins; null leaves a string field alone and clears the text pointer;
// members with unknown keys are skipped.
func fastDecode(data []byte, j *jsonDoc) bool {
	p := jsonParser{b: data}
	if !p.byte('{') {
		return false
	}
	p.space()
	if p.peek() == '}' {
		return true
	}
	for {
		key, ok := p.rawKey()
		if !ok {
			return false
		}
		p.space()
		if !p.byte(':') {
			return false
		}
		p.space()
		dst, isText := field(j, key)
		known := dst != nil || isText
		switch c := p.peek(); {
		case c == '"':
			s, ok := p.str()
			if !ok {
				return false
			}
			switch {
			case isText:
				j.Text = &s
			case dst != nil:
				*dst = s
			}
		case c == 'n':
			if !p.lit("null") {
				return false
			}
			if isText {
				j.Text = nil
			}
		case known:
			// A number, boolean, object or array for a string field:
			// encoding/json reports the type error.
			return false
		case c == 't':
			if !p.lit("true") {
				return false
			}
		case c == 'f':
			if !p.lit("false") {
				return false
			}
		case c == '-' || c >= '0' && c <= '9':
			if !p.number() {
				return false
			}
		default:
			// Objects and arrays under unknown keys, and syntax errors.
			return false
		}
		p.space()
		switch p.next() {
		case ',':
			p.space()
		case '}':
			return true
		default:
			return false
		}
	}
}

// field returns the string field of j that key names, or isText for the
// text pointer; neither for a key jsonDoc does not have.
func field(j *jsonDoc, key []byte) (dst *string, isText bool) {
	switch {
	case asciiFold(key, "text"):
		return nil, true
	case asciiFold(key, "id"):
		return &j.ID, false
	case asciiFold(key, "date"):
		return &j.Date, false
	case asciiFold(key, "title"):
		return &j.Title, false
	case asciiFold(key, "url"):
		return &j.URL, false
	case asciiFold(key, "source"):
		return &j.Source, false
	}
	return nil, false
}

// asciiFold reports whether key, which holds only ASCII, equals the
// lower-case name but for the case of its letters.
func asciiFold(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range key {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *jsonParser) next() byte {
	c := p.peek()
	p.i++
	return c
}

func (p *jsonParser) byte(c byte) bool {
	if p.peek() != c {
		return false
	}
	p.i++
	return true
}

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

// rawKey reads a member's key: a string of printable ASCII without
// escapes, the only kind fastDecode matches itself.
func (p *jsonParser) rawKey() ([]byte, bool) {
	if !p.byte('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c < 0x20 || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// number reads a JSON number.
func (p *jsonParser) number() bool {
	p.byte('-')
	switch c := p.peek(); {
	case c == '0':
		p.i++
	case c >= '1' && c <= '9':
		p.digits()
	default:
		return false
	}
	if p.byte('.') && !p.digits() {
		return false
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.i++
		if c := p.peek(); c == '+' || c == '-' {
			p.i++
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

func (p *jsonParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// str reads a string value and returns its contents, unescaped as
// encoding/json unescapes them (a lone UTF-16 surrogate becomes U+FFFD).
func (p *jsonParser) str() (string, bool) {
	p.i++ // the opening quote
	start := p.i
	for p.i < len(p.b) {
		p.i = ascii.Plain(p.b, p.i)
		if p.i == len(p.b) {
			break
		}
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(p.b[start : p.i-1]), true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// escaped finishes reading a string that has escapes, from p.i at the
// first backslash.
func (p *jsonParser) escaped(start int) (string, bool) {
	// The unescaped string is never longer than the raw one.
	end := p.i
	for {
		k := bytes.IndexByte(p.b[end:], '"')
		if k < 0 {
			end = len(p.b)
			break
		}
		end += k
		// A quote after an odd number of backslashes is escaped.
		bs := 0
		for j := end - 1; j >= p.i && p.b[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			break
		}
		end++
	}
	// A Builder hands its bytes over as the string, without a copy.
	var out strings.Builder
	out.Grow(end - start)
	out.Write(p.b[start:p.i])
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return out.String(), true
		case c < 0x20:
			return "", false
		case c != '\\':
			// Copy the run up to the next quote, backslash or control byte.
			j := p.i + 1
			for j < len(p.b) && p.b[j] != '"' && p.b[j] != '\\' && p.b[j] >= 0x20 {
				if j = ascii.Plain(p.b, j); j < len(p.b) && p.b[j] >= 0x80 {
					j++
				}
			}
			out.Write(p.b[p.i:j])
			p.i = j
			continue
		}
		p.i++
		c = p.next()
		// JSON's one-letter escapes and what they stand for.
		if k := strings.IndexByte("\"\\/bfnrt", c); k >= 0 {
			out.WriteByte("\"\\/\b\f\n\r\t"[k])
			continue
		}
		switch c {
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; anything else leaves U+FFFD
				// and reads what follows on its own.
				save := p.i
				if p.lit(`\u`) {
					if r2, ok := p.hex4(); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							out.WriteRune(d)
							continue
						}
					}
				}
				p.i = save
				r = utf8.RuneError
			}
			out.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}
