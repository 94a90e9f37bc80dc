/// A validated ELF64 little-endian relocatable BPF object: header, sections, symbols and
/// relocations. Every offset and size has been checked against the file, so accessors never fail.
public struct ELFFile: Sendable {
  /// `EM_BPF`.
  public static let machineBPF: UInt16 = 247

  /// The whole file.
  let data: ByteView
  /// Sections by index (index 0 is the null section).
  public let sections: [ELFSection]
  /// Symbols by index (index 0 is the null symbol); empty when the object has no symbol table.
  public let symbols: [ELFSymbol]
  /// Relocations by the index of the section they apply to.
  public let relocations: [Int: [ELFRelocation]]

  /// Parses and validates the ELF structure of `bytes`.
  public static func parse(bytes: [UInt8], limits: ObjectLimits = .standard) throws(ObjectError) -> ELFFile {
    var budget = StringBudget(limits)
    return try parse(bytes, limits: limits, budget: &budget)
  }

  /// The contents of a section (empty for NOBITS).
  public func contents(of section: ELFSection) -> [UInt8] {
    view(of: section).array
  }

  func view(of section: ELFSection) -> ByteView {
    guard section.hasFileContents, let v = data.slice(offset: section.offset, length: section.size) else {
      return ByteView([])
    }
    return v
  }

  /// The first section with this name.
  public func section(named name: String) -> ELFSection? { sections.first { $0.name == name } }
}

extension ELFFile {
  static func parse(_ bytes: [UInt8], limits: ObjectLimits, budget: inout StringBudget) throws(ObjectError) -> ELFFile {
    let data = ByteView(bytes)
    guard bytes.count <= limits.maxFileSize else {
      throw ObjectError(.limitExceeded, "file is \(bytes.count) bytes, more than the \(limits.maxFileSize)-byte limit")
    }
    guard bytes.count >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
      throw ObjectError(.notELF, "not an ELF file (the first bytes are not 7f 45 4c 46)")
    }
    guard bytes.count >= 64 else {
      throw ObjectError(.truncated, "file is \(bytes.count) bytes, shorter than the 64-byte ELF64 header")
    }
    guard bytes[4] == 2 else {
      throw ObjectError(
        .notELF64, bytes[4] == 1 ? "ELF32 object: eBPF objects are ELF64" : "ELF class \(bytes[4]) is not ELFCLASS64")
    }
    guard bytes[5] == 1 else {
      throw ObjectError(
        .notLittleEndian,
        bytes[5] == 2 ? "big-endian object: only little-endian eBPF is supported" : "ELF data encoding \(bytes[5]) is not little-endian")
    }
    guard bytes[6] == 1 else { throw ObjectError(.badHeader, "ELF identification version \(bytes[6]) is not 1") }
    // Every read below is within the 64 bytes checked above.
    let type = data.u16(16) ?? 0
    let machine = data.u16(18) ?? 0
    guard machine == machineBPF else {
      throw ObjectError(.wrongMachine, "machine \(machine) is not EM_BPF (\(machineBPF))")
    }
    guard type == 1 else {
      throw ObjectError(.notRelocatable, "ELF type \(type) is not a relocatable object (ET_REL = 1)")
    }
    let headerOffset = data.u64(40) ?? 0
    let headerSize = data.u16(58) ?? 0
    var count = Int(data.u16(60) ?? 0)
    var nameTableIndex = Int(data.u16(62) ?? 0)
    guard headerOffset != 0 else { throw ObjectError(.badHeader, "the object has no section header table") }
    guard headerSize == 64 else {
      throw ObjectError(.badHeader, "section header entry size \(headerSize) is not 64")
    }
    guard headerOffset <= UInt64(bytes.count), bytes.count - Int(headerOffset) >= 64 else {
      throw ObjectError(
        .truncated,
        "section header table at \(hex(headerOffset)) runs past the end of the file (\(hex(bytes.count)) bytes)")
    }
    let tableOffset = Int(headerOffset)
    // Extended numbering: a count of 0 or an index of SHN_XINDEX defer to section 0's fields.
    if count == 0 { count = Int(clamping: data.u64(tableOffset + 32) ?? 0) }
    if nameTableIndex == 0xFFFF { nameTableIndex = Int(data.u32(tableOffset + 40) ?? 0) }
    guard count <= limits.maxSections else {
      throw ObjectError(.limitExceeded, "\(count) sections, more than the limit of \(limits.maxSections)")
    }
    guard data.contains(offset: tableOffset, length: count * 64) else {
      throw ObjectError(
        .truncated,
        "section header table at \(hex(tableOffset)) with \(count) entries (\(hex(count * 64)) bytes) runs past the end of the file (\(hex(bytes.count)) bytes)")
    }
    guard nameTableIndex > 0, nameTableIndex < count else {
      throw ObjectError(.badHeader, "section name table index \(nameTableIndex) is not a section (the object has \(count))")
    }

