package place

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func loadDefault(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name        string
		query       string
		wantName    string // of the best candidate
		wantCountry string
		wantCode    string
	}{
		{"country before US state", "Georgia", "Georgia", "GEO", "PCLI"},
		{"capital before Lebanese Tripoli", "Tripoli", "Tripoli", "LBY", "PPLC"},
		{"country, not the river", "Niger", "Niger", "NER", "PCLI"},
		{"river by its own name", "the River Niger", "Niger River", "", "STM"},
		{"Kyiv", "Kyiv", "Kyiv", "UKR", "PPLC"},
		{"Kiev is Kyiv", "Kiev", "Kyiv", "UKR", "PPLC"},
		{"case folded", "KYIV", "Kyiv", "UKR", "PPLC"},
		{"Niamey", "Niamey", "Niamey", "NER", "PPLC"},
		{"Washington is the capital", "Washington", "Washington", "USA", "PPLC"},
		{"Washington, D.C.", "Washington, D.C.", "Washington", "USA", "PPLC"},
		{"Bombay", "Bombay", "Mumbai", "IND", "PPLA"},
		{"Rangoon", "Rangoon", "Yangon", "MMR", "PPLA"},
		{"accent-free form", "Bogota", "Bogotá", "COL", "PPLC"},
		{"leading the and extra spaces", "  the   Gaza  Strip ", "Gaza Strip", "PSE", "RGN"},
		{"hand region", "the Sahel", "Sahel", "", "RGN"},
		{"abbreviation kept", "U.S.", "United States", "USA", "PCLI"},
		{"typographic apostrophe", "Côte d’Ivoire", "Ivory Coast", "CIV", "PCLI"},
		// gen drops a GeoNames alternate that is another place's name:
		// Mexico City's "Mexico", Hong Kong's "Victoria".
		{"country over city alternate", "Mexico", "Mexico", "MEX", "PCLI"},
		{"capital's old name dropped", "Victoria", "Victoria", "SYC", "PPLC"},
		// Divisions keep the English names countries-states-cities gave
		// them, with @countrystatecity/countries' local forms as
		// alternates, unless the old name only adds the type.
		{"division's English name", "Donetsk Oblast", "Donetsk Oblast", "UKR", "ADM1"},
		{"division's local name", "Donetska", "Donetsk Oblast", "UKR", "ADM1"},
		{"division's local name, German", "Hessen", "Hesse", "DEU", "ADM1"},
		{"division's name", "Tillabéri Region", "Tillabéri", "NER", "ADM1"},
		{"city before its division", "Agadez", "Agadez", "NER", "PPLA"},
		{"division without cities", "Cauca", "Cauca", "COL", "ADM1"},
		{"second-level division", "South Tyrol", "South Tyrol", "ITA", "ADM2"},
		// A division does not take a name another country's place has.
		{"US state, not Liberia's county", "Maryland", "Maryland", "USA", "ADM1"},
		{"Liberia's county by its full name", "Maryland County", "Maryland County", "LBR", "ADM1"},
		{"region, not Burkina Faso's province", "Sahel", "Sahel", "", "RGN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(tt.query)
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) = none, want %s %s", tt.query, tt.wantName, tt.wantCountry)
			}
			p := got[0]
			if p.Name != tt.wantName || p.CountryCode != tt.wantCountry || p.FeatureCode != tt.wantCode {
				t.Errorf("Lookup(%q)[0] = %s %q %s, want %s %q %s", tt.query, p.Name, p.CountryCode, p.FeatureCode, tt.wantName, tt.wantCountry, tt.wantCode)
			}
		})
	}
}

