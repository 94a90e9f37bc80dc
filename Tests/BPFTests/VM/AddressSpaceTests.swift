import Testing

@testable import BPF

@Suite struct AddressSpaceTests {
  @Test func regionsGetSimulatedAddressesByIndex() throws {
    let space = AddressSpace()
    let a = try space.allocate(size: 8, kind: .context, name: "a")
    let b = try space.allocate(size: 8, kind: .mapValue, name: "b")
    #expect(a.address == AddressSpace.base)
    #expect(b.address == AddressSpace.base | 1 << 32)
    #expect(space.region(containing: b.address + 3) == b)
    #expect(space.region(containing: 0x1234) == nil)
    #expect(space.liveRegions == [a, b])
    space.unregister(a)
    #expect(space.region(containing: a.address) == nil)
    #expect(throws: MemoryError(address: a.address, size: 1, isWrite: false, region: nil)) {
      try space.load(UInt8.self, from: a.address)
    }
    // Indices are handed out round-robin, so a freed index is not reused at once.
    let c = try space.allocate(size: 8, kind: .other, name: "c")
    #expect(c.index == 2)
  }

  @Test func accessorsCheckBoundsAndPermissions() throws {
    let space = AddressSpace()
    let r = try space.allocate(copying: [1, 2, 3, 0, 5], kind: .packet, name: "p")
    #expect(try space.read(r.address + 1, count: 3) == [2, 3, 0])
    #expect(try space.cString(at: r.address) == [1, 2, 3])
    #expect(try space.load(UInt16.self, from: r.address) == 0x0201)
    try space.store(UInt16(0xbeef), to: r.address + 3)
    #expect(try space.read(r.address + 3, count: 2) == [0xef, 0xbe])
    #expect(throws: MemoryError(address: r.address + 4, size: 2, isWrite: false, region: r)) {
      try space.load(UInt16.self, from: r.address + 4)
    }
    #expect(try space.read(r.address + 5, count: 0) == [])
    space.setAccess(.readOnly, of: r)
    #expect(throws: MemoryError.self) { try space.write([0], to: r.address) }
    #expect(
      MemoryError(address: r.address, size: 1, isWrite: true, region: space.region(containing: r.address)).description
        == "write of 1 byte at \(hexAddress(r.address)) to read-only memory in packet 'p'"
        + " (5 bytes at \(hexAddress(r.address)))"
    )
  }

  @Test func callerOwnedBuffersAreSharedNotCopied() throws {
    let space = AddressSpace()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 4)
    defer { buffer.deallocate() }
    buffer.copyBytes(from: [0, 0, 0, 0])
    let r = try space.register(buffer, kind: .mapValue, name: "map")
    try space.store(UInt32(7), to: r.address)
    #expect(buffer.load(as: UInt32.self) == 7)
    space.unregister(r)
  }

  @Test func tableHasAFixedCapacity() throws {
    let space = AddressSpace()
    for i in 0..<AddressSpace.capacity { _ = try space.allocate(size: 1, kind: .other, name: "\(i)") }
    #expect(throws: RegionError.tableFull(AddressSpace.capacity)) {
      try space.allocate(size: 1, kind: .other, name: "one too many")
    }
  }
}
