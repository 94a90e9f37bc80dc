#!/bin/sh
# Regenerates Fixtures/bpf/kernel-syntax/syntax.objdump: the Swift toolchain's llvm-objdump
# (LLVM 21, --mcpu=v4) listing of syntax.c. KernelSyntaxTests compares every line of it with
# BPF.KernelSyntax after applying the documented differences.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(dirname "$(command -v swift)")
dir="$here/Fixtures/bpf/kernel-syntax"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/clang" -target bpf -mcpu=v4 -O2 -c "$dir/syntax.c" -o "$tmp/syntax.o"
"$bin/llvm-objdump" --mcpu=v4 -d -r "$tmp/syntax.o" | grep -E '^ +[0-9]+:|R_BPF' > "$dir/syntax.objdump"
echo "wrote $dir/syntax.objdump ($(wc -l < "$dir/syntax.objdump") lines)"
