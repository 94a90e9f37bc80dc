/// Everything known about one register or spilled stack slot, non-relationally: which types it
/// may have and, per type, the number's ranges or the pointer's offset range. Relations between
/// registers live in the state's `Zone`; the state keeps both views in agreement.
struct RegisterValue: Hashable, Sendable {
  /// The possible types; `[.uninit]` for a register never written.
  var types: TypeSet
  /// The value when it is a number.
  var scalar: Scalar
  /// The offset for each pointer kind in `types` (relative to the start of the object; for
  /// packets, to the start of the data).
  var offsets: KindOffsets
  /// The size of the object a shared pointer points into.
  var sharedSize: Interval
  /// True when a shared pointer may point into memory programs must not write (read-only maps).
  var sharedReadOnly: Bool
  /// True when a shared pointer or map reference may be null (a lookup result not yet checked).
  var nullable: Bool
  /// Registers holding the same unchecked lookup result share an id, so one null check covers all.
  var nullID: UInt32
  /// The maps a map reference may be (bit i for map index i; bit 63 for every index from 63).
  var maps: UInt64

  /// A register never written.
  static let uninit = RegisterValue(types: .uninit)

  init(types: TypeSet) {
    self.types = types
    scalar = .top
    offsets = KindOffsets()
    sharedSize = Interval(constant: 0)
    sharedReadOnly = false
    nullable = false
    nullID = 0
    maps = 0
  }

  /// A number described by `scalar`.
  static func number(_ scalar: Scalar) -> RegisterValue {
    var v = RegisterValue(types: .number)
    v.scalar = scalar
    return v
  }

  /// A pointer of `kind` at `offset`.
  static func pointer(_ kind: PointerKind, offset: Interval) -> RegisterValue {
    var v = RegisterValue(types: kind.type)
    v.offsets[kind] = offset
    return v
  }

  /// True when initialised on every path.
  var isInitialized: Bool { !types.contains(.uninit) }

  /// The join: every value either side may hold.
  func join(_ o: RegisterValue) -> RegisterValue {
    var r = RegisterValue(types: types.union(o.types))
    r.scalar = pick(.number, o, scalar, o.scalar) { $0.join($1) }
    for k in PointerKind.allCases {
      r.offsets[k] = pick(k.type, o, offsets[k], o.offsets[k]) { $0.hull($1) }
    }
    r.sharedSize = pick(.shared, o, sharedSize, o.sharedSize) { $0.hull($1) }
    r.sharedReadOnly = (types.contains(.shared) && sharedReadOnly) || (o.types.contains(.shared) && o.sharedReadOnly)
    r.nullable = nullable || o.nullable
    r.nullID = nullID == o.nullID ? nullID : 0
    r.maps = maps | o.maps
    return r
  }

  /// Takes the side that has the type, or combines both when both do.
  private func pick<T>(_ t: TypeSet, _ o: RegisterValue, _ a: T, _ b: T, _ both: (T, T) -> T) -> T {
    let inA = types.contains(t)
    let inB = o.types.contains(t)
    if inA && inB { return both(a, b) }
    return inA || !inB ? a : b
  }

  /// True when every value `self` describes is described by `o`.
  func isIncluded(in o: RegisterValue) -> Bool {
    guard o.types.isSuperset(of: types) else { return false }
    if types.contains(.number) && !scalar.isIncluded(in: o.scalar) { return false }
    for k in types.pointerKinds {
      let a = offsets[k]
      let b = o.offsets[k]
      if a.lo < b.lo || a.hi > b.hi { return false }
    }
    if types.contains(.shared) {
      if sharedSize.lo < o.sharedSize.lo || sharedSize.hi > o.sharedSize.hi { return false }
      if sharedReadOnly && !o.sharedReadOnly { return false }
    }
    if nullable && !o.nullable { return false }
    if o.nullID != 0 && nullID != o.nullID { return false }
    return maps & ~o.maps == 0
  }

  /// The widening of `self` by `next` (intervals that grew jump to a threshold or to the limit).
  func widen(_ next: RegisterValue, thresholds: [Int64]) -> RegisterValue {
    var r = next
    if types.contains(.number) && next.types.contains(.number) {
      r.scalar = Scalar(
        s: Self.widen(scalar.s, next.scalar.s, thresholds),
        umin: next.scalar.umin < scalar.umin ? 0 : scalar.umin,
        umax: next.scalar.umax > scalar.umax ? .max : scalar.umax,
        bits: scalar.bits == next.scalar.bits ? scalar.bits : scalar.bits.join(next.scalar.bits).lowBits,
        // Strides only shrink to divisors, so keeping the join's terminates.
        congruence: Congruence.join(scalar.congruenceForm, next.scalar.congruenceForm))
    }
    for k in PointerKind.allCases where types.contains(k.type) && next.types.contains(k.type) {
      r.offsets[k] = Self.widen(offsets[k], next.offsets[k], thresholds)
    }
    return r
  }

  static func widen(_ a: Interval, _ b: Interval, _ thresholds: [Int64]) -> Interval {
    var r = a
    if b.hi > a.hi {
      let t = Zone.threshold(above: b.hi, in: thresholds)
      r.hi = t == Bound.infinite ? .max : t
    }
    if b.lo < a.lo {
      let t = Zone.threshold(above: b.lo == .min ? Bound.infinite : -b.lo, in: thresholds)
      r.lo = t == Bound.infinite ? .min : -t
    }
    return r
  }
}

/// One offset range per pointer kind.
struct KindOffsets: Hashable, Sendable {
  var ctx = Interval(constant: 0)
  var stack = Interval(constant: 0)
  var packet = Interval(constant: 0)
  var shared = Interval(constant: 0)

  subscript(kind: PointerKind) -> Interval {
    get {
      switch kind {
      case .ctx: ctx
      case .stack: stack
      case .packet: packet
      case .shared: shared
      }
    }
    set {
      switch kind {
      case .ctx: ctx = newValue
      case .stack: stack = newValue
      case .packet: packet = newValue
      case .shared: shared = newValue
      }
    }
  }
}
