/// Loads, stores, atomics and LDDW: the memory safety rules.
extension AbstractMachine {
  /// How many bytes an access touches: a constant, or a register's value (helper arguments).
  enum AccessWidth {
    case constant(Int)
    case register(Register, Interval)

    var text: String {
      switch self {
      case .constant(let n): String(n)
      case .register(let r, _): "\(r)"
      }
    }

    var range: Interval {
      switch self {
      case .constant(let n): Interval(constant: Int64(n))
      case .register(_, let i): Interval(max(0, i.lo), max(0, i.hi))
      }
    }
  }

  /// Checks that every access of `width` bytes at `base + offset` is inside the object `base` points
  /// into and allowed there. `required` is the type group the base must belong to; `stackMustBeNumeric`
  /// forbids reading spilled pointers (helper arguments copied out). `label` replaces the assertion
  /// text (map key/value checks).
  func checkAccess(
    _ base: Register, _ v: RegisterValue, offset: Int64, width: AccessWidth, write: Bool, _ s: AbstractState,
    required: TypeSet = .pointers, stackMustBeNumeric: Bool = false, label: String? = nil
  ) {
    let text = label ?? AssertionText.access(base, offset: offset, width: width.text, write: write)
    if !v.types.isSubset(of: required) {
      findings.fail("Invalid type (\(AssertionText.type(base, required)))")
    }
    let w = width.range
    for kind in v.types.pointerKinds {
      let off = v.offsets[kind]
      let lb = off.lo == .min ? Int64.min : off.lo.addingReportingOverflow(offset).partialValue
      let lbOK = off.lo != .min && !off.lo.addingReportingOverflow(offset).overflow
      let ubSum = off.adding(Interval(constant: offset)).flatMap { $0.adding(w) }
      let ub = ubSum?.hi ?? .max
      switch kind {
      case .ctx:
        if !lbOK || lb < 0 { findings.fail("Lower bound must be at least 0 (\(text))") }
        if ub > Int64(environment.context.size) {
          findings.fail("Upper bound must be at most \(environment.context.size) (\(text))")
        }
        if write && lbOK && lb >= 0 && ub <= Int64(environment.context.size) {
          let touched = Int(lb)..<Int(ub)
          if environment.context.readOnlyRanges.contains(where: { $0.overlaps(touched) }) {
            findings.fail("Context field is read-only (\(text))")
          }
        }
      case .stack:
        if !lbOK || lb < 0 { findings.fail("Lower bound must be at least 0 (\(text))") }
        if ub > s.frameTop {
          let limit = s.depth == 0 ? "EBPF_STACK_SIZE" : "r10.stack_offset"
          findings.fail("Upper bound must be at most \(limit) (\(text))")
        }
        if !write, lbOK, lb >= 0, ub <= s.frameTop, ub > lb {
          let range = Int(lb)..<Int(ub)
          let covered =
            s.segmentCovers(base, delta: offset, width: w.constant, lb: lb, ub: ub) || s.guardCovers(range)
          // A helper reading memory needs numbers there: PREVAIL reports unwritten and pointer
          // bytes alike as "not numeric" (its bytes are numeric or not); a load names the first.
          if stackMustBeNumeric && !covered && !s.stack.isNumeric(range) {
            findings.fail("Stack content is not numeric (\(text))")
          } else if !covered && !s.stack.isInitialized(range) {
            findings.fail("Stack content is not initialized (\(text))")
          }
        }
      case .packet:
        if upperBoundBeyondData(base, v, offset: offset, width: width, s) > 0 {
          findings.fail("Upper bound must be at most packet_size (\(text))")
        }
        if lowerBoundBeforeMeta(base, v, offset: offset, s) > 0 {
          findings.fail("Lower bound must be at least meta_offset (\(text))")
        }
        if write && !environment.context.dataWritable {
          findings.fail("Data region is read-only (\(text))")
        }
      case .shared:
        if v.nullable { findings.fail("Possible null access (\(text))") }
        if !lbOK || lb < 0 { findings.fail("Lower bound must be at least 0 (\(text))") }
        if ub > v.sharedSize.lo { findings.fail("Upper bound must be at most \(base).shared_region_size (\(text))") }
        if write && v.sharedReadOnly { findings.fail("Memory is read-only (\(text))") }
      }
    }
  }