func TestLookupUnknown(t *testing.T) {
	g := loadDefault(t)
	// Matching ignores case, so "us" finds the United States: callers
	// look up capitalised tokens only. Two-letter ISO codes such as "IN"
	// are not names, so "in" finds nothing.
	// A demonym is no place, though Ethiopia has a Somali Region.
	for _, q := range []string{"", "   ", "the", "Xyzzyville", "in", "it", "is", "Somali"} {
		if got := g.Lookup(q); got != nil {
			t.Errorf("Lookup(%q) = %v, want none", q, got)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := loadDefault(t)
	got := g.Lookup("Washington")
	for i := 2; i < len(got); i++ {
		if got[i-1].Population < got[i].Population && tier(&got[i-1]) == tier(&got[i]) {
			t.Errorf("Lookup(Washington)[%d] %s (%d) before more populous %s (%d)", i-1, got[i-1].Admin1, got[i-1].Population, got[i].Admin1, got[i].Population)
		}
	}
	got[0].Name = "changed"
	if g.Lookup("Washington")[0].Name != "Washington" {
		t.Error("changing a returned Place changed the gazetteer")
	}
}

func TestResolve(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name        string
		query       string
		countries   []string
		wantName    string
		wantCountry string
		wantCode    string
	}{
		{"Tripoli alone is Libya's", "Tripoli", nil, "Tripoli", "LBY", "PPLC"},
		{"Tripoli in a Lebanon story", "Tripoli", []string{"LBN"}, "Tripoli", "LBN", "PPLA"},
		{"Tripoli with Lebanon second", "Tripoli", []string{"LBY", "LBN"}, "Tripoli", "LBY", "PPLC"},
		{"Tripoli in an unrelated story", "Tripoli", []string{"FRA"}, "Tripoli", "LBY", "PPLC"},
		{"Georgia alone is the country", "Georgia", nil, "Georgia", "GEO", "PCLI"},
		{"Georgia in a US story", "Georgia", []string{"USA"}, "Georgia", "USA", "ADM1"},
		{"Georgia in a Russia story", "Georgia", []string{"RUS"}, "Georgia", "GEO", "PCLI"},
		{"Georgia first, USA second", "Georgia", []string{"GEO", "USA"}, "Georgia", "GEO", "PCLI"},
		{"Niger in a Mali story", "Niger", []string{"MLI"}, "Niger", "NER", "PCLI"},
		{"Kiev in a Russia story", "Kiev", []string{"RUS"}, "Kyiv", "UKR", "PPLC"},
		{"Niamey", "Niamey", []string{"NER"}, "Niamey", "NER", "PPLC"},
		{"Washington in a UK story", "Washington", []string{"GBR"}, "Washington", "GBR", "PPL"},
		{"Washington in a US story", "Washington", []string{"USA"}, "Washington", "USA", "PPLC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.Resolve(tt.query, tt.countries)
			if !ok {
				t.Fatalf("Resolve(%q, %v) found nothing", tt.query, tt.countries)
			}
			if p.Name != tt.wantName || p.CountryCode != tt.wantCountry || p.FeatureCode != tt.wantCode {
				t.Errorf("Resolve(%q, %v) = %s %s %s, want %s %s %s", tt.query, tt.countries, p.Name, p.CountryCode, p.FeatureCode, tt.wantName, tt.wantCountry, tt.wantCode)
			}
		})
	}
	if p, ok := g.Resolve("Xyzzyville", []string{"USA"}); ok {
		t.Errorf("Resolve(Xyzzyville) = %v, want false", p)
	}
}

func TestDivisions(t *testing.T) {
	g := loadDefault(t)
	// @countrystatecity/countries puts Donetsk Oblast at Kyiv and Fiji's
	// Western Division in New York State; gen places them by their cities.
	for _, tt := range []struct {
		query, country         string
		lat0, lat1, lon0, lon1 float64
	}{
		{"Donetsk Oblast", "UKR", 47, 49.5, 36.5, 39},
		{"Western Division", "FJI", -19, -16.5, 177, 178.5},
		{"North Darfur", "SDN", 12, 20, 22, 28},
	} {
		p, ok := g.Resolve(tt.query, []string{tt.country})
		if !ok || p.CountryCode != tt.country || p.FeatureClass != "A" {
			t.Errorf("Resolve(%q, %s) = %+v, %v, want a division of %s", tt.query, tt.country, p, ok, tt.country)
			continue
		}
		if p.Lat < tt.lat0 || p.Lat > tt.lat1 || p.Lon < tt.lon0 || p.Lon > tt.lon1 {
			t.Errorf("%s (%s) at %.2f,%.2f, want within %g..%g, %g..%g", p.Name, tt.query, p.Lat, p.Lon, tt.lat0, tt.lat1, tt.lon0, tt.lon1)
		}
	}
	// Divisions that world-countries lists as countries or territories
	// are not listed again as divisions: Taiwan, Guam.
	for _, q := range []string{"Taiwan", "Guam", "Guadeloupe"} {
		for _, p := range g.Lookup(q) {
			if p.FeatureClass == "A" && strings.HasPrefix(p.FeatureCode, "ADM") {
				t.Errorf("Lookup(%q) has division %s of %s", q, p.Name, p.CountryCode)
			}
		}
	}
}

