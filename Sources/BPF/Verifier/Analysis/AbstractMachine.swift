/// Where an instruction executes in the analysis: its pc, the call depth of the code, and the
/// id a map lookup there gives its result (unique per call site and calling context).
struct Site {
  var pc: Int
  var depth: Int
  var nullID: UInt32
}

/// The abstract semantics of eBPF instructions: transforms a state as the instruction would every
/// concrete state it describes, and checks the instruction's safety conditions (reporting to
/// `findings`). Control transfers (jumps, branches, local calls, exit) are the analyzer's; this
/// type only checks their operands and refines states for branch edges.
struct AbstractMachine {
  let environment: VerifierEnvironment
  let options: VerifierOptions
  let findings: Findings

  typealias Var = AbstractState.Var

  /// Executes a straight-line instruction (or checks a control instruction's operands).
  func execute(_ insn: DecodedInstruction, at site: Site, _ s: inout AbstractState) {
    guard !s.isBottom else { return }
    switch insn {
    case .alu(let op, let size, let dst, let source):
      alu(op, size, dst, source, &s)
    case .negate(let size, let dst):
      unary(dst, &s) { size == .bits64 ? Scalar.neg($0) : Scalar.sub(.constant(0), $0.low32).low32 }
    case .byteSwap(let kind, let bits, let dst):
      unary(dst, &s) { v in
        if kind == .toLittleEndian {
          // A truncation on this little-endian machine.
          return bits == 64 ? v : Scalar.and(v, .constant((1 << UInt64(bits)) - 1))
        }
        return bits == 64 ? .top : .unsigned(0, (1 << UInt64(bits)) - 1)
      }
    case .load(let width, let sx, let dst, let base, let offset):
      load(width.bytes, signExtending: sx, dst, base, Int64(offset), site, &s)
    case .store(let width, let base, let offset, let value):
      store(width.bytes, base, Int64(offset), value, site, &s)
    case .atomic(let op, let width, let base, let offset, let src):
      atomic(op, width.bytes, base, Int64(offset), src, site, &s)
    case .loadImmediate64(let dst, let value):
      loadImmediate(dst, value, &s)
    case .legacyPacketLoad:
      findings.fail("Legacy packet access (LD_ABS/LD_IND) is not supported")
      s = s.asBottom()
    case .callBTF(let id):
      findings.fail("Calls of kernel functions by BTF id are not supported (call btf \(id))")
      s = s.asBottom()
    case .call(let id):
      call(id, site, &s)
    case .callRegister(let r):
      let v = s.value(r)
      guard v.types == .number, let id = v.scalar.constant, let id32 = Int32(exactly: Int64(bitPattern: id)) else {
        findings.fail("callx helper function id is not a valid singleton (\(r).type == number)")
        for reg in 1...5 { s.clobber(reg) }
        s.set(0, .number(.top))
        return
      }
      call(id32, site, &s)
    case .branch(_, let size, let dst, let source, _):
      checkComparison(size, dst, source, &s)
    case .exit, .jump, .callLocal:
      break
    }
  }

  // MARK: Operands

  /// Reads register `r`, failing (and returning nil) when it may be uninitialised.
  func read(_ r: Register, _ s: AbstractState, required: TypeSet? = nil) -> RegisterValue? {
    let v = s.value(r)
    if !v.isInitialized {
      if let required {
        findings.fail("Invalid type (\(AssertionText.type(r, required)))")
      } else {
        findings.fail("Uninitialized register (\(r).type != uninit)")
      }
      return nil
    }
    return v
  }

  /// Requires `v` (register `r`) to be a number; reports otherwise.
  @discardableResult
  func requireNumber(_ r: Register, _ v: RegisterValue) -> Bool {
    if v.types != .number {
      findings.fail("Invalid type (\(AssertionText.type(r, .number)))")
      return false
    }
    return true
  }

  /// The value of an immediate operand: sign-extended for 64-bit operations, 32 bits otherwise.
  static func immediate(_ v: Int32, _ size: OperandSize) -> Scalar {
    size == .bits64 ? .constant(signed: Int64(v)) : .constant(UInt64(UInt32(bitPattern: v)))
  }

  // MARK: Unary

