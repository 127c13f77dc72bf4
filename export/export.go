// Package export writes stored events as files for other tools: PLOVER
// JSON lines, CSV, a CAMEO/GDELT-style tab-separated file, and Parquet
// (readable by DuckDB, pandas and R's arrow).
//
// In: store.Rows, one at a time. Out: bytes on an io.Writer, complete once
// Close returns.
//
// CSV and Parquet share one flat layout, a column per scalar field of the
// event (the first actor and recipient, the first category) plus lists; the
// JSON lines keep every field of the PLOVER record. The CAMEO file has a
// header line and GDELT 1.0's column names where dyad has the data:
// GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate, Actor1Code,
// Actor1Name, Actor1CountryCode, Actor1Type1Code, Actor2Code, Actor2Name,
// Actor2CountryCode, Actor2Type1Code, IsRootEvent, EventCode, EventBaseCode,
// EventRootCode, QuadClass, GoldsteinScale, NumMentions, NumSources,
// NumArticles, ActionGeo_FullName, ActionGeo_CountryCode, ActionGeo_Lat,
// ActionGeo_Long, SOURCEURL, then dyad's PLOVERCategory.
package export

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"dyad/store"
)

// Writer writes rows in one format. Close flushes; the output is complete
// only after it returns without error. Close does not close the underlying
// io.Writer.
type Writer interface {
	Write(store.Row) error
	Close() error
}

// formats maps a format name to its constructor.
func formats() map[string]func(io.Writer) Writer {
	return map[string]func(io.Writer) Writer{
		"jsonl":   NewJSONL,
		"csv":     NewCSV,
		"cameo":   NewCAMEO,
		"parquet": NewParquet,
	}
}

// Formats lists the format names New accepts.
func Formats() []string {
	var out []string
	for k := range formats() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// New returns a Writer for the named format.
func New(format string, w io.Writer) (Writer, error) {
	f, ok := formats()[strings.ToLower(format)]
	if !ok {
		return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return f(w), nil
}

// Flat is one event as a flat record, the layout of the CSV and Parquet
// files.
type Flat struct {
	ID              string   `parquet:"id" json:"id"`
	DocID           string   `parquet:"doc_id" json:"doc_id"`
	Date            string   `parquet:"date" json:"date"`
	DatePrecision   string   `parquet:"date_precision" json:"date_precision"`
	Event           string   `parquet:"event" json:"event"`
	Events          []string `parquet:"events,list" json:"events"`
	Mode            []string `parquet:"mode,list" json:"mode"`
	Context         []string `parquet:"context,list" json:"context"`
	QuadCode        int32    `parquet:"quad_code" json:"quad_code"`
	EventScale      float64  `parquet:"event_scale" json:"event_scale"`
	Goldstein       float64  `parquet:"goldstein" json:"goldstein"`
	Cameo           string   `parquet:"cameo" json:"cameo"`
	ActorCode       string   `parquet:"actor_code" json:"actor_code"`
	ActorSector     string   `parquet:"actor_sector" json:"actor_sector"`
	ActorText       string   `parquet:"actor_text" json:"actor_text"`
	RecipientCode   string   `parquet:"recipient_code" json:"recipient_code"`
	RecipientSector string   `parquet:"recipient_sector" json:"recipient_sector"`
	RecipientText   string   `parquet:"recipient_text" json:"recipient_text"`
	EventText       []string `parquet:"event_text,list" json:"event_text"`
	Place           string   `parquet:"place" json:"place"`
	ResolvedPlace   string   `parquet:"resolved_place" json:"resolved_place"`
	CountryCode     string   `parquet:"country_code" json:"country_code"`
	Lat             *float64 `parquet:"lat,optional" json:"lat"`
	Lon             *float64 `parquet:"lon,optional" json:"lon"`
	Text            string   `parquet:"text" json:"text"`
	Sequence        int32    `parquet:"sequence" json:"sequence"`
	Start           int32    `parquet:"start" json:"start"`
	End             int32    `parquet:"end" json:"end"`
	URL             string   `parquet:"url" json:"url"`
	Title           string   `parquet:"title" json:"title"`
	Publication     string   `parquet:"publication" json:"publication"`
	Source          string   `parquet:"source" json:"source"`
	Deadline        string   `parquet:"deadline" json:"deadline"`
	Rule            string   `parquet:"rule" json:"rule"`
	Cluster         string   `parquet:"cluster" json:"cluster"`
	Mentions        int32    `parquet:"mentions" json:"mentions"`
	Sources         int32    `parquet:"sources" json:"sources"`
	// Published is the document's publication date, YYYY-MM-DD.
	Published string `parquet:"published" json:"published"`
}

// Flatten turns a row into a Flat record.
func Flatten(r store.Row) Flat {
	e := r.Event
	f := Flat{
		ID: e.ID, DocID: e.DocID, Date: e.Date, DatePrecision: e.DatePrecision,
		Events: nonNil(e.Event), Mode: nonNil(e.Mode), Context: nonNil(e.Context),
		QuadCode: int32(e.QuadCode), EventScale: e.EventScale, Goldstein: e.Goldstein, Cameo: e.Cameo,
		EventText: nonNil(e.EventText),
		Text:      e.Text, Sequence: int32(e.TextInfo.Sequence), Start: int32(e.TextInfo.Start), End: int32(e.TextInfo.End),
		URL: e.CiteInfo.URL, Title: e.CiteInfo.Title, Publication: e.CiteInfo.Publication,
		Source: r.Source, Deadline: e.Deadline, Rule: e.Rule,
		Cluster: r.Cluster, Mentions: int32(r.Mentions), Sources: int32(r.Sources),
	}
	if len(r.Published) >= 10 {
		f.Published = r.Published[:10]
	}
	if f.Title == "" {
		f.Title = r.Title
	}
	if len(e.Event) > 0 {
		f.Event = e.Event[0]
	}
	if len(e.Actor) > 0 {
		f.ActorCode, f.ActorSector, f.ActorText = e.Actor[0].Code, e.Actor[0].Sector, e.Actor[0].EntityText
	}
	if len(e.Recipient) > 0 {
		f.RecipientCode, f.RecipientSector, f.RecipientText = e.Recipient[0].Code, e.Recipient[0].Sector, e.Recipient[0].EntityText
	}
	if l := e.EventLoc; l != nil {
		f.Place, f.ResolvedPlace, f.CountryCode = l.ExtractedPlace, l.ResolvedPlace, l.CountryCode
		lat, lon := l.Lat, l.Lon
		f.Lat, f.Lon = &lat, &lon
	}
	return f
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Rows is where an export reads its rows; *store.DB is one. Records
// gives the stored records alone, without documents or clusters.
type Rows interface {
	Each(ctx context.Context, f store.Filter, fn func(store.Row) error) error
	Records(ctx context.Context, f store.Filter, fn func(rec []byte) error) error
}

// Copy writes every row that f selects from src to w and returns how many
// it wrote. Where w writes stored records as they are (JSON lines) the rows
// are not decoded, and only their records are read. Copy does not close w.
func Copy(ctx context.Context, src Rows, f store.Filter, w Writer) (int, error) {
	n := 0
	if RawRecords(w) {
		err := src.Records(ctx, f, func(rec []byte) error { n++; return w.Write(store.Row{Record: rec}) })
		return n, err
	}
	err := src.Each(ctx, f, func(r store.Row) error { n++; return w.Write(r) })
	return n, err
}
