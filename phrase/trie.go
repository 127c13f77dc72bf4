package phrase

import (
	"cmp"
	"slices"

	"dyad/lexicon"
	"dyad/tokenize"
)

// Trie matches many compiled patterns at once: patterns that share a
// prefix are walked together, so the cost of a position does not grow with
// the number of patterns that start with its word.
type Trie struct {
	// flat is the trie the walker reads: nodes, edges and finals in
	// three arrays, each node's edges sorted by word id, so that a walk
	// touches few cache lines. A builder makes the trie first, then
	// flattens it.
	flat flatTrie
	// starts has bit id set when a pattern starts with word id: the test
	// made at every token, small enough to stay in cache. startsUncap
	// has the ids whose first words can match a token that is not
	// capitalised ("to" starts "To Lam" only when capitalised).
	starts, startsUncap IDSet
	// rootSlot is set when a pattern starts with a slot.
	rootSlot bool
	// markAny and markUncap, when set, are the vocabulary marks of the
	// ids in starts and startsUncap: Starts reads them from the token's
	// Word instead of the bitsets.
	markAny, markUncap lexicon.Mark
}

// SetMarks sets marks in v on the ids that can start a pattern, so that
// Starts tests a token with one bit of its Word. It must be called before
// v is shared.
func (t *Trie) SetMarks(v *lexicon.Vocab) {
	if t.rootSlot {
		return // every token may start a pattern: no marks to set
	}
	anyM, uncapM := v.NewMark(), v.NewMark()
	if anyM == 0 || uncapM == 0 {
		return
	}
	t.starts.mark(v, anyM)
	t.startsUncap.mark(v, uncapM)
	t.markAny, t.markUncap = anyM, uncapM
}

// builder holds a trie as patterns are added to it; flatten then lays it
// out in the arrays the walker reads. Nodes, edges and finals are kept in
// three slices and linked by index, so that building allocates little.
type builder struct {
	nodes  []bnode
	edges  []bedge
	finals []bfinal
	// edgeOf maps a node and a word id, as edgeKey makes them one key,
	// to the node's first edge for that id; further edges for the id
	// (other alternatives of the same word: capitalised, exact) are
	// chained by bedge.more. One map for the whole trie costs less than
	// one for each node.
	edgeOf map[uint64]int32
}

// bnode is a node as it is built. Its edges and finals are lists linked
// through bedge.sibling and bfinal.next, in the order they were added; -1
// ends a list and stands for no node.
type bnode struct {
	firstEdge, lastEdge   int32
	firstFinal, lastFinal int32
	gap                   int32
	slot                  [2]int32 // 'A', 'R'
}

type bedge struct {
	a       *alt  // in the pattern's item
	next    int32 // the node the edge leads to
	more    int32 // the node's next edge for the same word id
	sibling int32 // the node's next edge
}

type bfinal struct {
	final
	next int32
}

type final struct {
	pattern int32
	// anchor is the position, among the literal words matched, of the
	// pattern's anchor word.
	anchor int32
}

func edgeKey(n, id int32) uint64 { return uint64(uint32(n))<<32 | uint64(uint32(id)) }

// newNode adds an empty node and returns its index.
func (b *builder) newNode() int32 {
	b.nodes = append(b.nodes, bnode{firstEdge: -1, lastEdge: -1, firstFinal: -1, lastFinal: -1, gap: -1, slot: [2]int32{-1, -1}})
	return int32(len(b.nodes) - 1)
}

