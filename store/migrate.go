package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// migration is one numbered step of the schema. Steps are never edited once
// released; a change is a new step.
type migration struct {
	version int
	name    string
	// On each backend, its own statements run first (sqlite or postgres),
	// then the common ones (stmts), then its own again (sqliteAfter or
	// postgresAfter).
	sqlite, postgres           []string
	stmts                      []string
	sqliteAfter, postgresAfter []string
}

// steps returns the statements of m for dialect d, in order.
func (m migration) steps(d dialect) []string {
	if d.name == postgresDialect.name {
		return append(append(slices.Clip(m.postgres), m.stmts...), m.postgresAfter...)
	}
	return append(append(slices.Clip(m.sqlite), m.stmts...), m.sqliteAfter...)
}

// eventPairsColumns are the columns of event_pairs: the pair's codes (b
// empty for the row of a single code), the event's date, key, quad class,
// PLOVER event scale and Goldstein score.
const eventPairsColumns = `a TEXT NOT NULL,
				b TEXT NOT NULL,
				date TEXT NOT NULL,
				doc_id TEXT NOT NULL,
				ord INTEGER NOT NULL,
				quad INTEGER NOT NULL,
				scale DOUBLE PRECISION NOT NULL,
				gold DOUBLE PRECISION NOT NULL`

// actorName is the name an actors row gives its code: the identifier's
// text, else the entity's; newName and oldName are the same for a trigger's
// NEW and OLD row.
const (
	actorName = `CASE WHEN identifier_text <> '' THEN identifier_text ELSE entity_text END`
	newName   = `CASE WHEN NEW.identifier_text <> '' THEN NEW.identifier_text ELSE NEW.entity_text END`
	oldName   = `CASE WHEN OLD.identifier_text <> '' THEN OLD.identifier_text ELSE OLD.entity_text END`
)

// otherActors selects, in an actors trigger, the other actors and
// recipients of NEW's event that make a pair with NEW.
const otherActors = `WHERE o.doc_id = NEW.doc_id AND o.ord = NEW.ord AND o.code <> ''
						AND o.role IN ('actor', 'recipient') AND NOT (o.role = NEW.role AND o.idx = NEW.idx)
						AND (o.role = 'actor' OR NEW.role = 'actor')`

