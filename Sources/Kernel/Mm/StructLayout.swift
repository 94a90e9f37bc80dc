/// The layout of one x64 kernel structure as data: its name, size and fields with their offsets.
///
/// Both the kernel's byte views (``LayoutWriter``) and the debugger's `dt` read these, so the bytes
/// at an object's address and the debugger's rendering of them cannot disagree.
public struct StructLayout: Sendable {
  /// The type name with its leading underscore: `_OBJECT_HEADER`.
  public let name: String
  /// `sizeof` in bytes.
  public let size: Int
  /// Fields in offset order; members of a union share an offset.
  public let fields: [Field]

  /// Creates a layout.
  public init(_ name: String, size: Int, _ fields: [Field]) {
    self.name = name
    self.size = size
    self.fields = fields
  }

  /// The first field with this name.
  public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// One member of a structure.
public struct Field: Sendable {
  /// The member name.
  public let name: String
  /// Byte offset from the start of the structure.
  public let offset: Int
  /// What the member holds.
  public let kind: FieldKind

  /// Creates a field.
  public init(_ name: String, _ offset: Int, _ kind: FieldKind) {
    self.name = name
    self.offset = offset
    self.kind = kind
  }
}

/// What a structure member holds, as `dt` describes it.
public indirect enum FieldKind: Sendable {
  /// An integer: `UChar`, `Uint2B`, `Int8B` …
  case integer(size: Int, signed: Bool)
  /// A 64-bit pointer to the named type (`Void` for `Ptr64 Void`).
  case pointer(to: String)
  /// An embedded structure, by layout name.
  case structure(String)
  /// A bit field inside an integer of `storage` bytes: `Pos 1, 16 Bits`.
  case bitfield(position: Int, width: Int, storage: Int)
  /// A fixed-size array.
  case array(FieldKind, count: Int)
  /// A 16-bit UTF-16 code unit (`Wchar`).
  case wchar
  /// A 4-byte float (only `_QUAD.DoNotUseThisField`).
  case float

  /// The number of bytes the member occupies (for an embedded structure, from its layout).
  public var size: Int {
    switch self {
    case .integer(let size, _): return size
    case .pointer: return 8
    case .structure(let name): return Layouts.named(name)?.size ?? 0
    case .bitfield(_, _, let storage): return storage
    case .array(let element, let count): return element.size * count
    case .wchar: return 2
    case .float: return 4
    }
  }

  /// The type text `dt` prints for a type view: `Int8B`, `Ptr64 _OBJECT_DIRECTORY`, `Pos 0, 1 Bit`.
  public var typeName: String {
    switch self {
    case .integer(let size, let signed):
      if size == 1 { return signed ? "Char" : "UChar" }
      return (signed ? "Int" : "Uint") + "\(size)B"
    case .pointer(let to): return "Ptr64 " + to
    case .structure(let name): return name
    case .bitfield(let position, let width, _):
      return "Pos \(position), \(width) Bit" + (width == 1 ? "" : "s")
    case .array(let element, let count): return "[\(count)] " + element.typeName
    case .wchar: return "Wchar"
    case .float: return "Float"
    }
  }
}
