package main

import (
	"encoding/json"
	"log"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// First-level divisions come from @countrystatecity/countries, which gives
// each its name, type ("region", "province"), ISO 3166-2 code and, for all
// but a few, coordinates. The older countries-states-cities package of the
// same database, which has no coordinates, still names the GeoNames admin1
// codes (see admin1Names), and the names it gave divisions ("Donetsk
// Oblast" for the newer "Donetska") are kept as alternate names.

// newDivision is one entry of a states.json of @countrystatecity/countries.
type newDivision struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	CountryCode string `json:"country_code"`
	ISO2        string `json:"iso2"`
	Type        string `json:"type"`
	Latitude    string `json:"latitude"`
	Longitude   string `json:"longitude"`
}

// oldState is one entry of the states.json of countries-states-cities.
type oldState struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	CountryCode string `json:"country_code"`
	StateCode   string `json:"state_code"`
}

// pt is a city of either package: its coordinates and the id of its division.
type pt struct {
	lat, lon float64
	state    int
}

// divisionPackage is what gen reads from @countrystatecity/countries.
type divisionPackage struct {
	states  []newDivision // by id
	cities  map[string][]pt
	byState map[int][]pt
}

// oldPackage is what gen reads from countries-states-cities.
type oldPackage struct {
	states  []oldState
	byState map[int][]pt
	grid    map[[3]int][]pt // country, lat cell, lon cell; see cell
	// name is the admin1 name of each state: that of the division it was
	// matched to, else its own.
	name map[int]string
}

// cityCoords parses a city's coordinates.
func cityCoords(lat, lon string) (float64, float64, bool) {
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return 0, 0, false
	}
	return la, lo, true
}

// readDivisionPackage reads the states.json of every country and the
// cities.json of every division in @countrystatecity/countries.
func readDivisionPackage(dir string) *divisionPackage {
	const root = "package/dist/data/"
	p := &divisionPackage{cities: map[string][]pt{}, byState: map[int][]pt{}}
	keep := func(name string) bool {
		rel, ok := strings.CutPrefix(name, root)
		n := strings.Count(rel, "/")
		return ok && (n == 1 && strings.HasSuffix(rel, "/states.json") || n == 2 && strings.HasSuffix(rel, "/cities.json"))
	}
	walk(dir, pkgDivisions, keep, func(name string, b []byte) {
		if strings.HasSuffix(name, "/states.json") {
			var ss []newDivision
			if err := json.Unmarshal(b, &ss); err != nil {
				log.Fatalf("%s %s: %v", pkgDivisions, name, err)
			}
			p.states = append(p.states, ss...)
			return
		}
		var cs []cityRow
		if err := json.Unmarshal(b, &cs); err != nil {
			log.Fatalf("%s %s: %v", pkgDivisions, name, err)
		}
		for _, c := range cs {
			if lat, lon, ok := cityCoords(c.Latitude, c.Longitude); ok {
				q := pt{lat, lon, c.StateID}
				p.cities[c.CountryCode] = append(p.cities[c.CountryCode], q)
				p.byState[c.StateID] = append(p.byState[c.StateID], q)
			}
		}
	})
	if len(p.states) == 0 {
		log.Fatalf("%s: no states.json", pkgDivisions)
	}
	sort.Slice(p.states, func(i, j int) bool { return p.states[i].ID < p.states[j].ID })
	return p
}

// cityRow is a city of either package, as far as divisions need it.
type cityRow struct {
	StateID     int    `json:"state_id"`
	CountryCode string `json:"country_code"`
	Latitude    string `json:"latitude"`
	Longitude   string `json:"longitude"`
}

// cell is the key of the grid of old cities: a country and a cell of a
// fifth of a degree.
func cell(cc string, lat, lon float64) [3]int {
	return [3]int{int(cc[0])<<8 | int(cc[1]), int(math.Floor(lat * 5)), int(math.Floor(lon * 5))}
}

