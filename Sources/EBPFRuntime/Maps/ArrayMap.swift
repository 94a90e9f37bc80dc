/// array, percpu_array, prog_array and array_of_maps: `maxEntries` values indexed by a 32-bit key,
/// all present from the start (zero). The value of index `i` is at `i * slotStride`.
///
/// An index at or past the end is ``EBPFResult/invalidArgument`` for updates and deletes and
/// absent for lookups; `BPF_NOEXIST` is ``EBPFResult/invalidArgument`` (every element exists); a
/// delete zeroes the element. prog_array and array_of_maps hold object ids (0 is empty).
final class ArrayMap: EBPFMap {
  init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    guard definition.keySize == 4, definition.valueSize > 0 else { throw .invalidArgument }
    if definition.type.holdsObjectIDs && definition.valueSize != 4 { throw .invalidArgument }
    let layout = try ArenaLayout(definition: definition, cpuCount: cpuCount, valueSlots: Int(definition.maxEntries))
    super.init(definition: definition, layout: layout)
  }

  override var count: Int { maxEntries }

  @inline(__always)
  private func index(_ key: UnsafeRawPointer) -> Int? {
    let i = Int(UInt32(littleEndian: key.loadUnaligned(as: UInt32.self)))
    return i < maxEntries ? i : nil
  }

  @inline(__always)
  override func findEntry(_ key: UnsafeRawPointer, touch: Bool) -> Int? {
    index(key).map { $0 * slotStride }
  }

  override func updateEntry(_ key: UnsafeRawPointer, _ value: UnsafeRawPointer, flags: MapUpdateFlags, cpu: Int?)
    -> EBPFResult
  {
    guard flags != .noExist, let i = index(key) else { return .invalidArgument }
    store(value, entry: i * slotStride, cpu: cpu)
    return .success
  }

  override func deleteEntry(_ key: UnsafeRawPointer) -> EBPFResult {
    guard let i = index(key) else { return .invalidArgument }
    values.zero(at: i * slotStride, count: slotStride)
    return .success
  }

  override func nextKeyEntry(after previous: UnsafeRawPointer?, into next: UnsafeMutableRawPointer) -> EBPFResult {
    let following = previous.map { UInt64(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) + 1 } ?? 0
    guard following < UInt64(maxEntries) else { return .noMoreKeys }
    next.storeBytes(of: UInt32(following).littleEndian, as: UInt32.self)
    return .success
  }
}
