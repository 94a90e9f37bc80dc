import Testing

@testable import NTCore

@Suite struct AccessMaskTests {
  @Test func genericMappingReplacesGenericBits() {
    let event = GenericMapping(0x20001, 0x20002, 0x120000, 0x1F0003)
    #expect(event.map([.genericRead]).rawValue == 0x20001)
    #expect(event.map(AccessMask(0xC000_0000)).rawValue == 0x20003)
    #expect(event.map([.genericAll, .delete]).rawValue == 0x1F0003)
    #expect(event.map(AccessMask(0x2)).rawValue == 0x2)
  }

  @Test func rendersHexForms() {
    #expect(AccessMask(0x1F0003).hex8 == "001f0003")
    #expect(AccessMask(0x1F0003).description == "0x1F0003")
    #expect(AccessMask(0x10_0000).standardNames == ["SYNCHRONIZE"])
  }
}

@Suite struct SIDTests {
  @Test func parsesAndPrints() throws {
    let sid = try #require(SID("S-1-5-32-544"))
    #expect(sid == .administrators)
    #expect(sid.description == "S-1-5-32-544")
    #expect(sid.bytes == [1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0])
    #expect(SID("BA") == .administrators)
    #expect(SID("S-1-0x1000000000000-1") == nil)  // authority beyond 48 bits
    #expect(SID("S-1-5-x") == nil)
    #expect(SID("S-2-5") == nil)
    #expect(SID.localSystem.wellKnownAccount?.name == "NT AUTHORITY\\SYSTEM")
    #expect(SID.logonSession(high: 0, low: 0x2d5c3).wellKnownAccount?.kind == "Logon Session")
  }

  @Test func refusesTooManySubAuthorities() {
    #expect(SID(authority: 5, Array(repeating: 1, count: 16)) == nil)
    #expect(SID(authority: 5, Array(repeating: 1, count: 15)) != nil)
  }
}

@Suite struct GUIDAndHandleTests {
  @Test func guidRoundTrips() throws {
    let g = try #require(GUID("{6b29fc40-ca47-1067-b31d-00dd010662da}"))
    #expect(g.description == "{6B29FC40-CA47-1067-B31D-00DD010662DA}")
    #expect(g.bytes.prefix(4) == [0x40, 0xFC, 0x29, 0x6B])
    #expect(GUID("6B29FC40-CA47-1067-B31D-00DD010662D") == nil)
  }

  @Test func handleKinds() {
    #expect(Handle.currentProcess.isPseudo)
    #expect(!Handle.currentProcess.isKernelHandle)
    #expect(Handle.kernel(index: 0x49).description == "0xffffffff80000124")
    #expect(Handle.kernel(index: 0x49).isKernelHandle)
    #expect(Handle.user(index: 0x69).description == "0x1a4")
    #expect(Handle(0x1a4).index == 0x69)
  }
}
