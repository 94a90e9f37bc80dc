import NTCore
import Testing

@testable import Kernel

/// The bytes at an object's address, decoded through the layouts, agree with the object's state:
/// what the kd context's `dt`, `db` and `!object` will rely on.
@Suite struct MemoryImageTests {
  func field(_ k: Kernel, _ layout: String, _ name: String, at base: UInt64) -> UInt64? {
    guard let l = Layouts.named(layout), let (offset, kind) = LayoutWriter.resolve(name, in: l) else { return nil }
    guard let raw = k.memory.readInteger(base + UInt64(offset), size: kind.size) else { return nil }
    if case .bitfield(let pos, let width, _) = kind { return (raw >> UInt64(pos)) & ((1 << UInt64(width)) - 1) }
    return raw
  }

  @Test func objectHeaderBytesMatchTheObject() throws {
    let b = Booted()
    let k = b.kernel
    var h = Handle.null
    #expect(b.user { $0.NtCreateJobObject(&h, AccessMask(0x1F_003F), ObjectAttributes(Booted.bno("Mem"))) } == .success)
    let o = try #require(b.object(h))
    let header = o.headerAddress
    #expect(field(k, "_OBJECT_HEADER", "PointerCount", at: header) == UInt64(o.pointerCount))
    #expect(field(k, "_OBJECT_HEADER", "HandleCount", at: header) == 1)
    #expect(field(k, "_OBJECT_HEADER", "InfoMask", at: header) == 0x0a)
    #expect(field(k, "_OBJECT_HEADER", "PermanentObject", at: header) == 0)
    // TypeIndex is encoded with the header cookie and the header address's second byte.
    let encoded = try #require(field(k, "_OBJECT_HEADER", "TypeIndex", at: header))
    let cookieAddress = try #require(k.symbols.address(of: "nt!ObHeaderCookie"))
    let cookie = try #require(k.memory.readInteger(cookieAddress, size: 1))
    #expect(UInt8(encoded) ^ UInt8(cookie) ^ UInt8((header >> 8) & 0xFF) == o.type.index)
    // ObTypeIndexTable[index] is the type object.
    let table = try #require(k.symbols.address(of: "ObTypeIndexTable"))
    #expect(k.memory.readInteger(table + UInt64(o.type.index) * 8, size: 8) == o.type.object?.address)
    // The name-info header through ObpInfoMaskToOffset, as the seed's dx does.
    let offsets = try #require(k.symbols.address(of: "ObpInfoMaskToOffset"))
    #expect(k.memory.read(offsets, count: 16).compactMap { $0 } == [0x00, 0x20, 0x20, 0x40, 0x10, 0x30, 0x30, 0x50, 0x20, 0x40, 0x40, 0x60, 0x30, 0x50, 0x50, 0x70])
    let nameOffset = try #require(k.memory.readInteger(offsets + UInt64(0x0a & 3), size: 1))
    let nameInfo = header - nameOffset
    #expect(field(k, "_OBJECT_HEADER_NAME_INFO", "Directory", at: nameInfo) == o.directory?.address)
    let buffer = try #require(field(k, "_OBJECT_HEADER_NAME_INFO", "Name.Buffer", at: nameInfo))
    let length = try #require(field(k, "_OBJECT_HEADER_NAME_INFO", "Name.Length", at: nameInfo))
    let units = k.memory.read(buffer, count: Int(length)).compactMap { $0 }
    #expect(String(decoding: stride(from: 0, to: units.count, by: 2).map { UInt16(units[$0]) | UInt16(units[$0 + 1]) << 8 }, as: UTF16.self) == "Mem")
    // The pool header before the allocation carries the type's tag.
    let tag = try #require(k.memory.readInteger(o.block.headerAddress + 4, size: 4))
    #expect(PoolTag(rawValue: UInt32(tag)).description == "Job ")
    // Close the handle: the bytes follow.
    _ = b.user { $0.NtClose(h) }
    #expect(field(k, "_OBJECT_HEADER", "HandleCount", at: header) == nil)  // freed: unmapped
  }

  @Test func processAndHandleTableImages() throws {
    let b = Booted()
    let k = b.kernel
    let p = try #require(b.ntsh.object)
    #expect(field(k, "_EPROCESS", "UniqueProcessId", at: p.address) == UInt64(b.ntsh.pid))
    let name = k.memory.read(p.address + 0x5a8, count: 8).compactMap { $0 }
    #expect(String(decoding: name, as: UTF8.self) == "ntsh.exe")
    #expect(field(k, "_EPROCESS", "ObjectTable", at: p.address) == b.ntsh.handleTable.address)
    let h = Handle(0x4)
    let entry = b.ntsh.handleTable.entryAddress(h)
    let object = try #require(b.object(h))
    let bits = try #require(field(k, "_HANDLE_TABLE_ENTRY", "ObjectPointerBits", at: entry))
    #expect((bits << 4) | 0xFFFF_0000_0000_0000 == object.headerAddress)
    #expect(field(k, "_HANDLE_TABLE_ENTRY", "GrantedAccessBits", at: entry) == 0x3)
    #expect(field(k, "_HANDLE_TABLE_ENTRY", "RefCnt", at: entry) == 0x7FFE)
    // PsActiveProcessHead links the processes through ActiveProcessLinks.
    let head = try #require(k.symbols.address(of: "PsActiveProcessHead"))
    let first = try #require(k.memory.readInteger(head, size: 8))
    #expect(first - 0x448 == k.systemProcess.object?.address)
  }

  @Test func typeObjectImageCarriesStatistics() throws {
    let b = Booted()
    let k = b.kernel
    let event = try #require(k.ob.type(named: "Event"))
    let a = try #require(event.object?.address)
    #expect(field(k, "_OBJECT_TYPE", "Index", at: a) == 19)
    #expect(field(k, "_OBJECT_TYPE", "TotalNumberOfObjects", at: a) == UInt64(event.totalObjects))
    #expect(field(k, "_OBJECT_TYPE", "Key", at: a) == 0x6e65_7645)
    #expect(field(k, "_OBJECT_TYPE", "TypeInfo.ValidAccessMask", at: a) == 0x1F_0003)
    #expect(field(k, "_OBJECT_TYPE", "TypeInfo.GenericMapping.GenericExecute", at: a) == 0x12_0000)
  }
}
