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

  @Test func lastErrorFollowsTheSeedsDLL() throws {
    let (_, api) = dataStackShell()
    #expect(api.OpenDataStack(.genericAll, false, nil) == nil && api.lastError == .invalidName)
    #expect(api.OpenDataStack(.genericAll, false, "") == nil && api.lastError == .invalidName)
    #expect(api.OpenDataStack(.genericAll, false, "Missing") == nil && api.lastError == .fileNotFound)
    _ = api.CreateEvent(nil, true, false, "AnEvent")
    #expect(api.OpenDataStack(.genericAll, false, "AnEvent") == nil && api.lastError == .invalidHandle)
    #expect(api.CreateDataStack(nil, 0, 0, 0, "AnEvent") == nil && api.lastStatus == .objectTypeMismatch)
    #expect(api.CreateDataStack(nil, 0, 0, 0, String(repeating: "n", count: 40_000)) == nil)
    #expect(api.lastError == .filenameExcedRange)
    let h = try #require(api.CreateDataStack(nil, 0, 1, 0, "Errors"))
    // BOOL functions set the last error only when they fail.
    api.SetLastError(1234)
    #expect(api.PushDataStack(h, intBuffer(1), 4) && api.GetLastError() == 1234)
    #expect(!api.PushDataStack(h, intBuffer(2), 4) && api.lastError == .noMoreItems && api.lastStatus == .noMoreEntries)
    #expect(!api.PushDataStack(h, intBuffer(2), 0) && api.lastError == .invalidParameter)
    #expect(!api.PushDataStack(h, nil, 4) && api.lastError == .invalidParameter)
    let small = UserULong(2)
    #expect(!api.PopDataStack(h, UserBuffer(count: 2), small) && api.lastError == .insufficientBuffer && small.value == 4)
    #expect(!api.PopDataStack(h, UserBuffer(count: 8), nil) && api.lastStatus == .invalidParameter(3))
    #expect(api.ClearDataStack(h))
    #expect(api.pop(h) == nil && api.lastError == .noData)
    var count: UInt32 = 9
    #expect(!api.GetDataStackItemCount(Handle(0x7770), &count) && api.lastError == .invalidHandle && count == 9)
    let readOnly = try #require(api.OpenDataStack(AccessMask(0x8000_0000), false, "errors"))
    #expect(!api.PushDataStack(readOnly, intBuffer(1), 4) && api.lastError == .accessDenied)
    #expect(api.GetDataStackItemCount(readOnly, &count) && count == 0)
  }

  @Test func namesAreSessionRelative() throws {
    let (m, api) = dataStackShell()
    let h = try #require(api.CreateDataStack(nil, 0, 0, 0, "Here"))
    #expect(api.process.handleTable.entry(h)?.object?.fullPath == "\\Sessions\\1\\BaseNamedObjects\\Here")
    let g = try #require(api.CreateDataStack(nil, 0, 0, 0, "Global\\There"))
    #expect(api.process.handleTable.entry(g)?.object?.fullPath == "\\BaseNamedObjects\\There")
    // A session-0 process (services.exe) names its objects in \BaseNamedObjects.
    let services = try #require(m.kernel.processes.first { $0.imageName == "services.exe" })
    guard case .success(let t) = m.kernel.actingThread(in: services) else { Issue.record("no thread"); return }
    let svc = Win32(kernel: m.kernel, thread: t)
    let s = try #require(svc.CreateDataStack(nil, 0, 0, 0, "There"))
    #expect(svc.lastError == .alreadyExists)
    #expect(svc.process.handleTable.entry(s)?.object === api.process.handleTable.entry(g)?.object)
  }

  @Test func withoutTheDriverTheDLLDoesNotLoad() {
    let (_, api) = shell()
    #expect(!api.LoadDataStackLibrary() && api.lastError.code == 1114 && api.lastStatus == .dllInitFailed)
    #expect(api.CreateDataStack(nil, 0, 0, 0, nil) == nil && api.lastStatus == .dllInitFailed)
    #expect(!api.PushDataStack(Handle(4), intBuffer(1), 4) && api.lastStatus == .dllInitFailed)
    if case .failure(let s) = DataStackLibrary.load(api.nt) { #expect(s == .objectNameNotFound) } else { Issue.record("loaded") }
  }
}

