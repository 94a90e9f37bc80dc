import Testing

@testable import BPF

/// The abstract number domain against the VM's concrete semantics: for random operands drawn from
/// random abstract values, the concrete result always lies in the abstract result.
@Suite struct ScalarTests {
  /// A random abstract value and a member of it.
  static func sample(_ g: inout SplitMix64) -> (Scalar, [UInt64]) {
    let interesting: [UInt64] = [
      0, 1, 2, 7, 8, 31, 32, 63, 64, 255, 256, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000,
      UInt64(bitPattern: -1), UInt64(bitPattern: -8), UInt64(bitPattern: Int64.min), UInt64(Int64.max),
    ]
    var members: [UInt64] = []
    for _ in 0..<(1 + g.below(3)) {
      members.append(g.chance(50) ? g.pick(interesting) : (g.chance(50) ? g.next() % 1000 : g.next()))
    }
    if g.chance(30) {
      // An arithmetic progression (a strided loop index), so joins find a congruence.
      let stride = UInt64(g.pick([3, 5, 12, 24, 40]))
      members = (0..<UInt64(2 + g.below(3))).map { members[0] &+ $0 &* stride }
    }
    var s = Scalar.constant(members[0])
    for m in members.dropFirst() { s = s.join(.constant(m)) }
    if g.chance(20) { s = .top }
    return (s, members)
  }

  static func contains(_ s: Scalar, _ v: UInt64) -> Bool {
    s.s.contains(Int64(bitPattern: v)) && s.umin <= v && v <= s.umax && s.bits.contains(v)
      && s.congruence.contains(Int64(bitPattern: v))
  }

  @Test func arithmeticIsSound() {
    var g = SplitMix64(seed: 2024)
    let ops = ALUOperation.allCases.filter { $0 != .mov }
    for _ in 0..<20_000 {
      let (a, av) = Self.sample(&g)
      let (b, bv) = Self.sample(&g)
      let op = g.pick(ops)
      let size: OperandSize = g.chance(50) ? .bits64 : .bits32
      if op == .movsx32 && size == .bits32 { continue }
      let r = size == .bits64 ? Scalar.op64(a, b, op) : Scalar.op32(a, b, op)
      for x in av {
        for y in bv {
          let c = Semantics.alu(op, size, x, y)
          #expect(Self.contains(r, c), "\(op) \(size) \(x) \(y) = \(c) not in \(r)")
        }
      }
    }
  }

