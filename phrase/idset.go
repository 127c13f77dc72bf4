package phrase

import (
	"math/bits"

	"dyad/lexicon"
)

// IDSet is a set of vocabulary ids, one bit each: the test made at every
// token, small enough to stay in cache. The zero value is empty.
type IDSet []uint64

// Add adds id (which must be positive) to s and returns s.
func (s IDSet) Add(id int32) IDSet {
	k := int(uint32(id) >> 6)
	for k >= len(s) {
		s = append(s, 0)
	}
	s[k] |= 1 << (uint32(id) & 63)
	return s
}

// Has reports whether id is in s; 0 (no word) never is.
func (s IDSet) Has(id int32) bool {
	k := uint(uint32(id) >> 6)
	return k < uint(len(s)) && s[k]&(1<<(uint32(id)&63)) != 0
}

// mark sets mark m in v on every id of s.
func (s IDSet) mark(v *lexicon.Vocab, m lexicon.Mark) {
	for k, w := range s {
		for ; w != 0; w &= w - 1 {
			v.SetMark(int32(k*64+bits.TrailingZeros64(w)), m)
		}
	}
}
