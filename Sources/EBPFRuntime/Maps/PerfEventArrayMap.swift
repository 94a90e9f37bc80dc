/// perf_event_array: one ring per CPU, each `maxEntries` bytes (a power of two, at least 16), laid
/// out one after the other in the arena. A program writes to its own CPU's ring
/// (`bpf_perf_event_output`); a record that does not fit is lost and counted.
public final class PerfEventArrayMap: EBPFMap {
  /// `BPF_F_INDEX_MASK`: the CPU selector in the flags.
  public static let indexMask: UInt64 = 0xFFFF_FFFF
  /// `BPF_F_CURRENT_CPU`.
  public static let currentCPU: UInt64 = 0xFFFF_FFFF
  /// `BPF_F_CTXLEN_MASK`: how many bytes of the context's data to append.
  public static let contextLengthMask: UInt64 = 0xFFFFF << 32

  private var rings: [RingBufferCore]
  /// Records lost per CPU because its ring was full.
  public private(set) var lostRecords: [Int]

  init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    guard RingBufferCore.isValidCapacity(definition.maxEntries) else { throw .invalidArgument }
    let size = Int(definition.maxEntries)
    let (total, overflow) = size.multipliedReportingOverflow(by: cpuCount)
    guard !overflow else { throw .noMemory }
    let layout = try ArenaLayout(definition: definition, cpuCount: cpuCount, valueSlots: 0, arenaBytes: total)
    rings = (0..<cpuCount).map { RingBufferCore(base: $0 * size, capacity: size) }
    lostRecords = [Int](repeating: 0, count: cpuCount)
    super.init(definition: definition, layout: layout)
  }

  /// The number of rings (one per CPU).
  public var ringCount: Int { rings.count }

  /// Records waiting in all rings.
  public override var count: Int { rings.indices.reduce(0) { $0 + pendingRecords(cpu: $1).count } }

  /// `bpf_perf_event_output` on CPU `cpu`. The low 32 bits of `flags` must be `BPF_F_CURRENT_CPU` or
  /// `cpu` itself (only the current CPU's ring may be written); bits 32–51 ask for that many bytes of
  /// `contextData` to be appended, which is ``EBPFResult/operationNotSupported`` when the context
  /// has no data and ``EBPFResult/invalidArgument`` when it has fewer bytes.
  public func output(
    _ data: UnsafeRawBufferPointer, flags: UInt64, cpu: Int, contextData: UnsafeRawBufferPointer? = nil
  ) -> EBPFResult {
    guard cpu >= 0, cpu < rings.count, flags & ~(Self.indexMask | Self.contextLengthMask) == 0 else {
      return .invalidArgument
    }
    let selector = flags & Self.indexMask
    guard selector == Self.currentCPU || selector == UInt64(cpu) else { return .invalidArgument }
    let captureLength = Int((flags & Self.contextLengthMask) >> 32)
    var extra = UnsafeRawBufferPointer(start: nil, count: 0)
    if captureLength > 0 {
      guard let contextData, contextData.baseAddress != nil else { return .operationNotSupported }
      guard contextData.count >= captureLength else { return .invalidArgument }
      extra = UnsafeRawBufferPointer(rebasing: contextData[0..<captureLength])
    }
    guard let offset = rings[cpu].reserve(data.count + extra.count, in: values) else {
      lostRecords[cpu] += 1
      return .outOfSpace
    }
    if let base = data.baseAddress { values.write(base, count: data.count, at: offset) }
    if let base = extra.baseAddress { values.write(base, count: extra.count, at: offset + data.count) }
    _ = rings[cpu].finish(offset, discard: false, in: values)
    return .success
  }

  /// The records waiting in `cpu`'s ring, without consuming them.
  public func pendingRecords(cpu: Int) -> [[UInt8]] {
    guard cpu >= 0, cpu < rings.count else { return [] }
    return rings[cpu].read(in: values, consume: false)
  }

  /// Reads and consumes the records of `cpu`'s ring.
  public func consume(cpu: Int, limit: Int = .max) -> [[UInt8]] {
    guard cpu >= 0, cpu < rings.count else { return [] }
    return rings[cpu].read(in: values, consume: true, limit: limit)
  }
}
