@testable import BPF

/// Assembles BTF blobs type by type for tests (ids start at 1 in the order types are added).
struct BTFTestBuilder {
  private var strings: [UInt8] = [0]
  private var records: [UInt32] = []
  private(set) var count: UInt32 = 0

  /// Adds a string to the string section and returns its offset (0 for the empty string).
  mutating func string(_ s: String) -> UInt32 {
    if s.isEmpty { return 0 }
    let offset = UInt32(strings.count)
    strings += Array(s.utf8) + [0]
    return offset
  }

  /// Adds a raw record: name, kind, vlen, kind flag, size-or-type, then kind-specific words.
  @discardableResult
  mutating func add(
    _ name: String, kind: BTFKind, vlen: Int = 0, flag: Bool = false, sizeOrType: UInt32 = 0, _ extra: [UInt32] = []
  ) -> UInt32 {
    let info = (flag ? UInt32(1) << 31 : 0) | UInt32(kind.rawValue) << 24 | UInt32(vlen)
    records += [string(name), info, sizeOrType] + extra
    count += 1
    return count
  }

  @discardableResult
  mutating func int(_ name: String, size: UInt32, signed: Bool = false, bits: UInt32? = nil) -> UInt32 {
    add(name, kind: .int, sizeOrType: size, [(signed ? 1 << 24 : 0) | (bits ?? size * 8)])
  }

  @discardableResult
  mutating func pointer(to t: UInt32) -> UInt32 { add("", kind: .pointer, sizeOrType: t) }

  @discardableResult
  mutating func typedef(_ name: String, _ t: UInt32) -> UInt32 { add(name, kind: .typedef, sizeOrType: t) }

  @discardableResult
  mutating func array(of t: UInt32, index: UInt32, count n: UInt32) -> UInt32 {
    add("", kind: .array, sizeOrType: 0, [t, index, n])
  }

  /// A struct of members (name, type, bit offset, bitfield size).
  @discardableResult
  mutating func structure(_ name: String, size: UInt32, _ members: [(String, UInt32, UInt32, UInt32)]) -> UInt32 {
    let bitfields = members.contains { $0.3 != 0 }
    var extra: [UInt32] = []
    for (n, t, offset, bits) in members {
      extra += [string(n), t, bitfields ? bits << 24 | offset : offset]
    }
    return add(name, kind: .structure, vlen: members.count, flag: bitfields, sizeOrType: size, extra)
  }

  /// The blob: header, types, strings.
  var bytes: [UInt8] {
    var out: [UInt8] = []
    func word(_ v: UInt32) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    out += [0x9F, 0xEB, 1, 0]
    let typeLength = UInt32(records.count * 4)
    word(24)
    word(0)
    word(typeLength)
    word(typeLength)
    word(UInt32(strings.count))
    for r in records { word(r) }
    return out + strings
  }

  func parse() throws(BTFError) -> BTF { try BTF.parse(bytes: bytes) }
}
