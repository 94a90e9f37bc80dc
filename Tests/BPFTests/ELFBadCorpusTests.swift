import Testing

@testable import BPF

/// Loads every file of `Fixtures/bad/elf/` and checks the specific error it must produce.
@Suite struct ELFBadCorpusTests {
  /// File name (without `.elf`) → the error kind and a fragment of the message naming the defect.
  static let expected: [String: (ObjectError.Kind, String)] = [
    "bad-section-header-size": (.badHeader, "section header entry size 40 is not 64"),
    "big-endian": (.notLittleEndian, "big-endian object"),
    "btf-array-size-overflow": (.badBTF, "(ARRAY): 4294967295 elements of 4 bytes exceed 4 GiB"),
    "btf-bad-magic": (.badBTF, "(.BTF): BTF magic is 0x1234, expected 0xeb9f"),
    "btf-const-typedef-loop": (.badBTF, "(TYPEDEF 'u32') refers back to itself through a loop of types"),
    "btf-int-bad-size": (.badBTF, "(INT) 'int': size 3 is not 1, 2, 4, 8 or 16"),
    "btf-name-offset-out-of-range": (.badBTF, "BTF type 1 (PTR) name: string offset 0xffffff is beyond the end of the BTF string section"),
    "btf-truncated-header": (.badBTF, "BTF header needs 24 bytes, the section has 10"),
    "btf-type-reference-out-of-range": (.badBTF, "pointee type id 99999 does not exist"),
    "btf-struct-contains-itself": (.badBTF, "(STRUCT 'task_stat') contains itself by value through its members"),
    "btf-member-past-struct": (.badBTF, "(STRUCT 'task_stat'): member 'id' at bit 65536 runs past its 40 bytes"),
    "btf-datasec-contains-itself": (.badBTF, "(VAR 'last_verdict') contains itself by value through its members"),
    "btfext-line-info-past-code": (.badBTFExt, "a record at instruction 65536 is past its 16 instructions"),
    "btfext-line-info-section-without-code": (.badBTFExt, "BTF.ext describes section 'task_stat', which holds no code"),
    "btf-type-section-beyond": (.badBTF, "BTF type section at 0x0 + 0x100000 is beyond the data"),
    "btf-typedef-cycle": (.badBTF, "(TYPEDEF 'u32') refers back to itself through a loop of types"),
    "btf-unknown-kind": (.badBTF, "BTF type 1 at offset 0x0: unknown kind 31"),
    "btf-vlen-absurd": (.badBTF, "(STRUCT) 'task_stat': 65535 entries of 12 bytes run past the end of the BTF type section"),
    "btfext-bad-record-size": (.badBTFExt, "func_info record size 2 is not a multiple of 4"),
    "btfext-func-info-not-a-func": (.badBTFExt, "func_info for 'sample_ext' at instruction 0: type id 1 is not a FUNC"),
    "btfext-line-info-beyond": (.badBTFExt, "line_info at 0x24 + 0x100000 is beyond the data"),
    "btfext-record-count-absurd": (.badBTFExt, "2147483648 records of 16 bytes run past the end of the area"),
    "call-target-not-a-function": (.badLink, "the call at instruction 11 targets instruction 15, which does not start a function"),
    "elf32-class": (.notELF64, "ELF32 object"),
    "empty": (.notELF, "not an ELF file"),
    "extended-section-count-absurd": (.limitExceeded, "1099511627776 sections, more than the limit of 65280"),
    "function-beyond-section": (.badProgram, "(probe): function at 0x0 + 0x1000 is misaligned or beyond section 6 (xdp/probe)"),
    "function-misaligned": (.badProgram, "(second_bind): function at 0x54 + 0x88 is misaligned"),
    "function-starts-inside-lddw": (.badProgram, "(second_bind): function starts in the middle of an LDDW"),
    "fuzz-name-table-offset-beyond-eof": (.sectionOutOfRange, "(section name table): offset 0x8800000000000c03 + size 0x0 is beyond the end of the file"),
    "lddw-cut-at-section-end": (.badProgram, "section 6 (xdp/probe): the LDDW at instruction 2 is cut in half by the end of the section"),
    "legacy-map-beyond-section": (.badMap, "(outer_by_index): map definition at 0x400 + 0x20 is beyond section 5 (maps)"),
    "map-field-not-a-pointer": (.badMap, "map 'outer': field 'type' is not a pointer"),
    "map-initializer-misaligned": (.badRelocation, "not on a slot of map 'outer' values"),
    "maps-without-btf": (.badMap, "section 7 (.maps): maps need BTF"),
    "not-elf-magic": (.notELF, "not an ELF file"),
    "not-relocatable-executable": (.notRelocatable, "ELF type 2 is not a relocatable object"),
    "program-size-not-multiple-of-8": (.badProgram, "section 4 (bind): size 0xd4 is not a multiple of 8"),
    "relocation-abs64-in-code": (.badRelocation, "relocation type 2 does not apply to code"),
    "relocation-call-not-on-call": (.badRelocation, "R_BPF_64_32 against symbol 18 (classify) is not on a bpf-to-bpf call (opcode 0x18"),
    "relocation-data-offset-beyond-section": (.badRelocation, "offset 0x4000 is beyond section 11 (.rodata.str1.1) (0x12 bytes)"),
    "relocation-lddw-not-on-lddw": (.badRelocation, "R_BPF_64_64 against symbol 22 (last_verdict) is not on an LDDW (opcode 0x95)"),
    "relocation-map-offset-nowhere": (.badRelocation, "no map starts at offset 0x9c of section 7 (.maps)"),
    "relocation-offset-beyond-section": (.badRelocation, "relocation 0 at 0x10000: offset is misaligned or beyond the section"),
    "relocation-offset-misaligned": (.badRelocation, "relocation 0 at 0xc: offset is misaligned or beyond the section"),
    "relocation-rela-in-code": (.badRelocation, "(.relbind): RELA relocations are not used for BPF"),
    "relocation-section-bad-target": (.badSectionLink, "(.relbind): applies to section 999, which does not exist"),
    "relocation-symbol-index-out-of-range": (.badRelocation, "symbol index 70000 is beyond the symbol table (29 symbols)"),
    "relocation-unknown-type": (.badRelocation, "unsupported relocation type 77"),
    "section-count-beyond-eof": (.truncated, "with 4000 entries (0x3e800 bytes) runs past the end of the file"),
    "section-name-offset-out-of-range": (.badString, "section 4: name string offset 0x7fffff is beyond the end of the section name table"),
    "section-name-table-index-out-of-range": (.badHeader, "section name table index 200 is not a section"),
    "section-offset-beyond-eof": (.sectionOutOfRange, "section 7 (.maps): offset 0x90000 + size 0x118 is beyond the end of the file (0x2de0 bytes)"),
    "section-overlaps-elf-header": (.sectionOverlap, "section 4 (bind) at 0x10..<0xe8 overlaps the ELF header"),
    "section-size-overflow": (.sectionOutOfRange, "section 4 (bind): offset 0x130 + size 0xffffffffffffff00 is beyond the end of the file"),
    "section-table-beyond-eof": (.truncated, "section header table at 0x2ad0 runs past the end of the file"),
    "sections-overlap": (.sectionOverlap, "section 10 (license) at 0x2c8..<0x2d5 overlaps section 7 (.maps)"),
    "string-table-unterminated": (.badString, "is not NUL-terminated"),
    "symbol-name-offset-out-of-range": (.badString, "symbol 21: name string offset 0x7fffff is beyond the end of section 1 (.strtab)"),
    "symbol-section-index-out-of-range": (.badSymbol, "symbol 21 (first_bind): section index 500 does not exist"),
    "symbol-table-bad-entry-size": (.badSymbol, "(.symtab): symbol entry size 16 is not 24"),
    "symbol-table-bad-string-link": (.badSectionLink, "(.symtab): linked string table 2 is not a string table"),
    "truncated-header": (.truncated, "file is 40 bytes, shorter than the 64-byte ELF64 header"),
    "version-wrong-size": (.badHeader, "section 13 (version): size 2 is not 4"),
    "wrong-machine-x86-64": (.wrongMachine, "machine 62 is not EM_BPF (247)"),
  ]

