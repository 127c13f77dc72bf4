#!/usr/bin/env bash
# code.sh measures `dyad code` on a generated corpus: throughput on one core
# and on all cores, start-up time, peak memory, and the floor (reading and
# splitting the same corpus into sentences and tokens, coding nothing).
# It prints a Markdown table and writes it to bench/out/code.md.
#
#	bash bench/code.sh [DOCS]        # default 20000 documents (about 40 MB)
#
# Environment: SEED (corpus seed, default 1), RUNS (runs per throughput
# figure, default 3, at least 3). See bench/README.md for how to read it.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${1:-20000}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
STARTUP_RUNS=5
OUT=bench/out
CORES=$(nproc)
if [ "$RUNS" -lt 3 ]; then
	echo "code.sh: RUNS=$RUNS: the figures are medians of at least 3 runs" >&2
	exit 2
fi
mkdir -p "$OUT"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# Peak memory comes from GNU time (Debian's "time" package).
TIME=/usr/bin/time
if ! { [ -x "$TIME" ] && "$TIME" -f %M true >/dev/null 2>&1; }; then
	echo "code.sh: installing Debian's time package for peak memory" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y -qq time >/dev/null 2>&1 ||
		{ $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq time >/dev/null 2>&1; } || true
fi
if ! { [ -x "$TIME" ] && "$TIME" -f %M true >/dev/null 2>&1; }; then
	echo "code.sh: no GNU time; peak memory will read n/a" >&2
	TIME=""
fi

echo "code.sh: building dyad and the floor program" >&2
go build -o "$OUT/dyad" ./cmd/dyad
go build -o "$OUT/floor" ./bench/floor
echo "code.sh: generating $DOCS documents (seed $SEED)" >&2
go run ./bench/corpus -docs "$DOCS" -seed "$SEED" -out "$OUT/corpus.jsonl"
printf '%s\n' '{"id":"startup","date":"2024-05-19","text":"The United States and Niger held talks in Niamey on Sunday."}' >"$OUT/one.jsonl"

# timed OUTFILE CMD... runs CMD with stdout to OUTFILE and stderr to
# $OUT/stderr, and sets SECS (wall seconds), CPU (user+system seconds, or
# ""), RSS (max RSS in kB, or "") and RC (exit status).
timed() {
	local out=$1
	shift
	local t0 t1
	t0=$(date +%s%N)
	RC=0
	if [ -n "$TIME" ]; then
		"$TIME" -f '%M %U %S' -o "$OUT/rusage" "$@" >"$out" 2>"$OUT/stderr" || RC=$?
	else
		"$@" >"$out" 2>"$OUT/stderr" || RC=$?
	fi
	t1=$(date +%s%N)
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	RSS="" CPU=""
	if [ -n "$TIME" ]; then
		RSS=$(tail -n 1 "$OUT/rusage" | awk '{ print $1 }')
		CPU=$(tail -n 1 "$OUT/rusage" | awk '{ printf "%.2f", $2 + $3 }')
	fi
	return 0
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }

# measure NAME N OUTFILE CMD... runs CMD N times; sets NAME_med (median
# wall seconds), NAME_runs (all of them), NAME_cpu (median CPU seconds) and
# NAME_rss (the largest max RSS of the runs, in kB).
measure() {
	local name=$1 n=$2 out=$3
	shift 3
	local secs=() cpu=() rss=() i
	for ((i = 1; i <= n; i++)); do
		timed "$out" "$@"
		# dyad code exits 1 when some documents could not be coded; the
		# others were, and the count is reported below.
		if [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; then
			echo "code.sh: $* failed (exit $RC):" >&2
			cat "$OUT/stderr" >&2
			exit 1
		fi
		secs+=("$SECS")
		rss+=("${RSS:-0}")
		cpu+=("${CPU:-0}")
		echo "code.sh: $name run $i: ${SECS}s" >&2
	done
	printf -v "${name}_med" '%s' "$(median "${secs[@]}")"
	printf -v "${name}_runs" '%s' "${secs[*]}"
	printf -v "${name}_rss" '%s' "$(maxof "${rss[@]}")"
	printf -v "${name}_cpu" '%s' "$(median "${cpu[@]}")"
	if [ -z "$TIME" ]; then
		printf -v "${name}_rss" '%s' ""
		printf -v "${name}_cpu" '%s' "n/a"
	fi
}

CORPUS="$OUT/corpus.jsonl"
measure floor "$RUNS" "$OUT/floor.txt" env GOMAXPROCS=1 "$OUT/floor" "$CORPUS"
SENTENCES=$(awk '$1 == "sentences" { print $2 }' "$OUT/floor.txt")
TOKENS=$(awk '$1 == "tokens" { print $2 }' "$OUT/floor.txt")
BYTES=$(awk '$1 == "bytes" { print $2 }' "$OUT/floor.txt")
NDOCS=$(awk '$1 == "docs" { print $2 }' "$OUT/floor.txt")
FILEBYTES=$(wc -c <"$CORPUS")

measure startup "$STARTUP_RUNS" /dev/null "$OUT/dyad" code --in jsonl --format jsonl "$OUT/one.jsonl"
measure one "$RUNS" "$OUT/events-1.jsonl" env GOMAXPROCS=1 "$OUT/dyad" code --in jsonl --format jsonl --workers 1 "$CORPUS"
FAILED=$(grep -o '[0-9]* of [0-9]* documents could not be coded' "$OUT/stderr" || echo "0 of $NDOCS documents could not be coded")
measure all "$RUNS" "$OUT/events-all.jsonl" "$OUT/dyad" code --in jsonl --format jsonl --workers "$CORES" "$CORPUS"
EVENTS=$(wc -l <"$OUT/events-1.jsonl")
SAME="yes"
cmp -s "$OUT/events-1.jsonl" "$OUT/events-all.jsonl" || SAME="NO: the outputs differ"

LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
MODEL=$(lscpu 2>/dev/null | awk -F: '/^Model name/ { sub(/^[ \t]+/, "", $2); print $2; exit }')
GOVERSION=$(go env GOVERSION)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

# Figures: sentences/s and MB/s (10^6 bytes of document text) over the
# median wall time of the runs, process start-up included.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mbs() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / 1e6 / s }'; }
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || echo n/a; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
net() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
one_net=$(net "$one_med" "$startup_med")
all_net=$(net "$all_med" "$startup_med")

{
	echo "## dyad code throughput"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| machine | ${MODEL:-unknown CPU}, $CORES cores; load average $LOAD0 before the runs, $LOAD after |"
	echo "| Go | $GOVERSION |"
	echo "| dyad | $COMMIT |"
	echo "| corpus | $NDOCS documents (seed $SEED), $SENTENCES sentences, $TOKENS tokens, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of text ($(awk -v b="$FILEBYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of JSON lines) |"
	echo "| events coded | $EVENTS; $FAILED; same output on 1 and $CORES cores: $SAME |"
	echo
	echo "| measurement | median s | runs (s) | median CPU s | sentences/s | MB/s | max RSS (MiB) |"
	echo "|---|---:|---|---:|---:|---:|---:|"
	echo "| floor: read, normalize, segment, tokenize; 1 core | $floor_med | $floor_runs | $floor_cpu | $(rate "$SENTENCES" "$floor_med") | $(mbs "$BYTES" "$floor_med") | $(mb "$floor_rss") |"
	echo "| dyad code, 1 core (GOMAXPROCS=1, --workers 1) | $one_med | $one_runs | $one_cpu | $(rate "$SENTENCES" "$one_med") | $(mbs "$BYTES" "$one_med") | $(mb "$one_rss") |"
	echo "| dyad code, $CORES cores (--workers $CORES) | $all_med | $all_runs | $all_cpu | $(rate "$SENTENCES" "$all_med") | $(mbs "$BYTES" "$all_med") | $(mb "$all_rss") |"
	echo "| start-up: dyad code on one sentence | $startup_med | $startup_runs | $startup_cpu | | | $(mb "$startup_rss") |"
	echo
	echo "| ratio | |"
	echo "|---|---:|"
	echo "| coder / floor, 1 core (time) | $(ratio "$one_med" "$floor_med")× |"
	echo "| coder / floor, 1 core, start-up taken off the coder | $(ratio "$one_net" "$floor_med")× |"
	if [ -n "$TIME" ]; then
		echo "| coder / floor, 1 core, CPU time | $(ratio "$one_cpu" "$floor_cpu")× |"
		echo "| coder, 1 core: sentences per CPU second | $(rate "$SENTENCES" "$one_cpu") |"
	fi
	echo "| $CORES cores / 1 core (speed-up) | $(ratio "$one_med" "$all_med")× |"
	echo "| coder, 1 core, start-up taken off: sentences/s | $(rate "$SENTENCES" "$one_net") |"
	echo "| coder, $CORES cores, start-up taken off: sentences/s | $(rate "$SENTENCES" "$all_net") |"
	echo
	echo "Commands (from the repository root; \`bash bench/code.sh $DOCS\` runs them all):"
	echo
	echo '```sh'
	echo "go run ./bench/corpus -docs $DOCS -seed $SEED -out $CORPUS"
	echo "GOMAXPROCS=1 $OUT/floor $CORPUS  # floor, x$RUNS"
	echo "GOMAXPROCS=1 $OUT/dyad code --in jsonl --format jsonl --workers 1 $CORPUS  # x$RUNS"
	echo "$OUT/dyad code --in jsonl --format jsonl --workers $CORES $CORPUS  # x$RUNS"
	echo "$OUT/dyad code --in jsonl --format jsonl $OUT/one.jsonl  # start-up, x$STARTUP_RUNS"
	echo '```'
	echo
	echo "Wall times of whole processes (start-up included) measured with date +%s%N; CPU time (user + system) and max RSS from /usr/bin/time -f '%M %U %S', max RSS the largest of the runs; MB = 10^6 bytes of document text."
} | tee "$OUT/code.md"
