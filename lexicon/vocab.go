package lexicon

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"dyad/tokenize"
)

// Stem reduces a lower-case form to the key under which dictionary words
// are compared: irregular forms go to their lemma, and regular inflections
// (-s, -es, -ies, -ed, -ing, doubled consonants, final -e) are removed the
// same way from dictionary words and from text, so "agree", "agreed",
// "agrees" and "agreeing" share one key. The key is not always a word.
func (lx *Lexicon) Stem(lower string) string {
	s, _ := lx.stems(lower)
	return s
}

// stems returns the stem of a form and, for -ed and -ing forms ending in
// a doubled consonant, the other reading of the doubling: "killed" is
// "kill" while "expelled" is "expel", and only a vocabulary can tell.
func (lx *Lexicon) stems(lower string) (string, string) {
	if e, ok := lx.irr[lower]; ok {
		return finalE(e.lemma), ""
	}
	primary := lx.stem(lower)
	// The other reading of a doubled consonant before -ed or -ing:
	// "expelled" may be "expel" or "expell", "boycotted" "boycott" or
	// "boycot"; the vocabulary decides.
	n := len(lower)
	raw := ""
	switch {
	case n > 5 && strings.HasSuffix(lower, "ed") && lower[n-3] == lower[n-4]:
		raw = lower[:n-2]
	case n > 6 && strings.HasSuffix(lower, "ing") && lower[n-4] == lower[n-5]:
		raw = lower[:n-3]
	default:
		return primary, ""
	}
	for _, alt := range []string{raw, raw[:len(raw)-1]} {
		if alt != primary {
			return primary, alt
		}
	}
	return primary, ""
}

func (lx *Lexicon) stem(lower string) string {
	w := lower
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ied"):
		w = w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zzes")):
		w = w[:n-2]
	case n > 6 && strings.HasSuffix(w, "ings"):
		// "meetings", "crossings" meet "meeting", "crossing".
		w = undouble(w[:n-4])
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s"):
		w = w[:n-1]
	case n > 4 && strings.HasSuffix(w, "eed"):
		w = w[:n-1]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = undouble(w[:n-2])
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	}
	return finalE(w)
}

// finalE drops a final silent "e" ("agree" and "agre" both become "agre";
// "close" becomes "clos"), so that stems with and without it meet.
func finalE(w string) string {
	if len(w) > 3 && w[len(w)-1] == 'e' {
		return w[:len(w)-1]
	}
	return w
}

func undouble(w string) string {
	n := len(w)
	if n > 2 && w[n-1] == w[n-2] {
		switch w[n-1] {
		case 'l', 's', 'z', 'e', 'o':
			return w
		}
		return w[:n-1]
	}
	return w
}

// Word is a token as the matchers see it: its name id (the exact
// lower-case form, for proper names), its word id (the stem, for common
// words), and its word classes. An id of 0 means the vocabulary does not
// know the form.
type Word struct {
	Name, Stem int32
	Tag        Tag
	// Marks holds the marks the stages set on the word's ids (see
	// Vocab.NewMark): a stage tests a token with one bit operation.
	Marks Mark
}

// Mark is a set of marks a stage sets on word ids at build time ("this id
// starts an actor name"), read back from each token's Word.
type Mark uint32

// Vocab numbers the words that dictionaries use. It is built once, then
// shared read-only: Annotate is safe for concurrent use, AddName and
// AddWord are not (they belong to building).
type Vocab struct {
	lx    *Lexicon
	names map[string]int32
	stems map[string]int32
	n     int32
	// marks holds the marks set on ids; marksUsed counts those handed out.
	marks     map[int32]Mark
	marksUsed int

	// Annotate remembers the Word of each form seen in text, as most
	// tokens are forms seen before, in a map that is never written once
	// published: looking a form up takes no lock. Forms met since the last
	// publication wait in pending, under mu, until they have been asked for
	// often enough (half as many times as known has forms) to pay for
	// publishing a copy of known with them. Memory stops growing at
	// maxCache forms; the Word of a form is the one first computed for it.
	known   atomic.Pointer[wordCache]
	full    atomic.Bool // maxCache forms remembered
	mu      sync.Mutex
	pending map[string]Word
	nKnown  int // forms in known
	misses  int // lookups that missed known since it was published
	// singles holds the Words of the one-byte ASCII forms (punctuation,
	// "a"), a fifth of all tokens, by byte and by whether the token is
	// punctuation: looked up without hashing. Built on first use after
	// the last change to the vocabulary.
	singles atomic.Pointer[[2][128]Word]
	// gen counts the changes to the vocabulary: a Recent from an older
	// generation is emptied.
	gen atomic.Int64
}

