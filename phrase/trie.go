package phrase

import (
	"dyad/tokenize"
)

// Trie matches many compiled patterns at once: patterns that share a
// prefix are walked together, so the cost of a position does not grow with
// the number of patterns that start with its word.
type Trie struct {
	root node
	// first holds the root's word edges by id, as a dense slice: the
	// lookup made at every token.
	first [][]edge
	// starts has bit id set when first[id] has edges: the test made at
	// every token, small enough to stay in cache.
	starts []uint64
	// rootSlot is set when a pattern starts with a slot.
	rootSlot bool
}

type node struct {
	words map[int32][]edge
	// ids and byID hold the word edges of a node with few of them, which
	// a short scan finds faster than a map lookup.
	ids   []int32
	byID  [][]edge
	gap   *node
	slot  [2]*node // 'A', 'R'
	final []final
}

// freeze moves small edge maps into slices, below n.
func (n *node) freeze() {
	if len(n.words) > 0 && len(n.words) <= 8 {
		for id, es := range n.words {
			n.ids = append(n.ids, id)
			n.byID = append(n.byID, es)
		}
		n.words = nil
	}
	for _, es := range n.words {
		for _, e := range es {
			e.next.freeze()
		}
	}
	for _, es := range n.byID {
		for _, e := range es {
			e.next.freeze()
		}
	}
	if n.gap != nil {
		n.gap.freeze()
	}
	for _, c := range n.slot {
		if c != nil {
			c.freeze()
		}
	}
}

// mayMatch reports whether walking n at token i can find anything: n ends a
// pattern, has a gap or a slot, or has an edge for the token's word.
func (n *node) mayMatch(s *Sentence, i int) bool {
	if len(n.final) > 0 || n.gap != nil || n.slot[0] != nil || n.slot[1] != nil {
		return true
	}
	if i >= len(s.Toks) {
		return false
	}
	wd := &s.Words[i]
	return wd.Name != 0 && n.edges(wd.Name) != nil || wd.Stem != 0 && wd.Stem != wd.Name && n.edges(wd.Stem) != nil
}

// edges returns the word edges of n for id.
func (n *node) edges(id int32) []edge {
	if n.words != nil {
		return n.words[id]
	}
	for k, x := range n.ids {
		if x == id {
			return n.byID[k]
		}
	}
	return nil
}

type edge struct {
	a    alt
	next *node
}

type final struct {
	pattern int
	// anchor is the position, among the literal words matched, of the
	// pattern's anchor word.
	anchor int
}

// NewTrie builds a trie over ps. Optional items are expanded into the
// variants with and without them (at most 64 per pattern).
func NewTrie(ps []Pattern) *Trie {
	t := &Trie{}
	for pi := range ps {
		p := &ps[pi]
		var opts []int
		for k, it := range p.items {
			if it.opt {
				opts = append(opts, k)
			}
		}
		if len(opts) > 6 {
			opts = opts[:6]
		}
		for mask := 0; mask < 1<<len(opts); mask++ {
			skip := map[int]bool{}
			for b, k := range opts {
				if mask&(1<<b) != 0 {
					skip[k] = true
				}
			}
			t.add(p, pi, skip)
		}
	}
	maxID := int32(0)
	for id := range t.root.words {
		maxID = max(maxID, id)
	}
	t.first = make([][]edge, maxID+1)
	t.starts = make([]uint64, maxID/64+1)
	for id, es := range t.root.words {
		t.first[id] = es
		if len(es) > 0 {
			t.starts[id/64] |= 1 << (id % 64)
		}
		for _, e := range es {
			e.next.freeze()
		}
	}
	if t.root.gap != nil {
		t.root.gap.freeze()
	}
	t.rootSlot = t.root.slot[0] != nil || t.root.slot[1] != nil
	for _, c := range t.root.slot {
		if c != nil {
			c.freeze()
		}
	}
	return t
}

func (t *Trie) add(p *Pattern, pi int, skip map[int]bool) {
	t.addFrom(&t.root, p, pi, skip, 0, 0, -1)
}

// addFrom adds items k... of p below n. Each alternative of a word item
// gets its own branch, so that a node is reached by one word only and a
// pattern ending there cannot be reached through another pattern's
// alternatives.
func (t *Trie) addFrom(n *node, p *Pattern, pi int, skip map[int]bool, k, words, anchor int) {
	for k < len(p.items) && skip[k] {
		k++
	}
	if k == len(p.items) {
		for _, f := range n.final {
			if f.pattern == pi {
				return
			}
		}
		n.final = append(n.final, final{pattern: pi, anchor: anchor})
		return
	}
	it := &p.items[k]
	switch {
	case it.gap:
		if n.gap == nil {
			n.gap = &node{}
		}
		t.addFrom(n.gap, p, pi, skip, k+1, words, anchor)
	case it.slot != 0:
		s := 0
		if it.slot == 'R' {
			s = 1
		}
		if n.slot[s] == nil {
			n.slot[s] = &node{}
		}
		t.addFrom(n.slot[s], p, pi, skip, k+1, words, anchor)
	default:
		if k == p.anchor {
			anchor = words
		}
		if n.words == nil {
			n.words = map[int32][]edge{}
		}
		for _, a := range it.alts {
			var next *node
			for _, e := range n.words[a.id] {
				if e.a == a {
					next = e.next
				}
			}
			if next == nil {
				next = &node{}
				n.words[a.id] = append(n.words[a.id], edge{a: a, next: next})
			}
			t.addFrom(next, p, pi, skip, k+1, words+1, anchor)
		}
	}
}