// NewTrie builds a trie over ps. Optional items are expanded into the
// variants with and without them (at most 64 per pattern).
func NewTrie(ps []Pattern) *Trie {
	// Room for every node and final the patterns could make if they
	// shared no prefix, so that the slices never grow by copying: the
	// bound is within half again of what a dictionary's patterns make,
	// and the pages of the room left over are never touched.
	nodes, finals := bounds(ps)
	b := &builder{
		nodes:  make([]bnode, 0, nodes+1),
		edges:  make([]bedge, 0, nodes),
		finals: make([]bfinal, 0, finals),
		// Patterns share half of the nodes of the bound or more; a
		// map that must grow grows a table of 1,024 slots at a time.
		edgeOf: make(map[uint64]int32, nodes/2),
	}
	b.newNode() // the root
	eachVariant(ps, func(pi int, p *Pattern, skip []bool) {
		b.addFrom(0, p, pi, skip, 0, 0, -1)
	})
	t := &Trie{}
	root := &b.nodes[0]
	for e := root.firstEdge; e >= 0; e = b.edges[e].sibling {
		a := b.edges[e].a
		if a.id <= 0 {
			continue
		}
		t.starts = t.starts.Add(a.id)
		if !a.name || !a.cap && a.exact == "" {
			t.startsUncap = t.startsUncap.Add(a.id)
		}
	}
	t.rootSlot = root.slot[0] >= 0 || root.slot[1] >= 0
	t.flat = b.flatten()
	return t
}

// eachVariant calls add with each pattern of ps and each variant of it:
// skip marks the optional items the variant leaves out, one subset of the
// first 6 optional items for each.
func eachVariant(ps []Pattern, add func(pi int, p *Pattern, skip []bool)) {
	var opts []int
	var skip []bool
	for pi := range ps {
		p := &ps[pi]
		opts = opts[:0]
		for k, it := range p.items {
			if it.opt {
				opts = append(opts, k)
			}
		}
		if len(opts) > 6 {
			opts = opts[:6]
		}
		skip = slices.Grow(skip[:0], len(p.items))[:len(p.items)]
		for mask := 0; mask < 1<<len(opts); mask++ {
			clear(skip)
			for bit, k := range opts {
				skip[k] = mask&(1<<bit) != 0
			}
			add(pi, p, skip)
		}
	}
}

// bounds returns how many nodes (the root aside) and finals the trie over
// ps would have if no two patterns shared a prefix: at most that many.
// Every alternative of a word item opens its own branch.
func bounds(ps []Pattern) (nodes, finals int) {
	eachVariant(ps, func(_ int, p *Pattern, skip []bool) {
		paths := 1
		for k := range p.items {
			if skip[k] {
				continue
			}
			if it := &p.items[k]; !it.gap && it.slot == 0 {
				paths *= len(it.alts)
			}
			nodes += paths
		}
		finals += paths
	})
	return nodes, finals
}

// addFrom adds items k... of p, but those skip marks, below node n. Each
// alternative of a word item gets its own branch, so that a node is
// reached by one word only and a pattern ending there cannot be reached
// through another pattern's alternatives.
func (b *builder) addFrom(n int32, p *Pattern, pi int, skip []bool, k, words, anchor int) {
	for k < len(p.items) && skip[k] {
		k++
	}
	if k == len(p.items) {
		for f := b.nodes[n].firstFinal; f >= 0; f = b.finals[f].next {
			if int(b.finals[f].pattern) == pi {
				return
			}
		}
		f := int32(len(b.finals))
		b.finals = append(b.finals, bfinal{final{pattern: int32(pi), anchor: int32(anchor)}, -1})
		if last := b.nodes[n].lastFinal; last >= 0 {
			b.finals[last].next = f
		} else {
			b.nodes[n].firstFinal = f
		}
		b.nodes[n].lastFinal = f
		return
	}
	it := &p.items[k]
	switch {
	case it.gap:
		if b.nodes[n].gap < 0 {
			g := b.newNode()
			b.nodes[n].gap = g
		}
		b.addFrom(b.nodes[n].gap, p, pi, skip, k+1, words, anchor)
	case it.slot != 0:
		s := 0
		if it.slot == 'R' {
			s = 1
		}
		if b.nodes[n].slot[s] < 0 {
			c := b.newNode()
			b.nodes[n].slot[s] = c
		}
		b.addFrom(b.nodes[n].slot[s], p, pi, skip, k+1, words, anchor)
	default:
		if k == p.anchor {
			anchor = words
		}
		for j := range it.alts {
			b.addFrom(b.child(n, &it.alts[j]), p, pi, skip, k+1, words+1, anchor)
		}
	}
}

