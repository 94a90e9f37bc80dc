#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// hash, percpu_hash, lru_hash, lru_percpu_hash and hash_of_maps.
///
/// Every entry lives in a slot: its key at `slot * keySize` in the key arena, its values at
/// `slot * slotStride` in the value arena; an extra slot at the end is the lookup-and-delete scratch.
/// Slots are taken lowest-first and a freed slot is the next one reused, so the order of
/// `get_next_key` (slot order) is the same on every run. A full map refuses a new key with
/// ``EBPFResult/outOfSpace`` — except an LRU map, which first evicts its least recently used entry.
/// Recency is exact: a program's lookup or update of a key makes it the most recently used; what
/// a person reads through the byte-array API does not count.
class HashTableMap: EBPFMap {
  let keys: MapStorage
  let index: HashIndex
  /// Which slots hold an entry.
  private let used: UnsafeMutablePointer<Bool>
  /// Free slots as a stack popped from the top: initially highest-first, so slot 0 is taken first.
  private let freeSlots: UnsafeMutablePointer<Int32>
  private var freeCount: Int
  private var lru: RecencyList?
  private var entryCount = 0

  init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    let type = definition.type
    guard definition.keySize > 0, definition.valueSize > 0 else { throw .invalidArgument }
    if type == .hashOfMaps && definition.valueSize != 4 { throw .invalidArgument }
    let slots = Int(definition.maxEntries)
    // Keys, the index (buckets, slot hashes) and the per-slot bookkeeping count against the limit too.
    let keyBytes = Int(definition.keySize) * slots  // both factors < 2^32: no overflow on 64-bit
    guard keyBytes <= EBPFPlatform.maximumMapStorage, slots <= EBPFPlatform.maximumMapStorage else { throw .noMemory }
    let bookkeeping = HashIndex.bucketCount(forSlots: slots) * 4 + slots * 21
    let layout = try ArenaLayout(
      definition: definition, cpuCount: cpuCount, valueSlots: slots + 1, extraBytes: keyBytes + bookkeeping)
    keys = MapStorage(count: keyBytes)
    index = HashIndex(slots: slots, keys: keys, keySize: Int(definition.keySize))
    used = .allocate(capacity: slots)
    used.initialize(repeating: false, count: slots)
    freeSlots = .allocate(capacity: slots)
    for i in 0..<slots { (freeSlots + i).initialize(to: Int32(slots - 1 - i)) }
    freeCount = slots
    lru = (type == .lruHash || type == .lruPercpuHash) ? RecencyList(slots: slots) : nil
    super.init(definition: definition, layout: layout)
  }

  deinit {
    used.deallocate()
    freeSlots.deallocate()
  }

  override var count: Int { entryCount }

  /// The offset of the scratch slot.
  var scratchOffset: Int { maxEntries * slotStride }

  @inline(__always)
  override func findEntry(_ key: UnsafeRawPointer, touch: Bool) -> Int? {
    guard let slot = index.find(key) else { return nil }
    if touch, let lru { lru.touch(slot) }
    return slot * slotStride
  }

  override func updateEntry(_ key: UnsafeRawPointer, _ value: UnsafeRawPointer, flags: MapUpdateFlags, cpu: Int?)
    -> EBPFResult
  {
    if let slot = index.find(key) {
      if flags == .noExist { return .keyAlreadyExists }
      store(value, entry: slot * slotStride, cpu: cpu)
      if cpu != nil, let lru { lru.touch(slot) }
      return .success
    }
    if flags == .exist { return .keyNotFound }
    if freeCount == 0 {
      guard let lru, let oldest = lru.oldest else { return .outOfSpace }
      release(slot: oldest)
    }
    freeCount -= 1
    let slot = Int(freeSlots[freeCount])
    keys.write(key, count: keySize, at: slot * keySize)
    index.insert(slot: slot)
    used[slot] = true
    entryCount += 1
    let base = slot * slotStride
    values.zero(at: base, count: slotStride)
    store(value, entry: base, cpu: cpu)
    lru?.append(slot)
    return .success
  }

  override func deleteEntry(_ key: UnsafeRawPointer) -> EBPFResult {
    guard let slot = index.find(key) else { return .keyNotFound }
    release(slot: slot)
    return .success
  }

  override func lookupAndDeleteEntry(_ key: UnsafeRawPointer, cpu: Int) -> Int? {
    guard let slot = index.find(key) else { return nil }
    values.zero(at: scratchOffset, count: slotStride)
    values.pointer(scratchOffset).copyMemory(
      from: values.pointer(slot * slotStride + (cpuCount == 1 ? 0 : cpu * valueStride)), byteCount: valueSize)
    release(slot: slot)
    return scratchOffset
  }

  override func nextKeyEntry(after previous: UnsafeRawPointer?, into next: UnsafeMutableRawPointer) -> EBPFResult {
    // An absent previous key restarts the walk at the first key, as Linux does.
    var start = 0
    if let previous, let slot = index.find(previous) { start = slot + 1 }
    var slot = start
    while slot < maxEntries {
      if used[slot] {
        next.copyMemory(from: keys.pointer(slot * keySize), byteCount: keySize)
        return .success
      }
      slot += 1
    }
    return .noMoreKeys
  }

  /// Frees a used slot: out of the index and the recency list, onto the free list.
  private func release(slot: Int) {
    index.remove(slot: slot)
    lru?.remove(slot)
    used[slot] = false
    entryCount -= 1
    freeSlots[freeCount] = Int32(slot)
    freeCount += 1
  }

  /// The slots in use, in iteration order.
  var usedSlots: [Int] { (0..<maxEntries).filter { used[$0] } }

  /// The key bytes of a slot.
  func keyBytes(slot: Int) -> [UInt8] { keys.bytes(at: slot * keySize, count: keySize) }

  /// Keys from least to most recently used (LRU maps), for tests and the map viewer.
  var keysByRecency: [[UInt8]]? { lru.map { $0.order.map { keyBytes(slot: $0) } } }
}
