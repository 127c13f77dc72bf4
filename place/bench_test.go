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

// BenchmarkResolveMinor looks up a minor place, by the embedded index of
// the minor table's names, as every lookup does once the main tables
// miss.
func BenchmarkResolveMinor(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if p, ok := g.Resolve("Tessalit", nil); !ok || !p.Minor {
			b.Fatal("Tessalit: no minor place")
		}
	}
}

// BenchmarkResolveMinorMiss looks up a name that no table has.
func BenchmarkResolveMinorMiss(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := g.Resolve("Pentagon", nil); ok {
			b.Fatal("Pentagon: a place")
		}
	}
}
