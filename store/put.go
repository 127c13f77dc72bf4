package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"dyad/document"
	"dyad/plover"
)

// DocID returns the ID a document is stored under: its own ID, or one made
// from its URL or, lacking that, from its text.
func DocID(d document.Document) string {
	if d.ID != "" {
		return d.ID
	}
	if d.URL != "" {
		return "u-" + Hash(d.URL)[:16]
	}
	return "h-" + Hash(d.Text)[:16]
}

// findQuery finds the stored document an item is: the one with its ID
// (kind 0), else the one with its URL (kind 1), else the first by ID with
// its text (kind 2, a reprint). Its three terms use the primary key,
// document_sources_url and documents_hash.
const findQuery = `SELECT id, hash, 0 FROM documents WHERE id = ?
	UNION ALL SELECT d.id, d.hash, 1 FROM document_sources s JOIN documents d ON d.id = s.doc_id WHERE s.url = ? AND s.url <> ''
	UNION ALL SELECT id, hash, 2 FROM documents WHERE hash = ?
	ORDER BY 3, 1 LIMIT 1`

// Kinds of findQuery's answers.
const (
	byID = iota
	byURL
	byText
)

// find runs findQuery on st; found is false when no document matches.
func find(ctx context.Context, st *sql.Stmt, id, url, hash string) (have, haveHash string, kind int, found bool, err error) {
	err = st.QueryRowContext(ctx, id, url, hash).Scan(&have, &haveHash, &kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", 0, false, nil
	}
	return have, haveHash, kind, err == nil, err
}

// Check says whether a document needs coding: Known when the store holds
// this text under the key's ID or URL (or, for a key without Hash, any text
// there), Conflict when it holds another text there, Reprint when it holds
// the text under another document, New otherwise.
func (s *DB) Check(ctx context.Context, k Key) (Status, error) {
	hash := k.Hash
	if hash == "" {
		hash = "-" // matches no stored text
	}
	_, h, kind, found, err := find(ctx, s.find, k.ID, k.URL, hash)
	switch {
	case err != nil:
		return 0, fmt.Errorf("store: check %s: %w", strings.TrimSpace(k.ID+" "+k.URL), err)
	case !found:
		return New, nil
	case kind == byText:
		return Reprint, nil
	case h == k.Hash || k.Hash == "":
		return Known, nil
	}
	return Conflict, nil
}

// writer holds a transaction, the statements prepared on it, and the
// clusters whose counts its writes changed.
type writer struct {
	s         *DB
	conn      *sql.Conn   // tx's
	release   func(error) // gives conn back
	tx        *sql.Tx
	find      *sql.Stmt
	insSource *sql.Stmt
	docClus   *sql.Stmt
	delClus   *sql.Stmt
	// Rows waiting to be written many to a statement, and the documents
	// among them by ID, URL and text (hash), whose lookups must wait
	// until they are written.
	documents, sources, events, actors, dyads, pairs, sentences rows
	queuedIDs, queuedURLs, queuedTexts                          map[string]bool
	// On SQLite, the counts the queued rows add to pair_months,
	// pair_quads, dyad_months and actor_names, written with them one row
	// per key.
	counts  *counts
	now     string
	touched map[string]bool // clusters to recount before commit
	emptied map[string]bool // of those, the ones that may have no events left
}

