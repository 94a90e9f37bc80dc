import Testing

@testable import EBPFRuntime

@Suite struct LPMTrieMapTests {
  /// An IPv4 LPM key: prefix length, then the address in network order.
  func key(_ length: UInt32, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> [UInt8] { le32(length) + [a, b, c, d] }

  func makeTrie() throws -> EBPFMap {
    let map = try makeMap(.lpmTrie, key: 8, value: 4, max: 16)
    try map.update(key(8, 10, 0, 0, 0), le32(8))
    try map.update(key(16, 10, 1, 0, 0), le32(16))
    try map.update(key(24, 10, 1, 2, 0), le32(24))
    try map.update(key(0, 0, 0, 0, 0), le32(0))
    try map.update(key(32, 10, 1, 2, 3), le32(32))
    return map
  }

  @Test(arguments: [
    ((UInt8(10), UInt8(1), UInt8(2), UInt8(3)), UInt32(32)), ((10, 1, 2, 4), 24), ((10, 1, 3, 3), 16),
    ((10, 2, 2, 3), 8), ((11, 1, 2, 3), 0),
  ])
  func longestOverlappingPrefixWins(address: (UInt8, UInt8, UInt8, UInt8), expected: UInt32) throws {
    let map = try makeTrie()
    let probe = key(32, address.0, address.1, address.2, address.3)
    #expect(u32(try map.lookup(probe)) == expected)
    let offset = try #require(programLookup(map, probe))
    #expect(u32(valueAt(map, offset)) == expected)
  }

  @Test func aShorterProbeLengthOnlySeesShorterPrefixes() throws {
    let map = try makeTrie()
    #expect(u32(try map.lookup(key(20, 10, 1, 2, 3))) == 16)
    #expect(u32(try map.lookup(key(0, 99, 99, 99, 99))) == 0)
  }

  @Test func bitsPastThePrefixAreIgnored() throws {
    let map = try makeMap(.lpmTrie, key: 8, value: 4, max: 4)
    try map.update(key(12, 192, 168, 255, 255), le32(1))  // stored as 192.160.0.0/12
    #expect(u32(try map.lookup(key(32, 192, 175, 1, 1))) == 1)
    #expect(throws: EBPFResult.objectNotFound) { try map.lookup(key(32, 192, 176, 0, 0)) }
    #expect(try map.keys() == [key(12, 192, 160, 0, 0)])
    try map.update(key(12, 192, 160, 1, 2), le32(2))  // same prefix: replaces
    #expect(map.count == 1)
    try map.delete(key(12, 192, 170, 0, 0))
    #expect(map.count == 0)
    #expect(throws: EBPFResult.objectNotFound) { try map.lookup(key(32, 192, 175, 1, 1)) }
  }

  @Test func deletingALengthStopsMatchingIt() throws {
    let map = try makeTrie()
    try map.delete(key(24, 10, 1, 2, 0))
    #expect(u32(try map.lookup(key(32, 10, 1, 2, 4))) == 16)
    #expect(throws: EBPFResult.keyNotFound) { try map.delete(key(24, 10, 1, 2, 0)) }
  }

  @Test func prefixLongerThanTheKeyIsInvalid() throws {
    let map = try makeTrie()
    #expect(throws: EBPFResult.invalidArgument) { try map.update(key(33, 1, 1, 1, 1), le32(1)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.delete(key(40, 1, 1, 1, 1)) }
    #expect(throws: EBPFResult.objectNotFound) { try map.lookup(key(33, 10, 1, 2, 3)) }
    #expect(throws: EBPFResult.invalidArgument) { try map.nextKey(after: key(99, 0, 0, 0, 0)) }
    #expect(key(32, 10, 1, 2, 3).withUnsafeBytes { map.lookupAndDelete(key: $0.baseAddress!) } == nil)
  }

  @Test func keySizeMustLeaveRoomForAPrefix() {
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.lpmTrie, key: 4) }
    #expect(throws: EBPFResult.invalidArgument) { try makeMap(.lpmTrie, key: 300) }
  }

  @Test func ipv6Keys() throws {
    let map = try makeMap(.lpmTrie, key: 20, value: 4, max: 4)
    let net: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 12)
    try map.update(le32(32) + net, le32(6))
    var host = net
    host[15] = 1
    #expect(u32(try map.lookup(le32(128) + host)) == 6)
  }
}

@Suite struct LPMTrieModelTests {
  @Test func agreesWithABruteForceLongestPrefixMatch() throws {
    let map = try makeMap(.lpmTrie, key: 8, value: 4, max: 128)
    var state: UInt32 = 7
    func random() -> UInt32 {
      state = state &* 1_103_515_245 &+ 12345
      return state
    }
    func masked(_ address: UInt32, _ length: Int) -> UInt32 { length == 0 ? 0 : address & ~0 << (32 - length) }
    func key(_ length: Int, _ address: UInt32) -> [UInt8] {
      le32(UInt32(length))
        + [UInt8(address >> 24), UInt8(address >> 16 & 0xFF), UInt8(address >> 8 & 0xFF), UInt8(address & 0xFF)]
    }
    var model: [Int: [UInt32: UInt32]] = [:]  // length -> masked prefix -> value
    for i in 0..<100 {
      let length = Int(random() % 33)
      let prefix = random() & 0xFFF0_0000 | random() % 16  // share high bits so prefixes overlap
      try map.update(key(length, prefix), le32(UInt32(i)))
      model[length, default: [:]][masked(prefix, length)] = UInt32(i)
    }
    for _ in 0..<2000 {
      let address = random() & 0xFFF0_0000 | random() % 256
      let queryLength = Int(random() % 33)
      var expected: UInt32?
      for length in stride(from: queryLength, through: 0, by: -1) {
        if let value = model[length]?[masked(address, length)] {
          expected = value
          break
        }
      }
      let got = try? map.lookup(key(queryLength, address))
      #expect(got.map(u32) == expected, "address \(address) /\(queryLength)")
    }
  }
}