    struct RawSection {
      var nameOffset: UInt32, type: UInt32, flags: UInt64, offset: UInt64, size: UInt64, link: UInt32, info: UInt32
      var entrySize: UInt64
    }
    var raws: [RawSection] = []
    raws.reserveCapacity(count)
    for i in 0..<count {
      let p = tableOffset + i * 64
      raws.append(
        RawSection(
          nameOffset: data.u32(p) ?? 0, type: data.u32(p + 4) ?? 0, flags: data.u64(p + 8) ?? 0, offset: data.u64(p + 24) ?? 0,
          size: data.u64(p + 32) ?? 0, link: data.u32(p + 40) ?? 0, info: data.u32(p + 44) ?? 0,
          entrySize: data.u64(p + 56) ?? 0))
    }
    let nameRaw = raws[nameTableIndex]
    guard nameRaw.type == 3 else {
      throw ObjectError(.badSectionLink, "section name table (section \(nameTableIndex)) is not a string table")
    }
    guard nameRaw.offset <= UInt64(bytes.count), nameRaw.size <= UInt64(bytes.count) - nameRaw.offset else {
      throw ObjectError(
        .sectionOutOfRange,
        "section \(nameTableIndex) (section name table): offset \(hex(nameRaw.offset)) + size \(hex(nameRaw.size)) is beyond the end of the file (\(hex(bytes.count)) bytes)")
    }
    let nameTable = StringTable(data.slice(offset: Int(nameRaw.offset), length: Int(nameRaw.size)) ?? ByteView([]))
    var sections: [ELFSection] = []
    sections.reserveCapacity(count)
    for (i, r) in raws.enumerated() {
      var name = ""
      if i != 0 {
        do {
          name = try nameTable.string(at: Int(r.nameOffset), budget: &budget)
        } catch {
          throw ObjectError(
            error == .budgetExhausted ? .limitExceeded : .badString,
            "section \(i): name " + error.phrase(offset: Int(r.nameOffset), table: "the section name table", size: nameTable.count, limits: limits))
        }
      }
      // Contents must lie in the file; NOBITS only needs a sane size.
      if r.type != 0, r.type != 8, r.size > 0 {
        guard r.offset <= UInt64(bytes.count), r.size <= UInt64(bytes.count) - r.offset else {
          throw ObjectError(
            .sectionOutOfRange,
            "section \(i) (\(name)): offset \(hex(r.offset)) + size \(hex(r.size)) is beyond the end of the file (\(hex(bytes.count)) bytes)")
        }
      }
      if r.type == 8, r.size > UInt64(limits.maxZeroFilledSize) {
        throw ObjectError(
          .limitExceeded,
          "section \(i) (\(name)): zero-filled size \(hex(r.size)) is more than the limit of \(hex(limits.maxZeroFilledSize))")
      }
      // File-backed sections were bounded by the file size above; the others' offsets are never read.
      sections.append(
        ELFSection(
          index: i, name: name, type: .init(r.type), flags: r.flags, offset: Int(clamping: r.offset),
          size: Int(min(r.size, UInt64(Int.max))), link: r.link, info: r.info, entrySize: r.entrySize))
    }
    try checkOverlaps(sections, tableOffset: tableOffset, tableSize: count * 64)

