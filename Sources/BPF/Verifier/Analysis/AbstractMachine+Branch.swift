/// Conditional jumps: operand checks at the branch, and the refinement of the state on each edge.
extension AbstractMachine {
  /// A branch condition with its negation `notSet` (for `&`).
  enum Test: Equatable {
    case jump(JumpCondition)
    case notSet

    init(_ cond: JumpCondition, taken: Bool) {
      if taken {
        self = .jump(cond)
        return
      }
      switch cond {
      case .eq: self = .jump(.ne)
      case .ne: self = .jump(.eq)
      case .gt: self = .jump(.le)
      case .le: self = .jump(.gt)
      case .ge: self = .jump(.lt)
      case .lt: self = .jump(.ge)
      case .sgt: self = .jump(.sle)
      case .sle: self = .jump(.sgt)
      case .sge: self = .jump(.slt)
      case .slt: self = .jump(.sge)
      case .set: self = .notSet
      }
    }
  }

  /// Checks a comparison's operands (reported once, at the branch).
  func checkComparison(_ size: OperandSize, _ dst: Register, _ source: Source, _ s: inout AbstractState) {
    guard let a = read(dst, s) else { return }
    var b = RegisterValue.number(.top)
    var srcName = "imm"
    if case .register(let r) = source {
      guard let v = read(r, s) else { return }
      b = v
      srcName = "\(r)"
    }
    if size == .bits32 {
      requireNumber(dst, a)
      if case .register(let r) = source { requireNumber(r, b) }
      return
    }
    let pa = a.types.subtracting(.number)
    let pb = b.types.subtracting(.number)
    guard !pa.isEmpty && !pb.isEmpty else { return }
    let samePointerKind = pa == pb && pa.singlePointerKind != nil
    let bothMaps = pa.isSubset(of: .maps) && pb.isSubset(of: .maps)
    if !samePointerKind && !bothMaps {
      findings.fail(
        "Cannot compare pointers to different regions (\(srcName).type == number or \(dst).type == \(srcName).type)")
    }
  }

  /// The state on the edge where `dst cond source` is `taken` (true) or not; bottom when that edge
  /// cannot be followed.
  func assume(
    _ cond: JumpCondition, _ size: OperandSize, _ dst: Register, _ source: Source, taken: Bool, _ s: AbstractState
  ) -> AbstractState {
    guard !s.isBottom else { return s }
    let test = Test(cond, taken: taken)
    let a = s.value(dst)
    let b: RegisterValue
    var src: Register? = nil
    switch source {
    case .immediate(let imm): b = .number(Self.immediate(imm, size))
    case .register(let r):
      b = s.value(r)
      src = r
    }
    guard a.isInitialized && b.isInitialized else { return s }
    var st = s
    if size == .bits32 {
      guard a.types == .number, b.types == .number else { return s }
      let bFits = src == nil || b.scalar.fits32
      let signedTest: Bool
      switch test {
      case .jump(.sgt), .jump(.sge), .jump(.slt), .jump(.sle): signedTest = true
      default: signedTest = false
      }
      if a.scalar.fits32 && bFits
        && (!signedTest || (a.scalar.umax <= UInt64(Int32.max) && b.scalar.low32.umax <= UInt64(Int32.max)))
      {
        var b64 = b
        b64.scalar = b.scalar.low32
        refineNumbers(test, dst, a, src, b64, &st)
        return st
      }
      // A 32-bit value against a non-negative constant, signed: on the values below 2^32 the test
      // is a pair of unsigned ranges (`w1 s>= 0` holds exactly for 0 ... 0x7fffffff), so refine
      // with those where one range results.
      if signedTest, a.scalar.fits32, let c = b.scalar.low32.constant, c <= UInt64(Int32.max) {
        let top: Int64 = 0x7fff_ffff
        switch test {
        case .jump(.sge):
          refineAgainst(.jump(.ge), dst, Int64(c), &st)
          refineAgainst(.jump(.le), dst, top, &st)
          return st
        case .jump(.sgt):
          refineAgainst(.jump(.gt), dst, Int64(c), &st)
          refineAgainst(.jump(.le), dst, top, &st)
          return st
        case .jump(.slt) where c == 0:
          refineAgainst(.jump(.gt), dst, top, &st)
          return st
        default:
          break
        }
      }
      // Otherwise only decide feasibility on the low halves.
      let x = signedTest ? a.scalar.signedLow32 : a.scalar.low32
      let y = signedTest ? b.scalar.signedLow32 : b.scalar.low32
      return Self.mayHold(test, x, y) ? s : s.asBottom()
    }
    if a.types == .number && b.types == .number {
      refineNumbers(test, dst, a, src, b, &st)
      return st
    }
    // Null checks: a pointer (or lookup result) against the constant 0.
    if b.types == .number, b.scalar.constant == 0 {
      switch test {
      case .jump(.eq), .jump(.le): return assumeNull(dst, a, isNull: true, st)
      case .jump(.ne), .jump(.gt): return assumeNull(dst, a, isNull: false, st)
      default: return st
      }
    }
    // Pointers into the same singleton region compare by offset.
    if let k = a.types.singlePointerKind, k != .shared, a.types == k.type, b.types == k.type {
      guard a.offsets[k].isModerate, b.offsets[k].isModerate else { return st }
      let x = offsetTerm(dst, st)
      let y = src.map { offsetTerm($0, st) } ?? Term(variable: Var.zero, constant: 0)
      refineOrder(test, x, y, signed: true, &st)
      st.synchronize()
      return st
    }
    return st
  }