const (
	maxCache = 1 << 19
	// minPublish is the fewest lookups in pending worth a new copy of known.
	minPublish = 512
)

// NewVocab returns an empty vocabulary over lx.
func NewVocab(lx *Lexicon) *Vocab {
	return &Vocab{lx: lx, names: map[string]int32{}, stems: map[string]int32{}}
}

// Lexicon returns the lexicon the vocabulary stems with.
func (v *Vocab) Lexicon() *Lexicon { return v.lx }

// AddName registers a proper-name word (lower-case form) and returns its id.
func (v *Vocab) AddName(lower string) int32 {
	if id, ok := v.names[lower]; ok {
		return id
	}
	v.n++
	v.names[lower] = v.n
	v.forget()
	return v.n
}

// AddWord registers a common word by its stem and returns the stem's id.
// A form with a doubled consonant ("cancelled", "expelled") registers
// both readings of the doubling under one id, so that a dictionary that
// writes "cancelled" and one that writes "cancel" name the same word, as
// the text's "cancelled" does.
func (v *Vocab) AddWord(lower string) int32 {
	s, alt := v.lx.stems(lower)
	id, ok := v.stems[s]
	if !ok && alt != "" {
		id, ok = v.stems[alt]
	}
	if !ok {
		v.n++
		id = v.n
		v.forget()
	}
	if _, have := v.stems[s]; !have {
		v.stems[s] = id
	}
	if _, have := v.stems[alt]; alt != "" && !have {
		v.stems[alt] = id
	}
	return id
}

// NewMark returns a mark no one else uses, or 0 when all 32 are taken
// (the caller then tests its words another way). It must be called before
// v is shared.
func (v *Vocab) NewMark() Mark {
	if v.marksUsed == 32 {
		return 0
	}
	m := Mark(1) << v.marksUsed
	v.marksUsed++
	return m
}

// SetMark sets mark m on id. It must be called before v is shared.
func (v *Vocab) SetMark(id int32, m Mark) {
	if id == 0 || m == 0 || v.marks[id]&m != 0 {
		return
	}
	if v.marks == nil {
		v.marks = map[int32]Mark{}
	}
	v.marks[id] |= m
	v.forget()
}

// MarkWords returns a new mark, set on the lemmas of words: a token whose
// lemma is one of them carries it (and a few other tokens may). It returns
// 0 when no mark is left; the caller then tests every token. It must be
// called before v is shared.
func (v *Vocab) MarkWords(words ...string) Mark {
	m := v.NewMark()
	if m == 0 {
		return 0
	}
	for _, w := range words {
		v.SetMark(v.AddWord(w), m)
	}
	return m
}

// forget drops the remembered Words, which a new word may change.
func (v *Vocab) forget() {
	v.gen.Add(1)
	if v.known.Load() == nil && v.singles.Load() == nil && v.pending == nil {
		return // nothing remembered yet, as while dictionaries load
	}
	v.mu.Lock()
	v.known.Store(nil)
	v.singles.Store(nil)
	v.pending, v.nKnown, v.misses = nil, 0, 0
	v.full.Store(false)
	v.mu.Unlock()
}

// NameID returns the id of a proper-name form, or 0.
func (v *Vocab) NameID(lower string) int32 { return v.names[lower] }

// WordID returns the id of a common word's stem, or 0.
func (v *Vocab) WordID(lower string) int32 {
	s1, s2 := v.lx.stems(lower)
	if id := v.stems[s1]; id != 0 || s2 == "" {
		return id
	}
	return v.stems[s2]
}

// Annotate appends the Words of toks to dst and returns it. It is safe for
// concurrent use.
func (v *Vocab) Annotate(dst []Word, toks []tokenize.Token) []Word {
	return v.AnnotateRecent(dst, toks, nil)
}

// recentSize is the number of forms a Recent holds: 4,096 (96 KB), which
// finds 9 in 10 short forms on news text where 1,024 found 8 in 10, each
// miss a map lookup; 8,192 finds no more.
const (
	recentBits = 12
	recentSize = 1 << recentBits
)

// Recent holds the Words of short forms one goroutine met lately, in a
// table small enough to stay in the processor's second-level cache: the
// most frequent words of a text are found there without touching the
// shared cache. The zero value is ready to use; it is not safe for
// concurrent use.
type Recent struct {
	gen   int64 // the vocabulary generation the entries belong to
	keys  [recentSize]uint64
	words [recentSize]Word
}

