package store

// Views: the read-only queries behind dyad's web pages and HTTP API (pages
// of events, the series of a dyad or an actor, an actor's partners, map
// points, document lists and the reports that share an event). They are
// written against the schema of migrate.go and run on both backends.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Page returns the events f selects from the offset'th on, at most f.Limit
// of them (50 when f.Limit is not positive), in f.Sort's order, and whether
// more follow.
func (s *DB) Page(ctx context.Context, f Filter, offset int) ([]Row, bool, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	w, args := where(f)
	ord, err := order(f.Sort)
	if err != nil {
		return nil, false, fmt.Errorf("store: page: %w", err)
	}
	if !s.d.dollar && (f.Sort == "" || f.Sort == "date" || f.Sort == "-date") {
		// SQLite reads the date index in order only when the tie-break is
		// the rowid the index holds; (doc_id, ord) makes it sort the table.
		dir := ""
		if f.Sort == "-date" {
			dir = " DESC"
		}
		ord = " ORDER BY e.date" + dir + ", e.rowid" + dir
	}
	query := "SELECT e.record, d.source, d.title, e.cluster_id, COALESCE(c.mentions, 0), COALESCE(c.sources, 0)" +
		fromEvents + w + ord + " LIMIT " + strconv.Itoa(f.Limit+1) + " OFFSET " + strconv.Itoa(max(0, offset))
	rows, err := s.scanRows(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("store: page: %w", err)
	}
	rows, more := upTo(rows, f.Limit)
	return rows, more, nil
}

// scanRows runs a query whose columns are those of Each and returns the rows.
func (s *DB) scanRows(ctx context.Context, query string, args ...any) ([]Row, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var rec string
		if err := rows.Scan(&rec, &r.Source, &r.Title, &r.Cluster, &r.Mentions, &r.Sources); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(rec), &r.Event); err != nil {
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
}

// pairEvents returns a FROM clause over events (alias e, with d and c as in
// fromEvents) restricted to the pair, and its arguments. It is driven by the
// index on actor codes, so it costs what the pair's events cost, not what
// the whole table does.
// rarerFirst orders a pair so that the code with fewer actor rows comes
// first: pairEvents walks the first code's rows and looks the second up
// per event, so a pair with a very common code (USA) stays cheap.
func (s *DB) rarerFirst(ctx context.Context, p Pair) Pair {
	if p.B == "" {
		return p
	}
	count := func(code string) int {
		var n int
		if err := s.db.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM actors WHERE code = ?"), strings.ToUpper(strings.TrimSpace(code))).Scan(&n); err != nil {
			return 0
		}
		return n
	}
	if count(p.B) < count(p.A) {
		p.A, p.B = p.B, p.A
	}
	return p
}

