#!/bin/sh
# Build the CLI and measure it on large and hostile inputs (bench/scale).
# Extra arguments go to the measuring program: bench/scale.sh -shapes runon -sizes 2M
set -e
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/credence
go build -o "$bin" ./cmd/credence
go run ./bench/scale -bin "$bin" "$@"
