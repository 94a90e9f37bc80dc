/// Helper functions by id.
///
/// Ids below ``directCount`` (every global helper eBPF for Windows and Linux define) live in an
/// array, so the interpreter's helper call is an index, not a hash lookup; others (program-type
/// helpers from 65536) in a dictionary. Each function sits in a ``HelperBox``: a closure kept in a
/// class's stored property is called directly, where one kept in an Optional or a generic container
/// goes through a reabstraction thunk on every call.
public struct HelperFunctionTable {
  /// Ids stored directly.
  static let directCount = 256
  var direct: [HelperBox?] = []
  var functions: [Int32: HelperBox] = [:]

  /// An empty table.
  public init() {}

  /// The function registered for `id`.
  public subscript(id: Int32) -> HelperFunction? {
    get { box(id)?.function }
    set {
      let box = newValue.map(HelperBox.init)
      if id >= 0, Int(id) < Self.directCount {
        if Int(id) >= direct.count { direct.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - direct.count)) }
        direct[Int(id)] = box
      } else {
        functions[id] = box
      }
    }
  }

  /// Registers a function (taking it directly keeps the closure at its own calling convention).
  public mutating func register(_ id: Int32, _ function: @escaping HelperFunction) {
    let box = HelperBox(function)
    if id >= 0, Int(id) < Self.directCount {
      if Int(id) >= direct.count { direct.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - direct.count)) }
      direct[Int(id)] = box
    } else {
      functions[id] = box
    }
  }

  /// The box of `id`'s function (what the engines call through).
  @inline(__always)
  func box(_ id: Int32) -> HelperBox? {
    if id >= 0, Int(id) < direct.count { return direct[Int(id)] }
    return id >= 0 && Int(id) < Self.directCount ? nil : functions[id]
  }

  /// Registered ids, sorted.
  public var ids: [Int32] {
    (direct.indices.filter { direct[$0] != nil }.map { Int32($0) } + functions.keys).sorted()
  }
}

/// One helper function, held where calling it needs no reabstraction.
final class HelperBox {
  let function: HelperFunction

  init(_ function: @escaping HelperFunction) {
    self.function = function
  }
}

/// A helper table flattened for the interpreter: boxes of ids below ``HelperFunctionTable/directCount``
/// in a buffer indexed by id, the rest in a dictionary. Holding the boxes once here lets a helper
/// call look its function up without retaining the table's arrays.
final class HelperBoxes {
  /// Ids with a slot in ``slots``.
  let count: Int
  /// The boxes of ids below ``count``, unretained (``owned`` keeps them).
  let slots: UnsafeMutablePointer<Unmanaged<HelperBox>?>
  private let others: [Int32: HelperBox]
  /// Keeps the boxes the buffer refers to alive.
  private let owned: [HelperBox]

  init(_ table: HelperFunctionTable) {
    count = table.direct.count
    slots = .allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil, count: max(count, 1))
    for (i, box) in table.direct.enumerated() { slots[i] = box.map { Unmanaged.passUnretained($0) } }
    others = table.functions
    owned = table.direct.compactMap { $0 }
  }

  deinit { slots.deallocate() }

  /// The box for `id`, unretained.
  @inline(__always)
  func box(_ id: Int32) -> Unmanaged<HelperBox>? {
    if id >= 0, Int(id) < count { return slots[Int(id)] }
    if id >= 0 && Int(id) < HelperFunctionTable.directCount { return nil }
    return others[id].map { Unmanaged.passUnretained($0) }
  }
}
