/// Abstract versions of the ALU operations on 64-bit numbers. Each result contains every value the
/// concrete operation can produce from values of the operands (eBPF semantics: wrapping arithmetic,
/// division by zero gives 0, modulo by zero keeps the dividend, shift counts masked to 0–63).
extension Scalar {
  static func result(
    _ s: Interval, _ umin: UInt64, _ umax: UInt64, _ bits: KnownBits, _ congruence: Congruence = .none
  ) -> Scalar {
    Scalar(s: s, umin: umin, umax: umax, bits: bits, congruence: congruence).normalized() ?? .top
  }

  static func add(_ a: Scalar, _ b: Scalar) -> Scalar {
    let exact = a.s.adding(b.s)
    let (ul, o1) = a.umin.addingReportingOverflow(b.umin)
    let (uh, o2) = a.umax.addingReportingOverflow(b.umax)
    let u = o1 || o2 ? (UInt64(0), UInt64.max) : (ul, uh)
    // Without wrap-around the sum is the integers' sum, so remainders add up.
    let c = exact == nil ? Congruence.none : Congruence.sum(a.congruenceForm, b.congruenceForm)
    return result(exact ?? .full, u.0, u.1, a.bits + b.bits, c)
  }

  static func sub(_ a: Scalar, _ b: Scalar) -> Scalar {
    let exact = a.s.subtracting(b.s)
    let u = a.umin >= b.umax ? (a.umin - b.umax, a.umax - b.umin) : (UInt64(0), UInt64.max)
    let bForm = b.congruenceForm
    let c = exact == nil ? Congruence.none : Congruence.sum(a.congruenceForm, (bForm.m, 0 &- bForm.r))
    return result(exact ?? .full, u.0, u.1, a.bits - b.bits, c)
  }

  static func mul(_ a: Scalar, _ b: Scalar) -> Scalar {
    var s = Interval.full
    let corners = [(a.s.lo, b.s.lo), (a.s.lo, b.s.hi), (a.s.hi, b.s.lo), (a.s.hi, b.s.hi)]
    var lo = Int64.max
    var hi = Int64.min
    var overflow = false
    for (x, y) in corners {
      let (p, o) = x.multipliedReportingOverflow(by: y)
      if o { overflow = true }
      lo = Swift.min(lo, p)
      hi = Swift.max(hi, p)
    }
    if !overflow { s = Interval(lo, hi) }
    let (uh, o) = a.umax.multipliedReportingOverflow(by: b.umax)
    let u = o ? (UInt64(0), UInt64.max) : (a.umin &* b.umin, uh)
    var bits = KnownBits.unknown
    // Trailing zeros add up under multiplication.
    let tz = min(63, trailingKnownZeros(a.bits) + trailingKnownZeros(b.bits))
    if tz > 0 { bits = KnownBits(value: 0, mask: ~((1 << UInt64(tz)) - 1)) }
    // A product by a constant, without wrap-around, scales the stride (index * 12).
    var c = Congruence.none
    if !overflow {
      if let k = b.s.constant {
        c = a.congruence.times(k)
      } else if let k = a.s.constant {
        c = b.congruence.times(k)
      }
    }
    return result(s, u.0, u.1, bits, c)
  }

  static func trailingKnownZeros(_ b: KnownBits) -> Int {
    (b.value | b.mask).trailingZeroBitCount
  }

  static func udiv(_ a: Scalar, _ b: Scalar) -> Scalar {
    if b.umax == 0 { return .constant(0) }
    let hi = a.umax / Swift.max(b.umin, 1)
    let lo = b.umin == 0 ? 0 : a.umin / b.umax
    return .unsigned(lo, hi)
  }

  static func umod(_ a: Scalar, _ b: Scalar) -> Scalar {
    if b.umax == 0 { return a }
    var hi = Swift.min(a.umax, b.umax - 1)
    if b.umin == 0 { hi = a.umax }  // modulo by zero keeps the dividend
    if a.umax < b.umin { return a }
    return .unsigned(0, hi)
  }

  static func sdiv(_ a: Scalar, _ b: Scalar) -> Scalar {
    if a.s.lo >= 0 && b.s.lo >= 0 { return udiv(a, b) }
    return .top
  }

  static func smod(_ a: Scalar, _ b: Scalar) -> Scalar {
    if a.s.lo >= 0 && b.s.lo >= 0 { return umod(a, b) }
    // |a s% b| < |b| and the result has a's sign, or a itself when b is 0.
    if b.s.lo > Int64.min && b.s.hi < Int64.max {
      let m = Swift.max(abs(b.s.lo), abs(b.s.hi))
      var r = Interval(a.s.lo >= 0 ? 0 : -(m - 1), a.s.hi <= 0 ? 0 : m - 1)
      if b.s.contains(0) { r = r.hull(a.s) }
      return .signed(r.lo, r.hi)
    }
    return .top
  }

  static func and(_ a: Scalar, _ b: Scalar) -> Scalar {
    let bits = a.bits & b.bits
    var s = Interval.full
    if a.s.lo >= 0 || b.s.lo >= 0 {
      // The result is at most the non-negative operand.
      let m = a.s.lo >= 0 && b.s.lo >= 0 ? Swift.min(a.s.hi, b.s.hi) : (a.s.lo >= 0 ? a.s.hi : b.s.hi)
      s = Interval(0, m)
    }
    return result(s, 0, Swift.min(a.umax, b.umax), bits)
  }

