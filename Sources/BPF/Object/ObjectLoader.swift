/// Builds a `BPFObject` from a validated ELF file: decodes BTF, finds programs, maps and data,
/// and classifies every code relocation.
struct ObjectLoader {
  /// One executable section decoded into instruction slots.
  struct CodeSection {
    let section: ELFSection
    let instructions: [Instruction]
    /// True for the second slot of an LDDW.
    let isSecondSlot: [Bool]
    /// Functions by start: name, first instruction, length in slots.
    var functions: [(name: String, start: Int, count: Int)]

    /// The function containing instruction `index`.
    func function(containing index: Int) -> Int? {
      var low = 0
      var high = functions.count
      while low < high {
        let mid = (low + high) / 2
        if functions[mid].start <= index { low = mid + 1 } else { high = mid }
      }
      guard low > 0 else { return nil }
      let f = functions[low - 1]
      return index < f.start + f.count ? low - 1 : nil
    }

    /// The function starting exactly at `index`.
    func function(startingAt index: Int) -> Int? {
      guard let i = function(containing: index), functions[i].start == index else { return nil }
      return i
    }
  }

  let limits: ObjectLimits
  var budget: StringBudget
  /// Symbols grouped by the section they are defined in (filled once the ELF is parsed), so
  /// per-section work never rescans the whole symbol table.
  var symbolsBySection: [Int: [ELFSymbol]] = [:]

  /// The symbols defined in a section.
  func symbols(in section: Int) -> [ELFSymbol] { symbolsBySection[section] ?? [] }

  init(limits: ObjectLimits) {
    self.limits = limits
    budget = StringBudget(limits)
  }

  mutating func load(_ bytes: [UInt8]) throws(ObjectError) -> BPFObject {
    let elf = try ELFFile.parse(bytes, limits: limits, budget: &budget)
    symbolsBySection = Dictionary(grouping: elf.symbols.filter { !$0.isUndefined && $0.sectionIndex < 0xFF00 }) {
      Int($0.sectionIndex)
    }
    let btf = try loadBTF(elf)
    let btfExt = try loadBTFExt(elf, btf: btf)
    let dataSections = try loadDataSections(elf, btf: btf)
    let legacy = try loadLegacyMaps(elf)
    let code = try loadCode(elf)
    let maps = try loadBTFMaps(elf, btf: btf, code: code)
    let index = Targets(code: code, maps: maps, legacy: legacy, data: dataSections)
    var programs: [BPFProgram] = []
    var subprograms: [BPFProgram] = []
    // Every BTF.ext record must describe code that is there (the kernel refuses the rest too).
    for section in btfExt?.sections ?? [] {
      guard let c = code.first(where: { $0.section.name == section.name }) else {
        throw ObjectError(.badBTFExt, "BTF.ext describes section '\(section.name)', which holds no code")
      }
      let records =
        section.lines.map { ("line_info", $0.instruction) } + section.functions.map { ("func_info", $0.instruction) }
      if let (area, at) = records.first(where: { $0.1 < 0 || $0.1 >= c.instructions.count }) {
        throw ObjectError(
          .badBTFExt,
          "BTF.ext \(area) for '\(section.name)': a record at instruction \(at) is past its \(c.instructions.count) instructions")
      }
    }
    for c in code {
      let relocations = try classifyRelocations(elf, code: c, targets: index)
      let ext = btfExt?.section(named: c.section.name)
      let lines = (ext?.lines ?? []).sorted { $0.instruction < $1.instruction }
      let starts = (ext?.functions ?? []).sorted { $0.instruction < $1.instruction }
      for f in c.functions {
        let range = f.start..<(f.start + f.count)
        func rebased<T>(_ items: [T], _ position: (T) -> Int, _ shift: (inout T) -> Void) -> [T] {
          var low = 0
          var high = items.count
          while low < high {
            let mid = (low + high) / 2
            if position(items[mid]) < range.lowerBound { low = mid + 1 } else { high = mid }
          }
          var out: [T] = []
          var i = low
          while i < items.count, position(items[i]) < range.upperBound {
            var item = items[i]
            shift(&item)
            out.append(item)
            i += 1
          }
          return out
        }
        let program = BPFProgram(
          sectionName: c.section.name, sectionIndex: c.section.index, name: f.name, sectionOffset: f.start,
          instructions: Array(c.instructions[range]),
          relocations: rebased(relocations, \.instruction) { $0.instruction -= f.start },
          lineInfo: rebased(lines, \.instruction) { $0.instruction -= f.start },
          funcInfo: rebased(starts, \.instruction) { $0.instruction -= f.start },
          functions: [.init(name: f.name, sectionName: c.section.name, start: 0, count: f.count)])
        if c.section.name == ".text" { subprograms.append(program) } else { programs.append(program) }
      }
    }
    var license: String?
    if let s = elf.section(named: "license") {
      let v = elf.view(of: s).array
      license = String(decoding: v.prefix { $0 != 0 }, as: UTF8.self)
    }
    var version: UInt32?
    if let s = elf.section(named: "version") {
      guard s.size == 4, let v = elf.view(of: s).u32(0) else {
        throw ObjectError(.badHeader, "\(s.label): size \(s.size) is not 4 (a 32-bit version number)")
      }
      version = v
    }
    return BPFObject(
      elf: elf, programs: programs, subprograms: subprograms, maps: maps, legacyMapSymbols: legacy, dataSections: dataSections,
      license: license, version: version, btf: btf, btfExt: btfExt)
  }

