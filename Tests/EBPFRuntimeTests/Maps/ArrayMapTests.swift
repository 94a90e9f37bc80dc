import Testing

@testable import EBPFRuntime

@Suite struct ArrayMapTests {
  @Test func everyIndexExistsAndStartsZero() throws {
    let map = try makeMap(.array, value: 8, max: 3)
    #expect(try map.keys().map(u32) == [0, 1, 2])
    #expect(try map.lookup(le32(2)) == [UInt8](repeating: 0, count: 8))
    #expect(programLookup(map, le32(1)) == 8)
    #expect(programLookup(map, le32(3)) == nil)
    #expect(map.count == 3)
  }

  @Test func updateRules() throws {
    let map = try makeMap(.array, max: 2)
    try map.update(le32(1), le32(5))
    try map.update(le32(1), le32(6), flags: .exist)
    #expect(throws: EBPFResult.invalidArgument) { try map.update(le32(0), le32(1), flags: .noExist) }
    #expect(throws: EBPFResult.invalidArgument) { try map.update(le32(2), le32(1)) }
    #expect(programUpdate(map, le32(0xFFFF_FFFF), le32(1)) == .invalidArgument)
    #expect(try map.lookup(le32(1)) == le32(6))
  }

  @Test func deleteZeroesTheElement() throws {
    let map = try makeMap(.array, max: 2)
    try map.update(le32(0), le32(9))
    try map.delete(le32(0))
    #expect(try map.lookup(le32(0)) == le32(0))
    #expect(throws: EBPFResult.invalidArgument) { try map.delete(le32(2)) }
  }

  @Test func nextKeyCountsUpAndStops() throws {
    let map = try makeMap(.array, max: 2)
    #expect(try map.nextKey(after: nil).map(u32) == 0)
    #expect(try map.nextKey(after: le32(0)).map(u32) == 1)
    #expect(try map.nextKey(after: le32(1)) == nil)
    #expect(try map.nextKey(after: le32(0xFFFF_FFFF)) == nil)
    #expect(try map.nextKey(after: le32(77)) == nil)
  }

  @Test func valuesAreAtFixedEightByteStrides() throws {
    let map = try makeMap(.array, value: 5, max: 4)
    #expect(map.valueStride == 8)
    #expect(programLookup(map, le32(3)) == 24)
    #expect(map.values.count == 32)
  }

  @Test func progArrayHoldsProgramIds() throws {
    let map = try makeMap(.progArray, max: 4)
    map.objectValidator = { $0 == 5 ? .success : .invalidFD }
    try map.update(le32(2), le32(5))
    #expect(throws: EBPFResult.invalidFD) { try map.update(le32(3), le32(6)) }
    #expect(le32(2).withUnsafeBytes { map.objectID(key: $0.baseAddress!) } == 5)
    #expect(le32(1).withUnsafeBytes { map.objectID(key: $0.baseAddress!) } == nil)
    #expect(le32(9).withUnsafeBytes { map.objectID(key: $0.baseAddress!) } == nil)
    try map.update(le32(2), le32(0))  // 0 clears without validation
    #expect(le32(2).withUnsafeBytes { map.objectID(key: $0.baseAddress!) } == nil)
    #expect(programUpdate(map, le32(1), le32(5)) == .operationNotSupported)
    #expect(le32(1).withUnsafeBytes { map.delete(key: $0.baseAddress!) } == .operationNotSupported)
  }

  @Test func objectArraysNeedFourByteValues() {
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.progArray, value: 8) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.arrayOfMaps, value: 2) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.array, key: 8) }
  }
}
