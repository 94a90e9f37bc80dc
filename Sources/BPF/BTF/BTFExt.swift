/// A parsed `.BTF.ext` blob: per code section, function info, line info and CO-RE relocations.
///
/// Instruction positions are instruction indices relative to the start of the named section (the
/// blob stores byte offsets; a record whose offset is not a multiple of 8 is rejected).
public struct BTFExt: Sendable {
  /// The BTF.ext records of one code section.
  public struct Section: Sendable, Hashable {
    /// The ELF section's name.
    public let name: String
    /// Where each function starts, with its BTF `FUNC` type.
    public var functions: [FuncInfo]
    /// Source positions, in instruction order as clang emits them.
    public var lines: [LineInfo]
    /// CO-RE relocation records.
    public var coreRelocations: [CoreRelocation]
  }

  /// One CO-RE relocation record (`bpf_core_relo`).
  public struct CoreRelocation: Sendable, Hashable {
    /// The instruction it patches (section-relative index).
    public let instruction: Int
    /// The root BTF type id of the access.
    public let typeID: UInt32
    /// The access string, e.g. `0:1:2`.
    public let accessString: String
    /// The relocation kind (`bpf_core_relo_kind`: 0 field byte offset … 13 type matches).
    public let kind: UInt32
  }

  /// The sections, in the order of their first appearance in the blob.
  public let sections: [Section]
  /// Section positions by name.
  private let index: [String: Int]

  init(sections: [Section]) {
    self.sections = sections
    var index: [String: Int] = [:]
    for (i, s) in sections.enumerated() { index[s.name] = i }
    self.index = index
  }

  /// The records for a section name, or nil when the blob has none.
  public func section(named name: String) -> Section? { index[name].map { sections[$0] } }

  /// The magic number (same as BTF's).
  static let magic: UInt16 = 0xEB9F

  /// Parses a BTF.ext blob whose names and source lines live in `btf`'s string section.
  public static func parse(bytes: [UInt8], btf: BTF, limits: ObjectLimits = .standard) throws(BTFError) -> BTFExt {
    var budget = StringBudget(limits)
    return try parse(ByteView(bytes), btf: btf, limits: limits, budget: &budget)
  }

  static func parse(_ data: ByteView, btf: BTF, limits: ObjectLimits, budget: inout StringBudget) throws(BTFError)
    -> BTFExt
  {
    guard data.count >= 24 else {
      throw BTFError(.truncated, "BTF.ext header needs at least 24 bytes, the section has \(data.count)")
    }
    guard data.u16(0) == magic else {
      throw BTFError(.badHeader, "BTF.ext magic is \(hex(data.u16(0) ?? 0)), expected 0xeb9f")
    }
    guard data.u8(2) == 1 else {
      throw BTFError(.badHeader, "BTF.ext version \(data.u8(2) ?? 0) is not supported (expected 1)")
    }
    guard let headerLength = data.u32(4), headerLength >= 24, Int(headerLength) <= data.count else {
      throw BTFError(.badHeader, "BTF.ext header length \(data.u32(4) ?? 0) is not within 24...\(data.count)")
    }
    guard let body = data.suffix(from: Int(headerLength)) else {
      throw BTFError(.badHeader, "BTF.ext header length is beyond the section")
    }
    var parser = BTFExtParser(body: body, btf: btf, limits: limits, budget: budget)
    let areas: [(BTFExtParser.Area, Int)] = headerLength >= 32 ? [(.function, 8), (.line, 16), (.core, 24)] : [(.function, 8), (.line, 16)]
    for (area, at) in areas {
      guard let offset = data.u32(at), let length = data.u32(at + 4) else {
        throw BTFError(.truncated, "BTF.ext header is truncated")
      }
      try parser.readArea(area, offset: offset, length: length)
    }
    budget = parser.budget
    return BTFExt(sections: parser.sections)
  }
}

/// Source position of one instruction, from BTF.ext line info.
public struct LineInfo: Sendable, Hashable {
  /// The instruction (an index relative to the section in `BTFExt`, to the program in `BPFProgram`).
  public var instruction: Int
  /// The source file's path as clang recorded it.
  public let fileName: String
  /// The text of the source line (clang -g stores it), empty when absent.
  public let source: String
  /// The 1-based line number.
  public let line: UInt32
  /// The 1-based column (0 when unknown).
  public let column: UInt32
}

/// Where a function starts, from BTF.ext func info.
public struct FuncInfo: Sendable, Hashable {
  /// The function's first instruction (section- or program-relative, like `LineInfo.instruction`).
  public var instruction: Int
  /// The BTF `FUNC` type id.
  public let typeID: UInt32
  /// The function's name, from that type.
  public let name: String
}

/// Reads the func_info, line_info and CO-RE areas of a BTF.ext body.
struct BTFExtParser {
  enum Area: String {
    case function = "func_info"
    case line = "line_info"
    case core = "core_relo"

