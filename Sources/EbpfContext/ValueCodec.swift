import BPF
import EBPFRuntime
import Shell

/// Map keys and values as people read and write them.
///
/// Reading: through the map's BTF types when it has them (the map viewer of eBPF Studio: a
/// struct's fields by name, a char array holding text — UTF-8, or UTF-16LE like an app id — as
/// text), else as bpftool's hex. Writing, by the map's BTF type when known:
/// - a number (`42`, `-1`, `0x2a`) fills an integer, little-endian;
/// - `text:svchost.exe` is UTF-8 and `utf16:svchost.exe` UTF-16LE (an app id), zero-padded;
/// - `10.1.2.0` is four bytes (an IPv4 address, network order);
/// - `hex:0a01` is raw bytes;
/// - `{a,b,…}` gives a struct's members (or an array's elements) in order, each in these forms;
///   a struct whose first member takes the whole value may be given without braces.
/// Short values are zero-padded; a value longer than its place is an error.
enum ValueCodec {
  // MARK: Reading

  /// bpftool's `fprint_hex`: bytes in two hex digits, a space between, two after every 8th, a
  /// newline after every 16th.
  static func hex(_ bytes: [UInt8]) -> String {
    var out = ""
    let digits = Array("0123456789abcdef")
    for (i, b) in bytes.enumerated() {
      if i > 0 { out += i % 16 == 0 ? "\n" : i % 8 == 0 ? "  " : " " }
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return out
  }

  /// A BTF rendering, or nil when the map has no type for it. Byte arrays (`uint8_t name[64]`)
  /// holding UTF-16LE text — an app id copied from a bind context — read as text too, as `char`
  /// arrays already do.
  static func formatted(_ bytes: [UInt8], type: UInt32?, btf: BTF?) -> BTFValue? {
    guard let type, let btf else { return nil }
    return textInByteArrays(btf.format(bytes, as: type), type: type, btf: btf, depth: 0)
  }

  private static func textInByteArrays(_ value: BTFValue, type: UInt32, btf: BTF, depth: Int) -> BTFValue {
    guard depth < 32, let t = btf.resolvedType(type) else { return value }
    switch (value, t.detail) {
    case (.fields(let fields), .aggregate(_, let members)):
      return .fields(
        fields.enumerated().map { i, f in
          i < members.count
            ? BTFField(
              name: f.name, value: textInByteArrays(f.value, type: members[i].type, btf: btf, depth: depth + 1)) : f
        })
    case (.array(let items), .array(let element, _, _)):
      if let e = btf.resolvedType(element), case .int(1, _, _, _) = e.detail {
        let raw = items.compactMap { item -> UInt8? in
          switch item {
          case .unsigned(let v): return UInt8(exactly: v)
          case .signed(let v): return UInt8(truncatingIfNeeded: v)
          default: return nil
          }
        }
        if raw.count == items.count, BTF.looksLikeUTF16LE(raw[...]) { return .string(AppID.text(raw[...])) }
        return value
      }
      return .array(items.map { textInByteArrays($0, type: element, btf: btf, depth: depth + 1) })
    default:
      return value
    }
  }

  // MARK: Writing

  /// A value's bytes for a place of `size` bytes whose BTF type is `type` (if known).
  static func encode(_ text: String, size: Int, type: UInt32?, btf: BTF?) throws(ValueError) -> [UInt8] {
    let bytes = try encode(Substring(text), type: type, btf: btf, size: size, depth: 0)
    guard bytes.count <= size else { throw ValueError("'\(text)' is \(bytes.count) bytes; the place holds \(size)") }
    return bytes + [UInt8](repeating: 0, count: size - bytes.count)
  }

  /// The bytes a value names, unpadded (for data buffers): text:…, utf16:…, hex:… or a number's 8 bytes.
  static func bytes(_ text: String) throws(ValueError) -> [UInt8] {
    try encode(Substring(text), type: nil, btf: nil, size: 8, depth: 0)
  }

  private static func encode(_ text: Substring, type: UInt32?, btf: BTF?, size: Int, depth: Int) throws(ValueError)
    -> [UInt8]
  {
    guard depth < 16 else { throw ValueError("values nest too deeply") }
    let resolved = type.flatMap { id in btf?.resolvedType(id) }
    if text.hasPrefix("{") {
      guard text.hasSuffix("}") else { throw ValueError("'\(text)' has no closing '}'") }
      let parts = try split(text.dropFirst().dropLast())
      return try composite(parts, resolved: resolved, btf: btf, size: size, depth: depth)
    }
    // A struct (or data section) given without braces: its first member takes the value.
    if let t = resolved, !text.hasPrefix("hex:") {
      switch t.detail {
      case .aggregate, .dataSection: return try composite([text], resolved: t, btf: btf, size: size, depth: depth)
      default: break
      }
    }
    if text.hasPrefix("hex:") {
      let digits = Array(text.dropFirst(4).filter { $0 != "_" })
      guard digits.count % 2 == 0 else { throw ValueError("'\(text)' has an odd number of hex digits") }
      var out: [UInt8] = []
      for i in stride(from: 0, to: digits.count, by: 2) {
        guard let b = UInt8(String(digits[i...i + 1]), radix: 16) else { throw ValueError("'\(text)' is not hex") }
        out.append(b)
      }
      return out
    }
    if text.hasPrefix("text:") { return Array(text.dropFirst(5).utf8) }
    if text.hasPrefix("utf16:") {
      return text.dropFirst(6).utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
    }
    let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
    if dotted.count == 4, dotted.allSatisfy({ UInt8($0) != nil }) { return dotted.compactMap { UInt8($0) } }
    guard let number = Arguments.parseInteger(String(text)) else {
      throw ValueError("'\(text)' is not a number, text:…, utf16:…, hex:…, an IPv4 address or {…}")
    }
    var width = min(size, 8)
    if let t = resolved {
      switch t.detail {
      case .int(let s, _, _, _), .enumeration(let s, _, _): width = Int(s)
      default: break
      }
    }
    let value = UInt64(bitPattern: number)
    if width < 8, number >= 0, value >> (8 * UInt64(width)) != 0 {
      throw ValueError("\(text) does not fit in \(width) byte\(width == 1 ? "" : "s")")
    }
    return (0..<max(width, 0)).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
  }

  private static func composite(
    _ parts: [Substring], resolved: BTFType?, btf: BTF?, size: Int, depth: Int
  ) throws(ValueError) -> [UInt8] {
    guard let t = resolved, let btf else {
      // Without BTF the parts are concatenated.
      var out: [UInt8] = []
      for p in parts { out += try encode(p, type: nil, btf: nil, size: size - out.count, depth: depth + 1) }
      return out
    }
    var out = [UInt8](repeating: 0, count: size)
    switch t.detail {
    case .aggregate(_, let members):
      guard parts.count <= members.count else {
        throw ValueError(
          "\(parts.count) values for \(members.count) member\(members.count == 1 ? "" : "s") of \(t.displayName)")
      }
      for (i, part) in parts.enumerated() {
        let m = members[i]
        let offset = Int(m.bitOffset / 8)
        let memberSize = btf.size(of: m.type) ?? max(0, size - offset)
        let bytes = try encode(part, type: m.type, btf: btf, size: memberSize, depth: depth + 1)
        guard bytes.count <= memberSize, offset + bytes.count <= size else {
          throw ValueError("'\(part)' does not fit member \(m.name)")
        }
        out.replaceSubrange(offset..<offset + bytes.count, with: bytes)
      }
    case .dataSection(_, let variables):
      guard parts.count <= variables.count else {
        throw ValueError(
          "\(parts.count) values for \(variables.count) variable\(variables.count == 1 ? "" : "s") of \(t.displayName)")
      }
      for (i, part) in parts.enumerated() {
        let v = variables[i]
        let variableType = btf.type(v.type).flatMap { t -> UInt32? in
          if case .variable(let inner, _) = t.detail { return inner } else { return nil }
        }
        let offset = Int(v.offset)
        let bytes = try encode(part, type: variableType, btf: btf, size: Int(v.size), depth: depth + 1)
        guard bytes.count <= Int(v.size), offset + bytes.count <= size else {
          throw ValueError("'\(part)' does not fit its variable")
        }
        out.replaceSubrange(offset..<offset + bytes.count, with: bytes)
      }
    case .array(let element, _, let count):
      let elementSize = btf.size(of: element) ?? 1
      guard parts.count <= Int(count) else { throw ValueError("\(parts.count) values for \(count) elements") }
      for (i, part) in parts.enumerated() {
        let bytes = try encode(part, type: element, btf: btf, size: elementSize, depth: depth + 1)
        guard bytes.count <= elementSize else { throw ValueError("'\(part)' does not fit an element") }
        out.replaceSubrange(i * elementSize..<i * elementSize + bytes.count, with: bytes)
      }
    default:
      guard parts.count == 1 else { throw ValueError("\(t.displayName) is not a struct or an array") }
      return try encode(parts[0], type: t.id, btf: btf, size: size, depth: depth + 1)
    }
    return out
  }

  /// Splits the inside of `{…}` at top-level commas.
  private static func split(_ text: Substring) throws(ValueError) -> [Substring] {
    var parts: [Substring] = []
    var depth = 0
    var start = text.startIndex
    for i in text.indices {
      switch text[i] {
      case "{": depth += 1
      case "}":
        depth -= 1
        if depth < 0 { throw ValueError("unbalanced '}'") }
      case "," where depth == 0:
        parts.append(text[start..<i])
        start = text.index(after: i)
      default: break
      }
    }
    guard depth == 0 else { throw ValueError("unbalanced '{'") }
    if !text.isEmpty { parts.append(text[start...]) }
    return parts.map { $0.trimmingPrefix(" ") }
  }
}

/// A key or value that could not be encoded.
struct ValueError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
