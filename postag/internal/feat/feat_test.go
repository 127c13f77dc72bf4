package feat

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

func small() *Model {
	return &Model{
		Keys:      []uint64{3, 70, 1<<KeyBits - 1},
		Tags:      []uint32{1 << 7, 1<<7 | 1<<15, 1<<NumTags - 1},
		Weights:   []int16{5, -300, 32767, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -32767, 17},
		DictKeys:  []uint64{9, 10},
		DictTags:  []uint8{5, 12},
		ClassKeys: []uint64{1, 200},
		ClassSets: []uint32{0, 1<<7 | 1<<15},
	}
}

func TestRoundTrip(t *testing.T) {
	m := small()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Model
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, m) {
		t.Errorf("got %+v, want %+v", got, *m)
	}
}

// withSum returns body with its checksum, as a model file.
func withSum(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(bytes.Clone(body), crc32.ChecksumIEEE(body))
}

func TestUnmarshalErrors(t *testing.T) {
	good, err := small().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	body := good[:len(good)-4]
	flipped := bytes.Clone(good)
	flipped[20] ^= 1
	otherVersion := append([]byte(magic), binary.AppendUvarint(nil, Version+1)...)
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "not a model file"},
		{"other magic", withSum([]byte("GIF89a..")), "not a model file"},
		{"flipped bit", flipped, "checksum mismatch"},
		{"truncated", withSum(body[:len(body)-3]), "truncated"},
		{"trailing bytes", withSum(append(bytes.Clone(body), 0)), "bytes after the classes"},
		{"other version", withSum(otherVersion), "regenerate the model"},
		{"huge count", withSum(append(append([]byte(magic), Version, NumTags), 0xff, 0xff, 0xff, 0x0f)), "exceeds the file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m Model
			err := m.UnmarshalBinary(c.b)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestMarshalRefuses(t *testing.T) {
	m := small()
	m.Keys[1], m.Keys[0] = m.Keys[0], m.Keys[1]
	if _, err := m.MarshalBinary(); err == nil {
		t.Error("keys out of order: no error")
	}
	m = small()
	m.Weights[0] = -32768
	if _, err := m.MarshalBinary(); err == nil {
		t.Error("weight -32768: no error")
	}
}

// FuzzUnmarshal feeds damaged model files, with a right checksum so that
// the parser is reached: none may panic, and one that loads must write
// back to a file that loads the same.
func FuzzUnmarshal(f *testing.F) {
	good, err := small().MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:len(good)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		var m Model
		if m.UnmarshalBinary(withSum(body)) != nil {
			return
		}
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("loaded, but does not write back: %v", err)
		}
		var again Model
		if err := again.UnmarshalBinary(b); err != nil || !reflect.DeepEqual(&again, &m) {
			t.Fatalf("written back, loads as %+v, %v; want %+v", again, err, m)
		}
	})
}

func TestNewInfo(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Strikes", "strikes"},
		{"NATO", "nato"},
		{"ÜRÜMQI", "ürümqi"},
	} {
		a, b := NewInfo(c.a, false), NewInfo(c.b, false)
		if a.lower != b.lower || a.suf3 != b.suf3 || a.pref != b.pref {
			t.Errorf("%q and %q: lower-case hashes differ", c.a, c.b)
		}
		if a.word == b.word || a.shape == b.shape {
			t.Errorf("%q and %q: same word or shape hash", c.a, c.b)
		}
	}
	for _, c := range []struct {
		s     string
		first bool
		want  uint64
	}{
		{"Niger", false, fCap},
		{"Niger", true, fCap | fFirst},
		{"NATO", false, fCap | fUpper},
		{"U.S.", false, fCap | fUpper},
		{"COVID-19", false, fCap | fUpper | fDigit | fHyphen},
		{"well-known", false, fHyphen},
		{"1,000", false, fDigit},
		{"", false, 0},
	} {
		if got := NewInfo(c.s, c.first).flags; got != c.want {
			t.Errorf("NewInfo(%q, %v).flags = %b, want %b", c.s, c.first, got, c.want)
		}
	}
}

func TestKeys(t *testing.T) {
	in := NewInfo("attack", false)
	w := Window{Boundary(), Boundary(), in, Boundary(), Boundary()}
	var f [Count]uint64
	Features(&f, &w, NumTags, NumTags)
	seen := map[uint64]int{}
	for i, k := range f {
		if k == 0 || k >= 1<<KeyBits {
			t.Errorf("feature %d: key %#x out of range", i, k)
		}
		if j, ok := seen[k]; ok {
			t.Errorf("features %d and %d: same key", j, i)
		}
		seen[k] = i
	}
}
