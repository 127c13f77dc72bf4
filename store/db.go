package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// dialect is what differs between the backends.
type dialect struct {
	name     string
	dollar   bool // placeholders are $1, $2 ... rather than ?
	advisory bool // serialise concurrent writers with advisory locks
	copy     bool // the writer COPYs rows in
}

var (
	sqliteDialect   = dialect{name: "sqlite"}
	postgresDialect = dialect{name: "postgres", dollar: true, advisory: true, copy: true}
)

// maxIdle is how many connections a DB keeps open between queries: enough
// for the server's concurrent requests.
const maxIdle = 16

// DB is a Store backed by SQLite or PostgreSQL.
type DB struct {
	db   *sql.DB
	d    dialect
	find *sql.Stmt     // findQuery, prepared
	ckpt *checkpointer // SQLite's
	// inserts are the INSERTs of rowsPerInsert rows, prepared, by the
	// INSERT's head and tail (rows.insert + rows.suffix).
	insertsMu sync.Mutex
	inserts   map[string]*sql.Stmt
	stmts     stmtCache  // SQLite's, for query
	join      joinLimits // the bounds of Each's joiners (SQLite)
	// On SQLite, the connection every write transaction runs on, and
	// the token a writer holds while it uses it (writerConn).
	wconn   *sql.Conn
	writing chan struct{}
}

// DefaultPath returns where the embedded database lives when no --db is
// given: $DYAD_DB if set, else dyad/dyad.db under the user's data directory
// ($XDG_DATA_HOME, else ~/.local/share).
func DefaultPath(getenv func(string) string) string {
	if p := getenv("DYAD_DB"); p != "" {
		return p
	}
	dir := getenv("XDG_DATA_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "dyad", "dyad.db")
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// ErrNoStore is returned (wrapped) by OpenExisting when no SQLite file is
// at the path it is given.
var ErrNoStore = errors.New("no store there")

// Open opens the database dsn names, a postgres:// URL or a SQLite file path
// (created with its directory on first use), and brings its schema up to
// date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn, true)
}

// OpenExisting opens the database dsn names like Open, but never creates a
// SQLite file or its directory: when the file is missing it returns an
// error wrapping ErrNoStore. Commands that only read use it.
func OpenExisting(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn, false)
}

// sqliteDSN returns the driver's name for the SQLite file at path: a file:
// URI with the path percent-escaped, so that "?", "#" and "%" in a file
// name stay part of the name, and the connection settings after it.
func sqliteDSN(path string, create bool) string {
	p := filepath.ToSlash(path)
	var b strings.Builder
	b.WriteString("file:")
	if strings.HasPrefix(p, "/") {
		b.WriteString("//") // an empty authority, so that a path starting "//" is not read as a host
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteString("?_txlock=immediate" +
		"&_pragma=busy_timeout(30000)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=wal_autocheckpoint(0)") // the checkpointer's work
	if !create {
		b.WriteString("&mode=rw")
	}
	return b.String()
}

func openSQLite(ctx context.Context, path string, create bool) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("store: open: empty database path")
	}
	if create {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("store: open %s: %w", path, err)
			}
		}
	} else if st, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("store: open %s: %w", path, ErrNoStore)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	} else if st.IsDir() {
		return nil, fmt.Errorf("store: open %s: a directory, not a store file", path)
	}
	db, err := sql.Open("sqlite", sqliteDSN(path, create))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Connections are kept for the next query: a new one opens the file,
	// reads the schema and starts with an empty page cache, which cost a
	// page of events more than its query did (database/sql keeps 2).
	db.SetMaxIdleConns(maxIdle)
	s := &DB{db: db, d: sqliteDialect, join: joinLimits{docs: joinDocs, dayClusters: joinDayClusters},
		writing: make(chan struct{}, 1)}
	// Processes opening a new file at once contend for the switch to WAL,
	// which SQLite reports busy without waiting.
	if err := retry(ctx, func() error { return s.init(ctx) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.ckpt = newCheckpointer(db)
	s.ckpt.committed() // what a migration wrote
	return s, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(maxIdle)
	s := &DB{db: db, d: postgresDialect}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	return s, nil
}

func (s *DB) init(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	if !s.d.dollar {
		// A file that is not a SQLite database fails here, not later.
		var mode string
		if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			return fmt.Errorf("not a usable SQLite database: %w", err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	var err error
	s.find, err = s.db.PrepareContext(ctx, s.q(findQuery))
	return err
}

// Close closes the database.
func (s *DB) Close() error {
	if s.ckpt != nil {
		s.ckpt.close()
	}
	if s.find != nil {
		s.find.Close()
	}
	if s.wconn != nil {
		s.wconn.Close()
	}
	s.insertsMu.Lock()
	for _, st := range s.inserts {
		st.Close()
	}
	s.inserts = nil
	s.insertsMu.Unlock()
	s.stmts.mu.Lock()
	for _, c := range s.stmts.stmts {
		c.st.Close()
	}
	s.stmts.stmts, s.stmts.order = nil, nil
	s.stmts.mu.Unlock()
	return s.db.Close()
}

// Backend names the backend: "sqlite" or "postgres".
func (s *DB) Backend() string { return s.d.name }

// q rewrites a query written with ? placeholders for the backend.
func (s *DB) q(query string) string {
	if !s.d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// stmtCacheSize bounds the queries a SQLite DB keeps prepared (query).
const stmtCacheSize = 16

// cachedStmt is a query prepared on the database, with how many calls of
// query are about to run it; evicted ones are closed by the last of them.
type cachedStmt struct {
	st      *sql.Stmt
	users   int
	evicted bool
}

// stmtCache is what query keeps prepared, by query, and in the order
// they were prepared (the oldest is evicted first).
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*cachedStmt
	order []string
}

// query runs query (with ? placeholders) on SQLite as a statement
// prepared once on each connection and kept, where database/sql would
// parse it again for every call (about a sixth of the server's CPU for
// the events list's first page); at most stmtCacheSize queries are kept,
// the oldest closed first. PostgreSQL's driver keeps prepared statements
// of its own.
func (s *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s.d.dollar {
		return s.db.QueryContext(ctx, s.q(query), args...)
	}
	c, err := s.cachedStmt(ctx, query)
	if err != nil {
		return nil, err
	}
	// Rows keep their statement open until they are closed, even
	// after Close.
	rows, err := c.st.QueryContext(ctx, args...)
	s.stmts.mu.Lock()
	c.users--
	if c.evicted && c.users == 0 {
		c.st.Close()
	}
	s.stmts.mu.Unlock()
	return rows, err
}

// cachedStmt returns query prepared, counting the caller as one of its
// users.
func (s *DB) cachedStmt(ctx context.Context, query string) (*cachedStmt, error) {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if c, ok := s.stmts.stmts[query]; ok {
		c.users++
		return c, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts.stmts == nil {
		s.stmts.stmts = map[string]*cachedStmt{}
	}
	if len(s.stmts.order) == stmtCacheSize {
		old := s.stmts.stmts[s.stmts.order[0]]
		delete(s.stmts.stmts, s.stmts.order[0])
		s.stmts.order = s.stmts.order[1:]
		old.evicted = true
		if old.users == 0 {
			old.st.Close()
		}
	}
	c := &cachedStmt{st: st, users: 1}
	s.stmts.stmts[query] = c
	s.stmts.order = append(s.stmts.order, query)
	return c, nil
}