// migrations is the schema history, oldest first. The SQL is common to
// SQLite and PostgreSQL.
func migrations() []migration {
	return []migration{{
		version: 1,
		name:    "documents, sources, sentences, events, actors, clusters, fetch state",
		stmts: []string{
			`CREATE TABLE documents (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL DEFAULT '',
				url TEXT NOT NULL DEFAULT '',
				source TEXT NOT NULL DEFAULT '',
				published TEXT NOT NULL DEFAULT '',
				text TEXT NOT NULL,
				hash TEXT NOT NULL,
				ingested_at TEXT NOT NULL,
				coded_at TEXT NOT NULL DEFAULT ''
			)`,
			`CREATE INDEX documents_hash ON documents(hash)`,
			// ref is the canonical URL, or outlet#id for a document without one.
			`CREATE TABLE document_sources (
				doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
				ref TEXT NOT NULL,
				url TEXT NOT NULL DEFAULT '',
				outlet TEXT NOT NULL,
				origin TEXT NOT NULL DEFAULT '',
				first_seen TEXT NOT NULL,
				PRIMARY KEY (doc_id, ref)
			)`,
			`CREATE UNIQUE INDEX document_sources_url ON document_sources(url) WHERE url <> ''`,
			`CREATE TABLE sentences (` + sentencesColumns + `)`,
			`CREATE TABLE events (
				doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
				ord INTEGER NOT NULL,
				id TEXT NOT NULL,
				date TEXT NOT NULL DEFAULT '',
				date_precision TEXT NOT NULL DEFAULT '',
				deadline TEXT NOT NULL DEFAULT '',
				category TEXT NOT NULL DEFAULT '',
				categories TEXT NOT NULL DEFAULT '',
				modes TEXT NOT NULL DEFAULT '',
				contexts TEXT NOT NULL DEFAULT '',
				quad_code INTEGER NOT NULL DEFAULT 0,
				event_scale DOUBLE PRECISION NOT NULL DEFAULT 0,
				goldstein DOUBLE PRECISION NOT NULL DEFAULT 0,
				cameo TEXT NOT NULL DEFAULT '',
				actor TEXT NOT NULL DEFAULT '',
				actor_sector TEXT NOT NULL DEFAULT '',
				recipient TEXT NOT NULL DEFAULT '',
				recipient_sector TEXT NOT NULL DEFAULT '',
				place TEXT NOT NULL DEFAULT '',
				resolved_place TEXT NOT NULL DEFAULT '',
				country_code TEXT NOT NULL DEFAULT '',
				lat DOUBLE PRECISION,
				lon DOUBLE PRECISION,
				text TEXT NOT NULL DEFAULT '',
				seq INTEGER NOT NULL DEFAULT 0,
				text_start INTEGER NOT NULL DEFAULT 0,
				text_end INTEGER NOT NULL DEFAULT 0,
				cite_url TEXT NOT NULL DEFAULT '',
				cite_title TEXT NOT NULL DEFAULT '',
				cite_publication TEXT NOT NULL DEFAULT '',
				coder TEXT NOT NULL DEFAULT '',
				codebook TEXT NOT NULL DEFAULT '',
				rule TEXT NOT NULL DEFAULT '',
				cluster_id TEXT NOT NULL,
				record TEXT NOT NULL,
				PRIMARY KEY (doc_id, ord)
			)`,
			`CREATE INDEX events_date ON events(date)`,
			`CREATE INDEX events_cluster ON events(cluster_id)`,
			`CREATE INDEX events_actor ON events(actor, recipient)`,
			`CREATE INDEX events_id ON events(id)`,
			// role is actor, recipient or attribution; idx the position in its list.
			`CREATE TABLE actors (` + actorsColumns + `)`,
			`CREATE INDEX actors_code ON actors(code)`,
			`CREATE TABLE clusters (` + clustersColumns + `)`,
			`CREATE TABLE fetch_state (
				url TEXT PRIMARY KEY,
				etag TEXT NOT NULL DEFAULT '',
				last_modified TEXT NOT NULL DEFAULT '',
				checked_at TEXT NOT NULL
			)`,
		},
	}, {
		version: 2,
		name:    "actors by code and event, for dyad series",
		stmts: []string{
			`CREATE INDEX actors_code_event ON actors(code, doc_id, ord, role)`,
		},
	}, {
		version: 3,
		name:    "event pairs for dyad series and actor pages; events in (date, doc_id, ord) order",
		// event_pairs holds, for each event, a row (a, '') for each code among
		// its actors and recipients, and a row (a, b) for each ordered pair
		// of them at two positions with at least one actor: the rows the
		// dyad series, an actor's series and its partners count. Triggers
		// keep it: an actor row written adds its event's pairs, an event
		// deleted (replaced, recoded) takes its pairs with it.
		sqlite: []string{
			`CREATE TABLE event_pairs (` + eventPairsColumns + `,
				PRIMARY KEY (a, b, date, doc_id, ord)) WITHOUT ROWID`,
			// pair_months counts event_pairs by pair, month and quad class,
			// so that a series costs its months, not its events. Only
			// SQLite has it: its single writer bumps the counters freely,
			// where PostgreSQL's concurrent writers would queue (or
			// deadlock) on the busiest pairs' rows.
			`CREATE TABLE pair_months (
				a TEXT NOT NULL,
				b TEXT NOT NULL,
				month TEXT NOT NULL,
				quad INTEGER NOT NULL,
				n INTEGER NOT NULL,
				scale DOUBLE PRECISION NOT NULL,
				gold DOUBLE PRECISION NOT NULL,
				PRIMARY KEY (a, b, month, quad)) WITHOUT ROWID`,
			// actor_names counts the texts each actor code was found as, for
			// an actor's page; SQLite only, as pair_months.
			`CREATE TABLE actor_names (
				code TEXT NOT NULL,
				name TEXT NOT NULL,
				n INTEGER NOT NULL,
				PRIMARY KEY (code, name)) WITHOUT ROWID`,
			`INSERT INTO actor_names (code, name, n)
				SELECT code, ` + actorName + `, COUNT(*) FROM actors WHERE code <> '' GROUP BY 1, 2`,
			`CREATE TRIGGER actors_name_count AFTER INSERT ON actors WHEN NEW.code <> ''
				BEGIN
				INSERT INTO actor_names (code, name, n) VALUES (NEW.code, ` + newName + `, 1)
					ON CONFLICT (code, name) DO UPDATE SET n = n + 1;
				END`,
			actorsNameUncount,
		},
		postgres: []string{
			`CREATE TABLE event_pairs (` + eventPairsColumns + `,
				PRIMARY KEY (a, b, date, doc_id, ord) INCLUDE (quad, scale, gold))`,
		},
		stmts: []string{
			`CREATE INDEX event_pairs_event ON event_pairs(doc_id, ord)`,
			`INSERT INTO event_pairs (a, b, date, doc_id, ord, quad, scale, gold)
				SELECT a1.code, '', e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
				FROM actors a1 JOIN events e ON e.doc_id = a1.doc_id AND e.ord = a1.ord
				WHERE a1.code <> '' AND a1.role IN ('actor', 'recipient')
				UNION
				SELECT a1.code, a2.code, e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
				FROM actors a1 JOIN actors a2 ON a2.doc_id = a1.doc_id AND a2.ord = a1.ord
				JOIN events e ON e.doc_id = a1.doc_id AND e.ord = a1.ord
				WHERE a1.code <> '' AND a2.code <> '' AND a1.role IN ('actor', 'recipient') AND a2.role IN ('actor', 'recipient')
				AND (a1.role = 'actor' OR a2.role = 'actor') AND NOT (a1.role = a2.role AND a1.idx = a2.idx)`,
			// The pair queries read event_pairs now.
			`DROP INDEX actors_code_event`,
			// Pages and exports in date order, and keyset pagination on
			// (date, doc_id, ord).
			`CREATE INDEX events_date_key ON events(date, doc_id, ord)`,
			`DROP INDEX events_date`,
		},
		sqliteAfter: []string{
			`INSERT INTO pair_months (a, b, month, quad, n, scale, gold)
				SELECT a, b, SUBSTR(date, 1, 7), quad, COUNT(*), SUM(scale), SUM(gold) FROM event_pairs
				GROUP BY a, b, SUBSTR(date, 1, 7), quad`,
			`CREATE TRIGGER event_pairs_count AFTER INSERT ON event_pairs
				BEGIN
				INSERT INTO pair_months (a, b, month, quad, n, scale, gold)
					VALUES (NEW.a, NEW.b, SUBSTR(NEW.date, 1, 7), NEW.quad, 1, NEW.scale, NEW.gold)
					ON CONFLICT (a, b, month, quad) DO UPDATE SET n = n + 1, scale = scale + excluded.scale, gold = gold + excluded.gold;
				END`,
			`CREATE TRIGGER event_pairs_uncount AFTER DELETE ON event_pairs
				BEGIN
				UPDATE pair_months SET n = n - 1, scale = scale - OLD.scale, gold = gold - OLD.gold
					WHERE a = OLD.a AND b = OLD.b AND month = SUBSTR(OLD.date, 1, 7) AND quad = OLD.quad;
				DELETE FROM pair_months
					WHERE a = OLD.a AND b = OLD.b AND month = SUBSTR(OLD.date, 1, 7) AND quad = OLD.quad AND n <= 0;
				END`,
			`CREATE TRIGGER actors_event_pairs AFTER INSERT ON actors
				WHEN NEW.code <> '' AND NEW.role IN ('actor', 'recipient')
				BEGIN
				INSERT OR IGNORE INTO event_pairs (a, b, date, doc_id, ord, quad, scale, gold)
					SELECT NEW.code, '', e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
					FROM events e WHERE e.doc_id = NEW.doc_id AND e.ord = NEW.ord;
				INSERT OR IGNORE INTO event_pairs (a, b, date, doc_id, ord, quad, scale, gold)
					SELECT x.a, x.b, e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
					FROM (SELECT NEW.code AS a, o.code AS b FROM actors o ` + otherActors + `
						UNION SELECT o.code, NEW.code FROM actors o ` + otherActors + `) x
					JOIN events e ON e.doc_id = NEW.doc_id AND e.ord = NEW.ord;
				END`,
			`CREATE TRIGGER events_event_pairs AFTER DELETE ON events
				BEGIN
				DELETE FROM event_pairs WHERE doc_id = OLD.doc_id AND ord = OLD.ord;
				END`,
		},
		postgresAfter: []string{
			`CREATE FUNCTION dyad_actor_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				INSERT INTO event_pairs (a, b, date, doc_id, ord, quad, scale, gold)
					SELECT NEW.code, '', e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
					FROM events e WHERE e.doc_id = NEW.doc_id AND e.ord = NEW.ord
					ON CONFLICT DO NOTHING;
				INSERT INTO event_pairs (a, b, date, doc_id, ord, quad, scale, gold)
					SELECT x.a, x.b, e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein
					FROM (SELECT NEW.code AS a, o.code AS b FROM actors o ` + otherActors + `
						UNION SELECT o.code, NEW.code FROM actors o ` + otherActors + `) x
					JOIN events e ON e.doc_id = NEW.doc_id AND e.ord = NEW.ord
					ON CONFLICT DO NOTHING;
				RETURN NULL;
				END $$`,
			`CREATE TRIGGER actors_event_pairs AFTER INSERT ON actors FOR EACH ROW
				WHEN (NEW.code <> '' AND NEW.role IN ('actor', 'recipient'))
				EXECUTE FUNCTION dyad_actor_pairs()`,
			`CREATE FUNCTION dyad_event_unpair() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				DELETE FROM event_pairs WHERE doc_id = OLD.doc_id AND ord = OLD.ord;
				RETURN NULL;
				END $$`,
			`CREATE TRIGGER events_event_pairs AFTER DELETE ON events FOR EACH ROW
				EXECUTE FUNCTION dyad_event_unpair()`,
		},
	}, {
		version: 4,
		name:    "directed dyads: dyad_events and, on SQLite, dyad_months",
		// dyad_events holds the rows of Dyads for each event: (a, b, '>')
		// for each code a among its actors and b among its recipients
		// (what a did to b), or, for an event without recipients, among
		// its other actors (a two-sided act); and (a, b, '=') for the same
		// pairs, codes in order (the dyad either way): the rows a dyad's
		// series and events count. Actors of an event with a recipient
		// make no row together: they acted on a third. The writer adds
		// the rows with the events; a trigger removes them with them.
		sqlite: []string{
			`CREATE TABLE dyad_events (` + dyadEventsColumns + `,
				PRIMARY KEY (a, b, dir, date, doc_id, ord)) WITHOUT ROWID`,
			// dyad_months counts dyad_events by dyad, direction, month and
			// quad class, as pair_months does event_pairs.
			`CREATE TABLE dyad_months (
				a TEXT NOT NULL,
				b TEXT NOT NULL,
				dir TEXT NOT NULL,
				month TEXT NOT NULL,
				quad INTEGER NOT NULL,
				n INTEGER NOT NULL,
				scale DOUBLE PRECISION NOT NULL,
				gold DOUBLE PRECISION NOT NULL,
				PRIMARY KEY (a, b, dir, month, quad)) WITHOUT ROWID`,
		},
		postgres: []string{
			`CREATE TABLE dyad_events (` + dyadEventsColumns + `,
				PRIMARY KEY (a, b, dir, date, doc_id, ord) INCLUDE (quad, scale, gold))`,
		},
		stmts: []string{
			`CREATE INDEX dyad_events_event ON dyad_events(doc_id, ord)`,
			`INSERT INTO dyad_events (a, b, dir, date, doc_id, ord, quad, scale, gold)
				SELECT x.code, y.code, '>', e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein ` + dyadSides + `
				UNION
				SELECT CASE WHEN x.code < y.code THEN x.code ELSE y.code END, CASE WHEN x.code < y.code THEN y.code ELSE x.code END,
					'=', e.date, e.doc_id, e.ord, e.quad_code, e.event_scale, e.goldstein ` + dyadSides,
		},
		sqliteAfter: []string{
			`INSERT INTO dyad_months (a, b, dir, month, quad, n, scale, gold)
				SELECT a, b, dir, SUBSTR(date, 1, 7), quad, COUNT(*), SUM(scale), SUM(gold) FROM dyad_events
				GROUP BY a, b, dir, SUBSTR(date, 1, 7), quad`,
			`CREATE TRIGGER dyad_events_count AFTER INSERT ON dyad_events
				BEGIN
				INSERT INTO dyad_months (a, b, dir, month, quad, n, scale, gold)
					VALUES (NEW.a, NEW.b, NEW.dir, SUBSTR(NEW.date, 1, 7), NEW.quad, 1, NEW.scale, NEW.gold)
					ON CONFLICT (a, b, dir, month, quad) DO UPDATE SET n = n + 1, scale = scale + excluded.scale, gold = gold + excluded.gold;
				END`,
			`CREATE TRIGGER dyad_events_uncount AFTER DELETE ON dyad_events
				BEGIN
				UPDATE dyad_months SET n = n - 1, scale = scale - OLD.scale, gold = gold - OLD.gold
					WHERE a = OLD.a AND b = OLD.b AND dir = OLD.dir AND month = SUBSTR(OLD.date, 1, 7) AND quad = OLD.quad;
				DELETE FROM dyad_months
					WHERE a = OLD.a AND b = OLD.b AND dir = OLD.dir AND month = SUBSTR(OLD.date, 1, 7) AND quad = OLD.quad AND n <= 0;
				END`,
			`CREATE TRIGGER events_dyad_events AFTER DELETE ON events
				BEGIN
				DELETE FROM dyad_events WHERE doc_id = OLD.doc_id AND ord = OLD.ord;
				END`,
		},
		postgresAfter: []string{
			`CREATE FUNCTION dyad_event_undyad() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				DELETE FROM dyad_events WHERE doc_id = OLD.doc_id AND ord = OLD.ord;
				RETURN NULL;
				END $$`,
			`CREATE TRIGGER events_dyad_events AFTER DELETE ON events FOR EACH ROW
				EXECUTE FUNCTION dyad_event_undyad()`,
		},
	}, {
		version: 5,
		name:    "event pairs and serving counts written by the writer, not by triggers",
		// The writer adds each event's event_pairs rows with its actors
		// (EventPairs), and on SQLite sums what its rows add to
		// pair_months, dyad_months and actor_names and writes each sum
		// once: the triggers that did the same one row at a time go.
		// Deleting still goes through the triggers.
		sqlite: []string{
			`DROP TRIGGER actors_name_count`,
			`DROP TRIGGER actors_event_pairs`,
			`DROP TRIGGER event_pairs_count`,
			`DROP TRIGGER dyad_events_count`,
		},
		postgres: []string{
			`DROP TRIGGER actors_event_pairs ON actors`,
			`DROP FUNCTION dyad_actor_pairs()`,
		},
		// No query reads events by event ID or by first actor and
		// recipient (the actor filters read actors, the pages
		// event_pairs and dyad_events): their indexes only cost writes.
		stmts: []string{
			`DROP INDEX events_id`,
			`DROP INDEX events_actor`,
		},
	}, {
		version: 6,
		name:    "events in date order with their categories",
		// The events list filtered by category walks the date order and
		// tests each event's categories: with them in the index it reads
		// only the events of the page, not every event it passes over.
		// The index serves keyset pagination as events_date_key did.
		stmts: []string{
			`CREATE INDEX events_date_categories ON events(date, doc_id, ord, categories)`,
			`DROP INDEX events_date_key`,
		},
	}, {
		version: 7,
		name:    "event pairs counted by pair and quad class, on SQLite",
		// pair_quads counts event_pairs by pair and quad class, all months
		// together: an actor's partners read a row per partner and quad
		// class where pair_months has one per month besides. The writer
		// adds to it as to pair_months; a trigger uncounts deleted pairs.
		sqlite: []string{
			`CREATE TABLE pair_quads (
				a TEXT NOT NULL,
				b TEXT NOT NULL,
				quad INTEGER NOT NULL,
				n INTEGER NOT NULL,
				scale DOUBLE PRECISION NOT NULL,
				gold DOUBLE PRECISION NOT NULL,
				PRIMARY KEY (a, b, quad)) WITHOUT ROWID`,
			`INSERT INTO pair_quads (a, b, quad, n, scale, gold)
				SELECT a, b, quad, SUM(n), SUM(scale), SUM(gold) FROM pair_months GROUP BY a, b, quad`,
			`CREATE TRIGGER event_pairs_unquad AFTER DELETE ON event_pairs
				BEGIN
				UPDATE pair_quads SET n = n - 1, scale = scale - OLD.scale, gold = gold - OLD.gold
					WHERE a = OLD.a AND b = OLD.b AND quad = OLD.quad;
				DELETE FROM pair_quads WHERE a = OLD.a AND b = OLD.b AND quad = OLD.quad AND n <= 0;
				END`,
		},
	}, {
		version: 8,
		name:    "clusters by day with their counts, on SQLite",
		// A cluster's events share its day. Lists and exports in date
		// order find each event's cluster in this index by day and ID
		// (joinClusters): the clusters of a stretch of days lie together
		// in it and their counts are in it too, where the primary key
		// (a hash) sent each lookup to a random page of the key and then
		// of the table. PostgreSQL's exports do not read page by page
		// through a small cache; it has no such index.
		sqlite: []string{
			`CREATE INDEX clusters_day ON clusters(date, id, mentions, sources)`,
		},
	}, {
		version: 9,
		name:    "actors, sentences and clusters keyed by their primary keys, on SQLite",
		// A table with a primary key other than an integer is two B-trees
		// on SQLite, the rows by rowid and the key's index, each written by
		// every insert. Keyed by their primary keys (WITHOUT ROWID), these
		// tables are one each; their rows are small. actors_code served no
		// query on SQLite, whose names read actor_names: it goes too.
		// Tables are rebuilt and renamed, their triggers made again.
		// PostgreSQL's tables are heaps whatever their key: it has no step.
		sqlite: slices.Concat(
			rebuild("actors", actorsColumns),
			[]string{actorsNameUncount},
			rebuild("sentences", sentencesColumns),
			rebuild("clusters", clustersColumns),
			[]string{`CREATE INDEX clusters_day ON clusters(date, id, mentions, sources)`},
		),
	}}
}