    let (symbols, symbolTable) = try readSymbols(data, sections: sections, limits: limits, budget: &budget)
    let relocations = try readRelocations(data, sections: sections, symbolTable: symbolTable, symbols: symbols, limits: limits)
    return ELFFile(data: data, sections: sections, symbols: symbols, relocations: relocations)
  }

  /// Rejects file-backed sections that overlap each other, the ELF header or the section headers.
  static func checkOverlaps(_ sections: [ELFSection], tableOffset: Int, tableSize: Int) throws(ObjectError) {
    struct Extent { var start: Int, end: Int, label: String }
    var extents = [Extent(start: 0, end: 64, label: "the ELF header"),
                   Extent(start: tableOffset, end: tableOffset + tableSize, label: "the section header table")]
    for s in sections where s.hasFileContents {
      extents.append(Extent(start: s.offset, end: s.offset + s.size, label: s.label))
    }
    extents.sort { ($0.start, $0.end) < ($1.start, $1.end) }
    var furthest = extents[0]
    for e in extents.dropFirst() {
      if e.start < furthest.end {
        throw ObjectError(
          .sectionOverlap,
          "\(e.label) at \(hex(e.start))..<\(hex(e.end)) overlaps \(furthest.label) at \(hex(furthest.start))..<\(hex(furthest.end))")
      }
      if e.end > furthest.end { furthest = e }
    }
  }

  static func readSymbols(_ data: ByteView, sections: [ELFSection], limits: ObjectLimits, budget: inout StringBudget)
    throws(ObjectError) -> ([ELFSymbol], ELFSection?)
  {
    let tables = sections.filter { $0.type == .symbolTable }
    guard let table = tables.first else { return ([], nil) }
    guard tables.count == 1 else {
      throw ObjectError(.badSectionLink, "\(tables.count) symbol tables (sections \(tables.map { String($0.index) }.joined(separator: ", "))); expected one")
    }
    guard table.entrySize == 24 else {
      throw ObjectError(.badSymbol, "\(table.label): symbol entry size \(table.entrySize) is not 24")
    }
    guard table.size % 24 == 0 else {
      throw ObjectError(.badSymbol, "\(table.label): size \(hex(table.size)) is not a multiple of 24")
    }
    let count = table.size / 24
    guard count <= limits.maxSymbols else {
      throw ObjectError(.limitExceeded, "\(table.label): \(count) symbols, more than the limit of \(limits.maxSymbols)")
    }
    guard Int(table.link) < sections.count, sections[Int(table.link)].type == .stringTable else {
      throw ObjectError(.badSectionLink, "\(table.label): linked string table \(table.link) is not a string table section")
    }
    let strtabSection = sections[Int(table.link)]
    let strtab = StringTable(data.slice(offset: strtabSection.offset, length: strtabSection.size) ?? ByteView([]))
    let view = data.slice(offset: table.offset, length: table.size) ?? ByteView([])
    var symbols: [ELFSymbol] = []
    symbols.reserveCapacity(count)
    for i in 0..<count {
      let p = i * 24
      let nameOffset = view.u32(p) ?? 0
      let info = view.u8(p + 4) ?? 0
      let shndx = view.u16(p + 6) ?? 0
      let value = view.u64(p + 8) ?? 0
      let size = view.u64(p + 16) ?? 0
      let type = ELFSymbol.SymbolType(rawValue: info & 0xF) ?? .other
      var name = ""
      if nameOffset != 0 {
        do {
          name = try strtab.string(at: Int(nameOffset), budget: &budget)
        } catch {
          throw ObjectError(
            error == .budgetExhausted ? .limitExceeded : .badString,
            "symbol \(i): name " + error.phrase(offset: Int(nameOffset), table: strtabSection.label, size: strtab.count, limits: limits))
        }
      }
      if shndx != 0, shndx < 0xFF00, Int(shndx) >= sections.count {
        throw ObjectError(
          .badSymbol,
          "symbol \(i) (\(name.isEmpty ? "unnamed" : name)): section index \(shndx) does not exist (the object has \(sections.count) sections)")
      }
      if type == .section, name.isEmpty, shndx != 0, Int(shndx) < sections.count {
        name = sections[Int(shndx)].name
      }
      symbols.append(
        ELFSymbol(
          index: i, name: name, type: type, binding: ELFSymbol.Binding(rawValue: info >> 4) ?? .other, sectionIndex: shndx,
          value: value, size: size))
    }
    return (symbols, table)
  }

  static func readRelocations(
    _ data: ByteView, sections: [ELFSection], symbolTable: ELFSection?, symbols: [ELFSymbol], limits: ObjectLimits
  ) throws(ObjectError) -> [Int: [ELFRelocation]] {
    var result: [Int: [ELFRelocation]] = [:]
    var total = 0
    for s in sections where s.type == .relocations || s.type == .relocationsWithAddends {
      let target = Int(s.info)
      guard target > 0, target < sections.count else {
        throw ObjectError(.badSectionLink, "\(s.label): applies to section \(s.info), which does not exist")
      }
      // Relocations of debug sections are never applied; skip them without reading.
      let targetSection = sections[target]
      if !targetSection.isAllocated && targetSection.name != ".BTF" && targetSection.name != ".BTF.ext" { continue }
      guard s.type == .relocations else {
        throw ObjectError(.badRelocation, "\(s.label): RELA relocations are not used for BPF (expected SHT_REL)")
      }
      guard let symtab = symbolTable, Int(s.link) == symtab.index else {
        throw ObjectError(.badSectionLink, "\(s.label): linked symbol table \(s.link) is not the symbol table")
      }
      guard s.entrySize == 16, s.size % 16 == 0 else {
        throw ObjectError(.badRelocation, "\(s.label): entry size \(s.entrySize) / size \(hex(s.size)) do not describe 16-byte entries")
      }
      let count = s.size / 16
      total += count
      guard total <= limits.maxRelocations else {
        throw ObjectError(.limitExceeded, "more than \(limits.maxRelocations) relocations (limit)")
      }
      let view = data.slice(offset: s.offset, length: s.size) ?? ByteView([])
      var list: [ELFRelocation] = []
      list.reserveCapacity(count)
      for i in 0..<count {
        let offset = view.u64(i * 16) ?? 0
        let info = view.u64(i * 16 + 8) ?? 0
        let symbol = info >> 32
        let rawType = UInt32(truncatingIfNeeded: info)
        guard symbol < UInt64(symbols.count) else {
          throw ObjectError(
            .badRelocation,
            "\(s.label) entry \(i): symbol index \(symbol) is beyond the symbol table (\(symbols.count) symbols)")
        }
        list.append(
          ELFRelocation(offset: offset, type: .init(rawValue: rawType), rawType: rawType, symbolIndex: Int(symbol)))
      }
      result[target, default: []].append(contentsOf: list)
    }
    return result
  }
}