func (s *DB) begin(ctx context.Context) (*writer, error) {
	if s.ckpt != nil {
		s.ckpt.beforeWrite(ctx)
	}
	// The writer keeps its connection, so that on PostgreSQL it can COPY
	// rows in the transaction.
	conn, release, err := s.writerConn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		release(err)
		return nil, err
	}
	if s.d.advisory {
		// One writer at a time, as SQLite has: writers that took row locks
		// in different orders (documents, sources, clusters) deadlocked.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", writeLock); err != nil {
			tx.Rollback()
			release(err)
			return nil, err
		}
	}
	w := &writer{s: s, conn: conn, release: release, tx: tx, now: time.Now().UTC().Format(time.RFC3339),
		touched: map[string]bool{}, emptied: map[string]bool{},
		queuedIDs: map[string]bool{}, queuedURLs: map[string]bool{}, queuedTexts: map[string]bool{},
		documents: newRows("documents", "id, title, url, source, published, text, hash, ingested_at, coded_at", ""),
		sources:   newRows("document_sources", "doc_id, ref, url, outlet, origin, first_seen", " ON CONFLICT DO NOTHING"),
		events: newRows("events", `doc_id, ord, id, date, date_precision, deadline, category, categories, modes, contexts,
			quad_code, event_scale, goldstein, cameo, actor, actor_sector, recipient, recipient_sector,
			place, resolved_place, country_code, lat, lon, text, seq, text_start, text_end,
			cite_url, cite_title, cite_publication, coder, codebook, rule, cluster_id, record`, ""),
		actors:    newRows("actors", "doc_id, ord, role, idx, code, sector, entity_text, identifier_text, office, start_off, end_off", ""),
		dyads:     newRows("dyad_events", "a, b, dir, date, doc_id, ord, quad, scale, gold", ""),
		pairs:     newRows("event_pairs", "a, b, date, doc_id, ord, quad, scale, gold", ""),
		sentences: newRows("sentences", "doc_id, seq, start_off, end_off, text", ""),
	}
	if !s.d.dollar {
		w.counts = newCounts()
		// Their primary keys (WITHOUT ROWID). PostgreSQL copies them
		// as they come: sorted, its ingest was slower.
		w.dyads.key, w.pairs.key = 6, 5
		for _, r := range w.tables() {
			r.failFast()
		}
	}
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, s.q(q))
		return st
	}
	w.find = tx.StmtContext(ctx, s.find)
	w.insSource = prep(`INSERT INTO document_sources (doc_id, ref, url, outlet, origin, first_seen)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	w.docClus = prep("SELECT DISTINCT cluster_id FROM events WHERE doc_id = ?")
	w.delClus = prep("DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE cluster_id = ?)")
	if err != nil {
		w.rollback()
		return nil, err
	}
	return w, nil
}

// rows are rows of one table waiting to be inserted.
type rows struct {
	table   string
	columns []string
	insert  string // INSERT INTO table (columns) VALUES
	suffix  string // after the values: ON CONFLICT ...
	args    []any
	// key is the number of leading columns that make the table's
	// primary key, when its rows are stored in that order (SQLite's
	// WITHOUT ROWID tables) and written so (sortByKey); 0 for a table
	// written in the order its rows come.
	key int
}

// sortByKey puts r's rows in the order of their key: a B-tree keyed
// by actor pair then takes a batch's rows page by page, each page
// read and written once, where in the order they come each row lands
// on a page of its own and a small page cache writes it out and reads
// it back again and again.
func (r *rows) sortByKey() {
	width := len(r.columns)
	n := len(r.args) / width
	if r.key == 0 || n < 2 {
		return
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := r.args[i*width:i*width+r.key], r.args[j*width:j*width+r.key]
		for k := range a {
			if c := compareValues(a[k], b[k]); c != 0 {
				return c
			}
		}
		return 0
	})
	sorted := make([]any, 0, len(r.args))
	for _, i := range order {
		sorted = append(sorted, r.args[i*width:(i+1)*width]...)
	}
	r.args = sorted
}

// compareValues orders two key values of one column: strings or ints.
func compareValues(a, b any) int {
	switch x := a.(type) {
	case string:
		return cmp.Compare(x, b.(string))
	case int:
		return cmp.Compare(x, b.(int))
	}
	panic(fmt.Sprintf("store: no order for a %T key", a))
}

// newRows returns the rows of table with columns (separated by commas)
// and, after their values, suffix.
func newRows(table, columns, suffix string) rows {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = strings.TrimSpace(c)
	}
	return rows{table: table, columns: cols, suffix: suffix,
		insert: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "}
}

// failFast makes r's INSERT stop at a row that breaks a constraint and
// keep the rows before it (SQLite's OR FAIL), where the default (ABORT)
// undoes the statement: for that SQLite writes each page a statement
// changes to a statement journal first, a sixth of the writer's time.
// The writer never keeps what is left of a failed INSERT: it rolls back
// the transaction, or the item's savepoint (Put). Rows with a conflict
// clause (an upsert) keep it.
func (r *rows) failFast() {
	if r.suffix == "" {
		r.insert = "INSERT OR FAIL" + strings.TrimPrefix(r.insert, "INSERT")
	}
}

// add queues a row; vals are its values, one a column.
func (r *rows) add(vals ...any) { r.args = append(r.args, vals...) }

// rowsPerInsert bounds the rows of one INSERT (SQLite allows 32,766
// parameters, PostgreSQL 65,535).
const rowsPerInsert = 500

// flushRows inserts the queued documents, their sources, events, actors
// and sentences, many rows to a statement: on PostgreSQL a statement is a
// round trip, and the rows of a table without a conflict clause are
// copied (COPY), all of them in one.
func (w *writer) flushRows(ctx context.Context) error {
	clear(w.queuedIDs)
	clear(w.queuedURLs)
	clear(w.queuedTexts)
	if w.counts != nil {
		w.counts.queue()
	}
	for _, r := range w.tables() {
		r.sortByKey()
		if len(r.args) > 0 && w.s.d.copy && r.suffix == "" {
			if err := w.copyRows(ctx, r); err != nil {
				return fmt.Errorf("%s: %w", r.table, err)
			}
		}
		width := len(r.columns)
		for len(r.args) > 0 {
			n := min(len(r.args)/width, rowsPerInsert)
			var err error
			if n == rowsPerInsert {
				var st *sql.Stmt
				if st, err = w.s.fullInsert(ctx, r); err == nil {
					_, err = w.tx.StmtContext(ctx, st).ExecContext(ctx, r.args[:n*width]...)
				}
			} else {
				_, err = w.tx.ExecContext(ctx, w.s.q(r.insert+placeholders(n, width)+r.suffix), r.args[:n*width]...)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", r.table, err)
			}
			r.args = r.args[n*width:]
		}
		r.args = nil
	}
	return nil
}

// fullInsert returns the INSERT of rowsPerInsert of r's rows, prepared
// on the database the first time it is asked for: database/sql then
// prepares it once on each connection, where a statement run as it is
// would be parsed again by every batch (a twentieth of the writer's time
// on SQLite).
func (s *DB) fullInsert(ctx context.Context, r *rows) (*sql.Stmt, error) {
	key := r.insert + r.suffix
	s.insertsMu.Lock()
	defer s.insertsMu.Unlock()
	if st, ok := s.inserts[key]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, s.q(r.insert+placeholders(rowsPerInsert, len(r.columns))+r.suffix))
	if err != nil {
		return nil, err
	}
	if s.inserts == nil {
		s.inserts = map[string]*sql.Stmt{}
	}
	s.inserts[key] = st
	return st, nil
}

// copyRows copies r's rows into its table with PostgreSQL's COPY, on the
// writer's connection and so in its transaction.
func (w *writer) copyRows(ctx context.Context, r *rows) error {
	width := len(r.columns)
	err := w.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: a %T, not a pgx connection", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{r.table}, r.columns,
			pgx.CopyFromSlice(len(r.args)/width, func(i int) ([]any, error) { return r.args[i*width : (i+1)*width], nil }))
		return err
	})
	r.args = nil
	return err
}

// dropRows forgets the queued rows.
func (w *writer) dropRows() {
	clear(w.queuedIDs)
	clear(w.queuedURLs)
	clear(w.queuedTexts)
	for _, r := range w.tables() {
		r.args = nil
	}
	if w.counts != nil {
		w.counts.reset()
	}
}

// tables returns the rows waiting to be written, in the order they are:
// a document before what refers to it, the counts last.
func (w *writer) tables() []*rows {
	t := []*rows{&w.documents, &w.sources, &w.events, &w.actors, &w.dyads, &w.pairs, &w.sentences}
	if w.counts != nil {
		t = append(t, &w.counts.pairRows, &w.counts.quadRows, &w.counts.dyadRows, &w.counts.nameRows)
	}
	return t
}

// placeholders returns n rows of width ? placeholders: (?,?),(?,?).
func placeholders(n, width int) string {
	row := "(" + strings.Repeat("?,", width-1) + "?)"
	var b strings.Builder
	b.Grow(n * (len(row) + 1))
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

func (w *writer) rollback() {
	w.release(w.tx.Rollback())
}

// commit writes the queued rows, recounts the clusters the transaction
// touched and commits it.
func (w *writer) commit(ctx context.Context) error {
	if err := w.flushRows(ctx); err != nil {
		w.rollback()
		return err
	}
	if err := w.recount(ctx); err != nil {
		w.rollback()
		return err
	}
	err := w.tx.Commit()
	w.release(err)
	if err == nil && w.s.ckpt != nil {
		w.s.ckpt.committed()
	}
	return err
}

// writeLock is the PostgreSQL advisory lock every write transaction holds.
const writeLock = 7401002

// maxTries bounds how often a write transaction is tried again after the
// database gave it up to a serialization failure, a deadlock or a lock it
// could not get in time.
const maxTries = 8

// retryable reports whether err is a transient failure of a transaction
// that may succeed when tried again: PostgreSQL's serialization failure
// (40001) or deadlock (40P01), SQLite's busy or locked database.
func retryable(err error) bool {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		return pg.SQLState() == "40001" || pg.SQLState() == "40P01"
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		c := lite.Code() & 0xff // the primary result code
		return c == 5 || c == 6 // SQLITE_BUSY, SQLITE_LOCKED
	}
	return false
}

// retry runs fn until it succeeds, fails for good, or has failed maxTries
// times with transient errors, waiting a little longer after each.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for try := range maxTries {
		if err = fn(); err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(try+1) * 10 * time.Millisecond):
		}
	}
	return err
}

// errCareful says a batch written without savepoints had an item fail
// after it wrote: the batch is written again, each item in a savepoint.
var errCareful = errors.New("an item failed after writing")

// errEmptyText refuses a document without text.
var errEmptyText = errors.New("empty text")

// refusedUnwritten reports whether err is put's refusal of an item before
// it wrote anything, which needs nothing rolled back.
func refusedUnwritten(err error) bool {
	return errors.Is(err, ErrConflict) || errors.Is(err, ErrTextNotStored) || errors.Is(err, errEmptyText)
}

// Put stores a batch of documents with their events in one transaction, each
// item all or nothing: an item that fails is rolled back alone and reported
// in its Result, and the others are stored. The error is for the batch as a
// whole (the database could not be written), in which case nothing is
// stored. A transaction the database gives up on (a deadlock, a busy
// database) is tried again.
func (s *DB) Put(ctx context.Context, items []Item) ([]Result, error) {
	res := make([]Result, len(items))
	if len(items) == 0 {
		return res, nil
	}
	err := retry(ctx, func() error {
		// Items are written without savepoints, which cost a write of
		// every page they touch, unless one fails after writing.
		err := s.put(ctx, items, res, false)
		if errors.Is(err, errCareful) {
			err = s.put(ctx, items, res, true)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: put: %w", err)
	}
	return res, nil
}

// put is one try of Put; it fills res. Unless careful it returns
// errCareful, having written nothing, when an item fails after writing.
func (s *DB) put(ctx context.Context, items []Item, res []Result, careful bool) error {
	w, err := s.begin(ctx)
	if err != nil {
		return err
	}
	for i, it := range items {
		if careful {
			if _, err := w.tx.ExecContext(ctx, "SAVEPOINT item"); err != nil {
				w.rollback()
				return err
			}
		}
		id, out, err := w.put(ctx, it)
		if err == nil && careful {
			err = w.flushRows(ctx)
		}
		switch {
		case err == nil:
			res[i] = Result{DocID: id, Outcome: out}
		case retryable(err):
			w.rollback()
			return err
		case !careful && !refusedUnwritten(err):
			w.rollback()
			return errCareful
		default:
			if careful {
				w.dropRows()
				if _, rerr := w.tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT item"); rerr != nil {
					w.rollback()
					return rerr
				}
			}
			res[i] = Result{DocID: id, Err: fmt.Errorf("store: put %s: %w", id, err)}
		}
		if careful {
			if _, err := w.tx.ExecContext(ctx, "RELEASE SAVEPOINT item"); err != nil {
				w.rollback()
				return err
			}
		}
	}
	if err := w.flushRows(ctx); err != nil {
		// The rows of some item the database refused.
		w.rollback()
		if !careful && !retryable(err) {
			return errCareful
		}
		return err
	}
	if err := w.commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (w *writer) put(ctx context.Context, it Item) (string, Outcome, error) {
	d := it.Doc
	id := DocID(d)
	if strings.TrimSpace(d.Text) == "" {
		return id, 0, errEmptyText
	}
	hash := Hash(d.Text)
	tx := w.tx
	q := w.s.q
	if w.queuedIDs[id] || w.queuedURLs[d.URL] || w.queuedTexts[hash] {
		// The document or its text is queued in this batch: write the
		// queue so that the lookup finds it.
		if err := w.flushRows(ctx); err != nil {
			return id, 0, err
		}
	}
	have, haveHash, kind, found, err := find(ctx, w.find, id, d.URL, hash)
	switch {
	case err != nil:
		return id, 0, err
	case found && kind == byText:
		// Another document with the same text: a reprint.
		added, err := w.addSource(ctx, have, it)
		if err != nil {
			return have, 0, err
		}
		if added {
			clusters, err := w.docClusters(ctx, have)
			if err != nil {
				return have, 0, err
			}
			w.touch(clusters...)
		}
		return have, Duplicate, nil
	case found:
		// The same document, by ID or URL.
		if haveHash != hash && !it.Replace {
			// Another text under this ID or URL: another document, or a
			// new version of this one. Either way the stored one stays
			// unless the caller asked for it to be replaced.
			from, err := w.firstOrigin(ctx, have)
			if err != nil {
				return have, 0, err
			}
			return have, 0, &ConflictError{ID: have, URL: d.URL, StoredFrom: from}
		}
		if haveHash != hash {
			// A replacement: the sources of the old text are not
			// sources of the new one.
			clusters, err := w.docClusters(ctx, have)
			if err != nil {
				return have, 0, err
			}
			w.touch(clusters...)
			if _, err := tx.ExecContext(ctx, q("DELETE FROM document_sources WHERE doc_id = ?"), have); err != nil {
				return have, 0, err
			}
		}
		added, err := w.addSource(ctx, have, it)
		if err != nil {
			return have, 0, err
		}
		if haveHash == hash && !it.Force {
			if added {
				// Another URL for the same document: its events are
				// mentioned once more.
				clusters, err := w.docClusters(ctx, have)
				if err != nil {
					return have, 0, err
				}
				w.touch(clusters...)
			}
			return have, Unchanged, nil
		}
		if _, err := tx.ExecContext(ctx, q(`UPDATE documents SET title = ?, url = ?, source = ?, published = ?, text = ?, hash = ?
			WHERE id = ?`), d.Title, d.URL, d.Source, dateString(d.Date), d.Text, hash, have); err != nil {
			return have, 0, err
		}
		if err := w.replaceEvents(ctx, have, it.Events); err != nil {
			return have, 0, err
		}
		return have, Replaced, nil
	case it.Reprint:
		return id, 0, ErrTextNotStored
	}
	// A new document: queued with its source and events.
	w.documents.add(id, d.Title, d.URL, d.Source, dateString(d.Date), d.Text, hash, w.now, w.now)
	w.sources.add(sourceRow(id, it, w.now)...)
	w.queuedIDs[id], w.queuedTexts[hash] = true, true
	if d.URL != "" {
		w.queuedURLs[d.URL] = true
	}
	if err := w.storeEvents(ctx, id, it.Events, true); err != nil {
		return id, 0, err
	}
	return id, Inserted, nil
}

// Outlet names the outlet of a document: its Source, else its URL's host
// without "www.", else "unknown".
func Outlet(d document.Document) string {
	if d.Source != "" {
		return d.Source
	}
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return "unknown"
}

// addSource records that the item's URL and outlet carry document docID;
// it reports whether the source is new.
func (w *writer) addSource(ctx context.Context, docID string, it Item) (bool, error) {
	r, err := w.insSource.ExecContext(ctx, sourceRow(docID, it, w.now)...)
	if err != nil {
		return false, err
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

// sourceRow is the document_sources row that says the item's URL and
// outlet carry document docID; its ref is the URL, or outlet#id without one.
func sourceRow(docID string, it Item, now string) []any {
	outlet := Outlet(it.Doc)
	ref := it.Doc.URL
	if ref == "" {
		ref = outlet + "#" + DocID(it.Doc)
	}
	return []any{docID, ref, it.Doc.URL, outlet, it.Origin, now}
}

// docClusters returns the clusters a stored document's events fall in.
func (w *writer) docClusters(ctx context.Context, docID string) ([]string, error) {
	if err := w.flushRows(ctx); err != nil { // the document's events may be queued
		return nil, err
	}
	rows, err := w.docClus.QueryContext(ctx, docID)
	if err != nil {
		return nil, fmt.Errorf("clusters of %s: %w", docID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("clusters of %s: %w", docID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clusters of %s: %w", docID, err)
	}
	return out, nil
}

// firstOrigin returns where a stored document was first seen (a file and
// line, a URL), or its first source's reference when no origin was
// recorded.
func (w *writer) firstOrigin(ctx context.Context, docID string) (string, error) {
	var origin, ref string
	err := w.tx.QueryRowContext(ctx, w.s.q("SELECT origin, ref FROM document_sources WHERE doc_id = ? ORDER BY first_seen, ref LIMIT 1"), docID).
		Scan(&origin, &ref)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if origin == "" {
		origin = ref
	}
	return origin, nil
}

// ReplaceEvents replaces a stored document's events in one transaction.
func (s *DB) ReplaceEvents(ctx context.Context, docID string, events []plover.Event) error {
	if err := retry(ctx, func() error { return s.replaceEvents(ctx, docID, events) }); err != nil {
		return fmt.Errorf("store: replace events %s: %w", docID, err)
	}
	return nil
}

// replaceEvents is one try of ReplaceEvents.
func (s *DB) replaceEvents(ctx context.Context, docID string, events []plover.Event) error {
	w, err := s.begin(ctx)
	if err != nil {
		return err
	}
	var n int
	if err := w.tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM documents WHERE id = ?"), docID).Scan(&n); err != nil || n == 0 {
		w.rollback()
		if err == nil {
			err = ErrNotFound
		}
		return err
	}
	if err := w.replaceEvents(ctx, docID, events); err != nil {
		w.rollback()
		return err
	}
	return w.commit(ctx)
}

// ClusterKey returns the key that groups reports of one real-world event:
// its day, first actor code, first recipient code and first category.
func ClusterKey(e plover.Event) string {
	return day(e.Date) + "|" + first(e.Actor).Code + "|" + first(e.Recipient).Code + "|" + firstString(e.Event)
}

// ClusterID returns the ID of the cluster an event falls in.
func ClusterID(e plover.Event) string { return "c-" + Hash(ClusterKey(e))[:16] }

func day(date string) string {
	if len(date) > 10 {
		return date[:10]
	}
	return date
}

func first(es []plover.Entity) plover.Entity {
	if len(es) == 0 {
		return plover.Entity{}
	}
	return es[0]
}

func firstString(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// bars joins values as |a|b| so that one can be matched with LIKE '%|a|%'.
func bars(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return "|" + strings.Join(ss, "|") + "|"
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (w *writer) replaceEvents(ctx context.Context, docID string, events []plover.Event) error {
	return w.storeEvents(ctx, docID, events, false)
}

// storeEvents writes a document's events, actors and sentences and
// recounts their clusters; unless fresh (a document inserted in this
// transaction) it first removes what the document had.
func (w *writer) storeEvents(ctx context.Context, docID string, events []plover.Event, fresh bool) error {
	tx, q := w.tx, w.s.q
	if !fresh {
		clusters, err := w.docClusters(ctx, docID)
		if err != nil {
			return err
		}
		w.touch(clusters...)
		for _, c := range clusters {
			w.emptied[c] = true
		}
		for _, st := range []string{"DELETE FROM actors WHERE doc_id = ?", "DELETE FROM events WHERE doc_id = ?", "DELETE FROM sentences WHERE doc_id = ?"} {
			if _, err := tx.ExecContext(ctx, q(st), docID); err != nil {
				return err
			}
		}
	}
	var seqs []int
	for ord, e := range events {
		e.DocID = docID
		rec, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("event %d: %w", ord, err)
		}
		cid := ClusterID(e)
		w.touch(cid)
		a, r := first(e.Actor), first(e.Recipient)
		var place, resolved, cc string
		var lat, lon sql.NullFloat64
		if l := e.EventLoc; l != nil {
			place, resolved, cc = l.ExtractedPlace, l.ResolvedPlace, l.CountryCode
			lat = sql.NullFloat64{Float64: l.Lat, Valid: true}
			lon = sql.NullFloat64{Float64: l.Lon, Valid: true}
		}
		w.events.add(docID, ord, e.ID, e.Date, e.DatePrecision, e.Deadline,
			firstString(e.Event), bars(e.Event), bars(e.Mode), bars(e.Context),
			e.QuadCode, e.EventScale, e.Goldstein, e.Cameo, a.Code, a.Sector, r.Code, r.Sector,
			place, resolved, cc, lat, lon, e.Text, e.TextInfo.Sequence, e.TextInfo.Start, e.TextInfo.End,
			e.CiteInfo.URL, e.CiteInfo.Title, e.CiteInfo.Publication, e.CiteInfo.Coder, e.CiteInfo.Codebook,
			e.Rule, cid, string(rec))
		for _, role := range []struct {
			name string
			list []plover.Entity
		}{{"actor", e.Actor}, {"recipient", e.Recipient}, {"attribution", e.Attribution}} {
			for i, en := range role.list {
				w.actors.add(docID, ord, role.name, i, en.Code, en.Sector,
					en.EntityText, en.IdentifierText, en.Office, en.Start, en.End)
				if w.counts != nil && en.Code != "" {
					name := en.IdentifierText
					if name == "" {
						name = en.EntityText
					}
					w.counts.names[nameKey{en.Code, name}]++
				}
			}
		}
		month := monthOf(e.Date)
		for _, d := range Dyads(e) {
			w.dyads.add(d.A, d.B, d.Dir, e.Date, docID, ord, e.QuadCode, e.EventScale, e.Goldstein)
			if w.counts != nil {
				addMonth(w.counts.dyads, monthKey{d.A, d.B, d.Dir, month, e.QuadCode}, e)
			}
		}
		for _, p := range EventPairs(e) {
			w.pairs.add(p[0], p[1], e.Date, docID, ord, e.QuadCode, e.EventScale, e.Goldstein)
			if w.counts != nil {
				addMonth(w.counts.pairs, monthKey{p[0], p[1], "", month, e.QuadCode}, e)
				addMonth(w.counts.quads, monthKey{p[0], p[1], "", "", e.QuadCode}, e)
			}
		}
		// A sentence with several events is stored once, as it is first
		// given.
		if !slices.Contains(seqs, e.TextInfo.Sequence) {
			seqs = append(seqs, e.TextInfo.Sequence)
			w.sentences.add(docID, e.TextInfo.Sequence, e.TextInfo.Start, e.TextInfo.End, e.Text)
		}
	}
	if !fresh {
		if _, err := tx.ExecContext(ctx, q("UPDATE documents SET coded_at = ? WHERE id = ?"), w.now, docID); err != nil {
			return err
		}
	}
	return nil
}

// touch notes clusters whose counts the transaction changes.
func (w *writer) touch(ids ...string) {
	for _, id := range ids {
		w.touched[id] = true
	}
}

// recountQuery recounts n clusters, given their IDs.
func recountQuery(n int) string {
	return `INSERT INTO clusters (id, date, actor, recipient, category, mentions, sources)
		SELECT e.cluster_id, MIN(SUBSTR(e.date, 1, 10)), MIN(e.actor), MIN(e.recipient), MIN(e.category), COUNT(*), COUNT(DISTINCT s.outlet)
		FROM events e JOIN document_sources s ON s.doc_id = e.doc_id WHERE e.cluster_id IN ` + placeholders(1, n) + `
		GROUP BY e.cluster_id
		ON CONFLICT (id) DO UPDATE SET mentions = excluded.mentions, sources = excluded.sources`
}

// recount recounts the clusters the transaction touched from the events
// that fall in them (found by events_cluster, their documents' sources by
// the primary key), many clusters to a statement, and removes those left
// empty. The events of a cluster share its day, actor, recipient and
// category.
func (w *writer) recount(ctx context.Context) error {
	ids := make([]any, 0, len(w.touched))
	for id := range w.touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].(string) < ids[j].(string) })
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert)
		if _, err := w.tx.ExecContext(ctx, w.s.q(recountQuery(n)), ids[:n]...); err != nil {
			return fmt.Errorf("clusters: %w", err)
		}
		ids = ids[n:]
	}
	for id := range w.emptied {
		if _, err := w.delClus.ExecContext(ctx, id, id); err != nil {
			return fmt.Errorf("cluster %s: %w", id, err)
		}
	}
	clear(w.touched)
	clear(w.emptied)
	return nil
}

// Document returns a stored document.
func (s *DB) Document(ctx context.Context, id string) (document.Document, error) {
	var d document.Document
	var pub string
	err := s.db.QueryRowContext(ctx, s.q("SELECT id, title, url, source, published, text FROM documents WHERE id = ?"), id).
		Scan(&d.ID, &d.Title, &d.URL, &d.Source, &pub, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("store: document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("store: document %s: %w", id, err)
	}
	if pub != "" {
		if d.Date, err = time.Parse(time.RFC3339, pub); err != nil {
			return d, fmt.Errorf("store: document %s: stored publication date %q is not RFC 3339: %w", id, pub, err)
		}
	}
	return d, nil
}

// DocumentIDs returns the IDs of all stored documents, sorted.
func (s *DB) DocumentIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM documents ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: document ids: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: document ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: document ids: %w", err)
	}
	return ids, nil
}

// Sentences returns the stored sentences of a document in order.
func (s *DB) Sentences(ctx context.Context, docID string) ([]Sentence, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT seq, start_off, end_off, text FROM sentences WHERE doc_id = ? ORDER BY seq"), docID)
	if err != nil {
		return nil, fmt.Errorf("store: sentences %s: %w", docID, err)
	}
	defer rows.Close()
	var out []Sentence
	for rows.Next() {
		var x Sentence
		if err := rows.Scan(&x.Seq, &x.Start, &x.End, &x.Text); err != nil {
			return nil, fmt.Errorf("store: sentences %s: %w", docID, err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Sources returns the outlets and URLs a document was seen under, as
// "outlet url" strings in order of first sight.
func (s *DB) Sources(ctx context.Context, docID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT outlet, url FROM document_sources WHERE doc_id = ? ORDER BY first_seen, ref"), docID)
	if err != nil {
		return nil, fmt.Errorf("store: sources %s: %w", docID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var o, u string
		if err := rows.Scan(&o, &u); err != nil {
			return nil, fmt.Errorf("store: sources %s: %w", docID, err)
		}
		out = append(out, strings.TrimSpace(o+" "+u))
	}
	return out, rows.Err()
}

// FetchState returns what is remembered about url (the zero state if
// nothing).
func (s *DB) FetchState(ctx context.Context, u string) (FetchState, error) {
	st := FetchState{URL: u}
	var checked string
	err := s.db.QueryRowContext(ctx, s.q("SELECT etag, last_modified, checked_at FROM fetch_state WHERE url = ?"), u).
		Scan(&st.ETag, &st.LastModified, &checked)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("store: fetch state %s: %w", u, err)
	}
	if st.Checked, err = time.Parse(time.RFC3339, checked); err != nil {
		return st, fmt.Errorf("store: fetch state %s: stored check time %q is not RFC 3339: %w", u, checked, err)
	}
	return st, nil
}

// SetFetchState remembers the validators of a URL.
func (s *DB) SetFetchState(ctx context.Context, st FetchState) error {
	if st.Checked.IsZero() {
		st.Checked = time.Now()
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO fetch_state (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at`),
		st.URL, st.ETag, st.LastModified, st.Checked.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("store: set fetch state %s: %w", st.URL, err)
	}
	return nil
}

