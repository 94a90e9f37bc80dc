import EBPFRuntime
import Kernel
import NTCore
import Shell

#if canImport(Glibc)
  import Glibc
#endif

/// What the `ebpf` commands share: eBPF for Windows installed on the machine, and the files and
/// processes the commands name. The shell plays netsh: the loads it makes stay open (netsh keeps its
/// `bpf_object`s) until `delete program` closes them or the machine restarts.
public final class EbpfWorld {
  /// The runtime on the machine.
  public let host: EbpfHost

  /// Installs eBPF for Windows on a machine.
  public init(machine: Machine) {
    host = EbpfHost(machine: machine)
  }

  /// The runtime of the running boot; a crashed machine refuses.
  func core() throws -> EbpfCore {
    let k = host.kernel
    if let bc = k.bugCheckInfo {
      throw ShellError.failed("The system has stopped: \(bc)\nType `restart' to reboot the machine.")
    }
    return host.core
  }

  /// ntsh.exe, the process the shell is (netsh's process).
  func shellProcess() throws -> EProcess {
    guard let p = host.kernel.shellProcess else { throw ShellError.failed("ntsh.exe is not running.") }
    return p
  }

  /// The caller identity for a process id tag (default ntsh.exe).
  func process(_ call: CommandCall, tag: String = "pid") throws -> EProcess {
    guard let text = call.args[tag] else { return try shellProcess() }
    guard let pid = Arguments.parseInteger(text).flatMap({ UInt32(exactly: $0) }) else {
      throw ShellError.failed("'\(text)' is not a process id.")
    }
    guard let p = host.kernel.process(pid: pid), p.isAlive else {
      throw ShellError.failed("There is no running process with id \(pid).")
    }
    return p
  }

  /// Reads a file the user named; the failure is what netsh's loader reports.
  static func read(_ path: String, session: Session) -> Result<[UInt8], FileReader.Failure> {
    do {
      return .success(try FileReader.readBytes(session.resolvePath(path)))
    } catch {
      return .failure(error)
    }
  }

  /// Writes a file; the failure's text.
  static func write(_ bytes: [UInt8], to path: String) -> String? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.unsafelyUnwrapped + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      offset += n
    }
    return nil
  }

  /// True when the output of a show command is JSON (`format=json`, or `--json` for the session).
  static func wantsJSON(_ call: CommandCall) -> Bool {
    if let f = call.args["format"] { return f == "json" }
    return call.session.options.json
  }
}

/// netsh's return-code messages and the tags several commands share.
enum Netsh {
  /// ERROR_INVALID_PARAMETER's message, printed when a handler returns it.
  static var invalidParameter: ShellError { .failed(Win32Error(87).message ?? "The parameter is incorrect.") }

  /// `format=table|json` for show commands.
  static var format: TagSpec {
    TagSpec(
      "format", .choice(["table", "json"]),
      help: "table (netsh's layout) or json (bpftool-like field names); --json makes json the default.")
  }
}

/// Fixed-width columns.
extension String {
  /// Right-aligned in `width` (longer text overflows).
  func right(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
  /// Left-aligned in `width`.
  func left(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// The `ebpf_result_t` name of a runtime failure (or its description).
func resultName(_ error: any Error) -> String { (error as? EBPFResult)?.name ?? String(describing: error) }
