#!/usr/bin/env bash
# Builds and runs one libFuzzer target of the BPF module, time-boxed.
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# TARGET: elf (BPFObject.load + link + BTF rendering), btf (BTF.parse + BTFExt.parse + formatting) or
# verifier (Verifier on raw and generated-then-mutated programs; accepted ones run sanitized).
# Seeds: Fixtures/ebpf/**/*.o (as built and with debug sections stripped) and Fixtures/bad/elf/* for
# elf; the .BTF / .BTF.ext sections of those objects for btf; for verifier, the code sections of
# those objects (a hook byte, then the instructions) and generator seeds. The growing corpus lives in
# Fuzz/.build/corpus/TARGET, crashes in Fuzz/.build/artifacts/TARGET/ (turn each into a file in
# Fixtures/bad/elf/ and a test). Example: Fuzz/run.sh elf 1200 -runs=10000000
# Set SANITIZERS=address to add AddressSanitizer (slower).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${1:?usage: Fuzz/run.sh elf|btf|verifier SECONDS [libFuzzer options]}"
seconds="${2:?usage: Fuzz/run.sh elf|btf|verifier SECONDS [libFuzzer options]}"
shift 2
case "$target" in
  elf) product=FuzzELF ;;
  btf) product=FuzzBTF ;;
  verifier) product=FuzzVerifier ;;
  *) echo "error: unknown target '$target' (elf, btf or verifier)" >&2; exit 2 ;;
esac
# Swift code traps on out-of-bounds access and overflow by itself, so AddressSanitizer adds little
# to these targets and costs about half the speed; SANITIZERS=address turns it back on.
sanitizers="fuzzer${SANITIZERS:+,$SANITIZERS}"
flags=(-sanitize="$sanitizers")
swift build --package-path "$here" -c release --product "$product" -Xswiftc -g \
  $(printf -- '-Xswiftc %s ' "${flags[@]}")
bin="$here/.build/release/fuzz-$target"
swiftc "$here/.build/release/lib$product.a" -g "${flags[@]}" -o "$bin" 2>/dev/null

objcopy="$(command -v llvm-objcopy || true)"
[ -z "$objcopy" ] && [ -x "$(dirname "$(command -v swift)")/llvm-objcopy" ] && objcopy="$(dirname "$(command -v swift)")/llvm-objcopy"
seeds="$here/.build/seeds/$target"
rm -rf "$seeds"
mkdir -p "$seeds"
mapfile -t objects < <(find "$root/Fixtures/ebpf" -name '*.o' | sort)
for o in "${objects[@]}"; do
  name="$(basename "$(dirname "$o")")-$(basename "$o" .o)"
  if [ "$target" = elf ]; then
    cp "$o" "$seeds/$name.o"
    [ -n "$objcopy" ] && "$objcopy" --strip-debug "$o" "$seeds/$name-nodebug.o"
  elif [ "$target" = verifier ]; then
    # Each executable section: a hook byte (1 for xdp sections, else 0) and its instructions.
    python3 - "$o" "$seeds/$name" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<Q", b, 0x28)
entsize, count, names = struct.unpack_from("<HHH", b, 0x3A)
def header(i):
    return struct.unpack_from("<IIQQQQ", b, shoff + i * entsize)
strtab = header(names)
for i in range(count):
    name_off, kind, flags, _, off, size = header(i)
    if kind == 1 and flags & 4 and size:
        raw = b[strtab[4] + name_off:b.index(b"\0", strtab[4] + name_off)].decode()
        hook = b"\x01" if raw.startswith("xdp") else b"\x00"
        open("%s-%d.seed" % (sys.argv[2], i), "wb").write(hook + b[off:off + size])
PY
  elif [ -n "$objcopy" ]; then
    tmp="$(mktemp -d)"
    if "$objcopy" --dump-section .BTF="$tmp/btf" --dump-section .BTF.ext="$tmp/ext" "$o" /dev/null 2>/dev/null; then
      python3 -c 'import struct,sys; b=open(sys.argv[1],"rb").read(); e=open(sys.argv[2],"rb").read(); sys.stdout.buffer.write(struct.pack("<I",len(b))+b+e)' \
        "$tmp/btf" "$tmp/ext" >"$seeds/$name.seed"
    fi
    rm -rf "$tmp"
  fi
done
[ "$target" = elf ] && cp "$root"/Fixtures/bad/elf/*.elf "$seeds/" 2>/dev/null || true
if [ "$target" = verifier ]; then
  for i in $(seq 0 31); do printf "\\x$(printf %x $((128 + i % 3)))\\x$(printf %02x "$i")\\x01\\x02\\x03\\x04\\x05\\x06\\x07" >"$seeds/generated-$i.seed"; done
fi

corpus="$here/.build/corpus/$target"
artifacts="$here/.build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
echo "fuzzing $target for ${seconds}s: $(ls "$seeds" | wc -l) seeds, corpus $corpus"
SWIFT_DETERMINISTIC_HASHING=1 SWIFT_BACKTRACE=enable=no "$bin" "$corpus" "$seeds" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$@"