// Default parses what embedded lists: every *.tsv file of data/ and of
// data/minor/, as Load would read that directory, so that a file added
// there is not left out.
func TestEmbeddedListsTheData(t *testing.T) {
	main, minor := embedded()
	for _, tt := range []struct {
		glob string
		got  [][2]string
	}{{"data/*.tsv", main}, {"data/minor/*.tsv", minor}} {
		files, err := filepath.Glob(tt.glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v, %d files", tt.glob, err, len(files))
		}
		if len(tt.got) != len(files) {
			t.Fatalf("embedded() lists %d files for %s, there are %d: %q", len(tt.got), tt.glob, len(files), files)
		}
		for i, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.ToSlash(strings.TrimPrefix(f, "data"+string(filepath.Separator))); tt.got[i][0] != want || tt.got[i][1] != string(b) {
				t.Errorf("embedded()[%d] is %s (%d bytes), want %s (%d bytes)", i, tt.got[i][0], len(tt.got[i][1]), want, len(b))
			}
		}
	}
	want, err := Load(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	g := loadDefault(t)
	if len(g.places) != len(want.places) || g.index.len() != want.index.len() {
		t.Errorf("Default: %d places, %d names; Load(data): %d, %d", len(g.places), g.index.len(), len(want.places), want.index.len())
	}
	if err := g.CheckMinor(); err != nil {
		t.Fatal(err)
	}
	if err := want.CheckMinor(); err != nil {
		t.Fatal(err)
	}
	if len(g.minor.places) == 0 || len(g.minor.places) != len(want.minor.places) || g.minor.index.len() != want.minor.index.len() {
		t.Errorf("Default's minor tables: %d places, %d names; Load(data)'s: %d, %d", len(g.minor.places), g.minor.index.len(), len(want.minor.places), want.minor.index.len())
	}
}

func TestDefaultContents(t *testing.T) {
	g := loadDefault(t)
	countries := map[string]bool{}
	for _, p := range g.places {
		if len(p.CountryCode) != 0 && len(p.CountryCode) != 3 {
			t.Fatalf("%s: country %q is not alpha-3", p.Name, p.CountryCode)
		}
		if p.FeatureCode == "PCLI" {
			countries[p.CountryCode] = true
		}
	}
	for _, c := range []string{"USA", "GBR", "UKR", "RUS", "NER", "PSE", "TWN", "KOS", "SSD"} {
		if !countries[c] {
			t.Errorf("no country record for %s", c)
		}
	}
}

const good = "# comment\n\nAlpha\tAAA\tOne\t1.5\t-2.5\tP\tPPLC\t1000\tAlfa|The Alpha\n"