  // MARK: BTF

  /// Named data symbols by section index.
  private func symbolOffsets(_ elf: ELFFile) -> [Int: [String: UInt64]] {
    var result: [Int: [String: UInt64]] = [:]
    for s in elf.symbols where (s.type == .object || s.type == .none) && !s.name.isEmpty && s.sectionIndex != 0
      && s.sectionIndex < 0xFF00
    {
      if result[Int(s.sectionIndex), default: [:]][s.name] == nil { result[Int(s.sectionIndex), default: [:]][s.name] = s.value }
    }
    return result
  }

  private mutating func loadBTF(_ elf: ELFFile) throws(ObjectError) -> BTF? {
    guard let s = elf.section(named: ".BTF") else { return nil }
    let offsets = symbolOffsets(elf)
    var sectionsByName: [String: ELFSection] = [:]
    for section in elf.sections where sectionsByName[section.name] == nil { sectionsByName[section.name] = section }
    do {
      let btf = try BTF.parse(elf.view(of: s), limits: limits, budget: &budget)
      return try btf.fillingDataSections { name in
        guard let section = sectionsByName[name] else { return nil }
        return (section.size, offsets[section.index] ?? [:])
      }
    } catch {
      throw ObjectError(.badBTF, "\(s.label): \(error.message)")
    }
  }

  private mutating func loadBTFExt(_ elf: ELFFile, btf: BTF?) throws(ObjectError) -> BTFExt? {
    guard let s = elf.section(named: ".BTF.ext") else { return nil }
    guard let btf else { throw ObjectError(.badBTFExt, "\(s.label): present without a .BTF section") }
    do {
      return try BTFExt.parse(elf.view(of: s), btf: btf, limits: limits, budget: &budget)
    } catch {
      throw ObjectError(.badBTFExt, "\(s.label): \(error.message)")
    }
  }

  // MARK: Data

  static func isDataSectionName(_ name: String) -> Bool {
    for base in [".data", ".bss", ".rodata"] where name == base || name.hasPrefix(base + ".") { return true }
    return false
  }

