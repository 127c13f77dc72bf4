package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"dyad/plover"
)

// Entity is a gold actor or recipient: a code and an optional sector.
type Entity struct {
	Code, Sector string
}

// GoldEvent is one event an expert coded.
type GoldEvent struct {
	// Categories holds the expected category first, then the accepted
	// alternatives.
	Categories []string
	Mode       string
	Actors     []Entity
	Recipients []Entity
	// Date is "", or YYYY, YYYY-MM or YYYY-MM-DD.
	Date      string
	Secondary bool
	Line      int
}

// Doc is one gold document.
type Doc struct {
	ID, Title string
	Date      time.Time
	Text      string
	Events    []GoldEvent
	// None is set when the document must yield no event.
	None bool
	File string
	Line int
}

// ReadGold reads a dyad gold file (see the package documentation).
func ReadGold(r io.Reader, name string) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	var docs []Doc
	var errs []string
	errorf := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("eval: %s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	const (
		head = iota
		text
		evs
	)
	state := head
	var cur *Doc
	var body []string
	n := 0
	finishText := func() {
		if cur != nil {
			cur.Text = strings.TrimRight(strings.Join(body, "\n"), "\n ") + "\n"
		}
		body = body[:0]
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "=== ") || line == "===" {
			if state == text {
				finishText()
				errorf(cur.Line, "document %q has no \"events:\" line", cur.ID)
			}
			docs = append(docs, Doc{ID: strings.TrimSpace(strings.TrimPrefix(line, "===")), File: name, Line: n})
			cur = &docs[len(docs)-1]
			if cur.ID == "" {
				errorf(n, "document without an id after ===")
			}
			state = head
			continue
		}
		switch state {
		case text:
			if strings.TrimSpace(line) == "events:" {
				finishText()
				state = evs
				continue
			}
			body = append(body, line)
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if cur == nil {
			errorf(n, "text before the first \"=== id\" line")
			continue
		}
		switch state {
		case head:
			k, v, ok := strings.Cut(t, ":")
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "date":
				d, err := time.Parse("2006-01-02", v)
				if err != nil {
					errorf(n, "date %q: want YYYY-MM-DD", v)
				}
				cur.Date = d
			case "title":
				cur.Title = v
			case "text":
				state = text
				if v != "" {
					body = append(body, v)
				}
			default:
				if !ok {
					errorf(n, "want \"date:\", \"title:\" or \"text:\", got %q", t)
				} else {
					errorf(n, "unknown header %q", k)
				}
			}
		case evs:
			if t == "none" {
				cur.None = true
				continue
			}
			ev, err := parseEvent(t)
			if err != nil {
				errorf(n, "%v", err)
				continue
			}
			ev.Line = n
			cur.Events = append(cur.Events, ev)
		}
	}
	if state == text {
		finishText()
		errorf(cur.Line, "document %q has no \"events:\" line", cur.ID)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("eval: %s: %v", name, err))
	}
	for i := range docs {
		if docs[i].Date.IsZero() {
			errorf(docs[i].Line, "document %q has no date", docs[i].ID)
		}
		if docs[i].None && len(docs[i].Events) > 0 {
			errorf(docs[i].Line, "document %q says none but lists events", docs[i].ID)
		}
	}
	if len(errs) > 0 {
		return docs, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return docs, nil
}

func parseEvent(s string) (GoldEvent, error) {
	f := strings.Split(s, "|")
	if len(f) < 4 || len(f) > 5 {
		return GoldEvent{}, fmt.Errorf("event line %q: want 4 or 5 '|'-separated fields", s)
	}
	var ev GoldEvent
	for i, c := range strings.Split(f[0], ",") {
		c = strings.TrimSpace(c)
		cat, mode, _ := strings.Cut(c, ":")
		if !plover.IsCategory(cat) {
			return ev, fmt.Errorf("unknown category %q", cat)
		}
		if mode != "" && !plover.IsMode(cat, mode) {
			return ev, fmt.Errorf("%q is not a mode of %s", mode, cat)
		}
		if i == 0 {
			ev.Mode = mode
		}
		ev.Categories = append(ev.Categories, cat)
	}
	var err error
	if ev.Actors, err = parseEntities(f[1]); err != nil {
		return ev, err
	}
	if ev.Recipients, err = parseEntities(f[2]); err != nil {
		return ev, err
	}
	ev.Date = strings.TrimSpace(f[3])
	if ev.Date == "-" {
		ev.Date = ""
	}
	if ev.Date != "" {
		ok := false
		for _, l := range []string{"2006", "2006-01", "2006-01-02"} {
			if _, err := time.Parse(l, ev.Date); err == nil && len(ev.Date) == len(l) {
				ok = true
			}
		}
		if !ok {
			return ev, fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or -", ev.Date)
		}
	}
	if len(f) == 5 {
		switch strings.TrimSpace(f[4]) {
		case "secondary":
			ev.Secondary = true
		case "", "core":
		default:
			return ev, fmt.Errorf("fifth field %q: want \"secondary\"", strings.TrimSpace(f[4]))
		}
	}
	return ev, nil
}

