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
}
