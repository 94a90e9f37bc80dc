#!/usr/bin/env python3
"""Writes Fixtures/bad/elf/: malformed eBPF objects, one defect per file, each made by patching one
field of a committed fixture object (Fixtures/ebpf/core/*.o), plus README.md with one line per file.
Tests/BPFTests/ELFBadCorpusTests.swift loads every file and asserts the specific error.

Usage: scripts/make-bad-elf-corpus.py   (re-run after rebuilding the fixture objects)
Crash reproducers found by fuzzing are added to the folder by hand (named fuzz-*.elf); this
script leaves them alone.
"""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "Fixtures", "ebpf", "core")
OUT = os.path.join(ROOT, "Fixtures", "bad", "elf")


class Elf:
    """A mutable view of a little-endian ELF64 relocatable file."""

    def __init__(self, name):
        self.b = bytearray(open(os.path.join(SRC, name + ".o"), "rb").read())
        self.shoff = self.u64(40)
        self.shnum = self.u16(60)
        self.shstrndx = self.u16(62)
        names = self.sh(self.shstrndx)
        self.names = [self.cstr(names["offset"] + self.sh(i)["name"]) for i in range(self.shnum)]

    def u16(self, o): return struct.unpack_from("<H", self.b, o)[0]
    def u32(self, o): return struct.unpack_from("<I", self.b, o)[0]
    def u64(self, o): return struct.unpack_from("<Q", self.b, o)[0]
    def p16(self, o, v): struct.pack_into("<H", self.b, o, v)
    def p32(self, o, v): struct.pack_into("<I", self.b, o, v & 0xFFFFFFFF)
    def p64(self, o, v): struct.pack_into("<Q", self.b, o, v & 0xFFFFFFFFFFFFFFFF)

    def cstr(self, o):
        e = self.b.index(0, o)
        return self.b[o:e].decode()

    def shdr(self, i): return self.shoff + 64 * i

    def sh(self, i):
        h = self.shdr(i)
        return {"name": self.u32(h), "type": self.u32(h + 4), "offset": self.u64(h + 24), "size": self.u64(h + 32),
                "link": self.u32(h + 40), "info": self.u32(h + 44), "entsize": self.u64(h + 56)}

    def index(self, name): return self.names.index(name)

    def symtab(self): return next(i for i in range(self.shnum) if self.sh(i)["type"] == 2)

    def symbols(self):
        t = self.sh(self.symtab())
        strtab = self.sh(t["link"])["offset"]
        out = []
        for k in range(t["size"] // 24):
            o = t["offset"] + 24 * k
            name = self.cstr(strtab + self.u32(o))
            if not name and self.b[o + 4] & 0xF == 3:
                name = self.names[self.u16(o + 6)]
            out.append({"at": o, "name": name, "info": self.b[o + 4],
                        "shndx": self.u16(o + 6), "value": self.u64(o + 8), "size": self.u64(o + 16)})
        return out

    def symbol(self, name): return next(s for s in self.symbols() if s["name"] == name)

    def rel(self, target):
        """(file offset of each entry, r_offset, symbol, type) of the REL section for `target`."""
        ti = self.index(target)
        r = next(i for i in range(self.shnum) if self.sh(i)["type"] == 9 and self.sh(i)["info"] == ti)
        s = self.sh(r)
        return r, [(s["offset"] + 16 * k, self.u64(s["offset"] + 16 * k), self.u64(s["offset"] + 16 * k + 8) >> 32,
                    self.u64(s["offset"] + 16 * k + 8) & 0xFFFFFFFF) for k in range(s["size"] // 16)]

    def insn(self, section, k):
        return self.sh(self.index(section))["offset"] + 8 * k

    # BTF helpers: the header and the offset of each type record.
    def btf(self):
        base = self.sh(self.index(".BTF"))["offset"]
        hl, toff, tlen, soff, slen = struct.unpack_from("<IIIII", self.b, base + 4)
        return base, hl, toff, tlen, soff, slen

    def btf_types(self):
        base, hl, toff, tlen, soff, slen = self.btf()
        p = base + hl + toff
        end = p + tlen
        out = [None]
        extra = {1: 4, 3: 12, 14: 4, 17: 4}
        per = {4: 12, 5: 12, 6: 8, 13: 8, 15: 12, 19: 12}
        strings = base + hl + soff
        while p < end:
            name, info, st = struct.unpack_from("<III", self.b, p)
            kind = (info >> 24) & 0x1F
            vlen = info & 0xFFFF
            out.append({"at": p, "kind": kind, "vlen": vlen, "name": self.cstr(strings + name), "type": st})
            p += 12 + extra.get(kind, 0) + per.get(kind, 0) * vlen
        return out

    def btf_type(self, kind, name=None):
        for i, t in enumerate(self.btf_types()):
            if t and t["kind"] == kind and (name is None or t["name"] == name):
                return i, t
        raise KeyError((kind, name))

    def btfext(self):
        base = self.sh(self.index(".BTF.ext"))["offset"]
        hl, fo, fl, lo, ll = struct.unpack_from("<IIIII", self.b, base + 4)
        return base, hl, fo, fl, lo, ll


CASES = []


def case(name, what):
    def register(fn):
        CASES.append((name, what, fn))
        return fn
    return register


@case("empty", "a zero-byte file")
def _():
    return b""


@case("not-elf-magic", "text that is not an ELF file")
def _():
    return b"this is not an ELF object\n"


@case("truncated-header", "the first 40 bytes of an object: cut inside the ELF header")
def _():
    return Elf("programs").b[:40]


@case("elf32-class", "EI_CLASS = ELFCLASS32")
def _():
    e = Elf("programs"); e.b[4] = 1; return e.b


@case("big-endian", "EI_DATA = ELFDATA2MSB")
def _():
    e = Elf("programs"); e.b[5] = 2; return e.b


@case("wrong-machine-x86-64", "e_machine = 62 (x86-64) instead of 247 (BPF)")
def _():
    e = Elf("programs"); e.p16(18, 62); return e.b


@case("not-relocatable-executable", "e_type = ET_EXEC")
def _():
    e = Elf("programs"); e.p16(16, 2); return e.b


@case("bad-section-header-size", "e_shentsize = 40 instead of 64")
def _():
    e = Elf("programs"); e.p16(58, 40); return e.b


@case("section-table-beyond-eof", "e_shoff points 16 bytes before the end of the file")
def _():
    e = Elf("programs"); e.p64(40, len(e.b) - 16); return e.b


@case("section-count-beyond-eof", "e_shnum = 4000: the section header table runs past the end of the file")
def _():
    e = Elf("programs"); e.p16(60, 4000); return e.b


@case("section-name-table-index-out-of-range", "e_shstrndx = 200, no such section")
def _():
    e = Elf("programs"); e.p16(62, 200); return e.b


@case("extended-section-count-absurd", "e_shnum = 0 and section 0's size (the extended count) = 2^40")
def _():
    e = Elf("programs"); e.p16(60, 0); e.p64(e.shdr(0) + 32, 1 << 40); return e.b


@case("section-offset-beyond-eof", ".maps contents at offset 0x90000, past the end of the file")
def _():
    e = Elf("maps"); e.p64(e.shdr(e.index(".maps")) + 24, 0x90000); return e.b


@case("section-size-overflow", "bind's sh_size = 2^64 - 256: offset + size overflows")
def _():
    e = Elf("programs"); e.p64(e.shdr(e.index("bind")) + 32, (1 << 64) - 256); return e.b


@case("sections-overlap", "license's contents moved onto .maps' contents")
def _():
    e = Elf("maps"); e.p64(e.shdr(e.index("license")) + 24, e.sh(e.index(".maps"))["offset"] + 8); return e.b


@case("section-overlaps-elf-header", "bind's contents start at offset 16, inside the ELF header")
def _():
    e = Elf("programs"); e.p64(e.shdr(e.index("bind")) + 24, 16); return e.b


@case("section-name-offset-out-of-range", "a section's sh_name is beyond the section name table")
def _():
    e = Elf("programs"); e.p32(e.shdr(e.index("bind")), 0x7FFFFF); return e.b


@case("symbol-name-offset-out-of-range", "symbol first_bind's st_name is beyond .strtab")
def _():
    e = Elf("programs"); e.p32(e.symbol("first_bind")["at"], 0x7FFFFF); return e.b


@case("string-table-unterminated", ".strtab shortened so its last name has no NUL")
def _():
    e = Elf("programs")
    st = e.sh(e.symtab())["link"]
    e.p64(e.shdr(st) + 32, e.sh(st)["size"] - 1)
    return e.b


@case("symbol-section-index-out-of-range", "symbol first_bind's st_shndx = 500")
def _():
    e = Elf("programs"); e.p16(e.symbol("first_bind")["at"] + 6, 500); return e.b


@case("symbol-table-bad-entry-size", ".symtab sh_entsize = 16")
def _():
    e = Elf("programs"); e.p64(e.shdr(e.symtab()) + 56, 16); return e.b


@case("symbol-table-bad-string-link", ".symtab sh_link names the .text section, not a string table")
def _():
    e = Elf("programs"); e.p32(e.shdr(e.symtab()) + 40, e.index(".text")); return e.b


@case("relocation-section-bad-target", ".relbind sh_info = 999, no such section")
def _():
    e = Elf("programs"); r, _ = e.rel("bind"); e.p32(e.shdr(r) + 44, 999); return e.b


@case("relocation-rela-in-code", ".relbind has type SHT_RELA")
def _():
    e = Elf("programs"); r, _ = e.rel("bind"); e.p32(e.shdr(r) + 4, 4); return e.b


@case("relocation-symbol-index-out-of-range", "a bind relocation names symbol 70000")
def _():
    e = Elf("programs"); _, rs = e.rel("bind"); at, off, sym, typ = rs[0]
    e.p64(at + 8, (70000 << 32) | typ); return e.b


@case("relocation-offset-beyond-section", "a bind relocation at offset 0x10000, past the section")
def _():
    e = Elf("programs"); _, rs = e.rel("bind"); e.p64(rs[0][0], 0x10000); return e.b


@case("relocation-offset-misaligned", "a bind relocation at offset 0x0c, not on an instruction boundary")
def _():
    e = Elf("programs"); _, rs = e.rel("bind"); e.p64(rs[0][0], 0x0C); return e.b


@case("relocation-lddw-not-on-lddw", "an R_BPF_64_64 moved onto an exit instruction")
def _():
    e = Elf("programs"); _, rs = e.rel("bind")
    at = next(a for a, off, sym, typ in rs if typ == 1)
    e.p64(at, 9 * 8)  # first_bind's exit
    return e.b


@case("relocation-call-not-on-call", "an R_BPF_64_32 moved onto an LDDW")
def _():
    e = Elf("programs"); _, rs = e.rel("bind")
    call = next(a for a, off, sym, typ in rs if typ == 10)
    lddw = next(off for a, off, sym, typ in rs if typ == 1)
    e.p64(call, lddw)
    return e.b


@case("relocation-unknown-type", "a bind relocation of type 77")
def _():
    e = Elf("programs"); _, rs = e.rel("bind"); at, off, sym, typ = rs[0]
    e.p64(at + 8, (sym << 32) | 77); return e.b


@case("relocation-abs64-in-code", "a bind relocation of type R_BPF_64_ABS64 on an instruction")
def _():
    e = Elf("programs"); _, rs = e.rel("bind"); at, off, sym, typ = rs[0]
    e.p64(at + 8, (sym << 32) | 2); return e.b


@case("relocation-map-offset-nowhere", "an LDDW of map task_stats with addend 4: no map starts there")
def _():
    e = Elf("maps"); _, rs = e.rel("sample_ext/entry")
    off = next(off for a, off, sym, typ in rs if typ == 1)
    e.p32(e.insn("sample_ext/entry", off // 8) + 4, 4)
    return e.b


@case("relocation-data-offset-beyond-section", "an LDDW of .rodata.str1.1 with addend 0x4000, past the section")
def _():
    e = Elf("programs"); _, rs = e.rel("bind")
    names = e.symbols()
    off = next(off for a, off, sym, typ in rs if names[sym]["name"] == ".rodata.str1.1")
    e.p32(e.insn("bind", off // 8) + 4, 0x4000)
    return e.b


@case("program-size-not-multiple-of-8", "bind's sh_size shortened by 4 bytes")
def _():
    e = Elf("programs"); h = e.shdr(e.index("bind")); e.p64(h + 32, e.u64(h + 32) - 4); return e.b


@case("lddw-cut-at-section-end", "xdp/probe ends right after the first slot of its LDDW")
def _():
    e = Elf("programs"); h = e.shdr(e.index("xdp/probe")); e.p64(h + 32, 3 * 8); return e.b


@case("function-beyond-section", "function probe's st_size runs past the end of xdp/probe")
def _():
    e = Elf("programs"); e.p64(e.symbol("probe")["at"] + 16, 0x1000); return e.b


@case("function-misaligned", "function second_bind starts at byte 0x54, not on an instruction")
def _():
    e = Elf("programs"); e.p64(e.symbol("second_bind")["at"] + 8, 0x54); return e.b


@case("function-starts-inside-lddw", "function second_bind moved onto the second slot of an LDDW")
def _():
    e = Elf("programs"); s = e.symbol("second_bind")
    e.p64(s["at"] + 8, s["value"] + 7 * 8); e.p64(s["at"] + 16, 0)
    return e.b


@case("call-target-not-a-function", "classify's local call to mix retargeted one instruction further")
def _():
    e = Elf("programs"); at = e.insn(".text", 11)
    assert e.b[at] == 0x85
    e.p32(at + 4, e.u32(at + 4) + 1)
    return e.b


@case("btf-bad-magic", ".BTF magic 0x1234")
def _():
    e = Elf("maps"); e.p16(e.btf()[0], 0x1234); return e.b


@case("btf-truncated-header", ".BTF sh_size = 10, shorter than its header")
def _():
    e = Elf("maps"); e.p64(e.shdr(e.index(".BTF")) + 32, 10); return e.b


@case("btf-type-section-beyond", ".BTF header's type_len = 0x100000")
def _():
    e = Elf("maps"); base = e.btf()[0]; e.p32(base + 12, 0x100000); return e.b


@case("btf-name-offset-out-of-range", "the first BTF type's name_off is beyond the string section")
def _():
    e = Elf("maps"); t = e.btf_types()[1]; e.p32(t["at"], 0xFFFFFF); return e.b


@case("btf-unknown-kind", "the first BTF type has kind 31")
def _():
    e = Elf("maps"); t = e.btf_types()[1]
    info = e.u32(t["at"] + 4); e.p32(t["at"] + 4, (info & ~(0x1F << 24)) | (31 << 24)); return e.b


@case("btf-typedef-cycle", "a BTF typedef made to name itself")
def _():
    e = Elf("maps"); i, t = e.btf_type(8); e.p32(t["at"] + 8, i); return e.b


@case("btf-const-typedef-loop", "typedef u32 made to point at a CONST that points back at it")
def _():
    e = Elf("programs")
    i, t = e.btf_type(8, "u32")
    j, c = e.btf_type(10)  # the first CONST
    e.p32(c["at"] + 8, i)
    e.p32(t["at"] + 8, j)
    return e.b


@case("btf-struct-contains-itself", "struct task_stat's first member made a task_stat (by value, not a pointer)")
def _():
    e = Elf("maps"); i, t = e.btf_type(4, "task_stat"); e.p32(t["at"] + 12 + 4, i); return e.b


@case("btf-member-past-struct", "struct task_stat's first member moved to bit 0x10000, past the struct's end")
def _():
    e = Elf("maps"); i, t = e.btf_type(4, "task_stat"); e.p32(t["at"] + 12 + 8, 0x10000); return e.b


@case("btf-datasec-contains-itself", "the variable in DATASEC .bss made of the type .bss itself")
def _():
    e = Elf("programs"); i, d = e.btf_type(15, ".bss")
    var = e.btf_types()[e.u32(d["at"] + 12)]  # the section's first entry: (type, offset, size)
    e.p32(var["at"] + 8, i); return e.b


@case("btf-type-reference-out-of-range", "a BTF pointer to type id 99999")
def _():
    e = Elf("maps"); i, t = e.btf_type(2); e.p32(t["at"] + 8, 99999); return e.b


@case("btf-vlen-absurd", "struct task_stat claims 65535 members")
def _():
    e = Elf("maps"); i, t = e.btf_type(4, "task_stat")
    info = e.u32(t["at"] + 4); e.p32(t["at"] + 4, (info & ~0xFFFF) | 0xFFFF); return e.b


@case("btf-array-size-overflow", "char name[32] of task_stat given 2^32 - 1 elements of an array of 2^32 - 1")
def _():
    e = Elf("maps")
    arrays = [(i, t) for i, t in enumerate(e.btf_types()) if t and t["kind"] == 3]
    (i, a), (j, b) = arrays[0], arrays[1]
    e.p32(a["at"] + 12, j)             # element type: the second array
    e.p32(a["at"] + 20, 0xFFFFFFFF)    # nelems
    e.p32(b["at"] + 20, 0xFFFFFFFF)
    return e.b


@case("btf-int-bad-size", "an INT of 3 bytes")
def _():
    e = Elf("maps"); i, t = e.btf_type(1); e.p32(t["at"] + 8, 3); return e.b


@case("btfext-bad-record-size", ".BTF.ext func_info record size 2")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext(); e.p32(base + hl + fo, 2); return e.b


@case("btfext-line-info-beyond", ".BTF.ext line_info length runs past the section")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext(); e.p32(base + 20, 0x100000); return e.b


@case("btfext-line-info-past-code", "the first line_info record of bind describes instruction 65536")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext()
    e.p32(base + hl + lo + 4 + 8, 65536 * 8); return e.b


@case("btfext-line-info-section-without-code", "line_info's first section renamed to a type name (no such code section)")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext()
    i, t = e.btf_type(4, "task_stat")
    e.p32(base + hl + lo + 4, e.u32(t["at"])); return e.b


@case("btfext-func-info-not-a-func", ".BTF.ext func_info names type 1 (an INT) as a function")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext()
    e.p32(base + hl + fo + 4 + 8 + 4, 1); return e.b


@case("btfext-record-count-absurd", ".BTF.ext line_info announces 2^31 records for its first section")
def _():
    e = Elf("maps"); base, hl, fo, fl, lo, ll = e.btfext(); e.p32(base + hl + lo + 8, 0x80000000); return e.b


@case("maps-without-btf", ".BTF renamed: .maps has no BTF to describe it")
def _():
    e = Elf("maps")
    # Point the .BTF section's name at ".BTF.ext" + 4 = ".ext"? Simpler: rename in place.
    names = e.sh(e.shstrndx)["offset"]
    o = names + e.sh(e.index(".BTF"))["name"]
    e.b[o:o + 4] = b".BTX"
    o = names + e.sh(e.index(".BTF.ext"))["name"]
    e.b[o:o + 4] = b".BTX"
    return e.b


@case("map-field-not-a-pointer", "map task_stats' 'type' member retyped to u32 (not __uint)")
def _():
    e = Elf("maps")
    types = e.btf_types()
    i, st = next((i, t) for i, t in enumerate(types) if t and t["kind"] == 4 and t["name"] == "" and t["vlen"] == 4)
    u32 = next(i for i, t in enumerate(types) if t and t["kind"] == 1 and t["name"] == "unsigned int")
    e.p32(st["at"] + 12 + 4, u32)  # member 0 'type': its type id
    return e.b


@case("map-initializer-misaligned", "the .maps relocation for outer's slot 0 moved 4 bytes into the slot")
def _():
    e = Elf("maps"); _, rs = e.rel(".maps")
    at, off, sym, typ = rs[0]
    e.p64(at, off + 4)
    return e.b


@case("legacy-map-beyond-section", "legacy map outer_by_index's st_value is past the end of maps")
def _():
    e = Elf("legacy_maps"); e.p64(e.symbol("outer_by_index")["at"] + 8, 0x400); return e.b


@case("version-wrong-size", "the version section is 2 bytes")
def _():
    e = Elf("programs"); e.p64(e.shdr(e.index("version")) + 32, 2); return e.b


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".elf") and not f.startswith("fuzz-"):
            os.remove(os.path.join(OUT, f))
    lines = []
    for name, what, fn in CASES:
        data = bytes(fn())
        with open(os.path.join(OUT, name + ".elf"), "wb") as f:
            f.write(data)
        lines.append(f"- `{name}.elf`: {what}.")
    readme = os.path.join(OUT, "README.md")
    fuzz = []
    if os.path.exists(readme):
        fuzz = [l for l in open(readme).read().splitlines() if l.startswith("- `fuzz-")]
    with open(readme, "w") as f:
        f.write("# Malformed eBPF objects\n\n")
        f.write("One defect per file; `Tests/BPFTests/ELFBadCorpusTests.swift` loads each and asserts the error\n")
        f.write("kind and message. Made by `scripts/make-bad-elf-corpus.py` from `Fixtures/ebpf/core/*.o`, except\n")
        f.write("`fuzz-*.elf`: inputs on which the libFuzzer targets in `Fuzz/` found a crash (kept as regressions).\n\n")
        f.write("\n".join(lines + fuzz) + "\n")
    print(f"{len(CASES)} files written to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