// readOldStates reads the states and cities of countries-states-cities.
func readOldStates(statesJSON, citiesJSON []byte) *oldPackage {
	o := &oldPackage{byState: map[int][]pt{}, grid: map[[3]int][]pt{}, name: map[int]string{}}
	if err := json.Unmarshal(statesJSON, &o.states); err != nil {
		log.Fatalf("%s states: %v", pkgStates, err)
	}
	for _, s := range o.states {
		o.name[s.ID] = s.Name
	}
	var cities []cityRow
	if err := json.Unmarshal(citiesJSON, &cities); err != nil {
		log.Fatalf("%s cities: %v", pkgStates, err)
	}
	for _, c := range cities {
		lat, lon, ok := cityCoords(c.Latitude, c.Longitude)
		if !ok || len(c.CountryCode) != 2 {
			continue
		}
		p := pt{lat, lon, c.StateID}
		o.byState[c.StateID] = append(o.byState[c.StateID], p)
		k := cell(c.CountryCode, lat, lon)
		o.grid[k] = append(o.grid[k], p)
	}
	return o
}

// lowerLevel names, for countries whose division list mixes two levels,
// the types of the second level, which gen codes ADM2. Listed are only
// countries where ISO 3166-2 makes these types parts of the others and
// GeoNames' admin1 codes are the others (checked against the number of
// codes in cities500): Italy's provinces lie in its regions, Britain's
// counties and council areas in England, Scotland, Wales and Northern
// Ireland, Ireland's counties in its provinces, France's departments in
// its regions, Spain's provinces in its autonomous communities, and so on.
// Elsewhere every division is ADM1.
var lowerLevel = map[string][]string{
	"BD": {"district"},
	"BE": {"province"},
	"BF": {"province"},
	"CZ": {"district"},
	"EE": {"rural municipality", "urban municipality"},
	"ES": {"province"},
	"FJ": {"province"},
	"FR": {"metropolitan department", "European collectivity", "metropolitan collectivity with special status"},
	"GB": {"council area", "district", "london borough", "metropolitan district", "unitary authority", "two-tier county", "city"},
	"GN": {"prefecture"},
	"GR": {"regional unit"},
	"HU": {"city with county rights"},
	"IE": {"county"},
	"IS": {"municipality"},
	"IT": {"province", "metropolitan city", "free municipal consortium", "decentralized regional entity", "autonomous province"},
	"LK": {"district"},
	"LT": {"district municipality", "municipality", "city municipality"},
	"MA": {"prefecture", "province"},
	"MW": {"district"},
	"PH": {"province"},
	"UG": {"district", "city"},
}

// featureCode is ADM2 for a division of a type lowerLevel lists for its
// country, else ADM1.
func featureCode(d *newDivision) string {
	for _, t := range lowerLevel[d.CountryCode] {
		if d.Type == t {
			return "ADM2"
		}
	}
	return "ADM1"
}