  private func loadDataSections(_ elf: ELFFile, btf: BTF?) throws(ObjectError) -> [DataSection] {
    var result: [DataSection] = []
    var datasecs: [String: BTFType] = [:]
    for t in btf?.types ?? [] where t.kind == .dataSection && datasecs[t.name] == nil { datasecs[t.name] = t }
    for s in elf.sections
    where (s.type == .progbits || s.type == .nobits) && s.isAllocated && !s.isExecutable && Self.isDataSectionName(s.name) {
      var variables: [DataSection.Variable] = []
      let datasec = datasecs[s.name]
      if let btf, let datasec, case .dataSection(_, let entries) = datasec.detail {
        for e in entries {
          guard let v = btf.type(e.type) else { continue }
          guard UInt64(e.offset) + UInt64(e.size) <= UInt64(s.size) else {
            throw ObjectError(
              .badBTF,
              "BTF DATASEC '\(s.name)' (type \(datasec.id)): variable '\(v.name)' at \(hex(e.offset)) + \(hex(e.size)) is beyond \(s.label) (\(hex(s.size)) bytes)")
          }
          let target: UInt32? = if case .variable(let t, _) = v.detail { t } else { nil }
          variables.append(.init(name: v.name, offset: Int(e.offset), size: Int(e.size), btfType: target))
        }
      } else {
        for sym in symbols(in: s.index) where sym.type == .object {
          guard sym.value <= UInt64(s.size), sym.size <= UInt64(s.size) - sym.value else {
            throw ObjectError(
              .badSymbol,
              "\(sym.label): \(hex(sym.value)) + \(hex(sym.size)) is beyond \(s.label) (\(hex(s.size)) bytes)")
          }
          variables.append(.init(name: sym.name, offset: Int(sym.value), size: Int(sym.size), btfType: nil))
        }
      }
      variables.sort { ($0.offset, $0.name) < ($1.offset, $1.name) }
      result.append(
        DataSection(
          name: s.name, sectionIndex: s.index, size: s.size, isZeroFilled: s.type == .nobits, isReadOnly: !s.isWritable,
          contents: elf.contents(of: s), btfType: datasec?.id, variables: variables))
    }
    return result
  }

  // MARK: Legacy maps

  static func isLegacyMapSectionName(_ name: String) -> Bool { name == "maps" || name.hasPrefix("maps/") }

  private func loadLegacyMaps(_ elf: ELFFile) throws(ObjectError) -> [LegacyMapSymbol] {
    var result: [LegacyMapSymbol] = []
    for s in elf.sections where s.type == .progbits && Self.isLegacyMapSectionName(s.name) && s.size > 0 {
      let symbols = symbols(in: s.index).filter { ($0.type == .object || $0.type == .none) && !$0.name.isEmpty }
        .sorted { ($0.value, $0.index) < ($1.value, $1.index) }
      guard !symbols.isEmpty else {
        throw ObjectError(.badMap, "\(s.label): no symbols name its map definitions")
      }
      let view = elf.view(of: s)
      for (i, sym) in symbols.enumerated() {
        let end = i + 1 < symbols.count ? symbols[i + 1].value : UInt64(s.size)
        let size = sym.size != 0 ? sym.size : end &- sym.value
        guard sym.value <= UInt64(s.size), size <= UInt64(s.size) - sym.value, size > 0 else {
          throw ObjectError(
            .badMap, "\(sym.label): map definition at \(hex(sym.value)) + \(hex(size)) is beyond \(s.label) (\(hex(s.size)) bytes)")
        }
        let bytes = view.slice(offset: Int(sym.value), length: Int(size))?.array ?? []
        result.append(
          LegacyMapSymbol(
            name: sym.name, sectionName: s.name, sectionIndex: s.index, offset: Int(sym.value), size: Int(size), bytes: bytes))
      }
    }
    return result
  }

  // MARK: Code

