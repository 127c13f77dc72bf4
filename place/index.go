package place

import "hash/maphash"

// nameIndex maps folded names to int32 values. It is an open-addressing
// hash table over keys that lie back to back in one byte slice, with no
// pointers in its slots: the collector has nothing in it to follow, and
// building it allocates three slices.
type nameIndex struct {
	keys []byte
	// slots holds, for each key, the high 32 bits of its hash above 1 +
	// its index in ents; 0 is an empty slot. len(slots) is a power of
	// two of at least 4/3 of the number of keys.
	slots []uint64
	ents  []indexEntry
	seed  maphash.Seed
}

// indexEntry is a key, as offsets into keys, and its value.
type indexEntry struct {
	start, end uint32
	v          int32
}

// newNameIndex returns an empty index over the keys arena keys, with room
// for n keys.
func newNameIndex(keys []byte, n int) nameIndex {
	size := 16
	for 3*size < 4*n {
		size <<= 1
	}
	return nameIndex{keys: keys, slots: make([]uint64, size), ents: make([]indexEntry, 0, n), seed: maphash.MakeSeed()}
}

// find returns the slot of key, or of the empty slot where it would go,
// and its tag: the high 32 bits of its hash.
func (x *nameIndex) find(key []byte) (int, uint64) {
	h := maphash.Bytes(x.seed, key)
	tag := h >> 32
	mask := len(x.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return i, tag
		}
		if s>>32 == tag {
			e := &x.ents[uint32(s)-1]
			if string(x.keys[e.start:e.end]) == string(key) {
				return i, tag
			}
		}
	}
}

// get returns the value of key; the zero index has no keys.
func (x *nameIndex) get(key []byte) (int32, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	i, _ := x.find(key)
	if s := x.slots[i]; s != 0 {
		return x.ents[uint32(s)-1].v, true
	}
	return 0, false
}

// entry returns the value of the key keys[start:end], to read or set,
// adding the key with value v when it is not there yet; added reports
// that it was not.
func (x *nameIndex) entry(start, end uint32, v int32) (p *int32, added bool) {
	i, tag := x.find(x.keys[start:end])
	if s := x.slots[i]; s != 0 {
		return &x.ents[uint32(s)-1].v, false
	}
	x.ents = append(x.ents, indexEntry{start, end, v})
	x.slots[i] = tag<<32 | uint64(len(x.ents))
	return &x.ents[len(x.ents)-1].v, true
}

// len returns the number of keys.
func (x *nameIndex) len() int { return len(x.ents) }
