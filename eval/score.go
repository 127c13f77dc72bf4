package eval

import (
	"slices"
	"sort"

	"dyad/document"
	"dyad/plover"
)

// Coder codes a document; *coder.Coder satisfies it.
type Coder interface {
	Code(document.Document) ([]plover.Event, error)
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

// Precision, Recall and F1 of the counts; 0 when undefined.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Item is a miss or a false alarm, with its sentence.
type Item struct {
	Doc      string `json:"doc"`
	Category string `json:"category"`
	Actor    string `json:"actor"`
	Recip    string `json:"recipient"`
	Date     string `json:"date,omitempty"`
	Text     string `json:"text"`
	Rule     string `json:"rule,omitempty"`
	Line     int    `json:"line,omitempty"`
	Want     string `json:"want,omitempty"`
}

// Report is the result of scoring.
type Report struct {
	Docs       int               `json:"documents"`
	Failed     []string          `json:"failed,omitempty"`
	Overall    Counts            `json:"overall"`
	ByCategory map[string]Counts `json:"by_category"`
	// Confusion counts gold category → coded category for matched events
	// and, under "-", misses and false alarms.
	Confusion map[string]map[string]int `json:"confusion"`
	Matched   int                       `json:"matched"`
	// ActorOK, RecipientOK, SectorOK and DateOK count matched pairs whose
	// actor codes, recipient codes, actor sectors and dates agree;
	// RecipientN and DateN how many pairs had a gold recipient or date.
	ActorOK, RecipientOK, RecipientN, SectorOK, SectorN, DateOK, DateN int
	// CountryOK counts matched pairs where every gold actor's country (or
	// its having none: "- UAF") is among the coded actors'; SectorsOK,
	// of the SectorsN pairs whose gold actors give sectors, those where
	// every such sector is among the coded actors'. Unlike SectorOK they
	// do not need the country right too.
	CountryOK, CountryN, SectorsOK, SectorsN int
	// TypeOK counts the core gold events whose category is among the
	// categories coded for their document, whoever the actors (the
	// measure of a conflict monitor that counts events by type), of
	// TypeN; QuietOK the documents that must yield no event and yield
	// none, of QuietN.
	TypeOK, TypeN, QuietOK, QuietN int
	Misses                         []Item `json:"misses"`
	FalseAlarms                    []Item `json:"false_alarms"`
	// WrongDates are matched events whose date disagrees with the gold
	// date: the coded event, with the gold date in Want.
	WrongDates []Item `json:"wrong_dates"`
}

// Score codes every document with c and scores the events against the gold
// events, with the matching rules of the package documentation.
func Score(docs []Doc, c Coder) *Report {
	rep := &Report{ByCategory: map[string]Counts{}, Confusion: map[string]map[string]int{}}
	for _, cat := range plover.Categories() {
		rep.ByCategory[cat] = Counts{}
	}
	for i := range docs {
		d := &docs[i]
		rep.Docs++
		evs, err := c.Code(document.Document{ID: d.ID, Title: d.Title, Date: d.Date, Text: d.Text})
		if err != nil {
			rep.Failed = append(rep.Failed, d.ID+": "+err.Error())
			evs = nil
		}
		rep.scoreDoc(d, evs)
	}
	return rep
}

func (rep *Report) count(cat string, f func(*Counts)) {
	c := rep.ByCategory[cat]
	f(&c)
	rep.ByCategory[cat] = c
	f(&rep.Overall)
}

func (rep *Report) confuse(gold, coded string) {
	if rep.Confusion[gold] == nil {
		rep.Confusion[gold] = map[string]int{}
	}
	rep.Confusion[gold][coded]++
}

func codesOf(es []Entity) map[string]bool {
	m := map[string]bool{}
	for _, e := range es {
		m[e.Code] = true
	}
	return m
}

func overlaps(m map[string]bool, es []plover.Entity) bool {
	for _, e := range es {
		if e.Code != "" && m[e.Code] {
			return true
		}
	}
	return false
}

// actorOverlap reports whether coded actors es overlap gold actors g: a
// shared country code, or a gold actor without a country whose sector a
// coded actor has.
func actorOverlap(g []Entity, es []plover.Entity) bool {
	for _, ge := range g {
		for _, e := range es {
			if ge.Code != "" && ge.Code == e.Code || ge.Code == "" && ge.Sector != "" && ge.Sector == e.Sector {
				return true
			}
		}
	}
	return false
}

// countriesAgree reports whether every gold actor's country (or its
// having none) is among the coded actors', and sectorsAgree the same of
// their sectors, where the gold gives one.
func countriesAgree(g []Entity, es []plover.Entity) bool {
	for _, ge := range g {
		if !slices.ContainsFunc(es, func(e plover.Entity) bool { return e.Code == ge.Code }) {
			return false
		}
	}
	return len(g) > 0 || len(es) == 0
}

func sectorsAgree(g []Entity, es []plover.Entity) (n int, ok bool) {
	ok = true
	for _, ge := range g {
		if ge.Sector == "" {
			continue
		}
		n++
		if !slices.ContainsFunc(es, func(e plover.Entity) bool { return e.Sector == ge.Sector }) {
			ok = false
		}
	}
	return n, ok
}

func sameCodes(m map[string]bool, es []plover.Entity) bool {
	got := map[string]bool{}
	for _, e := range es {
		got[e.Code] = true
	}
	if len(got) != len(m) {
		return false
	}
	for k := range m {
		if !got[k] {
			return false
		}
	}
	return true
}

func accepts(g *GoldEvent, cat string) bool {
	for _, c := range g.Categories {
		if c == cat {
			return true
		}
	}
	return false
}

func (rep *Report) scoreDoc(d *Doc, evs []plover.Event) {
	for gi := range d.Events {
		g := &d.Events[gi]
		if g.Secondary {
			continue
		}
		rep.TypeN++
		if slices.ContainsFunc(evs, func(e plover.Event) bool { return accepts(g, e.Event[0]) }) {
			rep.TypeOK++
		}
	}
	if d.None {
		rep.QuietN++
		if len(evs) == 0 {
			rep.QuietOK++
		}
	}
	used := make([]bool, len(evs))
	confused := make([]bool, len(evs))
	// Core events first, so that a secondary event never takes the coded
	// event a core one needs.
	order := make([]int, len(d.Events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return !d.Events[order[a]].Secondary && d.Events[order[b]].Secondary })
	for _, gi := range order {
		g := &d.Events[gi]
		act := codesOf(g.Actors)
		both := codesOf(append(append([]Entity(nil), g.Actors...), g.Recipients...))
		rec := codesOf(g.Recipients)
		best, bestScore := -1, 0
		for k := range evs {
			if used[k] || !accepts(g, evs[k].Event[0]) {
				continue
			}
			score := 0
			switch {
			case len(g.Actors) == 0:
				// Nobody named: the category decides, and a coded
				// event without an actor agrees best.
				score = 1
				if len(evs[k].Actor) == 0 {
					score = 2
				}
			case actorOverlap(g.Actors, evs[k].Actor):
				score = 2
			case len(g.Recipients) == 0 && overlaps(both, evs[k].Actor):
				score = 1
			case len(evs[k].Recipient) == 0 && len(g.Recipients) > 0 && overlaps(both, evs[k].Actor):
				// a reciprocal coding of a one-sided gold event
				score = 1
			default:
				continue
			}
			if len(rec) > 0 && overlaps(rec, evs[k].Recipient) {
				score += 2
			}
			if score > bestScore {
				best, bestScore = k, score
			}
		}
		if best < 0 {
			if !g.Secondary {
				rep.count(g.Categories[0], func(c *Counts) { c.FN++ })
				// For the confusion matrix: a coded event about the same
				// actors under another category.
				other := "-"
				for k := range evs {
					if !used[k] && !confused[k] && (len(g.Actors) == 0 || actorOverlap(g.Actors, evs[k].Actor) || len(g.Recipients) == 0 && overlaps(both, evs[k].Actor)) {
						other = evs[k].Event[0]
						confused[k] = true
						break
					}
				}
				rep.confuse(g.Categories[0], other)
				rep.Misses = append(rep.Misses, Item{Doc: d.ID, Category: g.Categories[0], Actor: entStr(g.Actors), Recip: entStr(g.Recipients), Date: g.Date, Text: excerpt(d.Text), Line: g.Line})
			}
			continue
		}
		used[best] = true
		if g.Secondary {
			continue
		}
		e := &evs[best]
		rep.count(e.Event[0], func(c *Counts) { c.TP++ })
		rep.confuse(g.Categories[0], e.Event[0])
		rep.Matched++
		if sameCodes(act, e.Actor) || (len(g.Recipients) == 0 && sameCodes(both, e.Actor)) {
			rep.ActorOK++
		}
		rep.CountryN++
		if countriesAgree(g.Actors, e.Actor) {
			rep.CountryOK++
		}
		if n, ok := sectorsAgree(g.Actors, e.Actor); n > 0 {
			rep.SectorsN++
			if ok {
				rep.SectorsOK++
			}
		}
		if len(g.Recipients) > 0 {
			rep.RecipientN++
			if sameCodes(rec, e.Recipient) {
				rep.RecipientOK++
			}
		}
		if len(g.Actors) > 0 && g.Actors[0].Sector != "" {
			sec := g.Actors[0].Sector
			rep.SectorN++
			for _, a := range e.Actor {
				if a.Code == g.Actors[0].Code && a.Sector == sec {
					rep.SectorOK++
					break
				}
			}
		}
		if g.Date != "" {
			rep.DateN++
			if len(e.Date) >= len(g.Date) && e.Date[:len(g.Date)] == g.Date {
				rep.DateOK++
			} else {
				rep.WrongDates = append(rep.WrongDates, Item{Doc: d.ID, Category: e.Event[0], Actor: plEnt(e.Actor), Recip: plEnt(e.Recipient),
					Date: e.Date + " (" + e.DatePrecision + ")", Want: g.Date, Text: e.Text, Rule: e.Rule, Line: g.Line})
			}
		}
	}
	for k := range evs {
		if used[k] {
			continue
		}
		e := &evs[k]
		rep.count(e.Event[0], func(c *Counts) { c.FP++ })
		if !confused[k] {
			rep.confuse("-", e.Event[0])
		}
		rep.FalseAlarms = append(rep.FalseAlarms, Item{Doc: d.ID, Category: e.Event[0], Actor: plEnt(e.Actor), Recip: plEnt(e.Recipient), Date: e.Date, Text: e.Text, Rule: e.Rule})
	}
}

func entStr(es []Entity) string {
	if len(es) == 0 {
		return "-"
	}
	s := ""
	for i, e := range es {
		if i > 0 {
			s += ", "
		}
		s += e.Code
		if e.Sector != "" {
			s += " " + e.Sector
		}
	}
	return s
}

func plEnt(es []plover.Entity) string {
	var g []Entity
	for _, e := range es {
		g = append(g, Entity{e.Code, e.Sector})
	}
	return entStr(g)
}

func excerpt(s string) string {
	if len(s) > 240 {
		cut := 240
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		return s[:cut] + "..."
	}
	return s
}