  private func unary(_ dst: Register, _ s: inout AbstractState, _ f: (Scalar) -> Scalar) {
    let d = Int(dst.index)
    guard let v = read(dst, s, required: .number) else {
      s.set(d, .number(.top))
      return
    }
    guard requireNumber(dst, v) else {
      s.set(d, .number(.top))
      return
    }
    s.set(d, .number(f(v.scalar)))
  }

  // MARK: ALU

  private func alu(_ op: ALUOperation, _ size: OperandSize, _ dst: Register, _ source: Source, _ s: inout AbstractState)
  {
    let d = Int(dst.index)
    // The source operand.
    var srcValue: RegisterValue
    var srcRegister: Register? = nil
    switch source {
    case .immediate(let imm):
      srcValue = .number(Self.immediate(imm, size))
    case .register(let r):
      let required: TypeSet? = op == .mov ? nil : Self.acceptsPointers(op, size) ? [.number, .pointers] : .number
      guard let v = read(r, s, required: required) else {
        s.set(d, .number(size == .bits64 ? .top : .unsigned(0, 0xffff_ffff)))
        return
      }
      srcValue = v
      srcRegister = r
    }

    switch op {
    case .mov where size == .bits64:
      if let r = srcRegister { s.copy(d, from: r) } else { s.set(d, srcValue) }
      return
    case .mov, .movsx8, .movsx16, .movsx32:
      guard srcValue.types == .number else {
        if let r = srcRegister { requireNumber(r, srcValue) }
        s.set(d, .number(size == .bits64 ? .top : .unsigned(0, 0xffff_ffff)))
        return
      }
      let result = size == .bits64 ? Scalar.op64(.top, srcValue.scalar, op) : Scalar.op32(.top, srcValue.scalar, op)
      // When the value is unchanged (it already fits), the two registers stay equal.
      if let r = srcRegister, r != .r10, result == srcValue.scalar {
        s.copy(d, from: r)
      } else {
        s.set(d, .number(result))
      }
      return
    default:
      break
    }

    guard
      let dstValue = read(dst, s, required: Self.acceptsPointers(op, size) ? [.number, .pointers] : .number)
    else {
      s.set(d, .number(size == .bits64 ? .top : .unsigned(0, 0xffff_ffff)))
      return
    }

    if Self.acceptsPointers(op, size)
      && (!dstValue.types.isSubset(of: .number) || !srcValue.types.isSubset(of: .number))
    {
      if size == .bits64 {
        pointerArithmetic(op, dst, dstValue, source, srcRegister, srcValue, &s)
      } else {
        pointerDifference32(dst, dstValue, source, srcRegister, srcValue, &s)
      }
      return
    }

    // Numbers only from here.
    var ok = true
    if !dstValue.types.isSubset(of: .number) { ok = requireNumber(dst, dstValue) && ok }
    if let r = srcRegister, !srcValue.types.isSubset(of: .number) { ok = requireNumber(r, srcValue) && ok }
    if op == .div || op == .sdiv || op == .mod || op == .smod, srcValue.scalar.umin == 0 {
      let text = srcRegister.map { "\($0) != 0" } ?? "0 != 0"
      findings.note("Possible division by zero (\(text)); allowed: the result is defined")
    }
    guard ok else {
      s.set(d, .number(size == .bits64 ? .top : .unsigned(0, 0xffff_ffff)))
      return
    }
    let a = dstValue.scalar
    let b = srcValue.scalar
    // `x &= mask` where the mask keeps every bit x may have leaves x as it is, and related: clang
    // masks a 0/1 flag before testing it, and the test must still refine the flag.
    if op == .and, let c = b.constant, a.bits.maxValue & ~c == 0, size == .bits64 || a.fits32 { return }
    let result = size == .bits64 ? Scalar.op64(a, b, op) : Scalar.op32(a, b, op)
    let old = s.zone.interval(Var.value(d))

    // Keep relations for additions and subtractions whose effect is an exact shift.
    if op == .add || op == .sub, let delta = Self.exactChange(op, size, old, a, b) {
      if let c = delta.constant { s.zone.shift(Var.value(d), by: c) } else { s.zone.shift(Var.value(d), by: delta) }
      s.regs[d] = .number(result)
      s.synchronize()
      return
    }
    s.set(d, .number(result))
  }

  /// Whether `dst op= src` may have pointer operands: 64-bit add and sub, and (as PREVAIL allows)
  /// 32-bit sub, which clang emits for `(u32)(end - start)`.
  static func acceptsPointers(_ op: ALUOperation, _ size: OperandSize) -> Bool {
    op == .sub || (op == .add && size == .bits64)
  }

