package place

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The minor tables give towns and district seats below the main table's
// 15,000 people to names the main table lacks, and nothing else.
func TestMinorPlaces(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		query, wantName, wantCountry string
		wantMinor                    bool
	}{
		// Seats of districts that conflict reports name.
		{"Kupwara", "Kupwāra", "IND", true},
		{"Sukma", "Sukma", "IND", true},
		{"Tessalit", "Tessalit", "MLI", true},
		{"Bankass", "Bankass", "MLI", true},
		{"Tenenkou", "Ténenkou", "MLI", true},
		{"Miranshah", "Miran Shah", "PAK", true},
		{"Arlit", "Arlit", "NER", true},
		// A spelling GeoNames lists.
		{"Tesalit", "Tessalit", "MLI", true},
		// Second-level divisions among @countrystatecity/countries'
		// cities, by their names with and without their type.
		{"North Waziristan", "North Wazīristān Agency", "PAK", true},
		{"South Waziristan Agency", "South Wazīristān Agency", "PAK", true},
		{"Arsi", "Arsi Zone", "ETH", true},
		{"Chapare", "Provincia Chaparé", "BOL", true},
		{"Departement de Dakoro", "Département de Dakoro", "NER", true},
		// Names the main table has keep its place, however many
		// villages of the minor tables share them.
		{"Paris", "Paris", "FRA", false},
		{"Lagos", "Lagos", "NGA", false},
		{"Beni", "Beni", "COD", false},
		{"Bunia", "Bunia", "COD", false},
		{"Djibo", "Djibo", "BFA", false},
		{"Mandera", "Mandera", "KEN", false},
		{"Lakki Marwat", "Lakki", "PAK", false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p, ok := g.Resolve(tt.query, nil)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing, want %s (%s)", tt.query, tt.wantName, tt.wantCountry)
			}
			if p.Name != tt.wantName || p.CountryCode != tt.wantCountry || p.Minor != tt.wantMinor {
				t.Errorf("Resolve(%q) = %s (%s, minor %v), want %s (%s, minor %v)", tt.query, p.Name, p.CountryCode, p.Minor, tt.wantName, tt.wantCountry, tt.wantMinor)
			}
		})
	}
}

// A country named among the text's does not reach past the main table:
// Resolve("Paris", USA) is Paris, Texas, a place of the main table, and
// no village of the minor tables in another country takes a main name.
func TestMinorNeverShadowsMain(t *testing.T) {
	g := loadDefault(t)
	if err := g.CheckMinor(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Paris", "Lagos", "London", "Kidal", "Gao", "Goma"} {
		for _, c := range [][]string{nil, {"USA"}, {"GBR"}, {"FRA"}} {
			if p, _ := g.Resolve(name, c); p.Minor {
				t.Errorf("Resolve(%q, %v) = minor place %s (%s)", name, c, p.Name, p.CountryCode)
			}
		}
	}
	// And no key of the minor tables is one of the main table's.
	x := &g.minor.index
	for _, e := range x.ents {
		if key := x.keys[e.start:e.end]; len(g.ids(key)) > 0 {
			t.Errorf("minor key %q is also a main one", key)
		}
	}
}

// Names of two letters are words or codes, not the villages GeoNames
// lists ("Is" in Sverdlovsk Oblast).
func TestMinorShortNames(t *testing.T) {
	g := loadDefault(t)
	for _, q := range []string{"is", "it", "Is", "On"} {
		if p, ok := g.Resolve(q, nil); ok {
			t.Errorf("Resolve(%q) = %s (%s), want none", q, p.Name, p.CountryCode)
		}
	}
}

func TestLoadMinor(t *testing.T) {
	g, err := Load(fstest.MapFS{
		"a.tsv":       {Data: []byte(good)},
		"minor/m.tsv": {Data: []byte("Alpha\tCCC\t\t0\t0\tP\tPPL\t900\t\nSmallville\tCCC\t\t1\t1\tP\tPPLA2\t\tSmalltown\nSmallville\tDDD\t\t1\t1\tP\tPPL\t1200\t\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Lookup("Alpha"); len(got) != 1 || got[0].CountryCode != "AAA" || got[0].Minor {
		t.Errorf("Lookup(Alpha) = %+v, want only AAA's, of the main table", got)
	}
	got := g.Lookup("smallville")
	if len(got) != 2 || got[0].CountryCode != "DDD" || !got[0].Minor {
		t.Errorf("Lookup(smallville) = %+v, want DDD's (more people) then CCC's, minor", got)
	}
	if p, ok := g.Resolve("Smallville", []string{"CCC"}); !ok || p.CountryCode != "CCC" {
		t.Errorf("Resolve(Smallville, CCC) = %+v, %v, want CCC's", p, ok)
	}
	if p, ok := g.First("Smalltown", func(*Place) bool { return true }); !ok || p.Name != "Smallville" {
		t.Errorf("First(Smalltown) = %+v, %v, want Smallville", p, ok)
	}
}

// A broken minor table does not stop Load, which does not read it; its
// problems come from CheckMinor, and its places are not found.
func TestLoadMinorErrors(t *testing.T) {
	g, err := Load(fstest.MapFS{
		"a.tsv":       {Data: []byte(good)},
		"minor/m.tsv": {Data: []byte("Smallville\tCCC\t\t1\t1\tP\tPPL\t100\t\nBroken\tcc\t\t1\t1\tP\tPPL\t\t\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	err = g.CheckMinor()
	if err == nil || !strings.HasPrefix(err.Error(), `place: minor/m.tsv:2: country "cc"`) {
		t.Errorf("CheckMinor() = %v, want minor/m.tsv:2's problem", err)
	}
	if _, ok := g.Resolve("Smallville", nil); ok {
		t.Error("Resolve(Smallville) found a place of a broken minor table")
	}
	if _, ok := g.Resolve("Alpha", nil); !ok {
		t.Error("Resolve(Alpha) found nothing: the main table must still work")
	}
}

// Lookups from many goroutines parse the minor tables once.
func TestMinorConcurrent(t *testing.T) {
	g := loadDefault(t)
	done := make(chan Place)
	for range 4 {
		go func() {
			p, _ := g.Resolve("Tessalit", nil)
			done <- p
		}()
	}
	for range 4 {
		if p := <-done; p.CountryCode != "MLI" {
			t.Errorf("Resolve(Tessalit) = %s (%s), want Mali's", p.Name, p.CountryCode)
		}
	}
}

func TestDistrictsAreADM2(t *testing.T) {
	g := loadDefault(t)
	for _, q := range []string{"North Waziristan", "Arsi", "Département de Dakoro"} {
		p, ok := g.Resolve(q, nil)
		if !ok || p.FeatureClass != "A" || p.FeatureCode != "ADM2" || !p.Minor {
			t.Errorf("Resolve(%q) = %+v, %v, want a minor ADM2", q, p, ok)
		}
	}
}

// ResolveMain finds what Resolve finds in the main tables, and no minor
// place.
func TestResolveMain(t *testing.T) {
	g := loadDefault(t)
	for _, q := range []string{"Paris", "Lagos", "Tessalit", "North Waziristan", "Nowhere"} {
		want, wantOK := g.Resolve(q, []string{"USA"})
		if want.Minor {
			want, wantOK = Place{}, false
		}
		if got, ok := g.ResolveMain(q, []string{"USA"}); got != want || ok != wantOK {
			t.Errorf("ResolveMain(%q) = %s (%s), %v; want %s (%s), %v", q, got.Name, got.CountryCode, ok, want.Name, want.CountryCode, wantOK)
		}
	}
}
