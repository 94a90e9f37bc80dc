import Testing

@testable import BPF

/// The stack's initialised segment (`AbstractState+Segment.swift`) and guarded bytes
/// (`AbstractState+Guard.swift`) step by step.
@Suite struct StackSegmentTests {
  typealias Var = AbstractState.Var

  /// A state with r1 a stack pointer at absolute offset `offset` (frame 0 ends at 512).
  static func state(r1 offset: Int64, frames: Int = 1) -> AbstractState {
    var s = AbstractState.entry(counters: 1, dataSizeLimit: 65_535, hasMeta: false)
    s.depth = frames - 1
    s.stack.resize(frames: frames)
    s.set(1, .pointer(.stack, offset: Interval(constant: offset)))
    return s
  }

  @Test func aStoreStartsTheSegmentAndOneAtTheFrontierMovesIt() {
    var s = Self.state(r1: 480)
    s.numberStored(.r1, delta: 0, width: 4, offsets: Interval(constant: 480))
    #expect(s.segment?.base == 480 && s.segment?.frontier == Interval(constant: 484))
    // r1 += 4 keeps r1 at the frontier, relationally.
    s.zone.shift(Var.offset(1), by: 4)
    s.regs[1].offsets[.stack] = Interval(constant: 484)
    s.numberStored(.r1, delta: 0, width: 4, offsets: Interval(constant: 484))
    #expect(s.segment?.frontier == Interval(constant: 488))
    #expect(s.segmentCovers(.r10, delta: -32, width: 8, lb: 480, ub: 488))
    #expect(!s.segmentCovers(.r10, delta: -32, width: 9, lb: 480, ub: 489))
    // A store past the frontier leaves it: the bytes between were never written.
    s.numberStored(.r10, delta: -16, width: 8, offsets: Interval(constant: 496))
    #expect(s.segment?.frontier == Interval(constant: 488))
  }

  @Test func aPointerStoredInsideEndsTheSegmentButNotBesideIt() {
    var s = Self.state(r1: 480)
    s.numberStored(.r1, delta: 0, width: 8, offsets: Interval(constant: 480))
    s.pointerStored(offsets: Interval(constant: 488), width: 8)
    #expect(s.segment != nil)
    s.pointerStored(offsets: Interval(constant: 472), width: 8)
    #expect(s.segment != nil)
    s.pointerStored(offsets: Interval(constant: 484), width: 8)
    #expect(s.segment == nil)
    // What it surely covered stays known as numbers.
    #expect(s.stack.isNumeric(480..<484))
  }

  @Test func aReturnEndsASegmentReachingIntoTheCalleeFrame() {
    var s = Self.state(r1: 504, frames: 2)
    s.numberStored(.r1, delta: 0, width: 16, offsets: Interval(constant: 504))
    #expect(s.segment?.frontier == Interval(constant: 520))
    s.keepFrames(1)
    #expect(s.segment == nil && s.stack.size == 512)
    #expect(s.stack.isNumeric(504..<512))
  }

  @Test func noSegmentJoinsAsAnEmptyOneAtTheSameBase() {
    let entry = Self.state(r1: 480)
    var looped = entry
    looped.numberStored(.r1, delta: 0, width: 8, offsets: Interval(constant: 480))
    let joined = entry.join(looped)
    #expect(joined.segment?.base == 480 && joined.segment?.frontier == Interval(480, 488))
    // Without a segment a state is included in one whose frontier may still be at the base.
    #expect(entry.isIncluded(in: joined))
    #expect(looped.isIncluded(in: joined))
    // Different bases are dropped.
    var other = entry
    other.numberStored(.r10, delta: -8, width: 8, offsets: Interval(constant: 504))
    #expect(looped.join(other).segment == nil)
  }

  @Test func bytesWrittenOnOneSideAreKeptUnderAGuard() {
    var failed = Self.state(r1: 496)
    failed.set(0, .number(.constant(signed: -1)))
    var filled = Self.state(r1: 496)
    filled.stack.store(.number(.constant(7)), at: 496, width: 8)
    filled.set(0, .number(.constant(0)))
    let joined = failed.joinGuarding(filled)
    #expect(joined.stack.guarded == StackState.Guarded(bytes: 496..<504, unless: Interval(constant: -1)))
    #expect(!joined.guardCovers(496..<504))
    // The caller's test r0 == 0 leaves only the writing side.
    var checked = joined
    checked.zone.restrict(Var.value(0), to: Interval(constant: 0))
    checked.synchronize()
    #expect(checked.guardCovers(496..<504) && !checked.guardCovers(492..<500))
    // A pointer stored over the guarded bytes ends the guard.
    checked.pointerStored(offsets: Interval(constant: 496), width: 8)
    #expect(checked.stack.guarded == nil)
    // No register tells the sides apart: a plain join.
    var undecided = filled
    undecided.set(0, .number(.signed(-1, 0)))
    #expect(failed.joinGuarding(undecided).stack.guarded == nil)
  }
}
