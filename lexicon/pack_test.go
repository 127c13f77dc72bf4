package lexicon

import (
	"math/rand/v2"
	"testing"
)

// refPack is pack as it was, one byte at a time.
func refPack(s string) (uint64, bool) {
	if len(s) > 8 {
		return 0, false
	}
	var k uint64
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == 0 {
			return 0, false
		}
		k = k<<8 | uint64(s[i])
	}
	return k, true
}

func TestPackSameAsBytewise(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{0, 1, 'a', 'z', 0x7f, 0x80, 0xfe, 0xff, ' '}
	for range 200000 {
		b := make([]byte, r.IntN(11))
		for i := range b {
			if r.IntN(2) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = byte(r.IntN(256))
			}
		}
		s := string(b)
		k, ok := pack(s)
		wk, wok := refPack(s)
		if ok != wok || ok && k != wk {
			t.Fatalf("pack(%q) = %#x, %v; want %#x, %v", s, k, ok, wk, wok)
		}
	}
}