  /// Refines `dst` (a number) by the 64-bit test `dst test c`.
  private func refineAgainst(_ test: Test, _ dst: Register, _ c: Int64, _ st: inout AbstractState) {
    guard !st.isBottom else { return }
    refineNumbers(test, dst, st.value(dst), nil, .number(.constant(signed: c)), &st)
  }

  /// A zone variable plus a constant.
  struct Term {
    var variable: Int
    var constant: Int64
  }

  private func valueTerm(_ r: Register?, _ v: RegisterValue) -> Term {
    guard let r, r != .r10 else { return Term(variable: Var.zero, constant: v.scalar.s.lo) }
    return Term(variable: Var.value(Int(r.index)), constant: 0)
  }

  private func offsetTerm(_ r: Register, _ s: AbstractState) -> Term {
    let (variable, constant) = s.offsetTerm(r)
    return Term(variable: variable, constant: constant)
  }

  /// Adds `x - y <= k` for terms.
  private func constrain(_ x: Term, _ y: Term, atMost k: Int64, _ s: inout AbstractState) {
    let (k1, o1) = k.subtractingReportingOverflow(x.constant)
    let (k2, o2) = k1.addingReportingOverflow(y.constant)
    guard !o1 && !o2 else { return }
    s.zone.add(x.variable, minus: y.variable, atMost: k2)
  }

  /// Order constraints between two terms for a signed (or order-preserving) comparison.
  private func refineOrder(_ test: Test, _ x: Term, _ y: Term, signed: Bool, _ s: inout AbstractState) {
    switch test {
    case .jump(.slt), .jump(.lt): constrain(x, y, atMost: -1, &s)
    case .jump(.sle), .jump(.le): constrain(x, y, atMost: 0, &s)
    case .jump(.sgt), .jump(.gt): constrain(y, x, atMost: -1, &s)
    case .jump(.sge), .jump(.ge): constrain(y, x, atMost: 0, &s)
    case .jump(.eq):
      constrain(x, y, atMost: 0, &s)
      constrain(y, x, atMost: 0, &s)
    case .jump(.ne):
      // A non-strict order that is tight becomes strict.
      // (vx + cx) - (vy + cy) <= m[vx][vy] + cx - cy.
      if s.zone.upperBound(x.variable, minus: y.variable).map({
        Bound.add(Bound.add($0, x.constant), Bound.negate(y.constant)) == 0
      }) == true {
        constrain(x, y, atMost: -1, &s)
      }
      if s.zone.upperBound(y.variable, minus: x.variable).map({
        Bound.add(Bound.add($0, y.constant), Bound.negate(x.constant)) == 0
      }) == true {
        constrain(y, x, atMost: -1, &s)
      }
    default:
      break
    }
  }

