/// What is known about a 64-bit number: its signed range, its unsigned range and its known bits.
/// The three views describe the same set of values; `normalized()` makes each as tight as the others
/// allow, and reports an empty set.
struct Scalar: Hashable, Sendable {
  var s: Interval
  var umin: UInt64
  var umax: UInt64
  var bits: KnownBits
  /// The signed value's remainder modulo a stride (kept through exact additions, products by
  /// constants and joins; every other operation starts from `.none`).
  var congruence: Congruence

  init(s: Interval, umin: UInt64, umax: UInt64, bits: KnownBits, congruence: Congruence = .none) {
    self.s = s
    self.umin = umin
    self.umax = umax
    self.bits = bits
    self.congruence = congruence
  }

  /// This scalar's class for congruence arithmetic (stride 0: exactly one value).
  var congruenceForm: (m: Int64, r: Int64) { Congruence.form(congruence, constant: s.constant) }

  /// Any value.
  static let top = Scalar(s: .full, umin: 0, umax: .max, bits: .unknown)

  /// Exactly `v`.
  static func constant(_ v: UInt64) -> Scalar {
    Scalar(s: Interval(constant: Int64(bitPattern: v)), umin: v, umax: v, bits: .constant(v))
  }

  /// Exactly `v` (signed).
  static func constant(signed v: Int64) -> Scalar { constant(UInt64(bitPattern: v)) }

  /// Any value in `lo ... hi` (unsigned).
  static func unsigned(_ lo: UInt64, _ hi: UInt64) -> Scalar {
    Scalar(s: .full, umin: lo, umax: hi, bits: .range(lo, hi)).normalized() ?? .top
  }

  /// Any value in `lo ... hi` (signed).
  static func signed(_ lo: Int64, _ hi: Int64) -> Scalar {
    Scalar(s: Interval(lo, hi), umin: 0, umax: .max, bits: .unknown).normalized() ?? .top
  }

  /// Any value `width` bytes can hold, zero-extended.
  static func ofWidth(_ bytes: Int) -> Scalar {
    bytes >= 8 ? .top : .unsigned(0, (1 << UInt64(bytes * 8)) - 1)
  }

  /// The value when there is only one.
  var constant: UInt64? {
    if umin == umax { return umin }
    if bits.isConstant { return bits.value }
    return nil
  }

  /// True when every value is below 2^32 (the value equals its low 32 bits).
  var fits32: Bool { umax <= 0xffff_ffff }

  /// The tightest consistent form, or nil when no value satisfies all three views.
  func normalized() -> Scalar? {
    var r = self
    for _ in 0..<2 {
      // Known bits bound the unsigned range.
      r.umin = Swift.max(r.umin, r.bits.minValue)
      r.umax = Swift.min(r.umax, r.bits.maxValue)
      if r.umin > r.umax || r.s.isEmpty { return nil }
      // Signed and unsigned views agree on each half of the number line.
      if r.s.lo >= 0 {
        r.umin = Swift.max(r.umin, UInt64(r.s.lo))
        r.umax = Swift.min(r.umax, UInt64(r.s.hi))
      } else if r.s.hi < 0 {
        r.umin = Swift.max(r.umin, UInt64(bitPattern: r.s.lo))
        r.umax = Swift.min(r.umax, UInt64(bitPattern: r.s.hi))
      }
      if r.umin > r.umax { return nil }
      if r.umax <= UInt64(Int64.max) || r.umin > UInt64(Int64.max) {
        r.s = r.s.meet(Interval(Int64(bitPattern: r.umin), Int64(bitPattern: r.umax)))
      }
      if r.s.isEmpty { return nil }
      guard let b = r.bits.meet(.range(r.umin, r.umax)) else { return nil }
      r.bits = b
      guard r.roundToKnownLowBits(), r.roundToCongruence() else { return nil }
    }
    return r
  }

  /// Moves the signed bounds inwards to the nearest values of the congruence class (the unsigned
  /// ones follow on the next pass when the range does not straddle zero). False when none remains.
  private mutating func roundToCongruence() -> Bool {
    guard congruence.isKnown else { return true }
    if s.lo != .min {
      guard let x = congruence.roundUp(s.lo) else { return false }
      s.lo = x
    }
    if s.hi != .max {
      guard let x = congruence.roundDown(s.hi) else { return false }
      s.hi = x
    }
    return !s.isEmpty
  }

