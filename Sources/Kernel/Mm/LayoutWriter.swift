/// Builds the bytes of a structure from a layout: set members by (dotted) name, read the bytes.
///
/// Unset bytes are zero. Embedded structures are reached with dotted paths
/// (`TypeInfo.GenericMapping.GenericRead`); bit fields are merged into their storage.
public struct LayoutWriter {
  /// The layout being filled.
  public let layout: StructLayout
  /// The bytes so far.
  public private(set) var bytes: [UInt8]

  /// Starts a zero-filled structure.
  public init(_ layout: StructLayout) {
    self.layout = layout
    bytes = Array(repeating: 0, count: layout.size)
  }

  /// Starts a zero-filled structure by layout name; traps on an unknown name (a programming error).
  public init(_ name: String) {
    guard let l = Layouts.named(name) else { preconditionFailure("no layout \(name)") }
    self.init(l)
  }

  /// Sets an integer, pointer or bit-field member; a missing path is a programming error.
  public mutating func set(_ path: String, _ value: UInt64) {
    guard let (offset, kind) = Self.resolve(path, in: layout) else { preconditionFailure("no member \(path) in \(layout.name)") }
    write(value, kind: kind, at: offset)
  }

  /// Sets a signed member.
  public mutating func set(_ path: String, signed value: Int64) { set(path, UInt64(bitPattern: value)) }

  /// Copies raw bytes at a member's offset (arrays, strings, nested structures built elsewhere).
  public mutating func set(_ path: String, bytes raw: [UInt8]) {
    guard let (offset, kind) = Self.resolve(path, in: layout) else { preconditionFailure("no member \(path) in \(layout.name)") }
    let n = min(raw.count, kind.size, bytes.count - offset)
    if n > 0 { bytes.replaceSubrange(offset..<offset + n, with: raw[0..<n]) }
  }

  /// Sets a `_UNICODE_STRING` member: Length and MaximumLength in bytes, Buffer address.
  public mutating func setUnicodeString(_ path: String, length: Int, buffer: UInt64) {
    set(path + ".Length", UInt64(min(length, 0xFFFE)))
    set(path + ".MaximumLength", UInt64(min(length + 2, 0xFFFF)))
    set(path + ".Buffer", buffer)
  }

  /// Sets an empty `_LIST_ENTRY` (both links point at itself), given the structure's base address.
  public mutating func setEmptyList(_ path: String, base: UInt64) {
    guard let (offset, _) = Self.resolve(path, in: layout) else { preconditionFailure("no member \(path)") }
    let selfAddress = base &+ UInt64(offset)
    set(path + ".Flink", selfAddress)
    set(path + ".Blink", selfAddress)
  }

  private mutating func write(_ value: UInt64, kind: FieldKind, at offset: Int) {
    switch kind {
    case .bitfield(let position, let width, let storage):
      var current: UInt64 = 0
      for i in 0..<storage { current |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
      let mask: UInt64 = width >= 64 ? ~0 : ((1 << UInt64(width)) - 1) << UInt64(position)
      current = (current & ~mask) | ((value << UInt64(position)) & mask)
      for i in 0..<storage { bytes[offset + i] = UInt8((current >> (8 * UInt64(i))) & 0xFF) }
    default:
      let size = min(kind.size, 8)
      for i in 0..<size where offset + i < bytes.count { bytes[offset + i] = UInt8((value >> (8 * UInt64(i))) & 0xFF) }
    }
  }

  /// The absolute offset and kind of a dotted member path.
  public static func resolve(_ path: String, in layout: StructLayout) -> (Int, FieldKind)? {
    var current = layout
    var base = 0
    let parts = path.split(separator: ".")
    for (i, part) in parts.enumerated() {
      guard let f = current.field(String(part)) else { return nil }
      if i == parts.count - 1 { return (base + f.offset, f.kind) }
      guard case .structure(let name) = f.kind, let next = Layouts.named(name) else { return nil }
      base += f.offset
      current = next
    }
    return nil
  }
}

/// Little-endian byte helpers for building memory images.
public enum LE {
  /// The low `count` bytes of a value, little-endian.
  public static func bytes(_ value: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
  }

  /// A string as UTF-16LE bytes, without a terminator.
  public static func utf16(_ s: String) -> [UInt8] {
    var b: [UInt8] = []
    b.reserveCapacity(s.utf16.count * 2)
    for u in s.utf16 { b.append(UInt8(u & 0xFF)); b.append(UInt8(u >> 8)) }
    return b
  }

  /// Reads a little-endian integer of `count` bytes at `offset`; missing bytes read as zero.
  public static func read(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in 0..<count where offset + i < bytes.count && offset + i >= 0 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
    return v
  }
}