// divisions makes the division records: one for each division of
// @countrystatecity/countries that has coordinates or cities to place it,
// and one for each state of countries-states-cities that matches none of
// them and has cities. It sets old.name to the names they are given.
func divisions(p *divisionPackage, old *oldPackage, alpha3 map[string]string, countries []*record, gn []*gnPlace, taken map[string][]string, demonym map[string]bool) []*record {
	where := newLocator(gn, countries)
	// Divisions of the old package that had cities were in the gazetteer
	// under their old names, which others should not take either.
	oldTaken := map[string][]string{}
	for _, s := range old.states {
		if k := nameKey(s.Name); len(old.byState[s.ID]) > 0 && !contains(oldTaken[k], alpha3[s.CountryCode]) {
			oldTaken[k] = append(oldTaken[k], alpha3[s.CountryCode])
		}
	}
	takenAbroad := func(name, cc string) bool {
		k := nameKey(name)
		for _, cs := range [][]string{taken[k], oldTaken[k]} {
			for _, c := range cs {
				if c != cc {
					return true
				}
			}
		}
		return false
	}
	countryName := map[string][]*record{}
	for _, c := range countries {
		countryName[nameKey(c.name)] = append(countryName[nameKey(c.name)], c)
		for _, a := range c.alts {
			countryName[nameKey(a)] = append(countryName[nameKey(a)], c)
		}
	}
	olds := matchOld(p, old)
	var n struct {
		total, noCountry, pkgCoords, outside, median, none, abroad, twice, adm2, oldKept, oldNone int
		former, typed, noCities, recovered                                                        int
	}
	n.total = len(p.states)
	var recs []*record
	matched := map[int]bool{}
	for i := range p.states {
		d := &p.states[i]
		cc := alpha3[d.CountryCode]
		if cc == "" {
			n.noCountry++
			continue
		}
		for _, o := range olds[d.ID] {
			matched[o.ID] = true
		}
		name, alts, oldNames, why := nameDivision(d, cc, olds[d.ID], old, countryName, takenAbroad, demonym)
		switch why {
		case "country":
			n.twice++
			continue
		case "former":
			n.former++
		case "typed":
			n.typed++
		}
		lat, lon, how := placeDivision(d, cc, p, old, olds[d.ID], where)
		switch how {
		case "":
			log.Printf("note: %s %s %q has no coordinates or cities; left out", d.CountryCode, d.Type, d.Name)
			n.none++
			continue
		case "abroad":
			n.abroad++
			continue
		case "package":
			n.pkgCoords++
		case "outside":
			n.outside++
		case "median":
			n.median++
		}
		r := &record{
			name: name, country: cc, lat: lat, lon: lon,
			class: "A", code: featureCode(d), alts: alts, olds: oldNames,
		}
		if r.code == "ADM2" {
			n.adm2++
		}
		if len(p.byState[d.ID]) == 0 {
			n.noCities++
		}
		recs = append(recs, r)
		for _, o := range olds[d.ID] {
			old.name[o.ID] = name
			if len(old.byState[o.ID]) == 0 {
				n.recovered++
			}
		}
	}
	for _, s := range old.states {
		cc := alpha3[s.CountryCode]
		pts := old.byState[s.ID]
		if matched[s.ID] || cc == "" {
			continue
		}
		if len(pts) == 0 {
			n.oldNone++
			continue
		}
		lat, lon := medianOf(pts)
		recs = append(recs, &record{name: s.Name, country: cc, lat: lat, lon: lon, class: "A", code: "ADM1"})
		n.oldKept++
	}
	log.Printf("divisions: %d in %s: %d placed by their coordinates, %d by the median of their cities as their coordinates lie outside them, %d by the median of their cities as they have no coordinates; %d left out for want of either, %d as their coordinates lie in another country and they have no cities, %d as countries, %d of no known country; %d of those kept ADM2",
		n.total, pkgDivisions, n.pkgCoords, n.outside, n.median, n.none, n.abroad, n.twice, n.noCountry, n.adm2)
	log.Printf("divisions: %d of those kept have no cities in %s; %d states of %s without cities match one kept", n.noCities, pkgDivisions, n.recovered, pkgStates)
	log.Printf("divisions: %d named by their old names and %d by name and type, as other places have their new names", n.former, n.typed)
	log.Printf("divisions: %d of %d in %s match none of those: %d kept, placed by the median of their cities, %d left out for want of cities",
		n.oldKept+n.oldNone, len(old.states), pkgStates, n.oldKept, n.oldNone)
	return recs
}

