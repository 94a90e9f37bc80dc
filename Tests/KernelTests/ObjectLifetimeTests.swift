import NTCore
import Testing

@testable import Kernel

@Suite struct ObjectLifetimeTests {
  /// The seed's Job + notepad walk-through: the name leaves with the last handle while the
  /// process's reference keeps the job alive; reopening fails with NAME_NOT_FOUND (error 2).
  @Test func jobNameDiesWithLastHandleWhileProcessKeepsJob() throws {
    let b = Booted()
    var process = Handle.null, thread = Handle.null
    #expect(b.user { $0.NtCreateUserProcess(&process, &thread, image: "notepad.exe", commandLine: "notepad", inheritHandles: false, body: nil) } == .success)
    var job = Handle.null
    let attrs = ObjectAttributes(Booted.bno("MyTestJob"))
    #expect(b.user { $0.NtCreateJobObject(&job, AccessMask(0x1F_003F), attrs) } == .success)
    #expect(b.user { $0.NtAssignProcessToJobObject(job, process) } == .success)
    let jobObject = try #require(b.object(job))
    #expect(jobObject.handleCount == 1)
    #expect(jobObject.pointerCount == 32768)
    #expect(b.kernel.ob.truePointerCount(jobObject) == 3)
    #expect(b.user { $0.NtClose(job) } == .success)
    #expect(jobObject.handleCount == 0)
    #expect(jobObject.pointerCount == 1)
    #expect(jobObject.directory == nil)
    #expect(jobObject.name == "MyTestJob")
    #expect(!jobObject.isDeleted)
    var again = Handle.null
    let s = b.user { $0.NtOpenJobObject(&again, AccessMask(0x4), attrs) }
    #expect(s == .objectNameNotFound)
    #expect(s.win32Error == .fileNotFound)
    // Notepad dies and its last handle closes: the job goes with the process object.
    #expect(b.user { $0.NtTerminateProcess(process, 0) } == .success)
    #expect(!jobObject.isDeleted)
    _ = b.user { $0.NtClose(process) }
    _ = b.user { $0.NtClose(thread) }
    #expect(jobObject.isDeleted)
  }

  @Test func permanentNeedsThePrivilegeFromUserModeOnly() throws {
    let b = Booted()
    var h = Handle.null
    let name = Booted.bno("Perm")
    #expect(b.user { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), ObjectAttributes(name), notification: true, initialState: false) } == .success)
    #expect(b.user { $0.NtMakePermanentObject(h) } == .privilegeNotHeld)
    // As services.exe (SYSTEM holds and enables SeCreatePermanentPrivilege).
    let services = try #require(b.kernel.processes.first { $0.imageName == "services.exe" })
    var h2 = Handle.null
    let name2 = "\\BaseNamedObjects\\Perm2"
    #expect(b.user(as: services) { $0.NtCreateEvent(&h2, AccessMask(0x1F_0003), ObjectAttributes(name2), notification: true, initialState: false) } == .success)
    #expect(b.user(as: services) { $0.NtMakePermanentObject(h2) } == .success)
    let o = try #require(services.handleTable.entry(h2)?.object)
    #expect(b.user(as: services) { $0.NtClose(h2) } == .success)
    #expect(o.fullPath == name2)  // name survives
    #expect(o.handleCount == 0 && o.pointerCount == 1)
    // Reopen, make temporary, close: gone.
    var h3 = Handle.null
    #expect(b.user(as: services) { $0.NtOpenEvent(&h3, .delete, ObjectAttributes(name2)) } == .success)
    #expect(b.user(as: services) { $0.NtMakeTemporaryObject(h3) } == .success)
    #expect(b.user(as: services) { $0.NtClose(h3) } == .success)
    #expect(o.isDeleted)
    // Kernel callers are exempt from the privilege.
    #expect(b.kernelMode { nt in nt.kernel.services.NtMakePermanentObject(h, mode: .kernelMode) } == .invalidHandle)
  }

