/// The relational part of the abstract state: a difference-bound matrix (the zone domain). Entry
/// `(i, j)` bounds `v[i] - v[j]`; variable 0 is the constant zero, so `(x, 0)` is x's upper bound and
/// `(0, x)` minus its lower bound. `Bound.infinite` means no constraint.
///
/// Invariant: outside widening, the matrix is closed (every entry is the tightest bound implied by
/// the others), so bounds and entailment are single lookups and join is a pointwise maximum.
struct Zone: Hashable, Sendable {
  /// Number of variables (including zero).
  let count: Int
  /// Row-major bounds.
  private(set) var m: [Int64]
  /// True when the constraints contradict each other.
  private(set) var isBottom = false

  /// No constraints on `count` variables.
  init(count: Int) {
    self.count = count
    m = [Int64](repeating: Bound.infinite, count: count * count)
    for i in 0..<count { m[i * count + i] = 0 }
  }

  @inline(__always) subscript(i: Int, j: Int) -> Int64 { m[i * count + j] }

  // MARK: Queries

  /// The bounds of variable `x`.
  func interval(_ x: Int) -> Interval {
    let hi = self[x, 0]
    let negLo = self[0, x]
    return Interval(negLo == Bound.infinite ? .min : -negLo, hi)
  }

  /// The tightest `c` with `v[x] - v[y] <= c`, or nil when unbounded.
  func upperBound(_ x: Int, minus y: Int) -> Int64? {
    let b = self[x, y]
    return b == Bound.infinite ? nil : b
  }

  // MARK: Updates

  /// Removes every constraint on `x`.
  mutating func forget(_ x: Int) {
    let n = count
    m.withUnsafeMutableBufferPointer { p in
      for j in 0..<n where j != x {
        p[x * n + j] = Bound.infinite
        p[j * n + x] = Bound.infinite
      }
    }
  }

  /// `x := [lo, hi]`, unrelated to the others.
  mutating func assign(_ x: Int, _ range: Interval) {
    guard !isBottom else { return }
    let n = count
    let hi = range.hi == .max ? Bound.infinite : range.hi
    let negLo = range.lo == .min ? Bound.infinite : -range.lo
    m.withUnsafeMutableBufferPointer { p in
      for j in 0..<n where j != x {
        p[x * n + j] = Bound.add(hi, p[j])  // x - v_j <= hi + (0 - v_j)
        p[j * n + x] = Bound.add(p[j * n], negLo)  // v_j - x <= (v_j - 0) + (0 - x)
      }
      p[x * n] = hi
      p[x] = negLo
    }
  }

  /// `x := y + c` (exact; the caller guarantees no overflow for any value of y).
  mutating func assign(_ x: Int, _ y: Int, plus c: Int64) {
    guard !isBottom else { return }
    if x == y {
      shift(x, by: c)
      return
    }
    let n = count
    let negC = c == .min ? Bound.infinite : -c
    m.withUnsafeMutableBufferPointer { p in
      for j in 0..<n where j != x {
        p[x * n + j] = j == y ? c : Bound.add(p[y * n + j], c)
        p[j * n + x] = j == y ? negC : Bound.add(p[j * n + y], negC)
      }
    }
  }

  /// `x := x + c`.
  mutating func shift(_ x: Int, by c: Int64) {
    guard !isBottom, c != 0 else { return }
    shift(x, by: Interval(constant: c))
  }

  /// `x := x + [lo, hi]` (the amount is unrelated to everything else).
  mutating func shift(_ x: Int, by amount: Interval) {
    guard !isBottom else { return }
    let n = count
    let up = amount.hi == .max ? Bound.infinite : amount.hi
    let down = amount.lo == .min ? Bound.infinite : -amount.lo
    m.withUnsafeMutableBufferPointer { p in
      for j in 0..<n where j != x {
        p[x * n + j] = Bound.add(p[x * n + j], up)
        p[j * n + x] = Bound.add(p[j * n + x], down)
      }
    }
  }

  /// Relations beyond ±2^62 (between values near the ends of Int64) are not worth keeping: their
  /// sums would saturate, and saturated bounds make fixpoints crawl. Dropping a bound is sound.
  static let relationLimit: Int64 = 1 << 62

  /// Adds `v[x] - v[y] <= c` and restores closure; may make the zone bottom.
  mutating func add(_ x: Int, minus y: Int, atMost c: Int64) {
    guard !isBottom, x != y || c < 0 else { return }
    if x == y {
      isBottom = true
      return
    }
    let n = count
    guard c < self[x, y] else { return }
    if Bound.add(self[y, x], c) < 0 {
      isBottom = true
      return
    }
    m.withUnsafeMutableBufferPointer { p in
      // Every path i -> x -> y -> j may now be shorter.
      for i in 0..<n {
        let ix = p[i * n + x]
        if ix == Bound.infinite { continue }
        let via = Bound.add(ix, c)
        for j in 0..<n {
          let yj = p[y * n + j]
          if yj == Bound.infinite { continue }
          let candidate = Bound.add(via, yj)
          if candidate < p[i * n + j] && (candidate > -Zone.relationLimit || i == 0 || j == 0 || i == j) {
            p[i * n + j] = candidate
          }
        }
      }
    }
    for i in 0..<n where self[i, i] < 0 {
      isBottom = true
      return
    }
  }