// nameDivision returns the name of division d, of country cc, its
// alternate names, its former names to keep unfiltered (see record.olds),
// and why it has that name: "" the package's own,
// "former" a former name, "typed" the package's name and its type, or
// "country" none, as it is a country.
//
// Its former names are those the old package gave the states matched to
// it. A division the old package placed by its cities under the package's
// name keeps it: it was in the gazetteer so. Otherwise:
//   - A division named as a country, such as Taiwan as a province of China
//     or Guam as an outlying area of the United States, lists one place
//     twice: the country record stands for it, and the division takes a
//     former name that is not a country's, or, if named as an independent
//     country other than its own, its type ("Luxembourg Province" of
//     Belgium), or is left out.
//   - A division named with compass words alone ("Central", "North West"),
//     with a country's demonym ("Somali"), or with a name that a place of
//     another country, a hand-written region or, under its former name,
//     another country's division has (taken reports those), would change
//     what that name finds: it takes its former name or its type, and the
//     name is an alternate, but for compass words and demonyms. Liberia's
//     Maryland is "Maryland County", Burkina Faso's Sahel "Sahel Region",
//     Uganda's Central "Central Region", Ethiopia's Somali "Somali Region".
func nameDivision(d *newDivision, cc string, matched []*oldState, old *oldPackage, countryName map[string][]*record, taken func(name, cc string) bool, demonym map[string]bool) (string, []string, []string, string) {
	name, alts := cleanName(d)
	// The names the old package gave the states matched to d: first those
	// it placed by their cities, which were in the gazetteer and stay
	// there unfiltered, then the others, but for countries' names.
	placed := map[string]bool{}
	for _, o := range matched {
		placed[o.Name] = placed[o.Name] || len(old.byState[o.ID]) > 0
	}
	var former []string
	for _, p := range []bool{true, false} {
		for _, o := range matched {
			if placed[o.Name] == p && o.Name != name && !contains(former, o.Name) && (p || countryName[nameKey(o.Name)] == nil) {
				former = append(former, o.Name)
			}
		}
	}
	// named returns primary, with the former names other than it as
	// alternates and olds.
	named := func(primary, why string) (string, []string, []string, string) {
		var olds []string
		for _, f := range former {
			switch {
			case f == primary:
			case placed[f]:
				olds = append(olds, f)
			default:
				alts = append(alts, f)
			}
		}
		return primary, alts, olds, why
	}
	if placed[name] {
		return named(name, "")
	}
	// The English name the old package gave a division it placed stays
	// primary ("Donetsk Oblast", "Hesse", not "Donetska", "Hessen"); the
	// package's own name becomes an alternate where it takes no other
	// place's name. Where the old name only adds the type ("Tillabéri
	// Region", "Cauca Department"), the shorter new one is kept.
	if len(former) > 0 && placed[former[0]] && countryName[nameKey(name)] == nil && !strings.HasPrefix(former[0], name+" ") {
		if !compass(name) && !demonym[nameKey(name)] && !taken(name, cc) {
			alts = append(alts, name)
		}
		return named(former[0], "former")
	}
	cs := countryName[nameKey(name)]
	if cs == nil {
		// "La Réunion" is world-countries' "Réunion".
		for _, a := range []string{"La ", "Le ", "Les ", "The "} {
			if rest, ok := strings.CutPrefix(name, a); ok {
				cs = countryName[nameKey(rest)]
			}
		}
	}
	if cs != nil {
		namesake := d.Type != ""
		for _, c := range cs {
			namesake = namesake && c.code == "PCLI" && c.country != cc
		}
		switch {
		case len(former) > 0:
			log.Printf("note: %s %s %q is a country's name; named %q", d.CountryCode, d.Type, name, former[0])
			return named(former[0], "former")
		case namesake:
			log.Printf("note: %s %s %q is a country's name; named %q", d.CountryCode, d.Type, name, name+" "+typeName(d.Type))
			return named(name+" "+typeName(d.Type), "typed")
		}
		log.Printf("note: %s %s %q is a country's name; left out", d.CountryCode, d.Type, name)
		return "", nil, nil, "country"
	}
	c, dem := compass(name), demonym[nameKey(name)]
	if !c && !dem && !taken(name, cc) {
		return named(name, "")
	}
	if !c && !dem {
		alts = append(alts, name)
	}
	switch {
	case len(former) > 0:
		return named(former[0], "former")
	case d.Type != "":
		return named(name+" "+typeName(d.Type), "typed")
	}
	return named(name, "")
}

