/// The sizes of a map's value arena, computed with overflow checks before anything is allocated.
struct ArenaLayout {
  /// Values per entry (the CPU count for per-CPU maps, else 1).
  let cpus: Int
  /// The value size rounded up to 8.
  let valueStride: Int
  /// `valueStride * cpus`.
  let slotStride: Int
  /// Bytes of the value arena.
  let valueBytes: Int

  /// The layout for `valueSlots` entries (or an arena of exactly `arenaBytes`), refusing a total —
  /// with the map's other storage, `extraBytes` — above ``EBPFPlatform/maximumMapStorage``.
  init(definition: MapDefinition, cpuCount: Int, valueSlots: Int, arenaBytes: Int? = nil, extraBytes: Int = 0)
    throws(EBPFResult)
  {
    guard definition.maxEntries > 0, cpuCount > 0 else { throw .invalidArgument }
    cpus = definition.type.isPerCPU && definition.type != .perfEventArray ? cpuCount : 1
    valueStride = (Int(definition.valueSize) + 7) & ~7
    let (stride, strideOverflow) = valueStride.multipliedReportingOverflow(by: cpus)
    guard !strideOverflow else { throw .noMemory }
    slotStride = stride
    if let arenaBytes {
      valueBytes = arenaBytes
    } else {
      let (product, overflow) = stride.multipliedReportingOverflow(by: valueSlots)
      guard !overflow else { throw .noMemory }
      valueBytes = product
    }
    let (total, totalOverflow) = valueBytes.addingReportingOverflow(extraBytes)
    guard !totalOverflow, total <= EBPFPlatform.maximumMapStorage else { throw .noMemory }
  }
}