// child returns the node that the edge for a leads to from node n, adding
// both when there is none.
func (b *builder) child(n int32, a *alt) int32 {
	key := edgeKey(n, a.id)
	first, ok := b.edgeOf[key]
	last := int32(-1)
	if ok {
		for e := first; e >= 0; e = b.edges[e].more {
			if *b.edges[e].a == *a {
				return b.edges[e].next
			}
			last = e
		}
	}
	next := b.newNode()
	e := int32(len(b.edges))
	b.edges = append(b.edges, bedge{a: a, next: next, more: -1, sibling: -1})
	if ok {
		b.edges[last].more = e
	} else {
		b.edgeOf[key] = e
	}
	if l := b.nodes[n].lastEdge; l >= 0 {
		b.edges[l].sibling = e
	} else {
		b.nodes[n].firstEdge = e
	}
	b.nodes[n].lastEdge = e
	return next
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
	// longest is set by Longest: the walk keeps only the longest match
	// (the lowest pattern index among equals) and builds no hits.
	longest          bool
	bestEnd, bestPat int
	// gapSeen holds the (node, token) pairs a gap has led to in this
	// walk: patterns with gaps in a row ("say * * * be") reach the same
	// pair by many splits, which would be walked again for nothing.
	gapSeen []uint64
}

// Longest returns the end and pattern of the longest match starting at
// token i (the lowest pattern index among matches of equal length), or
// ok false. It is At for callers that need no more, and builds no hits.
func (w *Walker) Longest(s *Sentence, i int, slots Slots) (end, pattern int, ok bool) {
	w.s, w.sl, w.start = s, slots, i
	w.longest, w.bestEnd, w.bestPat = true, -1, -1
	w.gapSeen = w.gapSeen[:0]
	w.words = w.words[:0]
	w.slots = w.slots[:0]
	w.walkFlat(0, i, true)
	w.longest = false
	return w.bestEnd, w.bestPat, w.bestPat >= 0
}

// NewWalker returns a walker over t.
func (t *Trie) NewWalker() *Walker { return &Walker{t: t} }

// At returns every pattern that matches starting at token i. The returned
// slice and the hits' Words and Slots are reused by the next call: copy
// what you keep.
func (w *Walker) At(s *Sentence, i int, slots Slots) []Hit {
	w.s, w.sl, w.start = s, slots, i
	w.hits = w.hits[:0]
	w.gapSeen = w.gapSeen[:0]
	w.wordArena = w.wordArena[:0]
	w.slotArena = w.slotArena[:0]
	w.words = w.words[:0]
	w.slots = w.slots[:0]
	w.walkFlat(0, i, true)
	return w.hits
}

// WordFirst reports whether every match starts with a word of its pattern
// (no pattern opens with a slot): a hit at token i then has i as its first
// word.
func (t *Trie) WordFirst() bool { return !t.rootSlot }

// NextStart returns the first token from i on where some pattern can
// start, or len(s.Toks): Starts asked of each token in turn, in a loop
// that reads the marks once.
func (t *Trie) NextStart(s *Sentence, i int) int {
	toks := s.Toks
	anyM, uncapM := t.markAny, t.markUncap
	if anyM == 0 {
		for ; i < len(toks) && !t.Starts(s, i); i++ {
		}
		return i
	}
	words := s.Words[:len(toks)]
	for ; i < len(toks); i++ {
		m := uncapM
		if toks[i].Cap {
			m = anyM
		}
		if words[i].Marks&m != 0 {
			return i
		}
	}
	return len(toks)
}

