#!/bin/sh
# Batch throughput and memory: builds JSONL corpora of 20,000 and 200,000
# plain-text articles from the shared corpora (train, CoAID and the
# FakeNewsCorpus sample, cycled, each copy with its own id), then runs
# `credence batch` into a fresh store and reports, for each size, the
# articles per CPU-second (the command's own figure, model loading left
# out, and the whole process's from /usr/bin/time) and the peak RSS.
#
#   bench/batch.sh                 both sizes, store only
#   bench/batch.sh 20000           one size
#   OUT=1 bench/batch.sh 20000     also write -o reports.jsonl
#
# Needs ../shared (or CREDENCE_SHARED) and GNU time (/usr/bin/time).
set -e
cd "$(dirname "$0")/.."
shared=${CREDENCE_SHARED:-../shared}/datasets/articles
work=${WORK:-$(mktemp -d)}
bin=$work/credence
go build -o "$bin" ./cmd/credence
sizes=${*:-20000 200000}
for n in $sizes; do
  corpus=$work/corpus-$n.jsonl
  if [ ! -s "$corpus" ]; then
    go run ./bench/batchcorpus -shared "$shared" -n "$n" -o "$corpus"
  fi
  rm -f "$work/store-$n.db"* "$work/reports-$n.jsonl"
  extra=
  [ -n "$OUT" ] && extra="-o $work/reports-$n.jsonl"
  echo "== $n articles ($(du -h "$corpus" | cut -f1) of JSONL)"
  /usr/bin/time -f "process: %e s wall, %U s user + %S s system, peak RSS %M KB" \
    "$bin" batch "$corpus" --store "$work/store-$n.db" $extra --progress none 2>&1 |
    grep -v '^credence batch: ' | tee "$work/summary-$n.txt"
  awk -v n="$n" '/^process:/ { cpu = $5 + $9; printf "end to end: %.0f articles per CPU-second (model loading included)\n", n / cpu }' "$work/summary-$n.txt"
  ls -l "$work/store-$n.db" | awk '{ printf "store: %.0f MB\n", $5 / 1048576 }'
done
