/// The stack's initialised segment: `stack.segmentBase ..< frontier` holds numbers, with the
/// frontier a zone variable. A store of a number exactly at the frontier moves it past the store,
/// relationally (`frontier = r3.stack_offset + 4`), so in a loop writing `buf[i]` one element after
/// another the frontier keeps its distance to the index, and the exit test bounds both: the reads
/// after the loop are known initialised (eBPF for Windows' PREVAIL refuses such buffers as not
/// numeric; its issue 3360 is this pattern).
extension AbstractState {
  typealias Segment = (base: Int, frontier: Interval)

  /// The segment, if any.
  var segment: Segment? {
    stack.segmentBase.map { ($0, zone.interval(Var.frontier)) }
  }

  /// The zone variable and constant whose sum is register `r`'s pointer offset: r10's is the
  /// constant frame top, any other register's its offset variable.
  func offsetTerm(_ r: Register) -> (variable: Int, constant: Int64) {
    r == .r10 ? (Var.zero, frameTop) : (Var.offset(Int(r.index)), 0)
  }

  /// The zone variable and constant whose sum is the absolute stack address `base + delta`, when
  /// the zone tracks it: r10 (a constant) or a register holding only a stack pointer.
  func stackAddress(_ base: Register, delta: Int64) -> (variable: Int, constant: Int64)? {
    guard base == .r10 || regs[Int(base.index)].types == .stack else { return nil }
    let (x, k) = offsetTerm(base)
    return (x, k &+ delta)
  }

  /// Starts an empty segment at `base` (it claims nothing, so any state may take it on).
  mutating func startEmptySegment(at base: Int) {
    stack.segmentBase = base
    zone.assign(Var.frontier, Interval(constant: Int64(base)))
  }

  /// True when `lb ..< ub` (an access at `base + delta` of `width` bytes when the width is known)
  /// lies inside the segment.
  func segmentCovers(_ base: Register, delta: Int64, width: Int64?, lb: Int64, ub: Int64) -> Bool {
    guard let (b, f) = segment, lb >= Int64(b) else { return false }
    if f.lo != .min && ub <= f.lo { return true }
    guard let width, let (x, k) = stackAddress(base, delta: delta),
      let c = zone.upperBound(x, minus: Var.frontier)
    else { return false }
    // end - frontier = (x + k + width) - frontier <= c + k + width
    let (e1, o1) = c.addingReportingOverflow(k)
    let (e2, o2) = e1.addingReportingOverflow(width)
    return !o1 && !o2 && e2 <= 0
  }

  /// A number was stored at `base + delta` (`width` bytes, absolute offsets `offsets`): starts the
  /// segment there when there is none, or moves the frontier past the store when it starts
  /// exactly at the frontier.
  mutating func numberStored(_ base: Register, delta: Int64, width: Int64, offsets: Interval) {
    guard let (x, k) = stackAddress(base, delta: delta) else { return }
    guard let b = stack.segmentBase else {
      guard let o = offsets.constant else { return }
      stack.segmentBase = Int(o)
      zone.assign(Var.frontier, x, plus: k &+ width)
      return
    }
    guard offsets.lo >= Int64(b), let below = zone.upperBound(x, minus: Var.frontier),
      let above = zone.upperBound(Var.frontier, minus: x)
    else { return }
    // start == frontier: start - frontier <= 0 and frontier - start <= 0.
    if below &+ k <= 0 && above &- k <= 0 {
      zone.assign(Var.frontier, x, plus: k &+ width)
    }
  }

  /// Something that may be a pointer was stored at `offsets` (`width` bytes): the segment must not
  /// cover it, so it ends unless the store lies wholly below its base or at or past its frontier.
  mutating func pointerStored(offsets: Interval, width: Int64) {
    if let g = stack.guarded, offsets.lo == .min || offsets.hi == .max
      || (offsets.lo < Int64(g.bytes.upperBound) && Int64(g.bytes.lowerBound) < offsets.hi &+ width)
    {
      stack.guarded = nil  // guarded bytes hold numbers only
    }
    guard let (b, f) = segment else { return }
    if offsets.hi != .max && offsets.hi &+ width <= Int64(b) { return }
    if f.hi != .max && offsets.lo >= f.hi { return }
    materializeSegment()
    stack.segmentBase = nil
  }

  /// Keeps `frames` stack frames (a return pops the callee's): a segment that may reach into a
  /// popped frame ends there, since a later call's frame reuses those bytes unwritten.
  mutating func keepFrames(_ frames: Int) {
    let n = Int64(frames * StackState.frameSize)
    if let (_, f) = segment, f.hi == .max || f.hi > n {
      materializeSegment()
      stack.segmentBase = nil
    }
    stack.resize(frames: frames)
  }

  /// Marks the bytes the segment surely covers (`base ..< frontier.lo`) as numbers.
  mutating func materializeSegment() {
    guard let (b, f) = segment, f.lo != .min else { return }
    let end = min(f.lo, Int64(stack.size))
    guard end > Int64(b) else { return }
    stack.markNumeric(b..<Int(end))
  }

  /// Prepares the segments of two states for a join: what each surely covers becomes numbers; a
  /// segment on one side only becomes an empty segment at the same base on the other (it claims
  /// nothing there), so the join keeps the frontier's relations; different bases are dropped.
  static func alignSegments(_ a: inout AbstractState, _ b: inout AbstractState) {
    a.materializeSegment()
    b.materializeSegment()
    switch (a.stack.segmentBase, b.stack.segmentBase) {
    case (let x?, nil):
      b.startEmptySegment(at: x)
    case (nil, let y?):
      a.startEmptySegment(at: y)
    case (let x?, let y?) where x != y:
      a.stack.segmentBase = nil
      b.stack.segmentBase = nil
    default:
      break
    }
  }
}
