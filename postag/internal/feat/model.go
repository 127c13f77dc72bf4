package feat

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
)

// Model is the content of a model file: the weights of the features, the
// tag dictionary of words that always or almost always have one tag, and
// the classes of words: the tags each is seen with.
//
// The file, all integers little-endian or unsigned varints (uv), zigzag
// varints (zv) for weights:
//
//	magic    "dyadpos\n"
//	uv       Version
//	uv       NumTags
//	uv       n, the number of features
//	n times  uv key - previous key (the first: the key), then
//	         uv the set of tags with a weight (bit t for tag t), then
//	         zv one weight, -32767..32767, per tag in the set, in tag order
//	uv       m, the number of dictionary entries
//	m times  uv key - previous key, then one byte, the tag
//	uv       c, the number of classes
//	c times  uv key - previous key, then uv the set of tags
//	4 bytes  CRC-32 (IEEE) of everything before it
//
// Keys are sorted, unique, nonzero and below 1<<KeyBits.
type Model struct {
	Keys    []uint64
	Tags    []uint32 // the set of tags with a weight, per key
	Weights []int16  // the weights of each key's tags, key after key

	DictKeys []uint64
	DictTags []uint8

	ClassKeys []uint64
	ClassSets []uint32
}

const magic = "dyadpos\n"

// MarshalBinary returns the model file of m.
func (m *Model) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = binary.AppendUvarint(b, Version)
	b = binary.AppendUvarint(b, NumTags)
	b = binary.AppendUvarint(b, uint64(len(m.Keys)))
	var prev uint64
	w := 0
	for i, k := range m.Keys {
		if k <= prev || k >= 1<<KeyBits {
			return nil, fmt.Errorf("feature %d: key %#x out of order or range", i, k)
		}
		set := m.Tags[i]
		if set == 0 || set >= 1<<NumTags {
			return nil, fmt.Errorf("feature %d: tag set %#x", i, set)
		}
		b = binary.AppendUvarint(b, k-prev)
		b = binary.AppendUvarint(b, uint64(set))
		for range bits.OnesCount32(set) {
			if m.Weights[w] == -32768 {
				return nil, fmt.Errorf("feature %d: weight -32768", i)
			}
			b = binary.AppendVarint(b, int64(m.Weights[w]))
			w++
		}
		prev = k
	}
	if w != len(m.Weights) {
		return nil, errors.New("weights left over")
	}
	b = binary.AppendUvarint(b, uint64(len(m.DictKeys)))
	prev = 0
	for i, k := range m.DictKeys {
		if k <= prev || k >= 1<<KeyBits || m.DictTags[i] >= NumTags {
			return nil, fmt.Errorf("dictionary entry %d: key %#x out of order or range, or tag %d", i, k, m.DictTags[i])
		}
		b = binary.AppendUvarint(b, k-prev)
		b = append(b, m.DictTags[i])
		prev = k
	}
	b = binary.AppendUvarint(b, uint64(len(m.ClassKeys)))
	prev = 0
	for i, k := range m.ClassKeys {
		if k <= prev || k >= 1<<KeyBits || m.ClassSets[i] >= 1<<NumTags {
			return nil, fmt.Errorf("class %d: key %#x out of order or range, or tag set %#x", i, k, m.ClassSets[i])
		}
		b = binary.AppendUvarint(b, k-prev)
		b = binary.AppendUvarint(b, uint64(m.ClassSets[i]))
		prev = k
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// UnmarshalBinary reads the model file b into m. It checks everything the
// format promises, so that a damaged file is an error, never a panic or a
// model that reads out of bounds.
func (m *Model) UnmarshalBinary(b []byte) error {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return errors.New("not a model file")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return errors.New("checksum mismatch: the file is damaged")
	}
	r := reader{b: body[len(magic):]}
	if v := r.uvarint(); v != Version {
		if r.err != nil {
			return r.err
		}
		return fmt.Errorf("feature set version %d, want %d: regenerate the model", v, Version)
	}
	if n := r.uvarint(); n != NumTags && r.err == nil {
		return fmt.Errorf("%d tags, want %d", n, NumTags)
	}
	// Each feature takes at least three bytes, each entry two: a count
	// beyond that is damage, not a reason to allocate.
	n := r.count(3)
	m.Keys = make([]uint64, 0, n)
	m.Tags = make([]uint32, 0, n)
	m.Weights = m.Weights[:0]
	var key uint64
	for range n {
		d, set := r.uvarint(), r.uvarint()
		if r.err != nil {
			return r.err
		}
		key += d
		if d == 0 || key >= 1<<KeyBits {
			return fmt.Errorf("feature %d: key out of order or range", len(m.Keys))
		}
		if set == 0 || set >= 1<<NumTags {
			return fmt.Errorf("feature %d: tag set %#x", len(m.Keys), set)
		}
		for range bits.OnesCount64(set) {
			w := r.varint()
			if w < -32767 || w > 32767 {
				return fmt.Errorf("feature %d: weight %d out of range", len(m.Keys), w)
			}
			m.Weights = append(m.Weights, int16(w))
		}
		m.Keys = append(m.Keys, key)
		m.Tags = append(m.Tags, uint32(set))
	}
	n = r.count(2)
	m.DictKeys = make([]uint64, 0, n)
	m.DictTags = make([]uint8, 0, n)
	key = 0
	for range n {
		d, t := r.uvarint(), r.byte()
		if r.err != nil {
			return r.err
		}
		key += d
		if d == 0 || key >= 1<<KeyBits || t >= NumTags {
			return fmt.Errorf("dictionary entry %d: key out of order or range, or tag %d", len(m.DictKeys), t)
		}
		m.DictKeys = append(m.DictKeys, key)
		m.DictTags = append(m.DictTags, t)
	}
	n = r.count(2)
	m.ClassKeys = make([]uint64, 0, n)
	m.ClassSets = make([]uint32, 0, n)
	key = 0
	for range n {
		d, set := r.uvarint(), r.uvarint()
		if r.err != nil {
			return r.err
		}
		key += d
		if d == 0 || key >= 1<<KeyBits || set >= 1<<NumTags {
			return fmt.Errorf("class %d: key out of order or range, or tag set %#x", len(m.ClassKeys), set)
		}
		m.ClassKeys = append(m.ClassKeys, key)
		m.ClassSets = append(m.ClassSets, uint32(set))
	}
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%d bytes after the classes", len(r.b))
	}
	return nil
}

// reader reads varints from b, remembering the first error.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("truncated")

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() uint8 {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errShort
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// count reads a number of records of at least size bytes each, 0 if there
// cannot be that many left.
func (r *reader) count(size int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/size) {
		if r.err == nil {
			r.err = fmt.Errorf("count %d exceeds the file", n)
		}
		return 0
	}
	return int(n)
}
