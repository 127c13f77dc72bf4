package place

import (
	_ "embed" // the data
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./gen -out data/places.tsv -aliases gen/aliases.tsv

// The embedded data, a string a file, so that Default parses it where it
// lies instead of copying it to the heap first; embedded lists the files
// in the order Load would read them from the directory (a test checks the
// list against data/*.tsv).
var (
	//go:embed data/places.tsv
	placesTSV string
	//go:embed data/regions.tsv
	regionsTSV string
)

// embedded returns the embedded files' names and texts in lexical order.
func embedded() [][2]string {
	return [][2]string{{"places.tsv", placesTSV}, {"regions.tsv", regionsTSV}}
}

// Place is one entry of the gazetteer.
type Place struct {
	Name         string  // primary name
	CountryCode  string  // ISO 3166-1 alpha-3; empty for a place in no one country
	Admin1       string  // first-level division name; may be empty
	Lat, Lon     float64 // decimal degrees
	FeatureClass string  // GeoNames feature class: A, P, L, H, ...
	FeatureCode  string  // GeoNames feature code: PCLI, ADM1, PPLC, PPL, ...
	Population   int     // 0 when unknown
}

// Gazetteer maps place names to places. It is safe for concurrent use.
type Gazetteer struct {
	places []Place
	// index maps a folded name to the id (index into places) of its only
	// place, or to -(1+i) when its places, best first, are multi[i].
	index nameIndex
	multi [][]int32
	self  []int32 // self[i] == i, so that one id can be returned as a slice
}

// maxErrors is how many problems Load reports before it gives up.
const maxErrors = 20

// columns is the number of tab-separated fields on a data line.
const columns = 9

// name is a folded name of a place, as offsets into the key arena.
type name struct {
	start, end uint32
	id         int32
}

// loader holds what Load gathers before it builds the index.
type loader struct {
	places []Place
	names  []name
	keys   []byte // every folded name, back to back
	errs   []error
}

// Load reads every *.tsv file at the root of fsys, in lexical order, and
// returns the gazetteer they make. It reports every problem, up to a limit,
// as "place: FILE:LINE: message", joined into one error.
func Load(fsys fs.FS) (*Gazetteer, error) {
	files, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("place: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("place: no *.tsv files to load")
	}
	var l loader
	for _, file := range files {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			l.errs = append(l.errs, fmt.Errorf("place: %w", err))
			continue
		}
		if !l.add(path.Base(file), string(b)) {
			break
		}
	}
	return l.finish()
}

// Default returns the gazetteer embedded in the package. Each call parses
// the data anew; callers keep the result. Its places' strings are parts of
// the embedded data.
func Default() (*Gazetteer, error) {
	var l loader
	for _, f := range embedded() {
		if !l.add(f[0], f[1]) {
			break
		}
	}
	return l.finish()
}

// add parses the text of one file; it reports false when there are too
// many problems to go on.
func (l *loader) add(file, text string) bool {
	// Room for every line's place and names (its own and its
	// alternates, separated by "|"), so that the slices do not grow by
	// copying.
	lines := strings.Count(text, "\n")
	l.places = slices.Grow(l.places, lines)
	l.names = slices.Grow(l.names, 2*lines+strings.Count(text, "|"))
	l.keys = slices.Grow(l.keys, len(text))
	l.parse(file, text)
	if len(l.errs) >= maxErrors {
		l.errs = append(l.errs[:maxErrors], errors.New("place: too many errors, stopped"))
		return false
	}
	return true
}

// finish returns the gazetteer of what l has read, or its problems.
func (l *loader) finish() (*Gazetteer, error) {
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.gazetteer(), nil
}

// Lookup returns the places whose name or alternate name is name, ignoring
// case, best first: countries, then capitals, then the most populous. The
// caller owns the returned slice; it is nil when no place has that name.
func (g *Gazetteer) Lookup(name string) []Place {
	ids := g.ids(name)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.places[id]
	}
	return out
}

// First returns the best place called name for which keep reports true,
// without copying the others.
func (g *Gazetteer) First(name string, keep func(*Place) bool) (Place, bool) {
	for _, id := range g.ids(name) {
		if p := &g.places[id]; keep(p) {
			return *p, true
		}
	}
	return Place{}, false
}

// Resolve picks the place a text most likely means by name, given the ISO
// alpha-3 codes of the countries the text is about, most salient first: the
// best place of that name in the first of those countries that has one, or
// else the best place of that name anywhere. It reports false when no place
// has that name.
func (g *Gazetteer) Resolve(name string, countries []string) (Place, bool) {
	ids := g.ids(name)
	if len(ids) == 0 {
		return Place{}, false
	}
	for _, c := range countries {
		for _, id := range ids {
			if g.places[id].CountryCode == c {
				return g.places[id], true
			}
		}
	}
	return g.places[ids[0]], true
}

