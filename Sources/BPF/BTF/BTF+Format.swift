/// How a character array's bytes are decoded as text.
public enum BTFTextEncoding: Sendable, Hashable {
  /// Bytes up to the first NUL, as UTF-8 (plain C strings).
  case utf8
  /// 16-bit little-endian code units up to the first zero unit (Windows wide strings, app ids).
  case utf16LE
  /// Not text: render the elements as numbers.
  case none
}

/// Options for `BTF.format(_:as:options:)`.
public struct BTFFormatOptions: Sendable {
  /// Decides how a `char` array is decoded, given the field path to it (e.g. `["name"]`,
  /// `["entries", "[2]", "label"]`) and its bytes; returning nil lets the formatter detect it.
  public var textEncoding: (@Sendable (_ path: [String], _ bytes: ArraySlice<UInt8>) -> BTFTextEncoding?)?
  /// Deepest nesting rendered; deeper values are left as bytes.
  public var maxDepth: Int = 32
  /// Most values produced; past it, array tails become `.elided` and fields become bytes.
  public var maxNodes: Int = 1 << 16
  /// Most bytes of field names produced; past it the node budget counts as spent (a 64 KiB
  /// member name repeated by a large array would otherwise make gigabytes of text).
  public var maxNameBytes: Int = 1 << 20

  /// Options with automatic text detection.
  public init(textEncoding: (@Sendable (_ path: [String], _ bytes: ArraySlice<UInt8>) -> BTFTextEncoding?)? = nil) {
    self.textEncoding = textEncoding
  }
}

extension BTF {
  /// Renders `bytes` as a value of type `id`: integers (bitfields included), enums by name,
  /// character arrays as text (UTF-8, or UTF-16LE when detected or requested), structs and unions
  /// by field, arrays by element. Bytes missing at the end render as `.bytes` of what is there;
  /// this never fails.
  public func format(_ bytes: [UInt8], as id: UInt32, options: BTFFormatOptions = BTFFormatOptions()) -> BTFValue {
    var formatter = BTFFormatter(btf: self, bytes: bytes, options: options)
    var path: [String] = []
    return formatter.value(of: id, at: 0, length: bytes.count, depth: 0, path: &path)
  }

  /// Detects UTF-16LE text: at least two printable ASCII code units (each followed by a zero
  /// byte) before a zero code unit or the end.
  public static func looksLikeUTF16LE(_ bytes: ArraySlice<UInt8>) -> Bool {
    var units = 0
    var i = bytes.startIndex
    while i + 1 < bytes.endIndex {
      let lo = bytes[i]
      let hi = bytes[i + 1]
      if lo == 0 && hi == 0 { break }
      guard hi == 0, lo >= 0x20, lo < 0x7F else { return false }
      units += 1
      i += 2
    }
    return units >= 2
  }
}

/// Walks a type over a byte buffer, producing `BTFValue`s within a node budget.
struct BTFFormatter {
  let btf: BTF
  let bytes: [UInt8]
  let options: BTFFormatOptions
  var nodes = 0
  var nameBytes = 0

  init(btf: BTF, bytes: [UInt8], options: BTFFormatOptions) {
    self.btf = btf
    self.bytes = bytes
    self.options = options
  }

  /// `length` bytes at `offset` (clamped to the buffer).
  private func slice(_ offset: Int, _ length: Int) -> ArraySlice<UInt8> {
    let start = min(max(offset, 0), bytes.count)
    let end = min(start + max(min(length, bytes.count), 0), bytes.count)
    return bytes[start..<end]
  }