// writerConn returns the connection a write transaction runs on and the
// function that gives it back, told the transaction's last error. On
// SQLite, which has one writer at a time, every write transaction of s
// runs on one connection, kept with its page cache of writerCache: the
// pages of the indexes a batch adds to are in it when the next batch
// comes. On PostgreSQL it is a connection of the pool.
func (s *DB) writerConn(ctx context.Context) (*sql.Conn, func(error), error) {
	if s.d.dollar {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, nil, err
		}
		return conn, func(error) { conn.Close() }, nil
	}
	select {
	case s.writing <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	if s.wconn == nil {
		conn, err := s.db.Conn(ctx)
		if err == nil {
			_, err = conn.ExecContext(ctx, "PRAGMA cache_size = -"+strconv.Itoa(writerCache))
			if err != nil {
				conn.Close()
			}
		}
		if err != nil {
			<-s.writing
			return nil, nil, err
		}
		s.wconn = conn
	}
	return s.wconn, func(err error) {
		if errors.Is(err, driver.ErrBadConn) {
			s.wconn.Close()
			s.wconn = nil
		}
		<-s.writing
	}, nil
}

// writerCache is the page cache of SQLite's writer connection, in KiB:
// the pages of the indexes keyed by actor pair, cluster and date that a
// batch adds to, where the 2 MiB of other connections wrote pages out in
// the middle of a transaction and read them back.
const writerCache = 32 << 10