  private func loadCode(_ elf: ELFFile) throws(ObjectError) -> [CodeSection] {
    var result: [CodeSection] = []
    var total = 0
    for s in elf.sections where s.type == .progbits && s.isExecutable && s.size > 0 {
      guard s.size % 8 == 0 else {
        throw ObjectError(.badProgram, "\(s.label): size \(hex(s.size)) is not a multiple of 8 (instruction slots)")
      }
      total += s.size / 8
      guard total <= limits.maxInstructions else {
        throw ObjectError(.limitExceeded, "more than \(limits.maxInstructions) instructions (limit)")
      }
      let instructions = Instruction.decode(elf.view(of: s).array)
      var second = [Bool](repeating: false, count: instructions.count)
      var i = 0
      while i < instructions.count {
        if instructions[i].isWide {
          guard i + 1 < instructions.count else {
            throw ObjectError(
              .badProgram, "\(s.label): the LDDW at instruction \(i) is cut in half by the end of the section")
          }
          second[i + 1] = true
          i += 2
        } else {
          i += 1
        }
      }
      var symbols = symbols(in: s.index).filter { $0.type == .function }
      symbols.sort { ($0.value, $0.index) < ($1.value, $1.index) }
      var functions: [(name: String, start: Int, count: Int)] = []
      for (k, sym) in symbols.enumerated() {
        if let last = functions.last, UInt64(last.start * 8) == sym.value { continue }  // an alias
        guard sym.value % 8 == 0, sym.size % 8 == 0, sym.value < UInt64(s.size), sym.size <= UInt64(s.size) - sym.value else {
          throw ObjectError(
            .badProgram,
            "\(sym.label): function at \(hex(sym.value)) + \(hex(sym.size)) is misaligned or beyond \(s.label) (\(hex(s.size)) bytes)")
        }
        let start = Int(sym.value / 8)
        let next = k + 1 < symbols.count ? Int(min(symbols[k + 1].value, UInt64(s.size)) / 8) : instructions.count
        let count = sym.size != 0 ? Int(sym.size / 8) : max(next - start, 0)
        if let last = functions.last, last.start + last.count > start {
          throw ObjectError(
            .badProgram, "\(sym.label): function at instruction \(start) overlaps '\(last.name)' in \(s.label)")
        }
        guard !second[start] else {
          throw ObjectError(.badProgram, "\(sym.label): function starts in the middle of an LDDW in \(s.label)")
        }
        let end = start + count
        if count > 0, end < instructions.count, second[end] {
          throw ObjectError(
            .badProgram, "\(sym.label): the LDDW at instruction \(end - 1) of \(s.label) is cut in half by the end of the function")
        }
        functions.append((sym.name, start, count))
      }
      if symbols.isEmpty { functions = [(s.name, 0, instructions.count)] }
      result.append(CodeSection(section: s, instructions: instructions, isSecondSlot: second, functions: functions))
    }
    return result
  }

  // MARK: Relocations

  /// Lookup tables for what relocations can refer to, keyed by section index and offset.
  struct Targets {
    var code: [Int: CodeSection] = [:]
    var maps: [Int: Int] = [:]
    var legacy: [Int: [Int: Int]] = [:]
    var data: [Int: Int] = [:]

    init(code: [CodeSection], maps: [BTFMapDefinition], legacy: [LegacyMapSymbol], data: [DataSection]) {
      for c in code { self.code[c.section.index] = c }
      for (i, m) in maps.enumerated() where self.maps[m.offset] == nil { self.maps[m.offset] = i }
      for (i, l) in legacy.enumerated() where self.legacy[l.sectionIndex]?[l.offset] == nil {
        self.legacy[l.sectionIndex, default: [:]][l.offset] = i
      }
      for (i, d) in data.enumerated() { self.data[d.sectionIndex] = i }
    }
  }

  /// Classifies the relocations of one code section, and lists the calls clang resolved itself
  /// (inside one section), sorted by instruction.
  private func classifyRelocations(_ elf: ELFFile, code: CodeSection, targets: Targets) throws(ObjectError)
    -> [ProgramRelocation]
  {
    let s = code.section
    var result: [Int: ProgramRelocation] = [:]
    for (n, r) in (elf.relocations[s.index] ?? []).enumerated() {
      let site = "\(s.label) relocation \(n) at \(hex(r.offset))"
      guard let type = r.type else { throw ObjectError(.badRelocation, "\(site): unsupported relocation type \(r.rawType)") }
      if type == .none { continue }
      guard r.offset % 8 == 0, r.offset < UInt64(s.size) else {
        throw ObjectError(.badRelocation, "\(site): offset is misaligned or beyond the section (\(hex(s.size)) bytes)")
      }
      let index = Int(r.offset / 8)
      let insn = code.instructions[index]
      let symbol = elf.symbols[r.symbolIndex]
      guard code.function(containing: index) != nil else {
        throw ObjectError(.badRelocation, "\(site): instruction \(index) is not inside any function")
      }
      guard result[index] == nil else {
        throw ObjectError(.badRelocation, "\(site): instruction \(index) already has a relocation")
      }
      let kind: ProgramRelocation.Kind
      switch type {
      case .imm64:
        guard insn.isWide, !code.isSecondSlot[index] else {
          throw ObjectError(
            .badRelocation, "\(site): R_BPF_64_64 against \(symbol.label) is not on an LDDW (opcode \(hex(insn.opcode)))")
        }
        kind = try classifyLoad(elf, site: site, symbol: symbol, addend: Int64(insn.imm), targets: targets)
      case .call32:
        guard insn.opcode == 0x85, insn.src == 1 else {
          throw ObjectError(
            .badRelocation,
            "\(site): R_BPF_64_32 against \(symbol.label) is not on a bpf-to-bpf call (opcode \(hex(insn.opcode)), src \(insn.src))")
        }
        if symbol.isUndefined {
          kind = .external
        } else {
          // (S + A) / 8 - 1 with A in the call's immediate: target slot = value / 8 + imm + 1.
          let target = try codeTarget(
            site: site, symbol: symbol, slot: Int64(symbol.value / 8) + Int64(insn.imm) + 1, targets: targets,
            aligned: symbol.value % 8 == 0)
          kind = .call(target: target)
        }
      case .abs64, .abs32, .nodyld32, .none:
        throw ObjectError(.badRelocation, "\(site): relocation type \(r.rawType) does not apply to code")
      }
      result[index] = ProgramRelocation(instruction: index, symbol: symbol.name, kind: kind)
    }
    // Calls inside one section need no relocation: clang resolves them; list them too.
    for (index, insn) in code.instructions.enumerated()
    where insn.opcode == 0x85 && insn.src == 1 && !code.isSecondSlot[index] && result[index] == nil {
      guard code.function(containing: index) != nil else { continue }
      let target = index + Int(insn.imm) + 1
      guard let f = code.function(startingAt: target) else {
        throw ObjectError(
          .badLink,
          "\(s.label): the call at instruction \(index) targets instruction \(target), which does not start a function")
      }
      result[index] = ProgramRelocation(
        instruction: index, symbol: code.functions[f].name, kind: .call(target: CodeLocation(section: s.index, instruction: target)))
    }
    return result.values.sorted { $0.instruction < $1.instruction }
  }