  /// `wdst -= wsrc` with pointers: only the difference of two pointers into one region, whose low
  /// 32 bits keep the 64-bit difference's relations when it fits (data regions are < 64 KiB).
  private func pointerDifference32(
    _ dst: Register, _ a: RegisterValue, _ source: Source, _ srcRegister: Register?, _ b: RegisterValue,
    _ s: inout AbstractState
  ) {
    let d = Int(dst.index)
    guard srcRegister != nil, !a.types.intersection(.pointers).isEmpty, !b.types.intersection(.pointers).isEmpty
    else {
      // pointer - number in 32 bits would cut a pointer in half.
      let culprit = a.types.isSubset(of: .number) ? (srcRegister ?? dst) : dst
      findings.fail("Invalid type (\(AssertionText.type(culprit, .number)))")
      s.set(d, .number(.unsigned(0, 0xffff_ffff)))
      return
    }
    pointerArithmetic(.sub, dst, a, source, srcRegister, b, &s)
    let v = s.regs[d]
    guard v.types == .number, v.scalar.s.lo >= 0, v.scalar.s.hi <= 0xffff_ffff else {
      s.set(d, .number(v.types == .number ? v.scalar.low32 : .unsigned(0, 0xffff_ffff)))
      return
    }
  }

  /// How much `dst op= src` changes dst's value when that change never wraps (so the zone can
  /// shift dst and keep its relations), or nil.
  static func exactChange(_ op: ALUOperation, _ size: OperandSize, _ old: Interval, _ a: Scalar, _ b: Scalar)
    -> Interval?
  {
    if size == .bits64 {
      let delta = op == .add ? b.s : (b.s.lo == .min ? nil : Interval(-b.s.hi, -b.s.lo))
      guard let delta, old.adding(delta) != nil, delta != .full else { return nil }
      return delta
    }
    // 32-bit: dst must already be its low half, and the result must not wrap around 2^32
    // (or must always wrap, by a constant).
    guard a.fits32, old.lo >= 0, old.hi <= 0xffff_ffff else { return nil }
    let bl = b.low32.s
    let limit: Int64 = 0xffff_ffff
    if op == .add {
      if old.hi + bl.hi <= limit { return bl }
      if let c = bl.constant, old.lo + c > limit { return Interval(constant: c - (limit + 1)) }
      return nil
    }
    if old.lo >= bl.hi { return Interval(-bl.hi, -bl.lo) }
    return nil
  }

