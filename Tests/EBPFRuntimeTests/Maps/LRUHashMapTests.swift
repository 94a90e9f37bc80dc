import Testing

@testable import EBPFRuntime

@Suite struct LRUHashMapTests {
  @Test func evictsTheLeastRecentlyUsedKey() throws {
    let map = try makeMap(.lruHash, max: 3)
    for k: UInt32 in 1...3 { #expect(programUpdate(map, le32(k), le32(k * 10)) == .success) }
    #expect(map.recencyOrder?.map(u32) == [1, 2, 3])
    _ = programLookup(map, le32(1))  // 1 becomes the most recent
    #expect(map.recencyOrder?.map(u32) == [2, 3, 1])
    #expect(programUpdate(map, le32(4), le32(40)) == .success)  // evicts 2
    #expect(throws: EBPFResult.objectNotFound) { try map.lookup(le32(2)) }
    #expect(map.recencyOrder?.map(u32) == [3, 1, 4])
    #expect(programUpdate(map, le32(3), le32(33)) == .success)  // an update is a use
    #expect(programUpdate(map, le32(5), le32(50)) == .success)  // evicts 1
    #expect(map.recencyOrder?.map(u32) == [4, 3, 5])
    #expect(Set(try map.keys().map(u32)) == [3, 4, 5])
    #expect(try map.lookup(le32(3)) == le32(33))
  }

  @Test func readingAsAPersonDoesNotChangeRecency() throws {
    let map = try makeMap(.lruHash, max: 2)
    _ = programUpdate(map, le32(1), le32(1))
    _ = programUpdate(map, le32(2), le32(2))
    _ = try map.lookup(le32(1))
    _ = try map.entries()
    #expect(map.recencyOrder?.map(u32) == [1, 2])
    _ = programUpdate(map, le32(3), le32(3))
    #expect(Set(try map.keys().map(u32)) == [2, 3])
  }

  @Test func deleteFreesWithoutEviction() throws {
    let map = try makeMap(.lruHash, max: 2)
    _ = programUpdate(map, le32(1), le32(1))
    _ = programUpdate(map, le32(2), le32(2))
    try map.delete(le32(1))
    _ = programUpdate(map, le32(3), le32(3))
    #expect(Set(try map.keys().map(u32)) == [2, 3])
    #expect(map.recencyOrder?.map(u32) == [2, 3])
  }

  @Test func flagsStillApply() throws {
    let map = try makeMap(.lruHash, max: 1)
    _ = programUpdate(map, le32(1), le32(1))
    #expect(programUpdate(map, le32(1), le32(2), flags: MapUpdateFlags.noExist.rawValue) == .keyAlreadyExists)
    #expect(programUpdate(map, le32(2), le32(2), flags: MapUpdateFlags.exist.rawValue) == .keyNotFound)
    #expect(programUpdate(map, le32(2), le32(2)) == .success)
    #expect(try map.keys().map(u32) == [2])
  }

  @Test func plainHashMapsHaveNoRecency() throws {
    #expect(try makeMap(.hash).recencyOrder == nil)
  }
}
