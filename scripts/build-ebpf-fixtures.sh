#!/usr/bin/env bash
# Rebuilds the committed eBPF test objects: every Fixtures/ebpf/<folder>/*.c becomes <name>.o beside it.
# Usage: scripts/build-ebpf-fixtures.sh [folder ...]   (default: every folder under Fixtures/ebpf)
# Per-folder extra flags (include paths, defines) go in <folder>/CFLAGS, one line, if the folder needs them.
# Needs a clang with the BPF target (the Swift toolchain's clang has it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
clang="${CLANG:-clang}"
if ! "$clang" -print-targets 2>/dev/null | grep -qw bpf; then
  echo "error: $clang has no BPF target (set CLANG=/path/to/clang)" >&2
  exit 1
fi
if [ "$#" -gt 0 ]; then
  folders=("$@")
else
  folders=()
  for d in "$root"/Fixtures/ebpf/*/; do folders+=("$(basename "$d")"); done
fi
built=0
for folder in "${folders[@]}"; do
  dir="$root/Fixtures/ebpf/$folder"
  [ -d "$dir" ] || { echo "error: no folder $dir" >&2; exit 1; }
  extra=""
  [ -f "$dir/CFLAGS" ] && extra="$(cat "$dir/CFLAGS")"
  for src in "$dir"/*.c; do
    [ -e "$src" ] || continue
    # Relative paths keep the file names recorded in BTF line info independent of the checkout.
    (cd "$dir" && "$clang" -target bpf -O2 -g -ffreestanding -fdebug-prefix-map="$dir"=. $extra -c "$(basename "$src")" -o "$(basename "${src%.c}").o")
    echo "built Fixtures/ebpf/$folder/$(basename "${src%.c}").o"
    built=$((built + 1))
  done
done
echo "$built objects built"
