// Package storetest gives tests of the store and of its users a
// PostgreSQL database of their own.
//
// In: DYAD_TEST_POSTGRES, a postgres:// URL of a server tests may use
// (.ci/postgres.sh starts one). Out: the URL of a fresh schema on it,
// dropped when the test ends; without the variable the test is skipped.
package storetest

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// PostgresDSN returns a DSN for a fresh schema of the test server, or
// skips t when DYAD_TEST_POSTGRES is not set.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DYAD_TEST_POSTGRES")
	if base == "" {
		t.Skip("DYAD_TEST_POSTGRES is not set: skipping the PostgreSQL backend (source .ci/postgres.sh to start one)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// A test's temporary directories are unique across tests and
	// processes (the test's name and a random number, then a sequence).
	dir := t.TempDir()
	name := strings.ToLower(strings.NewReplacer("/", "_", "-", "_", ".", "_").Replace(filepath.Base(filepath.Dir(dir)) + "_" + filepath.Base(dir)))
	if len(name) > 60 {
		name = name[len(name)-60:]
	}
	if _, err := admin.Exec(`DROP SCHEMA IF EXISTS "` + name + `" CASCADE`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA "` + name + `"`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec(`DROP SCHEMA IF EXISTS "` + name + `" CASCADE`)
			a.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + name
}
