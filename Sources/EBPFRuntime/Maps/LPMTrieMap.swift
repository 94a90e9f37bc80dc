/// lpm_trie: longest-prefix match. A key is a 32-bit prefix length (host order) followed by the
/// address bytes (network order); the map holds at most `(keySize - 4) * 8` prefix bits.
///
/// As in eBPF for Windows, entries are kept in a hash table keyed by the length and the prefix bits
/// only (bits past the length are ignored, so they are cleared when stored), and a lookup tries the
/// prefix lengths present in the map from the key's own length downward: the first hit is the
/// longest matching prefix. A length above the maximum is ``EBPFResult/invalidArgument``.
final class LPMTrieMap: HashTableMap {
  /// The largest prefix length a key may carry.
  let maximumPrefix: Int
  /// How many entries have each prefix length.
  private var lengthCounts: [Int]
  /// A key being normalised or probed.
  private let candidate: UnsafeMutableRawPointer

  override init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    guard definition.keySize > 4, definition.keySize <= 4 + 256 else { throw .invalidArgument }
    maximumPrefix = (Int(definition.keySize) - 4) * 8
    lengthCounts = [Int](repeating: 0, count: maximumPrefix + 1)
    candidate = .allocate(byteCount: Int(definition.keySize), alignment: 8)
    candidate.initializeMemory(as: UInt8.self, repeating: 0, count: Int(definition.keySize))
    try super.init(definition: definition, cpuCount: cpuCount)
  }

  deinit { candidate.deallocate() }

  /// The prefix length field of a key.
  @inline(__always)
  private func prefixLength(_ key: UnsafeRawPointer) -> Int {
    Int(UInt32(littleEndian: key.loadUnaligned(as: UInt32.self)))
  }

  /// Copies `key` into ``candidate`` with length `length` and the bits past it cleared.
  private func normalize(_ key: UnsafeRawPointer, length: Int) {
    candidate.copyMemory(from: key, byteCount: keySize)
    shorten(to: length, from: maximumPrefix)
  }

  /// Sets ``candidate``'s length to `length` and clears its data bits from `length` up to `from`
  /// (bits past `from` are already clear).
  @inline(__always)
  private func shorten(to length: Int, from: Int) {
    candidate.storeBytes(of: UInt32(length).littleEndian, as: UInt32.self)
    let data = candidate + 4
    var i = length / 8
    if length % 8 != 0 {
      let kept = data.load(fromByteOffset: i, as: UInt8.self) & UInt8(truncatingIfNeeded: 0xFF << (8 - length % 8))
      data.storeBytes(of: kept, toByteOffset: i, as: UInt8.self)
      i += 1
    }
    let end = min((from + 7) / 8, keySize - 4)
    while i < end {
      data.storeBytes(of: 0, toByteOffset: i, as: UInt8.self)
      i += 1
    }
  }

  override func findEntry(_ key: UnsafeRawPointer, touch: Bool) -> Int? {
    let requested = prefixLength(key)
    guard requested <= maximumPrefix else { return nil }
    // Lengths are tried longest first, so each probe only clears more bits of the same copy.
    candidate.copyMemory(from: key, byteCount: keySize)
    var cleared = maximumPrefix
    var length = requested
    while length >= 0 {
      if lengthCounts[length] > 0 {
        shorten(to: length, from: cleared)
        cleared = length
        if let slot = index.find(candidate) { return slot * slotStride }
      }
      length -= 1
    }
    return nil
  }

  override func updateEntry(_ key: UnsafeRawPointer, _ value: UnsafeRawPointer, flags: MapUpdateFlags, cpu: Int?)
    -> EBPFResult
  {
    let length = prefixLength(key)
    guard length <= maximumPrefix else { return .invalidArgument }
    normalize(key, length: length)
    let before = count
    let result = super.updateEntry(candidate, value, flags: flags, cpu: cpu)
    if result == .success && count > before { lengthCounts[length] += 1 }
    return result
  }

  override func deleteEntry(_ key: UnsafeRawPointer) -> EBPFResult {
    let length = prefixLength(key)
    guard length <= maximumPrefix else { return .invalidArgument }
    normalize(key, length: length)
    let result = super.deleteEntry(candidate)
    if result == .success { lengthCounts[length] -= 1 }
    return result
  }

  /// eBPF for Windows refuses lookup-and-delete on an LPM trie.
  override func lookupAndDeleteEntry(_ key: UnsafeRawPointer, cpu: Int) -> Int? { nil }

  override func nextKeyEntry(after previous: UnsafeRawPointer?, into next: UnsafeMutableRawPointer) -> EBPFResult {
    guard let previous else { return super.nextKeyEntry(after: nil, into: next) }
    let length = prefixLength(previous)
    guard length <= maximumPrefix else { return .invalidArgument }
    normalize(previous, length: length)
    return super.nextKeyEntry(after: candidate, into: next)
  }
}
