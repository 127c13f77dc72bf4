package store

import (
	"context"
	"fmt"
	"time"
)

// migration is one numbered step of the schema. Steps are never edited once
// released; a change is a new step.
type migration struct {
	version int
	name    string
	stmts   []string
}

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
			`CREATE TABLE sentences (
				doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
				seq INTEGER NOT NULL,
				start_off INTEGER NOT NULL,
				end_off INTEGER NOT NULL,
				text TEXT NOT NULL,
				PRIMARY KEY (doc_id, seq)
			)`,
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
			`CREATE TABLE actors (
				doc_id TEXT NOT NULL,
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
				FOREIGN KEY (doc_id, ord) REFERENCES events(doc_id, ord) ON DELETE CASCADE
			)`,
			`CREATE INDEX actors_code ON actors(code)`,
			`CREATE TABLE clusters (
				id TEXT PRIMARY KEY,
				date TEXT NOT NULL,
				actor TEXT NOT NULL,
				recipient TEXT NOT NULL,
				category TEXT NOT NULL,
				mentions INTEGER NOT NULL,
				sources INTEGER NOT NULL
			)`,
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
	}}
}

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
		for _, st := range m.stmts {
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
