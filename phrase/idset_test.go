package phrase

import "testing"

func TestIDSet(t *testing.T) {
	var s IDSet
	for _, id := range []int32{1, 63, 64, 65, 1000} {
		s = s.Add(id)
	}
	for id, want := range map[int32]bool{0: false, 1: true, 2: false, 63: true, 64: true, 65: true, 66: false, 999: false, 1000: true, 1001: false, 1 << 30: false, -1: false} {
		if got := s.Has(id); got != want {
			t.Errorf("Has(%d) = %v, want %v", id, got, want)
		}
	}
}
