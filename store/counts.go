package store

import (
	"cmp"
	"slices"

	"dyad/plover"
)

// counts are what the rows a writer has queued add to SQLite's serving
// counts: pair_months (event_pairs by pair, month and quad class),
// pair_quads (by pair and quad class, schema 7), dyad_months (dyad_events
// by dyad, direction, month and quad class) and actor_names (actors rows
// by code and name). They are summed in Go as the
// rows are queued and written with them, one upsert row per key, where a
// trigger per row bumped the same counter once for each (schema 5).
// Deleting rows still uncounts them by trigger.
type counts struct {
	pairs, quads, dyads map[monthKey]*monthSum // quads' keys have no Month
	names               map[nameKey]int
	// The upsert rows queue makes of the sums.
	pairRows, quadRows, dyadRows, nameRows rows
}

// monthKey is a row of pair_months (Dir empty) or dyad_months.
type monthKey struct {
	A, B, Dir, Month string
	Quad             int
}

// monthSum is what the rows of a monthKey add to it.
type monthSum struct {
	n           int
	scale, gold float64
}

// nameKey is a row of actor_names.
type nameKey struct{ code, name string }

func newCounts() *counts {
	return &counts{
		pairs: map[monthKey]*monthSum{},
		quads: map[monthKey]*monthSum{},
		dyads: map[monthKey]*monthSum{},
		names: map[nameKey]int{},
		pairRows: newRows("pair_months", "a, b, month, quad, n, scale, gold",
			` ON CONFLICT (a, b, month, quad) DO UPDATE SET n = n + excluded.n, scale = scale + excluded.scale, gold = gold + excluded.gold`),
		quadRows: newRows("pair_quads", "a, b, quad, n, scale, gold",
			` ON CONFLICT (a, b, quad) DO UPDATE SET n = n + excluded.n, scale = scale + excluded.scale, gold = gold + excluded.gold`),
		dyadRows: newRows("dyad_months", "a, b, dir, month, quad, n, scale, gold",
			` ON CONFLICT (a, b, dir, month, quad) DO UPDATE SET n = n + excluded.n, scale = scale + excluded.scale, gold = gold + excluded.gold`),
		nameRows: newRows("actor_names", "code, name, n", ` ON CONFLICT (code, name) DO UPDATE SET n = n + excluded.n`),
	}
}

// add counts an event in the month row k of m.
func addMonth(m map[monthKey]*monthSum, k monthKey, e plover.Event) {
	s := m[k]
	if s == nil {
		s = &monthSum{}
		m[k] = s
	}
	s.n++
	s.scale += e.EventScale
	s.gold += e.Goldstein
}

// queue turns the sums into upsert rows, in key order, and forgets them.
func (c *counts) queue() {
	for _, k := range sortedKeys(c.pairs) {
		s := c.pairs[k]
		c.pairRows.add(k.A, k.B, k.Month, k.Quad, s.n, s.scale, s.gold)
	}
	for _, k := range sortedKeys(c.quads) {
		s := c.quads[k]
		c.quadRows.add(k.A, k.B, k.Quad, s.n, s.scale, s.gold)
	}
	for _, k := range sortedKeys(c.dyads) {
		s := c.dyads[k]
		c.dyadRows.add(k.A, k.B, k.Dir, k.Month, k.Quad, s.n, s.scale, s.gold)
	}
	names := make([]nameKey, 0, len(c.names))
	for k := range c.names {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b nameKey) int { return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.name, b.name)) })
	for _, k := range names {
		c.nameRows.add(k.code, k.name, c.names[k])
	}
	clear(c.pairs)
	clear(c.quads)
	clear(c.dyads)
	clear(c.names)
}

// reset forgets the sums and the rows made of them.
func (c *counts) reset() {
	clear(c.pairs)
	clear(c.quads)
	clear(c.dyads)
	clear(c.names)
	c.pairRows.args, c.quadRows.args, c.dyadRows.args, c.nameRows.args = nil, nil, nil, nil
}

func sortedKeys(m map[monthKey]*monthSum) []monthKey {
	ks := make([]monthKey, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b monthKey) int {
		return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B), cmp.Compare(a.Dir, b.Dir),
			cmp.Compare(a.Month, b.Month), cmp.Compare(a.Quad, b.Quad))
	})
	return ks
}

// monthOf is SQLite's SUBSTR(date, 1, 7): the first seven characters.
func monthOf(date string) string {
	n := 0
	for i := range date {
		if n == 7 {
			return date[:i]
		}
		n++
	}
	return date
}