  /// Adds `lo <= v[x] <= hi`.
  mutating func restrict(_ x: Int, to range: Interval) {
    if range.hi != .max { add(x, minus: 0, atMost: range.hi) }
    if range.lo != .min { add(0, minus: x, atMost: range.lo == .min ? Bound.infinite : -range.lo) }
    if range.isEmpty { isBottom = true }
  }

  /// Drops every relation between variables, keeping their bounds.
  mutating func keepBoundsOnly() {
    let n = count
    m.withUnsafeMutableBufferPointer { p in
      for i in 1..<n {
        for j in 1..<n where i != j { p[i * n + j] = Bound.infinite }
      }
    }
  }

  /// Makes the zone contradictory.
  mutating func setBottom() { isBottom = true }

  /// Recomputes every entry as the shortest path (after widening or bulk imports).
  mutating func close() {
    guard !isBottom else { return }
    let n = count
    m.withUnsafeMutableBufferPointer { p in
      for k in 0..<n {
        for i in 0..<n {
          let ik = p[i * n + k]
          if ik == Bound.infinite { continue }
          for j in 0..<n {
            let kj = p[k * n + j]
            if kj == Bound.infinite { continue }
            let s = Bound.add(ik, kj)
            if s < p[i * n + j] && (s > -Zone.relationLimit || i == 0 || j == 0 || i == j) { p[i * n + j] = s }
          }
        }
      }
    }
    for i in 0..<n where self[i, i] < 0 {
      isBottom = true
      return
    }
  }

  /// Copies into `self` the constraints of `other` among `variables` (tightening only).
  mutating func importConstraints(from other: Zone, among variables: [Int]) {
    guard !isBottom else { return }
    let n = count
    for i in variables {
      for j in variables where i != j {
        let b = other[i, j]
        if b < m[i * n + j] { m[i * n + j] = b }
      }
    }
    close()
  }

  // MARK: Lattice

  /// The least upper bound (both operands closed).
  func join(_ o: Zone) -> Zone {
    if isBottom { return o }
    if o.isBottom { return self }
    var r = self
    r.m.withUnsafeMutableBufferPointer { p in
      o.m.withUnsafeBufferPointer { q in
        for k in 0..<p.count where q[k] > p[k] { p[k] = q[k] }
      }
    }
    return r
  }

  /// The widening of `self` by `next`: unstable bounds jump to the next threshold or to infinity.
  /// `thresholds` (sorted) apply to every bound except those of variables from `thresholdLimit` on
  /// (loop counters, which get their bounds from the relations that do not move).
  func widen(_ next: Zone, thresholds: [Int64], thresholdLimit: Int = .max) -> Zone {
    if isBottom { return next }
    if next.isBottom { return self }
    var r = self
    let n = count
    r.m.withUnsafeMutableBufferPointer { p in
      next.m.withUnsafeBufferPointer { q in
        for i in 0..<n {
          for j in 0..<n where q[i * n + j] > p[i * n + j] {
            // A counter's relations that move drift by a trip's worth every iteration (those that
            // bound the loop hold still): crawling through the thresholds would only cost
            // iterations, so they go to infinity at once.
            let relational = i != 0 && j != 0
            if !thresholds.isEmpty && i < thresholdLimit && j < thresholdLimit
              && !(relational && q[i * n + j] <= -Zone.relationLimit)
            {
              p[i * n + j] = Zone.threshold(above: q[i * n + j], in: thresholds)
            } else {
              p[i * n + j] = Bound.infinite
            }
          }
        }
      }
    }
    return r
  }

  /// The smallest threshold at or above `v`, or infinity.
  static func threshold(above v: Int64, in sorted: [Int64]) -> Int64 {
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < sorted.count ? sorted[lo] : Bound.infinite
  }

  /// True when every state of `self` is a state of `o`, considering only the variables `relevant`
  /// says matter in `self` (the others may take any value there, so `o` may constrain them freely).
  /// `o` is closed first, so constraints it implies through dropped variables are kept.
  func isIncluded(in o: Zone, relevant: [Bool]) -> Bool {
    if isBottom { return true }
    if o.isBottom { return false }
    var closedOther = o
    closedOther.close()
    if closedOther.isBottom { return false }
    let n = count
    return m.withUnsafeBufferPointer { p in
      closedOther.m.withUnsafeBufferPointer { q in
        for i in 0..<n where relevant[i] {
          for j in 0..<n where relevant[j] && p[i * n + j] > q[i * n + j] { return false }
        }
        return true
      }
    }
  }

  /// True when every state of `self` is a state of `o` (`self` closed).
  func isIncluded(in o: Zone) -> Bool {
    if isBottom { return true }
    if o.isBottom { return false }
    return m.withUnsafeBufferPointer { p in
      o.m.withUnsafeBufferPointer { q in
        for k in 0..<p.count where p[k] > q[k] { return false }
        return true
      }
    }
  }
}