  static var files: [String] { (try? Fixture.files(in: "bad/elf", withExtension: "elf")) ?? [] }

  @Test(arguments: files)
  func rejectsWithSpecificError(_ file: String) throws {
    let name = String(file.dropLast(4))
    let expectation = try #require(Self.expected[name], "no expected error listed for \(file)")
    let bytes = try Fixture.bytes("bad/elf/" + file)
    do {
      _ = try BPFObject.load(bytes: bytes)
      Issue.record("\(file) loaded without an error")
    } catch {
      #expect(error.kind == expectation.0, "\(file): \(error.message)")
      #expect(error.message.contains(expectation.1), "\(file): \(error.message)")
    }
  }

  @Test func everyExpectationHasAFileAndEveryFileAReadmeLine() throws {
    let files = Set(Self.files.map { String($0.dropLast(4)) })
    #expect(files.count >= 50)
    #expect(files == Set(Self.expected.keys))
    let readme = String(decoding: try Fixture.bytes("bad/elf/README.md"), as: UTF8.self)
    for name in files { #expect(readme.contains("`\(name).elf`"), "README has no line for \(name).elf") }
  }

  @Test func hundredMegabytesOfGarbageFailsAtTheMagic() {
    var garbage = [UInt8](repeating: 0x5A, count: 100 << 20)
    garbage[0] = 0x7F
    #expect(throws: ObjectError(.notELF, "not an ELF file (the first bytes are not 7f 45 4c 46)")) {
      _ = try BPFObject.load(bytes: garbage)
    }
  }

  @Test func fileLargerThanTheLimitIsRejectedBeforeParsing() throws {
    var limits = ObjectLimits()
    limits.maxFileSize = 1024
    let bytes = try Fixture.bytes("ebpf/core/programs.o")
    do {
      _ = try BPFObject.load(bytes: bytes, limits: limits)
      Issue.record("loaded a file over the size limit")
    } catch {
      #expect(error.kind == .limitExceeded)
    }
  }

  @Test func tightLimitsFailFastWithLimitErrors() throws {
    let bytes = try Fixture.bytes("ebpf/core/maps.o")
    let cases: [(WritableKeyPath<ObjectLimits, Int>, Int, String)] = [
      (\.maxSymbols, 3, "symbols, more than the limit of 3"),
      (\.maxRelocations, 2, "more than 2 relocations"),
      (\.maxBTFTypes, 5, "more than 5 types"),
      (\.maxInstructions, 10, "more than 10 instructions"),
      (\.maxBTFExtRecords, 4, "more than 4 records"),
      (\.maxStringBytes, 100, "bytes of strings decoded"),
    ]
    for (path, value, fragment) in cases {
      var limits = ObjectLimits()
      limits[keyPath: path] = value
      do {
        _ = try BPFObject.load(bytes: bytes, limits: limits)
        Issue.record("loaded with \(path) = \(value)")
      } catch {
        #expect(error.kind == .limitExceeded || error.kind == .badBTF || error.kind == .badBTFExt, "\(error.message)")
        #expect(error.message.contains(fragment), "\(error.message)")
      }
    }
  }
}