  /// The largest amount by which `base + offset + width` may exceed the data size (≤ 0 when safe),
  /// using the zone's relations where it has them.
  func upperBoundBeyondData(_ base: Register, _ v: RegisterValue, offset: Int64, width: AccessWidth, _ s: AbstractState)
    -> Int64
  {
    let w = width.range
    var best = Int64.max
    if base != .r10, v.types.singlePointerKind == .packet {
      let x = Var.offset(Int(base.index))
      if let rel = s.zone.upperBound(x, minus: Var.packetSize) {
        best = min(best, Bound.add(Bound.add(rel, offset), w.hi == .max ? Bound.infinite : w.hi))
      }
      if case .register(let r, _) = width, r != .r10, s.regs[Int(r.index)].types == .number,
        let rel = s.zone.upperBound(Var.value(Int(r.index)), minus: Var.packetSize)
      {
        // size - packet_size is bounded; add the offset's upper bound.
        let offHi = s.zone.interval(x).hi
        if offHi != .max { best = min(best, Bound.add(Bound.add(rel, offHi), offset)) }
      }
    }
    // Without relations: the offset's range against the smallest possible data size.
    let psLow = s.zone.interval(Var.packetSize).lo
    if let hi = v.offsets.packet.adding(Interval(constant: offset))?.adding(w)?.hi, hi != .max {
      best = min(best, Bound.saturatingSubtract(hi, psLow))
    }
    return best == Bound.infinite ? .max : best
  }

  /// The largest amount by which `base + offset` may lie before the metadata (≤ 0 when safe).
  func lowerBoundBeforeMeta(_ base: Register, _ v: RegisterValue, offset: Int64, _ s: AbstractState) -> Int64 {
    var best = Int64.max
    if base != .r10, v.types.singlePointerKind == .packet,
      let rel = s.zone.upperBound(Var.metaOffset, minus: Var.offset(Int(base.index)))
    {
      best = Bound.add(rel, offset == .min ? Bound.infinite : -offset)
      if best == Bound.infinite { best = .max }
    }
    let meta = s.zone.interval(Var.metaOffset).hi
    let lo = v.offsets.packet.lo
    if lo != .min, let l = Interval(constant: lo).adding(Interval(constant: offset)) {
      best = min(best, Bound.saturatingSubtract(meta, l.lo))
    }
    return best == Bound.infinite ? .max : best
  }

  /// A number as a load of `bytes` bytes produces it.
  static func loaded(_ bytes: Int, signExtending: Bool) -> Scalar {
    let s = Scalar.ofWidth(bytes)
    return signExtending ? s.signExtended(fromBytes: bytes) : s
  }

  // MARK: Load

  func load(
    _ width: Int, signExtending sx: Bool, _ dst: Register, _ base: Register, _ offset: Int64, _ site: Site,
    _ s: inout AbstractState
  ) {
    let d = Int(dst.index)
    guard let v = read(base, s, required: .pointers) else {
      s.set(d, .number(Self.loaded(width, signExtending: sx)))
      return
    }
    checkAccess(base, v, offset: offset, width: .constant(width), write: false, s)
    var results: [RegisterValue] = []
    var dataPointer: Int? = nil  // 0 data, 1 end, 2 meta: loaded from the context at an exact offset
    var filledSlot: Int? = nil  // the zone slot of the exact stack cell read, when the value is unchanged
    if !v.types.isSubset(of: .pointers) { results.append(.number(Self.loaded(width, signExtending: sx))) }
    for kind in v.types.pointerKinds {
      let off = v.offsets[kind].adding(Interval(constant: offset)) ?? .full
      switch kind {
      case .ctx:
        let c = environment.context
        if width == 8, let o = off.constant, c.hasData,
          o == Int64(c.dataOffset ?? -1) || o == Int64(c.endOffset ?? -1)
            || o == Int64(c.metaOffset ?? -1)
        {
          let which = o == Int64(c.dataOffset ?? -1) ? 0 : o == Int64(c.endOffset ?? -1) ? 1 : 2
          let range: Interval =
            which == 0
            ? Interval(constant: 0)
            : which == 1 ? s.zone.interval(Var.packetSize) : s.zone.interval(Var.metaOffset)
          results.append(.pointer(.packet, offset: range))
          dataPointer = which
        } else {
          results.append(.number(Self.loaded(width, signExtending: sx)))
        }
      case .stack:
        let off = off.clamped
        if let o = off.constant, o >= 0, let cell = s.stack.cell(at: Int(o), width: width) {
          var value = cell.value
          if sx && value.types == .number { value.scalar = value.scalar.signExtended(fromBytes: width) }
          if v.types == .stack, value == cell.value { filledSlot = cell.slot }
          results.append(value)
        } else {
          if off.lo >= 0, off.hi != .max, off.hi + Int64(width) <= Int64(s.stack.size), off.hi >= off.lo {
            let range = Int(off.lo)..<Int(off.hi + Int64(width))
            if s.stack.overlapsPointerCell(range) && s.stack.isInitialized(range) {
              findings.fail(
                "Stack content is not numeric ("
                  + AssertionText.access(base, offset: offset, width: String(width), write: false) + ")"
              )
            }
          }
          results.append(.number(Self.loaded(width, signExtending: sx)))
        }
      case .packet, .shared:
        results.append(.number(Self.loaded(width, signExtending: sx)))
      }
    }
    guard var joined = results.first else {
      s.set(d, .number(Self.loaded(width, signExtending: sx)))
      return
    }
    for r in results.dropFirst() { joined = joined.join(r) }
    s.set(d, joined)
    if results.count == 1, let k = filledSlot { s.fill(d, fromSlot: k) }
    if results.count == 1, let which = dataPointer {
      // The data pointers keep their relation to the data size.
      switch which {
      case 1: s.zone.assign(Var.offset(d), Var.packetSize, plus: 0)
      case 2: s.zone.assign(Var.offset(d), Var.metaOffset, plus: 0)
      default: break
      }
    }
  }

