/// The abstract state before or after an instruction: registers r0–r9 (r10 is the constant frame
/// pointer), the zone relating their numeric values and offsets to each other, to the data size and
/// to loop counters, and the stack.
///
/// `regs` and `zone` describe the same facts twice — non-relationally per register and relationally
/// in the zone — and every update keeps them in agreement (`synchronize`).
struct AbstractState: Hashable, Sendable {
  var zone: Zone
  var regs: [RegisterValue]
  var stack: StackState
  /// Call depth of the code this state belongs to (0 for the program itself).
  var depth: Int

  var isBottom: Bool { zone.isBottom }

  /// Zone variable layout.
  enum Var {
    static let zero = 0
    /// The data region's size (packet_size).
    static let packetSize = 1
    /// The metadata's offset relative to the data (≤ 0).
    static let metaOffset = 2
    /// A register's signed numeric value.
    static func value(_ r: Int) -> Int { 3 + 2 * r }
    /// A register's offset when it has exactly one pointer kind.
    static func offset(_ r: Int) -> Int { 4 + 2 * r }
    /// Stack slots whose spilled value stays related (see `spillSlot(atOffset:)`).
    static let spillSlots = 4
    /// The value spilled to slot `k`, while a stack cell owns the slot.
    static func spillValue(_ k: Int) -> Int { 23 + 2 * k }
    /// The offset of the pointer spilled to slot `k`.
    static func spillOffset(_ k: Int) -> Int { 24 + 2 * k }
    /// The iteration counter of loops at nesting depth `d` (arrivals at the head since entry).
    static func counter(_ d: Int) -> Int { fixedCount + 2 * d }
    /// The same count negated. The zone bounds only differences, so `counter - i` stays bounded
    /// for an index counting up; `countdown - i` (that is, `-(counter + i)`) for one counting down.
    static func countdown(_ d: Int) -> Int { fixedCount + 1 + 2 * d }
    /// Zone variables for `levels` nesting levels.
    static func count(levels: Int) -> Int { fixedCount + 2 * levels }
    /// The slot a spill at this absolute stack offset uses: neighbouring 8-byte slots get
    /// different ones, and the same place always the same one, so joins keep what both sides spilled.
    static func spillSlot(atOffset o: Int) -> Int { (o / 8) % spillSlots }
    /// The end of the stack's initialised segment (`StackState.segmentBase ..< frontier`).
    static let frontier = 23 + 2 * spillSlots
    /// The value that says whether the guarded bytes are written (`StackState.guarded`).
    static let guardValue = 24 + 2 * spillSlots
    /// Variables before the counters.
    static let fixedCount = 25 + 2 * spillSlots
  }

  /// The state at a program's entry: r1 the context, r10 the frame pointer, nothing else known.
  static func entry(counters: Int, dataSizeLimit: Int64, hasMeta: Bool) -> AbstractState {
    var zone = Zone(count: Var.count(levels: counters))
    zone.assign(Var.packetSize, Interval(0, dataSizeLimit))
    zone.assign(Var.metaOffset, hasMeta ? Interval(-4096, 0) : Interval(constant: 0))
    for d in 0..<counters { zone.assign(Var.counter(d), Interval(constant: 0)) }
    for d in 0..<counters { zone.assign(Var.countdown(d), Interval(constant: 0)) }
    var s = AbstractState(
      zone: zone, regs: Array(repeating: .uninit, count: 10), stack: StackState(frames: 1), depth: 0)
    s.set(1, .pointer(.ctx, offset: Interval(constant: 0)))
    return s
  }

  /// Loop nesting levels with counters.
  var levels: Int { (zone.count - Var.fixedCount) / 2 }

  /// How many times the head of the loop at depth `d` was reached since the loop was entered, as
  /// the counter and the countdown together bound it.
  func loopCount(_ d: Int) -> Interval {
    let up = zone.interval(Var.counter(d))
    let down = zone.interval(Var.countdown(d))
    let hi = down.lo == .min ? up.hi : Swift.min(up.hi, -down.lo)
    let lo = down.hi == .max ? up.lo : Swift.max(up.lo, -down.hi)
    return Interval(lo, hi)
  }

