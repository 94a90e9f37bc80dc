import Drivers
import Kernel
import NTAPI
import NTCore
import Shell

/// What the `object` context and the root's process commands share: the machine and the process
/// the shell acts as (ntsh.exe unless `set process` chose another).
///
/// Holds the machine, not a kernel, so it keeps working across `restart`.
public final class ObjectWorld {
  /// The machine.
  public let machine: Machine
  /// The acting process's id; nil means ntsh.exe.
  public private(set) var actingPid: UInt32?

  /// Acts as a process from now on (nil: ntsh.exe), in the current boot.
  func act(as pid: UInt32?) {
    actingBoot = machine.bootCount
    actingPid = pid
  }
  /// The boot the acting choice belongs to (a restart returns to ntsh.exe).
  private var actingBoot = 0
  /// Processes `start` created whose exit has not been announced yet, by pid.
  var started: [EProcess] = []
  var reportedBugCheck = false
  /// The boot `started` belongs to.
  var startedBoot = 0

  /// Remembers a process `start` created, to announce its exit.
  func track(_ pid: UInt32) {
    guard let p = machine.kernel.process(pid: pid) else { return }
    if startedBoot != machine.bootCount {
      started.removeAll()
      startedBoot = machine.bootCount
    }
    started.append(p)
  }

  /// Creates the shared state over a machine and makes sure the object-test driver is installed
  /// (it loads at the next boot; the machine boots lazily on first use).
  public init(machine: Machine) {
    self.machine = machine
    if !machine.services.contains(where: { $0.name == ObjectTestDriver.service.name }) {
      machine.addDriverImage(ObjectTestDriver.image)
      machine.install(ObjectTestDriver.service)
    }
  }

  /// The running kernel (booting on first use); a crashed machine refuses with its bugcheck.
  func kernel() throws -> Kernel {
    let k = machine.kernel
    if let bc = k.bugCheckInfo {
      throw ShellError.failed("The system has stopped: \(bc)\nType `restart' to reboot the machine.")
    }
    return k
  }

  /// The acting process.
  func actingProcess() throws -> EProcess {
    let k = try kernel()
    if actingBoot != machine.bootCount {
      actingBoot = machine.bootCount
      actingPid = nil
    }
    if let pid = actingPid {
      guard let p = k.process(pid: pid), p.isAlive else {
        actingPid = nil
        throw ShellError.failed("The acting process (pid \(pid)) has exited; acting as ntsh.exe again.")
      }
      return p
    }
    guard let p = k.shellProcess else { throw ShellError.failed("ntsh.exe is not running.") }
    return p
  }

  /// The Win32 API of the acting process's shell thread.
  func api() throws -> Win32 {
    let k = try kernel()
    let p = try actingProcess()
    switch k.actingThread(in: p) {
    case .failure(let s): throw ObjectFailure.native("PsCreateThread", s)
    case .success(let t): return Win32(kernel: k, thread: t)
    }
  }

  /// Prints console output waiting in the kernel: the foreground process's lines plainly, others
  /// prefixed with `[IMAGE PID] `; then exits of background processes and a bugcheck, once.
  func drainConsole(_ out: Output, foreground: UInt32? = nil) {
    guard machine.isBooted else { return }
    let k = machine.kernel
    for line in k.console.take() {
      out.line(line.pid == foreground ? line.text : "[\(line.image) \(line.pid)] \(line.text)")
    }
    if machine.bootCount != startedBoot { started.removeAll() }
    var running: [EProcess] = []
    for p in started {
      if let code = p.exitStatus {
        out.line("[\(p.imageName) \(p.pid)] exited with code \(code) (0x\(String(code, radix: 16))).")
      } else {
        running.append(p)
      }
    }
    started = running
    if let bc = k.bugCheckInfo, !reportedBugCheck {
      reportedBugCheck = true
      out.errorLine("The system has stopped: \(bc)")
    }
  }
}
