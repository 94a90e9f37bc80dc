import Testing

@testable import EBPFRuntime

@Suite struct PerCPUMapTests {
  @Test(arguments: [MapType.percpuArray, .percpuHash, .lruPercpuHash])
  func programsSeeTheirOwnCPUsValue(type: MapType) throws {
    let map = try makeMap(type, value: 4, max: 4, cpus: 2)
    #expect(map.cpuCount == 2 && map.valueStride == 8 && map.slotStride == 16)
    #expect(programUpdate(map, le32(1), le32(100), cpu: 0) == .success)
    #expect(programUpdate(map, le32(1), le32(200), cpu: 1) == .success)
    let cpu0 = try #require(programLookup(map, le32(1), cpu: 0))
    let cpu1 = try #require(programLookup(map, le32(1), cpu: 1))
    #expect(cpu1 - cpu0 == 8)
    #expect(valueAt(map, cpu0) == le32(100) && valueAt(map, cpu1) == le32(200))
    // A person sees all CPUs' values, each padded to 8 bytes.
    #expect(try map.lookup(le32(1)) == le32(100) + [0, 0, 0, 0] + le32(200) + [0, 0, 0, 0])
  }

  @Test func aProgramsFirstUpdateZeroesTheOtherCPUs() throws {
    let map = try makeMap(.percpuHash, value: 4, max: 4, cpus: 2)
    #expect(programUpdate(map, le32(7), le32(1), cpu: 1) == .success)
    #expect(try map.lookup(le32(7)) == [UInt8](repeating: 0, count: 8) + le32(1) + [0, 0, 0, 0])
  }

  @Test func peopleWriteAllCPUsAtOnce() throws {
    let map = try makeMap(.percpuArray, value: 4, max: 2, cpus: 2)
    #expect(map.wholeValueSize == 16)
    #expect(throws: EBPFResult.invalidArgument) { try map.update(le32(0), le32(1)) }
    try map.update(le32(0), le32(1) + [0, 0, 0, 0] + le32(2) + [0, 0, 0, 0])
    let offset = try #require(programLookup(map, le32(0), cpu: 1))
    #expect(valueAt(map, offset) == le32(2))
  }

  @Test func theDefaultCPUCountIsTheSimulatedMachines() throws {
    #expect(try makeMap(.percpuHash).cpuCount == EBPFPlatform.cpuCount)
    #expect(try makeMap(.hash).cpuCount == 1)
  }
}