  @Test func createOpenIfCollisionAndTypeMismatch() {
    let b = Booted()
    var e1 = Handle.null, e2 = Handle.null, e3 = Handle.null, m = Handle.null
    let n = Booted.bno("X")
    #expect(b.user { $0.NtCreateEvent(&e1, AccessMask(0x1F_0003), ObjectAttributes(n), notification: true, initialState: false) } == .success)
    #expect(b.user { $0.NtCreateEvent(&e2, AccessMask(0x1F_0003), ObjectAttributes(n), notification: true, initialState: false) } == .objectNameCollision)
    #expect(b.user { $0.NtCreateEvent(&e3, AccessMask(0x1F_0003), ObjectAttributes(n, attributes: .openIf), notification: false, initialState: true) } == .objectNameExists)
    #expect(b.object(e1) === b.object(e3))
    #expect((b.object(e3)?.body as? KEvent)?.isNotification == true)  // the existing object, unchanged
    #expect(b.user { $0.NtCreateMutant(&m, AccessMask(0x1F_0001), ObjectAttributes(n, attributes: .openIf), initialOwner: false) } == .objectTypeMismatch)
    var x = Handle.null
    #expect(b.user { $0.NtOpenMutant(&x, AccessMask(0x1F_0001), ObjectAttributes(n)) } == .objectTypeMismatch)
  }

  @Test func pathNotFoundNameNotFoundAndCase() {
    let b = Booted()
    var h = Handle.null
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes("\\Sessions\\1\\BaseNamedObjects\\nope")) } == .objectNameNotFound)
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes("\\Sessions\\1\\Nope\\x")) } == .objectPathNotFound)
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes("Sessions")) } == .objectPathSyntaxBad)
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes("\\Sessions\\\\1")) } == .objectNameInvalid)
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes("\\Sessions\\1\\")) } == .objectNameInvalid)
    let n = Booted.bno("Case")
    #expect(b.user { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), ObjectAttributes(n), notification: true, initialState: false) } == .success)
    var g = Handle.null
    #expect(b.user { $0.NtOpenEvent(&g, AccessMask(0x1), ObjectAttributes(Booted.bno("case"))) } == .objectNameNotFound)
    #expect(b.user { $0.NtOpenEvent(&g, AccessMask(0x1), ObjectAttributes(Booted.bno("case"), attributes: .caseInsensitive)) } == .success)
    // Lower-case directories need OBJ_CASE_INSENSITIVE for a case-sensitive type, as Wine's tests show.
    #expect(b.user { $0.NtOpenEvent(&g, AccessMask(0x1), ObjectAttributes("\\sessions\\1\\basenamedobjects\\Case")) } == .objectPathNotFound)
    // Through the Global link and through a non-directory.
    var gl = Handle.null
    #expect(b.user { $0.NtOpenEvent(&gl, AccessMask(0x1), ObjectAttributes(Booted.bno("Global\\TermSrvReadyEvent"))) } == .success)
    #expect(b.user { $0.NtOpenEvent(&gl, AccessMask(0x1), ObjectAttributes(Booted.bno("Case\\x"))) } == .objectTypeMismatch)
  }

  @Test func symbolicLinkLoopIsRefused() {
    let b = Booted()
    var l1 = Handle.null, l2 = Handle.null, h = Handle.null
    #expect(b.user { $0.NtCreateSymbolicLinkObject(&l1, AccessMask(0xF_0001), ObjectAttributes(Booted.bno("A")), target: Booted.bno("B")) } == .success)
    #expect(b.user { $0.NtCreateSymbolicLinkObject(&l2, AccessMask(0xF_0001), ObjectAttributes(Booted.bno("B")), target: Booted.bno("A")) } == .success)
    #expect(b.user { $0.NtOpenEvent(&h, AccessMask(0x1), ObjectAttributes(Booted.bno("A"))) } == .reparsePointNotResolved)
  }

  @Test func closingEveryHandleRestoresEveryCounter() throws {
    let b = Booted()
    let pool = b.kernel.pool
    let before = pool.tagUsage
    // Work in a fresh process so its handle table's pages are part of what is measured.
    var ph = Handle.null, th = Handle.null
    #expect(b.user { $0.NtCreateUserProcess(&ph, &th, image: "worker.exe", commandLine: "worker", inheritHandles: false, body: nil) } == .success)
    let worker = try #require(b.kernel.process(pid: (b.object(ph)?.body as? EProcess)?.pid ?? 0))
    _ = b.user { $0.NtClose(ph) }
    _ = b.user { $0.NtClose(th) }
    let eventType = b.kernel.ob.type(named: "Event")!
    let (objects, handles) = (eventType.totalObjects, eventType.totalHandles)
    var created: [Handle] = []
    for i in 0..<300 {
      var h = Handle.null
      let s = b.user(as: worker) { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), ObjectAttributes(Booted.bno("E\(i % 50)"), attributes: .openIf), notification: true, initialState: false) }
      #expect(s.isSuccess)
      created.append(h)
    }
    #expect(eventType.totalObjects == objects + 50)
    for h in created { #expect(b.user(as: worker) { $0.NtClose(h) } == .success) }
    #expect(eventType.totalObjects == objects && eventType.totalHandles == handles)
    // The table's extra pages stay until the process exits, as on Windows; then everything is back.
    b.kernel.terminate(worker, exitStatus: 0)
    let after = pool.tagUsage
    func bytes(_ u: [Pool.TagUsage]) -> [String: Int] {
      Dictionary(u.map { ($0.tag.description + ($0.paged ? "/P" : "/N"), $0.bytes) }, uniquingKeysWith: +)
    }
    #expect(bytes(after) == bytes(before))
    #expect(b.kernel.process(pid: worker.pid) == nil)
  }

  /// A create refused because the name is taken (without OBJ_OPENIF) or taken by another type
  /// leaves the existing object's counts as they were: closing its handle deletes it.
  @Test func refusedCreatesKeepNoReferenceOnTheExistingObject() throws {
    let b = Booted()
    var e = Handle.null
    let attrs = ObjectAttributes(Booted.bno("Taken"))
    #expect(b.user { $0.NtCreateEvent(&e, .genericAll, attrs, notification: true, initialState: false) } == .success)
    let event = try #require(b.object(e))
    let before = event.pointerCount
    var other = Handle.null
    #expect(b.user { $0.NtCreateEvent(&other, .genericAll, attrs, notification: true, initialState: false) } == .objectNameCollision)
    #expect(b.user { $0.NtCreateMutant(&other, .genericAll, attrs, initialOwner: false) } == .objectTypeMismatch)
    #expect(event.pointerCount == before)
    #expect(b.user { $0.NtClose(e) } == .success)
    #expect(event.isDeleted)
  }
}