  private func codeTarget(
    site: String, symbol: ELFSymbol, slot: Int64, targets: Targets, aligned: Bool
  ) throws(ObjectError) -> CodeLocation {
    guard let target = targets.code[Int(symbol.sectionIndex)] else {
      throw ObjectError(.badRelocation, "\(site): \(symbol.label) is not in a code section")
    }
    guard aligned, slot >= 0, slot < Int64(target.instructions.count), target.function(startingAt: Int(slot)) != nil else {
      throw ObjectError(
        .badLink, "\(site): target instruction \(slot) of \(target.section.label) does not start a function")
    }
    return CodeLocation(section: target.section.index, instruction: Int(slot))
  }

  private func classifyLoad(
    _ elf: ELFFile, site: String, symbol: ELFSymbol, addend: Int64, targets: Targets
  ) throws(ObjectError) -> ProgramRelocation.Kind {
    if symbol.isUndefined { return .external }
    guard symbol.sectionIndex < 0xFF00 else {
      throw ObjectError(.badRelocation, "\(site): \(symbol.label) has special section index \(hex(symbol.sectionIndex))")
    }
    let target = elf.sections[Int(symbol.sectionIndex)]
    // Symbol values come from the file: add in 128 bits' worth of care.
    let (offset, overflow) = Int64(clamping: symbol.value).addingReportingOverflow(addend)
    guard !overflow, offset >= 0 else {
      throw ObjectError(.badRelocation, "\(site): \(symbol.label) + \(addend) is a negative or overflowing offset")
    }
    if target.name == ".maps" {
      guard let i = targets.maps[Int(offset)] else {
        throw ObjectError(.badRelocation, "\(site): no map starts at offset \(hex(offset)) of \(target.label)")
      }
      return .map(index: i)
    }
    if Self.isLegacyMapSectionName(target.name) {
      guard let i = targets.legacy[target.index]?[Int(offset)] else {
        throw ObjectError(.badRelocation, "\(site): no map definition starts at offset \(hex(offset)) of \(target.label)")
      }
      return .legacyMap(index: i)
    }
    if let i = targets.data[target.index] {
      guard offset <= Int64(target.size) else {
        throw ObjectError(
          .badRelocation, "\(site): offset \(hex(offset)) is beyond \(target.label) (\(hex(target.size)) bytes)")
      }
      return .globalData(section: i, offset: Int(offset))
    }
    if target.isExecutable {
      let location = try codeTarget(site: site, symbol: symbol, slot: offset / 8, targets: targets, aligned: offset % 8 == 0)
      return .functionAddress(target: location)
    }
    throw ObjectError(
      .badRelocation, "\(site): \(symbol.label) is in \(target.label), which is not a map, data or code section")
  }
}
