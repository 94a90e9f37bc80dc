/// The kind of a BTF type record (`BTF_KIND_*`).
public enum BTFKind: UInt8, Sendable, Hashable, CaseIterable {
  /// Type id 0: `void`; never stored in a BTF blob.
  case void = 0
  /// An integer of 1–16 bytes with an encoding (signed, char, bool).
  case int = 1
  /// A pointer.
  case pointer = 2
  /// A fixed-size array.
  case array = 3
  /// A structure.
  case structure = 4
  /// A union.
  case union = 5
  /// An enumeration with 32-bit values.
  case enumeration = 6
  /// A forward declaration of a struct or union.
  case forward = 7
  /// A typedef.
  case typedef = 8
  /// The `volatile` qualifier.
  case volatile = 9
  /// The `const` qualifier.
  case const = 10
  /// The `restrict` qualifier.
  case restrict = 11
  /// A function (name, linkage and prototype).
  case function = 12
  /// A function prototype (return type and parameters).
  case functionProto = 13
  /// A global or static variable.
  case variable = 14
  /// A data section and the variables in it.
  case dataSection = 15
  /// A floating-point type.
  case float = 16
  /// A declaration tag on a type, member, parameter or variable.
  case declTag = 17
  /// A type tag (a qualifier carrying a string).
  case typeTag = 18
  /// An enumeration with 64-bit values.
  case enum64 = 19

  /// The upper-case name bpftool prints (`INT`, `STRUCT`, `FUNC_PROTO` …).
  public var dumpName: String {
    switch self {
    case .void: "UNKNOWN"
    case .int: "INT"
    case .pointer: "PTR"
    case .array: "ARRAY"
    case .structure: "STRUCT"
    case .union: "UNION"
    case .enumeration: "ENUM"
    case .forward: "FWD"
    case .typedef: "TYPEDEF"
    case .volatile: "VOLATILE"
    case .const: "CONST"
    case .restrict: "RESTRICT"
    case .function: "FUNC"
    case .functionProto: "FUNC_PROTO"
    case .variable: "VAR"
    case .dataSection: "DATASEC"
    case .float: "FLOAT"
    case .declTag: "DECL_TAG"
    case .typeTag: "TYPE_TAG"
    case .enum64: "ENUM64"
    }
  }

  /// True for typedef and the qualifiers (`volatile`, `const`, `restrict`, type tags): kinds that
  /// only rename or qualify the type they reference.
  public var isAlias: Bool {
    switch self {
    case .typedef, .volatile, .const, .restrict, .typeTag: true
    default: false
    }
  }
}
