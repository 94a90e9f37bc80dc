import Testing

@testable import EBPFRuntime

@Suite struct HashMapTests {
  @Test func updateFlags() throws {
    let map = try makeMap(.hash)
    try map.update(le32(1), le32(10))
    #expect(throws: EBPFResult.keyAlreadyExists) { try map.update(le32(1), le32(11), flags: .noExist) }
    #expect(throws: EBPFResult.keyNotFound) { try map.update(le32(2), le32(20), flags: .exist) }
    try map.update(le32(1), le32(12), flags: .exist)
    try map.update(le32(2), le32(20), flags: .noExist)
    #expect(try map.lookup(le32(1)) == le32(12))
    #expect(try map.lookup(le32(2)) == le32(20))
    #expect(programUpdate(map, le32(3), le32(30), flags: 7) == .invalidArgument)
    #expect(map.count == 2)
  }

  @Test func fullMapRefusesNewKeysButReplacesOldOnes() throws {
    let map = try makeMap(.hash, max: 2)
    try map.update(le32(1), le32(1))
    try map.update(le32(2), le32(2))
    #expect(throws: EBPFResult.outOfSpace) { try map.update(le32(3), le32(3)) }
    #expect(programUpdate(map, le32(3), le32(3)) == .outOfSpace)
    try map.update(le32(2), le32(22))
    try map.delete(le32(1))
    try map.update(le32(3), le32(3))
    #expect(try map.keys().map(u32) == [3, 2])  // slot 0 was freed and reused
  }

  @Test func deleteAndMissingKeys() throws {
    let map = try makeMap(.hash)
    #expect(throws: EBPFResult.objectNotFound) { try map.lookup(le32(9)) }
    #expect(throws: EBPFResult.keyNotFound) { try map.delete(le32(9)) }
    #expect(programLookup(map, le32(9)) == nil)
  }

  @Test func iterationIsInSlotOrderAndRestartsOnAnUnknownKey() throws {
    let map = try makeMap(.hash, max: 8)
    for k: UInt32 in [50, 7, 1000, 3] { try map.update(le32(k), le32(k)) }
    #expect(try map.keys().map(u32) == [50, 7, 1000, 3])
    #expect(try map.nextKey(after: le32(7)).map(u32) == 1000)
    #expect(try map.nextKey(after: le32(3)) == nil)
    #expect(try map.nextKey(after: le32(12345)).map(u32) == 50)
    #expect(throws: EBPFResult.invalidArgument) { try map.nextKey(after: [1, 2]) }
  }

  @Test func valuesNeverMoveWhileOtherKeysComeAndGo() throws {
    let map = try makeMap(.hash, max: 64)
    try map.update(le32(42), le32(4242))
    let base = map.values.buffer.baseAddress
    let offset = try #require(programLookup(map, le32(42)))
    for k: UInt32 in 0..<40 where k != 42 { try map.update(le32(k), le32(k)) }
    for k: UInt32 in 0..<40 where k % 3 == 0 && k != 42 { try map.delete(le32(k)) }
    #expect(programLookup(map, le32(42)) == offset)
    #expect(map.values.buffer.baseAddress == base)
    // A program writing through the returned offset changes the stored value.
    map.values.storeU32(7, at: offset)
    #expect(try map.lookup(le32(42)) == le32(7))
  }

  @Test func manyKeysSurviveDeletesWithCollisions() throws {
    // Small keys in a large map exercise probing and backward-shift deletion.
    let map = try makeMap(.hash, max: 500)
    var model: [UInt32: UInt32] = [:]
    var state: UInt32 = 12345
    for step in 0..<5000 {
      state = state &* 1_103_515_245 &+ 12345
      let key = (state >> 8) % 700
      if step % 3 == 0 {
        let expected: EBPFResult = model.removeValue(forKey: key) == nil ? .keyNotFound : .success
        let got = le32(key).withUnsafeBytes { map.delete(key: $0.baseAddress!) }
        #expect(got == expected)
      } else {
        let result = programUpdate(map, le32(key), le32(UInt32(step)))
        if model[key] != nil || model.count < 500 {
          #expect(result == .success)
          model[key] = UInt32(step)
        } else {
          #expect(result == .outOfSpace)
        }
      }
    }
    #expect(map.count == model.count)
    for (key, value) in model { #expect(try map.lookup(le32(key)) == le32(value)) }
    #expect(Set(try map.keys().map(u32)) == Set(model.keys))
  }

  @Test func wrongSizesAreErrorsNotCrashes() throws {
    let map = try makeMap(.hash, key: 8, value: 16)
    #expect(throws: EBPFResult.invalidArgument) { try map.update(le32(1), [UInt8](repeating: 0, count: 16)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.update(le64(1), le32(1)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.lookup([]) }
    #expect(throws: EBPFResult.invalidArgument) { try map.delete(le32(1)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.push(le32(1)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.pop() }
  }

  @Test func lookupAndDeleteCopiesToScratch() throws {
    let map = try makeMap(.hash)
    try map.update(le32(1), le32(111))
    let scratch = try #require(le32(1).withUnsafeBytes { map.lookupAndDelete(key: $0.baseAddress!) })
    #expect(valueAt(map, scratch) == le32(111))
    #expect(map.count == 0)
    try map.update(le32(2), le32(222))  // reuses slot 0; the scratch copy is unaffected
    #expect(valueAt(map, scratch) == le32(111))
    #expect(le32(9).withUnsafeBytes { map.lookupAndDelete(key: $0.baseAddress!) } == nil)
  }

  @Test func hashOfMapsHoldsValidatedIds() throws {
    let map = try EBPFMap.create(
      MapDefinition(
        type: .hashOfMaps, keySize: 4, valueSize: 4, maxEntries: 4,
        innerMap: InnerMapTemplate(type: .array, keySize: 4, valueSize: 8, maxEntries: 2, templateID: 3)))
    map.objectValidator = { $0 == 3 || $0 == 9 ? .success : .invalidObject }
    try map.update(le32(1), le32(9))
    #expect(throws: EBPFResult.invalidObject) { try map.update(le32(2), le32(5)) }
    #expect(le32(1).withUnsafeBytes { map.objectID(key: $0.baseAddress!) } == 9)
    #expect(programUpdate(map, le32(1), le32(3)) == .operationNotSupported)
    #expect(throws: EBPFResult.invalidArgument) {
      try makeMap(.hashOfMaps, value: 8)
    }
  }

  @Test func innerTemplatesMatchExactly() {
    let template = InnerMapTemplate(type: .array, keySize: 4, valueSize: 8, maxEntries: 2)
    #expect(template.accepts(MapDefinition(type: .array, keySize: 4, valueSize: 8, maxEntries: 2, name: "x")))
    #expect(!template.accepts(MapDefinition(type: .array, keySize: 4, valueSize: 8, maxEntries: 3)))
    #expect(!template.accepts(MapDefinition(type: .hash, keySize: 4, valueSize: 8, maxEntries: 2)))
  }
}
