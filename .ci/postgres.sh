# postgres.sh starts a throwaway PostgreSQL for the store tests and exports
# DYAD_TEST_POSTGRES=postgres://... . Source it (". .ci/postgres.sh"); it
# installs Debian's postgresql package when no server is found, initialises a
# cluster in a temporary directory (as the postgres user when run as root),
# and starts it on 127.0.0.1 on a free port. Stop it with "dyad_pg_stop".
# It never exits the calling shell: on failure it prints why and returns 1.

dyad_pg_start() {
	local bindir=""
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bindir="$d"
	done
	if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
		bindir="$(dirname "$(command -v initdb)")"
	fi
	if [ -z "$bindir" ]; then
		echo "postgres.sh: installing postgresql from Debian packages" >&2
		if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
			echo "postgres.sh: apt-get install postgresql failed" >&2
			return 1
		fi
		for d in /usr/lib/postgresql/*/bin; do
			[ -x "$d/initdb" ] && bindir="$d"
		done
	fi
	if [ -z "$bindir" ]; then
		echo "postgres.sh: no initdb found after install" >&2
		return 1
	fi

	local run=()
	local user
	user="$(id -un)"
	if [ "$(id -u)" = 0 ]; then
		# initdb refuses to run as root: run the server as the postgres user.
		if ! id postgres >/dev/null 2>&1; then
			useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres || return 1
		fi
		run=(runuser -u postgres --)
		user=postgres
	fi

	local port=""
	local p
	for p in $(seq 55432 55532); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			port=$p
			break
		fi
	done
	if [ -z "$port" ]; then
		echo "postgres.sh: no free port in 55432-55532" >&2
		return 1
	fi

	DYAD_PG_DIR="$(mktemp -d /tmp/dyad-pg.XXXXXX)"
	chmod 755 "$DYAD_PG_DIR"
	[ -n "${run[*]}" ] && chown postgres "$DYAD_PG_DIR"
	if ! "${run[@]}" "$bindir/initdb" -D "$DYAD_PG_DIR/data" -U "$user" -A trust -E UTF8 --no-locale >"$DYAD_PG_DIR/initdb.log" 2>&1; then
		echo "postgres.sh: initdb failed:" >&2
		cat "$DYAD_PG_DIR/initdb.log" >&2
		return 1
	fi
	if ! "${run[@]}" "$bindir/pg_ctl" -D "$DYAD_PG_DIR/data" -l "$DYAD_PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $DYAD_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null; then
		echo "postgres.sh: server did not start:" >&2
		cat "$DYAD_PG_DIR/server.log" >&2
		return 1
	fi
	"${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" dyad_test || return 1
	DYAD_PG_CTL=("${run[@]}" "$bindir/pg_ctl" -D "$DYAD_PG_DIR/data" -m fast stop)
	export DYAD_TEST_POSTGRES="postgres://$user@127.0.0.1:$port/dyad_test?sslmode=disable"
	echo "DYAD_TEST_POSTGRES=$DYAD_TEST_POSTGRES"
}

dyad_pg_stop() {
	if [ -n "${DYAD_PG_DIR:-}" ]; then
		"${DYAD_PG_CTL[@]}" >/dev/null 2>&1
		rm -rf "$DYAD_PG_DIR"
		unset DYAD_PG_DIR DYAD_TEST_POSTGRES
	fi
}

dyad_pg_start
