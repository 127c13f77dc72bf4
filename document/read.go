package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxDocument is the largest document the readers accept, in bytes.
const MaxDocument = 64 << 20

// FromText reads a plain-text article. It may open with a header block of
// "Key: value" lines (Title, Date, URL, Source or Outlet; case-insensitive)
// ended by a line "---" or a blank line; the header is not part of Text,
// and offsets count from the first byte after it. A date in the header is
// parsed with ParseDate.
func FromText(data []byte, id string) (Document, error) {
	if !utf8.Valid(data) {
		return Document{}, fmt.Errorf("%s: invalid UTF-8 at byte %d; convert the file to UTF-8", id, invalidAt(data))
	}
	doc := Document{ID: id}
	body := string(data)
	if hdr, rest, ok := splitHeader(body); ok {
		for n, line := range hdr {
			k, v, _ := strings.Cut(line, ":")
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "title":
				doc.Title = v
			case "date", "published", "publication date":
				t, ok := ParseDate(v)
				if !ok {
					return Document{}, fmt.Errorf("%s:%d: header date %q is not a date; write it as YYYY-MM-DD", id, n+1, v)
				}
				doc.Date = t
			case "url", "link":
				doc.URL = v
			case "source", "outlet", "publication":
				doc.Source = v
			case "id":
				doc.ID = v
			}
		}
		body = rest
	}
	doc.Text = body
	return doc, nil
}

var headerKeys = map[string]bool{"title": true, "date": true, "published": true, "publication date": true, "url": true, "link": true,
	"source": true, "outlet": true, "publication": true, "id": true}

// splitHeader finds a header block: consecutive "Key: value" lines with
// known keys from the first line, ended by "---" or a blank line.
func splitHeader(s string) ([]string, string, bool) {
	var hdr []string
	pos := 0
	for pos < len(s) {
		end := strings.IndexByte(s[pos:], '\n')
		var line string
		next := len(s)
		if end >= 0 {
			line, next = s[pos:pos+end], pos+end+1
		} else {
			line = s[pos:]
		}
		t := strings.TrimRight(line, "\r ")
		if t == "---" || t == "" {
			if len(hdr) == 0 {
				return nil, s, false
			}
			return hdr, s[next:], true
		}
		k, _, ok := strings.Cut(t, ":")
		if !ok || !headerKeys[strings.ToLower(strings.TrimSpace(k))] {
			return nil, s, false
		}
		hdr = append(hdr, t)
		pos = next
	}
	return nil, s, false
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// jsonDoc is the JSON-lines form of a document.
type jsonDoc struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	URL    string  `json:"url"`
	Source string  `json:"source"`
	Date   string  `json:"date"`
	Text   *string `json:"text"`
}

// LineError is a problem with one line of a JSON-lines input.
type LineError struct {
	Name string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadJSONL reads JSON-lines documents ({"id", "text", and optional
// "title", "url", "source", "date"}) from r, calling fn for each. A bad
// line is reported to bad, with its line number, and reading goes on;
// fn's error stops reading. name names the input in errors. A document
// whose line gives no id gets the ID "name:line".
func ReadJSONL(r io.Reader, name string, fn func(Document) error, bad func(*LineError)) error {
	return EachJSONL(r, name, func(l Line) error {
		if l.Doc.ID == "" {
			l.Doc.ID = fmt.Sprintf("%s:%d", name, l.N)
		}
		return fn(l.Doc)
	}, bad)
}

// Line is a document read from one line of a JSON-lines input.
type Line struct {
	Doc Document // Doc.ID is empty when the line gives no id
	N   int      // the line number, from 1
}

// EachJSONL is ReadJSONL for callers that want the line number of each
// document and choose their own ID for a line without one. A line longer
// than MaxDocument, a malformed line, a line without "text", a bad date
// or an id seen earlier in the input is reported to bad, and reading goes
// on with the next line.
func EachJSONL(r io.Reader, name string, fn func(Line) error, bad func(*LineError)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	line := 0
	seen := map[string]int{}
	for {
		data, err := readLine(br)
		if len(data) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s:%d: %w", name, line+1, err)
		}
		line++
		if errors.Is(err, errTooLong) {
			bad(&LineError{name, line, fmt.Errorf("line longer than %d MB; split the document", MaxDocument>>20)})
			continue
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue
		}
		doc, derr := decodeLine(data)
		if derr != nil {
			bad(&LineError{name, line, derr})
			continue
		}
		if doc.ID != "" {
			if first, dup := seen[doc.ID]; dup {
				bad(&LineError{name, line, fmt.Errorf("duplicate id %q (first on line %d); give each document its own id", doc.ID, first)})
				continue
			}
			seen[doc.ID] = line
		}
		if ferr := fn(Line{Doc: doc, N: line}); ferr != nil {
			return ferr
		}
	}
}

// FileID returns the ID of the document read from the file at path: the
// path as given, cleaned and with forward slashes, less a trailing ".gz".
// Two files never share an ID, and one file keeps its ID from run to run
// when it is named the same way.
func FileID(path string) string {
	return strings.TrimSuffix(filepath.ToSlash(filepath.Clean(path)), ".gz")
}

func decodeLine(data []byte) (Document, error) {
	if !utf8.Valid(data) {
		return Document{}, fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(data))
	}
	var j jsonDoc
	if !fastDecode(data, &j) {
		// Anything unusual, and every error, takes encoding/json's path.
		j = jsonDoc{}
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&j); err != nil {
			return Document{}, fmt.Errorf("not a JSON object: %v", err)
		}
	}
	if j.Text == nil {
		return Document{}, errors.New(`no "text" field`)
	}
	doc := Document{ID: j.ID, Title: j.Title, URL: j.URL, Source: j.Source, Text: *j.Text}
	if j.Date != "" {
		t, ok := parseJSONDate(j.Date)
		if !ok {
			return Document{}, fmt.Errorf("date %q is not a date; write it as YYYY-MM-DD", j.Date)
		}
		doc.Date = t
	}
	return doc, nil
}

// parseJSONDate is ParseDate with a short cut for the usual YYYY-MM-DD,
// which no layout before "2006-01-02" in dateLayouts can match (they are
// all longer), so trying it first gives the same answer without parsing
// and failing five layouts.
func parseJSONDate(s string) (time.Time, bool) {
	if len(s) == len("2006-01-02") {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t, true
		}
	}
	return ParseDate(s)
}

var errTooLong = errors.New("line too long")

// readLine reads one line, discarding the rest of a line past MaxDocument.
// The line may be br's own buffer, good until the next read.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if buf == nil && !errors.Is(err, bufio.ErrBufferFull) {
			// The whole line fits in the buffer: no copy.
			return chunk, err
		}
		if len(buf)+len(chunk) > MaxDocument {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			return []byte{0}, errTooLong
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, err
	}
}

// IsHTML reports whether data looks like an HTML page.
func IsHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 1024)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		(bytes.HasPrefix(head, []byte("<")) && (bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))))
}
