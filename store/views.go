package store

// Views: the read-only queries behind dyad's web pages and HTTP API (pages
// of events, the series of a dyad or an actor, an actor's partners, map
// points, document lists and the reports that share an event). They are
// written against the schema of migrate.go and run on both backends.

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dyad/plover"
)

// Page returns the events f selects from where at says, at most f.Limit
// of them (50 when f.Limit is not positive), in f.Sort's order, and where
// the next page starts (nil on the last page). A Cursor with only an
// Offset starts at that event; one from an earlier page's next (or from
// ParseCursor) in date order (date, -date or no sort) starts after the
// event it ends at, so a deep page costs what the first one does, and an
// event stored meanwhile shifts no page.
func (s *DB) Page(ctx context.Context, f Filter, at Cursor) ([]Row, *Cursor, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	keyset := f.Sort == "" || f.Sort == "date" || f.Sort == "-date"
	if at.key != nil && !keyset {
		return nil, nil, &FilterError{"cursor", at.String(), "is a cursor of a list in date order; ask again without it"}
	}
	query, args, err := pageQuery(f, at)
	if err != nil {
		return nil, nil, fmt.Errorf("store: page: %w", err)
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: page: %w", err)
	}
	defer rows.Close()
	var out []Row
	var last pageKey
	var rec string // the driver's own: the decoded event may keep parts of it
	for rows.Next() {
		if len(out) == f.Limit {
			// The extra row says that more follow.
			next := &Cursor{Offset: max(0, at.Offset) + f.Limit}
			if keyset {
				next.key = &last
			}
			return out, next, nil
		}
		var r Row
		if err := rows.Scan(&rec, &r.Source, &r.Title, &r.Published, &r.Cluster, &r.Mentions, &r.Sources, &last.date, &last.doc, &last.ord); err != nil {
			return nil, nil, fmt.Errorf("store: page: %w", err)
		}
		if err := decodeEvent(rec, &r.Event); err != nil {
			return nil, nil, fmt.Errorf("store: page: stored event: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: page: %w", err)
	}
	return out, nil, nil
}

// pageQuery returns the query of Page and its arguments: f.Limit+1 events
// after at's key, or from its offset when it has none.
func pageQuery(f Filter, at Cursor) (string, []any, error) {
	w, args := where(f)
	ord, err := order(f.Sort)
	if err != nil {
		return "", nil, err
	}
	offset := max(0, at.Offset)
	if k := at.key; k != nil {
		cmp := ">"
		if f.Sort == "-date" {
			cmp = "<"
		}
		cond := "(e.date, e.doc_id, e.ord) " + cmp + " (?, ?, ?)"
		if w == "" {
			w = " WHERE " + cond
		} else {
			w += " AND " + cond
		}
		args = append(args, k.date, k.doc, k.ord)
		offset = 0
	}
	if offset > 0 && (f.Sort == "" || f.Sort == "date" || f.Sort == "-date") {
		// The events passed over are found by the date index alone (and
		// their filters' columns); only the page's are read whole and
		// joined with their documents and clusters.
		return "SELECT " + rowColumns + ", e.date, e.doc_id, e.ord" +
			" FROM (SELECT e.doc_id, e.ord FROM events e" + w + ord + " LIMIT " + strconv.Itoa(f.Limit+1) + " OFFSET " + strconv.Itoa(offset) + ") k" +
			" JOIN events e ON e.doc_id = k.doc_id AND e.ord = k.ord JOIN documents d ON d.id = e.doc_id" + joinClusters +
			ord, args, nil
	}
	return "SELECT " + rowColumns + ", e.date, e.doc_id, e.ord" +
		fromEventsByDay + w + ord + " LIMIT " + strconv.Itoa(f.Limit+1) + " OFFSET " + strconv.Itoa(offset), args, nil
}

// pageKey is where an event stands in date order.
type pageKey struct {
	date, doc string
	ord       int
}

// Cursor is where a page of events starts: Offset events into the list
// and, for a page that follows another in date order, after the event that
// page ended with.
type Cursor struct {
	Offset int
	key    *pageKey
}

// String encodes c for a URL: "o" and the offset, then the key's fields
// when it has one, separated by NULs, in unpadded URL-safe base64.
func (c Cursor) String() string {
	raw := "o\x00" + strconv.Itoa(c.Offset)
	if k := c.key; k != nil {
		raw += "\x00" + k.date + "\x00" + k.doc + "\x00" + strconv.Itoa(k.ord)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor decodes what Cursor.String encoded; anything else is a
// *FilterError.
func ParseCursor(v string) (Cursor, error) {
	bad := &FilterError{"cursor", v, "want the cursor of a page's next link, unchanged"}
	raw, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return Cursor{}, bad
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 2 && len(parts) != 5 || parts[0] != "o" {
		return Cursor{}, bad
	}
	var c Cursor
	if c.Offset, err = strconv.Atoi(parts[1]); err != nil || c.Offset < 0 {
		return Cursor{}, bad
	}
	if len(parts) == 5 {
		ord, err := strconv.Atoi(parts[4])
		if err != nil || ord < 0 {
			return Cursor{}, bad
		}
		c.key = &pageKey{date: parts[2], doc: parts[3], ord: ord}
	}
	return c, nil
}

// scanRows runs a query whose columns are those of Each and returns the rows.
func (s *DB) scanRows(ctx context.Context, query string, args ...any) ([]Row, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	var rec string // the driver's own: the decoded event may keep parts of it
	for rows.Next() {
		var r Row
		if err := rows.Scan(&rec, &r.Source, &r.Title, &r.Published, &r.Cluster, &r.Mentions, &r.Sources); err != nil {
			return nil, err
		}
		if err := decodeEvent(rec, &r.Event); err != nil {
			return nil, fmt.Errorf("stored event: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Pair names the events of a dyad or of one actor: those where code A is an
// actor or recipient and, when B is set, code B is another one of them with
// at least one of the two among the actors. Codes are exact (USA, NER, IGO),
// compared case-insensitively. From and To bound the date (inclusive; To may
// be a prefix such as 2024-05).
type Pair struct {
	A, B     string
	From, To string
	// Dir, for a dyad, says which events count: "ab" those A did to B
	// (A among the actors, B among the recipients), "ba" those B did to A,
	// and "both" or "" either. Events where A and B are both actors
	// ("USA and NER" against a third) or both recipients count in none.
	Dir string
}

// pairWhere returns the WHERE clause (on pairTable's table, alias p) that
// selects the pair's rows, and its arguments: those of the dyad A-B in its
// direction (on dyad_events), or of A alone when B is empty (on
// event_pairs).
func pairWhere(p Pair) (string, []any) {
	a, b := strings.ToUpper(strings.TrimSpace(p.A)), strings.ToUpper(strings.TrimSpace(p.B))
	if b == "" {
		return " WHERE p.a = ? AND p.b = ?" + dateConds(p), append([]any{a, b}, dateArgs(p)...)
	}
	// A dyad reads dyad_events (or dyad_months), keyed by direction.
	dir := "="
	switch p.Dir {
	case "ab":
		dir = ">"
	case "ba":
		a, b, dir = b, a, ">"
	default:
		a, b = min(a, b), max(a, b)
	}
	return " WHERE p.a = ? AND p.b = ? AND p.dir = ?" + dateConds(p), append([]any{a, b, dir}, dateArgs(p)...)
}

// Dyad is a row of dyad_events: A did the event to B (Dir ">"), or the
// event is between A and B either way (Dir "=", A no later than B in
// code order).
type Dyad struct {
	A, B, Dir string
}

// Dyads returns the dyad rows of an event, each once: for each code among
// its actors and each among its recipients, what the first did to the
// second, and the pair either way. An event without recipients whose
// actors are two or more is two-sided ("clashed with", "exchanged fire
// with": the coder names both sides as actors), and each actor did it to
// each other one. Actors of an event with a recipient acted together on
// it: they are no dyad. The pair either way is one row, its codes in
// order.
func Dyads(e plover.Event) []Dyad {
	var pairs [][2]string
	var rec []string
	for _, r := range e.Recipient {
		if r.Code != "" {
			rec = append(rec, r.Code)
		}
	}
	for i, a := range e.Actor {
		if a.Code == "" {
			continue
		}
		for _, r := range rec {
			pairs = append(pairs, [2]string{a.Code, r})
		}
		if len(rec) == 0 {
			for j, b := range e.Actor {
				if j != i && b.Code != "" {
					pairs = append(pairs, [2]string{a.Code, b.Code})
				}
			}
		}
	}
	var out []Dyad
	seen := map[Dyad]bool{}
	for _, p := range pairs {
		lo, hi := min(p[0], p[1]), max(p[0], p[1])
		for _, d := range []Dyad{{p[0], p[1], ">"}, {lo, hi, "="}} {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	return out
}

// EventPairs returns the event_pairs rows of an event as (a, b) codes,
// each once: (code, "") for each code among its actors and recipients, and
// (x, y) for each ordered pair of codes at two of those positions, one of
// the two an actor's: the rows an actor's series and its partners count.
func EventPairs(e plover.Event) [][2]string {
	type pos struct {
		code  string
		actor bool
	}
	ps := make([]pos, 0, len(e.Actor)+len(e.Recipient))
	for _, en := range e.Actor {
		if en.Code != "" {
			ps = append(ps, pos{en.Code, true})
		}
	}
	for _, en := range e.Recipient {
		if en.Code != "" {
			ps = append(ps, pos{en.Code, false})
		}
	}
	var out [][2]string
	add := func(a, b string) {
		if !slices.Contains(out, [2]string{a, b}) {
			out = append(out, [2]string{a, b})
		}
	}
	for i, x := range ps {
		add(x.code, "")
		for j, y := range ps {
			if i != j && (x.actor || y.actor) {
				add(x.code, y.code)
			}
		}
	}
	return out
}

// pairTable returns the table of a pair's events: dyad_events for a dyad,
// event_pairs for one actor; pairMonths, the table of its counts by
// month.
func pairTable(p Pair) string {
	if strings.TrimSpace(p.B) != "" {
		return "dyad_events"
	}
	return "event_pairs"
}

func pairMonths(p Pair) string {
	if strings.TrimSpace(p.B) != "" {
		return "dyad_months"
	}
	return "pair_months"
}

// dateConds returns the conditions, each after " AND ", that bound p.date
// by the pair's From and To; dateArgs returns their arguments.
func dateConds(p Pair) string {
	var c string
	if p.From != "" {
		c += " AND p.date >= ?"
	}
	if p.To != "" {
		c += " AND SUBSTR(p.date, 1, " + strconv.Itoa(len(p.To)) + ") <= ?"
	}
	return c
}

func dateArgs(p Pair) []any {
	var args []any
	if p.From != "" {
		args = append(args, p.From)
	}
	if p.To != "" {
		args = append(args, p.To)
	}
	return args
}

// Month is one month of a series: events by quad class (Quad[1] verbal
// cooperation ... Quad[4] material conflict; Quad[0] events without one),
// their total and mean PLOVER event scale and Goldstein score.
type Month struct {
	Month         string // YYYY-MM
	Quad          [5]int
	Total         int
	MeanScale     float64
	MeanGoldstein float64
}

// Series counts the pair's events by month and quad class, oldest month
// first. Months without events are left out.
func (s *DB) Series(ctx context.Context, p Pair) ([]Month, error) {
	query, args := s.seriesQuery(p)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	var out []Month
	sums := map[string][2]float64{}
	for rows.Next() {
		var m string
		var quad, n int
		var scale, gold float64
		if err := rows.Scan(&m, &quad, &n, &scale, &gold); err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		if m == "" {
			continue // undated events have no place in a series
		}
		if len(out) == 0 || out[len(out)-1].Month != m {
			out = append(out, Month{Month: m})
		}
		cur := &out[len(out)-1]
		if quad < 0 || quad > 4 {
			quad = 0
		}
		cur.Quad[quad] += n
		cur.Total += n
		sm := sums[m]
		sums[m] = [2]float64{sm[0] + scale, sm[1] + gold}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	for i := range out {
		if out[i].Total > 0 {
			sm := sums[out[i].Month]
			out[i].MeanScale = sm[0] / float64(out[i].Total)
			out[i].MeanGoldstein = sm[1] / float64(out[i].Total)
		}
	}
	return out, nil
}

// seriesQuery returns the query of Series and its arguments: on SQLite,
// when the pair's dates are whole months or years, over the counts by
// month; else over the pairs of each event.
func (s *DB) seriesQuery(p Pair) (string, []any) {
	w, args := pairWhere(p)
	if s.byMonth(p) {
		return "SELECT p.month, p.quad, p.n, p.scale, p.gold FROM " + pairMonths(p) + " p" + monthWhere(w) + " ORDER BY 1, 2", args
	}
	return "SELECT SUBSTR(p.date, 1, 7), p.quad, COUNT(*), SUM(p.scale), SUM(p.gold) FROM " + pairTable(p) + " p" + w +
		" GROUP BY SUBSTR(p.date, 1, 7), p.quad ORDER BY 1, 2", args
}

// byMonth reports whether pair_months (dyad_months for a dyad) answers
// for the pair: on SQLite (the only backend that keeps them), when From
// and To are empty, a year or a month, whose bounds the months hold.
func (s *DB) byMonth(p Pair) bool {
	whole := func(v string) bool { return len(v) == 0 || len(v) == 4 || len(v) == 7 }
	return s.d.name == sqliteDialect.name && whole(p.From) && whole(p.To)
}

// monthWhere turns a condition on event_pairs' date into one on
// pair_months' month. For a From and To of whole months or years, a date
// and its month compare alike with them.
func monthWhere(w string) string { return strings.ReplaceAll(w, "p.date", "p.month") }

// PairEvents returns the pair's events from the offset'th on, newest first
// when sort is "-date", the largest absolute event scale first when it is
// "-severity" (else oldest first), at most limit (50 when not positive),
// and whether more follow.
func (s *DB) PairEvents(ctx context.Context, p Pair, sort string, limit, offset int) ([]Row, bool, error) {
	if limit <= 0 {
		limit = 50
	}
	query, args := pairEventsQuery(p, sort, limit, offset)
	rows, err := s.scanRows(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("store: pair events: %w", err)
	}
	rows, more := upTo(rows, limit)
	return rows, more, nil
}

// pairEventsQuery returns the query of PairEvents and its arguments.
func pairEventsQuery(p Pair, sort string, limit, offset int) (string, []any) {
	w, args := pairWhere(p)
	dir := ""
	if sort == "-date" {
		dir = " DESC"
	}
	ord := " ORDER BY p.date" + dir + ", p.doc_id" + dir + ", p.ord" + dir
	from := " FROM " + pairTable(p) + " p"
	if sort == "-severity" {
		// The pair's rows carry the scale: the page's rows are picked
		// from them alone, and only those are joined with their events.
		ord = " ORDER BY ABS(p.scale) DESC, p.date, p.doc_id, p.ord"
		from = " FROM (SELECT p.doc_id, p.ord, p.date, p.scale FROM " + pairTable(p) + " p" + w + ord +
			" LIMIT " + strconv.Itoa(limit+1) + " OFFSET " + strconv.Itoa(max(0, offset)) + ") p"
		w, offset = "", 0
	}
	return "SELECT " + rowColumns +
		from + " JOIN events e ON e.doc_id = p.doc_id AND e.ord = p.ord" +
		" JOIN documents d ON d.id = e.doc_id" + joinClusters + w + ord +
		" LIMIT " + strconv.Itoa(limit+1) + " OFFSET " + strconv.Itoa(max(0, offset)), args
}

// Partner is an actor that shares events with another, with the events by
// quad class and their mean PLOVER event scale.
type Partner struct {
	Code      string
	Events    int
	Quad      [5]int
	MeanScale float64
}

// Partners returns the codes that share events with p.A (p.B is ignored),
// most events first, at most limit (20 when not positive).
func (s *DB) Partners(ctx context.Context, p Pair, limit int) ([]Partner, error) {
	if limit <= 0 {
		limit = 20
	}
	query, args := s.partnersQuery(p)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: partners: %w", err)
	}
	defer rows.Close()
	var out []Partner
	for rows.Next() {
		var pt Partner
		var scale float64
		if err := rows.Scan(&pt.Code, &pt.Events, &pt.Quad[1], &pt.Quad[2], &pt.Quad[3], &pt.Quad[4], &scale); err != nil {
			return nil, fmt.Errorf("store: partners: %w", err)
		}
		// Quad[0] holds the events without a quad class (or with one
		// out of range).
		pt.Quad[0] = pt.Events - pt.Quad[1] - pt.Quad[2] - pt.Quad[3] - pt.Quad[4]
		pt.MeanScale = scale / float64(pt.Events)
		out = append(out, pt)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: partners: %w", err)
	}
	sortPartners(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// partnersQuery returns the query of Partners and its arguments, over
// the counts by month when seriesQuery's is: a row for each partner with
// its events, those of quad classes 1 to 4 and the sum of their scales.
// Grouped by partner alone, the rows come in the primary key's order and
// need no sort.
func (s *DB) partnersQuery(p Pair) (string, []any) {
	a := strings.ToUpper(strings.TrimSpace(p.A))
	w := " WHERE p.a = ? AND p.b <> '' AND p.b <> ?" + dateConds(p)
	args := append([]any{a, a}, dateArgs(p)...)
	table, n := "event_pairs", "1"
	switch {
	case s.byMonth(p) && p.From == "" && p.To == "":
		table, n = "pair_quads", "p.n"
	case s.byMonth(p):
		table, n, w = "pair_months", "p.n", monthWhere(w)
	}
	query := "SELECT p.b, SUM(" + n + ")"
	for q := 1; q <= 4; q++ {
		query += ", SUM(CASE WHEN p.quad = " + strconv.Itoa(q) + " THEN " + n + " ELSE 0 END)"
	}
	return query + ", SUM(p.scale) FROM " + table + " p" + w + " GROUP BY p.b", args
}

func sortPartners(ps []Partner) {
	// Insertion sort keeps it dependency-free and stable; partners are few.
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (ps[j].Events > ps[j-1].Events ||
			ps[j].Events == ps[j-1].Events && ps[j].Code < ps[j-1].Code); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// Names returns the texts an actor code was found as, most frequent first,
// at most limit.
func (s *DB) Names(ctx context.Context, code string, limit int) ([]Count, error) {
	rows, err := s.db.QueryContext(ctx, s.q(s.namesQuery(limit)), strings.ToUpper(code))
	if err != nil {
		return nil, fmt.Errorf("store: names %s: %w", code, err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Key, &c.N); err != nil {
			return nil, fmt.Errorf("store: names %s: %w", code, err)
		}
		if strings.TrimSpace(c.Key) != "" {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// namesQuery returns the query of Names: on SQLite over the counts of
// actor_names, else over the actors.
func (s *DB) namesQuery(limit int) string {
	if s.d.name == sqliteDialect.name {
		return "SELECT name, n FROM actor_names WHERE code = ? ORDER BY 2 DESC, 1 LIMIT " + strconv.Itoa(max(1, limit))
	}
	return "SELECT " + actorName + " AS name, COUNT(*) FROM actors WHERE code = ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + strconv.Itoa(max(1, limit))
}

// Point is a place events happened at, with their number.
type Point struct {
	Place   string
	Country string
	Lat     float64
	Lon     float64
	Events  int
}

// Points groups the located events f selects by place, most events first,
// at most limit (200 when not positive).
func (s *DB) Points(ctx context.Context, f Filter, limit int) ([]Point, error) {
	if limit <= 0 {
		limit = 200
	}
	w, args := where(f)
	if w == "" {
		w = " WHERE e.lat IS NOT NULL"
	} else {
		w += " AND e.lat IS NOT NULL"
	}
	// As Count, over events alone.
	query := `SELECT CASE WHEN e.resolved_place <> '' THEN e.resolved_place ELSE e.place END, e.country_code, e.lat, e.lon, COUNT(*)` +
		` FROM events e` + w + ` GROUP BY 1, e.country_code, e.lat, e.lon ORDER BY 5 DESC, 1 LIMIT ` + strconv.Itoa(limit)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: points: %w", err)
	}
	defer rows.Close()
	var out []Point
	for rows.Next() {
		var p Point
		if err := rows.Scan(&p.Place, &p.Country, &p.Lat, &p.Lon, &p.Events); err != nil {
			return nil, fmt.Errorf("store: points: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// DocSummary describes a stored document without its text.
type DocSummary struct {
	ID        string
	Title     string
	URL       string
	Source    string
	Published string // RFC 3339, or empty
	Events    int
	Sources   int // outlets and URLs it was seen under
}

// Documents returns stored documents, newest publication first, from the
// offset'th on, at most limit (50 when not positive), and whether more
// follow. A non-empty text keeps those whose title contains it.
func (s *DB) Documents(ctx context.Context, text string, limit, offset int) ([]DocSummary, bool, error) {
	if limit <= 0 {
		limit = 50
	}
	var w string
	var args []any
	if text != "" {
		w = ` WHERE LOWER(d.title) LIKE ? ESCAPE '\'`
		args = append(args, "%"+like(strings.ToLower(text))+"%")
	}
	query := `SELECT d.id, d.title, d.url, d.source, d.published,
		(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id),
		(SELECT COUNT(*) FROM document_sources s WHERE s.doc_id = d.id)
		FROM documents d` + w + ` ORDER BY d.published DESC, d.id LIMIT ` + strconv.Itoa(limit+1) + ` OFFSET ` + strconv.Itoa(max(0, offset))
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	var out []DocSummary
	for rows.Next() {
		var d DocSummary
		if err := rows.Scan(&d.ID, &d.Title, &d.URL, &d.Source, &d.Published, &d.Events, &d.Sources); err != nil {
			return nil, false, fmt.Errorf("store: documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: documents: %w", err)
	}
	out, more := upTo(out, limit)
	return out, more, nil
}

// Report is another document with an event in the same cluster as one of
// a document's events: the same real-world event reported elsewhere.
type Report struct {
	Cluster string
	DocID   string
	Title   string
	Source  string
	Date    string // the event's date in the other report
}

// Reports returns the other documents that report the events of document
// docID, by cluster, at most limit (100 when not positive).
func (s *DB) Reports(ctx context.Context, docID string, limit int) ([]Report, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT DISTINCT e2.cluster_id, e2.doc_id, d.title, d.source, e2.date
		FROM events e1 JOIN events e2 ON e2.cluster_id = e1.cluster_id AND e2.doc_id <> e1.doc_id
		JOIN documents d ON d.id = e2.doc_id
		WHERE e1.doc_id = ? ORDER BY 1, 2 LIMIT `+strconv.Itoa(limit)), docID)
	if err != nil {
		return nil, fmt.Errorf("store: reports %s: %w", docID, err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var r Report
		if err := rows.Scan(&r.Cluster, &r.DocID, &r.Title, &r.Source, &r.Date); err != nil {
			return nil, fmt.Errorf("store: reports %s: %w", docID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Internal returns the events a country's actors did to its own actors
// (a coup, a crackdown) at or below maxScale on PLOVER's scale, most
// severe first, at most limit.
func (s *DB) Internal(ctx context.Context, code string, maxScale float64, limit int) ([]Row, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	query := "SELECT " + rowColumns + fromEventsByDay +
		" WHERE e.actor = ? AND e.recipient = ? AND e.event_scale <= ? ORDER BY e.event_scale, e.date LIMIT " + strconv.Itoa(max(1, limit))
	rows, err := s.scanRows(ctx, query, code, code, maxScale)
	if err != nil {
		return nil, fmt.Errorf("store: internal events of %s: %w", code, err)
	}
	return rows, nil
}

// upTo cuts a page fetched with one row too many (limit+1) to limit rows
// and says whether more follow.
func upTo[T any](xs []T, limit int) ([]T, bool) {
	if len(xs) > limit {
		return xs[:limit], true
	}
	return xs, false
}

// DocumentsEndingIn returns the IDs of the stored documents whose ID ends
// with suffix, at most limit (10 when not positive), sorted. The server
// finds the document behind a public alias of a file path with it.
func (s *DB) DocumentsEndingIn(ctx context.Context, suffix string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 10
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id FROM documents WHERE id LIKE ? ESCAPE '\' ORDER BY id LIMIT `+strconv.Itoa(limit)), "%"+like(suffix))
	if err != nil {
		return nil, fmt.Errorf("store: documents ending in %q: %w", suffix, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: documents ending in %q: %w", suffix, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Count returns the number of events f selects.
func (s *DB) Count(ctx context.Context, f Filter) (int, error) {
	w, args := where(f)
	var n int
	// The filter reads events alone (and tables it names in EXISTS):
	// counting needs no join with documents and clusters, which costs
	// fifty times the count on a large store.
	if err := s.db.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM events e"+w), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	return n, nil
}

// DocumentCount returns the number of documents Documents lists for text.
func (s *DB) DocumentCount(ctx context.Context, text string) (int, error) {
	query, args := "SELECT COUNT(*) FROM documents d", []any(nil)
	if text != "" {
		query += ` WHERE LOWER(d.title) LIKE ? ESCAPE '\'`
		args = append(args, "%"+like(strings.ToLower(text))+"%")
	}
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(query), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: document count: %w", err)
	}
	return n, nil
}

// PairCount is a pair of codes with the events they share.
type PairCount struct {
	A, B   string
	Events int
}

// TopPairs returns the dyads with the most events either way (co-actors
// are no dyad), each once (A before B), most events first, at most limit.
func (s *DB) TopPairs(ctx context.Context, limit int) ([]PairCount, error) {
	query := "SELECT p.a, p.b, COUNT(*) FROM dyad_events p WHERE p.dir = '=' AND p.a < p.b GROUP BY p.a, p.b ORDER BY 3 DESC, 1, 2 LIMIT " + strconv.Itoa(max(1, limit))
	if s.d.name == sqliteDialect.name {
		query = "SELECT p.a, p.b, SUM(p.n) FROM dyad_months p WHERE p.dir = '=' AND p.a < p.b GROUP BY p.a, p.b ORDER BY 3 DESC, 1, 2 LIMIT " + strconv.Itoa(max(1, limit))
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: top pairs: %w", err)
	}
	defer rows.Close()
	var out []PairCount
	for rows.Next() {
		var p PairCount
		if err := rows.Scan(&p.A, &p.B, &p.Events); err != nil {
			return nil, fmt.Errorf("store: top pairs: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// TopActors returns the codes with the most events, most first, at most
// limit.
func (s *DB) TopActors(ctx context.Context, limit int) ([]Count, error) {
	query := "SELECT p.a, COUNT(*) FROM event_pairs p WHERE p.b = '' GROUP BY p.a ORDER BY 2 DESC, 1 LIMIT " + strconv.Itoa(max(1, limit))
	if s.d.name == sqliteDialect.name {
		query = "SELECT p.a, SUM(p.n) FROM pair_months p WHERE p.b = '' GROUP BY p.a ORDER BY 2 DESC, 1 LIMIT " + strconv.Itoa(max(1, limit))
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: top actors: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Key, &c.N); err != nil {
			return nil, fmt.Errorf("store: top actors: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Activity counts the events of each of the last months months (up to
// the month of the newest event), oldest first; months without events
// are left out.
func (s *DB) Activity(ctx context.Context, months int) ([]Count, error) {
	var newest string
	if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(date), '') FROM events").Scan(&newest); err != nil {
		return nil, fmt.Errorf("store: activity: %w", err)
	}
	first, _, ok := dateSpan(newest[:min(7, len(newest))])
	if !ok {
		return nil, nil
	}
	from := first.AddDate(0, 1-max(1, months), 0).Format("2006-01")
	rows, err := s.db.QueryContext(ctx, s.q("SELECT SUBSTR(date, 1, 7), COUNT(*) FROM events WHERE date >= ? GROUP BY 1 ORDER BY 1"), from)
	if err != nil {
		return nil, fmt.Errorf("store: activity: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Key, &c.N); err != nil {
			return nil, fmt.Errorf("store: activity: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
