import Testing

@testable import EBPFRuntime

@Suite struct RingBufferMapTests {
  func makeRing(_ size: UInt32 = 64) throws -> RingBufferMap {
    try #require(try makeMap(.ringbuf, key: 0, value: 0, max: size) as? RingBufferMap)
  }

  @Test func outputRecordsAreReadInOrder() throws {
    let ring = try makeRing()
    #expect(ring.output([1, 2, 3]) == .success)
    #expect(ring.output([4]) == .success)
    #expect(ring.usedBytes == 32)  // (8 + 3 -> 16) + (8 + 1 -> 16)
    #expect(ring.pendingRecords() == [[1, 2, 3], [4]])
    #expect(ring.consume(limit: 1) == [[1, 2, 3]])
    #expect(ring.consume() == [[4]])
    #expect(ring.usedBytes == 0 && ring.count == 0)
  }

  @Test func fullRingRefusesUntilTheConsumerCatchesUp() throws {
    let ring = try makeRing()
    for i: UInt8 in 0..<4 { #expect(ring.output([UInt8](repeating: i, count: 8)) == .success) }
    #expect(ring.usedBytes == 64)
    #expect(ring.output([9]) == .outOfSpace)
    #expect(ring.consume(limit: 1).first == [UInt8](repeating: 0, count: 8))
    #expect(ring.output([9]) == .success)
    #expect(ring.output([UInt8](repeating: 0, count: 57)) == .outOfSpace)  // larger than the ring can hold
  }

  @Test func recordsThatWouldWrapStartAtOffsetZeroBehindAFiller() throws {
    let ring = try makeRing()
    #expect(ring.output([UInt8](repeating: 1, count: 24)) == .success)  // 32 bytes at 0
    #expect(ring.output([UInt8](repeating: 2, count: 8)) == .success)  // 16 bytes at 32
    #expect(ring.consume().count == 2)  // consumer at 48
    let offset = try #require(ring.reserve(16))  // 24 bytes: 16 left before the end, so filler + wrap
    #expect(offset == 8)  // data right after the header at ring offset 0
    #expect(ring.producerPosition == 48 + 16 + 24)
    ring.values.pointer(offset).copyMemory(from: [UInt8](repeating: 7, count: 16), byteCount: 16)
    #expect(ring.pendingRecords().isEmpty)  // reserved, not yet submitted
    #expect(ring.submit(offset) == .success)
    #expect(ring.pendingRecords() == [[UInt8](repeating: 7, count: 16)])  // the filler is skipped
  }

  @Test func discardedRecordsAreSkippedAndReservedOnesBlockTheConsumer() throws {
    let ring = try makeRing()
    let first = try #require(ring.reserve(4))
    let second = try #require(ring.reserve(4))
    ring.values.storeU32(0xAABB_CCDD, at: second)
    #expect(ring.submit(second) == .success)
    #expect(ring.pendingRecords().isEmpty)  // the first is still reserved
    #expect(ring.discard(first) == .success)
    #expect(ring.pendingRecords() == [[0xDD, 0xCC, 0xBB, 0xAA]])
    #expect(ring.submit(first) == .invalidArgument)  // already finished
    #expect(ring.submit(3) == .invalidArgument)
    #expect(ring.discard(1000) == .invalidArgument)
  }

  @Test func emptyRecords() throws {
    let ring = try makeRing()
    #expect(ring.output([]) == .success)
    #expect(ring.pendingRecords() == [[]])
  }

  @Test func sizeMustBeAPowerOfTwo() {
    for size: UInt32 in [0, 8, 24, 100] {
      #expect(throws: EBPFResult.invalidArgument) { try makeMap(.ringbuf, key: 0, value: 0, max: size) }
    }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.ringbuf, key: 4, value: 0, max: 64) }
  }
}

@Suite struct RingBufferCorruptionTests {
  @Test func aCorruptedHeaderStopsTheReaderInsteadOfTrapping() throws {
    let ring = try #require(try makeMap(.ringbuf, key: 0, value: 0, max: 64) as? RingBufferMap)
    #expect(ring.output([1, 2]) == .success)
    #expect(ring.output([3]) == .success)
    ring.values.storeU32(0x0FFF_FFFF, at: 16)  // the second record claims to be huge
    #expect(ring.pendingRecords() == [[1, 2]])
    #expect(ring.consume() == [[1, 2]])
    #expect(ring.usedBytes == 16)
  }

  @Test func negativeAndLargeCPUNumbersWrap() throws {
    let map = try makeMap(.percpuArray, value: 4, max: 1, cpus: 2)
    #expect(programUpdate(map, le32(0), le32(5), cpu: -1) == .success)
    #expect(programLookup(map, le32(0), cpu: 3) == 8)
    #expect(valueAt(map, 8) == le32(5))
  }
}
