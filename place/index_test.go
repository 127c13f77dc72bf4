package place

import (
	"fmt"
	"testing"
)

// The index finds every key it was given, with the value last set, and
// no other: checked on enough keys to fill chains of colliding slots.
func TestNameIndex(t *testing.T) {
	var keys []byte
	var spans [][2]uint32
	for i := range 5000 {
		start := len(keys)
		keys = fmt.Appendf(keys, "place %d", i)
		spans = append(spans, [2]uint32{uint32(start), uint32(len(keys))})
	}
	x := newNameIndex(keys, len(spans)+1)
	for i, sp := range spans {
		if _, added := x.entry(sp[0], sp[1], int32(i)); !added {
			t.Fatalf("key %q: not added", keys[sp[0]:sp[1]])
		}
	}
	// A key seen again is found, not added, and its value can be set.
	v, added := x.entry(spans[7][0], spans[7][1], -1)
	if added || *v != 7 {
		t.Fatalf("key %q again: added %v, value %d; want false, 7", keys[spans[7][0]:spans[7][1]], added, *v)
	}
	*v = -3
	for i, sp := range spans {
		want := int32(i)
		if i == 7 {
			want = -3
		}
		if got, ok := x.get(keys[sp[0]:sp[1]]); !ok || got != want {
			t.Errorf("get(%q) = %d, %v; want %d, true", keys[sp[0]:sp[1]], got, ok, want)
		}
	}
	for _, k := range []string{"", "place", "place 5000", "place 12 ", "Place 12"} {
		if got, ok := x.get([]byte(k)); ok {
			t.Errorf("get(%q) = %d, true; want not found", k, got)
		}
	}
	if x.len() != len(spans) {
		t.Errorf("len() = %d, want %d", x.len(), len(spans))
	}
}

// The zero index, a table that failed to load, finds nothing.
func TestNameIndexZero(t *testing.T) {
	var x nameIndex
	if got, ok := x.get([]byte("place")); ok {
		t.Errorf("get(place) on the zero index = %d, true; want not found", got)
	}
}
