package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"dyad/internal/csvcell"
	"dyad/store"
)

// writeBuffer is the size of the buffer between a text format and the
// io.Writer it writes to: an export of a million events to a file made
// one write(2) every 4 KiB, bufio's default.
const writeBuffer = 64 << 10

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewJSONL writes one PLOVER event record (every field) per line.
func NewJSONL(w io.Writer) Writer {
	bw := bufio.NewWriterSize(w, writeBuffer)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{bw: bw, enc: enc}
}

func (j *jsonlWriter) Write(r store.Row) error {
	if r.Record != nil {
		writeRecord(j.bw, r.Record)
		if err := j.bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("export: jsonl: %w", err)
		}
		return nil
	}
	if err := j.enc.Encode(r.Event); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}

// RawRecords reports whether w writes a row's stored record (Row.Record)
// as it is, so that the rows need not be decoded: true for JSON lines.
func RawRecords(w Writer) bool {
	_, ok := w.(*jsonlWriter)
	return ok
}

// writeRecord writes a stored record, encoded by json.Marshal, as the
// JSON lines encoder (HTML escaping off) would write the same event: the
// same bytes but for <, > and &, which json.Marshal writes as \u003c,
// \u003e and \u0026.
func writeRecord(bw *bufio.Writer, rec []byte) {
	for {
		i := bytes.IndexByte(rec, '\\')
		if i < 0 || i+1 >= len(rec) {
			bw.Write(rec)
			return
		}
		bw.Write(rec[:i])
		if rec[i+1] == 'u' && i+6 <= len(rec) && string(rec[i+2:i+4]) == "00" {
			switch string(rec[i+4 : i+6]) {
			case "3c":
				bw.WriteByte('<')
				rec = rec[i+6:]
				continue
			case "3e":
				bw.WriteByte('>')
				rec = rec[i+6:]
				continue
			case "26":
				bw.WriteByte('&')
				rec = rec[i+6:]
				continue
			}
		}
		bw.Write(rec[i : i+2]) // any other escape, kept whole
		rec = rec[i+2:]
	}
}

func (j *jsonlWriter) Close() error {
	if err := j.bw.Flush(); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}

// csvColumns is the header of the CSV file, in Flat's order.
var csvColumns = []string{"id", "doc_id", "date", "date_precision", "event", "events", "mode", "context", "quad_code",
	"event_scale", "goldstein", "cameo", "actor_code", "actor_sector", "actor_text", "recipient_code", "recipient_sector",
	"recipient_text", "event_text", "place", "resolved_place", "country_code", "lat", "lon", "text", "sequence", "start",
	"end", "url", "title", "publication", "source", "deadline", "rule", "cluster", "mentions", "sources", "published"}

type csvWriter struct {
	cw     *csv.Writer
	bw     *bufio.Writer // under cw, which has a buffer of its own
	header bool
}

// NewCSV writes a header and one flat row per event; lists are joined
// with ";".
func NewCSV(w io.Writer) Writer {
	bw := bufio.NewWriterSize(w, writeBuffer)
	return &csvWriter{cw: csv.NewWriter(bw), bw: bw}
}