// placeDivision returns the coordinates of d, of country cc, and how they
// were found: "package", its own; "outside", the median of its cities, as
// its own lie outside them; "median", the median of its cities, as it has
// none; "abroad", none, as its own lie in another country and it has no
// cities; "", none found.
//
// A division's own coordinates lie in another country when GeoNames has a
// place of another independent country within 150 km of them and none of
// its own: @countrystatecity/countries puts Fiji's Ba province in
// Oklahoma. They lie outside the division when it has three cities or
// more, none of them is among the five cities of the country nearest those
// coordinates, and those are more than 100 km from the median of its
// cities: the package puts Donetsk Oblast at Kyiv.
func placeDivision(d *newDivision, cc string, p *divisionPackage, old *oldPackage, olds []*oldState, where *locator) (float64, float64, string) {
	own := p.byState[d.ID]
	if len(own) == 0 {
		for _, o := range olds {
			own = append(own, old.byState[o.ID]...)
		}
	}
	lat, lon, ok := cityCoords(d.Latitude, d.Longitude)
	switch {
	case !ok:
		if len(own) == 0 {
			return 0, 0, ""
		}
		lat, lon := medianOf(own)
		return lat, lon, "median"
	case where.abroad(lat, lon, cc):
		if len(own) == 0 {
			log.Printf("note: %s %q: coordinates %.2f,%.2f lie in another country, and it has no cities; left out", d.CountryCode, d.Name, lat, lon)
			return 0, 0, "abroad"
		}
		mlat, mlon := medianOf(own)
		log.Printf("note: %s %q: coordinates %.2f,%.2f lie in another country; placed at the median of its cities %.2f,%.2f", d.CountryCode, d.Name, lat, lon, mlat, mlon)
		return mlat, mlon, "outside"
	case len(p.byState[d.ID]) >= 3 && !nearOwn(lat, lon, d.ID, p.cities[d.CountryCode]):
		mlat, mlon := medianOf(p.byState[d.ID])
		if km := distance(lat, lon, mlat, mlon); km > 100 {
			log.Printf("note: %s %q: coordinates %.2f,%.2f lie %.0f km from its cities; placed at their median %.2f,%.2f", d.CountryCode, d.Name, lat, lon, km, mlat, mlon)
			return mlat, mlon, "outside"
		}
	}
	return lat, lon, "package"
}

// locator tells in which countries GeoNames has places near a point.
type locator struct {
	grid        map[[2]int][]*gnPlace // by whole degree of latitude and longitude
	independent map[string]bool       // alpha-3 codes of PCLI countries
}

func newLocator(gn []*gnPlace, countries []*record) *locator {
	l := &locator{grid: map[[2]int][]*gnPlace{}, independent: map[string]bool{}}
	for _, g := range gn {
		k := [2]int{int(math.Floor(g.lat)), int(math.Floor(g.lon))}
		l.grid[k] = append(l.grid[k], g)
	}
	for _, c := range countries {
		if c.code == "PCLI" {
			l.independent[c.country] = true
		}
	}
	return l
}

// abroad reports whether GeoNames has a place of an independent country
// other than cc within 150 km of lat, lon, and none of cc.
func (l *locator) abroad(lat, lon float64, cc string) bool {
	const km = 150
	other := false
	dy := 2
	dx := 2
	if c := math.Cos(lat * math.Pi / 180); c > 0.01 {
		dx = min(180, int(math.Ceil(1.5/c))+1)
	} else {
		dx = 180
	}
	y0, x0 := int(math.Floor(lat)), int(math.Floor(lon))
	for y := y0 - dy; y <= y0+dy; y++ {
		for x := x0 - dx; x <= x0+dx; x++ {
			xx := ((x+180)%360+360)%360 - 180
			for _, g := range l.grid[[2]int{y, xx}] {
				if distance(lat, lon, g.lat, g.lon) > km {
					continue
				}
				if g.country == cc {
					return false
				}
				if l.independent[g.country] {
					other = true
				}
			}
		}
	}
	return other
}

