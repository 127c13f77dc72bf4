package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"dyad/plover"
)

// WriteJSON writes the report as one JSON object.
func (rep *Report) WriteJSON(w io.Writer) error {
	type cat struct {
		Counts
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}
	out := struct {
		*Report
		Summary    cat            `json:"summary"`
		Categories map[string]cat `json:"categories"`
	}{Report: rep, Categories: map[string]cat{}}
	out.Summary = cat{rep.Overall, rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1()}
	for k, c := range rep.ByCategory {
		out.Categories[k] = cat{c, c.Precision(), c.Recall(), c.F1()}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteTable writes the report for people: per-category scores, the
// confusion matrix, role and date accuracy, and up to show misses and
// false alarms.
func (rep *Report) WriteTable(w io.Writer, show int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CATEGORY\tTP\tFP\tFN\tPRECISION\tRECALL\tF1\t")
	for _, c := range plover.Categories() {
		k := rep.ByCategory[c]
		if k.TP+k.FP+k.FN == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t\n", c, k.TP, k.FP, k.FN, k.Precision(), k.Recall(), k.F1())
	}
	o := rep.Overall
	fmt.Fprintf(tw, "ALL\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t\n", o.TP, o.FP, o.FN, o.Precision(), o.Recall(), o.F1())
	tw.Flush()
	fmt.Fprintf(w, "\n%d documents", rep.Docs)
	if len(rep.Failed) > 0 {
		fmt.Fprintf(w, ", %d could not be coded", len(rep.Failed))
	}
	fmt.Fprintf(w, "; %d matched events: actor codes %s, actor country %s, actor sector %s (with its country %s), recipient codes %s, date %s\n",
		rep.Matched, frac(rep.ActorOK, rep.Matched), frac(rep.CountryOK, rep.CountryN), frac(rep.SectorsOK, rep.SectorsN), frac(rep.SectorOK, rep.SectorN), frac(rep.RecipientOK, rep.RecipientN), frac(rep.DateOK, rep.DateN))
	fmt.Fprintf(w, "gold events whose category was coded in their document, whoever the actors: %s; documents that must yield no event and yield none: %s\n",
		frac(rep.TypeOK, rep.TypeN), frac(rep.QuietOK, rep.QuietN))
	rep.writeConfusion(w)
	if show > 0 {
		writeItems(w, "Misses", rep.Misses, show)
		writeItems(w, "False alarms", rep.FalseAlarms, show)
		writeItems(w, "Wrong dates", rep.WrongDates, show)
	}
	return nil
}

func frac(a, b int) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d (%.0f%%)", a, b, 100*float64(a)/float64(b))
}

func (rep *Report) writeConfusion(w io.Writer) {
	rows := map[string]bool{}
	cols := map[string]bool{}
	for g, m := range rep.Confusion {
		rows[g] = true
		for c := range m {
			cols[c] = true
		}
	}
	order := func(set map[string]bool) []string {
		var out []string
		for _, c := range plover.Categories() {
			if set[c] {
				out = append(out, c)
			}
		}
		if set["-"] {
			out = append(out, "-")
		}
		return out
	}
	rs, cs := order(rows), order(cols)
	if len(rs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nConfusion (rows: gold, columns: coded; - is none):")
	tw := tabwriter.NewWriter(w, 0, 4, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t", abbrev(c))
	}
	fmt.Fprintln(tw)
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t", abbrev(r))
		for _, c := range cs {
			if n := rep.Confusion[r][c]; n > 0 {
				fmt.Fprintf(tw, "%d\t", n)
			} else {
				fmt.Fprint(tw, ".\t")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func abbrev(c string) string {
	if len(c) > 4 {
		return c[:4]
	}
	return c
}

func writeItems(w io.Writer, title string, items []Item, show int) {
	if len(items) == 0 {
		return
	}
	sorted := append([]Item(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Category < sorted[j].Category })
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(items))
	for i, it := range sorted {
		if i == show {
			fmt.Fprintf(w, "  ... %d more (use --show)\n", len(items)-show)
			break
		}
		fmt.Fprintf(w, "  %s %s -> %s", it.Category, it.Actor, it.Recip)
		if it.Date != "" {
			fmt.Fprintf(w, " @%s", it.Date)
		}
		if it.Want != "" {
			fmt.Fprintf(w, " (gold @%s)", it.Want)
		}
		fmt.Fprintf(w, "  [%s", it.Doc)
		if it.Line > 0 {
			fmt.Fprintf(w, " line %d", it.Line)
		}
		if it.Rule != "" {
			fmt.Fprintf(w, " rule %s", it.Rule)
		}
		fmt.Fprintf(w, "]\n      %s\n", strings.Join(strings.Fields(it.Text), " "))
	}
}
