/// queue (first in, first out) and stack (last in, first out): up to `maxEntries` values with no key.
///
/// Values sit in a ring of `maxEntries` slots of ``EBPFMap/valueStride`` bytes; `head` is the oldest.
/// A push on a full map fails with ``EBPFResult/outOfSpace`` unless its flags are `BPF_EXIST`, which
/// drops the oldest value first (for both kinds). Pop and peek on an empty map are
/// ``EBPFResult/objectNotFound``. A program's `bpf_map_lookup_elem` peeks; the extra slot after the
/// ring is the scratch that a lookup-and-delete (a pop) returns.
final class QueueStackMap: EBPFMap {
  private var head = 0
  private var stored = 0
  private let isStack: Bool

  init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    guard definition.keySize == 0, definition.valueSize > 0 else { throw .invalidArgument }
    isStack = definition.type == .stack
    let layout = try ArenaLayout(
      definition: definition, cpuCount: cpuCount, valueSlots: Int(definition.maxEntries) + 1)
    super.init(definition: definition, layout: layout)
  }

  override var count: Int { stored }

  private var scratchOffset: Int { maxEntries * slotStride }

  /// The ring slot of the next value to leave: the oldest for a queue, the newest for a stack.
  private var exitSlot: Int { isStack ? (head + stored - 1) % maxEntries : head }

  override func push(value: UnsafeRawPointer, flags: UInt64) -> EBPFResult {
    guard let decoded = MapUpdateFlags.decode(flags) else { return .invalidArgument }
    if stored == maxEntries {
      guard decoded == .exist else { return .outOfSpace }
      head = (head + 1) % maxEntries
      stored -= 1
    }
    let slot = (head + stored) % maxEntries
    values.zero(at: slot * slotStride, count: slotStride)
    values.write(value, count: valueSize, at: slot * slotStride)
    stored += 1
    return .success
  }

  override func peek(into destination: UnsafeMutableRawPointer) -> EBPFResult {
    guard stored > 0 else { return .objectNotFound }
    destination.copyMemory(from: values.pointer(exitSlot * slotStride), byteCount: valueSize)
    return .success
  }

  override func pop(into destination: UnsafeMutableRawPointer) -> EBPFResult {
    let result = peek(into: destination)
    if result == .success { removeExiting() }
    return result
  }

  /// The key is ignored: a lookup is a peek.
  override func findEntry(_ key: UnsafeRawPointer, touch: Bool) -> Int? {
    stored > 0 ? exitSlot * slotStride : nil
  }

  /// Lookup-and-delete is a pop into the scratch slot.
  override func lookupAndDeleteEntry(_ key: UnsafeRawPointer, cpu: Int) -> Int? {
    guard stored > 0 else { return nil }
    values.pointer(scratchOffset).copyMemory(from: values.pointer(exitSlot * slotStride), byteCount: slotStride)
    removeExiting()
    return scratchOffset
  }

  /// An update is a push.
  override func updateEntry(_ key: UnsafeRawPointer, _ value: UnsafeRawPointer, flags: MapUpdateFlags, cpu: Int?)
    -> EBPFResult
  {
    push(value: value, flags: flags.rawValue)
  }

  private func removeExiting() {
    if !isStack { head = (head + 1) % maxEntries }
    stored -= 1
  }

  /// The values in the order pops would return them.
  var elementsInPopOrder: [[UInt8]] {
    (0..<stored).map { k in
      let slot = isStack ? (head + stored - 1 - k) % maxEntries : (head + k) % maxEntries
      return values.bytes(at: slot * slotStride, count: valueSize)
    }
  }
}
