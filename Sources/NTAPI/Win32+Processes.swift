import Kernel
import NTCore

/// Processes, threads, tokens.
extension Win32 {
  /// PROCESS_INFORMATION.
  public struct CreatedProcess: Equatable {
    /// hProcess.
    public let process: Handle
    /// hThread.
    public let thread: Handle
    /// dwProcessId.
    public let processId: UInt32
    /// dwThreadId.
    public let threadId: UInt32
  }

  /// CreateProcessW for a built-in program: the image is looked up in ``Programs``; an unknown
  /// image fails with ERROR_FILE_NOT_FOUND.
  public func CreateProcess(_ commandLine: String, inheritHandles: Bool = false) -> CreatedProcess? {
    let args = CommandLine.split(commandLine)
    guard let image = args.first, let program = Programs.find(image) else {
      fail(.objectNameNotFound)
      return nil
    }
    let arguments = Array(args.dropFirst())
    let kernel = self.kernel
    var ph = Handle.null, th = Handle.null
    let s = nt.call {
      $0.NtCreateUserProcess(
        &ph, &th, image: program.imageName, commandLine: commandLine, inheritHandles: inheritHandles,
        wow64: program.isWow64,
        body: { thread in try await program.main(Win32(kernel: kernel, thread: thread), arguments) })
    }
    guard s.isSuccess else {
      fail(s)
      return nil
    }
    succeed()
    let pid = (process.handleTable.entry(ph)?.object?.body as? EProcess)?.pid ?? 0
    let tid = (process.handleTable.entry(th)?.object?.body as? EThread)?.tid ?? 0
    return CreatedProcess(process: ph, thread: th, processId: pid, threadId: tid)
  }

  /// OpenProcess.
  public func OpenProcess(_ access: AccessMask, _ inherit: Bool, _ pid: UInt32) -> Handle? {
    var h = Handle.null
    let s = nt.call { $0.NtOpenProcess(&h, access, pid: pid) }
    if s.isSuccess, inherit { _ = nt.call { $0.NtSetHandleFlags(h, inherit: true, protectFromClose: false) } }
    return opened(s == .invalidCID ? .invalidParameter : s, h)
  }

  /// TerminateProcess.
  public func TerminateProcess(_ h: Handle, _ exitCode: UInt32) -> Bool { bool(nt.call { $0.NtTerminateProcess(h, exitCode) }) }

  /// GetExitCodeProcess: STILL_ACTIVE while running.
  public func GetExitCodeProcess(_ h: Handle, _ code: inout UInt32) -> Bool {
    var info: ProcessInformation?
    guard bool(nt.call { $0.NtQueryProcess(h, &info) }), let info else { return false }
    code = info.exitStatus ?? Self.STILL_ACTIVE
    return true
  }

  /// GetCurrentProcess: the pseudo-handle.
  public func GetCurrentProcess() -> Handle { .currentProcess }

  /// GetCurrentThread: the pseudo-handle.
  public func GetCurrentThread() -> Handle { .currentThread }

  /// GetCurrentProcessId.
  public func GetCurrentProcessId() -> UInt32 { process.pid }

  /// GetCurrentThreadId.
  public func GetCurrentThreadId() -> UInt32 { thread.tid }

  /// ProcessIdToSessionId for the current process.
  public func GetCurrentSessionId() -> UInt32 { process.sessionId ?? 0 }

  /// ExitProcess: ends every thread of the process; the caller's code unwinds.
  public func ExitProcess(_ code: UInt32) throws -> Never {
    kernel.terminate(process, exitStatus: code)
    throw ThreadTermination(exitStatus: code)
  }

  /// OpenProcessToken.
  public func OpenProcessToken(_ processHandle: Handle, _ access: AccessMask) -> Handle? {
    var h = Handle.null
    return opened(nt.call { $0.NtOpenProcessToken(processHandle, access, &h) }, h)
  }

  /// AdjustTokenPrivileges for one privilege: TRUE with ERROR_NOT_ALL_ASSIGNED when not held.
  public func AdjustTokenPrivileges(_ token: Handle, _ privilege: Privilege, enable: Bool) -> Bool {
    let s = nt.call { $0.NtAdjustPrivilegesToken(token, privilege, enable: enable) }
    guard s.isSuccess else { return fail(s) }
    thread.lastStatus = s
    thread.lastError = s.win32Error.code
    return true
  }

  /// The current process's token (GetTokenInformation's view of every class at once).
  public func GetTokenInformation(_ token: Handle) -> Token? {
    var t: Token?
    guard bool(nt.call { $0.NtQueryInformationToken(token, &t) }) else { return nil }
    return t
  }
}

/// Splitting a command line the way CommandLineToArgvW does for simple cases.
public enum CommandLine {
  /// Words separated by spaces; double quotes group words.
  public static func split(_ line: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false
    var any = false
    for c in line {
      if c == "\"" {
        quoted.toggle()
        any = true
      } else if c == " " && !quoted {
        if any { out.append(current) }
        current = ""
        any = false
      } else {
        current.append(c)
        any = true
      }
    }
    if any { out.append(current) }
    return out
  }
}
