#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the Swift Testing suites (unit tests and
# the transcripts under Fixtures/transcripts) and the pseudo-terminal test of the line editor.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
swift build --build-tests
swift test --skip-build
python3 Tests/Interactive/interactive_test.py .build/debug/ntsh