// pairEvents returns the FROM clause (and its arguments) of a pair's
// events; withDocs joins their documents and clusters too.
func (s *DB) pairEvents(p Pair, withDocs bool) (string, []any) {
	join := "JOIN"
	if s.d.name == "sqlite" {
		// SQLite keeps the written order of a CROSS JOIN: the rarer code's
		// rows drive the loop.
		join = "CROSS JOIN"
	}
	a := strings.ToUpper(strings.TrimSpace(p.A))
	b := strings.ToUpper(strings.TrimSpace(p.B))
	var sub string
	var args []any
	if b == "" {
		sub = `SELECT DISTINCT a1.doc_id, a1.ord FROM actors a1
			WHERE a1.code = ? AND a1.role IN ('actor', 'recipient')`
		args = append(args, a)
	} else {
		sub = `SELECT DISTINCT a1.doc_id, a1.ord FROM actors a1
			` + join + ` actors a2 ON a2.doc_id = a1.doc_id AND a2.ord = a1.ord
			WHERE a1.code = ? AND a2.code = ?
			AND a1.role IN ('actor', 'recipient') AND a2.role IN ('actor', 'recipient')
			AND (a1.role = 'actor' OR a2.role = 'actor')
			AND NOT (a1.role = a2.role AND a1.idx = a2.idx)`
		args = append(args, a, b)
	}
	from := ` FROM (` + sub + `) p JOIN events e ON e.doc_id = p.doc_id AND e.ord = p.ord`
	if withDocs {
		from += ` JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id`
	}
	var conds []string
	if p.From != "" {
		conds = append(conds, "e.date >= ?")
		args = append(args, p.From)
	}
	if p.To != "" {
		conds = append(conds, "SUBSTR(e.date, 1, "+strconv.Itoa(len(p.To))+") <= ?")
		args = append(args, p.To)
	}
	if len(conds) > 0 {
		from += " WHERE " + strings.Join(conds, " AND ")
	}
	return from, args
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
	from, args := s.pairEvents(s.rarerFirst(ctx, p), false)
	query := "SELECT SUBSTR(e.date, 1, 7) AS m, e.quad_code, COUNT(*), SUM(e.event_scale), SUM(e.goldstein)" + from +
		" GROUP BY SUBSTR(e.date, 1, 7), e.quad_code ORDER BY 1, 2"
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
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

// PairEvents returns the pair's events from the offset'th on, newest first
// when sort is "-date" (else oldest first), at most limit (50 when not
// positive), and whether more follow.
func (s *DB) PairEvents(ctx context.Context, p Pair, sort string, limit, offset int) ([]Row, bool, error) {
	if limit <= 0 {
		limit = 50
	}
	from, args := s.pairEvents(s.rarerFirst(ctx, p), true)
	dir := ""
	if sort == "-date" {
		dir = " DESC"
	}
	query := "SELECT e.record, d.source, d.title, e.cluster_id, COALESCE(c.mentions, 0), COALESCE(c.sources, 0)" + from +
		" ORDER BY e.date" + dir + ", e.doc_id, e.ord LIMIT " + strconv.Itoa(limit+1) + " OFFSET " + strconv.Itoa(max(0, offset))
	rows, err := s.scanRows(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("store: pair events: %w", err)
	}
	rows, more := upTo(rows, limit)
	return rows, more, nil
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
	a := strings.ToUpper(strings.TrimSpace(p.A))
	args := []any{a, a}
	// One row per (partner, event), however often the partner is named in it.
	query := `SELECT o.code, e.quad_code, COUNT(*), SUM(e.event_scale) FROM (
		SELECT DISTINCT a1.doc_id, a1.ord, o.code FROM actors a1
		JOIN actors o ON o.doc_id = a1.doc_id AND o.ord = a1.ord
		WHERE a1.code = ? AND a1.role IN ('actor', 'recipient') AND o.role IN ('actor', 'recipient')
		AND o.code <> '' AND o.code <> ? AND (a1.role = 'actor' OR o.role = 'actor')
		) o JOIN events e ON e.doc_id = o.doc_id AND e.ord = o.ord`
	var conds []string
	if p.From != "" {
		conds = append(conds, "e.date >= ?")
		args = append(args, p.From)
	}
	if p.To != "" {
		conds = append(conds, "SUBSTR(e.date, 1, "+strconv.Itoa(len(p.To))+") <= ?")
		args = append(args, p.To)
	}
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	query += " GROUP BY o.code, e.quad_code"
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: partners: %w", err)
	}
	defer rows.Close()
	byCode := map[string]*Partner{}
	sums := map[string]float64{}
	var order []string
	for rows.Next() {
		var code string
		var quad, n int
		var scale float64
		if err := rows.Scan(&code, &quad, &n, &scale); err != nil {
			return nil, fmt.Errorf("store: partners: %w", err)
		}
		pt := byCode[code]
		if pt == nil {
			pt = &Partner{Code: code}
			byCode[code] = pt
			order = append(order, code)
		}
		if quad < 0 || quad > 4 {
			quad = 0
		}
		pt.Quad[quad] += n
		pt.Events += n
		sums[code] += scale
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: partners: %w", err)
	}
	out := make([]Partner, 0, len(order))
	for _, c := range order {
		pt := byCode[c]
		pt.MeanScale = sums[c] / float64(pt.Events)
		out = append(out, *pt)
	}
	sortPartners(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
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
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT CASE WHEN identifier_text <> '' THEN identifier_text ELSE entity_text END AS name, COUNT(*)
		FROM actors WHERE code = ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT `+strconv.Itoa(max(1, limit))), strings.ToUpper(code))
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
	query := `SELECT CASE WHEN e.resolved_place <> '' THEN e.resolved_place ELSE e.place END, e.country_code, e.lat, e.lon, COUNT(*)` +
		fromEvents + w + ` GROUP BY 1, e.country_code, e.lat, e.lon ORDER BY 5 DESC, 1 LIMIT ` + strconv.Itoa(limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
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
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
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
	query := "SELECT e.record, d.source, d.title, e.cluster_id, COALESCE(c.mentions, 0), COALESCE(c.sources, 0)" +
		" FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id" +
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