  // MARK: Store

  func store(_ width: Int, _ base: Register, _ offset: Int64, _ value: Source, _ site: Site, _ s: inout AbstractState) {
    let val: RegisterValue
    var valueName = "imm"
    switch value {
    case .immediate(let imm):
      val = .number(.constant(signed: Int64(imm)))
    case .register(let r):
      valueName = "\(r)"
      guard let v = read(r, s) else { return }
      val = v
    }
    guard let bv = read(base, s, required: .pointers) else { return }
    checkAccess(base, bv, offset: offset, width: .constant(width), write: true, s)
    let numeric = val.types.isSubset(of: .number)
    if width < 8 && !numeric {
      findings.fail("Invalid type (\(valueName).type == number)")
    } else if !numeric && !bv.types.intersection([.ctx, .packet, .shared]).isEmpty {
      findings.fail(
        "Only numbers can be stored to externally-visible regions "
          + "(\(base).type != stack -> \(valueName).type == number)"
      )
    }
    guard bv.types.contains(.stack) else { return }
    var stored = val
    // A narrow store keeps the low bytes: a number that fits them is stored as it is (and then
    // keeps its relations through a spill slot); anything else is cut to the width.
    if width < 8 && !(val.types == .number && val.scalar.umax >> UInt64(width * 8) == 0) {
      stored = .number(Scalar.and(val.types == .number ? val.scalar : .top, .constant((1 << UInt64(width * 8)) - 1)))
    }
    let off = (bv.offsets.stack.adding(Interval(constant: offset)) ?? .full).clamped
    if stored.types.isSubset(of: .number) {
      if bv.types == .stack { s.numberStored(base, delta: offset, width: Int64(width), offsets: off) }
    } else {
      s.pointerStored(offsets: off, width: Int64(width))
    }
    if let o = off.constant, bv.types == .stack, o >= 0, o + Int64(width) <= Int64(s.stack.size) {
      if !numeric && width < 8 { stored = .number(.ofWidth(width)) }
      // A register stored whole (or a number that fits the width) is the cell's exact value: the
      // cell takes a zone slot so a fill gets the register's relations back.
      if case .register(let r) = value, r != .r10, stored == val {
        let k = Var.spillSlot(atOffset: Int(o))
        s.stack.store(stored, at: Int(o), width: width, slot: k)
        s.spill(Int(r.index), toSlot: k)
      } else {
        s.stack.store(stored, at: Int(o), width: width)
      }
      return
    }
    let lo = max(0, off.lo)
    let hi = min(Int64(s.stack.size), off.hi + Int64(width))
    guard lo < hi else { return }
    let certain: Range<Int> =
      bv.types == .stack && off.hi < off.lo + Int64(width) && off.hi >= 0
        && off.lo + Int64(width) <= Int64(s.stack.size)
      ? Int(off.hi)..<Int(off.lo + Int64(width)) : 0..<0
    if !numeric {
      findings.fail("Pointers must be spilled at a constant stack offset (\(base).stack_offset is not constant)")
      s.stack.storeNumbers(somewhereIn: Int(lo)..<Int(hi), certainly: 0..<0)
      return
    }
    s.stack.storeNumbers(somewhereIn: Int(lo)..<Int(hi), certainly: certain)
  }

