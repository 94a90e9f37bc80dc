import Testing

@testable import EBPFRuntime

@Suite struct QueueStackMapTests {
  @Test func queueIsFirstInFirstOutAndWrapsAround() throws {
    let map = try makeMap(.queue, key: 0, value: 4, max: 3)
    for round: UInt32 in 0..<4 {  // more pushes than slots: the ring wraps
      try map.push(le32(round * 10 + 1))
      try map.push(le32(round * 10 + 2))
      #expect(try map.peek() == le32(round * 10 + 1))
      #expect(try map.pop() == le32(round * 10 + 1))
      #expect(try map.pop() == le32(round * 10 + 2))
    }
    #expect(throws: EBPFResult.objectNotFound) { try map.pop() }
    #expect(throws: EBPFResult.objectNotFound) { try map.peek() }
  }

  @Test func stackIsLastInFirstOut() throws {
    let map = try makeMap(.stack, key: 0, value: 4, max: 3)
    for v: UInt32 in 1...3 { try map.push(le32(v)) }
    #expect(map.queuedValues.map(u32) == [3, 2, 1])
    #expect(try map.pop() == le32(3))
    try map.push(le32(4))
    #expect(map.queuedValues.map(u32) == [4, 2, 1])
  }

  @Test(arguments: [MapType.queue, .stack])
  func fullMapsRefuseUnlessExistOverwritesTheOldest(type: MapType) throws {
    let map = try makeMap(type, key: 0, value: 4, max: 2)
    try map.push(le32(1))
    try map.push(le32(2))
    #expect(throws: EBPFResult.outOfSpace) { try map.push(le32(3)) }
    #expect(throws: EBPFResult.outOfSpace) { try map.push(le32(3), flags: .noExist) }
    try map.push(le32(3), flags: .exist)  // drops 1, the oldest
    #expect(map.count == 2)
    let expected: [UInt32] = type == .queue ? [2, 3] : [3, 2]
    #expect(map.queuedValues.map(u32) == expected)
    let raw = le32(4).withUnsafeBytes { map.push(value: $0.baseAddress!, flags: 9) }
    #expect(raw == .invalidArgument)
  }

  @Test func programLookupPeeksAndLookupAndDeletePops() throws {
    let map = try makeMap(.queue, key: 0, value: 4, max: 2)
    try map.push(le32(5))
    try map.push(le32(6))
    let ignoredKey: [UInt8] = [0]
    let peek = try #require(programLookup(map, ignoredKey))
    #expect(valueAt(map, peek) == le32(5))
    let popped = try #require(ignoredKey.withUnsafeBytes { map.lookupAndDelete(key: $0.baseAddress!) })
    #expect(valueAt(map, popped) == le32(5))
    #expect(map.queuedValues.map(u32) == [6])
    #expect(programUpdate(map, [], le32(7)) == .success)  // an update is a push
    #expect(map.queuedValues.map(u32) == [6, 7])
  }

  @Test func definitionRules() {
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.queue, key: 4) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.stack, key: 0, value: 0) }
  }

  @Test func keyOperationsAreNotSupported() throws {
    let map = try makeMap(.queue, key: 0, value: 4, max: 2)
    #expect(throws: EBPFResult.operationNotSupported) { try map.nextKey(after: nil) }
    #expect(throws: EBPFResult.operationNotSupported) { try map.delete([]) }
  }
}