func parseEntities(s string) ([]Entity, error) {
	s = strings.TrimSpace(s)
	if s == "-" || s == "" {
		return nil, nil
	}
	var out []Entity
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		// "- UAF": gunmen the text gives no country.
		unplaced := len(f) == 2 && f[0] == "-"
		if len(f) == 0 || !unplaced && (len(f[0]) != 3 || strings.ToUpper(f[0]) != f[0]) {
			return nil, fmt.Errorf("entity %q: want CODE, CODE SECTOR or - SECTOR", strings.TrimSpace(part))
		}
		e := Entity{Code: f[0]}
		if unplaced {
			e.Code = ""
		}
		if len(f) > 1 {
			e.Sector = f[1]
			if !plover.IsSector(e.Sector) {
				return nil, fmt.Errorf("entity %q: unknown sector %q", strings.TrimSpace(part), e.Sector)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// gsrRecord is one record of PLOVER's gold standard file.
type gsrRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
	Mode   string          `json:"mode"`
}

type gsrEntity struct {
	Code   string `json:"code"`
	Sector string `json:"sector"`
}

// gsrCodes maps the older CAMEO country codes the GSR uses to ISO 3166
// alpha-3 codes where they differ.
var gsrCodes = map[string]string{"JAP": "JPN", "UK": "GBR", "PAL": "PSE", "SER": "SRB", "ROM": "ROU", "CHE": "CHE",
	"MLA": "MYS", "SAF": "ZAF", "TAW": "TWN", "ITL": "ITA"}

// gsrIGO reads the GSR's IGO as the manual reads it now: the manual gives
// the United Nations and the European Union codes of their own (UNO,
// EUR) and keeps IGO for other intergovernmental bodies, where the GSR,
// written before, codes all three IGO. A record whose text names the UN
// (and not the EU) or the EU (and not the UN) has that body's code.
func gsrIGO(text string) string {
	un := strings.Contains(text, "United Nations") || strings.Contains(text, "U.N.") || strings.Contains(text, "UN ") || strings.Contains(text, "Security Council") || strings.Contains(text, "UNHCR") || strings.Contains(text, "World Food Program")
	eu := strings.Contains(text, "European Community") || strings.Contains(text, "European Union") || strings.Contains(text, "EC ") || strings.Contains(text, "EU ") || strings.Contains(text, "European Commission")
	switch {
	case un && !eu:
		return "UNO"
	case eu && !un:
		return "EUR"
	}
	return "IGO"
}

// ReadGSR reads PLOVER's gold standard records (a JSON array). Each record
// with a text becomes one document with one event; the DOCUMENT record is
// skipped. Older category names are mapped as the PLOVER manual's CAMEO
// table says.
func ReadGSR(r io.Reader, name string) ([]Doc, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	var recs []gsrRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("eval: %s: not a PLOVER GSR JSON array: %v", name, err)
	}
	var docs []Doc
	for _, rec := range recs {
		if rec.Event == "DOCUMENT" || rec.Text == "" {
			continue
		}
		cat := plover.FromCameo(rec.Event)
		if cat == "" {
			return nil, fmt.Errorf("eval: %s: record %s: unknown event %q", name, rec.ID, rec.Event)
		}
		igo := gsrIGO(rec.Text)
		ev := GoldEvent{Categories: []string{cat}, Actors: gsrEntities(rec.Source, igo), Recipients: gsrEntities(rec.Target, igo)}
		if plover.IsMode(cat, rec.Mode) {
			ev.Mode = rec.Mode
		}
		d := Doc{ID: rec.ID, Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Text: rec.Text, File: name}
		if len(ev.Actors) > 0 {
			d.Events = []GoldEvent{ev}
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func gsrEntities(raw json.RawMessage, igo string) []Entity {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil
	}
	var es []gsrEntity
	if json.Unmarshal(raw, &es) != nil {
		return nil
	}
	var out []Entity
	for _, e := range es {
		code := strings.ToUpper(strings.TrimSpace(e.Code))
		if len(code) > 3 {
			code = code[:3]
		}
		if m, ok := gsrCodes[code]; ok {
			code = m
		}
		if code == "IGO" {
			code = igo
		}
		if code != "" {
			out = append(out, Entity{Code: code, Sector: e.Sector})
		}
	}
	return out
}

// ReadAny reads a gold file in either format, telling them apart by the
// first non-space byte ('[' for GSR JSON).
func ReadAny(r io.Reader, name string) ([]Doc, error) {
	br := bufio.NewReader(r)
	for {
		b, err := br.Peek(1)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: empty file", name)
		}
		if b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' {
			br.ReadByte()
			continue
		}
		if b[0] == '[' {
			return ReadGSR(br, name)
		}
		return ReadGold(br, name)
	}
}