func TestLoad(t *testing.T) {
	g, err := Load(fstest.MapFS{
		"a.tsv":      {Data: []byte(good)},
		"b.tsv":      {Data: []byte("Alpha\tBBB\t\t0\t0\tP\tPPL\t5000\t\r\n")},
		"ignored.md": {Data: []byte("not data")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Place{Name: "Alpha", CountryCode: "AAA", Admin1: "One", Lat: 1.5, Lon: -2.5, FeatureClass: "P", FeatureCode: "PPLC", Population: 1000}
	for _, q := range []string{"alpha", "ALFA", "alpha"} {
		got := g.Lookup(q)
		if len(got) == 0 || got[0] != want {
			t.Errorf("Lookup(%q) = %+v, want first %+v", q, got, want)
		}
	}
	if got := g.Lookup("Alpha"); len(got) != 2 || got[1].CountryCode != "BBB" {
		t.Errorf("Lookup(Alpha) = %+v, want the capital then BBB's", got)
	}
}

func TestLoadErrors(t *testing.T) {
	bad := strings.Join([]string{
		"# header",
		"Alpha\tAAA\t\t1\t2\tP\tPPL\t10\t",         // 2: good
		"Beta\tAAA\t\t1\t2\tP\tPPL\t10",            // 3: 8 columns
		"Gamma\tus\t\t1\t2\tP\tPPL\t10\t",          // 4: bad country
		"Delta\tAAA\t\tnorth\t2\tP\tPPL\t10\t",     // 5: bad latitude
		"Epsilon\tAAA\t\t1\t200\tP\tPPL\t10\t",     // 6: longitude out of range
		"Zeta\tAAA\t\t1\t2\tX\tPPL\t10\t",          // 7: bad class
		"Eta\tAAA\t\t1\t2\tP\tPPL\t-3\t",           // 8: negative population
		" \tAAA\t\t1\t2\tP\tPPL\t10\t",             // 9: empty name
		"Theta\tAAA\t\t1\t2\tP\t\t10\t",            // 10: empty code
		"Iota\tAAA\t\tNaN\t2\tP\tPPL\t10\t",        // 11: NaN latitude
		"Kappa\tAAA\t\t1\t2\tP\tPPL\t10\tx\textra", // 12: 10 columns
	}, "\n")
	_, err := Load(fstest.MapFS{"good.tsv": {Data: []byte(good)}, "broken.tsv": {Data: []byte(bad)}})
	if err == nil {
		t.Fatal("Load of a broken file succeeded")
	}
	want := []string{
		"place: broken.tsv:3: 8 columns, want 9",
		`place: broken.tsv:4: country "us" is not an ISO 3166-1 alpha-3 code`,
		`place: broken.tsv:5: latitude "north" is not a number`,
		`place: broken.tsv:6: longitude "200" is not a number from -180 to 180`,
		`place: broken.tsv:7: feature class "X" is not one of`,
		`place: broken.tsv:8: population "-3" is not a whole number`,
		"place: broken.tsv:9: empty name",
		`place: broken.tsv:10: feature code "" is not`,
		`place: broken.tsv:11: latitude "NaN"`,
		"place: broken.tsv:12: 10 columns, want 9",
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Errorf("got %d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if i < len(lines) && !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestLoadTooManyErrors(t *testing.T) {
	_, err := Load(fstest.MapFS{"x.tsv": {Data: []byte(strings.Repeat("broken\n", 100))}})
	if err == nil || !strings.HasSuffix(err.Error(), "place: too many errors, stopped") {
		t.Fatalf("err = %v, want it to stop after %d", err, maxErrors)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxErrors+1 {
		t.Errorf("%d lines of errors, want %d", n, maxErrors+1)
	}
}

func TestLoadNoFiles(t *testing.T) {
	_, err := Load(fstest.MapFS{"places.txt": {Data: []byte(good)}})
	if err == nil || err.Error() != "place: no *.tsv files to load" {
		t.Errorf("err = %v", err)
	}
}

func TestLoadInvalidUTF8(t *testing.T) {
	_, err := Load(fstest.MapFS{"x.tsv": {Data: []byte("Al\xffpha\tAAA\t\t1\t2\tP\tPPL\t\t\n")}})
	if err == nil || err.Error() != "place: x.tsv:1: invalid UTF-8" {
		t.Errorf("err = %v", err)
	}
}

func ExampleGazetteer_Resolve() {
	g, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, about := range [][]string{nil, {"LBN"}} {
		p, _ := g.Resolve("Tripoli", about)
		fmt.Printf("%s, %s (%s) %.1f %.1f\n", p.Name, p.Admin1, p.CountryCode, p.Lat, p.Lon)
	}
	// Output:
	// Tripoli, Tripoli District (LBY) 32.9 13.2
	// Tripoli, North Governorate (LBN) 34.4 35.8
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("Beta\tAAA\t\t1\t2\tP\tPPL\t10"))
	f.Add([]byte("\tAAA\t\tNaN\t+Inf\tP\tPPL\t\t|||"))
	f.Add([]byte("The \u00a0X\u2019y\tAAA\t\t-90\t180\tH\tSEA\t0\tthe  X'y|\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Load(fstest.MapFS{"f.tsv": {Data: data}})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "place: ") {
					t.Fatalf("error line %q lacks the package prefix", line)
				}
			}
			if !strings.HasPrefix(err.Error(), "place: f.tsv:") {
				t.Fatalf("error %q names no file and line", err)
			}
			return
		}
		for _, p := range g.places {
			got := g.Lookup(p.Name)
			found := false
			for _, q := range got {
				found = found || q == p
			}
			if !found {
				t.Fatalf("Lookup(%q) = %v lacks %v", p.Name, got, p)
			}
		}
	})
}

// First gives the first place Lookup lists that the test keeps.
func TestFirstAgreesWithLookup(t *testing.T) {
	g := loadDefault(t)
	for _, name := range []string{"Georgia", "Niamey", "Paris", "Punjab", "Nowhere-at-all"} {
		for _, cc := range []string{"USA", "GEO", "NER", "FRA", "IND", "PAK"} {
			keep := func(p *Place) bool { return p.CountryCode == cc }
			want, wantOK := Place{}, false
			for _, p := range g.Lookup(name) {
				if keep(&p) {
					want, wantOK = p, true
					break
				}
			}
			got, ok := g.First(name, keep)
			if ok != wantOK || got != want {
				t.Errorf("First(%q, in %s) = %v %v, Lookup gives %v %v", name, cc, got, ok, want, wantOK)
			}
		}
	}
}

// parseDegrees must give ParseFloat's float64, bit for bit, and fail where
// it fails.
func TestParseDegreesAgreesWithParseFloat(t *testing.T) {
	cases := []string{
		"0", "-0", "+0", "14", "-12.345", "48.3", "0.1", ".5", "-.5", "5.", ".", "-", "+", "",
		"90", "-90.00000", "179.9999999", "1e3", "1E-2", "NaN", "Inf", "-Inf", "0x1p3", "1_000",
		"12.3.4", "--1", "123456789012345", "1234567890123456", "0.0000000000000000000001",
		"0.00000000000000000000001", "33.93911", "-118.24368", "007.5", " 1", "1 ",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		whole := r.IntN(181) - 90
		digits := r.IntN(9)
		s := strconv.Itoa(whole)
		if digits > 0 {
			s += "." + fmt.Sprintf("%0*d", digits, r.Int64N(int64(math.Pow10(digits))))
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		want, wantErr := strconv.ParseFloat(s, 64)
		got, err := parseDegrees(s)
		if (err != nil) != (wantErr != nil) || math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("parseDegrees(%q) = %v, %v; ParseFloat gives %v, %v", s, got, err, want, wantErr)
		}
	}
}

// fold's ASCII path must agree with folding rune by rune.
func TestFoldAgreesWithFoldRunes(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", "A", "New York", "New  York", " New York", "New York ", "New York  ",
		"the Hague", "The  Hague", "THE HAGUE", "the ", "the", "theology", "New\tYork", "New \tYork",
		"Côte d’Ivoire", "Bogotá  D.C.", "São\u00a0Paulo", "a \u00a0b", "ÀB", "Z@[`{", "a\x00b", "a\x7fb",
		"St. John's", "x ", " x", "x  y z", "xy  ", "Ab Cd\r\n", "Al\xffpha",
	} {
		want := string(trimThe(foldRunes(nil, 0, s, false), 0))
		if got := string(fold([]byte("prefix"), s)[len("prefix"):]); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("The  Gaza\tStrip ")
	f.Add("Côte d’Ivoire")
	f.Fuzz(func(t *testing.T, s string) {
		want := string(trimThe(foldRunes(nil, 0, s, false), 0))
		if got := string(fold(nil, s)); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
