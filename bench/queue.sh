#!/usr/bin/env bash
# queue.sh measures scale-out ingest: a generated corpus published to NATS
# JetStream ("dyad ingest --queue") and coded and stored into PostgreSQL by
# 1, 2 and 4 "dyad worker" processes. It prints a Markdown table and writes
# it to bench/out/queue.md.
#
#	bash bench/queue.sh                      # 100,000 documents
#	DYAD_BENCH_DOCS=20000 bash bench/queue.sh
#
# Environment: DYAD_BENCH_DOCS (documents, default 100000), WORKERS (worker
# processes per run, default "1 2 4"), CODERS (--workers of each worker
# process, default 1: one coder each, so that a worker is one core's work),
# SEED (corpus seed, default 1), DYAD_BENCH_POSTGRES (a postgres:// URL of
# a server to use; by default .ci/postgres.sh starts a throwaway one).
#
# For each run: a fresh NATS server (bench/natsd, the real nats-server in
# process) and a fresh PostgreSQL schema; the corpus is published, then
# the workers start, and the run ends when the queue's lag is 0. Figures:
# wall seconds from the workers' start to lag 0 (their start-up included),
# documents/s, and CPU milliseconds per document of the workers (GNU
# time), of PostgreSQL's backends (the postmaster's reaped children, only
# for the server this script starts), of the NATS server, and of the
# whole machine (/proc/stat, which counts whatever else runs on it too).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${DYAD_BENCH_DOCS:-100000}
WORKERS=${WORKERS:-"1 2 4"}
CODERS=${CODERS:-1}
SEED=${SEED:-1}
OUT=bench/out
TIME=/usr/bin/time
mkdir -p "$OUT"
if ! { [ -x "$TIME" ] && "$TIME" -f %U true >/dev/null 2>&1; }; then
	echo "queue.sh: needs GNU time (Debian's time package)" >&2
	exit 1
fi

echo "queue.sh: building dyad and natsd" >&2
go build -o "$OUT/dyad" ./cmd/dyad
go build -o "$OUT/natsd" ./bench/natsd
CORPUS="$OUT/queue-corpus-$DOCS-$SEED.jsonl"
if [ ! -s "$CORPUS" ]; then
	echo "queue.sh: generating $DOCS documents (seed $SEED)" >&2
	go run ./bench/corpus -docs "$DOCS" -seed "$SEED" -out "$CORPUS"
fi

PGPID=""
if [ -n "${DYAD_BENCH_POSTGRES:-}" ]; then
	BASE=$DYAD_BENCH_POSTGRES
else
	# shellcheck source=/dev/null
	. .ci/postgres.sh >/dev/null
	trap 'dyad_pg_stop' EXIT
	BASE=$DYAD_TEST_POSTGRES
	PGPID=$(head -1 "$DYAD_PG_DIR/data/postmaster.pid")
fi
SEP="?"
case "$BASE" in *\?*) SEP="&" ;; esac