// AnnotateRecent is Annotate with a per-goroutine table of recent forms
// (nil for none).
func (v *Vocab) AnnotateRecent(dst []Word, toks []tokenize.Token, r *Recent) []Word {
	if r != nil {
		if g := v.gen.Load(); r.gen != g {
			*r = Recent{gen: g}
		}
	}
	known := v.known.Load()
	singles := v.singles.Load()
	if singles == nil {
		singles = v.makeSingles()
	}
	// The Words are written in place, one for each token.
	n := len(dst)
	dst = slices.Grow(dst, len(toks))[:n+len(toks)]
	v.annotate(dst[n:], toks, r, known, singles)
	return dst
}

// annotate writes the Words of toks to out, of the same length. The loop
// calls nothing for the one-byte forms and those found in r (which may be
// nil): the others are looked up by short and long.
func (v *Vocab) annotate(out []Word, toks []tokenize.Token, r *Recent, known *wordCache, singles *[2][128]Word) {
	toks = toks[:len(out)]
	for i := range out {
		t := &toks[i]
		lw := t.Lower
		// pack, written out: two overlapping loads of four or two bytes,
		// tested together for a NUL.
		var k uint64
		switch n := len(lw); {
		case n >= 4 && n <= 8:
			lo, hi := lw[:4], lw[n-4:]
			l := uint64(lo[0]) | uint64(lo[1])<<8 | uint64(lo[2])<<16 | uint64(lo[3])<<24
			h := uint64(hi[0]) | uint64(hi[1])<<8 | uint64(hi[2])<<16 | uint64(hi[3])<<24
			if x := l | h<<32; (x-0x0101010101010101)&^x&0x8080808080808080 != 0 {
				out[i] = v.long(known, t)
				continue
			}
			k = l | h*placeHigh[n]
		case n >= 2 && n <= 3:
			lo, hi := lw[:2], lw[n-2:]
			l := uint64(lo[0]) | uint64(lo[1])<<8
			h := uint64(hi[0]) | uint64(hi[1])<<8
			if x := l | h<<16; (x-0x01010101)&^x&0x80808080 != 0 {
				out[i] = v.long(known, t)
				continue
			}
			k = l | h*placeHigh[n]
		case n == 1:
			if c := lw[0]; c < 128 {
				p := 0
				if t.Kind == tokenize.Punct {
					p = 1
				}
				out[i] = singles[p][c]
				continue
			}
			k = uint64(lw[0])
		case n > 8:
			out[i] = v.long(known, t)
			continue
		}
		if r != nil {
			if slot := k * 0x9E3779B97F4A7C15 >> (64 - recentBits); r.keys[slot] == k {
				out[i] = r.words[slot]
				continue
			}
		}
		out[i] = v.short(known, r, t, k)
	}
}

// placeHigh[n] moves the word of the last four (or two) bytes of an n-byte
// form to where they are in the form: a multiplication, which takes no
// particular register where a shift by a variable count takes CX on amd64.
var placeHigh = [9]uint64{2: 1, 3: 1 << 8, 4: 1, 5: 1 << 8, 6: 1 << 16, 7: 1 << 24, 8: 1 << 32}

// long returns the Word of a token whose form is not packed into a key.
func (v *Vocab) long(known *wordCache, t *tokenize.Token) Word {
	w, ok := known.getLong(t.Lower)
	if !ok {
		w = v.learn(t)
	}
	return w
}

// short returns the Word of a token whose form packs into k and is not in
// r (which may be nil), and puts it there.
func (v *Vocab) short(known *wordCache, r *Recent, t *tokenize.Token, k uint64) Word {
	w, ok := known.getShort(k)
	if !ok {
		w = v.learn(t)
	}
	if r != nil {
		slot := k * 0x9E3779B97F4A7C15 >> (64 - recentBits)
		r.keys[slot], r.words[slot] = k, w
	}
	return w
}

// makeSingles computes and publishes the Words of the one-byte forms.
// Goroutines that race to do it compute the same table.
func (v *Vocab) makeSingles() *[2][128]Word {
	var t [2][128]Word
	for c := range 128 {
		for p, kind := range [2]tokenize.Kind{tokenize.Word, tokenize.Punct} {
			s := string(rune(c))
			t[p][c] = v.word(&tokenize.Token{Text: s, Lower: s, Kind: kind})
		}
	}
	v.singles.Store(&t)
	return &t
}

