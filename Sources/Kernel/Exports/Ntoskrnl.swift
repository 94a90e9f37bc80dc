import NTCore

/// The routines ntoskrnl.exe exports to drivers, with Windows' names and C-like signatures
/// (status results, `inout` out-parameters), so driver code reads like the seed's C.
///
/// This and the other `Exports/Ntoskrnl+*.swift` files are the *only* kernel API a driver may use.
/// Everything runs in the caller's context: ``ExGetPreviousMode()`` tells a user-mode request
/// (an IOCTL from a process) from kernel code.
public struct Ntoskrnl {
  unowned let kernel: Kernel

  /// Wraps a kernel (the kernel hands drivers their instance at load).
  public init(kernel: Kernel) { self.kernel = kernel }

  var ob: ObjectManager { kernel.ob }

  /// ExGetPreviousMode: who made the call being serviced.
  public func ExGetPreviousMode() -> KProcessorMode { kernel.previousMode }

  /// KeQuerySystemTime: FILETIME now.
  public func KeQuerySystemTime() -> Int64 { kernel.dispatcher.systemTime }

  /// KeQueryInterruptTime: 100-ns units since boot.
  public func KeQueryInterruptTime() -> Int64 { kernel.dispatcher.interruptTime }

  /// KeQueryTickCount in milliseconds (GetTickCount64's view).
  public func KeQueryTickCountMilliseconds() -> Int64 { kernel.dispatcher.tickCount }

  /// DbgPrint: appends to the kernel debugger's output buffer (`!dbgprint`).
  public func DbgPrint(_ text: String) { kernel.debugOutput.append(text) }

  /// KeBugCheckEx.
  public func KeBugCheckEx(_ code: BugCheck.Code, _ p1: UInt64, _ p2: UInt64, _ p3: UInt64, _ p4: UInt64) {
    kernel.bugCheck(code, p1, p2, p3, p4)
  }

  /// A boot option (`restart option=NAME=VALUE`), as a driver reads its parameters from the
  /// registry: nil when not set.
  public func bootOption(_ name: String) -> String? { kernel.configuration.options[name] }

  /// SeSinglePrivilegeCheck: true for kernel-mode callers, otherwise the current process's token.
  public func SeSinglePrivilegeCheck(_ privilege: Privilege, _ mode: KProcessorMode) -> Bool {
    mode == .kernelMode || kernel.currentProcess.token.hasPrivilege(privilege)
  }
}