  /// Moves each bound inwards to the nearest value whose low bits are the known ones (a counted
  /// loop stepping by 4 from 0 has bits 0–1 known zero, so `i != 400` leaves `i <= 396`). False
  /// when no value remains.
  private mutating func roundToKnownLowBits() -> Bool {
    let known = bits.mask.trailingZeroBitCount
    guard known > 0, known < 64 else { return true }
    let step = UInt64(1) << UInt64(known)
    let low = bits.value & (step - 1)
    var lo = (umin & ~(step - 1)) | low
    if lo < umin {
      let (x, o) = lo.addingReportingOverflow(step)
      if o { return false }
      lo = x
    }
    var hi = (umax & ~(step - 1)) | low
    if hi > umax {
      if hi < step { return false }
      hi -= step
    }
    if lo > hi { return false }
    umin = lo
    umax = hi
    // Two's complement keeps the low bits, so the signed bounds round the same way; the ends of
    // Int64 stand for "unbounded" and stay.
    let mask = Int64(bitPattern: ~(step - 1))
    let lowSigned = Int64(bitPattern: low)
    if s.lo != .min {
      var x = (s.lo & mask) | lowSigned
      if x < s.lo {
        let (y, o) = x.addingReportingOverflow(Int64(bitPattern: step))
        if o { return false }
        x = y
      }
      s.lo = x
    }
    if s.hi != .max {
      var x = (s.hi & mask) | lowSigned
      if x > s.hi {
        let (y, o) = x.subtractingReportingOverflow(Int64(bitPattern: step))
        if o { return false }
        x = y
      }
      s.hi = x
    }
    return !s.isEmpty
  }

  /// The smallest description holding both.
  func join(_ o: Scalar) -> Scalar {
    Scalar(
      s: s.hull(o.s), umin: Swift.min(umin, o.umin), umax: Swift.max(umax, o.umax), bits: bits.join(o.bits),
      congruence: Congruence.join(congruenceForm, o.congruenceForm))
  }

  /// True when every value described by `self` is described by `o`.
  func isIncluded(in o: Scalar) -> Bool {
    o.s.lo <= s.lo && s.hi <= o.s.hi && o.umin <= umin && umax <= o.umax
      && (bits.mask & ~o.bits.mask == 0 && (bits.value ^ o.bits.value) & ~o.bits.mask == 0)
      && (s.constant.map { o.congruence.contains($0) } ?? congruence.isIncluded(in: o.congruence))
  }

  /// The low 32 bits, zero-extended.
  var low32: Scalar {
    if fits32 { return self }
    if umin >> 32 == umax >> 32 {
      return Scalar.unsigned(umin & 0xffff_ffff, umax & 0xffff_ffff).meetingBits(bits.low32)
    }
    return Scalar.unsigned(0, 0xffff_ffff).meetingBits(bits.low32)
  }

  /// The low 32 bits read as a signed 32-bit number, sign-extended to 64 bits.
  var signedLow32: Scalar {
    if s.lo >= Int64(Int32.min) && s.hi <= Int64(Int32.max) { return self }
    let l = low32
    if l.umax <= UInt64(Int32.max) { return l }
    return .signed(Int64(Int32.min), Int64(Int32.max))
  }

  /// The low `bytes` bytes, sign-extended (movsx, ldxs).
  func signExtended(fromBytes bytes: Int) -> Scalar {
    let bitsCount = Int64(bytes * 8)
    let minValue = -(Int64(1) << (bitsCount - 1))
    let maxValue = (Int64(1) << (bitsCount - 1)) - 1
    if s.lo >= minValue && s.hi <= maxValue { return self }
    return .signed(minValue, maxValue)
  }

  /// The same values with these bits also known (unchanged when they contradict).
  func meetingBits(_ b: KnownBits) -> Scalar {
    guard let m = bits.meet(b) else { return self }
    var r = self
    r.bits = m
    return r.normalized() ?? self
  }
}
