import NTCore
import Testing

@testable import Kernel

/// A driver-defined object type written against the exports alone, as the DataStack driver will be.
@Suite struct DriverTypeTests {
  final class Stack: WaitableBody {
    let event: KEvent
    var items: [Pool.Block] = []
    init(_ nt: Ntoskrnl) { event = nt.KeInitializeEvent(notification: true, state: false) }
    var dispatcherObject: DispatcherObject { event }
  }

  static let tag = PoolTag(reversedLiteral: "ktsT")

  @Test func aDriverTypeLivesThroughTheExports() throws {
    let b = Booted()
    let k = b.kernel
    var type: ObjectType?
    var deleted = 0
    let registered: NTStatus = b.kernelMode { nt in
      var i = ObjectTypeInitializer()
      i.poolType = .nonPagedNx
      i.validAccessMask = AccessMask(0x1F_000F)
      i.genericMapping = GenericMapping(0x20001, 0x2000E, 0x12_0000, 0x1F_000F)
      i.securityRequired = true
      i.deleteProcedure = { o in
        guard let s = o.body as? Stack else { return }
        for item in s.items { nt.ExFreePool(item) }
        deleted += 1
      }
      return nt.ObCreateObjectType("TestStack", i, nil, &type, accessRightNames: [(1, "QUERY"), (2, "PUSH")])
    }
    #expect(registered == .success)
    let t = try #require(type)
    #expect(t.index == 72)
    #expect(t.key.description == "Test")
    var again: ObjectType?
    #expect(b.kernelMode { nt in nt.ObCreateObjectType("TestStack", ObjectTypeInitializer(), nil, &again) } == .objectNameCollision)

    // Create by name from a process's context (user previous mode, as an IOCTL would).
    func create() -> (NTStatus, Handle) {
      k.withCaller(b.thread, mode: .userMode) {
        let nt = k.ntoskrnl
        var o: KObject?
        let attrs = ObjectAttributes("Stack1", attributes: [.openIf, .caseInsensitive], root: b.ntsh.namedObjectDirectory)
        var s = nt.ObCreateObject(nt.ExGetPreviousMode(), t, attrs, .kernelMode, nil, 0x60, 0, 0, &o)
        guard s.isSuccess, let o else { return (s, .null) }
        let stack = Stack(nt)
        for _ in 0..<3 { if let blk = nt.ExAllocatePoolWithTag(.paged, 16, Self.tag) { stack.items.append(blk) } }
        stack.event.signalState = 1
        o.body = stack
        var h = Handle.null
        var inserted: KObject?
        s = nt.ObInsertObject(o, nil, AccessMask(0x1F_000F), 0, &inserted, &h)
        if let inserted { nt.ObDereferenceObject(inserted) }
        return (s, h)
      }
    }
    let (s1, h1) = create()
    #expect(s1 == .success)
    let (s2, h2) = create()
    #expect(s2 == .objectNameExists)  // the second object was discarded: its delete procedure ran
    #expect(deleted == 1)
    #expect(t.totalObjects == 1 && t.totalHandles == 2 && t.highWaterObjects == 2)
    #expect(b.object(h1)?.fullPath == "\\Sessions\\1\\BaseNamedObjects\\Stack1")
    // Waitable through its body's event; access is checked against the handle.
    #expect(b.user { $0.NtWaitForMultipleObjectsSynchronously([h1], waitAll: false, timeout: 0) } == .success(.completed(.wait0)))
    var object: KObject?
    let denied = k.withCaller(b.thread, mode: .userMode) {
      k.ntoskrnl.ObReferenceObjectByHandle(h1, AccessMask(0x10), t, .userMode, &object)
    }
    #expect(denied == .accessDenied)
    #expect(k.pool.usage(of: Self.tag, paged: true).diff == 3)
    _ = b.user { $0.NtClose(h1) }
    _ = b.user { $0.NtClose(h2) }
    #expect(deleted == 2)
    #expect(k.pool.usage(of: Self.tag, paged: true).diff == 0)
    #expect(t.totalObjects == 0 && t.totalHandles == 0)
  }
}
