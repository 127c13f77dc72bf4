package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dyad/plover"
)

const fromEvents = ` FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id`

// joinClusters joins events (e) with their clusters (c) by day and ID,
// which SQLite finds in clusters_day, near the clusters of the events
// before in date order, with their counts. A cluster's events share its
// day; rowColumns look a cluster up by ID alone where they do not.
const joinClusters = ` LEFT JOIN clusters c ON c.date = SUBSTR(e.date, 1, 10) AND c.id = e.cluster_id`

// fromEventsByDay is fromEvents with the clusters joined by joinClusters,
// for queries that read rowColumns.
const fromEventsByDay = ` FROM events e JOIN documents d ON d.id = e.doc_id` + joinClusters

// mentionsColumn is an event's cluster's mentions (zero without one), after
// joinClusters or a join by ID alone.
const mentionsColumn = `COALESCE(c.mentions, (SELECT mentions FROM clusters WHERE id = e.cluster_id), 0)`

// rowColumns are the columns a Row is scanned from: the stored record,
// the document's outlet, title and publication date, the cluster and its
// counts.
const rowColumns = `e.record, d.source, d.title, d.published, e.cluster_id, ` + mentionsColumn + `, ` + sourcesColumn

// sourcesColumn is an event's cluster's sources, as mentionsColumn.
const sourcesColumn = `COALESCE(c.sources, (SELECT sources FROM clusters WHERE id = e.cluster_id), 0)`

// packedColumns are rowColumns as two columns, for SQLite, whose driver
// spends about a quarter of a microsecond on each column of each row (a
// million events read in 0.8 s less of CPU): the record, then the byte
// lengths of the outlet, title, cluster ID and publication date and the
// cluster's mentions and sources, each followed by a comma, then those
// four texts one after the other. unpack reads them.
const packedColumns = `e.record, printf('%d,%d,%d,%d,%d,%d,', length(CAST(d.source AS BLOB)), length(CAST(d.title AS BLOB)),
	length(CAST(e.cluster_id AS BLOB)), length(CAST(d.published AS BLOB)), ` + mentionsColumn + `, ` + sourcesColumn + `)
	|| d.source || d.title || e.cluster_id || d.published`

// unpack sets r's outlet, title, publication date, cluster and counts
// from the second column of packedColumns. r's strings are parts of s.
func unpack(s string, r *Row) error {
	var n [6]int
	rest, ok := packedInts(s, n[:], 4)
	if !ok {
		return fmt.Errorf("packed columns %q: want six integers, each followed by a comma", s)
	}
	if n[0]+n[1]+n[2]+n[3] != len(rest) {
		return fmt.Errorf("packed columns %q: texts of %d, %d, %d and %d bytes do not fill the %d that follow", s, n[0], n[1], n[2], n[3], len(rest))
	}
	r.Source, rest = rest[:n[0]], rest[n[0]:]
	r.Title, rest = rest[:n[1]], rest[n[1]:]
	r.Cluster, r.Published = rest[:n[2]], rest[n[2]:]
	r.Mentions, r.Sources = n[4], n[5]
	return nil
}

// packedInts reads len(n) integers at the start of s, each followed by a
// comma, into n, and returns what follows them; the first lengths of them
// are byte lengths of what follows, from 0 to len(s).
func packedInts(s string, n []int, lengths int) (rest string, ok bool) {
	rest = s
	for i := range n {
		comma := strings.IndexByte(rest, ',')
		v, err := strconv.Atoi(rest[:max(comma, 0)])
		if comma < 0 || err != nil || (i < lengths && (v < 0 || v > len(s))) {
			return "", false
		}
		n[i], rest = v, rest[comma+1:]
	}
	return rest, true
}

// listColumns are the columns of Each on SQLite for a list in date order:
// the record, then the byte lengths of the event's document ID and cluster
// ID, each followed by a comma, then the two IDs and the event's day, one
// after the other. unpackIDs reads them. The query joins neither documents
// nor clusters: a join looked a document up again for each of its events,
// and a cluster up from the root of clusters_day, about 1 and 1.8 µs of
// the driver's CPU an event. A joiner finds them for a batch of rows.
const listColumns = `e.record, printf('%d,%d,', length(CAST(e.doc_id AS BLOB)), length(CAST(e.cluster_id AS BLOB)))
	|| e.doc_id || e.cluster_id || SUBSTR(e.date, 1, 10)`

