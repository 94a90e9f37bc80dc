import Kernel
import NTCore
import Testing

@testable import NTAPI

/// ntsh.exe's Win32 API on a fresh machine.
func shell(seed: UInt64 = 0) -> (Machine, Win32) {
  let m = Machine(configuration: BootConfiguration(seed: seed))
  let k = m.kernel
  guard let p = k.shellProcess, case .success(let t) = k.actingThread(in: p) else { fatalError("boot") }
  return (m, Win32(kernel: k, thread: t))
}

@Suite struct Win32ObjectTests {
  @Test func createEventTwiceReportsAlreadyExists() throws {
    let (_, api) = shell()
    let h1 = try #require(api.CreateEvent(nil, true, false, "Shared"))
    #expect(api.GetLastError() == 0)
    let h2 = try #require(api.CreateEvent(nil, false, true, "Shared"))
    #expect(api.lastError == .alreadyExists)
    #expect(api.lastStatus == .objectNameExists)
    #expect(h1 != h2)
    #expect(api.process.handleTable.entry(h1)?.object === api.process.handleTable.entry(h2)?.object)
    #expect(api.process.handleTable.entry(h1)?.object?.fullPath == "\\Sessions\\1\\BaseNamedObjects\\Shared")
  }

  @Test func win32NameErrors() {
    let (_, api) = shell()
    _ = api.CreateEvent(nil, true, false, "Taken")
    #expect(api.CreateMutex(nil, false, "Taken") == nil)
    #expect(api.lastError == .invalidHandle && api.lastStatus == .objectTypeMismatch)
    #expect(api.OpenEvent(AccessMask(0x10_0000), false, "Missing") == nil)
    #expect(api.lastError == .fileNotFound)
    #expect(api.CreateEvent(nil, true, false, "willy\\wonka") == nil)
    #expect(api.lastError == .pathNotFound)
    #expect(api.CreateEvent(nil, true, false, String(repeating: "n", count: 40_000)) == nil)
    #expect(api.lastError == .filenameExcedRange)
    #expect(api.OpenEvent(AccessMask(0x1), false, nil) == nil)
    #expect(api.lastError == .invalidParameter)
  }

  @Test func globalPrefixReachesTheGlobalNamespace() throws {
    let (_, api) = shell()
    let h = try #require(api.CreateEvent(nil, true, false, "Global\\Everywhere"))
    #expect(api.process.handleTable.entry(h)?.object?.fullPath == "\\BaseNamedObjects\\Everywhere")
    let local = try #require(api.CreateEvent(nil, true, false, "Local\\Here"))
    #expect(api.process.handleTable.entry(local)?.object?.fullPath == "\\Sessions\\1\\BaseNamedObjects\\Here")
  }

  @Test func theSeedsJobWalkThrough() throws {
    let (_, api) = shell()
    let pi = try #require(api.CreateProcess("notepad"))
    let job = try #require(api.CreateJobObject(nil, "MyTestJob"))
    #expect(api.AssignProcessToJobObject(job, pi.process))
    let jobObject = try #require(api.process.handleTable.entry(job)?.object)
    #expect(api.kernel.ob.truePointerCount(jobObject) == 3)
    #expect(api.CloseHandle(job))
    #expect(jobObject.handleCount == 0 && jobObject.pointerCount == 1 && jobObject.directory == nil)
    #expect(api.OpenJobObject(AccessMask(0x4), false, "MyTestJob") == nil)
    #expect(api.GetLastError() == 2)
  }

  @Test func semaphoresAndMutexes() throws {
    let (_, api) = shell()
    let s = try #require(api.CreateSemaphore(nil, 1, 2, nil))
    var previous: Int32 = -1
    #expect(api.ReleaseSemaphore(s, 1, &previous) && previous == 1)
    #expect(!api.ReleaseSemaphore(s, 1, &previous))
    #expect(api.lastError == .tooManyPosts)
    #expect(api.CreateSemaphore(nil, 3, 2, nil) == nil && api.lastError == .invalidParameter)
    let m = try #require(api.CreateMutex(nil, false, nil))
    #expect(!api.ReleaseMutex(m) && api.lastError == .notOwner)
    #expect(api.WaitForMultipleObjectsSynchronously([m], false, 0) == .result(0))
    #expect(api.ReleaseMutex(m))
  }

  @Test func badHandles() throws {
    let (_, api) = shell()
    #expect(!api.CloseHandle(Handle(0x1234)) && api.lastError == .invalidHandle)
    #expect(!api.SetEvent(Handle(0xffff_ffff_8000_0004)) && api.lastError == .invalidHandle)
    let m = try #require(api.CreateMutex(nil, false, nil))
    #expect(!api.SetEvent(m) && api.lastStatus == .objectTypeMismatch)
    let e = try #require(api.CreateEvent(nil, true, false, "Weak"))
    let weak = try #require(api.OpenEvent(AccessMask(0x10_0000), false, "Weak"))
    #expect(!api.SetEvent(weak) && api.lastError == .accessDenied)
    _ = e
  }
}

