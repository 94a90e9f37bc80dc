/// Why a BTF or BTF.ext blob was rejected; `message` names the offending header field, type id or
/// record.
public struct BTFError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The class of defect.
  public enum Kind: String, Sendable, Hashable {
    /// The blob ends before a header or record does.
    case truncated
    /// Magic, version, flags or header length are not a supported BTF (or BTF.ext) header.
    case badHeader
    /// A section described by the header lies outside the blob or is misaligned.
    case badLayout
    /// A name or string offset is outside the string section or not terminated.
    case badString
    /// A type record is of an unknown kind or has inconsistent fields.
    case badType
    /// A type refers to a type id that does not exist.
    case badTypeReference
    /// Typedefs, qualifiers, arrays or variables refer to each other in a loop, or a struct,
    /// union or data section contains itself by value.
    case cycle
    /// A resolved size does not fit in 32 bits.
    case sizeOverflow
    /// A count exceeds the configured `ObjectLimits`.
    case limitExceeded
    /// A BTF.ext record is inconsistent.
    case badRecord
  }

  /// The class of defect.
  public let kind: Kind
  /// What is wrong, naming the field, type id or record.
  public let message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