// unpackIDs reads the second column of listColumns: the event's document
// ID, cluster ID and day, parts of s.
func unpackIDs(s string) (docID, cluster, day string, err error) {
	var n [2]int
	rest, ok := packedInts(s, n[:], 2)
	if !ok {
		return "", "", "", fmt.Errorf("packed columns %q: want two lengths, each followed by a comma", s)
	}
	if n[0]+n[1] > len(rest) {
		return "", "", "", fmt.Errorf("packed columns %q: IDs of %d and %d bytes overrun the %d that follow", s, n[0], n[1], len(rest))
	}
	return rest[:n[0]], rest[n[0] : n[0]+n[1]], rest[n[0]+n[1]:], nil
}

// joiner does for Each on SQLite what joining documents and clusters did,
// a batch of rows at a time, on the connection of the list's query (so in
// its snapshot): it reads a document's outlet, title and publication date
// once for the events near each other in the list, and the clusters of a
// day in clusters_day's order, once for the events of the day. Its memory
// does not grow with the store: at most twice limits.docs documents and
// the clusters of one day, at most limits.dayClusters of them (a day with
// more is looked up by ID, as are clusters stored under another day than
// their events').
type joiner struct {
	tx     *sql.Tx
	limits joinLimits
	// stmts are its queries, prepared once on tx.
	stmts map[string]*sql.Stmt
	// now and before are the documents met last, two generations.
	now, before map[string]docColumns
	// clusters are those of day, read if loaded, unless there were more
	// than limits.dayClusters (full).
	day          string
	clusters     map[string]clusterCounts
	loaded, full bool
}

// docColumns are the columns of a document that a Row carries.
type docColumns struct{ source, title, published string }

// clusterCounts are a cluster's mentions and sources.
type clusterCounts struct{ mentions, sources int }

// joinLimits bound a joiner: the documents of one generation of its
// cache, the clusters of a day it holds.
type joinLimits struct{ docs, dayClusters int }

// The bounds of a joiner (DB.join), and the IDs its queries by ID take at
// once.
const (
	joinDocs        = 1024
	joinDayClusters = 1 << 16
	joinIDs         = 32
)

// newJoiner returns a joiner that reads in tx, within limits.
func newJoiner(tx *sql.Tx, limits joinLimits) *joiner {
	return &joiner{tx: tx, limits: limits, stmts: map[string]*sql.Stmt{}, now: map[string]docColumns{}, before: map[string]docColumns{}, clusters: map[string]clusterCounts{}}
}

