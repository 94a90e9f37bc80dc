/// What the verifier and the hook need to know about a program type's context structure: its size,
/// where the data/end/meta pointers are, and every field's place (for building contexts by hand and
/// for the read-only rule).
public struct ContextDescriptor: Sendable, Hashable {
  /// One field of the context structure.
  public struct Field: Sendable, Hashable {
    /// How the field's bytes are read and written.
    public enum Kind: Sendable, Hashable {
      /// An unsigned integer of the field's size, little-endian.
      case unsigned
      /// A pointer into data the hook supplies (not a value a person sets).
      case pointer
      /// Raw bytes (socket addresses, IPv6 addresses).
      case bytes
      /// An enumeration stored as a 32-bit integer.
      case enumeration(EnumerationTable)
    }

    /// The C field name.
    public var name: String
    /// Byte offset in the structure.
    public var offset: Int
    /// Size in bytes.
    public var size: Int
    /// How it is encoded.
    public var kind: Kind
    /// True when programs may not write it (the data/end/meta pointers).
    public var readOnly: Bool

    /// Creates a field.
    public init(_ name: String, offset: Int, size: Int, _ kind: Kind = .unsigned, readOnly: Bool = false) {
      self.name = name
      self.offset = offset
      self.size = size
      self.kind = kind
      self.readOnly = readOnly
    }

    /// One past the last byte.
    public var end: Int { offset + size }
  }

  /// The C type name (`bind_md_t`).
  public var typeName: String
  /// `sizeof` the structure.
  public var size: Int
  /// Offset of the pointer to the start of the data region, or nil (−1 in eBPF for Windows).
  public var dataOffset: Int?
  /// Offset of the pointer to the end of the data region, or nil.
  public var endOffset: Int?
  /// Offset of the metadata pointer, or nil.
  public var metaOffset: Int?
  /// The fields, in offset order; both members of an address union are listed (`user_ip4`, `user_ip6`).
  public var fields: [Field]

  /// Creates a descriptor.
  public init(
    typeName: String, size: Int, dataOffset: Int?, endOffset: Int?, metaOffset: Int?, fields: [Field]
  ) {
    self.typeName = typeName
    self.size = size
    self.dataOffset = dataOffset
    self.endOffset = endOffset
    self.metaOffset = metaOffset
    self.fields = fields
  }

  /// The field with this name.
  public func field(named name: String) -> Field? { fields.first { $0.name == name } }

  /// True when a write of `width` bytes at `offset` touches a read-only field or leaves the structure.
  public func isWriteForbidden(offset: Int, width: Int) -> Bool {
    guard offset >= 0, width > 0, offset <= size - width else { return true }
    return fields.contains { $0.readOnly && offset < $0.end && $0.offset < offset + width }
  }

  /// The descriptor's offsets the way eBPF for Windows stores them: −1 for "none".
  public var rawOffsets: (data: Int, end: Int, meta: Int) { (dataOffset ?? -1, endOffset ?? -1, metaOffset ?? -1) }
}