// rebuild returns the statements that make table again as a WITHOUT ROWID
// table of columns (with its constraints), its rows copied: the old table
// goes with its indexes and triggers, which the caller makes again. With
// foreign keys on, dropping the old table deletes its rows without firing
// triggers (the counts stay) and checks nothing a child refers to.
func rebuild(table, columns string) []string {
	return []string{
		`CREATE TABLE ` + table + `_keyed (` + columns + `) WITHOUT ROWID`,
		`INSERT INTO ` + table + `_keyed SELECT * FROM ` + table,
		`DROP TABLE ` + table,
		`ALTER TABLE ` + table + `_keyed RENAME TO ` + table,
	}
}

// The columns of actors, sentences and clusters, with their keys (schema
// 1; made again by schema 9). An actors row is an actor, recipient or
// attribution (role) of an event, idx its position in its list.
const (
	actorsColumns = `doc_id TEXT NOT NULL,
				ord INTEGER NOT NULL,
				role TEXT NOT NULL,
				idx INTEGER NOT NULL,
				code TEXT NOT NULL DEFAULT '',
				sector TEXT NOT NULL DEFAULT '',
				entity_text TEXT NOT NULL DEFAULT '',
				identifier_text TEXT NOT NULL DEFAULT '',
				office TEXT NOT NULL DEFAULT '',
				start_off INTEGER NOT NULL DEFAULT 0,
				end_off INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (doc_id, ord, role, idx),
				FOREIGN KEY (doc_id, ord) REFERENCES events(doc_id, ord) ON DELETE CASCADE`
	sentencesColumns = `doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
				seq INTEGER NOT NULL,
				start_off INTEGER NOT NULL,
				end_off INTEGER NOT NULL,
				text TEXT NOT NULL,
				PRIMARY KEY (doc_id, seq)`
	clustersColumns = `id TEXT PRIMARY KEY,
				date TEXT NOT NULL,
				actor TEXT NOT NULL,
				recipient TEXT NOT NULL,
				category TEXT NOT NULL,
				mentions INTEGER NOT NULL,
				sources INTEGER NOT NULL`
)

