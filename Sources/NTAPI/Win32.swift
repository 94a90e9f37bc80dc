import Kernel
import NTCore

/// The Win32 API (kernel32/advapi32) of one thread, with last-error semantics.
///
/// Functions return handles, BOOLs and counts as Windows does and set the thread's last error
/// (GetLastError) from the NTSTATUS with RtlNtStatusToDosError; the status itself stays in the
/// TEB (``lastStatus``), so callers can show both. Programs receive one of these for their main
/// thread; the shell makes one for the thread it acts through.
public final class Win32 {
  /// The native layer.
  public let nt: Ntdll

  /// Binds the Win32 API to a thread.
  public init(kernel: Kernel, thread: EThread) { nt = Ntdll(kernel: kernel, thread: thread) }

  /// The kernel.
  public var kernel: Kernel { nt.kernel }
  /// The calling thread.
  public var thread: EThread { nt.thread }
  /// The calling process.
  public var process: EProcess { nt.process }

  /// INFINITE.
  public static let INFINITE: UInt32 = 0xFFFF_FFFF
  /// WAIT_OBJECT_0.
  public static let WAIT_OBJECT_0: UInt32 = 0
  /// WAIT_ABANDONED_0.
  public static let WAIT_ABANDONED_0: UInt32 = 0x80
  /// WAIT_TIMEOUT.
  public static let WAIT_TIMEOUT: UInt32 = 0x102
  /// WAIT_FAILED.
  public static let WAIT_FAILED: UInt32 = 0xFFFF_FFFF
  /// STILL_ACTIVE (GetExitCodeProcess of a running process).
  public static let STILL_ACTIVE: UInt32 = 259
  /// MAXIMUM_WAIT_OBJECTS.
  public static let MAXIMUM_WAIT_OBJECTS = 64

  // MARK: Last error

  /// GetLastError.
  public func GetLastError() -> UInt32 { thread.lastError }

  /// SetLastError.
  public func SetLastError(_ code: UInt32) { thread.lastError = code }

  /// The last error as a value.
  public var lastError: Win32Error { Win32Error(thread.lastError) }

  /// The NTSTATUS behind the last error (TEB.LastStatusValue).
  public var lastStatus: NTStatus { thread.lastStatus }

  /// BaseSetLastNTError: sets the last error from a status, keeping the status.
  @discardableResult
  func fail(_ status: NTStatus) -> Bool {
    thread.lastStatus = status
    thread.lastError = status.win32Error.code
    return false
  }

  /// Clears the last error after a success.
  func succeed(_ status: NTStatus = .success) {
    thread.lastStatus = status
    thread.lastError = 0
  }

  /// A BOOL from a status: TRUE on success, FALSE with the last error set otherwise.
  func bool(_ status: NTStatus) -> Bool {
    if status.isSuccess { return true }
    return fail(status)
  }

  // MARK: Names

  /// SECURITY_ATTRIBUTES.
  public struct SecurityAttributes {
    /// lpSecurityDescriptor.
    public var securityDescriptor: SecurityDescriptor?
    /// bInheritHandle.
    public var inheritHandle: Bool

    /// Creates security attributes.
    public init(securityDescriptor: SecurityDescriptor? = nil, inheritHandle: Bool = false) {
      self.securityDescriptor = securityDescriptor
      self.inheritHandle = inheritHandle
    }
  }

  /// The longest name RtlInitUnicodeStringEx accepts (UNICODE_STRING holds 65534 bytes).
  static let maximumNameLength = 32_767

  /// BaseFormatObjectAttributes: a Win32 name is relative to the session's named-object directory
  /// (`\Sessions\N\BaseNamedObjects`, `\BaseNamedObjects` in session 0); `Global\` and `Local\` go
  /// through that directory's links; an empty name means an unnamed object.
  func objectAttributes(_ name: String?, _ sa: SecurityAttributes?, create: Bool) -> Result<ObjectAttributes?, NTStatus> {
    var flags: ObjectAttributeFlags = create ? [.openIf] : []
    if sa?.inheritHandle == true { flags.insert(.inherit) }
    guard let name, !name.isEmpty else {
      if !create { return .failure(.invalidParameter) }
      return .success(ObjectAttributes(nil, attributes: flags, securityDescriptor: sa?.securityDescriptor))
    }
    if name.utf16.count > Self.maximumNameLength { return .failure(.nameTooLong) }
    guard let root = process.namedObjectDirectory else { return .failure(.objectPathNotFound) }
    return .success(ObjectAttributes(name, attributes: flags, root: root, securityDescriptor: sa?.securityDescriptor))
  }

  /// Finishes a Create* call: the handle, with ERROR_ALREADY_EXISTS when an existing object was opened.
  func created(_ status: NTStatus, _ handle: Handle) -> Handle? {
    guard status.isSuccess else {
      fail(status)
      return nil
    }
    if status == .objectNameExists {
      thread.lastStatus = status
      thread.lastError = Win32Error.alreadyExists.code
    } else {
      succeed()
    }
    return handle
  }

  /// Finishes an Open* call.
  func opened(_ status: NTStatus, _ handle: Handle) -> Handle? {
    guard status.isSuccess else {
      fail(status)
      return nil
    }
    succeed()
    return handle
  }

  /// Milliseconds to a relative NT timeout (nil for INFINITE).
  static func timeout(_ milliseconds: UInt32) -> Int64? {
    milliseconds == INFINITE ? nil : Int64(milliseconds) * Dispatcher.ticksPerMillisecond
  }

  /// GetTickCount64.
  public func GetTickCount64() -> UInt64 { UInt64(kernel.dispatcher.tickCount) }

  /// GetSystemTimeAsFileTime.
  public func GetSystemTimeAsFileTime() -> Int64 { kernel.dispatcher.systemTime }
}