// nearOwn reports whether one of the five cities nearest lat, lon is in
// division id.
func nearOwn(lat, lon float64, id int, cities []pt) bool {
	const k = 5
	var best [k]struct {
		d     float64
		state int
	}
	n := 0
	cos := math.Cos(lat * math.Pi / 180)
	for _, c := range cities {
		dlat, dlon := c.lat-lat, math.Remainder(c.lon-lon, 360)*cos
		d := dlat*dlat + dlon*dlon
		if n == k && d >= best[k-1].d {
			continue
		}
		i := n
		if n < k {
			n++
		} else {
			i = k - 1
		}
		for ; i > 0 && best[i-1].d > d; i-- {
			best[i] = best[i-1]
		}
		best[i].d, best[i].state = d, c.state
	}
	for _, b := range best[:n] {
		if b.state == id {
			return true
		}
	}
	return false
}

// distance is the great-circle distance in km.
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = math.Pi / 180
	h := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 2 * 6371 * math.Asin(math.Sqrt(math.Min(1, h)))
}

func medianOf(pts []pt) (float64, float64) {
	lats := make([]float64, len(pts))
	lons := make([]float64, len(pts))
	for i, p := range pts {
		lats[i], lons[i] = p.lat, p.lon
	}
	return median(lats), median(lons)
}

// cleanName returns the name of a division and alternate names from it. A
// trailing parenthesis is cut off and, unless a note on Western Sahara
// ("EH-partial"), kept as an alternate: "Nicosia (Lefkoşa)".
func cleanName(d *newDivision) (string, []string) {
	name := strings.Join(strings.Fields(d.Name), " ")
	var alts []string
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		inner := strings.TrimSpace(name[i+2 : len(name)-1])
		name = strings.TrimSpace(name[:i])
		if inner != "" && !strings.HasPrefix(inner, "EH") {
			alts = append(alts, inner)
		}
	}
	return name, alts
}

var compassWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
	"central": true, "centre": true, "center": true, "far": true,
	"upper": true, "lower": true, "middle": true,
}

// compass reports whether name is made of compass words only.
func compass(name string) bool {
	ws := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '-' })
	for _, w := range ws {
		if !compassWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

// typeName is the type of a division as added to its name: "Region",
// "Department" for a French "metropolitan department", "County" for an
// English "two-tier county", "Collectivity" for Paris.
func typeName(t string) string {
	t, _, _ = strings.Cut(t, " with ")
	for _, p := range []string{"metropolitan ", "two-tier "} {
		if rest, ok := strings.CutPrefix(t, p); ok && rest != "city" {
			t = rest
		}
	}
	return titleCase(t)
}

func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		ws[i] = string(rs)
	}
	return strings.Join(ws, " ")
}

