/// Which bits of a 64-bit value are known (a "tristate number"): bits in `mask` are unknown, the
/// others equal the corresponding bits of `value` (which has zeros under `mask`).
struct KnownBits: Hashable, Sendable {
  var value: UInt64
  var mask: UInt64

  init(value: UInt64, mask: UInt64) {
    self.value = value & ~mask
    self.mask = mask
  }

  /// Nothing known.
  static let unknown = KnownBits(value: 0, mask: .max)

  /// Every bit known.
  static func constant(_ v: UInt64) -> KnownBits { KnownBits(value: v, mask: 0) }

  /// The bits every value in `min ... max` shares (its common high prefix).
  static func range(_ min: UInt64, _ max: UInt64) -> KnownBits {
    let differing = min ^ max
    if differing == 0 { return .constant(min) }
    let width = 64 - differing.leadingZeroBitCount
    if width >= 64 { return .unknown }
    let low: UInt64 = (1 << UInt64(width)) - 1
    return KnownBits(value: min & ~low, mask: low)
  }

  var isConstant: Bool { mask == 0 }
  /// The smallest unsigned value with these bits.
  var minValue: UInt64 { value }
  /// The largest unsigned value with these bits.
  var maxValue: UInt64 { value | mask }

  func contains(_ v: UInt64) -> Bool { v & ~mask == value }

  /// Bits known in both and agreeing; nil when they contradict.
  func meet(_ o: KnownBits) -> KnownBits? {
    if (value ^ o.value) & ~(mask | o.mask) != 0 { return nil }
    return KnownBits(value: value | o.value, mask: mask & o.mask)
  }

  /// Bits known and equal in both (the join).
  func join(_ o: KnownBits) -> KnownBits {
    let m = mask | o.mask | (value ^ o.value)
    return KnownBits(value: value, mask: m)
  }

  static func + (a: KnownBits, b: KnownBits) -> KnownBits {
    let sm = a.mask &+ b.mask
    let sv = a.value &+ b.value
    let carries = (sm &+ sv) ^ sv
    let m = carries | a.mask | b.mask
    return KnownBits(value: sv, mask: m)
  }

  static func - (a: KnownBits, b: KnownBits) -> KnownBits {
    let dv = a.value &- b.value
    let borrows = (dv &+ a.mask) ^ (dv &- b.mask)
    let m = borrows | a.mask | b.mask
    return KnownBits(value: dv, mask: m)
  }

  static func & (a: KnownBits, b: KnownBits) -> KnownBits {
    let v = a.value & b.value
    return KnownBits(value: v, mask: (a.value | a.mask) & (b.value | b.mask) & ~v)
  }

  static func | (a: KnownBits, b: KnownBits) -> KnownBits {
    let v = a.value | b.value
    return KnownBits(value: v, mask: (a.mask | b.mask) & ~v)
  }

  static func ^ (a: KnownBits, b: KnownBits) -> KnownBits {
    KnownBits(value: a.value ^ b.value, mask: a.mask | b.mask)
  }

  func shiftedLeft(_ k: UInt64) -> KnownBits { KnownBits(value: value << k, mask: mask << k) }
  func shiftedRight(_ k: UInt64) -> KnownBits { KnownBits(value: value >> k, mask: mask >> k) }
  func shiftedRightArithmetic(_ k: UInt64) -> KnownBits {
    KnownBits(
      value: UInt64(bitPattern: Int64(bitPattern: value) >> Int64(k)),
      mask: UInt64(bitPattern: Int64(bitPattern: mask) >> Int64(k)))
  }

  /// Only the known bits below the lowest unknown one: a stride survives widening (a loop index
  /// stepping by 8 keeps bits 0–2), while bits above it would be lost one per iteration.
  var lowBits: KnownBits {
    let known = mask.trailingZeroBitCount
    if known == 64 { return self }
    return KnownBits(value: value, mask: ~((UInt64(1) << UInt64(known)) - 1))
  }

  /// The low 32 bits, zero-extended.
  var low32: KnownBits { KnownBits(value: value & 0xffff_ffff, mask: mask & 0xffff_ffff) }
}
