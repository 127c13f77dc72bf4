// Package output writes coded events for people and for programs.
//
// In: plover.Events. Out: a readable table, PLOVER JSON lines, CSV, CAMEO-
// style tab-separated records, or an explanation of each event with the
// dictionary rule and the evidence spans that produced it.
package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"dyad/internal/csvcell"
	"dyad/plover"
)

// Writer writes events in one format. Close flushes buffered output.
type Writer interface {
	Write(evs []plover.Event) error
	Close() error
}

// Formats lists the format names New accepts.
var Formats = []string{"table", "jsonl", "csv", "cameo", "explain"}

// New returns a writer for the named format.
func New(w io.Writer, format string) (Writer, error) {
	switch format {
	case "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tEVENT\tMODE\tACTOR\tRECIPIENT\tTRIGGER\tATTRIBUTION\tCONTEXT")
		return &table{tw: tw}, nil
	case "jsonl":
		return &jsonl{w: w}, nil
	case "csv":
		cw := csv.NewWriter(w)
		err := cw.Write(csvHeader)
		return &csvw{cw: cw}, err
	case "cameo":
		return &cameo{w: w}, nil
	case "explain":
		return &explain{w: w}, nil
	}
	return nil, fmt.Errorf("output: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// Entities formats entity codes as "USA MIL + NER MIL".
func Entities(es []plover.Entity) string {
	parts := make([]string, 0, len(es))
	for _, e := range es {
		s := e.Code
		if s == "" {
			s = "-"
		}
		if e.Sector != "" {
			s += " " + e.Sector
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " + ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type table struct{ tw *tabwriter.Writer }

func (t *table) Write(evs []plover.Event) error {
	for _, e := range evs {
		date := e.Date
		if e.DatePrecision != "day" {
			date += " (" + e.DatePrecision + ")"
		}
		if e.Deadline != "" {
			date += " by " + e.Deadline
		}
		fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", date, strings.Join(e.Event, ","), dash(strings.Join(e.Mode, ",")),
			Entities(e.Actor), Entities(e.Recipient), strings.Join(e.EventText, "; "), Entities(e.Attribution), dash(strings.Join(e.Context, ",")))
	}
	return nil
}
func (t *table) Close() error { return t.tw.Flush() }

var csvHeader = []string{"id", "doc_id", "date", "date_precision", "deadline", "event", "mode", "context", "quad_code", "event_scale",
	"actor", "actor_text", "recipient", "recipient_text", "event_text", "attribution", "cameo", "goldstein", "location", "lat", "lon",
	"sentence_start", "sentence_end", "url", "rule"}

type csvw struct{ cw *csv.Writer }

func texts(es []plover.Entity, text string, base int) string {
	var parts []string
	for _, e := range es {
		if e.Start-base >= 0 && e.End-base <= len(text) && e.Start <= e.End {
			parts = append(parts, text[e.Start-base:e.End-base])
		}
	}
	return strings.Join(parts, " | ")
}

func (c *csvw) Write(evs []plover.Event) error {
	for _, e := range evs {
		loc, lat, lon := "", "", ""
		if e.EventLoc != nil {
			loc = e.EventLoc.ResolvedPlace
			lat = strconv.FormatFloat(e.EventLoc.Lat, 'f', 4, 64)
			lon = strconv.FormatFloat(e.EventLoc.Lon, 'f', 4, 64)
		}
		// Numbers are written as they are (a Goldstein score of -7 stays a
		// number); every text cell goes through csvcell.Text.
		t := csvcell.Text
		rec := []string{t(e.ID), t(e.DocID), t(e.Date), t(e.DatePrecision), t(e.Deadline), t(strings.Join(e.Event, ";")), t(strings.Join(e.Mode, ";")),
			t(strings.Join(e.Context, ";")), strconv.Itoa(e.QuadCode), strconv.FormatFloat(e.EventScale, 'f', -1, 64),
			t(Entities(e.Actor)), t(texts(e.Actor, e.Text, e.TextInfo.Start)), t(Entities(e.Recipient)), t(texts(e.Recipient, e.Text, e.TextInfo.Start)),
			t(strings.Join(e.EventText, "; ")), t(Entities(e.Attribution)), t(e.Cameo), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
			t(loc), lat, lon, strconv.Itoa(e.TextInfo.Start), strconv.Itoa(e.TextInfo.End), t(e.CiteInfo.URL), t(e.Rule)}
		if err := c.cw.Write(rec); err != nil {
			return err
		}
	}
	return nil
}
func (c *csvw) Close() error { c.cw.Flush(); return c.cw.Error() }

// cameo writes one tab-separated line per actor-recipient pair, the way
// CAMEO-era coders did: date, source, target, CAMEO code, Goldstein score,
// PLOVER category, quad class, sentence id.
type cameo struct{ w io.Writer }

func (c *cameo) Write(evs []plover.Event) error {
	for _, e := range evs {
		srcs, tgts := pairs(e.Actor), pairs(e.Recipient)
		if len(tgts) == 0 {
			tgts = []string{"---"}
		}
		date := strings.ReplaceAll(e.Date, "-", "")
		for _, s := range srcs {
			for _, t := range tgts {
				if _, err := fmt.Fprintf(c.w, "%s\t%s\t%s\t%s\t%g\t%s\t%d\t%s\n", date, s, t, e.Cameo, e.Goldstein, strings.Join(e.Event, ","), e.QuadCode, e.ID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
func (c *cameo) Close() error { return nil }

func pairs(es []plover.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Code+e.Sector)
	}
	return out
}

type explain struct{ w io.Writer }

func (x *explain) Write(evs []plover.Event) error {
	for _, e := range evs {
		fmt.Fprintf(x.w, "%s  %s", e.ID, strings.Join(e.Event, ","))
		if len(e.Mode) > 0 {
			fmt.Fprintf(x.w, " (%s)", strings.Join(e.Mode, ","))
		}
		fmt.Fprintf(x.w, "  %s -> %s  on %s (%s)", Entities(e.Actor), Entities(e.Recipient), e.Date, e.DatePrecision)
		if e.Deadline != "" {
			fmt.Fprintf(x.w, ", deadline %s", e.Deadline)
		}
		fmt.Fprintln(x.w)
		fmt.Fprintf(x.w, "  sentence %d [%d:%d]: %s\n", e.TextInfo.Sequence, e.TextInfo.Start, e.TextInfo.End, oneLine(e.Text))
		fmt.Fprintf(x.w, "  rule %s fired on %q", e.Rule, strings.Join(e.EventText, " "))
		for _, s := range e.EventSpans {
			fmt.Fprintf(x.w, " [%d:%d]", s.Start, s.End)
		}
		fmt.Fprintln(x.w)
		for _, role := range []struct {
			name string
			es   []plover.Entity
		}{{"actor", e.Actor}, {"recipient", e.Recipient}, {"attribution", e.Attribution}} {
			for _, en := range role.es {
				txt := ""
				if en.Start-e.TextInfo.Start >= 0 && en.End-e.TextInfo.Start <= len(e.Text) && en.Start <= en.End {
					txt = e.Text[en.Start-e.TextInfo.Start : en.End-e.TextInfo.Start]
				}
				fmt.Fprintf(x.w, "  %-11s %s %s from %q [%d:%d]", role.name, en.Code, en.Sector, txt, en.Start, en.End)
				if en.IdentifierText != "" {
					fmt.Fprintf(x.w, " = %s", en.IdentifierText)
				}
				if en.Office != "" {
					fmt.Fprintf(x.w, ", %s", en.Office)
				}
				fmt.Fprintln(x.w)
			}
		}
		if len(e.Context) > 0 {
			fmt.Fprintf(x.w, "  context     %s\n", strings.Join(e.Context, ", "))
		}
		if e.EventLoc != nil {
			fmt.Fprintf(x.w, "  location    %s (%s, %.3f, %.3f)\n", e.EventLoc.ResolvedPlace, e.EventLoc.CountryCode, e.EventLoc.Lat, e.EventLoc.Lon)
		}
		fmt.Fprintf(x.w, "  cameo       %s (Goldstein %g), PLOVER score %g, quad %d\n\n", e.Cameo, e.Goldstein, e.EventScale, e.QuadCode)
	}
	return nil
}
func (x *explain) Close() error { return nil }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