# cpu_ticks PID: user+system CPU of PID's reaped children, in clock ticks.
children_ticks() { awk '{print $16 + $17}' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
HZ=$(getconf CLK_TCK)
now() { date +%s.%N; }

ROWS=()
PUBROWS=()
for W in $WORKERS; do
	schema="bench_queue_w$W"
	psql -q "$BASE" -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema" >/dev/null
	DSN="$BASE${SEP}search_path=$schema"
	NATSDIR=$(mktemp -d /tmp/dyad-nats.XXXXXX)
	PORT=$((14222 + W))
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		echo "queue.sh: port $PORT is taken; stop what listens there" >&2
		exit 1
	fi
	"$TIME" -f '%U %S' -o "$OUT/natsd.rusage" "$OUT/natsd" -port "$PORT" -dir "$NATSDIR" 2>"$OUT/natsd.log" &
	NATS=$!
	URL="nats://127.0.0.1:$PORT"
	for _ in $(seq 100); do
		grep -q listening "$OUT/natsd.log" 2>/dev/null && break
		sleep 0.1
	done
	kill -0 $(pgrep -P "$NATS") || { cat "$OUT/natsd.log" >&2; exit 1; }

	echo "queue.sh: $W worker(s): publishing $DOCS documents to $URL" >&2
	t0=$(now)
	"$OUT/dyad" ingest --queue "$URL" --format json "$CORPUS" >"$OUT/publish.json"
	t1=$(now)
	pubs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
	PUBROWS+=("| $W | $(grep -o '"published":[0-9]*' "$OUT/publish.json" | cut -d: -f2) | $pubs | $(awk -v n="$DOCS" -v s="$pubs" 'BEGIN{printf "%.0f", n/s}') |")

	pg0=0
	[ -n "$PGPID" ] && pg0=$(children_ticks "$PGPID")
	m0=$(machine_ticks)
	t0=$(now)
	pids=()
	for i in $(seq "$W"); do
		"$TIME" -f '%U %S' -o "$OUT/worker-$i.rusage" "$OUT/dyad" worker --queue "$URL" --db "$DSN" --workers "$CODERS" \
			--max-in-flight 64 --every 5s --name "w$i" 2>"$OUT/worker-$i.log" &
		pids+=($!)
	done
	while :; do
		sleep 0.5
		lag=$("$OUT/dyad" stats --queue "$URL" --format json | grep -o '"lag": [0-9]*' | grep -o '[0-9]*$')
		[ "$lag" = 0 ] && break
	done
	t1=$(now)
	m1=$(machine_ticks)
	# $! is GNU time's PID: signal the worker it runs.
	for p in "${pids[@]}"; do kill -TERM $(pgrep -P "$p") 2>/dev/null || true; done
	wait "${pids[@]}" || true
	sleep 0.5 # the backends of the closed connections are reaped
	pg1=0
	[ -n "$PGPID" ] && pg1=$(children_ticks "$PGPID")
	kill -TERM $(pgrep -P "$NATS") 2>/dev/null || true
	wait "$NATS" || true
	rm -rf "$NATSDIR"

	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
	wcpu=0
	for i in $(seq "$W"); do
		wcpu=$(tail -1 "$OUT/worker-$i.rusage" | awk -v a="$wcpu" '{printf "%.2f", a + $1 + $2}')
	done
	ncpu=$(tail -1 "$OUT/natsd.rusage" | awk '{printf "%.2f", $1 + $2}')
	stored=$(psql -tA "$BASE" -c "SELECT count(*) FROM $schema.documents")
	events=$(psql -tA "$BASE" -c "SELECT count(*) FROM $schema.events")
	row=$(awk -v w="$W" -v c="$CODERS" -v n="$DOCS" -v st="$stored" -v ev="$events" -v wall="$wall" -v wc="$wcpu" -v nc="$ncpu" \
		-v pg0="$pg0" -v pg1="$pg1" -v pgpid="$PGPID" -v m0="$m0" -v m1="$m1" -v hz="$HZ" 'BEGIN{
		pg = (pgpid == "") ? "n/a" : sprintf("%.2f", (pg1 - pg0) / hz * 1000 / n)
		printf "| %d x %d | %d | %d | %d | %.1f | %.0f | %.2f | %s | %.2f | %.2f |", w, c, n, st, ev, wall, n / wall, wc * 1000 / n, pg, nc * 1000 / n, (m1 - m0) / hz * 1000 / n
	}')
	ROWS+=("$row")
	echo "$row" >&2
done

{
	echo "queue.sh: $DOCS documents (bench/corpus, seed $SEED) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| workers x coders | documents | stored | events | wall s | docs/s | worker CPU ms/doc | PostgreSQL CPU ms/doc | NATS CPU ms/doc (whole run) | machine CPU ms/doc |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${ROWS[@]}"
	echo
	echo "Publishing (dyad ingest --queue, one process):"
	echo
	echo "| run | published | s | docs/s |"
	echo "|---|---|---|---|"
	printf '%s\n' "${PUBROWS[@]}"
} | tee "$OUT/queue.md"
