import Testing

@testable import BPF

@Suite struct ObjectLoadTests {
  @Test func programsAndSubprogramsOfSeveralSections() throws {
    let o = try Fixture.object("programs")
    #expect(o.programs.map { "\($0.sectionName)/\($0.name)" } == ["bind/first_bind", "bind/second_bind", "xdp/probe/probe"])
    #expect(o.programs.map(\.instructions.count) == [10, 17, 12])
    #expect(o.programs.map(\.sectionOffset) == [0, 10, 0])
    #expect(o.subprograms.map(\.name) == ["classify", "mix", "bump"])
    #expect(o.subprograms.allSatisfy { $0.isSubprogram })
    #expect(o.programs(inSection: "bind").count == 2)
    #expect(o.program(named: "probe")?.sectionName == "xdp/probe")
    #expect(o.license == "GPL")
    #expect(o.version == 42)
    #expect(o.maps.isEmpty && o.legacyMapSymbols.isEmpty)
  }

  @Test func relocationsOfOnePrograms() throws {
    let o = try Fixture.object("programs")
    let text = try #require(o.elf.section(named: ".text")).index
    let first = try #require(o.program(named: "first_bind"))
    let data = try #require(o.dataSections.firstIndex { $0.name == ".bss" })
    #expect(
      first.relocations == [
        ProgramRelocation(instruction: 1, symbol: "classify", kind: .call(target: CodeLocation(section: text, instruction: 0))),
        ProgramRelocation(instruction: 4, symbol: ".text", kind: .call(target: CodeLocation(section: text, instruction: 20))),
        ProgramRelocation(instruction: 5, symbol: "last_verdict", kind: .globalData(section: data, offset: 0)),
      ])
    // Instruction indices are relative to the program: second_bind starts at slot 10 of `bind`.
    let second = try #require(o.program(named: "second_bind"))
    let strings = try #require(o.dataSections.firstIndex { $0.name == ".rodata.str1.1" })
    #expect(second.relocations.map(\.instruction) == [2, 6, 10])
    #expect(second.relocations[1].kind == .globalData(section: strings, offset: 0))
    #expect(second.instructions[6].isWide)
    // The call from classify to mix is resolved by clang (no ELF relocation) but still listed.
    let classify = try #require(o.subprograms.first { $0.name == "classify" })
    #expect(
      classify.relocations.contains(
        ProgramRelocation(instruction: 11, symbol: "mix", kind: .call(target: CodeLocation(section: text, instruction: 14)))))
  }

  @Test func globalDataSectionsWithVariables() throws {
    let o = try Fixture.object("programs")
    #expect(o.dataSections.map(\.name) == [".data", ".rodata", ".bss", ".rodata.str1.1"])
    let data = try #require(o.dataSection(named: ".data"))
    #expect(data.size == 32 && !data.isZeroFilled && !data.isReadOnly)
    #expect(data.variables.map(\.name) == ["totals", "greeting"])
    #expect(data.variables.map(\.offset) == [0, 16])
    #expect(Array(data.contents[0..<16]) == [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
    #expect(String(decoding: data.contents[16..<21], as: UTF8.self) == "hello")
    let bss = try #require(o.dataSection(named: ".bss"))
    #expect(bss.isZeroFilled && bss.contents.isEmpty && bss.initialImage == [0, 0, 0, 0])
    #expect(bss.variables.map(\.name) == ["last_verdict"])
    let rodata = try #require(o.dataSection(named: ".rodata"))
    #expect(rodata.isReadOnly)
    #expect(rodata.variables.map { "\($0.name)@\($0.offset)+\($0.size)" } == ["verdict_table@0+16", "tunable_limit@16+4"])
    #expect(Array(rodata.contents[16..<20]) == [7, 0, 0, 0])
    let strings = try #require(o.dataSection(named: ".rodata.str1.1"))
    #expect(String(decoding: strings.contents.prefix { $0 != 0 }, as: UTF8.self) == "ntsh core fixture")
    // Each variable's BTF type is its VAR's target.
    let btf = try #require(o.btf)
    #expect(btf.typeName(try #require(data.variables[0].btfType)) == "struct counters")
    #expect(btf.typeName(try #require(rodata.variables[1].btfType)) == "const volatile u32")
  }

  @Test func btfMapsOfSeveralKinds() throws {
    let o = try Fixture.object("maps")
    #expect(o.maps.map(\.name) == ["inner_a", "inner_b", "outer", "jumps", "task_stats", "recent", "slots", "events"])
    let btf = try #require(o.btf)
    let stats = try #require(o.map(named: "task_stats"))
    #expect(stats.type == 1 && stats.keySize == 4 && stats.valueSize == 40 && stats.maxEntries == 1024)
    #expect(btf.typeName(try #require(stats.keyType)) == "u32")
    #expect(btf.typeName(try #require(stats.valueType)) == "struct task_stat")
    let slots = try #require(o.map(named: "slots"))
    #expect(slots.keySize == 4 && slots.valueSize == 8 && slots.keyType == nil && slots.pinning == 1)
    let recent = try #require(o.map(named: "recent"))
    #expect(recent.type == 8 && recent.mapFlags == 2 && recent.keySize == 8 && recent.maxEntries == 4)
    let events = try #require(o.map(named: "events"))
    #expect(events.type == 13 && events.maxEntries == 4096 && events.keySize == nil && events.valueSize == nil)
    #expect(o.maps.allSatisfy { $0.unknownFields.isEmpty })
  }

  @Test func mapInMapAndProgramArrayInitialisers() throws {
    let o = try Fixture.object("maps")
    let outer = try #require(o.map(named: "outer"))
    #expect(outer.type == 7 && outer.maxEntries == 3 && outer.keySize == 4)
    let inner = try #require(outer.innerMap)
    #expect(inner.type == 2 && inner.keySize == 4 && inner.valueSize == 4 && inner.maxEntries == 1)
    #expect(
      outer.initialValues == [
        .init(slot: 0, symbol: "inner_a", target: .map(index: 0)),
        .init(slot: 2, symbol: "inner_b", target: .map(index: 1)),
      ])
    let jumps = try #require(o.map(named: "jumps"))
    #expect(jumps.valuesArePrograms && jumps.innerMap == nil)
    #expect(jumps.initialValues == [.init(slot: 1, symbol: "jump_target", target: .program(name: "jump_target"))])
    // LDDWs bind to maps by index.
    let entry = try #require(o.program(named: "entry"))
    let named = entry.relocations.map { r -> String in
      if case .map(let i) = r.kind { return o.maps[i].name }
      return "?"
    }
    #expect(named == ["task_stats", "task_stats", "recent", "slots", "jumps"])
    #expect(entry.relocations.map(\.symbol) == named)
  }

  @Test func legacyMapsAsRawBytesBesideBTFMaps() throws {
    let o = try Fixture.object("legacy_maps")
    #expect(o.legacyMapSymbols.map(\.name) == ["port_counts", "inner_template", "outer_by_index"])
    #expect(o.legacyMapSymbols.map(\.offset) == [0, 32, 64])
    #expect(o.legacyMapSymbols.allSatisfy { $0.size == 32 && $0.sectionName == "maps" })
    func words(_ s: LegacyMapSymbol) -> [UInt32] {
      stride(from: 0, to: s.bytes.count, by: 4).map {
        UInt32(s.bytes[$0]) | UInt32(s.bytes[$0 + 1]) << 8 | UInt32(s.bytes[$0 + 2]) << 16 | UInt32(s.bytes[$0 + 3]) << 24
      }
    }
    #expect(words(o.legacyMapSymbols[0]) == [1, 2, 8, 64, 0, 0, 0, 0])
    #expect(words(o.legacyMapSymbols[1]) == [2, 4, 4, 1, 0, 0, 9, 0])
    #expect(words(o.legacyMapSymbols[2]) == [7, 4, 4, 2, 1, 0, 0, 0])
    #expect(o.maps.map(\.name) == ["port_counts_btf"])
    let program = try #require(o.program(named: "count_port"))
    #expect(program.relocations.map(\.kind) == [.legacyMap(index: 0), .legacyMap(index: 0), .map(index: 0)])
    #expect(o.license == "MIT")
  }

  @Test func codeAddressLoadsAndTypeRichGlobals() throws {
    let o = try Fixture.object("types")
    let walk = try #require(o.program(named: "walk"))
    let text = try #require(o.elf.section(named: ".text")).index
    let addresses = walk.relocations.filter { $0.kind == .functionAddress(target: CodeLocation(section: text, instruction: 0)) }
    #expect(addresses.map(\.instruction) == [3, 7])
    #expect(o.subprograms.map(\.name) == ["step"])
    #expect(o.dataSections.map(\.name) == [".data", ".bss"])
    #expect(o.dataSection(named: ".bss")?.variables.map { "\($0.name)@\($0.offset)" } == ["scratch@0", "counter@8"])
  }

  @Test func lineInfoCarriesFileLineColumnAndSource() throws {
    let o = try Fixture.object("programs")
    let first = try #require(o.program(named: "first_bind"))
    #expect(!first.lineInfo.isEmpty)
    #expect(first.lineInfo.allSatisfy { $0.fileName.hasSuffix("programs.c") })
    let call = try #require(first.line(at: 1))
    #expect(call.source.contains("classify(ctx[1])"))
    #expect(call.line == 37 && call.column > 0)
    #expect(first.funcInfo == [FuncInfo(instruction: 0, typeID: first.funcInfo.first?.typeID ?? 0, name: "first_bind")])
    // Records are program-relative: second_bind's first line is its signature's body at slot 0.
    let second = try #require(o.program(named: "second_bind"))
    #expect(second.lineInfo.first?.instruction == 0)
    #expect(second.funcInfo.map(\.name) == ["second_bind"])
    #expect(second.line(at: 6)?.source.contains("banner") == true)
  }
}