// actorsNameUncount is the trigger that uncounts actor_names when actors
// rows are deleted (schema 3; made again by schema 9).
const actorsNameUncount = `CREATE TRIGGER actors_name_uncount AFTER DELETE ON actors WHEN OLD.code <> ''
				BEGIN
				UPDATE actor_names SET n = n - 1 WHERE code = OLD.code AND name = ` + oldName + `;
				DELETE FROM actor_names WHERE code = OLD.code AND name = ` + oldName + ` AND n <= 0;
				END`

// dyadEventsColumns are the columns of dyad_events: the dyad's codes (a
// did to b), its direction ('>' a to b, '=' either way), the event's
// date, key, quad class, PLOVER event scale and Goldstein score.
const dyadEventsColumns = `a TEXT NOT NULL,
				b TEXT NOT NULL,
				dir TEXT NOT NULL,
				date TEXT NOT NULL,
				doc_id TEXT NOT NULL,
				ord INTEGER NOT NULL,
				quad INTEGER NOT NULL,
				scale DOUBLE PRECISION NOT NULL,
				gold DOUBLE PRECISION NOT NULL`

// dyadSides joins, for dyad_events' first filling, each event (e) with
// the sides of its dyads as Dyads finds them: an actor (x) and a
// recipient (y), or, in an event without recipients, an actor (x) and
// another actor (y).
const dyadSides = `FROM actors x JOIN actors y ON y.doc_id = x.doc_id AND y.ord = x.ord
				JOIN events e ON e.doc_id = x.doc_id AND e.ord = x.ord
				WHERE x.role = 'actor' AND x.code <> '' AND y.code <> '' AND (y.role = 'recipient'
					OR y.role = 'actor' AND y.idx <> x.idx AND NOT EXISTS (SELECT 1 FROM actors r
						WHERE r.doc_id = x.doc_id AND r.ord = x.ord AND r.role = 'recipient' AND r.code <> ''))`

