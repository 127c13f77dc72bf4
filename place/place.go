package place

import (
	_ "embed" // the data
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./gen -out data/places.tsv -minor data/minor/places.tsv -aliases gen/aliases.tsv
//go:generate go test -run ^TestMinorIndex$ -update

// The embedded data, a string a file, so that Default parses it where it
// lies instead of copying it to the heap first; embedded lists the files
// in the order Load would read them from the directory (a test checks the
// lists against data/*.tsv and data/minor/*.tsv).
var (
	//go:embed data/places.tsv
	placesTSV string
	//go:embed data/regions.tsv
	regionsTSV string
	//go:embed data/minor/places.tsv
	minorPlacesTSV string
	// minorIndexTXT is the sorted index of the minor table's names,
	// generated from it (see minor_index_test.go).
	//go:embed data/minor/index.txt
	minorIndexTXT string
)

// embedded returns the names and texts of the embedded files, the main
// tables' and the minor tables', each in lexical order.
func embedded() (main, minor [][2]string) {
	return [][2]string{{"places.tsv", placesTSV}, {"regions.tsv", regionsTSV}},
		[][2]string{{minorDir + "/places.tsv", minorPlacesTSV}}
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
	// Minor is set for a place of the minor tables: a small town or a
	// district seat, found only by a name no place of the main tables has.
	Minor bool
}

// Gazetteer maps place names to places. It is safe for concurrent use.
type Gazetteer struct {
	table
	// The minor tables, the files minorFiles of minorFS or, for Default,
	// the embedded minorTexts (name and text), are read on the first
	// lookup of a name that the main tables lack, or by CheckMinor.
	minorFS    fs.FS
	minorFiles []string
	minorTexts [][2]string
	// minorIndex, for Default, is the sorted index of the embedded minor
	// table's names (data/minor/index.txt, less its header): lookups
	// search it and parse only the lines of the places they find, so
	// that the table is never loaded as a whole but by CheckMinor.
	minorIndex string
	minorOnce  sync.Once
	minor      table
	minorErr   error
}

// table is the places of one set of files, indexed by folded name.
type table struct {
	places []Place
	// index maps a folded name to the id (index into places) of its only
	// place, or to -(1+i) when its places, best first, are multi[i].
	index nameIndex
	multi [][]int32
	self  []int32 // self[i] == i, so that one id can be returned as a slice
}

// minorDir is the folder, in the file system handed to Load, of the minor
// tables.
const minorDir = "minor"

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
	minor  bool // the places are minor ones
}

// Load reads every *.tsv file at the root of fsys, in lexical order, the
// main tables, and returns the gazetteer they make. It reports every
// problem, up to a limit, as "place: FILE:LINE: message", joined into one
// error. The *.tsv files of the folder minor, if there is one, are the
// minor tables: their places are found only by names that no place of the
// main tables has. Load only lists them: they are read and parsed on the
// first lookup that needs them, and CheckMinor reports their problems.
func Load(fsys fs.FS) (*Gazetteer, error) {
	files, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("place: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("place: no *.tsv files to load")
	}
	l := loader{}
	if err := l.load(fsys, files); err != nil {
		return nil, err
	}
	g := &Gazetteer{table: l.table(), minorFS: fsys}
	if g.minorFiles, err = fs.Glob(fsys, minorDir+"/*.tsv"); err != nil {
		return nil, fmt.Errorf("place: %w", err)
	}
	return g, nil
}

// load parses the files of fsys into l and returns their problems,
// joined, or nil.
func (l *loader) load(fsys fs.FS, files []string) error {
	for _, file := range files {
		text, err := readFile(fsys, file)
		if err != nil {
			l.errs = append(l.errs, fmt.Errorf("place: %w", err))
			continue
		}
		if !l.add(file, text) {
			break
		}
	}
	return errors.Join(l.errs...)
}

// add parses the text of one file into l; it reports false when there
// are too many problems to go on.
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

// CheckMinor parses the minor tables now, if no lookup has yet, and
// returns their problems as Load does; a gazetteer whose minor tables
// have problems finds no minor place.
func (g *Gazetteer) CheckMinor() error {
	g.minorOnce.Do(g.loadMinor)
	return g.minorErr
}

// loadMinor parses the minor tables and lets their text go.
func (g *Gazetteer) loadMinor() {
	l := loader{minor: true}
	err := l.load(g.minorFS, g.minorFiles)
	for _, f := range g.minorTexts {
		if err != nil || !l.add(f[0], f[1]) {
			break
		}
	}
	if err != nil || len(l.errs) > 0 {
		g.minorErr = errors.Join(l.errs...)
	} else {
		g.minor = l.table()
	}
	g.minorFS, g.minorFiles, g.minorTexts = nil, nil, nil
}