  // MARK: Atomic

  func atomic(
    _ op: AtomicOperation, _ width: Int, _ base: Register, _ offset: Int64, _ src: Register, _ site: Site,
    _ s: inout AbstractState
  ) {
    if let v = read(src, s, required: .number) { requireNumber(src, v) }
    if op == .compareExchange, let v = read(.r0, s, required: .number) { requireNumber(.r0, v) }
    if let bv = read(base, s, required: .pointers) {
      // PREVAIL's rule: the base is any pointer (ctx, stack, packet, shared) and the access is
      // checked once, as a write (`valid_access(r1.offset+4, width=4) for write`).
      checkAccess(base, bv, offset: offset, width: .constant(width), write: true, s)
      if bv.types.contains(.stack) {
        checkAtomicStackRead(base, bv, offset: offset, width: width, s)
        let off = (bv.offsets.stack.adding(Interval(constant: offset)) ?? .full).clamped
        if let o = off.constant, bv.types == .stack, o >= 0, o + Int64(width) <= Int64(s.stack.size) {
          s.stack.store(.number(.ofWidth(width)), at: Int(o), width: width)
        } else {
          let lo = max(0, off.lo)
          let hi = min(Int64(s.stack.size), off.hi + Int64(width))
          if lo < hi { s.stack.storeNumbers(somewhereIn: Int(lo)..<Int(hi), certainly: 0..<0) }
        }
      }
    }
    if op == .compareExchange {
      s.set(0, .number(.ofWidth(width)))
    } else if op.fetches {
      s.set(Int(src.index), .number(.ofWidth(width)))
    }
  }

  /// The old value an atomic reads from the stack must be initialised numbers (ntsh's addition:
  /// PREVAIL models the read as a load and does not check it). Bounds were checked by the write.
  private func checkAtomicStackRead(
    _ base: Register, _ v: RegisterValue, offset: Int64, width: Int, _ s: AbstractState
  ) {
    guard let off = v.offsets.stack.adding(Interval(constant: offset)), off.lo >= 0, off.hi != .max,
      off.hi <= s.frameTop - Int64(width)
    else { return }
    let range = Int(off.lo)..<Int(off.hi + Int64(width))
    let text = AssertionText.access(base, offset: offset, width: String(width), write: false)
    if !s.stack.isInitialized(range) {
      findings.fail("Stack content is not initialized (\(text))")
    } else if !s.stack.isNumeric(range) {
      findings.fail("Stack content is not numeric (\(text))")
    }
  }

  // MARK: LDDW

  /// The map-set bit of map `index` (all indices from 63 share the last bit).
  static func mapBit(_ index: Int) -> UInt64 { index < 63 ? 1 << UInt64(index) : 1 << 63 }

  /// The maps a map-set bitmask may name.
  func maps(in mask: UInt64) -> [VerifierMap] {
    var out: [VerifierMap] = []
    for (i, m) in environment.maps.enumerated() where mask & Self.mapBit(i) != 0 { out.append(m) }
    return out
  }

  func loadImmediate(_ dst: Register, _ value: WideImmediate, _ s: inout AbstractState) {
    let d = Int(dst.index)
    switch value {
    case .value(let v):
      s.set(d, .number(.constant(v)))
    case .mapByFD, .mapByIndex:
      guard let index = environment.mapIndex(for: value) else {
        if case .mapByFD(let fd) = value { findings.fail("invalid map fd \(fd)") }
        if case .mapByIndex(let i) = value { findings.fail("invalid map index \(i)") }
        s.set(d, .number(.top))
        return
      }
      var v = RegisterValue(types: environment.maps[index].kind == .programArray ? .mapPrograms : .mapFD)
      v.maps = Self.mapBit(index)
      s.set(d, v)
    case .mapValue(_, let off), .mapValueByIndex(_, let off):
      guard let index = environment.mapIndex(for: value) else {
        findings.fail("invalid map reference in lddw")
        s.set(d, .number(.top))
        return
      }
      let map = environment.maps[index]
      var v = RegisterValue.pointer(.shared, offset: Interval(constant: Int64(off)))
      v.sharedSize = Interval(constant: Int64(map.valueSize))
      v.sharedReadOnly = map.readOnly
      s.set(d, v)
    case .codeAddress:
      // A code address is a number programs cannot dereference.
      s.set(d, .number(.top))
    case .variableAddress(let id):
      findings.fail("Unsupported lddw of a variable address (var_addr(\(id)))")
      s.set(d, .number(.top))
    }
  }
}