// SchemaVersion is the newest schema version this build knows.
func SchemaVersion() int {
	m := migrations()
	return m[len(m)-1].version
}

// migrateLock is the PostgreSQL advisory lock that serialises migrations.
const migrateLock = 7401001

// migrate applies the migrations the database lacks. Any number of
// processes may open one database at once: the schema version is read and
// the missing steps applied in one transaction that holds the database's
// write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so
// the first to come migrates and the others find the schema done. A
// database newer than this build is refused.
func (s *DB) migrate(ctx context.Context) error {
	// Most opens find the schema up to date: they need no write lock.
	var have int
	if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err == nil && have >= SchemaVersion() {
		return checkVersion(have)
	}
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE on SQLite (the DSN's _txlock)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if s.d.advisory {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLock); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := checkVersion(have); err != nil {
		return err
	}
	for _, m := range migrations() {
		if m.version <= have {
			continue
		}
		for _, st := range m.steps(s.d) {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return fmt.Errorf("migrate: %d (%s): %w", m.version, m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
			m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migrate: %d: %w", m.version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// checkVersion refuses a database whose schema is newer than this build's.
func checkVersion(have int) error {
	if have > SchemaVersion() {
		return fmt.Errorf("migrate: database schema is version %d, newer than this dyad (%d): upgrade dyad", have, SchemaVersion())
	}
	return nil
}
