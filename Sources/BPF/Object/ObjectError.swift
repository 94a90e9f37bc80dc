/// Why an ELF object could not be loaded; `message` names the section, symbol, relocation or BTF
/// type at fault, e.g. `section 5 (.maps): offset 0x9000 + size 0x40 is beyond the end of the
/// file (0x1a20 bytes)`.
public struct ObjectError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The class of defect.
  public enum Kind: String, Sendable, Hashable {
    /// The file is shorter than its ELF header or section header table.
    case truncated
    /// Not an ELF file (bad magic).
    case notELF
    /// ELF class is not ELFCLASS64.
    case notELF64
    /// Data encoding is not little-endian.
    case notLittleEndian
    /// Machine is not EM_BPF (247).
    case wrongMachine
    /// Not a relocatable object (ET_REL).
    case notRelocatable
    /// A header field is inconsistent (version, header sizes, string table index).
    case badHeader
    /// A section's contents lie outside the file.
    case sectionOutOfRange
    /// Two sections' contents (or a section and the headers) overlap.
    case sectionOverlap
    /// A section refers to a section index that does not exist or has the wrong type.
    case badSectionLink
    /// A name or string offset is invalid.
    case badString
    /// A symbol is malformed or a symbol index is out of range.
    case badSymbol
    /// A relocation is malformed, of an unsupported type, or does not apply to what it names.
    case badRelocation
    /// A program section or function is malformed (size, alignment, cut LDDW).
    case badProgram
    /// A map definition is malformed.
    case badMap
    /// The `.BTF` section is malformed.
    case badBTF
    /// The `.BTF.ext` section is malformed.
    case badBTFExt
    /// A call or code reference cannot be linked.
    case badLink
    /// A count or size exceeds the configured `ObjectLimits`.
    case limitExceeded
  }

  /// The class of defect.
  public let kind: Kind
  /// What is wrong, naming the section, symbol or record.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
