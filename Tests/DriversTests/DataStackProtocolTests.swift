import Drivers
import Kernel
import NTCore
import Testing

/// What the driver and the DLL share: control codes, structure layouts, rights, user memory.
@Suite struct DataStackProtocolTests {
  @Test func controlCodesAreMethodBufferedAnyAccess() {
    for (i, code) in DataStackProtocol.Ioctl.allCases.enumerated() {
      #expect(code.rawValue == IoControlCode.make(deviceType: 0x8009, function: 0x800 + UInt32(i), method: 0, access: 0))
    }
    #expect(DataStackProtocol.Ioctl.allCases.map(\.inputSize) == [24, 16, 24, 24, 8, 40])
  }

  @Test func structuresCarryTheirMembersAtTheCOffsets() {
    let push = DataStackProtocol.pushInput(handle: Handle(0x1a4), buffer: true, size: 19)
    #expect(DataStackProtocol.u64(push, at: 0) == 0x1a4 && DataStackProtocol.u64(push, at: 8) != 0)
    #expect(DataStackProtocol.u32(push, at: 16) == 19)
    var reused: [UInt8] = []
    DataStackProtocol.encodePush(&reused, handle: Handle(0x1a4), buffer: true, size: 19)
    #expect(reused == push)
    DataStackProtocol.encodePush(&reused, handle: Handle(8), buffer: false, size: 0)
    #expect(reused == DataStackProtocol.pushInput(handle: Handle(8), buffer: false, size: 0))
    let query = DataStackProtocol.queryInput(handle: Handle(4), informationClass: 2, buffer: false, bufferSize: 16, returnLength: true)
    #expect(DataStackProtocol.u32(query, at: 8) == 2 && DataStackProtocol.u64(query, at: 16) == 0)
    #expect(DataStackProtocol.u32(query, at: 24) == 16 && DataStackProtocol.u64(query, at: 32) != 0)
    #expect(DataStackProtocol.u64(query, at: 36) == 0)  // past the end reads zero
    let c = DataStackConfiguration(maxItemSize: 1, maxItemCount: 100, maxSize: 10 << 20)
    #expect(c.bytes.count == 16 && DataStackConfiguration(bytes: c.bytes) == c)
  }

  @Test func rightsAndMapping() {
    #expect(DataStackAccess.all.rawValue == 0x1F_000F)
    #expect(DataStackAccess.genericMapping.map(.genericRead) == AccessMask(0x2_0001))
    #expect(DataStackAccess.genericMapping.map(.genericWrite) == AccessMask(0x2_000E))
    #expect(DataStackProtocol.tag.description == "Dstk")
  }

  @Test func userMemoryFaultsWhereProbesWould() {
    let b = UserBuffer([1, 2, 3])
    #expect(b.probeForRead(3) == .success && b.probeForRead(4) == .accessViolation)
    #expect(b.probeForWrite(3) == .success)
    b.protection = .readOnly
    #expect(b.probeForRead(3) == .success && b.probeForWrite(1) == .accessViolation)
    b.protection = .noAccess
    #expect(b.probeForRead(0) == .accessViolation)
    let u = UserULong(5, protection: .readOnly)
    #expect(u.read() == 5 && !u.write(6) && u.value == 5)
    #expect(UserBuffer(Array("hi\0zz".utf8)).cString == "hi")
    #expect(UserBuffer([0xFE, 0xFF, 0xFF, 0xFF]).int32 == -2)
  }
}
