/// ringbuf: a byte ring of `maxEntries` bytes (a power of two, at least 16) that programs write
/// records into and a consumer reads in order. Keys are not used (key size 0).
///
/// Programs use ``output(_:count:)`` (`bpf_ringbuf_output`) — or ``reserve(_:)`` then ``submit(_:)``
/// or ``discard(_:)``, which return the record's data offset in ``EBPFMap/values`` — and a full ring
/// refuses the record with ``EBPFResult/outOfSpace``. See ``RingBufferCore`` for the record format.
public final class RingBufferMap: EBPFMap {
  private var ring: RingBufferCore

  init(definition: MapDefinition, cpuCount: Int) throws(EBPFResult) {
    guard definition.keySize == 0, RingBufferCore.isValidCapacity(definition.maxEntries) else {
      throw .invalidArgument
    }
    let size = Int(definition.maxEntries)
    let layout = try ArenaLayout(definition: definition, cpuCount: cpuCount, valueSlots: 0, arenaBytes: size)
    ring = RingBufferCore(base: 0, capacity: size)
    super.init(definition: definition, layout: layout)
  }

  /// Records written and not yet consumed (reserved ones included).
  public override var count: Int { ring.read(in: values, consume: false).count }

  /// Bytes written and not yet consumed.
  public var usedBytes: Int { ring.used }
  /// The producer position (bytes ever written, fillers included).
  public var producerPosition: UInt64 { ring.producer }
  /// The consumer position.
  public var consumerPosition: UInt64 { ring.consumer }

  /// Reserves a record of `size` bytes; the data offset in ``EBPFMap/values``, or nil when it does not fit.
  public func reserve(_ size: Int) -> Int? { ring.reserve(size, in: values) }

  /// Submits a reserved record; ``EBPFResult/invalidArgument`` when `dataOffset` is not one.
  public func submit(_ dataOffset: Int) -> EBPFResult {
    ring.finish(dataOffset, discard: false, in: values) ? .success : .invalidArgument
  }

  /// Discards a reserved record; the consumer will skip it.
  public func discard(_ dataOffset: Int) -> EBPFResult {
    ring.finish(dataOffset, discard: true, in: values) ? .success : .invalidArgument
  }

  /// `bpf_ringbuf_output`: one record with a copy of `count` bytes.
  public func output(_ data: UnsafeRawPointer, count: Int) -> EBPFResult {
    ring.output(data, count: count, in: values) ? .success : .outOfSpace
  }

  /// `bpf_ringbuf_output` with a byte array.
  public func output(_ data: [UInt8]) -> EBPFResult {
    guard !data.isEmpty else {
      guard let offset = reserve(0) else { return .outOfSpace }
      return submit(offset)
    }
    return data.withUnsafeBytes { raw in output(raw.baseAddress.unsafelyUnwrapped, count: raw.count) }
  }

  /// The records a consumer would read now, without consuming them.
  public func pendingRecords() -> [[UInt8]] { ring.read(in: values, consume: false) }

  /// Reads and consumes up to `limit` records, freeing their space.
  public func consume(limit: Int = .max) -> [[UInt8]] { ring.read(in: values, consume: true, limit: limit) }
}
