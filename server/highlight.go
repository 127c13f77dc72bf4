package server

import (
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"dyad/plover"
	"dyad/timex"
	"dyad/tokenize"
)

// mark is a span of the article to highlight: what it is (actor,
// recipient, trigger, place, date) and the events it belongs to.
type mark struct {
	start, end int
	kind       string
	event      int
}

// marksOf collects the spans of the events' evidence in text: actors,
// recipients, triggers, places, and the date expressions of the events'
// sentences.
func marksOf(text string, evs []plover.Event, pub time.Time) []mark {
	var ms []mark
	add := func(start, end int, kind string, ev int) {
		if start >= 0 && end > start && end <= len(text) {
			ms = append(ms, mark{start, end, kind, ev})
		}
	}
	var tok tokenize.Tokenizer
	sentences := map[[2]int][]int{}
	for i, e := range evs {
		for _, a := range e.Actor {
			add(a.Start, a.End, "actor", i)
		}
		for _, a := range e.Recipient {
			add(a.Start, a.End, "recipient", i)
		}
		for _, sp := range e.EventSpans {
			add(sp.Start, sp.End, "trigger", i)
		}
		if l := e.EventLoc; l != nil {
			add(l.Start, l.End, "place", i)
		}
		k := [2]int{e.TextInfo.Start, e.TextInfo.End}
		sentences[k] = append(sentences[k], i)
	}
	if !pub.IsZero() {
		for k, idx := range sentences {
			if k[0] < 0 || k[1] > len(text) || k[0] >= k[1] {
				continue
			}
			toks := tok.Tokenize(nil, text, k[0], k[1])
			for _, x := range timex.Find(toks, pub) {
				if x.Start < 0 || x.End > len(toks) || x.Start >= x.End {
					continue
				}
				start, end := toks[x.Start].Start, toks[x.End-1].End
				for _, i := range idx {
					if sameDate(evs[i].Date, x) {
						add(start, end, "date", i)
					}
				}
			}
		}
	}
	return ms
}

// sameDate reports whether a time expression gives an event's date.
func sameDate(date string, x timex.Expr) bool {
	if date == "" {
		return false
	}
	for _, t := range []time.Time{x.Past, x.Future} {
		if t.IsZero() {
			continue
		}
		s := t.Format("2006-01-02")
		n := min(len(date), len(s))
		if x.Precision == timex.Month {
			n = min(n, 7)
		} else if x.Precision == timex.Year {
			n = min(n, 4)
		}
		if date[:n] == s[:n] {
			return true
		}
	}
	return false
}

// highlight renders text as HTML with the marks as <mark> elements. Where
// marks overlap, the text is cut at every boundary and each piece carries
// the kinds and events of every mark over it, so the output nests nothing.
// Every piece of text is escaped.
func highlight(text string, ms []mark) template.HTML {
	cuts := map[int]bool{0: true, len(text): true}
	for _, m := range ms {
		cuts[m.start] = true
		cuts[m.end] = true
	}
	pos := make([]int, 0, len(cuts))
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	var b strings.Builder
	for i := 0; i+1 < len(pos); i++ {
		a, z := pos[i], pos[i+1]
		piece := html.EscapeString(text[a:z])
		kinds := map[string]bool{}
		events := map[int]bool{}
		for _, m := range ms {
			if m.start <= a && m.end >= z {
				kinds[m.kind] = true
				events[m.event] = true
			}
		}
		if len(kinds) == 0 {
			b.WriteString(piece)
			continue
		}
		var ks []string
		for k := range kinds {
			ks = append(ks, "hl-"+k)
		}
		sort.Strings(ks)
		var es []int
		for e := range events {
			es = append(es, e)
		}
		sort.Ints(es)
		var evs []string
		for _, e := range es {
			evs = append(evs, "e"+strconv.Itoa(e))
		}
		b.WriteString(`<mark class="` + strings.Join(ks, " ") + `" data-ev="` + strings.Join(evs, " ") + `" title="` +
			html.EscapeString(strings.Join(trimKinds(ks), ", ")) + `">` + piece + `</mark>`)
	}
	return template.HTML(b.String())
}

func trimKinds(ks []string) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = strings.TrimPrefix(k, "hl-")
	}
	return out
}
