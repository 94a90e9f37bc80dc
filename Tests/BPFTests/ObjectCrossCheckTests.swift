import Testing

@testable import BPF

/// Compares the loader's view of the fixture objects with LLVM's and bpftool's (skipped when the
/// tools are not installed).
@Suite struct ObjectCrossCheckTests {
  static let objects = ["programs", "maps", "legacy_maps", "types"]

  /// `bpftool btf dump file X.o` prints the raw `.BTF` section; ours must match it line for line.
  @Test(arguments: objects)
  func btfDumpMatchesBpftool(_ name: String) throws {
    let path = Tool.fixturePath("ebpf/core/\(name).o")
    guard let expected = Tool.output("bpftool", ["btf", "dump", "file", path]) else { return }
    let object = try Fixture.object(name)
    let section = try #require(object.elf.section(named: ".BTF"))
    let raw = try BTF.parse(bytes: object.elf.contents(of: section))
    #expect(raw.dumpRaw() == expected)
  }

  /// Every relocation `llvm-objdump -r` lists for code and `.maps` sections, with its offset, type
  /// and symbol, is the loader's too.
  @Test(arguments: objects)
  func relocationsMatchObjdump(_ name: String) throws {
    let path = Tool.fixturePath("ebpf/core/\(name).o")
    guard let text = Tool.output("llvm-objdump", ["-r", path]) else { return }
    let object = try Fixture.object(name)
    var theirs: [String] = []
    var section = ""
    for line in text.split(separator: "\n") {
      if line.hasPrefix("RELOCATION RECORDS FOR [") {
        section = String(line.dropFirst("RELOCATION RECORDS FOR [".count).dropLast(2))
        continue
      }
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count == 3, let offset = UInt64(fields[0], radix: 16),
        let target = object.elf.section(named: section), target.isAllocated
      else { continue }
      theirs.append("\(section) \(offset) \(fields[1]) \(fields[2])")
    }
    let names: [ELFRelocation.RelocationType: String] = [
      .imm64: "R_BPF_64_64", .abs64: "R_BPF_64_ABS64", .abs32: "R_BPF_64_ABS32", .nodyld32: "R_BPF_64_NODYLD32",
      .call32: "R_BPF_64_32",
    ]
    var ours: [String] = []
    for (index, list) in object.elf.relocations where object.elf.sections[index].isAllocated {
      for r in list {
        let type = try #require(r.type)
        ours.append("\(object.elf.sections[index].name) \(r.offset) \(names[type] ?? "?") \(object.elf.symbols[r.symbolIndex].name)")
      }
    }
    #expect(!theirs.isEmpty)
    #expect(ours.sorted() == theirs.sorted())
  }

  /// Section names, offsets and sizes agree with `llvm-readelf -S`.
  @Test(arguments: objects)
  func sectionsMatchReadelf(_ name: String) throws {
    let path = Tool.fixturePath("ebpf/core/\(name).o")
    guard let text = Tool.output("llvm-readelf", ["-S", "-W", path]) else { return }
    let object = try Fixture.object(name)
    var rows: [String] = []
    for line in text.split(separator: "\n") where line.contains("] ") && !line.contains("[Nr]") {
      let afterIndex = line.split(separator: "]", maxSplits: 1)[1]
      let f = afterIndex.split(separator: " ", omittingEmptySubsequences: true)
      guard f.count >= 5, let offset = Int(f[3], radix: 16), let size = Int(f[4], radix: 16) else { continue }
      rows.append("\(f[0]) \(offset) \(size)")
    }
    let ours = object.elf.sections.dropFirst().map { "\($0.name) \($0.offset) \($0.size)" }
    let named = rows.filter { !$0.hasPrefix("NULL") }
    #expect(named.count == object.elf.sections.count - 1)
    #expect(ours == named)
  }

  /// Function symbols (programs and subprograms) match `llvm-objdump -t`.
  @Test(arguments: objects)
  func functionsMatchObjdumpSymbols(_ name: String) throws {
    let path = Tool.fixturePath("ebpf/core/\(name).o")
    guard let text = Tool.output("llvm-objdump", ["-t", path]) else { return }
    let object = try Fixture.object(name)
    var theirs: [String] = []
    for line in text.split(separator: "\n") where line.contains(" F ") {
      let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard f.count >= 6, let value = Int(f[0], radix: 16), let size = Int(f[f.count - 2], radix: 16) else { continue }
      theirs.append("\(f[f.count - 3]) \(f[f.count - 1]) \(value / 8) \(size / 8)")
    }
    let ours = (object.programs + object.subprograms).map {
      "\($0.sectionName) \($0.name) \($0.sectionOffset) \($0.instructions.count)"
    }
    #expect(ours.sorted() == theirs.sorted())
  }
}
