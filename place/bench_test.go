package place

import "testing"

func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g.Resolve("Tripoli", []string{"LBN"})
	}
}

func BenchmarkMinor(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		g, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		if err := g.CheckMinor(); err != nil {
			b.Fatal(err)
		}
	}
}