  @Test func knownBitsAreSound() {
    var g = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
      let (a, av) = Self.sample(&g)
      let (b, bv) = Self.sample(&g)
      for x in av {
        for y in bv {
          #expect((a.bits + b.bits).contains(x &+ y))
          #expect((a.bits - b.bits).contains(x &- y))
          #expect((a.bits & b.bits).contains(x & y))
          #expect((a.bits | b.bits).contains(x | y))
          #expect((a.bits ^ b.bits).contains(x ^ y))
        }
      }
    }
  }

  @Test func normalizationTightensEachViewFromTheOthers() throws {
    let masked = try #require(Scalar(s: .full, umin: 0, umax: .max, bits: KnownBits(value: 0, mask: 0xff)).normalized())
    #expect(masked.umax == 255 && masked.s == Interval(0, 255))
    let negative = try #require(Scalar(s: Interval(-4, -1), umin: 0, umax: .max, bits: .unknown).normalized())
    #expect(negative.umin == UInt64(bitPattern: -4) && negative.umax == UInt64(bitPattern: -1))
    #expect(Scalar(s: Interval(5, 9), umin: 10, umax: 20, bits: .unknown).normalized() == nil)
  }

  @Test func boundsRoundToTheKnownLowBits() throws {
    // A multiple of 4 below 400 is at most 396; at least 4 when above 1.
    let stride4 = KnownBits(value: 0, mask: ~UInt64(3))
    let r = try #require(Scalar(s: Interval(1, 399), umin: 0, umax: .max, bits: stride4).normalized())
    #expect(r.s == Interval(4, 396) && r.umin == 4 && r.umax == 396)
    // Negative values keep their low bits in two's complement: -7 ... -1 holds only -4.
    let odd = try #require(Scalar(s: Interval(-7, -1), umin: 0, umax: .max, bits: stride4).normalized())
    #expect(odd.constant == UInt64(bitPattern: -4))
    // No multiple of 8 between 1 and 7.
    #expect(Scalar(s: Interval(1, 7), umin: 0, umax: .max, bits: KnownBits(value: 0, mask: ~UInt64(7))).normalized() == nil)
    // Odd values: bit 0 known one.
    let ones = try #require(Scalar(s: Interval(2, 10), umin: 0, umax: .max, bits: KnownBits(value: 1, mask: ~UInt64(1))).normalized())
    #expect(ones.s == Interval(3, 9))
    // Unbounded ends stay unbounded.
    let open = try #require(Scalar(s: .full, umin: 0, umax: .max, bits: stride4).normalized())
    #expect(open.s == .full && open.umax == .max - 3)
  }

  @Test func roundingKeepsEveryMember() throws {
    var g = SplitMix64(seed: 11)
    for _ in 0..<20_000 {
      let step = UInt64(1) << (g.next() % 5)
      let low = g.next() % step
      let lo = Int64(bitPattern: g.next() % 512) - 256
      let hi = lo + Int64(g.next() % 64)
      let bits = KnownBits(value: low, mask: ~(step - 1))
      let members = (lo...hi).filter { UInt64(bitPattern: $0) & (step - 1) == low }
      let r = Scalar(s: Interval(lo, hi), umin: 0, umax: .max, bits: bits).normalized()
      if members.isEmpty {
        #expect(r == nil)
        continue
      }
      let n = try #require(r)
      #expect(n.s == Interval(members.min()!, members.max()!))
    }
  }

  @Test func congruencesFollowStridedIndexes() throws {
    // 0, 12, 24 joined: multiples of 12; +12 keeps it; a bound of 59 rounds to 48.
    let index = Scalar.constant(0).join(.constant(12)).join(.constant(24))
    #expect(index.congruence == Congruence(stride: 12, phase: 0))
    let next = Scalar.add(index, .constant(12))
    #expect(next.congruence == Congruence(stride: 12, phase: 0) && next.s == Interval(12, 36))
    let bounded = Scalar(s: Interval(0, 59), umin: 0, umax: 59, bits: .unknown, congruence: index.congruence)
    #expect(try #require(bounded.normalized()).s == Interval(0, 48))
    // Counting down by 3 from 30: `!= 0` leaves 1 ... 30, that is 3 ... 30.
    let down = Scalar.constant(30).join(.constant(27)).congruence
    let refined = Scalar(s: Interval(1, 30), umin: 1, umax: 30, bits: .unknown, congruence: down)
    #expect(try #require(refined.normalized()).s == Interval(3, 30))
    #expect(Scalar(s: Interval(1, 2), umin: 1, umax: 2, bits: .unknown, congruence: down).normalized() == nil)
    // Products by constants scale the stride; an index times 12 is a multiple of 12.
    #expect(Scalar.mul(.unsigned(0, 4), .constant(12)).congruence == Congruence(stride: 12, phase: 0))
    #expect(Scalar.lsh(.unsigned(0, 4), .constant(2)).congruence == Congruence(stride: 4, phase: 0))
    // A sum that may wrap keeps no congruence.
    let huge = Scalar.constant(UInt64(Int64.max) - 24).join(.constant(UInt64(Int64.max) - 12))
    #expect(!Scalar.add(huge, .constant(24)).congruence.isKnown)
    // Joins take the gcd of strides and distance.
    #expect(Congruence.join((12, 0), (8, 4)) == Congruence(stride: 4, phase: 0))
    #expect(Congruence.join((0, 7), (0, 10)) == Congruence(stride: 3, phase: 1))
    #expect(Congruence(stride: 12, phase: 4).isIncluded(in: Congruence(stride: 4, phase: 0)))
    #expect(!Congruence(stride: 4, phase: 0).isIncluded(in: Congruence(stride: 12, phase: 0)))
    #expect(Congruence(stride: 5, phase: 3).roundUp(-7) == -7 && Congruence(stride: 5, phase: 3).roundDown(-8) == -12)
  }

  @Test func wideningKeepsAStride() {
    let joined = KnownBits.constant(0).join(.constant(8)).join(.constant(16))
    #expect(joined.lowBits.mask == ~UInt64(7) && joined.lowBits.value == 0)
    #expect(KnownBits.constant(5).lowBits == .constant(5))
  }

  @Test func wrappingAndDivisionAreDefined() {
    #expect(Scalar.add(.constant(UInt64.max), .constant(1)).constant == 0)
    #expect(Scalar.udiv(.unsigned(10, 20), .constant(0)).constant == 0)
    #expect(Scalar.umod(.constant(7), .constant(0)).constant == 7)
    let mixed = Scalar.udiv(.unsigned(10, 20), .unsigned(0, 2))
    #expect(mixed.umin == 0 && mixed.umax == 20)
    #expect(Scalar.op32(.constant(0xffff_ffff), .constant(1), .add).constant == 0)
    #expect(Scalar.and(.top, .constant(0xf0)).umax == 0xf0)
    #expect(Scalar.constant(200).signExtended(fromBytes: 1).s == Interval(-128, 127))
    #expect(Scalar.constant(0x1_0000_0005).low32.constant == 5)
  }
}

