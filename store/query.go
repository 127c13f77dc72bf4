package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const fromEvents = ` FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id`

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
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		add(`(SUBSTR(e.actor, 1, 3) = ? OR SUBSTR(e.recipient, 1, 3) = ? OR UPPER(e.country_code) = ?)`, c, c, c)
	}
	if f.Sector != "" {
		add(`EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND a.ord = e.ord
			AND a.role IN ('actor', 'recipient') AND UPPER(a.sector) = ?)`, strings.ToUpper(f.Sector))
	}
	for _, lf := range []struct{ col, v string }{{"e.categories", f.Category}, {"e.modes", f.Mode}, {"e.contexts", f.Context}} {
		if lf.v != "" {
			add(lf.col+` LIKE ? ESCAPE '\'`, "%|"+like(lf.v)+"|%")
		}
	}
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
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// order turns Filter.Sort into an ORDER BY clause.
func order(sort string) (string, error) {
	tail := ", e.doc_id, e.ord"
	switch sort {
	case "", "date":
		return " ORDER BY e.date" + tail, nil
	case "-date":
		return " ORDER BY e.date DESC" + tail, nil
	case "goldstein":
		return " ORDER BY e.goldstein, e.date" + tail, nil
	case "-goldstein":
		return " ORDER BY e.goldstein DESC, e.date" + tail, nil
	case "mentions":
		return " ORDER BY COALESCE(c.mentions, 0), e.date" + tail, nil
	case "-mentions":
		return " ORDER BY COALESCE(c.mentions, 0) DESC, e.date" + tail, nil
	}
	return "", fmt.Errorf("unknown sort %q (want date, -date, goldstein, -goldstein, mentions or -mentions)", sort)
}

// Each calls fn with every event the filter selects, in order, streaming
// from the database; it stops at fn's first error and returns it.
func (s *DB) Each(ctx context.Context, f Filter, fn func(Row) error) error {
	w, args := where(f)
	ord, err := order(f.Sort)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	query := "SELECT e.record, d.source, d.title, e.cluster_id, COALESCE(c.mentions, 0), COALESCE(c.sources, 0)" + fromEvents + w + ord
	if f.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Row
		var rec string
		if err := rows.Scan(&rec, &r.Source, &r.Title, &r.Cluster, &r.Mentions, &r.Sources); err != nil {
			return fmt.Errorf("store: query: %w", err)
		}
		if err := json.Unmarshal([]byte(rec), &r.Event); err != nil {
			return fmt.Errorf("store: query: stored event: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	return nil
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
