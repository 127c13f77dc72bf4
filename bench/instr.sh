#!/usr/bin/env bash
# instr.sh counts what `dyad code` does, not how long it takes: machine
# instructions and data-cache misses (valgrind's cachegrind) for coding a
# corpus on one core, with the collector off, minus the same counts for a
# one-sentence document (start-up). The counts do not move with the load of
# a shared machine or the collector's timing, so they can tell a change of
# 1% from noise where wall-clock time cannot.
#
#	bash bench/instr.sh [DOCS] [BINARY...]   # default 1000 documents, the dyad of this tree
#
# It prints one line per binary; give several (built from other commits)
# to compare them on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${1:-1000}
shift || true
OUT=bench/out
mkdir -p "$OUT"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "instr.sh: installing Debian's valgrind" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y -qq valgrind >/dev/null 2>&1 ||
		{ $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq valgrind >/dev/null 2>&1; }
fi
BINS=("$@")
if [ ${#BINS[@]} -eq 0 ]; then
	go build -o "$OUT/dyad" ./cmd/dyad
	BINS=("$OUT/dyad")
fi
go run ./bench/corpus -docs "$DOCS" -seed 1 -out "$OUT/instr-corpus.jsonl"
printf '%s\n' '{"id":"startup","date":"2024-05-19","text":"The United States and Niger held talks in Niamey on Sunday."}' >"$OUT/one.jsonl"

# count BIN INPUT prints "instructions D1-misses LL-misses" for one run.
# A run that fails under valgrind (some CPUs' instructions, such as the
# Go runtime's RDTSCP, are not emulated) is tried again, up to 3 times,
# and then stops the script: its counts would be start-up's alone.
count() {
	local try
	for try in 1 2 3; do
		if GOMAXPROCS=1 GOGC=off valgrind --tool=cachegrind --cache-sim=yes --LL=8388608,16,64 \
			--cachegrind-out-file=/dev/null "$1" code --in jsonl --format jsonl --workers 1 "$2" \
			>/dev/null 2>"$OUT/valgrind.err"; then
			awk '/I *refs:/ { gsub(",", "", $4); i = $4 } /D1  misses:/ { gsub(",", "", $4); d = $4 } /LLd misses:/ { gsub(",", "", $4); l = $4 } END { print i, d, l }' "$OUT/valgrind.err"
			return
		fi
		echo "instr.sh: $1 failed under valgrind (try $try; see $OUT/valgrind.err)" >&2
	done
	exit 1
}

echo "| binary | instructions (billions) | D1 misses (millions) | LL data misses (millions) | start-up instructions (billions) |"
echo "|---|---:|---:|---:|---:|"
for b in "${BINS[@]}"; do
	read -r i1 d1 l1 < <(count "$b" "$OUT/one.jsonl")
	read -r i2 d2 l2 < <(count "$b" "$OUT/instr-corpus.jsonl")
	awk -v b="$b" -v i1="$i1" -v i2="$i2" -v d1="$d1" -v d2="$d2" -v l1="$l1" -v l2="$l2" \
		'BEGIN { printf "| %s | %.3f | %.2f | %.2f | %.3f |\n", b, (i2 - i1) / 1e9, (d2 - d1) / 1e6, (l2 - l1) / 1e6, i1 / 1e9 }'
done
echo
echo "Coding $DOCS generated documents (seed 1) with GOMAXPROCS=1 GOGC=off under valgrind --tool=cachegrind, start-up subtracted."
