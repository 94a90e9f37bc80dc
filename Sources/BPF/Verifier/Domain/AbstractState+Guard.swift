/// Guarded stack bytes: one level of path sensitivity where paths that wrote some bytes and paths
/// that did not meet, as at the exit of a subprogram that fills an out-parameter only on success.
/// When a number register has disjoint ranges on the two sides, the join remembers that the bytes
/// the writing side wrote are written whenever the register's value (copied to the zone's guard
/// variable, which nothing changes afterwards) is outside the other side's range; a later test of
/// the register narrows the guard and the bytes read as written.
extension AbstractState {
  /// The join of two states reaching one instruction (not a loop head), keeping guarded bytes when
  /// one side wrote bytes the other did not and a number register tells the sides apart.
  func joinGuarding(_ other: AbstractState) -> AbstractState {
    if isBottom || other.isBottom || stack.guarded != nil || other.stack.guarded != nil
      || stack.size != other.stack.size
    {
      return join(other)
    }
    let mine = stack.writtenRun(notIn: other.stack)
    let theirs = other.stack.writtenRun(notIn: stack)
    // Exactly one side wrote more: which one, and the run it wrote.
    let (writer, bytes): (AbstractState, Range<Int>)
    switch (mine, theirs) {
    case (let m?, nil): (writer, bytes) = (self, m)
    case (nil, let t?): (writer, bytes) = (other, t)
    default: return join(other)
    }
    let reader = writer == self ? other : self
    guard
      let r = (0..<10).first(where: { r in
        writer.regs[r].types == .number && reader.regs[r].types == .number
          && writer.regs[r].scalar.s.meet(reader.regs[r].scalar.s).isEmpty
      })
    else { return join(other) }
    var a = self
    var b = other
    a.zone.assign(Var.guardValue, Var.value(r), plus: 0)
    b.zone.assign(Var.guardValue, Var.value(r), plus: 0)
    var result = a.join(b)
    result.stack.guarded = StackState.Guarded(bytes: bytes, unless: reader.regs[r].scalar.s)
    return result
  }

  /// True when `range` lies in the guarded bytes and the guard says they are written.
  func guardCovers(_ range: Range<Int>) -> Bool {
    guard let g = stack.guarded, g.bytes.lowerBound <= range.lowerBound, range.upperBound <= g.bytes.upperBound
    else { return false }
    // No state of the side that did not write is left.
    return zone.interval(Var.guardValue).meet(g.unless).isEmpty
  }
}

extension StackState {
  /// The longest run of bytes holding numbers here that `other` has not written, if any.
  func writtenRun(notIn other: StackState) -> Range<Int>? {
    var best: Range<Int>? = nil
    var start: Int? = nil
    for i in 0...bytes.count {
      let written = i < bytes.count && bytes[i] == .number && other.byte(i) == .uninit
      if written, start == nil { start = i }
      if !written, let s = start {
        if (best?.count ?? 0) < i - s { best = s..<i }
        start = nil
      }
    }
    return best
  }
}
