/// The kinds of value a register (or a spilled stack slot) may hold: a set, because paths join.
struct TypeSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
  let rawValue: UInt8

  /// Never written (on some path).
  static let uninit = TypeSet(rawValue: 1 << 0)
  /// A number.
  static let number = TypeSet(rawValue: 1 << 1)
  /// A pointer into the program's context.
  static let ctx = TypeSet(rawValue: 1 << 2)
  /// A pointer into the stack.
  static let stack = TypeSet(rawValue: 1 << 3)
  /// A pointer into the data region (packet, app id) or at its end or metadata.
  static let packet = TypeSet(rawValue: 1 << 4)
  /// A pointer into a map value or other memory of a known size ("shared" in PREVAIL).
  static let shared = TypeSet(rawValue: 1 << 5)
  /// A map.
  static let mapFD = TypeSet(rawValue: 1 << 6)
  /// A program array map.
  static let mapPrograms = TypeSet(rawValue: 1 << 7)

  /// Pointers into memory.
  static let pointers: TypeSet = [.ctx, .stack, .packet, .shared]
  /// Map references.
  static let maps: TypeSet = [.mapFD, .mapPrograms]
  /// Anything but uninitialised.
  static let initialized: TypeSet = [.number, .pointers, .maps]

  /// The pointer kinds in the set.
  var pointerKinds: [PointerKind] { PointerKind.allCases.filter { contains($0.type) } }

  /// The single pointer kind, when there is exactly one.
  var singlePointerKind: PointerKind? {
    let p = intersection(.pointers)
    for k in PointerKind.allCases where p == k.type { return k }
    return nil
  }

  /// PREVAIL's notation: `number`, or `{number, ctx}` for several.
  var description: String {
    let names = TypeSet.names.filter { contains($0.0) }.map(\.1)
    return names.count == 1 ? names[0] : "{" + names.joined(separator: ", ") + "}"
  }

  static let names: [(TypeSet, String)] = [
    (.uninit, "uninit"), (.number, "number"), (.ctx, "ctx"), (.stack, "stack"), (.packet, "packet"),
    (.shared, "shared"), (.mapFD, "map_fd"), (.mapPrograms, "map_fd_programs"),
  ]
}

/// The memory a pointer may point into.
enum PointerKind: Int, CaseIterable, Hashable, Sendable {
  case ctx, stack, packet, shared

  var type: TypeSet {
    switch self {
    case .ctx: .ctx
    case .stack: .stack
    case .packet: .packet
    case .shared: .shared
    }
  }

  /// The offset variable's name in PREVAIL's notation (`r1.ctx_offset`).
  var offsetName: String {
    switch self {
    case .ctx: "ctx_offset"
    case .stack: "stack_offset"
    case .packet: "packet_offset"
    case .shared: "shared_offset"
    }
  }
}