// Starts reports whether some pattern can start at token i of s (a quick
// test before a full walk).
func (t *Trie) Starts(s *Sentence, i int) bool {
	if t.rootSlot {
		return true
	}
	w := &s.Words[i]
	if t.markAny != 0 {
		if s.Toks[i].Cap {
			return w.Marks&t.markAny != 0
		}
		return w.Marks&t.markUncap != 0
	}
	set := t.starts
	if !s.Toks[i].Cap {
		set = t.startsUncap
	}
	return set.Has(w.Name) || set.Has(w.Stem)
}

// flatTrie is a trie in arrays. Node 0 is the root; a child of -1 is none.
type flatTrie struct {
	nodes []fnode
	edges []fedge
	// ids[j] is the word id of edges[j], apart so that a search reads
	// few cache lines.
	ids    []int32
	finals []final
	// first[id] is the root's edge range for word id.
	first [][2]int32
	// next[n.next] is the Bloom filter of the word ids of node n's
	// edges, for nodes reached through a gap that have nothing but
	// edges; other nodes have next -1.
	next []bloom
	// need[j], for the root's edge j, is the index in next of the Bloom
	// filter of the words one of which a match through the edge needs
	// after its first word, or -1 when it needs none (its node ends a
	// pattern or has a slot). The root's edges are the first edges.
	need []int32
}

type fnode struct {
	e0, e1 int32 // edges[e0:e1], sorted by word id
	f0, f1 int32 // finals[f0:f1]
	gap    int32
	slot   [2]int32
	next   int32
	// ids has bit id%64 set for the word id of each edge: most lookups
	// are for words with no edge, and one test turns them away.
	ids uint64
}

type fedge struct {
	id   int32
	next int32
	a    alt
}

// flatten copies the trie into arrays, depth first: a node comes before
// its subtrees, which follow in the order of its edges, sorted by word id,
// then its gap, then its slots.
func (b *builder) flatten() flatTrie {
	f := flatTrie{
		nodes:  make([]fnode, 0, len(b.nodes)),
		edges:  make([]fedge, 0, len(b.edges)),
		ids:    make([]int32, 0, len(b.edges)),
		finals: make([]final, 0, len(b.finals)),
	}
	byID := func(x, y int32) int { return cmp.Compare(b.edges[x].a.id, b.edges[y].a.id) }
	// Nodes are laid out depth first, each before its subtree: a walk
	// goes from a node to one of its children, and the first child is
	// then in the same or the next cache line.
	var stack []int32
	var visit func(n int32) int32
	visit = func(n int32) int32 {
		if n < 0 {
			return -1
		}
		k := int32(len(f.nodes))
		f.nodes = append(f.nodes, fnode{})
		bn := &b.nodes[n]
		// The node's edges, sorted, on top of a stack the subtrees
		// share: each pops what it pushed before its parent reads on.
		top := len(stack)
		for e := bn.firstEdge; e >= 0; e = b.edges[e].sibling {
			stack = append(stack, e)
		}
		es := stack[top:]
		if !slices.IsSortedFunc(es, byID) {
			slices.SortStableFunc(es, byID)
		}
		fn := fnode{e0: int32(len(f.edges)), f0: int32(len(f.finals))}
		for _, e := range es {
			a := *b.edges[e].a
			f.edges = append(f.edges, fedge{id: a.id, a: a, next: -1})
			f.ids = append(f.ids, a.id)
			fn.ids |= 1 << (uint32(a.id) % 64)
		}
		fn.e1 = int32(len(f.edges))
		for fi := bn.firstFinal; fi >= 0; fi = b.finals[fi].next {
			f.finals = append(f.finals, b.finals[fi].final)
		}
		fn.f1 = int32(len(f.finals))
		for j := range es {
			// visit may grow the stack: read the edge by index.
			e := stack[top+j]
			f.edges[int(fn.e0)+j].next = visit(b.edges[e].next)
		}
		stack = stack[:top]
		fn.gap = visit(bn.gap)
		fn.slot = [2]int32{visit(bn.slot[0]), visit(bn.slot[1])}
		f.nodes[k] = fn
		return k
	}
	visit(0)
	for k := range f.nodes {
		f.nodes[k].next = -1
	}
	for k := range f.nodes {
		g := f.nodes[k].gap
		if g < 0 {
			continue
		}
		n := &f.nodes[g]
		if n.next >= 0 || n.f1 > n.f0 || n.gap >= 0 || n.slot[0] >= 0 || n.slot[1] >= 0 {
			continue
		}
		var b bloom
		for _, id := range f.ids[n.e0:n.e1] {
			b.add(id)
		}
		n.next = int32(len(f.next))
		f.next = append(f.next, b)
	}
	root := f.nodes[0]
	f.need = make([]int32, root.e1)
	for j := range f.need {
		f.need[j] = f.needAfter(f.edges[j].next)
	}
	maxID := int32(0)
	for _, e := range f.edges[root.e0:root.e1] {
		maxID = max(maxID, e.id)
	}
	f.first = make([][2]int32, maxID+1)
	for j := root.e0; j < root.e1; {
		k := j
		for k < root.e1 && f.edges[k].id == f.edges[j].id {
			k++
		}
		f.first[f.edges[j].id] = [2]int32{j, k}
		j = k
	}
	return f
}