// ids returns the ids of the places called name, best first; the slice
// belongs to g.
func (g *Gazetteer) ids(name string) []int32 {
	var buf [64]byte
	v, ok := g.index.get(fold(buf[:0], name))
	switch {
	case !ok:
		return nil
	case v >= 0:
		return g.self[v : v+1]
	}
	return g.multi[-v-1]
}

// parse adds the places of one file, and its problems, to l.
func (l *loader) parse(file, text string) {
	bad := func(line int, msg string) {
		l.errs = append(l.errs, fmt.Errorf("place: %s:%d: %s", file, line, msg))
	}
	var f [columns]string
	for lineNo := 1; text != "" && len(l.errs) < maxErrors; lineNo++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if !utf8.ValidString(line) {
			bad(lineNo, "invalid UTF-8")
			continue
		}
		if n := split(line, &f); n != columns {
			bad(lineNo, fmt.Sprintf("%d columns, want %d tab-separated: name, country, admin1, lat, lon, class, code, population, alternates", n, columns))
			continue
		}
		// The primary name's key is made first: it is needed to tell
		// an empty name, and is kept for the index.
		start := len(l.keys)
		l.keys = fold(l.keys, f[0])
		if len(l.keys) == start {
			bad(lineNo, "empty name")
			continue
		}
		p, msg := parsePlace(&f)
		if msg == "" && len(l.places) >= math.MaxInt32 {
			msg = "too many places"
		}
		if msg != "" {
			l.keys = l.keys[:start]
			bad(lineNo, msg)
			continue
		}
		id := int32(len(l.places))
		l.places = append(l.places, p)
		l.names = append(l.names, name{uint32(start), uint32(len(l.keys)), id})
		for alts := f[8]; alts != ""; {
			var alt string
			alt, alts, _ = strings.Cut(alts, "|")
			l.addName(alt, id)
		}
	}
}

// parsePlace makes a place of the fields of one line, whose name is not
// empty, or says what is wrong with them.
func parsePlace(f *[columns]string) (Place, string) {
	p := Place{Name: f[0], CountryCode: f[1], Admin1: f[2], FeatureClass: f[5], FeatureCode: f[6]}
	if p.CountryCode != "" && !isUpper(p.CountryCode, 3) {
		return p, fmt.Sprintf("country %q is not an ISO 3166-1 alpha-3 code (three capital letters) or empty", p.CountryCode)
	}
	var err error
	if p.Lat, err = parseDegrees(f[3]); err != nil || !(p.Lat >= -90 && p.Lat <= 90) {
		return p, fmt.Sprintf("latitude %q is not a number from -90 to 90", f[3])
	}
	if p.Lon, err = parseDegrees(f[4]); err != nil || !(p.Lon >= -180 && p.Lon <= 180) {
		return p, fmt.Sprintf("longitude %q is not a number from -180 to 180", f[4])
	}
	if len(p.FeatureClass) != 1 || !strings.Contains("AHLPRSTUV", p.FeatureClass) {
		return p, fmt.Sprintf("feature class %q is not one of A H L P R S T U V", p.FeatureClass)
	}
	if p.FeatureCode == "" || !isUpperDigits(p.FeatureCode) {
		return p, fmt.Sprintf("feature code %q is not capital letters and digits", p.FeatureCode)
	}
	if f[7] != "" {
		if p.Population, err = strconv.Atoi(f[7]); err != nil || p.Population < 0 {
			return p, fmt.Sprintf("population %q is not a whole number of 0 or more", f[7])
		}
	}
	return p, ""
}

// parseDegrees parses a decimal number of degrees as strconv.ParseFloat
// does, and to the same float64. The data writes coordinates as plain
// decimals of a few digits ("-12.345"), which it reads itself, by the
// method ParseFloat uses for them: the digits make an integer m that a
// float64 holds exactly, and m/10^k, k < 23, is one correctly rounded
// division of exact values. Anything else goes to ParseFloat.
func parseDegrees(s string) (float64, error) {
	i := 0
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		i++
	}
	var m uint64
	start := i
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		m = m*10 + uint64(s[i]-'0')
	}
	digits, frac := i-start, 0
	if i < len(s) && s[i] == '.' {
		i++
		start = i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			m = m*10 + uint64(s[i]-'0')
		}
		frac = i - start
		digits += frac
	}
	// 15 digits stay below 2^52, and 10^22 is the largest power of ten
	// a float64 holds exactly.
	if i < len(s) || digits == 0 || digits > 15 || frac > 22 {
		return strconv.ParseFloat(s, 64)
	}
	f := float64(m)
	if neg {
		f = -f
	}
	if frac > 0 {
		pow := 1.0
		for range frac {
			pow *= 10
		}
		f /= pow
	}
	return f, nil
}