  /// Refines two numbers by a comparison.
  private func refineNumbers(
    _ test: Test, _ dst: Register, _ a: RegisterValue, _ src: Register?, _ b: RegisterValue, _ s: inout AbstractState
  ) {
    let x = valueTerm(dst, a)
    let y = valueTerm(src, b)
    var sa = a.scalar
    var sb = b.scalar
    let nonNegative = sa.s.lo >= 0 && sb.s.lo >= 0
    switch test {
    case .jump(.slt), .jump(.sle), .jump(.sgt), .jump(.sge), .jump(.eq), .jump(.ne):
      refineOrder(test, x, y, signed: true, &s)
    case .jump(.lt), .jump(.le), .jump(.gt), .jump(.ge):
      if nonNegative { refineOrder(test, x, y, signed: true, &s) }
    default:
      break
    }
    guard !s.isBottom else { return }
    // Unsigned ranges and known bits.
    switch test {
    case .jump(.lt):
      if sb.umax == 0 || sa.umin == .max {
        s = s.asBottom()
        return
      }
      sa.umax = min(sa.umax, sb.umax - 1)
      sb.umin = max(sb.umin, sa.umin + 1)
    case .jump(.le):
      sa.umax = min(sa.umax, sb.umax)
      sb.umin = max(sb.umin, sa.umin)
    case .jump(.gt):
      if sa.umax == 0 || sb.umin == .max {
        s = s.asBottom()
        return
      }
      sb.umax = min(sb.umax, sa.umax - 1)
      sa.umin = max(sa.umin, sb.umin + 1)
    case .jump(.ge):
      sb.umax = min(sb.umax, sa.umax)
      sa.umin = max(sa.umin, sb.umin)
    case .jump(.eq):
      sa.umin = max(sa.umin, sb.umin)
      sa.umax = min(sa.umax, sb.umax)
      guard let bits = sa.bits.meet(sb.bits) else {
        s = s.asBottom()
        return
      }
      sa.bits = bits
      sb = sa
    case .jump(.ne):
      if let c = sb.constant {
        if sa.constant == c {
          s = s.asBottom()
          return
        }
        if sa.umin == c { sa.umin += 1 }
        if sa.umax == c { sa.umax -= 1 }
      }
      if let c = sa.constant {
        if sb.umin == c { sb.umin += 1 }
        if sb.umax == c { sb.umax -= 1 }
      }
    case .jump(.set):
      if let mask = sb.constant {
        if sa.bits.maxValue & mask == 0 {
          s = s.asBottom()
          return
        }
        if mask.nonzeroBitCount == 1, let bits = sa.bits.meet(KnownBits(value: mask, mask: ~mask)) {
          sa.bits = bits
        }
      }
    case .notSet:
      if let mask = sb.constant {
        guard let bits = sa.bits.meet(KnownBits(value: 0, mask: ~mask)) else {
          s = s.asBottom()
          return
        }
        sa.bits = bits
      }
    default:
      break
    }
    apply(dst, sa, &s)
    if let src, src != .r10, src != dst { apply(src, sb, &s) }
    s.synchronize()
  }

  /// Narrows register `r`'s number to `scalar` (both in the register and the zone).
  private func apply(_ r: Register, _ scalar: Scalar, _ s: inout AbstractState) {
    guard !s.isBottom, r != .r10 else { return }
    let i = Int(r.index)
    var merged = s.regs[i].scalar
    merged.umin = max(merged.umin, scalar.umin)
    merged.umax = min(merged.umax, scalar.umax)
    merged.s = merged.s.meet(scalar.s)
    guard let bits = merged.bits.meet(scalar.bits), !merged.s.isEmpty, merged.umin <= merged.umax else {
      s = s.asBottom()
      return
    }
    merged.bits = bits
    guard let n = merged.normalized() else {
      s = s.asBottom()
      return
    }
    s.regs[i].scalar = n
    s.zone.restrict(Var.value(i), to: n.s)
  }