  /// `dst += src` / `dst -= src` where a pointer is involved (64-bit only).
  private func pointerArithmetic(
    _ op: ALUOperation, _ dst: Register, _ a: RegisterValue, _ source: Source, _ srcRegister: Register?,
    _ b: RegisterValue, _ s: inout AbstractState
  ) {
    let d = Int(dst.index)
    let srcName = srcRegister.map { "\($0)" } ?? "imm"
    if a.types.contains(.maps) || b.types.contains(.maps) {
      let culprit = a.types.contains(.maps) ? dst : (srcRegister ?? dst)
      findings.fail("Invalid type (\(AssertionText.type(culprit, [.number, .pointers])))")
      s.set(d, .number(.top))
      return
    }
    if op == .add {
      if a.types.intersection(.pointers).isEmpty == false && b.types.intersection(.pointers).isEmpty == false {
        findings.fail(
          "Only numbers can be added to pointers (\(AssertionText.type(dst, .pointers)) -> \(srcName).type == number)")
        s.set(d, .number(.top))
        return
      }
      if !a.types.intersection(.pointers).isEmpty {
        // pointer + number
        if let c = b.scalar.s.constant, b.types == .number {
          shiftOffsets(d, by: Interval(constant: c), &s)
        } else {
          shiftOffsets(d, by: b.scalar.s, &s, relatedTo: srcRegister)
        }
        if a.types.contains(.number) {
          // The number case of dst: an ordinary addition.
          s.regs[d].scalar = Scalar.add(a.scalar, b.scalar)
          s.zone.assign(Var.value(d), s.regs[d].scalar.s)
        }
        return
      }
      // number + pointer: the result is the pointer moved by the number.
      guard let r = srcRegister else { return }
      var result = b
      for k in b.types.pointerKinds {
        result.offsets[k] = b.offsets[k].saturatingAdd(a.scalar.s)
      }
      if b.types.contains(.number) { result.scalar = Scalar.add(a.scalar, b.scalar) }
      let amount = a.scalar.s
      s.copy(d, from: r)
      s.regs[d] = result
      if let k = b.types.singlePointerKind {
        if amount.lo == .min || amount.hi == .max {
          s.zone.assign(Var.offset(d), result.offsets[k])
        } else if let c = amount.constant {
          s.zone.shift(Var.offset(d), by: c)
        } else {
          s.zone.shift(Var.offset(d), by: amount)
        }
      }
      if b.types.contains(.number) { s.zone.assign(Var.value(d), result.scalar.s) } else { s.zone.forget(Var.value(d)) }
      s.synchronize()
      return
    }
    // Subtraction.
    let aPointers = a.types.intersection(.pointers)
    let bPointers = b.types.intersection(.pointers)
    if bPointers.isEmpty {
      // pointer - number
      if let c = b.scalar.s.constant, c != .min {
        shiftOffsets(d, by: Interval(constant: -c), &s)
      } else {
        shiftOffsets(d, by: Interval(0, 0).subtracting(b.scalar.s) ?? .full, &s, relatedTo: nil)
      }
      if a.types.contains(.number) {
        s.regs[d].scalar = Scalar.sub(a.scalar, b.scalar)
        s.zone.assign(Var.value(d), s.regs[d].scalar.s)
      }
      return
    }
    // pointer - pointer: both must be the same singleton region.
    guard let kind = aPointers.singlePointerKind, a.types == kind.type, b.types == kind.type else {
      findings.fail(
        "Cannot subtract pointers to different regions "
          + "(\(srcName).type == number or \(dst).type == \(srcName).type in {ctx, stack, packet})"
      )
      s.set(d, .number(.top))
      return
    }
    if kind == .shared {
      findings.fail(
        "Cannot subtract pointers to non-singleton regions (\(dst).type == \(srcName).type in {ctx, stack, packet})")
      s.set(d, .number(.top))
      return
    }
    guard let r = srcRegister else { return }
    // Offsets far out may have wrapped around; their difference is then any number.
    guard a.offsets[kind].isModerate, b.offsets[kind].isModerate else {
      s.set(d, .number(.top))
      return
    }
    let difference = a.offsets[kind].subtracting(b.offsets[kind]) ?? .full
    let bOffset = r == .r10 ? Interval(constant: s.frameTop) : s.zone.interval(Var.offset(Int(r.index)))
    var result = RegisterValue.number(.signed(difference.lo, difference.hi))
    result.types = .number
    // value(d) := offset(d) - offset(r): exact when the subtrahend is a constant, else a range
    // around offset(d).
    let negated = Interval(0, 0).subtracting(bOffset) ?? .full
    if r != dst {
      s.zone.assign(Var.value(d), Var.offset(d), plus: 0)
      if let c = negated.constant { s.zone.shift(Var.value(d), by: c) } else { s.zone.shift(Var.value(d), by: negated) }
    } else {
      s.zone.assign(Var.value(d), Interval(constant: 0))
    }
    s.zone.forget(Var.offset(d))
    s.regs[d] = result
    s.synchronize()
  }

  /// Moves every pointer offset of register `d` by `amount` (relations kept when exact).
  private func shiftOffsets(_ d: Int, by amount: Interval, _ s: inout AbstractState, relatedTo src: Register? = nil) {
    var v = s.regs[d]
    for k in v.types.pointerKinds {
      v.offsets[k] = v.offsets[k].saturatingAdd(amount)
    }
    s.regs[d] = v
    guard let kind = v.types.singlePointerKind else { return }
    let x = Var.offset(d)
    guard amount.lo != .min, amount.hi != .max else {
      s.zone.assign(x, v.offsets[kind])
      return
    }
    let old = s.zone.interval(x)
    if let c = amount.constant {
      s.zone.shift(x, by: c)
    } else {
      s.zone.shift(x, by: amount)
      // The new offset minus the added number is the old offset.
      if let r = src, r != .r10, s.regs[Int(r.index)].types == .number, Int(r.index) != d {
        let y = Var.value(Int(r.index))
        if old.hi != .max { s.zone.add(x, minus: y, atMost: old.hi) }
        if old.lo != .min { s.zone.add(y, minus: x, atMost: -old.lo) }
      }
    }
    s.synchronize()
  }

}
