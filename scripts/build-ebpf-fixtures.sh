#!/usr/bin/env bash
# Rebuilds the committed eBPF test objects: every Fixtures/ebpf/**/<name>.c becomes <name>.o beside it.
# Usage: scripts/build-ebpf-fixtures.sh [folder ...]   (folders relative to Fixtures/ebpf; default: all)
# A folder's extra flags (include paths, warnings) go in <folder>/CFLAGS, one line. The objects are
# built from inside their folder with relative paths and -fdebug-prefix-map, so the file names in
# their debug and BTF line info do not depend on where the checkout is.
# Needs a clang with the BPF target (the Swift toolchain's clang has it); CLANG=/path/to/clang overrides.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
clang="${CLANG:-clang}"
if ! "$clang" -print-targets 2>/dev/null | grep -qw bpf; then
  echo "error: $clang has no BPF target (set CLANG=/path/to/clang)" >&2
  exit 1
fi
if [ "$#" -gt 0 ]; then
  folders=()
  for folder in "$@"; do
    [ -d "$root/Fixtures/ebpf/$folder" ] || { echo "error: no folder Fixtures/ebpf/$folder" >&2; exit 1; }
    folders+=("$root/Fixtures/ebpf/$folder")
  done
else
  folders=("$root/Fixtures/ebpf")
fi
built=0
while IFS= read -r -d '' src; do
  dir="$(dirname "$src")"
  name="$(basename "$src" .c)"
  extra=""
  [ -f "$dir/CFLAGS" ] && extra="$(cat "$dir/CFLAGS")"
  # shellcheck disable=SC2086 # CFLAGS holds several words on purpose
  (cd "$dir" && "$clang" -target bpf -O2 -g -ffreestanding -fdebug-prefix-map="$dir"=. $extra \
    -c "$name.c" -o "$name.o")
  echo "built ${dir#"$root"/}/$name.o"
  built=$((built + 1))
done < <(find "${folders[@]}" -name '*.c' -type f -print0 | sort -z)
echo "$built objects built"
