#!/usr/bin/env bash
# Shell benchmarks (release build): start-up time of `ntsh help` and commands per second for a
# 1,000,000-line script of alias definitions and lookups read from stdin. Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ntsh >/dev/null
ntsh=.build/release/ntsh
script=$(mktemp)
trap 'rm -f "$script"' EXIT
python3 - "$script" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(500000):
        f.write("alias a%d show alias\n" % (i % 1000))
        f.write("alias a%d\n" % (i % 1000))
PY
python3 - "$ntsh" "$script" <<'PY'
import statistics, subprocess, sys, time
ntsh, script = sys.argv[1], sys.argv[2]
runs = []
for _ in range(200):
    t = time.perf_counter()
    subprocess.run([ntsh, "help"], stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1000)
runs.sort()
print("startup `ntsh help`: median %.2f ms, min %.2f ms (200 runs, includes fork/exec)" % (statistics.median(runs), runs[0]))
best = None
for _ in range(3):
    with open(script) as f:
        t = time.perf_counter()
        subprocess.run([ntsh], stdin=f, stdout=subprocess.DEVNULL, check=True)
        d = time.perf_counter() - t
        best = d if best is None else min(best, d)
print("stdin script: 1000000 commands in %.2f s = %.0f commands/s (best of 3)" % (best, 1000000 / best))
PY
