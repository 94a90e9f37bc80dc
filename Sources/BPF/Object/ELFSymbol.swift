/// One ELF symbol table entry.
public struct ELFSymbol: Sendable, Hashable {
  /// Symbol types the loader distinguishes (`STT_*`).
  public enum SymbolType: UInt8, Sendable, Hashable {
    /// STT_NOTYPE.
    case none = 0
    /// STT_OBJECT: a variable or map.
    case object = 1
    /// STT_FUNC: a function.
    case function = 2
    /// STT_SECTION: the section itself.
    case section = 3
    /// STT_FILE: the source file name.
    case file = 4
    /// Any other value.
    case other = 255
  }

  /// Symbol binding (`STB_*`).
  public enum Binding: UInt8, Sendable, Hashable {
    /// STB_LOCAL.
    case local = 0
    /// STB_GLOBAL.
    case global = 1
    /// STB_WEAK.
    case weak = 2
    /// Any other value.
    case other = 255
  }

  /// The symbol's index in the symbol table.
  public let index: Int
  /// The symbol's name (for section symbols, the section's name).
  public let name: String
  /// The symbol's type.
  public let type: SymbolType
  /// The symbol's binding.
  public let binding: Binding
  /// `st_shndx`: the section the symbol is defined in (0 undefined, ≥ 0xff00 special).
  public let sectionIndex: UInt16
  /// `st_value`: offset in its section for relocatable objects.
  public let value: UInt64
  /// `st_size`: size in bytes (0 when unknown).
  public let size: UInt64

  /// True for undefined (extern) symbols.
  public var isUndefined: Bool { sectionIndex == 0 }
  /// `symbol N (name)`, the way error messages refer to a symbol.
  public var label: String { "symbol \(index) (\(name.isEmpty ? "unnamed" : name))" }
}

/// One relocation entry of a REL section, with its symbol resolved.
public struct ELFRelocation: Sendable, Hashable {
  /// BPF relocation types (`R_BPF_*`, LLVM's numbering).
  public enum RelocationType: UInt32, Sendable, Hashable {
    /// R_BPF_NONE.
    case none = 0
    /// R_BPF_64_64: the 64-bit immediate of an LDDW (maps, global data, code addresses).
    case imm64 = 1
    /// R_BPF_64_ABS64: a 64-bit data word (map-in-map initialisers, debug info).
    case abs64 = 2
    /// R_BPF_64_ABS32: a 32-bit data word (debug info).
    case abs32 = 3
    /// R_BPF_64_NODYLD32: a 32-bit word in `.BTF` / `.BTF.ext` that loaders do not apply.
    case nodyld32 = 4
    /// R_BPF_64_32: the immediate of a bpf-to-bpf call.
    case call32 = 10
  }

  /// Byte offset in the target section.
  public let offset: UInt64
  /// The relocation type, nil when the number is not a known BPF relocation.
  public let type: RelocationType?
  /// The raw relocation type number.
  public let rawType: UInt32
  /// Symbol table index.
  public let symbolIndex: Int
}