// addName files place id under the folded form of s, unless that is empty.
func (l *loader) addName(s string, id int32) {
	start := len(l.keys)
	l.keys = fold(l.keys, s)
	if len(l.keys) > start {
		l.names = append(l.names, name{uint32(start), uint32(len(l.keys)), id})
	}
}

// gazetteer builds the index of the places l has gathered.
func (l *loader) gazetteer() *Gazetteer {
	g := &Gazetteer{
		places: l.places,
		index:  newNameIndex(l.keys, len(l.names)),
		self:   make([]int32, len(l.places)),
	}
	var multiKeys []name // multiKeys[i] is the key of g.multi[i]
	for _, n := range l.names {
		v, added := g.index.entry(n.start, n.end, n.id)
		switch {
		case added, *v == n.id:
		case *v >= 0:
			g.multi = append(g.multi, []int32{*v, n.id})
			multiKeys = append(multiKeys, n)
			*v = -int32(len(g.multi))
		default:
			if m := g.multi[-*v-1]; m[len(m)-1] != n.id {
				g.multi[-*v-1] = append(m, n.id)
			}
		}
	}
	var buf []byte
	for i, k := range multiKeys {
		buf = g.sort(l.keys[k.start:k.end], g.multi[i], buf)
	}
	for i := range g.self {
		g.self[i] = int32(i)
	}
	return g
}

// sort orders the places filed under key best first: countries, capitals,
// then by population, then those whose primary name is key, then in file
// order. It returns buf, grown, for reuse.
func (g *Gazetteer) sort(key []byte, ids []int32, buf []byte) []byte {
	primary := make(map[int32]bool, len(ids))
	for _, id := range ids {
		buf = fold(buf[:0], g.places[id].Name)
		primary[id] = string(buf) == string(key)
	}
	slices.SortStableFunc(ids, func(a, b int32) int {
		pa, pb := &g.places[a], &g.places[b]
		if d := tier(pb) - tier(pa); d != 0 {
			return d
		}
		if pa.Population != pb.Population {
			if pa.Population > pb.Population {
				return -1
			}
			return 1
		}
		switch {
		case primary[a] && !primary[b]:
			return -1
		case primary[b] && !primary[a]:
			return 1
		}
		return 0
	})
	return buf
}

// tier ranks countries above capitals above everything else.
func tier(p *Place) int {
	switch {
	case p.FeatureClass == "A" && strings.HasPrefix(p.FeatureCode, "PCL"):
		return 2
	case p.FeatureCode == "PPLC":
		return 1
	}
	return 0
}

// split cuts line at tabs into f and returns the number of fields, which
// may exceed len(f).
func split(line string, f *[columns]string) int {
	n := 0
	for {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			if n < columns {
				f[n] = line
			}
			return n + 1
		}
		if n < columns {
			f[n] = line[:i]
		}
		n++
		line = line[i+1:]
	}
}

// fold appends to dst the lookup key of name and returns it: lower case,
// spaces trimmed and runs of white space made one space, typographic
// apostrophes made ASCII, and a leading "the " removed.
func fold(dst []byte, name string) []byte {
	start := len(dst)
	// Most names are ASCII words with one space between them, which
	// need only be lowered: copy the name, then lower it in place until
	// a byte asks for more, and fold the rest of the name rune by rune.
	dst = append(dst, name...)
	key := dst[start:]
	for i, c := range key {
		switch {
		case c-'A' < 26:
			key[i] = c + 'a' - 'A'
		case c > ' ' && c < utf8.RuneSelf:
		case c == ' ' && i > 0 && key[i-1] != ' ' && i < len(key)-1:
		default:
			// A space just kept is made again, if it has a word
			// after it, by foldRunes.
			j, space := i, false
			if i > 0 && key[i-1] == ' ' {
				j, space = i-1, true
			}
			return trimThe(foldRunes(dst[:start+j], start, name[i:], space), start)
		}
	}
	return trimThe(dst, start)
}

// trimThe removes "the " from the start of the key that begins at
// dst[start].
func trimThe(dst []byte, start int) []byte {
	if key := dst[start:]; len(key) > 4 && string(key[:4]) == "the " {
		dst = append(dst[:start], key[4:]...)
	}
	return dst
}

// foldRunes is fold, but for "the ", for the rest of a name, decoded rune
// by rune: the key being made starts at dst[start], and space is set when
// white space has been read after some of it.
func foldRunes(dst []byte, start int, name string, space bool) []byte {
	for _, r := range name {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0':
			space = len(dst) > start
			continue
		case '\u2019', '\u2018', '\u02bc':
			r = '\''
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		switch {
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

func isUpper(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isUpperDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}