// join sets the outlet, title, publication date, cluster and counts of
// b's rows, whose documents are b.docs[i], clusters b.clusters[i] and
// days b.days[i], and drops the rows whose document is gone (as the join
// did; every event has one).
func (j *joiner) join(ctx context.Context, b *rowBatch) error {
	var missing []string
	for _, id := range b.docs {
		if _, ok := j.now[id]; !ok {
			if _, ok := j.before[id]; !ok && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
	}
	fetched := map[string]docColumns{}
	if len(missing) > 0 {
		err := j.byIDs(ctx, "SELECT id, source, title, published FROM documents", missing, func(rows *sql.Rows) error {
			var id string
			var d docColumns
			if err := rows.Scan(&id, &d.source, &d.title, &d.published); err != nil {
				return err
			}
			fetched[id] = d
			return nil
		})
		if err != nil {
			return err
		}
	}
	var lost []string // clusters not found on their events' day
	keep := 0
	for i := range b.rows {
		d, ok := j.doc(b.docs[i], fetched)
		if !ok {
			continue
		}
		r := &b.rows[keep]
		*r = b.rows[i]
		b.recs[keep], b.clusters[keep] = b.recs[i], b.clusters[i]
		keep++
		r.Source, r.Title, r.Published = d.source, d.title, d.published
		r.Cluster = b.clusters[i]
		if r.Cluster == "" {
			continue
		}
		if err := j.load(ctx, b.days[i]); err != nil {
			return err
		}
		c, ok := j.clusters[r.Cluster]
		if !ok || j.full {
			lost = append(lost, r.Cluster)
			continue
		}
		r.Mentions, r.Sources = c.mentions, c.sources
	}
	clear(b.rows[keep:])
	b.rows, b.recs, b.clusters = b.rows[:keep], b.recs[:keep], b.clusters[:keep]
	if len(lost) == 0 {
		return nil
	}
	counts := map[string]clusterCounts{}
	err := j.byIDs(ctx, "SELECT id, mentions, sources FROM clusters", lost, func(rows *sql.Rows) error {
		var id string
		var c clusterCounts
		if err := rows.Scan(&id, &c.mentions, &c.sources); err != nil {
			return err
		}
		counts[id] = c
		return nil
	})
	if err != nil {
		return err
	}
	for i := range b.rows {
		if c, ok := counts[b.rows[i].Cluster]; ok {
			b.rows[i].Mentions, b.rows[i].Sources = c.mentions, c.sources
		}
	}
	return nil
}

// doc returns document id's columns from the cache or fetched, and keeps
// them in the cache.
func (j *joiner) doc(id string, fetched map[string]docColumns) (docColumns, bool) {
	if d, ok := j.now[id]; ok {
		return d, true
	}
	d, ok := j.before[id]
	if !ok {
		if d, ok = fetched[id]; !ok {
			return d, false
		}
	}
	if len(j.now) >= j.limits.docs {
		j.before, j.now = j.now, j.before
		clear(j.now)
	}
	j.now[id] = d
	return d, true
}

// clustersOfDay is a joiner's query of a day's clusters, at most the
// number its second argument says: they are read from clusters_day in its
// order, without the table.
const clustersOfDay = "SELECT id, mentions, sources FROM clusters WHERE date = ? LIMIT ?"

// load reads the clusters of day, unless they are those read last.
func (j *joiner) load(ctx context.Context, day string) error {
	if j.loaded && day == j.day {
		return nil
	}
	j.day, j.loaded, j.full = day, true, false
	clear(j.clusters)
	rows, err := j.query(ctx, clustersOfDay, day, j.limits.dayClusters+1)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c clusterCounts
		if err := rows.Scan(&id, &c.mentions, &c.sources); err != nil {
			return err
		}
		j.clusters[id] = c
	}
	if len(j.clusters) > j.limits.dayClusters {
		j.full = true
		clear(j.clusters)
	}
	return rows.Err()
}

