import Kernel
import NTCore

/// ntdll for one thread: the system-call gate into the kernel's native services.
///
/// Every call enters the kernel as this thread with previous mode UserMode, as `syscall` does, so
/// the kernel applies user-mode rules (access checks, privilege checks, no kernel handles).
public final class Ntdll {
  /// The kernel.
  public let kernel: Kernel
  /// The calling thread.
  public let thread: EThread

  /// Binds the native API to a thread.
  public init(kernel: Kernel, thread: EThread) {
    self.kernel = kernel
    self.thread = thread
  }

  /// The calling process.
  public var process: EProcess { thread.process }

  /// Makes a system call: runs a native service as this thread in user mode.
  public func call<T>(_ service: (SystemServices) -> T) -> T {
    kernel.withCaller(thread, mode: .userMode) { service(kernel.services) }
  }

  /// Makes a blocking system call (a wait) from a simulated thread.
  public func callAsync<T>(_ service: (SystemServices) async throws -> T) async throws -> T {
    kernel.enterUserCall(thread)
    return try await service(kernel.services)
  }

  /// NtClose.
  public func NtClose(_ handle: Handle) -> NTStatus { call { $0.NtClose(handle) } }
}
