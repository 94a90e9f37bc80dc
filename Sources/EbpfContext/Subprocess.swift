#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program to completion with posix_spawn and collects what it wrote (stdout and stderr in one
/// pipe, so their order is kept). Foundation's Process would pull Foundation into ntsh's start-up.
public enum Subprocess {
  /// How a run ended.
  public struct Outcome: Equatable {
    /// The exit status, or nil when a signal ended the program.
    public var exitStatus: Int32?
    /// The signal that ended it, if any.
    public var signal: Int32?
    /// Standard output and standard error, interleaved as written (at most ``outputLimit`` bytes).
    public var output: [UInt8]
    /// True when the program wrote more than ``outputLimit`` bytes and the rest was dropped.
    public var truncated: Bool

    /// True for exit status 0.
    public var succeeded: Bool { exitStatus == 0 }
  }

  /// The program could not be started.
  public struct LaunchFailure: Error, Equatable, CustomStringConvertible {
    /// The program that was asked for.
    public var program: String
    /// The errno value posix_spawn returned.
    public var code: Int32
    /// strerror's text.
    public var description: String { "\(program): \(String(cString: strerror(code)))" }
  }

  /// Output kept from one run; a compiler's diagnostics are far smaller.
  public static let outputLimit = 1 << 20

  /// Runs `program` (searched in PATH when it has no `/`) with `arguments`; stdin is /dev/null.
  public static func run(_ program: String, arguments: [String]) throws(LaunchFailure) -> Outcome {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw LaunchFailure(program: program, code: errno) }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
    posix_spawn_file_actions_addclose(&actions, writeEnd)

    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let spawned = argv.withUnsafeBufferPointer { buffer in
      posix_spawnp(&pid, program, &actions, nil, buffer.baseAddress.unsafelyUnwrapped, environ)
    }
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      throw LaunchFailure(program: program, code: spawned)
    }

    var output: [UInt8] = []
    var truncated = false
    var chunk = [UInt8](repeating: 0, count: 1 << 14)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        break
      }
      if n == 0 { break }
      let room = outputLimit - output.count
      if n > room { truncated = true }
      output.append(contentsOf: chunk[0..<min(n, max(room, 0))])
    }
    close(readEnd)

    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return Outcome(exitStatus: nil, signal: nil, output: output, truncated: truncated) }
    }
    // The wait status encoding: low 7 bits are the terminating signal, 0 for a normal exit.
    let signal = status & 0x7F
    if signal == 0 {
      return Outcome(exitStatus: (status >> 8) & 0xFF, signal: nil, output: output, truncated: truncated)
    }
    return Outcome(exitStatus: nil, signal: signal, output: output, truncated: truncated)
  }
}
