import Kernel
import NTCore
import Testing

@testable import NTAPI

@Suite struct HandleStressTests {
  /// 100,000 handles in one process: to one named object, then to 100,000 objects; closing them
  /// all returns the handle table, the type counters and every pool tag to where they were.
  @Test func hundredThousandHandles() throws {
    let (m, api) = shell()
    let k = m.kernel
    let event = try #require(k.ob.type(named: "Event"))
    let pool = k.pool
    func bytes() -> [String: Int] {
      Dictionary(pool.tagUsage.filter { $0.tag.description != "Obtb" }.map { ($0.tag.description + ($0.paged ? "P" : "N"), $0.bytes) },
                 uniquingKeysWith: +)
    }
    let before = (bytes(), event.totalObjects, event.totalHandles, api.process.handleTable.count)
    let first = try #require(api.CreateEvent(nil, true, false, "Many"))
    var handles = [first]
    for _ in 1..<100_000 {
      guard let h = api.CreateEvent(nil, true, false, "Many") else {
        Issue.record("CreateEvent failed: \(api.lastError)")
        return
      }
      handles.append(h)
    }
    let object = try #require(api.process.handleTable.entry(first)?.object)
    #expect(object.handleCount == 100_000)
    #expect(k.ob.truePointerCount(object) == 100_001)  // the handles and the name
    for h in handles { #expect(api.CloseHandle(h)) }
    #expect(object.isDeleted)
    handles.removeAll()
    for _ in 0..<100_000 {
      guard let h = api.CreateEvent(nil, false, false, nil) else {
        Issue.record("CreateEvent failed: \(api.lastError)")
        return
      }
      handles.append(h)
    }
    #expect(event.totalObjects == before.1 + 100_000)
    #expect(api.process.handleTable.count == before.3 + 100_000)
    for h in handles.reversed() { _ = api.CloseHandle(h) }
    #expect(bytes() == before.0)
    #expect(event.totalObjects == before.1 && event.totalHandles == before.2)
    #expect(api.process.handleTable.count == before.3)
    // Handle values are reused once freed.
    let again = try #require(api.CreateEvent(nil, false, false, nil))
    #expect(again == handles[0])
    #expect(!api.CloseHandle(Handle(UInt64(400_004 * 4))) && api.lastError == .invalidHandle)
  }
}
