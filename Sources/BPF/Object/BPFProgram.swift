/// One program (or `.text` subprogram) of an object: a function's instructions with everything
/// the runtime needs to bind, verify and show it.
public struct BPFProgram: Sendable, Hashable {
  /// A function inside the instruction array (the program itself, and after `BPFObject.link`,
  /// the subprograms appended to it).
  public struct FunctionSpan: Sendable, Hashable {
    /// The function's symbol name.
    public let name: String
    /// Its ELF section's name.
    public let sectionName: String
    /// Its first instruction in `instructions`.
    public let start: Int
    /// Its length in instruction slots.
    public let count: Int
  }

  /// The ELF section's name (`bind`, `xdp/probe`, `.text` …); the runtime derives the program
  /// type from it.
  public let sectionName: String
  /// The ELF section's index.
  public let sectionIndex: Int
  /// The function's name (the section name when the section has no function symbols).
  public let name: String
  /// Where the function starts in its section, as an instruction index.
  public let sectionOffset: Int
  /// The instruction slots (an LDDW takes two).
  public var instructions: [Instruction]
  /// Every LDDW and call site that needs binding, by instruction index in `instructions`.
  public var relocations: [ProgramRelocation]
  /// Source positions by instruction index (from BTF.ext), in instruction order.
  public var lineInfo: [LineInfo]
  /// Function starts by instruction index (from BTF.ext).
  public var funcInfo: [FuncInfo]
  /// The functions laid out in `instructions`; one entry until the program is linked.
  public var functions: [FunctionSpan]

  /// True for functions of the `.text` section (bpf-to-bpf call targets, not programs).
  public var isSubprogram: Bool { sectionName == ".text" }

  /// The source position of instruction `index`: the last line-info record at or before it.
  public func line(at index: Int) -> LineInfo? {
    var low = 0
    var high = lineInfo.count
    while low < high {
      let mid = (low + high) / 2
      if lineInfo[mid].instruction <= index { low = mid + 1 } else { high = mid }
    }
    return low > 0 ? lineInfo[low - 1] : nil
  }
}

/// An instruction position in an ELF code section.
public struct CodeLocation: Sendable, Hashable {
  /// The ELF section's index.
  public let section: Int
  /// The instruction index relative to the start of that section.
  public let instruction: Int
}

/// An LDDW or call site of a program and what it refers to.
public struct ProgramRelocation: Sendable, Hashable {
  /// What the site refers to.
  public enum Kind: Sendable, Hashable {
    /// A BTF-defined map: `BPFObject.maps[index]`.
    case map(index: Int)
    /// A legacy map: `BPFObject.legacyMapSymbols[index]`.
    case legacyMap(index: Int)
    /// Global data: byte `offset` in `BPFObject.dataSections[section]`.
    case globalData(section: Int, offset: Int)
    /// A bpf-to-bpf call (opcode 0x85, src 1) to the function starting at `target`.
    case call(target: CodeLocation)
    /// An LDDW that loads the address of the function starting at `target` (a callback).
    case functionAddress(target: CodeLocation)
    /// A symbol the object does not define (extern variable or function).
    case external
  }

  /// The site's instruction index in the program (for an LDDW, its first slot).
  public var instruction: Int
  /// The symbol the relocation names (for section-relative references, the section's name).
  public let symbol: String
  /// What the site refers to.
  public let kind: Kind
}
