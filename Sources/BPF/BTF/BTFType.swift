/// One decoded BTF type record.
public struct BTFType: Sendable, Hashable {
  /// Integer encoding bits of a `BTF_KIND_INT`.
  public struct IntEncoding: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates an encoding from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The integer is signed.
    public static let signed = IntEncoding(rawValue: 1)
    /// The integer is a character.
    public static let char = IntEncoding(rawValue: 2)
    /// The integer is a boolean.
    public static let bool = IntEncoding(rawValue: 4)
  }

  /// A struct or union member.
  public struct Member: Sendable, Hashable {
    /// The member's name; empty for an anonymous member.
    public let name: String
    /// The member's type id.
    public let type: UInt32
    /// Offset from the start of the aggregate, in bits.
    public let bitOffset: UInt32
    /// Width of a bitfield in bits; 0 when the member is not a bitfield.
    public let bitfieldSize: UInt32
  }

  /// An enumerator (of `ENUM` or `ENUM64`).
  public struct Enumerator: Sendable, Hashable {
    /// The enumerator's name.
    public let name: String
    /// Its value as stored (for 32-bit enums, the 32-bit pattern zero- or sign-extended by signedness).
    public let value: Int64
  }

  /// A function-prototype parameter.
  public struct Parameter: Sendable, Hashable {
    /// The parameter's name; empty when unnamed (type id 0 with no name marks `...`).
    public let name: String
    /// The parameter's type id.
    public let type: UInt32
  }

  /// A variable's place in a data section.
  public struct SectionVariable: Sendable, Hashable {
    /// Type id of the `VAR` (or `FUNC` for extern sections).
    public let type: UInt32
    /// Offset in the section, in bytes.
    public let offset: UInt32
    /// Size in bytes.
    public let size: UInt32
  }

  /// Linkage of a function or variable.
  public enum Linkage: UInt32, Sendable, Hashable {
    /// File-local.
    case `static` = 0
    /// Global and defined here.
    case global = 1
    /// Declared here, defined elsewhere.
    case extern = 2

    /// The word bpftool prints.
    public var dumpName: String {
      switch self {
      case .static: "static"
      case .global: "global"
      case .extern: "extern"
      }
    }
  }

  /// The kind-specific contents of a type.
  public enum Detail: Sendable, Hashable {
    /// `void` (type id 0).
    case void
    /// An integer: byte size, encoding, bit offset and bit count.
    case int(size: UInt32, encoding: IntEncoding, bitOffset: UInt8, bits: UInt8)
    /// A pointer to a type.
    case pointer(to: UInt32)
    /// An array: element type, index type and element count.
    case array(element: UInt32, index: UInt32, count: UInt32)
    /// A struct or union with its byte size and members.
    case aggregate(size: UInt32, members: [Member])
    /// An enumeration (32- or 64-bit) with its byte size and signedness.
    case enumeration(size: UInt32, signed: Bool, values: [Enumerator])
    /// A forward declaration; `isUnion` tells which kind it announces.
    case forward(isUnion: Bool)
    /// A typedef, qualifier or type tag of a type.
    case alias(of: UInt32)
    /// A function with its prototype's type id and linkage (raw vlen when not a known linkage).
    case function(proto: UInt32, linkage: UInt32)
    /// A function prototype.
    case functionProto(returns: UInt32, parameters: [Parameter])
    /// A variable of a type with a linkage (raw value when unknown).
    case variable(type: UInt32, linkage: UInt32)
    /// A data section with its byte size and variables.
    case dataSection(size: UInt32, variables: [SectionVariable])
    /// A floating-point type of a byte size.
    case float(size: UInt32)
    /// A declaration tag on a type; `component` is -1 for the type itself, else a member/parameter index.
    case declTag(target: UInt32, component: Int32)
  }

  /// The type's id (its position in the BTF blob, from 1; 0 is `void`).
  public let id: UInt32
  /// The type's kind.
  public let kind: BTFKind
  /// The type's name; empty for anonymous types.
  public let name: String
  /// The kind flag bit of the record (bitfield encoding, signed enums, union forwards).
  public let kindFlag: Bool
  /// The decoded contents.
  public let detail: Detail

  /// The name as bpftool prints it: `(anon)` for anonymous types.
  public var displayName: String { name.isEmpty ? "(anon)" : name }

  /// The members of a struct or union; empty for other kinds.
  public var members: [Member] {
    if case .aggregate(_, let members) = detail { return members }
    return []
  }

  /// The enumerators of an enum; empty for other kinds.
  public var enumerators: [Enumerator] {
    if case .enumeration(_, _, let values) = detail { return values }
    return []
  }

  /// The type this one refers to directly: the target of a pointer, alias, variable, function,
  /// array element, tag; nil for kinds that refer to no single type.
  public var referencedType: UInt32? {
    switch detail {
    case .pointer(let t), .alias(let t): t
    case .array(let element, _, _): element
    case .function(let proto, _): proto
    case .functionProto(let returns, _): returns
    case .variable(let t, _): t
    case .declTag(let t, _): t
    default: nil
    }
  }

  /// The byte size stored in the record for kinds that carry one (int, struct, union, enum,
  /// datasec, float); nil for the others (use `BTF.size(of:)` for the resolved size).
  public var declaredSize: UInt32? {
    switch detail {
    case .int(let size, _, _, _), .aggregate(let size, _), .enumeration(let size, _, _),
      .dataSection(let size, _), .float(let size):
      size
    default: nil
    }
  }
}