    var minimumRecordSize: UInt32 {
      switch self {
      case .function: 8
      case .line: 16
      case .core: 16
      }
    }
  }

  let body: ByteView
  let btf: BTF
  let limits: ObjectLimits
  var budget: StringBudget
  var sections: [BTFExt.Section] = []
  var sectionIndex: [String: Int] = [:]
  var records = 0

  init(body: ByteView, btf: BTF, limits: ObjectLimits, budget: StringBudget) {
    self.body = body
    self.btf = btf
    self.limits = limits
    self.budget = budget
  }

  private mutating func string(_ offset: UInt32, _ what: @autoclosure () -> String) throws(BTFError) -> String {
    if offset == 0 { return "" }
    do {
      return try btf.strings.string(at: Int(offset), budget: &budget)
    } catch {
      throw BTFError(
        error == .budgetExhausted ? .limitExceeded : .badString,
        "\(what()): " + error.phrase(offset: Int(offset), table: "the BTF string section", size: btf.strings.count, limits: limits))
    }
  }

  private mutating func section(named name: String) -> Int {
    if let i = sectionIndex[name] { return i }
    sections.append(BTFExt.Section(name: name, functions: [], lines: [], coreRelocations: []))
    sectionIndex[name] = sections.count - 1
    return sections.count - 1
  }

  mutating func readArea(_ area: Area, offset: UInt32, length: UInt32) throws(BTFError) {
    if length == 0 { return }
    guard let view = body.slice(offset: Int(offset), length: Int(length)) else {
      throw BTFError(
        .badLayout,
        "BTF.ext \(area.rawValue) at \(hex(offset)) + \(hex(length)) is beyond the data (\(hex(body.count)) bytes after the header)")
    }
    guard let recordSize = view.u32(0) else {
      throw BTFError(.truncated, "BTF.ext \(area.rawValue) has no record size")
    }
    guard recordSize >= area.minimumRecordSize, recordSize % 4 == 0, recordSize <= 256 else {
      throw BTFError(
        .badRecord,
        "BTF.ext \(area.rawValue) record size \(recordSize) is not a multiple of 4 in \(area.minimumRecordSize)...256")
    }
    var p = 4
    while p < view.count {
      guard let nameOffset = view.u32(p), let count = view.u32(p + 4) else {
        throw BTFError(.truncated, "BTF.ext \(area.rawValue) section header at \(hex(p)) is cut off")
      }
      let name = try string(nameOffset, "BTF.ext \(area.rawValue) section name")
      p += 8
      let (bytes, overflow) = Int(count).multipliedReportingOverflow(by: Int(recordSize))
      guard !overflow, view.contains(offset: p, length: bytes) else {
        throw BTFError(
          .truncated,
          "BTF.ext \(area.rawValue) for '\(name)': \(count) records of \(recordSize) bytes run past the end of the area")
      }
      records += Int(count)
      guard records <= limits.maxBTFExtRecords else {
        throw BTFError(.limitExceeded, "BTF.ext has more than \(limits.maxBTFExtRecords) records (limit)")
      }
      let index = section(named: name)
      for _ in 0..<Int(count) {
        try readRecord(area, view: view, at: p, section: index)
        p += Int(recordSize)
      }
    }
  }

  private mutating func readRecord(_ area: Area, view: ByteView, at p: Int, section: Int) throws(BTFError) {
    // The area bounds were checked for the whole run of records, so these reads succeed.
    let words = (0..<4).map { view.u32(p + 4 * $0) ?? 0 }
    let name = sections[section].name
    guard words[0] % 8 == 0 else {
      throw BTFError(
        .badRecord,
        "BTF.ext \(area.rawValue) for '\(name)': instruction offset \(hex(words[0])) is not a multiple of 8")
    }
    let instruction = Int(words[0] / 8)
    switch area {
    case .function:
      guard let t = btf.type(words[1]), t.kind == .function else {
        throw BTFError(
          .badRecord,
          "BTF.ext func_info for '\(name)' at instruction \(instruction): type id \(words[1]) is not a FUNC")
      }
      sections[section].functions.append(FuncInfo(instruction: instruction, typeID: words[1], name: t.name))
    case .line:
      let file = try string(words[1], "BTF.ext line_info for '\(name)' file name")
      let source = try string(words[2], "BTF.ext line_info for '\(name)' source line")
      sections[section].lines.append(
        LineInfo(instruction: instruction, fileName: file, source: source, line: words[3] >> 10, column: words[3] & 0x3FF))
    case .core:
      guard btf.type(words[1]) != nil else {
        throw BTFError(
          .badRecord, "BTF.ext core_relo for '\(name)' at instruction \(instruction): type id \(words[1]) does not exist")
      }
      let access = try string(words[2], "BTF.ext core_relo for '\(name)' access string")
      sections[section].coreRelocations.append(
        BTFExt.CoreRelocation(instruction: instruction, typeID: words[1], accessString: access, kind: words[3]))
    }
  }
}
