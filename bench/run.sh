#!/usr/bin/env bash
# Every bench row in one command: builds the bench, publishes tcbpush as README.md's install section does (self-contained
# single file, plus the project's own publish settings), and runs the bench against both.
# Usage: bench/run.sh [seconds=10] [connections=32] [--idle SECONDS=60] [--postgres]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${TMPDIR:-/tmp}/tcbpush-bench-publish"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uptime)"
dotnet build -c Release "$root/bench/TcbPush.Bench" -v q -nologo
dotnet publish "$root/src/TcbPush" -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o "$out" -v q -nologo
dotnet "$root/bench/TcbPush.Bench/bin/Release/net10.0/TcbPush.Bench.dll" "$@" --published "$out"
