#!/bin/sh
# Interpreter benchmark: builds ntsh-bench in release mode, compiles the three kernels of
# ../shared/bench to eBPF (clang -target bpf -O2) and natively (gcc -O2 -DNATIVE), runs both and
# prints ns per eBPF instruction in each mode, the native figures, and the checked/native ratio.
# Usage: scripts/bench-vm.sh [BENCH_DIR]   (default: ../shared/bench next to the repository)
# Each figure is the best of TRIALS (default 3) runs of ntsh-bench/native_main, which are
# themselves best of 5, as in ../shared/reference/vm-performance.md. Sanitizing mode is ~25x
# slower, so it runs with n/100 (ns/insn does not depend on n).
set -eu
trials=${TRIALS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-"$root/../shared/bench"}
[ -f "$bench/bench_alu.c" ] || { echo "bench-vm: no kernels in $bench" >&2; exit 2; }
bin=$(dirname "$(command -v swift)")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && swift build -c release --product ntsh-bench >/dev/null)
runner="$root/.build/release/ntsh-bench"
# The instruction bodies must be inlined into the C handlers (see ThreadedState+Bodies.swift);
# a handler that calls its body runs 3x slower.
if command -v objdump >/dev/null && objdump -d "$runner" | awk '/<bpf_tc_add64r>:/,/^$/' | grep -q call; then
  echo "bench-vm: warning: instruction bodies are not inlined into the threaded handlers" >&2
fi

printf '%-8s %10s %10s %10s %12s %14s %8s\n' kernel checked unchecked sanitizing "native/insn" "native ns/iter" ratio
for spec in alu:10000000 mem:10000000 branch:300000; do
  k=${spec%%:*}
  n=${spec#*:}
  "$bin/clang" -target bpf -O2 -c "$bench/bench_$k.c" -o "$tmp/$k.o"
  gcc -O2 -DNATIVE -DBENCH="bench_$k" "$bench/bench_$k.c" "$bench/native_main.c" -o "$tmp/native_$k"
  c= u= s= best= iter=
  trial=0
  while [ "$trial" -lt "$trials" ]; do
    trial=$((trial + 1))
    checked=$("$runner" vm "$tmp/$k.o" "$n" --mode checked)
    unchecked=$("$runner" vm "$tmp/$k.o" "$n" --mode unchecked)
    sanitizing=$("$runner" vm "$tmp/$k.o" $((n / 100)) --mode sanitizing)
    native=$("$tmp/native_$k" "$n" 5)
    insns=$(echo "$checked" | awk '/^instructions:/ {print $2}')
    c=$(echo "$checked" | awk -v b="$c" '/^ns\/insn:/ {print (b == "" || $2 < b) ? $2 : b}')
    u=$(echo "$unchecked" | awk -v b="$u" '/^ns\/insn:/ {print (b == "" || $2 < b) ? $2 : b}')
    s=$(echo "$sanitizing" | awk -v b="$s" '/^ns\/insn:/ {print (b == "" || $2 < b) ? $2 : b}')
    nb=$(echo "$native" | sed 's/.*best_ns=\([0-9]*\).*/\1/')
    if [ -z "$best" ] || [ "$nb" -lt "$best" ]; then
      best=$nb
      iter=$(echo "$native" | sed 's/.*ns_per_iter=\([0-9.]*\).*/\1/')
    fi
    vmresult=$(echo "$checked" | awk '/^result:/ {print $2}')
    nativeresult=$(echo "$native" | sed 's/.*result=\(0x[0-9a-f]*\).*/\1/')
    [ "$vmresult" = "$nativeresult" ] || echo "bench-vm: $k: VM result $vmresult != native $nativeresult" >&2
  done
  echo "$k $c $u $s $best $insns $iter" >> "$tmp/rows"
done
awk '{
  nat = $5 / $6
  printf "%-8s %10.3f %10.3f %10.3f %12.4f %14.3f %7.1fx\n", $1, $2, $3, $4, nat, $7, $2 / nat
  lc += log($2); lu += log($3); ls += log($4); ln += log(nat); n++
} END {
  printf "%-8s %10.3f %10.3f %10.3f %12.4f %14s %7.1fx\n", "geomean", exp(lc/n), exp(lu/n), exp(ls/n), exp(ln/n), "", exp(lc/n) / exp(ln/n)
}' "$tmp/rows"