// nameKey folds a name for comparing with country names: lower case,
// accents stripped, hyphens as spaces.
func nameKey(s string) string {
	s = strings.ToLower(stripAccents(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }), " ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// matchOld matches the states of countries-states-cities to the divisions
// of @countrystatecity/countries, by id of the database, code and name,
// and returns the states matched to each division id. Ids alone do not
// do: the database has given some old ids to other divisions (the old
// Andalusia is now Sevilla). A state matches, in this order,
//  1. the division of its id in its country, if their names are alike or
//     their codes the same (and their cities not far apart);
//  2. else the only division of its country whose name is the same, but
//     for accents and words such as "Province";
//  3. else the only division of its country not yet matched whose code is
//     the same and whose name is alike.
func matchOld(p *divisionPackage, old *oldPackage) map[int][]*oldState {
	byID := map[int]*newDivision{}
	byCC := map[string][]*newDivision{}
	base := map[int]string{}
	for i := range p.states {
		d := &p.states[i]
		byID[d.ID] = d
		byCC[d.CountryCode] = append(byCC[d.CountryCode], d)
		base[d.ID] = baseName(d.Name)
	}
	to := map[int]*newDivision{} // old id to division
	taken := map[int]bool{}
	for i := range old.states {
		o := &old.states[i]
		d := byID[o.ID]
		if d == nil || d.CountryCode != o.CountryCode {
			continue
		}
		if alike(baseName(o.Name), base[d.ID]) || o.StateCode != "" && o.StateCode == d.ISO2 && near(old.byState[o.ID], p.byState[d.ID]) {
			to[o.ID], taken[d.ID] = d, true
		}
	}
	for i := range old.states {
		o := &old.states[i]
		if to[o.ID] != nil {
			continue
		}
		var only *newDivision
		n := 0
		b := baseName(o.Name)
		for _, d := range byCC[o.CountryCode] {
			if base[d.ID] == b {
				only = d
				n++
			}
		}
		if n == 1 {
			to[o.ID], taken[only.ID] = only, true
		}
	}
	for i := range old.states {
		o := &old.states[i]
		if to[o.ID] != nil || o.StateCode == "" {
			continue
		}
		var only *newDivision
		n := 0
		b := baseName(o.Name)
		for _, d := range byCC[o.CountryCode] {
			if !taken[d.ID] && d.ISO2 == o.StateCode && (alike(b, base[d.ID]) || similarity(b, base[d.ID]) >= 0.6) {
				only = d
				n++
			}
		}
		if n == 1 {
			to[o.ID], taken[only.ID] = only, true
		}
	}
	out := map[int][]*oldState{}
	for i := range old.states {
		o := &old.states[i]
		if d := to[o.ID]; d != nil {
			out[d.ID] = append(out[d.ID], o)
		}
	}
	return out
}

// near reports whether two sets of cities have medians within 150 km of
// each other, or either is empty.
func near(a, b []pt) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	alat, alon := medianOf(a)
	blat, blon := medianOf(b)
	return distance(alat, alon, blat, blon) <= 150
}

// generic words of division names, dropped by baseName.
var generic = map[string]bool{
	"province": true, "region": true, "district": true, "county": true, "oblast": true,
	"governorate": true, "department": true, "state": true, "municipality": true,
	"voivodeship": true, "prefecture": true, "division": true, "parish": true,
	"krai": true, "kraj": true, "republic": true, "territory": true, "emirate": true,
	"canton": true, "okrug": true,
}

// baseName is a division name for matching: lower case, accents stripped,
// punctuation as spaces, without a leading "Province of" or trailing
// "Province", "Region" and the like.
func baseName(s string) string {
	s = strings.ToLower(stripAccents(s))
	s = strings.NewReplacer("'", "", "’", "").Replace(s)
	ws := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(ws) > 2 && generic[ws[0]] && ws[1] == "of" {
		ws = ws[2:]
		if len(ws) > 1 && ws[0] == "the" {
			ws = ws[1:]
		}
	}
	for len(ws) > 1 && generic[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// alike reports whether two base names are the same or the words of one
// are a run of the words of the other: "cuanza sul" and "cuanza".
func alike(a, b string) bool {
	return a == b || strings.Contains(" "+a+" ", " "+b+" ") || strings.Contains(" "+b+" ", " "+a+" ")
}

// similarity is 1 less the edit distance of a and b over the longer's
// length, in runes.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}

// admin1Names names the GeoNames admin1 codes ("UA.14") by a majority vote
// of the countries-states-cities city nearest each GeoNames place, within
// about 15 km: the code takes the name given to that city's state, if more
// than half its places vote for it.
func admin1Names(old *oldPackage, gn []*gnPlace) map[string]string {
	votes := map[string]map[int]int{}
	for _, g := range gn {
		best, bestD := -1, 0.15*0.15 // about 15 km
		c := cell(g.cc2, g.lat, g.lon)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				for _, p := range old.grid[[3]int{c[0], c[1] + dy, c[2] + dx}] {
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
			names[key] = old.name[best]
		}
	}
	return names
}
