import Drivers
import Kernel
import NTCore
import Testing

@testable import NTAPI

/// DataStack.dll's Win32 API over the driver: the seed's parts 2–4 as a program sees them.
@Suite struct DataStackWin32Tests {
  @Test func createThenOpenByNameSharesOneObject() throws {
    let (m, api) = dataStackShell()
    let type = try #require(m.kernel.ob.type(named: "DataStack"))
    #expect(type.index == 72)
    let h = try #require(api.CreateDataStack(nil, 0, 100, 10 << 20, "MyDataStack"))
    #expect(api.GetLastError() == 0)
    let object = try #require(api.process.handleTable.entry(h)?.object)
    #expect(object.fullPath == "\\Sessions\\1\\BaseNamedObjects\\MyDataStack")
    #expect(object.handleCount == 1)
    let h2 = try #require(api.OpenDataStack(AccessMask(0x8000_0000), false, "mydatastack"))
    #expect(object.handleCount == 2)
    #expect(api.process.handleTable.entry(h2)?.object === object)
    // GENERIC_READ maps to STANDARD_RIGHTS_READ | DATA_STACK_QUERY.
    #expect(api.process.handleTable.entry(h2)?.grantedAccess == AccessMask(0x2_0001))
    #expect(type.totalObjects == 1 && type.totalHandles == 2 && type.highWaterHandles == 2)
    let h3 = try #require(api.CreateDataStack(nil, 1, 1, 1, "MyDataStack"))
    #expect(api.lastError == .alreadyExists)
    var config = DataStackConfiguration(maxItemSize: 9, maxItemCount: 9, maxSize: 9)
    #expect(api.GetDataStackConfig(h3, &config))
    #expect(config == DataStackConfiguration(maxItemSize: 0, maxItemCount: 100, maxSize: 10 << 20))
    for x in [h, h2, h3] { #expect(api.CloseHandle(x)) }
    #expect(type.totalObjects == 0 && type.totalHandles == 0)
  }

  @Test func pushPopIsLastInFirstOut() throws {
    let (m, api) = dataStackShell()
    let h = try #require(api.CreateDataStack(nil, 0, 0, 0, nil))
    for i in Int32(1)...5 { #expect(api.PushDataStack(h, intBuffer(i), 4)) }
    var count: UInt32 = 0
    var size: UInt64 = 0
    #expect(api.GetDataStackItemCount(h, &count) && api.GetDataStackSize(h, &size))
    #expect(count == 5 && size == 20)
    #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 5)
    for i in (Int32(1)...5).reversed() { #expect(api.pop(h) == LE.bytes(UInt64(i), count: 4)) }
    #expect(api.pop(h) == nil)
    #expect(api.lastError == .noData && api.lastStatus == .pipeEmpty)
    #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 0)
    #expect(api.CloseHandle(h))
  }
}

@Suite struct DataStackScratch {
  @Test func queryKeepsNoReference() throws {
    let (m, api) = dataStackShell()
    let t = try #require(m.kernel.ob.type(named: "DataStack"))
    let h = try #require(api.CreateDataStack(nil, 0, 0, 0, "Q"))
    let o = try #require(api.process.handleTable.entry(h)?.object)
    var c: UInt32 = 0
    var size: UInt64 = 0
    var config = DataStackConfiguration(maxItemSize: 0, maxItemCount: 0, maxSize: 0)
    #expect(api.GetDataStackItemCount(h, &c))
    print("1", o.pointerCount, api.process.handleTable.entry(h)?.refCount ?? 0)
    #expect(api.GetDataStackSize(h, &size))
    print("2", o.pointerCount, api.process.handleTable.entry(h)?.refCount ?? 0)
    #expect(api.GetDataStackConfig(h, &config))
    print("3", o.pointerCount, api.process.handleTable.entry(h)?.refCount ?? 0)
    #expect(api.CloseHandle(h))
    print("4", o.pointerCount, o.handleCount, t.totalObjects)
  }
}