  /// The little-endian unsigned integer of `size` (≤ 8) bytes at `offset`, nil when cut short.
  private func word(_ offset: Int, _ size: Int) -> UInt64? {
    guard size >= 1, size <= 8, offset >= 0, offset <= bytes.count - size else { return nil }
    var v: UInt64 = 0
    for i in 0..<size { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
    return v
  }

  /// `count` (≤ 64) bits starting `bitOffset` bits into the buffer, little-endian bit order.
  private func bits(_ bitOffset: Int, _ count: Int) -> UInt64? {
    guard count >= 1, count <= 64, bitOffset >= 0, bitOffset <= bytes.count * 8 - count else { return nil }
    var v: UInt64 = 0
    for i in 0..<count {
      let bit = bitOffset + i
      v |= UInt64((bytes[bit / 8] >> UInt8(bit % 8)) & 1) << UInt64(i)
    }
    return v
  }

  private func signExtend(_ v: UInt64, bits: Int) -> Int64 {
    guard bits < 64 else { return Int64(bitPattern: v) }
    let shift = UInt64(64 - bits)
    return Int64(bitPattern: v << shift) >> Int64(shift)
  }

  mutating func value(of original: UInt32, at offset: Int, length: Int, depth: Int, path: inout [String]) -> BTFValue {
    nodes += 1
    // Aliases resolve in one step (precomputed); a variable's type may itself be an alias.
    var id = btf.resolved(original)
    for _ in 0..<4 {
      guard case .variable(let next, _) = btf.type(id)?.detail else { break }
      id = btf.resolved(next)
    }
    guard let t = btf.type(id) else { return .bytes(Array(slice(offset, length))) }
    let size = btf.size(of: id) ?? 0
    if depth > options.maxDepth || nodes > options.maxNodes {
      return .bytes(Array(slice(offset, size)))
    }
    switch t.detail {
    case .void, .forward, .function, .functionProto, .declTag:
      return .bytes(Array(slice(offset, length)))
    case .alias, .variable:
      return .bytes(Array(slice(offset, length)))
    case .int(let intSize, let encoding, let bitOffset, let count):
      return integer(
        size: Int(intSize), encoding: encoding, bitOffset: offset * 8 + Int(bitOffset), count: Int(count), fullWidth: bitOffset == 0 && Int(count) == Int(intSize) * 8, byteOffset: offset)
    case .pointer:
      guard let v = word(offset, 8) else { return .bytes(Array(slice(offset, 8))) }
      return .pointer(v)
    case .float(let floatSize):
      if floatSize == 4, let v = word(offset, 4) { return .float(Double(Float(bitPattern: UInt32(v)))) }
      if floatSize == 8, let v = word(offset, 8) { return .float(Double(bitPattern: v)) }
      return .bytes(Array(slice(offset, Int(floatSize))))
    case .enumeration(let enumSize, let signed, let values):
      guard let raw = word(offset, Int(enumSize)) else { return .bytes(Array(slice(offset, Int(enumSize)))) }
      return enumerator(raw: raw, bits: Int(enumSize) * 8, signed: signed, values: values)
    case .array(let element, _, let count):
      return array(element: element, count: Int(count), at: offset, depth: depth, path: &path)
    case .aggregate(_, let members):
      var fields: [BTFField] = []
      fields.reserveCapacity(members.count)
      for (i, m) in members.enumerated() {
        // Once the budget is spent, the rest of the members are summarised, not visited: a type
        // whose members nest the same struct many times over would otherwise take exponential time.
        if nodes >= options.maxNodes {
          fields.append(BTFField(name: "…", value: .elided(count: members.count - i)))
          break
        }
        spendName(m.name)
        path.append(m.name)
        defer { path.removeLast() }
        fields.append(BTFField(name: m.name, value: member(m, base: offset, depth: depth, path: &path)))
      }
      return .fields(fields)
    case .dataSection(_, let variables):
      var fields: [BTFField] = []
      for (i, v) in variables.enumerated() {
        if nodes >= options.maxNodes {
          fields.append(BTFField(name: "…", value: .elided(count: variables.count - i)))
          break
        }
        let name = btf.type(v.type)?.name ?? ""
        spendName(name)
        path.append(name)
        defer { path.removeLast() }
        let (start, overflow) = offset.addingReportingOverflow(Int(v.offset))
        let field = overflow ? BTFValue.bytes([]) : value(of: v.type, at: start, length: Int(v.size), depth: depth + 1, path: &path)
        fields.append(BTFField(name: name, value: field))
      }
      return .fields(fields)
    }
  }

  /// Counts a field name against the name budget; spending it spends the node budget too.
  private mutating func spendName(_ name: String) {
    nameBytes += name.utf8.count
    if nameBytes > options.maxNameBytes { nodes = max(nodes, options.maxNodes) }
  }

  private func integer(size: Int, encoding: BTFType.IntEncoding, bitOffset: Int, count: Int, fullWidth: Bool, byteOffset: Int)
    -> BTFValue
  {
    if count > 64 { return .bytes(Array(slice(byteOffset, size))) }
    guard let raw = fullWidth ? word(byteOffset, size) : bits(bitOffset, count) else {
      return .bytes(Array(slice(byteOffset, size)))
    }
    if encoding.contains(.bool) { return .bool(raw != 0) }
    if encoding.contains(.signed) { return .signed(signExtend(raw, bits: count)) }
    return .unsigned(raw)
  }

  private func enumerator(raw: UInt64, bits: Int, signed: Bool, values: [BTFType.Enumerator]) -> BTFValue {
    let value = signed ? signExtend(raw, bits: bits) : Int64(bitPattern: raw)
    // Enumerators of 32-bit enums are stored widened by signedness; compare on the same width.
    let match = values.first { e in
      bits >= 64 ? e.value == value : UInt64(bitPattern: e.value) & ((1 << UInt64(bits)) - 1) == raw
    }
    return .enumerator(name: match?.name ?? "", value: value)
  }

  private mutating func member(_ m: BTFType.Member, base: Int, depth: Int, path: inout [String]) -> BTFValue {
    let (bitStart, overflow) = (base * 8).addingReportingOverflow(Int(m.bitOffset))
    guard !overflow, base <= Int.max / 8 else { return .bytes([]) }
    if m.bitfieldSize > 0 {
      nodes += 1
      let count = Int(m.bitfieldSize)
      guard count <= 64, let raw = bits(bitStart, count) else { return .bytes([]) }
      switch btf.resolvedType(m.type)?.detail {
      case .int(_, let encoding, _, _):
        if encoding.contains(.bool) { return .bool(raw != 0) }
        return encoding.contains(.signed) ? .signed(signExtend(raw, bits: count)) : .unsigned(raw)
      case .enumeration(_, let signed, let values):
        return enumerator(raw: raw, bits: count, signed: signed, values: values)
      default:
        return .unsigned(raw)
      }
    }
    guard bitStart % 8 == 0 else { return .bytes([]) }
    let size = btf.size(of: m.type) ?? 0
    return value(of: m.type, at: bitStart / 8, length: size, depth: depth + 1, path: &path)
  }

  /// True when an array of `element` should be considered for text: the element is a one-byte
  /// integer reached without a typedef (so `char name[32]` is text, `u8 mac[6]` is not), or an
  /// integer with the CHAR encoding.
  private func isCharElement(_ element: UInt32) -> Bool {
    var current = element
    // Real element types carry a few qualifiers at most; a long chain is not a character.
    for _ in 0..<16 {
      guard let t = btf.type(current) else { return false }
      switch t.detail {
      case .alias(let next) where t.kind != .typedef:
        current = next
      case .int(let size, let encoding, _, _):
        return size == 1 && (encoding.contains(.char) || t.name.hasSuffix("char"))
      default:
        return false
      }
    }
    return false
  }

  private mutating func array(element: UInt32, count: Int, at offset: Int, depth: Int, path: inout [String]) -> BTFValue {
    let elementSize = btf.size(of: element) ?? 0
    if elementSize == 0 || count == 0 { return .array([]) }
    if isCharElement(element) {
      let region = slice(offset, count)
      let encoding = options.textEncoding?(path, region) ?? detectText(region)
      if let text = decode(region, encoding) { return .string(text) }
    }
    var items: [BTFValue] = []
    let available = max(0, min(count, (bytes.count - offset) / elementSize))
    items.reserveCapacity(min(available, options.maxNodes))
    for i in 0..<available {
      if nodes >= options.maxNodes {
        items.append(.elided(count: count - i))
        return .array(items)
      }
      path.append("[\(i)]")
      items.append(value(of: element, at: offset + i * elementSize, length: elementSize, depth: depth + 1, path: &path))
      path.removeLast()
    }
    if available < count {
      items.append(.bytes(Array(slice(offset + available * elementSize, bytes.count))))
    }
    return .array(items)
  }

  private func detectText(_ region: ArraySlice<UInt8>) -> BTFTextEncoding {
    BTF.looksLikeUTF16LE(region) ? .utf16LE : .utf8
  }

  /// The text, or nil when the bytes are not clean text in that encoding (control characters
  /// before the terminator).
  private func decode(_ region: ArraySlice<UInt8>, _ encoding: BTFTextEncoding) -> String? {
    switch encoding {
    case .none:
      return nil
    case .utf8:
      let end = region.firstIndex(of: 0) ?? region.endIndex
      let text = String(decoding: region[region.startIndex..<end], as: UTF8.self)
      guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }) else {
        return nil
      }
      return text
    case .utf16LE:
      var units: [UInt16] = []
      var i = region.startIndex
      while i + 1 < region.endIndex {
        let unit = UInt16(region[i]) | UInt16(region[i + 1]) << 8
        if unit == 0 { break }
        units.append(unit)
        i += 2
      }
      let text = String(decoding: units, as: UTF16.self)
      guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{FFFD}" }) else { return nil }
      return text
    }
  }
}