// Hit is a pattern matched at a position.
type Hit struct {
	Pattern int
	Match   Match
}

// Walker matches a trie; it holds scratch space, so use one per goroutine.
type Walker struct {
	t     *Trie
	words []int
	slots []Slot
	hits  []Hit
	// arenas hold the hits' Words and Slots until the next At.
	wordArena []int
	slotArena []Slot
	s         *Sentence
	sl        Slots
	start     int
}

// NewWalker returns a walker over t.
func (t *Trie) NewWalker() *Walker { return &Walker{t: t} }

// At returns every pattern that matches starting at token i. The returned
// slice and the hits' Words and Slots are reused by the next call: copy
// what you keep.
func (w *Walker) At(s *Sentence, i int, slots Slots) []Hit {
	w.s, w.sl, w.start = s, slots, i
	w.hits = w.hits[:0]
	w.wordArena = w.wordArena[:0]
	w.slotArena = w.slotArena[:0]
	w.words = w.words[:0]
	w.slots = w.slots[:0]
	w.walk(&w.t.root, i, true)
	return w.hits
}

func (w *Walker) walk(n *node, i int, first bool) {
	for _, f := range n.final {
		if first {
			continue
		}
		m := Match{Start: w.start, End: i, Anchor: -1}
		st := len(w.wordArena)
		w.wordArena = append(w.wordArena, w.words...)
		m.Words = w.wordArena[st:len(w.wordArena):len(w.wordArena)]
		if len(w.slots) > 0 {
			st := len(w.slotArena)
			w.slotArena = append(w.slotArena, w.slots...)
			m.Slots = w.slotArena[st:len(w.slotArena):len(w.slotArena)]
		}
		if f.anchor >= 0 && f.anchor < len(m.Words) {
			m.Anchor = m.Words[f.anchor]
		}
		w.hits = append(w.hits, Hit{Pattern: f.pattern, Match: m})
	}
	s := w.s
	if i < len(s.Toks) && (n.words != nil || n.ids != nil || first) {
		wd := s.Words[i]
		for x, id := range [2]int32{wd.Name, wd.Stem} {
			if id == 0 || x == 1 && id == wd.Name {
				continue
			}
			var es []edge
			if first {
				if int(id) < len(w.t.first) {
					es = w.t.first[id]
				}
			} else {
				es = n.edges(id)
			}
			for k := range es {
				e := &es[k]
				if !e.a.matches(s, i) {
					continue
				}
				w.words = append(w.words, i)
				w.walk(e.next, i+1, false)
				w.words = w.words[:len(w.words)-1]
			}
		}
	}
	if n.gap != nil && !first {
		// A gap spans up to maxGap words; numbers and currency signs
		// ("$10 million") come free, up to twice as many tokens in all.
		words := 0
		for g := 0; g <= 2*maxGap; g++ {
			if g > 0 {
				if i+g-1 >= len(s.Toks) {
					break
				}
				t := &s.Toks[i+g-1]
				switch {
				case t.Kind == tokenize.Number || t.Text == "$" || t.Text == "%":
				case t.Kind == tokenize.Punct:
					g = 1 << 30
					continue
				default:
					words++
				}
				if words > maxGap {
					break
				}
			}
			if !n.gap.mayMatch(s, i+g) {
				continue
			}
			w.walk(n.gap, i+g, false)
		}
	}
	for k, kind := range [2]byte{'A', 'R'} {
		if n.slot[k] == nil || w.sl == nil || i >= len(s.Toks) {
			continue
		}
		if end, ok := w.sl.MentionAt(i); ok {
			w.slots = append(w.slots, Slot{Kind: kind, Start: i, End: end})
			w.walk(n.slot[k], end, false)
			w.slots = w.slots[:len(w.slots)-1]
		}
	}
}

// Starts reports whether some pattern can start at token i of s (a quick
// test before a full walk).
func (t *Trie) Starts(s *Sentence, i int) bool {
	if t.rootSlot {
		return true
	}
	w := &s.Words[i]
	return t.starting(w.Name) || t.starting(w.Stem)
}

func (t *Trie) starting(id int32) bool {
	k := int(id) / 64
	return id > 0 && k < len(t.starts) && t.starts[k]&(1<<(uint(id)%64)) != 0
}
