#!/bin/sh
# Instructions per article of the whole pipeline, counted by valgrind's
# cachegrind: unlike articles/s and articles/cpu-s, the count does not move
# with the load of a shared machine, so two commits compare closely.
# The garbage collector is off (GOGC=off): how many collections fall in the
# counted runs depends on the pacer, which reads the clock, and moved the
# count by up to a third between runs of the same binary on a loaded
# machine. Allocation shows in the benchmarks' B/op and allocs/op instead.
#
# Usage (from the repository root): bench/instructions.sh [N]
# Needs valgrind (Debian: apt-get install valgrind). Runs BenchmarkPipeline/text
# once with 2 and once with 2+N iterations (default 80) and divides the
# difference by N, so model loading and start-up are not counted.
#
# BENCH=Batch bench/instructions.sh 4 counts BenchmarkBatch instead (Analyze
# and json.Marshal of about 100 articles of ../shared per op, as `credence
# batch` does). BIN=path counts an already built bench test binary.
set -eu
n=${1:-80}
command -v valgrind >/dev/null || { echo "bench/instructions.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench=${BENCH:-Pipeline/text}
bin=${BIN:-$tmp/bench.test}
pattern="^Benchmark$(echo "$bench" | sed 's,/,$/^,g')\$"
[ -n "${BIN:-}" ] || go test -c -o "$bin" ./bench/
case $bench in
Batch)
	# batch_test.go's batchRecords: every 47th article of the shared corpora.
	shared=${CREDENCE_SHARED:-../shared}/datasets/articles
	articles=$(cat "$shared/train.jsonl" "$shared/coaid.jsonl" "$shared/fakenewscorpus-sample.jsonl" | wc -l | awk '{ print int(($1 + 46) / 47) }') ;;
*)
	# The text corpus: every article of examples/ and testdata/heldout/ but
	# HTML pages, gold files and READMEs (bench_test.go's corpus()).
	articles=$(find examples testdata/heldout -maxdepth 1 -type f | grep -v -e '\.html$' -e '\.gold\.json$' -e '\.md$' | wc -l) ;;
esac
count() {
	(cd bench && GOGC=off GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "$pattern" -test.benchtime "$1" 2>&1) |
		awk '/I *refs:/ { gsub(",", "", $4); print $4 }'
}
# The two runs go in parallel: the counts do not depend on the timing.
# -test.benchtime Kx runs the benchmark once with b.N = 1 and then, after a
# forced collection, with b.N = K: so 2x and (N+2)x differ by exactly N
# iterations, with the same start-up and the same two collections. (Until
# 2026-12 this counted 1x and (N+1)x, which differ by N+1 iterations and
# one collection of the whole heap, models included, and divided by N.)
count 2x >"$tmp/a" &
count "$((n + 2))x" >"$tmp/b"
wait
a=$(cat "$tmp/a")
b=$(cat "$tmp/b")
awk -v a="$a" -v b="$b" -v n="$n" -v k="$articles" 'BEGIN {
	printf "%.2f million instructions per op of %d articles, %.2f million per article\n", (b - a) / n / 1e6, k, (b - a) / n / k / 1e6 }'