  /// The absolute stack offset r10 holds at this depth.
  var frameTop: Int64 { Int64((depth + 1) * StackState.frameSize) }

  /// What register `r` holds (r10 included).
  func value(_ r: Register) -> RegisterValue {
    if r == .r10 { return .pointer(.stack, offset: Interval(constant: frameTop)) }
    return regs[Int(r.index)]
  }

  // MARK: Assignments

  /// Makes register `r` hold `v`, unrelated to anything else.
  mutating func set(_ r: Int, _ v: RegisterValue) {
    regs[r] = v
    if v.types.contains(.number) {
      zone.assign(Var.value(r), v.scalar.s)
    } else {
      zone.forget(Var.value(r))
    }
    if let k = v.types.singlePointerKind {
      zone.assign(Var.offset(r), v.offsets[k])
    } else {
      zone.forget(Var.offset(r))
    }
  }

  /// `dst := src` for registers, keeping every relation (`dst` and `src` then are equal).
  mutating func copy(_ dst: Int, from src: Register) {
    if src == .r10 {
      set(dst, value(src))
      return
    }
    let s = Int(src.index)
    guard s != dst else { return }
    regs[dst] = regs[s]
    zone.assign(Var.value(dst), Var.value(s), plus: 0)
    zone.assign(Var.offset(dst), Var.offset(s), plus: 0)
  }

  /// Records that the stack cell owning slot `k` now holds exactly what register `r` holds.
  mutating func spill(_ r: Int, toSlot k: Int) {
    zone.assign(Var.spillValue(k), Var.value(r), plus: 0)
    zone.assign(Var.spillOffset(k), Var.offset(r), plus: 0)
    // Only what is meaningful survives: stale register variables must not constrain the slot.
    if !regs[r].types.contains(.number) { zone.forget(Var.spillValue(k)) }
    if regs[r].types.singlePointerKind == nil { zone.forget(Var.spillOffset(k)) }
  }

  /// Relates register `r`, just filled from the cell owning slot `k`, to the spilled value.
  mutating func fill(_ r: Int, fromSlot k: Int) {
    if regs[r].types.contains(.number) { zone.assign(Var.value(r), Var.spillValue(k), plus: 0) }
    if regs[r].types.singlePointerKind != nil { zone.assign(Var.offset(r), Var.spillOffset(k), plus: 0) }
    synchronize()
  }

  /// Forgets register `r` (after a call clobbers it).
  mutating func clobber(_ r: Int) {
    regs[r] = .uninit
    zone.forget(Var.value(r))
    zone.forget(Var.offset(r))
  }

  // MARK: Refinement

  /// Brings the registers' ranges in line with the zone after the zone learnt something, and pushes
  /// back what the unsigned ranges and known bits imply. Returns false when the state is empty.
  @discardableResult
  mutating func synchronize() -> Bool {
    guard !zone.isBottom else { return false }
    for r in 0..<10 {
      var v = regs[r]
      if v.types.contains(.number) {
        let z = zone.interval(Var.value(r))
        var sc = v.scalar
        sc.s = sc.s.meet(z)
        guard let n = sc.normalized() else {
          if v.types == .number {
            zone.setBottom()
            return false
          }
          // Another type remains possible; the number case is impossible.
          v.types.remove(.number)
          regs[r] = v
          zone.forget(Var.value(r))
          continue
        }
        v.scalar = n
        if n.s != z {
          regs[r] = v
          zone.restrict(Var.value(r), to: n.s)
          if zone.isBottom { return false }
        }
      }
      if let k = v.types.singlePointerKind {
        let z = zone.interval(Var.offset(r))
        let m = v.offsets[k].meet(z)
        if m.isEmpty {
          zone.setBottom()
          return false
        }
        v.offsets[k] = m
      }
      regs[r] = v
    }
    return true
  }

  /// Adds `x - y <= c` to the zone and resynchronises.
  mutating func constrain(_ x: Int, minus y: Int, atMost c: Int64) {
    zone.add(x, minus: y, atMost: c)
    synchronize()
  }

  // MARK: Lattice