// word computes the Word of a token.
func (v *Vocab) word(t *tokenize.Token) Word {
	w := Word{Name: v.names[t.Lower]}
	if t.Kind != tokenize.Punct {
		s1, s2 := v.lx.stems(t.Lower)
		w.Stem = v.stems[s1]
		if w.Stem == 0 && s2 != "" {
			w.Stem = v.stems[s2]
		}
		w.Tag = v.lx.Tags(t.Lower)
	}
	w.Marks = v.marks[w.Name] | v.marks[w.Stem]
	return w
}

// wordCache is a published set of forms and their Words: forms of up to
// eight bytes are packed into an integer key, which is hashed and compared
// faster than a string. A nil cache is empty.
type wordCache struct {
	short map[uint64]Word
	long  map[string]Word
}

// pack returns s's bytes as a key, or false (and no key) when s is longer
// than eight bytes or has a NUL (which would make two forms one key). The
// bytes are read in two overlapping loads of four or two bytes, which are
// also tested for a NUL together.
func pack(s string) (uint64, bool) {
	n := len(s)
	switch {
	case n >= 4 && n <= 8:
		lo, hi := s[:4], s[n-4:]
		l := uint64(lo[0]) | uint64(lo[1])<<8 | uint64(lo[2])<<16 | uint64(lo[3])<<24
		h := uint64(hi[0]) | uint64(hi[1])<<8 | uint64(hi[2])<<16 | uint64(hi[3])<<24
		x := l | h<<32
		return l | h<<(8*(n-4)&63), (x-0x0101010101010101)&^x&0x8080808080808080 == 0
	case n >= 2 && n <= 3:
		lo, hi := s[:2], s[n-2:]
		l := uint64(lo[0]) | uint64(lo[1])<<8
		h := uint64(hi[0]) | uint64(hi[1])<<8
		x := l | h<<16
		return l | h<<(8*(n-2)&63), (x-0x01010101)&^x&0x80808080 == 0
	case n == 1:
		return uint64(s[0]), s[0] != 0
	case n == 0:
		return 0, true
	}
	return 0, false
}

func (c *wordCache) get(s string) (Word, bool) {
	if c == nil {
		return Word{}, false
	}
	if k, ok := pack(s); ok {
		w, ok := c.short[k]
		return w, ok
	}
	w, ok := c.long[s]
	return w, ok
}

// getLong looks up a form that is not packed into a key.
func (c *wordCache) getLong(s string) (Word, bool) {
	if c == nil {
		return Word{}, false
	}
	w, ok := c.long[s]
	return w, ok
}

func (c *wordCache) getShort(k uint64) (Word, bool) {
	if c == nil {
		return Word{}, false
	}
	w, ok := c.short[k]
	return w, ok
}

func (c *wordCache) len() int {
	if c == nil {
		return 0
	}
	return len(c.short) + len(c.long)
}

// with returns a new cache of c's forms and more's.
func (c *wordCache) with(more map[string]Word) *wordCache {
	n := &wordCache{short: map[uint64]Word{}, long: map[string]Word{}}
	if c != nil {
		maps.Copy(n.short, c.short)
		maps.Copy(n.long, c.long)
	}
	for s, w := range more {
		if k, ok := pack(s); ok {
			n.short[k] = w
		} else {
			n.long[s] = w
		}
	}
	return n
}

// learn returns the Word of a token whose form is not in known, and
// remembers it.
func (v *Vocab) learn(t *tokenize.Token) Word {
	if len(t.Lower) >= 40 || v.full.Load() {
		return v.word(t)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	w, ok := v.pending[t.Lower]
	if !ok {
		// Published since the caller looked?
		if w, ok := v.known.Load().get(t.Lower); ok {
			return w
		}
		w = v.word(t)
		if v.full.Load() {
			return w
		}
		if v.pending == nil {
			v.pending = map[string]Word{}
		}
		v.pending[strings.Clone(t.Lower)] = w
	}
	// Publish once the forms in pending have been asked for often enough
	// to pay for the copy, or when the cache is full.
	v.misses++
	n := v.nKnown + len(v.pending)
	if v.misses >= max(minPublish, v.nKnown/2) || n >= maxCache {
		v.known.Store(v.known.Load().with(v.pending))
		v.pending, v.nKnown, v.misses = nil, n, 0
		v.full.Store(n >= maxCache)
	}
	return w
}
