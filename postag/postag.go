package postag

import (
	_ "embed"
	"fmt"
	"math/bits"

	"dyad/postag/internal/feat"
	"dyad/tokenize"
)

//go:generate go run ./gen -train ../../shared/data/ud-english-ewt/en_ewt-ud-train.conllu -dev ../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu -out model.bin

//go:embed model.bin
var model []byte

// Tagger tags the words of sentences with UPOS tags. It is not changed
// after New returns, so one Tagger is safe for concurrent use.
type Tagger struct {
	feats   table   // feature key -> its tags and their weights
	dict    table   // word key -> its one tag, from the tag dictionary
	classes table   // word key -> the set of tags it is seen with
	w       []int16 // the weights of the features with more than inline of them
}

// Default returns a Tagger with the model embedded in the package. Each
// call reads the model anew (a few milliseconds): keep the Tagger.
func Default() (*Tagger, error) { return New(model) }

// New returns a Tagger with the model file b, as written by postag/gen.
// It does not keep b.
func New(b []byte) (*Tagger, error) {
	var m feat.Model
	if err := m.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("postag: model: %w", err)
	}
	t := new(Tagger)
	t.feats.init(len(m.Keys))
	w := m.Weights
	for i, k := range m.Keys {
		set := m.Tags[i]
		n := bits.OnesCount32(set)
		var v uint64
		if n <= inline {
			for j := range n {
				v |= uint64(uint16(w[j])) << (16 * j)
			}
		} else {
			v = uint64(len(t.w))
			t.w = append(t.w, w[:n]...)
		}
		w = w[n:]
		t.feats.put(k, set, v)
	}
	t.dict.init(len(m.DictKeys))
	for i, k := range m.DictKeys {
		t.dict.put(k, uint32(m.DictTags[i]), 0)
	}
	t.classes.init(len(m.ClassKeys))
	for i, k := range m.ClassKeys {
		t.classes.put(k, m.ClassSets[i], 0)
	}
	return t, nil
}

// Tag appends the tags of the words of one sentence to dst and returns
// it. Words are best cut as package tokenize cuts them ("U.S." and
// "al-Qaeda" whole, "didn't" as "did" and "n't"), which the model learnt
// as well as UD's cut. The tag of words[i] depends on words[:i+3] only, so
// a caller that needs the tags up to word i may pass words[:i+3]. Tag
// allocates only for words with a non-ASCII upper-case letter.
func (t *Tagger) Tag(dst []Tag, words []string) []Tag {
	return t.tag(dst, len(words), func(i int) string { return words[i] })
}

// TagTokens is Tag for the words of toks, each token's Text. Tag and
// TagTokens give the same tags for the same words.
func (t *Tagger) TagTokens(dst []Tag, toks []tokenize.Token) []Tag {
	return t.tag(dst, len(toks), func(i int) string { return toks[i].Text })
}

// tag appends the tags of the n words word(0)... of a sentence to dst:
// greedily, left to right, each word's tag from the weights of its
// features, the tags of the two words before it among them, unless the tag
// dictionary knows the word.
func (t *Tagger) tag(dst []Tag, n int, word func(int) string) []Tag {
	var w feat.Window
	w[0], w[1] = feat.Boundary(), feat.Boundary()
	for j := 2; j < 5; j++ {
		w[j] = feat.Boundary()
		if i := j - 2; i < n {
			w[j] = t.info(word(i), i == 0)
		}
	}
	prev, prev2 := uint8(feat.NumTags), uint8(feat.NumTags)
	var f [feat.Count]uint64
	for i := range n {
		tag, ok := t.dict.get(feat.DictKey(&w[2]))
		if !ok {
			feat.Features(&f, &w, prev, prev2)
			tag = t.best(&f)
		}
		dst = append(dst, Tag(tag))
		prev2, prev = prev, uint8(tag)
		copy(w[:4], w[1:])
		w[4] = feat.Boundary()
		if i+3 < n {
			w[4] = t.info(word(i+3), false)
		}
	}
	return dst
}

// info returns the Info of the word s, with its class.
func (t *Tagger) info(s string, first bool) feat.Info {
	in := feat.NewInfo(s, first)
	set, _ := t.classes.get(feat.ClassKey(&in))
	in.SetClass(set)
	return in
}

// best returns the tag whose weights over the features f sum highest, the
// first in tag order on a tie. It finds every feature's slot before it
// reads any, so that the cache misses of the lookups overlap.
func (t *Tagger) best(f *[feat.Count]uint64) uint32 {
	var score [feat.NumTags]int32
	var found [feat.Count]*slot
	n := 0
	for _, k := range f {
		if s := t.feats.find(k); s != nil {
			found[n] = s
			n++
		}
	}
	for _, s := range found[:n] {
		set, v := s.val(), s.v
		if bits.OnesCount32(set) <= inline {
			for ; set != 0; set &= set - 1 {
				score[bits.TrailingZeros32(set)] += int32(int16(v))
				v >>= 16
			}
			continue
		}
		w := t.w[v:]
		for j := 0; set != 0; set &= set - 1 {
			score[bits.TrailingZeros32(set)] += int32(w[j])
			j++
		}
	}
	best := uint32(0)
	for i := range score {
		if score[i] > score[best] {
			best = uint32(i)
		}
	}
	return best
}

// inline is the number of weights a slot holds itself; a feature with
// more keeps them in Tagger.w. The embedded model's features have 2.4 on
// average.
const inline = 4

// table is a hash table of keys with open addressing and linear probing.
// Keys are well-mixed hashes below 1<<feat.KeyBits, so their low bits pick
// the slot; a key is never 0, which marks an empty slot.
type table struct {
	slots []slot
	mask  uint64
}

// slot is a key, a value below 1<<feat.NumTags (a set of tags, or one
// tag), and, in the table of features, its weights: inline of them, 16
// bits each, or where they start in Tagger.w. One slot is 16 bytes.
type slot struct {
	kv uint64 // the key, and the value above bit feat.KeyBits
	v  uint64
}

func (s *slot) key() uint64 { return s.kv & (1<<feat.KeyBits - 1) }
func (s *slot) val() uint32 { return uint32(s.kv >> feat.KeyBits) }

// init sizes t for n keys, at most half full.
func (t *table) init(n int) {
	size := 1 << bits.Len(uint(2*n))
	t.slots = make([]slot, size)
	t.mask = uint64(size - 1)
}

func (t *table) put(key uint64, val uint32, v uint64) {
	i := key & t.mask
	for t.slots[i].kv != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i] = slot{kv: key | uint64(val)<<feat.KeyBits, v: v}
}

func (t *table) find(key uint64) *slot {
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key() == key {
			return s
		}
		if s.kv == 0 {
			return nil
		}
	}
}

func (t *table) get(key uint64) (uint32, bool) {
	if s := t.find(key); s != nil {
		return s.val(), true
	}
	return 0, false
}
