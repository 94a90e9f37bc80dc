import Testing

@testable import EBPFRuntime

@Suite struct PerfEventArrayMapTests {
  func makePerf() throws -> PerfEventArrayMap {
    try #require(try makeMap(.perfEventArray, key: 4, value: 4, max: 32, cpus: 2) as? PerfEventArrayMap)
  }

  @Test func eachCPUWritesItsOwnRing() throws {
    let perf = try makePerf()
    #expect(perf.ringCount == 2)
    let data: [UInt8] = [1, 2, 3]
    data.withUnsafeBytes { #expect(perf.output($0, flags: PerfEventArrayMap.currentCPU, cpu: 1) == .success) }
    data.withUnsafeBytes { #expect(perf.output($0, flags: 0, cpu: 0) == .success) }
    data.withUnsafeBytes { #expect(perf.output($0, flags: 1, cpu: 0) == .invalidArgument) }  // another CPU
    #expect(perf.pendingRecords(cpu: 0) == [[1, 2, 3]])
    #expect(perf.consume(cpu: 1) == [[1, 2, 3]])
    #expect(perf.pendingRecords(cpu: 1).isEmpty && perf.pendingRecords(cpu: 5).isEmpty)
  }

  @Test func contextDataIsAppendedOnRequest() throws {
    let perf = try makePerf()
    let packet: [UInt8] = [9, 8, 7, 6, 5]
    let flags = PerfEventArrayMap.currentCPU | (3 << 32)
    [UInt8]([1]).withUnsafeBytes { data in
      packet.withUnsafeBytes { context in
        #expect(perf.output(data, flags: flags, cpu: 0, contextData: context) == .success)
        #expect(perf.output(data, flags: PerfEventArrayMap.currentCPU | (6 << 32), cpu: 0, contextData: context)
          == .invalidArgument)
      }
      #expect(perf.output(data, flags: flags, cpu: 0) == .operationNotSupported)
    }
    #expect(perf.pendingRecords(cpu: 0) == [[1, 9, 8, 7]])
  }

  @Test func aFullRingLosesAndCountsRecords() throws {
    let perf = try makePerf()
    let big = [UInt8](repeating: 1, count: 8)
    big.withUnsafeBytes { data in
      #expect(perf.output(data, flags: PerfEventArrayMap.currentCPU, cpu: 0) == .success)
      #expect(perf.output(data, flags: PerfEventArrayMap.currentCPU, cpu: 0) == .success)
      #expect(perf.output(data, flags: PerfEventArrayMap.currentCPU, cpu: 0) == .outOfSpace)
    }
    #expect(perf.lostRecords == [1, 0])
  }

  @Test func unknownFlagBitsAreInvalid() throws {
    let perf = try makePerf()
    [UInt8]([1]).withUnsafeBytes { #expect(perf.output($0, flags: 1 << 60, cpu: 0) == .invalidArgument) }
  }
}