  /// Whether `x test y` can hold for some values (no refinement).
  static func mayHold(_ test: Test, _ x: Scalar, _ y: Scalar) -> Bool {
    switch test {
    case .jump(.eq): return !(x.umax < y.umin || y.umax < x.umin || x.s.hi < y.s.lo || y.s.hi < x.s.lo)
    case .jump(.ne): return !(x.constant != nil && x.constant == y.constant)
    case .jump(.lt): return x.umin < y.umax
    case .jump(.le): return x.umin <= y.umax
    case .jump(.gt): return x.umax > y.umin
    case .jump(.ge): return x.umax >= y.umin
    case .jump(.slt): return x.s.lo < y.s.hi
    case .jump(.sle): return x.s.lo <= y.s.hi
    case .jump(.sgt): return x.s.hi > y.s.lo
    case .jump(.sge): return x.s.hi >= y.s.lo
    case .jump(.set): return y.constant.map { x.bits.maxValue & $0 != 0 } ?? true
    case .notSet: return true
    }
  }

  /// A pointer or lookup result compared with 0.
  private func assumeNull(_ dst: Register, _ a: RegisterValue, isNull: Bool, _ s: AbstractState) -> AbstractState {
    var st = s
    guard dst != .r10 else { return isNull ? s.asBottom() : s }
    let d = Int(dst.index)
    let canBeNullPointer = a.nullable && !a.types.intersection([.shared, .maps]).isEmpty
    // A copy moved off the lookup result (`r1 = r0 + 8`) is not 0 when the result is null, so
    // comparing it with 0 says nothing.
    if canBeNullPointer && a.types.contains(.shared) && a.offsets.shared != Interval(constant: 0) { return s }
    let id = a.nullID
    if isNull {
      var possibleZero = canBeNullPointer
      if a.types.contains(.number), a.scalar.umin == 0 { possibleZero = true }
      guard possibleZero else { return s.asBottom() }
      st.set(d, .number(.constant(0)))
      if canBeNullPointer && id != 0 {
        // Copies of the same lookup result were null too: they hold their offsets as numbers.
        for r in 0..<10 where r != d && st.regs[r].nullID == id && st.regs[r].nullable {
          st.set(r, Self.nullCopy(st.regs[r]))
        }
        st.stack.updateCells { v in
          if v.nullID == id && v.nullable { v = Self.nullCopy(v) }
        }
      }
      return st
    }
    // Not null.
    var v = a
    v.nullable = false
    if a.types.contains(.number) {
      if a.scalar.constant == 0 {
        v.types.remove(.number)
        if v.types.isEmpty { return s.asBottom() }
      } else if a.scalar.umin == 0 {
        v.scalar.umin = 1
        v.scalar = v.scalar.normalized() ?? a.scalar
      }
    }
    st.regs[d] = v
    if v.types.contains(.number) {
      st.zone.restrict(Var.value(d), to: v.scalar.s)
    } else {
      st.zone.forget(Var.value(d))
    }
    if id != 0 {
      for r in 0..<10 where st.regs[r].nullID == id { st.regs[r].nullable = false }
      st.stack.updateCells { v in
        if v.nullID == id { v.nullable = false }
      }
    }
    st.synchronize()
    return st
  }

  /// What a copy of a lookup result holds when the result was null: its offset, as a number.
  static func nullCopy(_ v: RegisterValue) -> RegisterValue {
    var off = Interval(constant: 0)
    if v.types.contains(.shared) { off = v.offsets.shared }
    return .number(off.isModerate ? .signed(off.lo, off.hi) : .top)
  }
}
