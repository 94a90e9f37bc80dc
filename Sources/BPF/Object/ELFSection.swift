/// One ELF section header, validated against the file.
public struct ELFSection: Sendable, Hashable {
  /// Section types the loader distinguishes (`SHT_*`).
  public enum SectionType: Sendable, Hashable {
    /// SHT_NULL.
    case null
    /// SHT_PROGBITS: code or initialised data.
    case progbits
    /// SHT_SYMTAB.
    case symbolTable
    /// SHT_STRTAB.
    case stringTable
    /// SHT_RELA (relocations with explicit addends).
    case relocationsWithAddends
    /// SHT_NOBITS: zero-filled, no file contents (`.bss`).
    case nobits
    /// SHT_REL (relocations with implicit addends, what clang emits for BPF).
    case relocations
    /// Any other type, by number.
    case other(UInt32)

    init(_ raw: UInt32) {
      switch raw {
      case 0: self = .null
      case 1: self = .progbits
      case 2: self = .symbolTable
      case 3: self = .stringTable
      case 4: self = .relocationsWithAddends
      case 8: self = .nobits
      case 9: self = .relocations
      default: self = .other(raw)
      }
    }
  }

  /// The section's index in the section header table.
  public let index: Int
  /// The section's name from the section-name string table.
  public let name: String
  /// The section's type.
  public let type: SectionType
  /// `SHF_*` flags.
  public let flags: UInt64
  /// File offset of the contents.
  public let offset: Int
  /// Size of the contents in bytes (for NOBITS, the zero-filled size).
  public let size: Int
  /// `sh_link`: the associated section (string table of a symbol table, symbol table of relocations).
  public let link: UInt32
  /// `sh_info`: for relocation sections, the section they apply to.
  public let info: UInt32
  /// `sh_entsize`: entry size of tables.
  public let entrySize: UInt64

  /// True when the section holds code (`SHF_EXECINSTR`).
  public var isExecutable: Bool { flags & 0x4 != 0 }
  /// True when the section occupies memory at run time (`SHF_ALLOC`).
  public var isAllocated: Bool { flags & 0x2 != 0 }
  /// True when the section is writable at run time (`SHF_WRITE`).
  public var isWritable: Bool { flags & 0x1 != 0 }
  /// True when the section has bytes in the file.
  public var hasFileContents: Bool { type != .nobits && type != .null && size > 0 }

  /// `section N (name)`, the way error messages refer to a section.
  public var label: String { "section \(index) (\(name.isEmpty ? "unnamed" : name))" }
}
