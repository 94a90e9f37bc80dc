/// One ring of records over a power-of-two run of bytes in a map's arena, shared by ringbuf and by
/// each CPU's ring of a perf event array.
///
/// Positions only grow; `position & (capacity - 1)` is the byte offset in the ring. A record is an
/// 8-byte header — a 32-bit length word whose bit 31 marks "reserved, not yet submitted" and bit 30
/// "discarded", then 4 unused bytes — followed by the data, the whole padded to 8 bytes. A record
/// never wraps: when it would not fit before the end of the ring, a discarded filler record takes
/// the rest and the record starts at offset 0, so a program always gets one contiguous buffer.
/// The consumer reads submitted records in order, skips discarded ones and stops at a reserved one.
struct RingBufferCore {
  /// Header bit: reserved, not yet submitted.
  static let busyBit: UInt32 = 1 << 31
  /// Header bit: discarded (or filler).
  static let discardBit: UInt32 = 1 << 30
  /// Header size.
  static let headerSize = 8

  /// Where the ring starts in the arena.
  let base: Int
  /// Ring size in bytes, a power of two.
  let capacity: Int
  /// Position of the next record to write.
  private(set) var producer: UInt64 = 0
  /// Position of the next record to read.
  private(set) var consumer: UInt64 = 0

  init(base: Int, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  /// True when `size` is a ring size ntsh accepts: a power of two of at least 16 bytes.
  static func isValidCapacity(_ size: UInt32) -> Bool { size >= 16 && size & (size &- 1) == 0 }

  /// Bytes in use (written and not yet consumed).
  var used: Int { Int(producer &- consumer) }

  @inline(__always)
  private func offset(_ position: UInt64) -> Int { base + Int(position & UInt64(capacity - 1)) }

  /// Reserves room for `size` data bytes; returns the arena offset of the data, or nil when the
  /// record cannot fit (too large for the ring, or not enough free space now).
  mutating func reserve(_ size: Int, in storage: MapStorage) -> Int? {
    guard size >= 0, size <= capacity - Self.headerSize, size < Int(Self.discardBit) else { return nil }
    let total = (Self.headerSize + size + 7) & ~7
    let toEnd = capacity - Int(producer & UInt64(capacity - 1))
    let filler = total > toEnd ? toEnd : 0
    guard used + filler + total <= capacity else { return nil }
    if filler > 0 {
      storage.storeU32(Self.discardBit | UInt32(filler - Self.headerSize), at: offset(producer))
      storage.storeU32(0, at: offset(producer) + 4)
      producer &+= UInt64(filler)
    }
    let header = offset(producer)
    storage.storeU32(Self.busyBit | UInt32(size), at: header)
    storage.storeU32(0, at: header + 4)
    producer &+= UInt64(total)
    return header + Self.headerSize
  }

  /// Finishes a reserved record: submitted, or discarded. False when `dataOffset` is not the data of
  /// a reserved record in this ring.
  func finish(_ dataOffset: Int, discard: Bool, in storage: MapStorage) -> Bool {
    let header = dataOffset - Self.headerSize
    guard header >= base, header + Self.headerSize <= base + capacity, (header - base) % 8 == 0 else { return false }
    let word = storage.loadU32(at: header)
    guard word & Self.busyBit != 0 else { return false }
    storage.storeU32((word & ~Self.busyBit) | (discard ? Self.discardBit : 0), at: header)
    return true
  }

  /// Writes a whole record (reserve, copy, submit); false when it does not fit.
  mutating func output(_ data: UnsafeRawPointer, count: Int, in storage: MapStorage) -> Bool {
    guard let offset = reserve(count, in: storage) else { return false }
    storage.write(data, count: count, at: offset)
    return finish(offset, discard: false, in: storage)
  }

  /// The submitted records from the consumer position on, stopping at a reserved one, without
  /// consuming them; with `consume`, the consumer position moves past what was returned.
  mutating func read(in storage: MapStorage, consume: Bool, limit: Int = .max) -> [[UInt8]] {
    var records: [[UInt8]] = []
    var position = consumer
    while position < producer && records.count < limit {
      let word = storage.loadU32(at: offset(position))
      if word & Self.busyBit != 0 { break }
      let length = Int(word & ~(Self.busyBit | Self.discardBit))
      // Headers live in memory programs can reach; a length that leaves the ring stops the reader.
      guard offset(position) + Self.headerSize + length <= base + capacity else { break }
      if word & Self.discardBit == 0 {
        records.append(storage.bytes(at: offset(position) + Self.headerSize, count: length))
      }
      position &+= UInt64((Self.headerSize + length + 7) & ~7)
    }
    if consume { consumer = position }
    return records
  }
}