  /// The join of two states of the same code (same depth).
  func join(_ other: AbstractState) -> AbstractState {
    if isBottom { return other }
    if other.isBottom { return self }
    var a = self
    var b = other
    for r in 0..<10 {
      AbstractState.alignForJoin(&a, &b, r)
    }
    AbstractState.alignSegments(&a, &b)
    var result = a
    result.zone = a.zone.join(b.zone)
    for r in 0..<10 { result.regs[r] = a.regs[r].join(b.regs[r]) }
    result.stack = a.stack.join(b.stack)
    return result
  }

  /// Prepares register `r` of both states for a zone join: a variable meaningful on one side only
  /// takes that side's range on the other (where any value is allowed), so the join keeps it.
  private static func alignForJoin(_ a: inout AbstractState, _ b: inout AbstractState, _ r: Int) {
    let ta = a.regs[r].types
    let tb = b.regs[r].types
    if ta.contains(.number) && !tb.contains(.number) {
      b.zone.assign(Var.value(r), a.zone.interval(Var.value(r)))
    } else if tb.contains(.number) && !ta.contains(.number) {
      a.zone.assign(Var.value(r), b.zone.interval(Var.value(r)))
    }
    let union = ta.union(tb)
    if let k = union.singlePointerKind {
      if ta.contains(k.type) && !tb.contains(k.type) {
        b.zone.assign(Var.offset(r), a.zone.interval(Var.offset(r)))
      } else if tb.contains(k.type) && !ta.contains(k.type) {
        a.zone.assign(Var.offset(r), b.zone.interval(Var.offset(r)))
      }
    } else {
      a.zone.forget(Var.offset(r))
      b.zone.forget(Var.offset(r))
    }
  }

  /// True when every concrete state of `self` is one of `other`'s.
  func isIncluded(in other: AbstractState) -> Bool {
    if isBottom { return true }
    if other.isBottom { return false }
    if let b = other.stack.segmentBase, stack.segmentBase == nil {
      // No segment is the empty segment at any base.
      var me = self
      me.startEmptySegment(at: b)
      return me.isIncluded(in: other)
    }
    for r in 0..<10 where !regs[r].isIncluded(in: other.regs[r]) { return false }
    guard stack.isIncluded(in: other.stack) else { return false }
    // A register's value variable matters only when it may be a number, its offset variable only
    // when it has exactly one pointer kind; elsewhere they hold stale values.
    var relevant = [Bool](repeating: true, count: zone.count)
    for r in 0..<10 {
      relevant[Var.value(r)] = regs[r].types.contains(.number)
      relevant[Var.offset(r)] = regs[r].types.singlePointerKind != nil
    }
    relevant[Var.frontier] = other.stack.segmentBase != nil
    relevant[Var.guardValue] = other.stack.guarded != nil
    // A slot matters where `other` relies on it; the stack check made sure `self` owns it too.
    for k in 0..<Var.spillSlots {
      relevant[Var.spillValue(k)] = false
      relevant[Var.spillOffset(k)] = false
    }
    for cell in other.stack.cells {
      guard let k = cell.slot else { continue }
      relevant[Var.spillValue(k)] = cell.value.types.contains(.number)
      relevant[Var.spillOffset(k)] = cell.value.types.singlePointerKind != nil
    }
    return zone.isIncluded(in: other.zone, relevant: relevant)
  }

  /// The widening of `self` (the previous iterate) by `next`.
  func widen(_ next: AbstractState, thresholds: [Int64]) -> AbstractState {
    if isBottom { return next }
    if next.isBottom { return self }
    var r = next
    r.zone = zone.widen(next.zone, thresholds: thresholds, thresholdLimit: Var.fixedCount)
    for i in 0..<10 { r.regs[i] = regs[i].widen(next.regs[i], thresholds: thresholds) }
    r.stack = stack.widen(next.stack, thresholds: thresholds)
    return r
  }

  /// The closed form of a widened state, with the registers and the zone brought back in line.
  func closed() -> AbstractState {
    var r = self
    r.zone.close()
    r.synchronize()
    return r
  }

  /// The bottom state (unreachable).
  func asBottom() -> AbstractState {
    var r = self
    r.zone.setBottom()
    return r
  }
}