@Suite struct ProgramTests {
  @Test func cmdEchoesAndExits() throws {
    let (m, api) = shell()
    let pi = try #require(api.CreateProcess("cmd.exe /c echo hello world & exit 3"))
    m.kernel.dispatcher.runReady()
    var code: UInt32 = 0
    #expect(api.GetExitCodeProcess(pi.process, &code) && code == 3)
    let lines = m.kernel.console.take()
    #expect(lines.map(\.text) == ["hello world"])
    #expect(lines.first?.image == "cmd.exe")
  }

  @Test func waitforSynchronisesTwoProcesses() throws {
    let (m, api) = shell()
    let waiter = try #require(api.CreateProcess("cmd /c waitfor Go & echo released"))
    m.kernel.dispatcher.runReady()
    var code: UInt32 = 0
    #expect(api.GetExitCodeProcess(waiter.process, &code) && code == Win32.STILL_ACTIVE)
    m.kernel.dispatcher.advance(by: 5_000 * Dispatcher.ticksPerMillisecond)
    #expect(api.GetExitCodeProcess(waiter.process, &code) && code == Win32.STILL_ACTIVE)
    _ = try #require(api.CreateProcess("cmd /c waitfor /si Go"))
    m.kernel.dispatcher.runReady()
    #expect(api.GetExitCodeProcess(waiter.process, &code) && code == 0)
    #expect(m.kernel.console.take().map(\.text) == ["SUCCESS: Signal sent.", "SUCCESS: Signal received.", "released"])
  }

  @Test func unknownImageIsFileNotFound() {
    let (_, api) = shell()
    #expect(api.CreateProcess("nosuch.exe") == nil)
    #expect(api.lastError == .fileNotFound)
  }

  @Test func restartEndsEverySimulatedThread() throws {
    let (m, api) = shell()
    _ = try #require(api.CreateProcess("notepad.exe"))
    m.kernel.dispatcher.runReady()
    let old = m.kernel
    m.restart()
    #expect(old.processes.allSatisfy { !$0.isAlive })
    #expect(m.kernel !== old)
    #expect(m.bootCount == 2)
  }
}

@Suite struct KernelEventTests {
  @Test func listenersSeeTheRaisingProcessAndDecide() {
    let (m, api) = shell()
    var seen: [UInt32] = []
    let id = m.kernel.addEventListener("bind") { e in
      seen.append(e.process.pid)
      return e.fields["port"] == 80 ? 1 : 0
    }
    #expect(api.RaiseKernelEvent("bind", fields: ["port": 80]) == [1])
    #expect(api.RaiseKernelEvent("connect") == [])
    m.kernel.removeEventListener(id)
    #expect(api.RaiseKernelEvent("bind", fields: ["port": 80]) == [])
    #expect(seen == [api.process.pid])
  }
}

@Suite struct HandleAttributeTests {
  @Test func inheritableHandlesAppearInTheChildAtTheSameValue() throws {
    let (m, api) = shell()
    let inherited = try #require(api.CreateEvent(Win32.SecurityAttributes(inheritHandle: true), true, false, "Shared"))
    let private_ = try #require(api.CreateEvent(nil, true, false, "Private"))
    let pi = try #require(api.CreateProcess("notepad.exe", inheritHandles: true))
    let child = try #require(m.kernel.process(pid: pi.processId))
    #expect(child.handleTable.entry(inherited)?.object === api.process.handleTable.entry(inherited)?.object)
    #expect(child.handleTable.entry(private_)?.object !== api.process.handleTable.entry(private_)?.object)
    let o = try #require(api.process.handleTable.entry(inherited)?.object)
    #expect(o.handleCount == 2)
  }

  @Test func protectedHandlesCannotBeClosedAndDuplicatesCannotGainAccess() throws {
    let (_, api) = shell()
    let h = try #require(api.CreateEvent(nil, true, false, "Guarded"))
    #expect(api.SetHandleInformation(h, inherit: false, protectFromClose: true))
    #expect(!api.CloseHandle(h) && api.lastStatus == .handleNotClosable)
    #expect(api.SetHandleInformation(h, inherit: false, protectFromClose: false))
    let weak = try #require(api.OpenEvent(AccessMask(0x10_0000), false, "Guarded"))
    var copy = Handle.null
    #expect(api.DuplicateHandle(.currentProcess, weak, .currentProcess, &copy, [], false, 2))
    #expect(api.process.handleTable.entry(copy)?.grantedAccess == AccessMask(0x10_0000))
    var stronger = Handle.null
    // The DACL would grant the administrator everything, but a process duplicating its own handle
    // gets no more than the handle has.
    #expect(!api.DuplicateHandle(.currentProcess, weak, .currentProcess, &stronger, AccessMask(0x2), false, 0))
    #expect(api.lastError == .accessDenied)
    #expect(api.CloseHandle(h) && api.CloseHandle(weak) && api.CloseHandle(copy))
  }
}