func ff(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func optf(f *float64) string {
	if f == nil {
		return ""
	}
	return ff(*f)
}

func (c *csvWriter) Write(r store.Row) error {
	if !c.header {
		c.header = true
		if err := c.cw.Write(csvColumns); err != nil {
			return fmt.Errorf("export: csv: %w", err)
		}
	}
	f := Flatten(r)
	// Numbers are written as they are (a Goldstein score of -7 stays a
	// number); every text cell goes through csvcell.Text.
	i := func(n int32) string { return strconv.Itoa(int(n)) }
	t := csvcell.Text
	j := func(s []string) string { return t(strings.Join(s, ";")) }
	rec := []string{t(f.ID), t(f.DocID), t(f.Date), t(f.DatePrecision), t(f.Event), j(f.Events), j(f.Mode), j(f.Context), i(f.QuadCode),
		ff(f.EventScale), ff(f.Goldstein), t(f.Cameo), t(f.ActorCode), t(f.ActorSector), t(f.ActorText), t(f.RecipientCode), t(f.RecipientSector),
		t(f.RecipientText), j(f.EventText), t(f.Place), t(f.ResolvedPlace), t(f.CountryCode), optf(f.Lat), optf(f.Lon), t(f.Text), i(f.Sequence), i(f.Start),
		i(f.End), t(f.URL), t(f.Title), t(f.Publication), t(f.Source), t(f.Deadline), t(f.Rule), t(f.Cluster), i(f.Mentions), i(f.Sources), t(f.Published)}
	if err := c.cw.Write(rec); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

func (c *csvWriter) Close() error {
	if !c.header {
		c.header = true
		c.cw.Write(csvColumns)
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	if err := c.bw.Flush(); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

// CAMEOColumns is the header of the CAMEO/GDELT-style file.
var CAMEOColumns = []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles",
	"ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL", "PLOVERCategory"}

type cameoWriter struct {
	bw     *bufio.Writer
	header bool
}

// NewCAMEO writes a GDELT 1.0-style tab-separated file with a header line.
func NewCAMEO(w io.Writer) Writer { return &cameoWriter{bw: bufio.NewWriterSize(w, writeBuffer)} }

// tsv makes s safe for a tab-separated field.
func tsv(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func (c *cameoWriter) Write(r store.Row) error {
	if !c.header {
		c.header = true
		c.bw.WriteString(strings.Join(CAMEOColumns, "\t") + "\n")
	}
	f := Flatten(r)
	digits := strings.ReplaceAll(f.Date, "-", "")
	if len(digits) > 8 {
		digits = digits[:8]
	}
	var monthYear, year, fraction string
	if len(digits) == 8 {
		monthYear, year = digits[:6], digits[:4]
		y, _ := strconv.Atoi(digits[:4])
		m, _ := strconv.Atoi(digits[4:6])
		d, _ := strconv.Atoi(digits[6:8])
		fraction = strconv.FormatFloat(float64(y)+float64(m*30+d)/365, 'f', 4, 64) // GDELT: (MONTH*30+DAY)/365
	}
	country := func(code string) string {
		if len(code) >= 3 {
			return code[:3]
		}
		return code
	}
	base, root := f.Cameo, f.Cameo
	if len(base) > 3 {
		base = base[:3]
	}
	if len(root) > 2 {
		root = root[:2]
	}
	quad := ""
	if f.QuadCode != 0 {
		quad = strconv.Itoa(int(f.QuadCode))
	}
	fields := []string{f.ID, digits, monthYear, year, fraction,
		f.ActorCode, csvcell.Text(f.ActorText), country(f.ActorCode), f.ActorSector,
		f.RecipientCode, csvcell.Text(f.RecipientText), country(f.RecipientCode), f.RecipientSector,
		"1", f.Cameo, base, root, quad, ff(f.Goldstein),
		strconv.Itoa(int(f.Mentions)), strconv.Itoa(int(f.Sources)), strconv.Itoa(int(f.Mentions)),
		csvcell.Text(firstNonEmpty(f.ResolvedPlace, f.Place)), f.CountryCode, optf(f.Lat), optf(f.Lon), csvcell.Text(f.URL), f.Event}
	for i, s := range fields {
		if i > 0 {
			c.bw.WriteByte('\t')
		}
		c.bw.WriteString(tsv(s))
	}
	if err := c.bw.WriteByte('\n'); err != nil {
		return fmt.Errorf("export: cameo: %w", err)
	}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (c *cameoWriter) Close() error {
	if !c.header {
		c.header = true
		c.bw.WriteString(strings.Join(CAMEOColumns, "\t") + "\n")
	}
	if err := c.bw.Flush(); err != nil {
		return fmt.Errorf("export: cameo: %w", err)
	}
	return nil
}

type parquetWriter struct {
	pw  *parquet.GenericWriter[Flat]
	buf []Flat
}

// parquetRowGroup is the most rows a Parquet row group holds: the writer
// keeps a row group in memory until it is full, so this bounds an export's
// memory whatever the size of the store.
const parquetRowGroup = 64 * 1024

// NewParquet writes a Parquet file of Flat records (zstd-compressed,
// lists as standard LIST columns, row groups of at most parquetRowGroup
// rows).
func NewParquet(w io.Writer) Writer {
	return &parquetWriter{pw: parquet.NewGenericWriter[Flat](w, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(parquetRowGroup))}
}

func (p *parquetWriter) Write(r store.Row) error {
	p.buf = append(p.buf, Flatten(r))
	if len(p.buf) >= 1024 {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.buf) == 0 {
		return nil
	}
	if _, err := p.pw.Write(p.buf); err != nil {
		return fmt.Errorf("export: parquet: %w", err)
	}
	p.buf = p.buf[:0]
	return nil
}

func (p *parquetWriter) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.pw.Close(); err != nil {
		return fmt.Errorf("export: parquet: %w", err)
	}
	return nil
}
