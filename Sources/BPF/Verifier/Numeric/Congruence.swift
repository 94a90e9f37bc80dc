/// What is known of a number modulo a stride: every value is `phase` plus a multiple of `stride`
/// (as a signed integer). A loop index stepping by 12 from 0 is 0 modulo 12, so a bound of 59
/// means at most 48, and an exit test `i != 60` bounds the index. `stride` 1 knows nothing;
/// strides stay below 2^62 so the arithmetic on them cannot overflow.
struct Congruence: Hashable, Sendable {
  /// The stride (≥ 1).
  let stride: Int64
  /// The remainder, `0 ..< stride`.
  let phase: Int64

  /// Nothing known.
  static let none = Congruence(stride: 1, phase: 0)

  /// Strides at or above this are dropped (products and sums stay in range).
  static let limit: Int64 = 1 << 62

  /// `phase + k * stride`; nothing known when the stride is 1 or out of range.
  init(stride: Int64, phase: Int64) {
    guard stride > 1, stride < Congruence.limit else {
      self.stride = 1
      self.phase = 0
      return
    }
    self.stride = stride
    self.phase = Congruence.modulo(phase, stride)
  }

  /// `v mod m` in `0 ..< m` (m > 0).
  static func modulo(_ v: Int64, _ m: Int64) -> Int64 {
    let r = v % m
    return r < 0 ? r + m : r
  }

  static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var x = a.magnitude
    var y = b.magnitude
    while y != 0 { (x, y) = (y, x % y) }
    return x > UInt64(Int64.max) ? 0 : Int64(x)
  }

  var isKnown: Bool { stride > 1 }

  /// True when `v` has this remainder.
  func contains(_ v: Int64) -> Bool { !isKnown || Congruence.modulo(v, stride) == phase }

  /// The class of a set of values, given as this congruence or (when `constant` is set) one value:
  /// the stride 0 stands for "exactly".
  static func form(_ c: Congruence, constant: Int64?) -> (m: Int64, r: Int64) {
    if let constant { return (0, constant) }
    return (c.isKnown ? c.stride : 1, c.phase)
  }

  /// The smallest congruence holding both classes (gcd of the strides and of the distance).
  static func join(_ a: (m: Int64, r: Int64), _ b: (m: Int64, r: Int64)) -> Congruence {
    let (d, o) = a.r.subtractingReportingOverflow(b.r)
    if o { return .none }
    let g = gcd(gcd(a.m, b.m), d)
    return Congruence(stride: g, phase: a.r)
  }

  /// The class of `x + y` (the caller guarantees the sum never wraps).
  static func sum(_ a: (m: Int64, r: Int64), _ b: (m: Int64, r: Int64)) -> Congruence {
    let g = gcd(a.m, b.m)
    guard g > 1 else { return .none }
    return Congruence(stride: g, phase: modulo(a.r, g) + modulo(b.r, g))
  }

  /// The class of `x * k` for a constant `k` (the caller guarantees the product never wraps); with
  /// nothing known of x, the multiples of k.
  func times(_ k: Int64) -> Congruence {
    let (m, o) = stride.multipliedReportingOverflow(by: k.magnitude > UInt64(Int64.max) ? 0 : Int64(k.magnitude))
    if o || m == 0 { return .none }
    let (p, o2) = phase.multipliedReportingOverflow(by: k)
    return o2 ? .none : Congruence(stride: m, phase: p)
  }

  /// True when every value of `self` is one of `o`'s.
  func isIncluded(in o: Congruence) -> Bool {
    !o.isKnown || (isKnown && stride % o.stride == 0 && phase % o.stride == o.phase)
  }

  /// The least value ≥ `v` in the class, or nil past Int64.max.
  func roundUp(_ v: Int64) -> Int64? {
    guard isKnown else { return v }
    let delta = Congruence.modulo(phase - Congruence.modulo(v, stride), stride)
    let (x, o) = v.addingReportingOverflow(delta)
    return o ? nil : x
  }

  /// The greatest value ≤ `v` in the class, or nil below Int64.min.
  func roundDown(_ v: Int64) -> Int64? {
    guard isKnown else { return v }
    let delta = Congruence.modulo(Congruence.modulo(v, stride) - phase, stride)
    let (x, o) = v.subtractingReportingOverflow(delta)
    return o ? nil : x
  }
}