// byIDs runs query (a SELECT without WHERE) for the rows whose id is one
// of ids, calling row with each.
func (j *joiner) byIDs(ctx context.Context, query string, ids []string, row func(*sql.Rows) error) error {
	// joinIDs at a time, the last ones made up with the first again, so
	// that one statement serves.
	query += " WHERE id IN (?" + strings.Repeat(", ?", joinIDs-1) + ")"
	args := make([]any, joinIDs)
	for len(ids) > 0 {
		n := min(len(ids), joinIDs)
		for i := range args {
			args[i] = ids[0]
			if i < n {
				args[i] = ids[i]
			}
		}
		ids = ids[n:]
		rows, err := j.query(ctx, query, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// query runs a query of the joiner's, prepared the first time.
func (j *joiner) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, ok := j.stmts[query]
	if !ok {
		var err error
		if stmt, err = j.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		j.stmts[query] = stmt
	}
	return stmt.QueryContext(ctx, args...)
}

// like escapes s for a LIKE pattern (with ESCAPE '\').
func like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// where turns a filter into a WHERE clause (with ? placeholders) and its
// arguments.
func where(f Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	entity := func(role, v string) {
		add(`EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND a.ord = e.ord AND a.role = ?
			AND (a.code LIKE ? ESCAPE '\' OR LOWER(a.entity_text) LIKE ? ESCAPE '\'))`,
			role, like(strings.ToUpper(v))+"%", "%"+like(strings.ToLower(v))+"%")
	}
	if f.Actor != "" {
		entity("actor", f.Actor)
	}
	if f.Recipient != "" {
		entity("recipient", f.Recipient)
	}
	// A field may list several values, separated by commas: any of them
	// matches.
	anyOf := func(v string, one func(string) (string, []any)) {
		var cs []string
		var as []any
		for _, x := range Values(v) {
			c, a := one(x)
			cs = append(cs, c)
			as = append(as, a...)
		}
		if len(cs) == 1 {
			add(cs[0], as...)
		} else if len(cs) > 1 {
			add("("+strings.Join(cs, " OR ")+")", as...)
		}
	}
	anyOf(f.Country, func(c string) (string, []any) {
		c = strings.ToUpper(c)
		return `(SUBSTR(e.actor, 1, 3) = ? OR SUBSTR(e.recipient, 1, 3) = ? OR UPPER(e.country_code) = ?)`, []any{c, c, c}
	})
	anyOf(f.Sector, func(x string) (string, []any) {
		return `EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND a.ord = e.ord
			AND a.role IN ('actor', 'recipient') AND UPPER(a.sector) = ?)`, []any{strings.ToUpper(x)}
	})
	for _, lf := range []struct{ col, v string }{{"e.categories", f.Category}, {"e.modes", f.Mode}, {"e.contexts", f.Context}} {
		anyOf(lf.v, func(x string) (string, []any) { return lf.col + ` LIKE ? ESCAPE '\'`, []any{"%|" + like(x) + "|%"} })
	}
	anyOf(f.Quad, func(x string) (string, []any) {
		q, _ := strconv.Atoi(x)
		return "e.quad_code = ?", []any{q}
	})
	if f.From != "" {
		add("e.date >= ?", f.From)
	}
	if f.To != "" {
		add("SUBSTR(e.date, 1, "+strconv.Itoa(len(f.To))+") <= ?", f.To)
	}
	if f.Place != "" {
		p := "%" + like(strings.ToLower(f.Place)) + "%"
		add(`(LOWER(e.place) LIKE ? ESCAPE '\' OR LOWER(e.resolved_place) LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Source != "" {
		add(`EXISTS (SELECT 1 FROM document_sources s WHERE s.doc_id = e.doc_id AND LOWER(s.outlet) LIKE ? ESCAPE '\')`,
			"%"+like(strings.ToLower(f.Source))+"%")
	}
	if f.Text != "" {
		add(`LOWER(e.text) LIKE ? ESCAPE '\'`, "%"+like(strings.ToLower(f.Text))+"%")
	}
	if f.DocID != "" {
		add("e.doc_id = ?", f.DocID)
	}
	if f.Cluster != "" {
		add("e.cluster_id = ?", f.Cluster)
	}
	if f.Distinct {
		add(`(e.cluster_id = '' OR NOT EXISTS (SELECT 1 FROM events e2 WHERE e2.cluster_id = e.cluster_id
			AND (e2.date < e.date OR e2.date = e.date AND (e2.doc_id < e.doc_id OR e2.doc_id = e.doc_id AND e2.ord < e.ord))))`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Values splits a filter field that may list several values, separated by
// commas, into its values, trimmed, leaving out empty ones.
func Values(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// order turns Filter.Sort into an ORDER BY clause.
func order(sort string) (string, error) {
	tail := ", e.doc_id, e.ord"
	switch sort {
	case "", "date":
		return " ORDER BY e.date" + tail, nil
	case "-date":
		// All descending, so that the (date, doc_id, ord) index serves it.
		return " ORDER BY e.date DESC, e.doc_id DESC, e.ord DESC", nil
	case "goldstein":
		return " ORDER BY e.goldstein, e.date" + tail, nil
	case "-goldstein":
		return " ORDER BY e.goldstein DESC, e.date" + tail, nil
	case "mentions":
		return " ORDER BY " + mentionsColumn + ", e.date" + tail, nil
	case "-mentions":
		return " ORDER BY " + mentionsColumn + " DESC, e.date" + tail, nil
	}
	return "", fmt.Errorf("unknown sort %q (want date, -date, goldstein, -goldstein, mentions or -mentions)", sort)
}

// Each calls fn with every event the filter selects, in order, streaming
// from the database; it stops at fn's first error and returns it. The rows
// are read by a goroutine of their own, a batch ahead of fn (eachBatch
// rows, eachAhead batches at most), while fn's goroutine decodes them.
func (s *DB) Each(ctx context.Context, f Filter, fn func(Row) error) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *rowBatch, eachAhead)
	free := make(chan *rowBatch, eachAhead+2)
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		b := &rowBatch{}
		send := func() error {
			select {
			case batches <- b:
			case <-ctx.Done():
				return fmt.Errorf("store: query: %w", ctx.Err())
			}
			select {
			case b = <-free:
				b.reset()
			default:
				b = &rowBatch{}
			}
			return nil
		}
		columns := rowColumns
		switch {
		case !s.d.dollar && (f.Sort == "" || f.Sort == "date" || f.Sort == "-date"):
			columns = listColumns
		case !s.d.dollar:
			columns = packedColumns
		}
		query, args, err := eachQuery(f, columns)
		if err != nil {
			read <- fmt.Errorf("store: query: %w", err)
			return
		}
		// The driver hands each record over as a string of its own: kept
		// as it is, it is neither copied nor converted again.
		var rec, packed string
		read <- s.withList(ctx, func(conn *sql.Conn) error {
			var q querier = conn
			var j *joiner
			if columns == listColumns {
				// The joiner's queries read the list's snapshot, the
				// last batch's too, after the list's query is done.
				tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
				if err != nil {
					return fmt.Errorf("store: query: %w", err)
				}
				defer tx.Rollback()
				q, j = tx, newJoiner(tx, s.join)
			}
			flush := func() error {
				if j != nil {
					if err := j.join(ctx, b); err != nil {
						return fmt.Errorf("store: query: %w", err)
					}
				}
				return send()
			}
			err := listRows(ctx, q, s.q(query), args, func(rows *sql.Rows) error {
				// The row is read in place: a Row of its own would be
				// allocated for every event.
				b.rows = append(b.rows, Row{})
				r := &b.rows[len(b.rows)-1]
				var err error
				switch columns {
				case listColumns:
					var doc, cluster, day string
					if err = rows.Scan(&rec, &packed); err == nil {
						doc, cluster, day, err = unpackIDs(packed)
						b.docs, b.clusters, b.days = append(b.docs, doc), append(b.clusters, cluster), append(b.days, day)
					}
				case packedColumns:
					if err = rows.Scan(&rec, &packed); err == nil {
						err = unpack(packed, r)
					}
				default:
					err = rows.Scan(&rec, &r.Source, &r.Title, &r.Published, &r.Cluster, &r.Mentions, &r.Sources)
				}
				if err != nil {
					return fmt.Errorf("store: query: %w", err)
				}
				b.recs = append(b.recs, rec)
				if len(b.rows) < eachBatch {
					return nil
				}
				return flush()
			})
			if err == nil && len(b.rows) > 0 {
				err = flush()
			}
			return err
		})
	}()
	stop := func(err error) error {
		cancel()
		for range batches {
		}
		<-read
		return err
	}
	for b := range batches {
		if err := parent.Err(); err != nil {
			return stop(fmt.Errorf("store: query: %w", err))
		}
		for i := range b.rows {
			// Decoded in place, for the same reason.
			r := &b.rows[i]
			err := decodeEvent(b.recs[i], &r.Event)
			if err != nil {
				err = fmt.Errorf("store: query: stored event: %w", err)
			} else {
				err = fn(*r)
			}
			if err != nil {
				return stop(err)
			}
		}
		select {
		case free <- b:
		default:
		}
	}
	return <-read
}

// Each's read-ahead: rows a batch, batches read before fn takes them.
const (
	eachBatch = 256
	eachAhead = 4
)

// rowBatch is rows read ahead by Each with their records (the record of
// rows[i] is recs[i]) and, for a joiner, their documents, clusters and
// days.
type rowBatch struct {
	rows                 []Row
	recs                 []string
	docs, clusters, days []string
}

func (b *rowBatch) reset() {
	for _, s := range []*[]string{&b.recs, &b.docs, &b.clusters, &b.days} {
		clear(*s) // drop the strings of the rows given out
		*s = (*s)[:0]
	}
	clear(b.rows)
	b.rows = b.rows[:0]
}

// decodeEvent decodes a stored record into e, which must be the zero
// Event, as encoding/json would: with fastEvent where it copies the record
// exactly (every record json.Marshal wrote, in practice), else with
// go-json-experiment's engine. e's strings may be parts of rec.
func decodeEvent(rec string, e *plover.Event) error {
	if fastEvent(rec, e) {
		return nil
	}
	*e = plover.Event{}
	return jsonv2.Unmarshal([]byte(rec), e, jsonv1.DefaultOptionsV1())
}

// EachRecord is Each without decoding the events: each Row carries its
// stored PLOVER record as JSON in Record and leaves Event empty. Record is
// valid only until fn returns.
func (s *DB) EachRecord(ctx context.Context, f Filter, fn func(Row) error) error {
	query, args, err := eachQuery(f, rowColumns)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	var rec sql.RawBytes // reused from row to row
	return s.stream(ctx, query, args, func(rows *sql.Rows) error {
		var r Row
		if err := rows.Scan(&rec, &r.Source, &r.Title, &r.Published, &r.Cluster, &r.Mentions, &r.Sources); err != nil {
			return fmt.Errorf("store: query: %w", err)
		}
		r.Record = rec
		return fn(r)
	})
}

// Records calls fn with the stored PLOVER record (JSON) of every event
// the filter selects, in order, streaming from the database, and stops at
// fn's first error. It reads neither documents nor clusters: what a JSON
// lines export needs, about twice as fast as EachRecord. rec is valid only
// until fn returns.
func (s *DB) Records(ctx context.Context, f Filter, fn func(rec []byte) error) error {
	query, args, err := recordsQuery(f)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	var rec sql.RawBytes // reused from row to row
	return s.stream(ctx, query, args, func(rows *sql.Rows) error {
		if err := rows.Scan(&rec); err != nil {
			return fmt.Errorf("store: query: %w", err)
		}
		return fn(rec)
	})
}

// stream runs a query that reads a whole list on a connection of its own
// (withList) and calls row with the rows, one at a time; it stops at row's
// first error and returns it.
func (s *DB) stream(ctx context.Context, query string, args []any, row func(*sql.Rows) error) error {
	return s.withList(ctx, func(conn *sql.Conn) error {
		return listRows(ctx, conn, s.q(query), args, row)
	})
}

// withList calls fn with a connection of its own to read a whole list on,
// with a larger page cache on SQLite, and returns what fn returns.
func (s *DB) withList(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	defer conn.Close()
	if !s.d.dollar {
		restore, err := bigCache(ctx, conn)
		if err != nil {
			return fmt.Errorf("store: query: %w", err)
		}
		defer restore()
	}
	return fn(conn)
}

// querier runs queries: a *sql.Conn or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// listRows runs query (written for the backend) on q and calls row
// with the rows, one at a time; it stops at row's first error and returns
// it.
func listRows(ctx context.Context, q querier, query string, args []any, row func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	return nil
}

// exportCache is the page cache, in KiB, of a SQLite connection while it
// reads a whole list (Each, EachRecord, Records): enough to hold the pages of the
// events of a few days, their documents and clusters, which a list in date
// order comes back to, so that each is read from the file about once (at
// SQLite's default of 2 MiB, five times). It does not grow with the store.
const exportCache = 16 << 10

// bigCache gives conn a page cache of exportCache KiB and returns what
// puts its own back, to be called before conn is closed; a connection
// whose cache cannot be put back is not used again.
func bigCache(ctx context.Context, conn *sql.Conn) (restore func(), err error) {
	var was int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(exportCache)); err != nil {
		return nil, err
	}
	return func() {
		// The query may have ended because ctx did.
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = "+strconv.Itoa(was)); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}, nil
}

// recordsQuery returns the query of Records and its arguments: the events
// alone, and their clusters when they are sorted by mentions. (Every event
// has its document: the query of Each joins it for its columns only.)
func recordsQuery(f Filter) (string, []any, error) {
	w, args := where(f)
	ord, err := order(f.Sort)
	if err != nil {
		return "", nil, err
	}
	from := " FROM events e"
	if f.Sort == "mentions" || f.Sort == "-mentions" {
		from += joinClusters
	}
	query := "SELECT e.record" + from + w + ord
	if f.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return query, args, nil
}

// eachQuery returns the query of Each, reading columns (rowColumns,
// packedColumns or listColumns), and its arguments.
func eachQuery(f Filter, columns string) (string, []any, error) {
	w, args := where(f)
	ord, err := order(f.Sort)
	if err != nil {
		return "", nil, err
	}
	from := fromEventsByDay
	if columns == listColumns {
		from = " FROM events e" // a joiner finds the documents and clusters
	}
	query := "SELECT " + columns + from + w + ord
	if f.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return query, args, nil
}

// Query returns the events the filter selects.
func (s *DB) Query(ctx context.Context, f Filter) ([]Row, error) {
	var out []Row
	err := s.Each(ctx, f, func(r Row) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Stats counts the events the filter selects by category, quad class and
// month.
func (s *DB) Stats(ctx context.Context, f Filter) (Stats, error) {
	var st Stats
	w, args := where(f)
	if err := s.db.QueryRowContext(ctx, s.q("SELECT COUNT(*)"+fromEvents+w), args...).Scan(&st.Total); err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	group := func(expr string) ([]Count, error) {
		rows, err := s.db.QueryContext(ctx, s.q("SELECT "+expr+", COUNT(*)"+fromEvents+w+" GROUP BY "+expr+" ORDER BY "+expr), args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Count
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Key, &c.N); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	var err error
	if st.ByCategory, err = group("e.category"); err != nil {
		return st, fmt.Errorf("store: stats: by category: %w", err)
	}
	if st.ByQuad, err = group("CAST(e.quad_code AS TEXT)"); err != nil {
		return st, fmt.Errorf("store: stats: by quad class: %w", err)
	}
	if st.ByMonth, err = group("SUBSTR(e.date, 1, 7)"); err != nil {
		return st, fmt.Errorf("store: stats: by month: %w", err)
	}
	return st, nil
}

// Counts returns the number of rows of the main tables.
func (s *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	for _, t := range []struct {
		table string
		n     *int
	}{{"documents", &c.Documents}, {"document_sources", &c.Sources}, {"sentences", &c.Sentences}, {"events", &c.Events}, {"clusters", &c.Clusters}} {
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.table).Scan(t.n); err != nil {
			return c, fmt.Errorf("store: counts: %s: %w", t.table, err)
		}
	}
	return c, nil
}

// Cluster returns the mentions and sources of a cluster (zero when it
// does not exist).
func (s *DB) Cluster(ctx context.Context, id string) (mentions, sources int, err error) {
	err = s.db.QueryRowContext(ctx, s.q("SELECT mentions, sources FROM clusters WHERE id = ?"), id).Scan(&mentions, &sources)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("store: cluster %s: %w", id, err)
	}
	return mentions, sources, nil
}

// FilterError is a filter field whose value is not accepted. Field is the
// field's name as the command line and the API spell it (from, category,
// sort); Want says what is accepted.
type FilterError struct {
	Field, Value, Want string
}

func (e *FilterError) Error() string { return fmt.Sprintf("%s %q: %s", e.Field, e.Value, e.Want) }

// maxWords bounds the free-text fields of a filter.
const maxWords = 200

// dateShape is the shape of a filter date: YYYY, YYYY-MM or YYYY-MM-DD.
var dateShape = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// codeShape is the shape of an exact actor code (USA, NER, USAGOV, IGO).
var codeShape = regexp.MustCompile(`^[A-Za-z0-9]{2,12}$`)

// IsActorCode reports whether c has the shape of an exact actor code: 2 to
// 12 letters or digits (USA, NER, USAGOV, IGO).
func IsActorCode(c string) bool { return codeShape.MatchString(c) }

// dateSpan returns the first and last day a filter date (YYYY, YYYY-MM or
// YYYY-MM-DD, a real calendar date) covers.
func dateSpan(v string) (first, last time.Time, ok bool) {
	if !dateShape.MatchString(v) {
		return first, last, false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(v)]
	first, err := time.Parse(layout, v)
	if err != nil {
		return first, last, false
	}
	switch len(v) {
	case 4:
		last = first.AddDate(1, 0, -1)
	case 7:
		last = first.AddDate(0, 1, -1)
	default:
		last = first
	}
	return first, last, true
}

// checkDates checks a from/to pair: real calendar dates, from no later
// than to.
func checkDates(from, to string) error {
	const want = "want a calendar date as YYYY-MM-DD, YYYY-MM or YYYY (such as 2024-05-19)"
	var first, last time.Time
	if from != "" {
		var ok bool
		if first, _, ok = dateSpan(from); !ok {
			return &FilterError{"from", from, want}
		}
	}
	if to != "" {
		var ok bool
		if _, last, ok = dateSpan(to); !ok {
			return &FilterError{"to", to, want}
		}
	}
	if from != "" && to != "" && first.After(last) {
		return &FilterError{"from", from, fmt.Sprintf("is after to %q; want from no later than to", to)}
	}
	return nil
}

// words checks a free-text field: printable, at most maxWords characters.
func words(field, v, what string) error {
	if utf8.RuneCountInString(v) > maxWords || !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
		return &FilterError{field, v, fmt.Sprintf("want %s, at most %d printable characters", what, maxWords)}
	}
	return nil
}

// allModes lists every mode of every category, sorted, once each.
func allModes() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range plover.Categories() {
		for _, m := range plover.Modes(c) {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Validate checks every field of f and puts codes in their canonical case
// (category, sector and country upper, mode and context lower). It returns
// a *FilterError for the first field it does not accept. The command line,
// the API and the pages all check filters with it.
func (f *Filter) Validate() error {
	typed := *f // errors quote what the user typed, not its canonical case
	f.Category = strings.ToUpper(strings.TrimSpace(f.Category))
	f.Sector = strings.ToUpper(strings.TrimSpace(f.Sector))
	f.Country = strings.ToUpper(strings.TrimSpace(f.Country))
	f.Mode = strings.ToLower(strings.TrimSpace(f.Mode))
	f.Context = strings.ToLower(strings.TrimSpace(f.Context))
	f.Quad = strings.TrimSpace(f.Quad)
	f.From, f.To = strings.TrimSpace(f.From), strings.TrimSpace(f.To)
	for _, w := range []struct{ field, v, what string }{
		{"actor", f.Actor, "an actor code prefix (USA, USAGOV) or words of the actor's name"},
		{"recipient", f.Recipient, "a recipient code prefix (NER, NERMIL) or words of its name"},
		{"place", f.Place, "words of the event's place"},
		{"source", f.Source, "words of the outlet"},
		{"text", f.Text, "words of the sentence"},
		{"doc", f.DocID, "a document id"},
		{"cluster", f.Cluster, "a cluster id"},
	} {
		if err := words(w.field, w.v, w.what); err != nil {
			return err
		}
	}
	for _, c := range Values(f.Country) {
		if len(c) != 3 || strings.ContainsFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) {
			return &FilterError{"country", typed.Country, "want an ISO 3166 three-letter country code such as NER or USA (or several, separated by commas)"}
		}
	}
	for _, x := range Values(f.Sector) {
		if !plover.IsSector(x) {
			return &FilterError{"sector", typed.Sector, "want a PLOVER sector: " + strings.Join(plover.Sectors(), ", ") + " (or several, separated by commas)"}
		}
	}
	cats := Values(f.Category)
	for _, x := range cats {
		if !plover.IsCategory(x) {
			return &FilterError{"category", typed.Category, "want a PLOVER category: " + strings.Join(plover.Categories(), ", ") + " (or several, separated by commas)"}
		}
	}
	for _, m := range Values(f.Mode) {
		var modes []string
		for _, c := range cats {
			modes = append(modes, plover.Modes(c)...)
		}
		switch {
		case len(cats) > 0 && len(modes) == 0:
			return &FilterError{"mode", typed.Mode, fmt.Sprintf("category %s has no modes; leave mode out", f.Category)}
		case len(cats) > 0 && !slices.Contains(modes, m):
			return &FilterError{"mode", typed.Mode, fmt.Sprintf("want a mode of %s: %s", f.Category, strings.Join(modes, ", "))}
		case len(cats) == 0 && !slices.Contains(allModes(), m):
			return &FilterError{"mode", typed.Mode, "want a PLOVER mode: " + strings.Join(allModes(), ", ")}
		}
	}
	for _, x := range Values(f.Context) {
		if !plover.IsContext(x) {
			return &FilterError{"context", typed.Context, "want a PLOVER context: " + strings.Join(plover.Contexts(), ", ") + " (or several, separated by commas)"}
		}
	}
	for _, x := range Values(f.Quad) {
		if x != "1" && x != "2" && x != "3" && x != "4" {
			return &FilterError{"quad", typed.Quad, "want quad classes 1 to 4 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), separated by commas"}
		}
	}
	if err := checkDates(f.From, f.To); err != nil {
		return err
	}
	if _, err := order(f.Sort); err != nil {
		return &FilterError{"sort", f.Sort, "want date, -date, goldstein, -goldstein, mentions or -mentions"}
	}
	if f.Limit < 0 {
		return &FilterError{"limit", strconv.Itoa(f.Limit), "want a number of events, 0 for all"}
	}
	return nil
}

// Validate checks a pair's codes (2 to 12 letters or digits, put in upper
// case) and dates the way Filter.Validate does; it returns a *FilterError.
func (p *Pair) Validate() error {
	for _, c := range []struct {
		field string
		v     *string
	}{{"a", &p.A}, {"b", &p.B}} {
		if *c.v != "" && !IsActorCode(*c.v) {
			return &FilterError{c.field, *c.v, "want an actor code of 2 to 12 letters or digits, such as USA or NER"}
		}
		*c.v = strings.ToUpper(*c.v)
	}
	p.From, p.To = strings.TrimSpace(p.From), strings.TrimSpace(p.To)
	switch p.Dir = strings.ToLower(strings.TrimSpace(p.Dir)); p.Dir {
	case "", "both", "ab", "ba":
	default:
		return &FilterError{"dir", p.Dir, "want ab (what A did to B), ba (what B did to A) or both"}
	}
	return checkDates(p.From, p.To)
}
