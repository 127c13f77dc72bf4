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

// An arena sized for a small document's results allocates chunks of that
// size, not the default.
func TestArenaChunk(t *testing.T) {
	a := Arena[int]{Chunk: 6}
	x, y := a.Make(4), a.Make(2)
	if cap(a.chunks[0]) != 6 || len(a.chunks) != 1 {
		t.Fatalf("chunks of %d, %d chunks; want one of 6", cap(a.chunks[0]), len(a.chunks))
	}
	x[0], y[0] = 1, 2
	if z := a.Make(7); len(z) != 7 || len(a.chunks) != 2 {
		t.Errorf("Make(7) past a chunk of 6: len %d, %d chunks", len(z), len(a.chunks))
	}
	if x[0] != 1 || y[0] != 2 {
		t.Errorf("earlier slices overwritten: %v %v", x, y)
	}
}

// Take hands out room to append to, apart from every other slice.
func TestArenaTake(t *testing.T) {
	var a Arena[int]
	x := append(a.Take(3), 1, 2, 3)
	y := append(a.Take(2), 4, 5)
	if len(x) != 3 || cap(x) != 3 || len(y) != 2 || cap(y) != 2 {
		t.Fatalf("len/cap %d/%d and %d/%d, want 3/3 and 2/2", len(x), cap(x), len(y), cap(y))
	}
	x = append(x, 6) // past its room: copied out, y untouched
	if y[0] != 4 || y[1] != 5 || x[3] != 6 {
		t.Errorf("x = %v, y = %v", x, y)
	}
}