@Suite struct ZoneTests {
  @Test func closurePropagatesDifferences() {
    var z = Zone(count: 4)
    z.assign(1, Interval(0, 100))
    z.add(2, minus: 1, atMost: 5)  // v2 <= v1 + 5
    z.add(3, minus: 2, atMost: -1)  // v3 < v2
    #expect(z.interval(2).hi == 105)
    #expect(z.upperBound(3, minus: 1) == 4)
    #expect(z.interval(3).hi == 104)
    z.add(1, minus: 3, atMost: -10)  // v1 <= v3 - 10: contradicts v3 <= v1 + 4
    #expect(z.isBottom)
  }

  @Test func assignmentsKeepOrForgetRelations() {
    var z = Zone(count: 3)
    z.assign(1, Interval(10, 20))
    z.assign(2, 1, plus: 3)
    #expect(z.interval(2) == Interval(13, 23))
    #expect(z.upperBound(2, minus: 1) == 3 && z.upperBound(1, minus: 2) == -3)
    z.shift(1, by: Interval(0, 4))
    #expect(z.upperBound(1, minus: 2) == 1)
    z.forget(2)
    #expect(z.upperBound(1, minus: 2) == nil)
  }

  @Test func joinWidenAndInclusion() {
    var a = Zone(count: 2)
    a.assign(1, Interval(0, 3))
    var b = Zone(count: 2)
    b.assign(1, Interval(2, 9))
    let j = a.join(b)
    #expect(j.interval(1) == Interval(0, 9))
    #expect(a.isIncluded(in: j) && b.isIncluded(in: j) && !j.isIncluded(in: a))
    let w = a.widen(j, thresholds: [0, 15, 100])
    #expect(w.interval(1) == Interval(0, 15))
    #expect(a.widen(j, thresholds: []).interval(1) == Interval(0, .max))
  }
}

@Suite struct StackStateTests {
  @Test func spillsFillsAndPartialOverwrites() {
    var s = StackState(frames: 1)
    s.store(.pointer(.ctx, offset: Interval(constant: 0)), at: 496, width: 8)
    #expect(s.cell(at: 496, width: 8)?.value.types == .ctx)
    #expect(s.isInitialized(496..<504) && !s.isNumeric(496..<504))
    s.store(.number(.constant(7)), at: 500, width: 4)
    #expect(s.cell(at: 496, width: 8) == nil)
    #expect(!s.isInitialized(496..<500))  // the rest of a pointer is unreadable
    #expect(s.isNumeric(500..<504))
  }

  @Test func joinKeepsWhatBothSidesInitialised() {
    var a = StackState(frames: 1)
    var b = StackState(frames: 1)
    a.store(.number(.constant(1)), at: 504, width: 8)
    b.store(.number(.constant(2)), at: 504, width: 8)
    a.store(.number(.constant(3)), at: 496, width: 8)
    let j = a.join(b)
    #expect(j.isNumeric(504..<512))
    #expect(j.cell(at: 504, width: 8)?.value.scalar.s == Interval(1, 2))
    #expect(!j.isInitialized(496..<504))
    #expect(a.isIncluded(in: j) && b.isIncluded(in: j) && !j.isIncluded(in: a))
  }

  @Test func variableStoresInitialiseOnlyWhatIsCertain() {
    var s = StackState(frames: 1)
    s.storeNumbers(somewhereIn: 480..<500, certainly: 490..<496)
    #expect(s.isNumeric(490..<496))
    #expect(!s.isInitialized(480..<490))
  }
}

@Suite struct WeakTopologicalOrderTests {
  @Test func nestedLoopsBecomeNestedComponents() {
    // 0 -> 1 -> 2 -> 3 -> 2, 3 -> 4 -> 1, 4 -> 5
    let edges: [[Int]] = [[1], [2], [3], [2, 4], [1, 5], []]
    let wto = WeakTopologicalOrder(vertexCount: 6, entry: 0) { edges[$0] }
    #expect(wto.levels == 2)
    let outer = wto.components.first { $0.depth == 0 }
    let inner = wto.components.first { $0.depth == 1 }
    #expect(outer?.head == 1)
    #expect(inner?.head == 2)
    #expect(wto.isInside(3, 0) && wto.isInside(3, 1) && !wto.isInside(5, 0))
  }

  @Test func irreducibleCyclesStillHaveAHead() {
    // Two entries into the cycle 1 <-> 2.
    let edges: [[Int]] = [[1, 2], [2], [1, 3], []]
    let wto = WeakTopologicalOrder(vertexCount: 4, entry: 0) { edges[$0] }
    #expect(wto.components.count == 1)
    #expect([1, 2].contains(wto.components[0].head))
  }
}