// readFile returns the text of a file of fsys, copied once.
func readFile(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() < math.MaxInt32 {
		b.Grow(int(st.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return b.String(), nil
}

// Default returns the gazetteer embedded in the package. Each call parses
// the data anew; callers keep the result. Its places' strings are parts of
// the embedded data.
func Default() (*Gazetteer, error) {
	main, minor := embedded()
	var l loader
	for _, f := range main {
		if !l.add(f[0], f[1]) {
			break
		}
	}
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return &Gazetteer{table: l.table(), minorTexts: minor, minorIndex: minorIndexBody(minorIndexTXT)}, nil
}

// minorIndexBody returns the lines of an index file after its header of
// "#" lines.
func minorIndexBody(idx string) string {
	for strings.HasPrefix(idx, "#") {
		_, idx, _ = strings.Cut(idx, "\n")
	}
	return idx
}

// Lookup returns the places whose name or alternate name is name, ignoring
// case, best first: countries, then capitals, then the most populous. The
// caller owns the returned slice; it is nil when no place has that name.
func (g *Gazetteer) Lookup(name string) []Place {
	t, ids := g.find(name, true)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = t.places[id]
	}
	return out
}

// First returns the best place called name for which keep reports true,
// without copying the others.
func (g *Gazetteer) First(name string, keep func(*Place) bool) (Place, bool) {
	t, ids := g.find(name, true)
	for _, id := range ids {
		if p := &t.places[id]; keep(p) {
			return *p, true
		}
	}
	return Place{}, false
}

// Resolve picks the place a text most likely means by name, given the ISO
// alpha-3 codes of the countries the text is about, most salient first: the
// best place of that name in the first of those countries that has one, or
// else the best place of that name anywhere. It reports false when no place
// has that name. A minor place is found only where no place of the main
// tables has the name, whatever the countries.
func (g *Gazetteer) Resolve(name string, countries []string) (Place, bool) {
	return g.resolve(name, countries, true)
}

// ResolveMain is Resolve on the main tables alone: it never finds a
// minor place, and never reads the minor tables.
func (g *Gazetteer) ResolveMain(name string, countries []string) (Place, bool) {
	return g.resolve(name, countries, false)
}

// resolve is Resolve, on the minor tables too where minor is set.
func (g *Gazetteer) resolve(name string, countries []string, minor bool) (Place, bool) {
	t, ids := g.find(name, minor)
	if len(ids) == 0 {
		return Place{}, false
	}
	for _, c := range countries {
		for _, id := range ids {
			if t.places[id].CountryCode == c {
				return t.places[id], true
			}
		}
	}
	return t.places[ids[0]], true
}

// find returns the table that has places called name, the main one
// before the minor one (where minor is set), and their ids there, best
// first; the slice belongs to g or, for a minor place found by the index,
// to the caller.
func (g *Gazetteer) find(name string, minor bool) (*table, []int32) {
	var buf [64]byte
	key := fold(buf[:0], name)
	if ids := g.ids(key); len(ids) > 0 || !minor {
		return &g.table, ids
	}
	if g.minorIndex != "" {
		return g.indexedMinor(key)
	}
	g.minorOnce.Do(g.loadMinor)
	return &g.minor, g.minor.ids(key)
}

// indexedMinor returns a table of the embedded minor places whose folded
// name is key, parsed from their lines for this call, and their ids
// there, best first: it finds key's line, "key<TAB>offset,offset...", in
// the sorted index by bisection.
func (g *Gazetteer) indexedMinor(key []byte) (*table, []int32) {
	idx := g.minorIndex
	lo, hi := 0, len(idx) // lo and hi are at the starts of lines
	for lo < hi {
		start := strings.LastIndexByte(idx[:lo+(hi-lo)/2], '\n') + 1
		end := len(idx)
		if i := strings.IndexByte(idx[start:], '\n'); i >= 0 {
			end = start + i
		}
		k, offsets, _ := strings.Cut(idx[start:end], "\t")
		switch {
		case k < string(key):
			lo = end + 1
		case k > string(key):
			hi = start
		default:
			return parseMinorLines(offsets)
		}
	}
	return nil, nil
}

// parseMinorLines makes a table of the places of the lines of the
// embedded minor table at offsets, comma-separated byte offsets.
func parseMinorLines(offsets string) (*table, []int32) {
	t := &table{}
	var f [columns]string
	for offsets != "" {
		var o string
		o, offsets, _ = strings.Cut(offsets, ",")
		off, err := strconv.Atoi(o)
		if err != nil || off < 0 || off >= len(minorPlacesTSV) {
			continue
		}
		line := minorPlacesTSV[off:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if split(strings.TrimSuffix(line, "\r"), &f) != columns || f[0] == "" {
			continue
		}
		if p, msg := parsePlace(&f); msg == "" {
			p.Minor = true
			t.places = append(t.places, p)
			t.self = append(t.self, int32(len(t.self)))
		}
	}
	return t, t.self
}

// ids returns the ids of the places whose folded name is key, best first;
// the slice belongs to t.
func (t *table) ids(key []byte) []int32 {
	v, ok := t.index.get(key)
	switch {
	case !ok:
		return nil
	case v >= 0:
		return t.self[v : v+1]
	}
	return t.multi[-v-1]
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
		p.Minor = l.minor
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

// table builds the index of the places l has gathered.
func (l *loader) table() table {
	g := table{
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
func (g *table) sort(key []byte, ids []int32, buf []byte) []byte {
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