@Suite struct SystemHandleQueryTests {
  @Test func oneHandlesRowMatchesTheFullListWithoutAScan() {
    let b = Booted()
    var handles: [Handle] = []
    for i in 0..<3 {
      var h = Handle.null
      let attrs = i == 1 ? ObjectAttributes(Booted.bno("Row")) : nil
      #expect(b.user { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), attrs, notification: true, initialState: false) } == .success)
      handles.append(h)
    }
    let all = b.user { $0.NtQuerySystemHandles(pid: b.ntsh.pid) }
    for h in handles {
      let one = b.user { $0.NtQuerySystemHandle(pid: b.ntsh.pid, handle: h) }
      #expect(one != nil)
      #expect(one == all.first { $0.handle == h })
    }
    #expect(b.user { $0.NtQuerySystemHandle(pid: b.ntsh.pid, handle: handles[1]) }?.name == Booted.bno("Row"))
    #expect(b.user { $0.NtClose(handles[0]) } == .success)
    #expect(b.user { $0.NtQuerySystemHandle(pid: b.ntsh.pid, handle: handles[0]) } == nil)
    #expect(b.user { $0.NtQuerySystemHandle(pid: 0xFFFF_FFF0, handle: handles[1]) } == nil)
  }
}

@Suite struct DuplicateTests {
  @Test func aCallerCannotRaiseItsOwnHandlesAccess() {
    let b = Booted()
    var h = Handle.null
    #expect(b.user { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), ObjectAttributes(Booted.bno("Dup")), notification: true, initialState: false) } == .success)
    var weak = Handle.null
    #expect(b.user { $0.NtOpenEvent(&weak, .synchronize, ObjectAttributes(Booted.bno("Dup"))) } == .success)
    var copy = Handle.null
    // The DACL would allow EVENT_MODIFY_STATE, but the source handle does not have it.
    #expect(b.user { $0.NtDuplicateObject(.currentProcess, weak, .currentProcess, &copy, AccessMask(0x2), [], 0) } == .accessDenied)
    #expect(b.user { $0.NtDuplicateObject(.currentProcess, weak, .currentProcess, &copy, .synchronize, [], 0) } == .success)
    #expect(b.user { $0.NtDuplicateObject(.currentProcess, h, .currentProcess, &copy, .synchronize, [], 0) } == .success)
    #expect(b.ntsh.handleTable.entry(copy)?.grantedAccess == .synchronize)
    #expect(b.user { $0.NtDuplicateObject(.currentProcess, weak, .currentProcess, &copy, [], [], 2) } == .success)
    #expect(b.ntsh.handleTable.entry(copy)?.grantedAccess == .synchronize)
  }
}