// needAfter returns the index in f.next of the Bloom filter of the word
// ids one of which a match needs after reaching node k: those of its edges
// and of its gap's edges. It returns -1 when a match may need none, because
// k or its gap ends a pattern or has a slot or a gap of its own.
func (f *flatTrie) needAfter(k int32) int32 {
	n := &f.nodes[k]
	if n.f1 > n.f0 || n.slot[0] >= 0 || n.slot[1] >= 0 {
		return -1
	}
	var b bloom
	for _, id := range f.ids[n.e0:n.e1] {
		b.add(id)
	}
	if n.gap >= 0 {
		g := &f.nodes[n.gap]
		if g.f1 > g.f0 || g.gap >= 0 || g.slot[0] >= 0 || g.slot[1] >= 0 {
			return -1
		}
		for _, id := range f.ids[g.e0:g.e1] {
			b.add(id)
		}
	}
	f.next = append(f.next, b)
	return int32(len(f.next) - 1)
}

// mayHave reports whether n may have an edge for word id: false means it
// has none.
func (n *fnode) mayHave(id int32) bool { return n.ids&(1<<(uint32(id)%64)) != 0 }

// edgeRange returns the range of node n's edges for word id.
func (f *flatTrie) edgeRange(n *fnode, id int32, root bool) (int32, int32) {
	if root {
		if int(id) < len(f.first) {
			r := f.first[id]
			return r[0], r[1]
		}
		return 0, 0
	}
	if !n.mayHave(id) {
		return 0, 0
	}
	lo, hi := n.e0, n.e1
	if hi-lo > 8 {
		for lo < hi {
			mid := (lo + hi) / 2
			if f.ids[mid] < id {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		hi = n.e1
	} else {
		for lo < hi && f.ids[lo] != id {
			lo++
		}
	}
	k := lo
	for k < hi && f.ids[k] == id {
		k++
	}
	return lo, k
}

// mayMatch reports whether walking node k at token i can find anything:
// it ends a pattern, has a gap or a slot, or an edge for the token's word.
func (f *flatTrie) mayMatch(k int32, s *Sentence, i int) bool {
	n := &f.nodes[k]
	if n.f1 > n.f0 || n.gap >= 0 || n.slot[0] >= 0 || n.slot[1] >= 0 {
		return true
	}
	if i >= len(s.Toks) {
		return false
	}
	wd := &s.Words[i]
	if wd.Name != 0 && n.mayHave(wd.Name) {
		if a, b := f.edgeRange(n, wd.Name, false); b > a {
			return true
		}
	}
	if wd.Stem != 0 && wd.Stem != wd.Name && n.mayHave(wd.Stem) {
		if a, b := f.edgeRange(n, wd.Stem, false); b > a {
			return true
		}
	}
	return false
}

// follow walks the edges of node n for word id at token i.
func (w *Walker) follow(f *flatTrie, n *fnode, id int32, i int, first bool) {
	a, b := f.edgeRange(n, id, first)
	for j := a; j < b; j++ {
		e := &f.edges[j]
		// From the root, a match that needs a word the sentence does not
		// have is not looked for.
		if first && w.s.wordsOK {
			if k := f.need[j]; k >= 0 && !f.next[k].meets(&w.s.words) {
				continue
			}
		}
		if !e.a.matches(w.s, i) {
			continue
		}
		w.words = append(w.words, i)
		w.walkFlat(e.next, i+1, false)
		w.words = w.words[:len(w.words)-1]
	}
}

func (w *Walker) walkFlat(k int32, i int, first bool) {
	f := &w.t.flat
	n := &f.nodes[k]
	if !first && w.longest {
		for _, fin := range f.finals[n.f0:n.f1] {
			if i > w.bestEnd || i == w.bestEnd && int(fin.pattern) < w.bestPat {
				w.bestEnd, w.bestPat = i, int(fin.pattern)
			}
		}
	} else if !first {
		for _, fin := range f.finals[n.f0:n.f1] {
			m := Match{Start: w.start, End: i, Anchor: -1}
			st := len(w.wordArena)
			w.wordArena = append(w.wordArena, w.words...)
			m.Words = w.wordArena[st:len(w.wordArena):len(w.wordArena)]
			if len(w.slots) > 0 {
				st := len(w.slotArena)
				w.slotArena = append(w.slotArena, w.slots...)
				m.Slots = w.slotArena[st:len(w.slotArena):len(w.slotArena)]
			}
			if fin.anchor >= 0 && int(fin.anchor) < len(m.Words) {
				m.Anchor = m.Words[fin.anchor]
			}
			w.hits = append(w.hits, Hit{Pattern: int(fin.pattern), Match: m})
		}
	}
	s := w.s
	if i < len(s.Toks) && (n.e1 > n.e0 || first) {
		// Below the root, the node's id bits turn away most words
		// before a call.
		wd := &s.Words[i]
		if wd.Name != 0 && (first || n.mayHave(wd.Name)) {
			w.follow(f, n, wd.Name, i, first)
		}
		if wd.Stem != 0 && wd.Stem != wd.Name && (first || n.mayHave(wd.Stem)) {
			w.follow(f, n, wd.Stem, i, first)
		}
	}
	if n.gap >= 0 && !first && !(s.wordsOK && f.nodes[n.gap].next >= 0 && !f.next[f.nodes[n.gap].next].meets(&s.words)) {
		// A gap spans up to maxGap words; numbers, currency signs
		// ("$10 million"), quotation marks around a word quoted
		// ('a "strong" response') and a plural's possessive mark
		// ("a teachers' strike") come free, up to twice as many
		// tokens in all.
		words := 0
		for g := 0; g <= 2*maxGap; g++ {
			if g > 0 {
				if i+g-1 >= len(s.Toks) {
					break
				}
				t := &s.Toks[i+g-1]
				switch {
				case t.Kind == tokenize.Number || t.Text == "$" || t.Text == "%" || t.Text == "\"" || t.Text == "'":
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
			if !f.mayMatch(n.gap, s, i+g) {
				continue
			}
			key := uint64(n.gap)<<32 | uint64(i+g)
			if slices.Contains(w.gapSeen, key) {
				continue
			}
			w.gapSeen = append(w.gapSeen, key)
			w.walkFlat(n.gap, i+g, false)
		}
	}
	if n.slot[0] < 0 && n.slot[1] < 0 {
		return
	}
	for sk, kind := range [2]byte{'A', 'R'} {
		if n.slot[sk] < 0 || w.sl == nil || i >= len(s.Toks) {
			continue
		}
		if end, ok := w.sl.MentionAt(i); ok {
			w.slots = append(w.slots, Slot{Kind: kind, Start: i, End: end})
			w.walkFlat(n.slot[sk], end, false)
			w.slots = w.slots[:len(w.slots)-1]
		}
	}
}