  static func or(_ a: Scalar, _ b: Scalar) -> Scalar {
    result(.full, Swift.max(a.umin, b.umin), .max, a.bits | b.bits)
  }

  static func xor(_ a: Scalar, _ b: Scalar) -> Scalar {
    result(.full, 0, .max, a.bits ^ b.bits)
  }

  /// Shift amounts as eBPF masks them (`& 63` or `& 31`), when known exactly.
  static func shiftAmount(_ b: Scalar, mask: UInt64) -> UInt64? {
    if let c = b.constant { return c & mask }
    return nil
  }

  static func lsh(_ a: Scalar, _ b: Scalar) -> Scalar {
    guard let k = shiftAmount(b, mask: 63) else {
      if b.umax <= 63 {
        // Union over the possible counts.
        var r: Scalar? = nil
        for k in b.umin...b.umax {
          let one = lsh(a, .constant(k))
          r = r.map { $0.join(one) } ?? one
          if k - b.umin > 8 { return .top }
        }
        return r ?? .top
      }
      return .top
    }
    let bits = a.bits.shiftedLeft(k)
    if k == 0 { return a }
    if a.umax <= UInt64(Int64.max) >> k {
      // Non-negative and no wrap-around: a product by 2^k.
      return result(.full, a.umin << k, a.umax << k, bits, a.congruence.times(1 << Int64(k)))
    }
    if a.umax <= UInt64.max >> k {
      return result(.full, a.umin << k, a.umax << k, bits)
    }
    return result(.full, 0, .max, bits)
  }

  static func rsh(_ a: Scalar, _ b: Scalar) -> Scalar {
    if let k = shiftAmount(b, mask: 63) {
      return result(.full, a.umin >> k, a.umax >> k, a.bits.shiftedRight(k))
    }
    if b.umax <= 63 { return .unsigned(a.umin >> b.umax, a.umax >> b.umin) }
    return .unsigned(0, a.umax)
  }

  static func arsh(_ a: Scalar, _ b: Scalar) -> Scalar {
    if let k = shiftAmount(b, mask: 63) {
      let s = Interval(a.s.lo >> Int64(k), a.s.hi >> Int64(k))
      return result(s, 0, .max, a.bits.shiftedRightArithmetic(k))
    }
    if b.umax <= 63 {
      let lo = Swift.min(a.s.lo >> Int64(b.umin), a.s.lo >> Int64(b.umax))
      let hi = Swift.max(a.s.hi >> Int64(b.umin), a.s.hi >> Int64(b.umax))
      return .signed(lo, hi)
    }
    return .signed(Swift.min(a.s.lo, 0), Swift.max(a.s.hi, 0))
  }

  static func neg(_ a: Scalar) -> Scalar {
    if a.s.lo > Int64.min { return .signed(-a.s.hi, -a.s.lo) }
    return .top
  }

  /// The 32-bit form of a binary operation: operate on the low halves, keep 32 bits, zero-extend.
  static func op32(
    _ a: Scalar, _ b: Scalar, _ op: ALUOperation
  ) -> Scalar {
    let x = a.low32
    let y = b.low32
    let r: Scalar
    switch op {
    case .add: r = add(x, y)
    case .sub: r = sub(x, y)
    case .mul: r = mul(x, y)
    case .div: r = udiv(x, y)
    case .mod: r = umod(x, y)
    case .sdiv: r = x.umax <= UInt64(Int32.max) && y.umax <= UInt64(Int32.max) ? udiv(x, y) : .top
    case .smod: r = x.umax <= UInt64(Int32.max) && y.umax <= UInt64(Int32.max) ? umod(x, y) : .top
    case .and: r = and(x, y)
    case .or: r = or(x, y)
    case .xor: r = xor(x, y)
    case .lsh: r = lsh(x, Scalar.and(y, .constant(31)))
    case .rsh: r = rsh(x, Scalar.and(y, .constant(31)))
    case .arsh:
      if x.umax <= UInt64(Int32.max) { r = rsh(x, Scalar.and(y, .constant(31))) } else { r = .top }
    case .mov: r = y
    case .movsx8: r = y.signExtended(fromBytes: 1)
    case .movsx16: r = y.signExtended(fromBytes: 2)
    case .movsx32: r = y
    }
    return r.low32
  }

  /// The 64-bit form of a binary operation.
  static func op64(_ a: Scalar, _ b: Scalar, _ op: ALUOperation) -> Scalar {
    switch op {
    case .add: return add(a, b)
    case .sub: return sub(a, b)
    case .mul: return mul(a, b)
    case .div: return udiv(a, b)
    case .mod: return umod(a, b)
    case .sdiv: return sdiv(a, b)
    case .smod: return smod(a, b)
    case .and: return and(a, b)
    case .or: return or(a, b)
    case .xor: return xor(a, b)
    case .lsh: return lsh(a, b)
    case .rsh: return rsh(a, b)
    case .arsh: return arsh(a, b)
    case .mov: return b
    case .movsx8: return b.signExtended(fromBytes: 1)
    case .movsx16: return b.signExtended(fromBytes: 2)
    case .movsx32: return b.signExtended(fromBytes: 4)
    }
  }
}
