import NTCore

@testable import Kernel

/// A freshly booted machine and the shell's thread in ntsh.exe, for kernel tests.
struct Booted {
  let machine: Machine
  let kernel: Kernel
  let ntsh: EProcess
  let thread: EThread

  init(seed: UInt64 = 0) {
    machine = Machine(configuration: BootConfiguration(seed: seed))
    kernel = machine.kernel
    ntsh = kernel.shellProcess!
    guard case .success(let t) = kernel.actingThread(in: ntsh) else { fatalError("no acting thread") }
    thread = t
  }

  /// Runs system services as ntsh.exe's thread with previous mode UserMode.
  func user<T>(_ body: (SystemServices) -> T) -> T {
    kernel.withCaller(thread, mode: .userMode) { body(kernel.services) }
  }

  /// Runs as a given process's acting thread.
  func user<T>(as process: EProcess, _ body: (SystemServices) -> T) -> T {
    guard case .success(let t) = kernel.actingThread(in: process) else { fatalError("no thread") }
    return kernel.withCaller(t, mode: .userMode) { body(kernel.services) }
  }

  /// Runs kernel exports as a System thread (kernel mode).
  func kernelMode<T>(_ body: (Ntoskrnl) -> T) -> T {
    kernel.withCaller(kernel.systemWorkerThread, mode: .kernelMode) { body(kernel.ntoskrnl) }
  }

  /// The object a handle of ntsh.exe refers to.
  func object(_ h: Handle) -> KObject? { ntsh.handleTable.entry(h)?.object }

  /// The session-1 named-object path of a name.
  static func bno(_ name: String) -> String { "\\Sessions\\1\\BaseNamedObjects\\" + name }
}
