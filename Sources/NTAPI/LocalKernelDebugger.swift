import Kernel
import NTCore

/// What an elevated local kernel debugger (`lkd`) may look at: objects by address or path, their
/// headers and true reference counts, and pool usage — read-only.
///
/// Opening it needs SeDebugPrivilege in the caller's token and the machine booted with debugging
/// on (`bcdedit /debug on`), as on Windows.
public struct LocalKernelDebugger {
  /// The kernel being inspected.
  public let kernel: Kernel

  /// The view of the object at (or whose header is at) an address.
  public func object(at address: UInt64) -> ObjectView? { kernel.inspectObject(at: address) }

  /// The view of the object at a path (links followed, or the link itself with `openLink`).
  public func object(named path: String, openLink: Bool = false) -> Result<ObjectView, NTStatus> {
    kernel.findObject(path, openLink: openLink).map { kernel.inspect($0) }
  }

  /// PoolMon's rows.
  public var poolUsage: [Pool.TagUsage] { kernel.pool.tagUsage }

  /// Reads kernel memory (nil bytes are unmapped).
  public func read(_ address: UInt64, count: Int) -> [UInt8?] { kernel.memory.read(address, count: count) }
}

extension Win32 {
  /// Opens the local kernel debugger: STATUS_PRIVILEGE_NOT_HELD without SeDebugPrivilege,
  /// STATUS_ACCESS_DENIED when the machine was not booted with debugging on.
  public func OpenLocalKernelDebugger() -> LocalKernelDebugger? {
    guard process.token.holdsPrivilege(.debug) else {
      fail(.privilegeNotHeld)
      return nil
    }
    guard kernel.configuration.debug else {
      fail(.accessDenied)
      return nil
    }
    succeed()
    return LocalKernelDebugger(kernel: kernel)
  }
}
