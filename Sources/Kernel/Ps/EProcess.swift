import NTCore

/// A process (the body of Process objects): ids, image, session, token, handle table, threads and
/// job.
public final class EProcess {
  /// The process id.
  public let pid: UInt32
  /// The creator's id (InheritedFromUniqueProcessId).
  public let parentPid: UInt32
  /// The image file name (`notepad.exe`), at most 15 characters in `_EPROCESS.ImageFileName`.
  public let imageName: String
  /// The command line it was started with.
  public let commandLine: String
  /// The session; nil for System and Registry (`SessionId: none`).
  public let sessionId: UInt32?
  /// The primary token object.
  public internal(set) var tokenObject: KObject
  /// The handle table.
  public let handleTable: HandleTable
  /// Threads, in creation order (terminated ones stay until the process object dies).
  public internal(set) var threads: [EThread] = []
  /// The job the process belongs to (the process holds a reference on it).
  public internal(set) var job: KObject?
  /// Creation time (interrupt time).
  public let createTime: Int64
  /// Exit time, once exited.
  public internal(set) var exitTime: Int64?
  /// The exit code, once exited.
  public internal(set) var exitStatus: UInt32?
  /// True for a 32-bit process on 64-bit Windows.
  public let isWow64: Bool
  /// PEB address (zero for System and Registry).
  public let peb: UInt64
  /// DirBase (CR3) as `!process` prints it.
  public let directoryTableBase: UInt64
  /// The process object.
  public internal(set) weak var object: KObject?
  /// The dispatcher header (signaled on exit).
  public let header = ProcessDispatcherObject()
  /// The window station the process is connected to (win32k fills it in).
  public var windowStation: KObject?
  /// kernel32's cached handle to the session's named-object directory (BaseGetNamedObjectDirectory).
  public var namedObjectDirectory: Handle?
  /// A protected process (PS_PROTECTION: System, Registry and the WinTcb-Light processes smss,
  /// csrss, wininit and services): an unprotected caller gets only the rights in
  /// ``protectedAccess`` to it, so it cannot be terminated, read or written.
  public internal(set) var isProtected = false
  /// A critical process (BreakOnTermination): its end stops the machine with CRITICAL_PROCESS_DIED.
  public internal(set) var isCritical = false

  /// What an unprotected caller may open a protected process for: SYNCHRONIZE,
  /// PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_SET_LIMITED_INFORMATION, PROCESS_SUSPEND_RESUME.
  public static let protectedAccess = AccessMask(0x0010_3800)

  /// Per-process data other subsystems attach (win32k's W32PROCESS, the program registry…).
  public var extensions: [String: AnyObject] = [:]

  init(
    pid: UInt32, parentPid: UInt32, imageName: String, commandLine: String, sessionId: UInt32?, tokenObject: KObject,
    handleTable: HandleTable, createTime: Int64, isWow64: Bool, peb: UInt64, directoryTableBase: UInt64
  ) {
    self.pid = pid
    self.parentPid = parentPid
    self.imageName = imageName
    self.commandLine = commandLine
    self.sessionId = sessionId
    self.tokenObject = tokenObject
    self.handleTable = handleTable
    self.createTime = createTime
    self.isWow64 = isWow64
    self.peb = peb
    self.directoryTableBase = directoryTableBase
  }

  /// The primary token.
  public var token: Token {
    guard let t = tokenObject.body as? Token else { preconditionFailure("a process token object holds a Token") }
    return t
  }

  /// True until the process has exited.
  public var isAlive: Bool { exitStatus == nil }

  /// Threads that have not exited.
  public var liveThreads: [EThread] { threads.filter(\.isAlive) }

  /// `System` shows `SessionId: none`; others their number.
  public var sessionText: String { sessionId.map(String.init) ?? "none" }
}
