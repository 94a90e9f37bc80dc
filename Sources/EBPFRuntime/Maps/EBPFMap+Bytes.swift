/// The map as people and tests use it: keys and values as byte arrays, sizes checked, failures
/// thrown. Values of per-CPU maps are all CPUs' values, each padded to ``EBPFMap/valueStride``
/// bytes (libbpf's layout); reading never changes an LRU map's recency.
extension EBPFMap {
  /// The byte count a whole value has here: ``valueSize``, or ``slotStride`` for per-CPU maps.
  public var wholeValueSize: Int { cpuCount == 1 ? valueSize : slotStride }

  /// The value stored under `key`; throws ``EBPFResult/invalidArgument`` for a key of the wrong size
  /// and ``EBPFResult/objectNotFound`` when the key is absent. Queue and stack: the next value out.
  public func lookup(_ key: [UInt8]) throws(EBPFResult) -> [UInt8] {
    guard key.count == keySize else { throw .invalidArgument }
    let found = key.withUnsafeBytes { findEntry($0.baseAddress ?? UnsafeRawPointer(values.pointer(0)), touch: false) }
    guard let offset = found else { throw .objectNotFound }
    return values.bytes(at: offset, count: wholeValueSize)
  }

  /// Stores `value` under `key` with `flags`. Per-CPU maps take all CPUs' values. For prog_array and
  /// map-in-map maps the value is a 32-bit object id, checked by ``objectValidator`` (0 clears).
  public func update(_ key: [UInt8], _ value: [UInt8], flags: MapUpdateFlags = .any) throws(EBPFResult) {
    guard key.count == keySize, value.count == wholeValueSize else { throw .invalidArgument }
    if type.holdsObjectIDs, let objectValidator {
      let id = UInt32(value[0]) | UInt32(value[1]) << 8 | UInt32(value[2]) << 16 | UInt32(value[3]) << 24
      if id != 0 {
        let verdict = objectValidator(id)
        guard verdict == .success else { throw verdict }
      }
    }
    let result = key.withUnsafeBytes { k in
      value.withUnsafeBytes { v in
        updateEntry(
          k.baseAddress ?? UnsafeRawPointer(values.pointer(0)), v.baseAddress.unsafelyUnwrapped, flags: flags, cpu: nil)
      }
    }
    guard result == .success else { throw result }
  }

  /// Removes `key`; for arrays, zeroes the element.
  public func delete(_ key: [UInt8]) throws(EBPFResult) {
    guard key.count == keySize else { throw .invalidArgument }
    let result = key.withUnsafeBytes { deleteEntry($0.baseAddress ?? UnsafeRawPointer(values.pointer(0))) }
    guard result == .success else { throw result }
  }

  /// The key after `previous` (the first key when nil), or nil at the end.
  public func nextKey(after previous: [UInt8]?) throws(EBPFResult) -> [UInt8]? {
    if let previous, previous.count != keySize { throw .invalidArgument }
    guard keySize > 0 else { throw .operationNotSupported }
    var next = [UInt8](repeating: 0, count: keySize)
    let result = next.withUnsafeMutableBytes { out in
      if let previous {
        return previous.withUnsafeBytes { nextKeyEntry(after: $0.baseAddress, into: out.baseAddress.unsafelyUnwrapped) }
      }
      return nextKeyEntry(after: nil, into: out.baseAddress.unsafelyUnwrapped)
    }
    switch result {
    case .success: return next
    case .noMoreKeys: return nil
    default: throw result
    }
  }

  /// Every key in iteration order (`get_next_key` from the start until the end).
  public func keys() throws(EBPFResult) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var key = try nextKey(after: nil)
    while let current = key, result.count <= maxEntries {
      result.append(current)
      key = try nextKey(after: current)
    }
    return result
  }

  /// Every entry in iteration order.
  public func entries() throws(EBPFResult) -> [(key: [UInt8], value: [UInt8])] {
    var result: [(key: [UInt8], value: [UInt8])] = []
    for key in try keys() { result.append((key, try lookup(key))) }
    return result
  }

  /// Pushes a value onto a queue or stack.
  public func push(_ value: [UInt8], flags: MapUpdateFlags = .any) throws(EBPFResult) {
    guard value.count == valueSize else { throw .invalidArgument }
    let result = value.withUnsafeBytes { push(value: $0.baseAddress.unsafelyUnwrapped, flags: flags.rawValue) }
    guard result == .success else { throw result }
  }

  /// Pops the next value from a queue or stack.
  public func pop() throws(EBPFResult) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: max(valueSize, 1))
    let result = out.withUnsafeMutableBytes { pop(into: $0.baseAddress.unsafelyUnwrapped) }
    guard result == .success else { throw result }
    return Array(out.prefix(valueSize))
  }

  /// The next value a queue or stack would pop.
  public func peek() throws(EBPFResult) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: max(valueSize, 1))
    let result = out.withUnsafeMutableBytes { peek(into: $0.baseAddress.unsafelyUnwrapped) }
    guard result == .success else { throw result }
    return Array(out.prefix(valueSize))
  }

  /// A queue's or stack's values in the order pops would return them (empty for other types).
  public var queuedValues: [[UInt8]] { (self as? QueueStackMap)?.elementsInPopOrder ?? [] }

  /// An LRU map's keys from least to most recently used (nil for other types).
  public var recencyOrder: [[UInt8]]? { (self as? HashTableMap)?.keysByRecency ?? nil }
}
