/// A closed range of signed 64-bit values, `lo ... hi`; `Int64.min` and `Int64.max` double as
/// "no bound". Empty when `lo > hi` (callers test `isEmpty` before using one).
struct Interval: Hashable, Sendable, CustomStringConvertible {
  var lo: Int64
  var hi: Int64

  init(_ lo: Int64, _ hi: Int64) {
    self.lo = lo
    self.hi = hi
  }

  /// The single value `v`.
  init(constant v: Int64) { self.init(v, v) }

  /// Every 64-bit value.
  static let full = Interval(.min, .max)

  var isEmpty: Bool { lo > hi }
  var isConstant: Bool { lo == hi }
  var constant: Int64? { lo == hi ? lo : nil }

  func contains(_ v: Int64) -> Bool { lo <= v && v <= hi }

  /// The smallest interval holding both.
  func hull(_ o: Interval) -> Interval { Interval(Swift.min(lo, o.lo), Swift.max(hi, o.hi)) }

  /// The common part (possibly empty).
  func meet(_ o: Interval) -> Interval { Interval(Swift.max(lo, o.lo), Swift.min(hi, o.hi)) }

  /// `self + o` when no sum can overflow, else nil.
  func adding(_ o: Interval) -> Interval? {
    let (l, lo1) = lo.addingReportingOverflow(o.lo)
    let (h, ho1) = hi.addingReportingOverflow(o.hi)
    return lo1 || ho1 ? nil : Interval(l, h)
  }

  /// `self + o` where `Int64.min` / `Int64.max` mean "no bound" and sums beyond them saturate (for
  /// pointer offsets, whose accesses are judged against finite bounds anyway).
  func saturatingAdd(_ o: Interval) -> Interval {
    let l: Int64
    if lo == .min || o.lo == .min {
      l = .min
    } else {
      let (v, overflow) = lo.addingReportingOverflow(o.lo)
      l = overflow ? (o.lo < 0 ? .min : .max) : v
    }
    let h: Int64
    if hi == .max || o.hi == .max {
      h = .max
    } else {
      let (v, overflow) = hi.addingReportingOverflow(o.hi)
      h = overflow ? (o.hi > 0 ? .max : .min) : v
    }
    return Interval(l, h)
  }

  /// True when both ends lie within ±2^31 (offsets whose differences and comparisons are exact).
  var isModerate: Bool { lo >= -(1 << 31) && hi <= 1 << 32 }

  /// `self - o` when no difference can overflow, else nil.
  func subtracting(_ o: Interval) -> Interval? {
    let (l, lo1) = lo.subtractingReportingOverflow(o.hi)
    let (h, ho1) = hi.subtractingReportingOverflow(o.lo)
    return lo1 || ho1 ? nil : Interval(l, h)
  }

  /// Both ends clamped to ±2^40: offsets beyond are outside every object anyway, and the clamped
  /// ends can take small additions without overflow.
  var clamped: Interval {
    let limit: Int64 = 1 << 40
    return Interval(Swift.min(Swift.max(lo, -limit), limit), Swift.min(Swift.max(hi, -limit), limit))
  }

  /// `[lo, hi]`, a single number, or `[-oo, …]` for missing bounds (PREVAIL's notation).
  var description: String {
    if lo == hi { return String(lo) }
    let l = lo == .min ? "-oo" : String(lo)
    let h = hi == .max ? "+oo" : String(hi)
    return "[\(l), \(h)]"
  }
}

/// Saturating helpers for difference bounds, where `Int64.max` means "no bound".
enum Bound {
  /// No constraint.
  static let infinite = Int64.max
  /// The most negative bound kept; lower sums are weakened to it (a weaker bound is still sound).
  static let floor = -Int64.max

  /// `a - b` saturating at the ends of Int64 (for slack computations, not bounds).
  @inline(__always)
  static func saturatingSubtract(_ a: Int64, _ b: Int64) -> Int64 {
    let (d, o) = a.subtractingReportingOverflow(b)
    if o { return b < 0 ? .max : .min }
    return d
  }

  /// `-a`, saturating.
  @inline(__always)
  static func negate(_ a: Int64) -> Int64 { a == .min ? .max : -a }

  /// `a + b` with infinity absorbing and overflow saturating in the sound direction.
  @inline(__always)
  static func add(_ a: Int64, _ b: Int64) -> Int64 {
    if a == infinite || b == infinite { return infinite }
    let (s, o) = a.addingReportingOverflow(b)
    if o { return a > 0 ? infinite : floor }
    return s < floor ? floor : s
  }
}
