#!/usr/bin/env bash
# Installs what is missing, builds ntsh in release mode and starts it with the given arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product ntsh >&2
exec .build/release/ntsh "$@"
