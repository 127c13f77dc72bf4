package arena

import "testing"

func TestArena(t *testing.T) {
	var a Arena[int]
	var got [][]int
	for i := range 3000 {
		s := a.Make(1 + i%5)
		for k := range s {
			if s[k] != 0 {
				t.Fatalf("slice %d not zeroed: %v", i, s)
			}
			s[k] = i
		}
		if cap(s) != len(s) {
			t.Fatalf("slice %d has room to grow: len %d cap %d", i, len(s), cap(s))
		}
		got = append(got, s)
	}
	// Nothing handed out was overwritten by a later slice.
	for i, s := range got {
		for _, v := range s {
			if v != i {
				t.Fatalf("slice %d now holds %v", i, s)
			}
		}
	}
	chunks := len(a.chunks)
	// After a reset the chunks are reused, zeroed again, and a slice
	// larger than a chunk gets one of its own.
	a.Reset()
	for i := range 3000 {
		s := a.Make(1 + i%5)
		for k := range s {
			if s[k] != 0 {
				t.Fatalf("reused slice %d not zeroed: %v", i, s)
			}
		}
	}
	if len(a.chunks) != chunks {
		t.Errorf("%d chunks after reuse, want %d", len(a.chunks), chunks)
	}
	if big := a.Make(5000); len(big) != 5000 {
		t.Errorf("Make(5000) gave %d elements", len(big))
	}
}
