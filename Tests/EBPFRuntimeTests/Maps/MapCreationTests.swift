import Testing

@testable import EBPFRuntime

@Suite struct MapCreationTests {
  @Test(arguments: MapType.allCases)
  func everyTypeEitherWorksOrSaysWhyNot(type: MapType) {
    let keySize: UInt32 = [.queue, .stack, .ringbuf].contains(type) ? 0 : (type == .lpmTrie ? 8 : 4)
    let definition = MapDefinition(type: type, keySize: keySize, valueSize: 4, maxEntries: 64, name: "m")
    do {
      let map = try EBPFMap.create(definition)
      #expect(type.isSupported)
      #expect(map.definition == definition && map.type == type)
    } catch {
      #expect(!type.isSupported)
      #expect(error == (type == .unspec ? .invalidArgument : .operationNotSupported))
    }
  }

  @Test func zeroSizesAreInvalid() {
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.hash, max: 0) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.hash, key: 0) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.hash, value: 0) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.array, value: 0) }
  }

  @Test func hugeDefinitionsFailWithNoMemory() {
    #expect(throws: EBPFResult.noMemory) { try makeMap(.hash, max: UInt32.max) }
    #expect(throws: EBPFResult.noMemory) { try makeMap(.array, value: UInt32.max, max: UInt32.max) }
    #expect(throws: EBPFResult.noMemory) { try makeMap(.percpuArray, value: 1 << 20, max: 1 << 10) }
    #expect(throws: EBPFResult.noMemory) { try makeMap(.ringbuf, key: 0, value: 0, max: 1 << 31) }
    #expect(throws: EBPFResult.noMemory) { try makeMap(.lpmTrie, key: 260, value: 1 << 24, max: 1 << 10) }
  }

  @Test func arenasAreAllocatedOnceAtTheirFinalSize() throws {
    let hash = try makeMap(.hash, value: 40, max: 1024)
    #expect(hash.values.count == (1024 + 1) * 40)  // entries plus the scratch slot
    let perCPU = try makeMap(.percpuArray, value: 12, max: 10, cpus: 2)
    #expect(perCPU.values.count == 10 * 2 * 16)
  }
}
