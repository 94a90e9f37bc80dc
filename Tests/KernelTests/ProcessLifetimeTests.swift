import NTCore
import Testing

@testable import Kernel

/// Protected and critical processes, jobs and process ids over a process's lifetime.
@Suite struct ProcessLifetimeTests {
  func process(_ b: Booted, _ image: String) throws -> EProcess {
    try #require(b.kernel.processes.first { $0.imageName == image && $0.isAlive })
  }

  @Test func protectedProcessesGiveUnprotectedCallersOnlyLimitedRights() throws {
    let b = Booted()
    for image in ["System", "csrss.exe", "smss.exe", "wininit.exe", "services.exe"] {
      let p = try process(b, image)
      var h = Handle.null
      #expect(b.user { $0.NtOpenProcess(&h, AccessMask(0x1), pid: p.pid) } == .accessDenied, "\(image)")
      #expect(b.user { $0.NtOpenProcess(&h, .synchronize, pid: p.pid) } == .success, "\(image)")
      #expect(b.user { $0.NtOpenProcess(&h, .maximumAllowed, pid: p.pid) } == .success, "\(image)")
      #expect(b.ntsh.handleTable.entry(h).map { $0.grantedAccess.isSubset(of: EProcess.protectedAccess) } == true)
    }
    // lsass.exe is not protected (LSA protection off); notepad-like processes never are.
    var h = Handle.null
    let lsass = try process(b, "lsass.exe").pid
    #expect(b.user { $0.NtOpenProcess(&h, AccessMask(0x1), pid: lsass) } == .success)
    // A protected caller is not limited.
    let csrss = try process(b, "csrss.exe")
    #expect(b.user(as: csrss) { $0.NtOpenProcess(&h, AccessMask(0x1), pid: 4) } == .success)
    #expect(b.kernel.bugCheckInfo == nil)
  }

  @Test func endingACriticalProcessIsABugcheckButShutdownIsNot() throws {
    let b = Booted()
    let lsass = try process(b, "lsass.exe")
    var h = Handle.null
    #expect(b.user { $0.NtOpenProcess(&h, AccessMask(0x1), pid: lsass.pid) } == .success)
    #expect(b.user { $0.NtTerminateProcess(h, 1) } == .success)
    #expect(b.kernel.bugCheckInfo?.code == .criticalProcessDied)
    #expect(b.kernel.bugCheckInfo?.parameters == [lsass.object?.address ?? 0, 0, 0, 0])

    let clean = Booted()
    clean.machine.restart()
    #expect(clean.kernel.bugCheckInfo == nil)
  }

  @Test func aJobIsSignaledWhenItsLastProcessEnds() throws {
    let b = Booted()
    let k = b.kernel
    var procs: [EProcess] = []
    for _ in 0..<2 {
      guard case .success(let p) = k.createProcess(image: "member.exe", parent: b.ntsh, sessionId: 1, body: { _ in 0 })
      else { Issue.record("spawn"); return }
      procs.append(p)
    }
    var job = Handle.null
    #expect(b.user { $0.NtCreateJobObject(&job, .genericAll, nil) } == .success)
    let jobObject = try #require(b.object(job))
    for p in procs { #expect(k.assign(p, to: jobObject) == .success) }
    let event = try #require((jobObject.body as? EJob)?.event)
    #expect(event.signalState == 0)
    k.terminate(procs[0], exitStatus: 1)
    #expect(event.signalState == 0)
    k.terminate(procs[1], exitStatus: 1)
    #expect(event.signalState == 1)
  }

  @Test func anExitedProcessCanBeOpenedWhileItsObjectLives() throws {
    let b = Booted()
    let k = b.kernel
    guard case .success(let p) = k.createProcess(image: "gone.exe", parent: b.ntsh, sessionId: 1, body: { _ in 0 })
    else { Issue.record("spawn"); return }
    let pid = p.pid
    var h = Handle.null
    #expect(b.user { $0.NtOpenProcess(&h, .synchronize, pid: pid) } == .success)
    k.terminate(p, exitStatus: 3)
    k.dispatcher.runReady()
    var again = Handle.null
    #expect(b.user { $0.NtOpenProcess(&again, .synchronize, pid: pid) } == .success)
    #expect(b.user { $0.NtClose(again) } == .success)
    #expect(b.user { $0.NtClose(h) } == .success)
    k.dispatcher.runReady()
    #expect(b.user { $0.NtOpenProcess(&again, .synchronize, pid: pid) } == .invalidCID)
  }
}
