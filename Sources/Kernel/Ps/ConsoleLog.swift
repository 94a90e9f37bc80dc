/// The console output of simulated processes, in the order it was written.
///
/// Programs write here (through NTAPI's console functions); the shell prints the lines — the
/// foreground program's plainly, background processes' prefixed with `[IMAGE PID] `.
public final class ConsoleLog {
  /// One line of output.
  public struct Line: Sendable, Equatable {
    /// The writer's pid.
    public let pid: UInt32
    /// The writer's image name.
    public let image: String
    /// The text, without the newline.
    public let text: String
  }

  private var lines: [Line] = []
  private var partial: [UInt32: String] = [:]

  init() {}

  /// Appends text; complete lines become readable, a trailing partial line waits for its newline.
  public func write(_ text: String, pid: UInt32, image: String) {
    var buffer = partial[pid, default: ""] + text
    while let nl = buffer.firstIndex(of: "\n") {
      var line = String(buffer[..<nl])
      if line.hasSuffix("\r") { line.removeLast() }
      lines.append(Line(pid: pid, image: image, text: line))
      buffer = String(buffer[buffer.index(after: nl)...])
    }
    partial[pid] = buffer.isEmpty ? nil : buffer
  }

  /// Flushes a process's partial line (at exit).
  public func flush(pid: UInt32, image: String) {
    if let rest = partial.removeValue(forKey: pid) { lines.append(Line(pid: pid, image: image, text: rest)) }
  }

  /// Removes and returns the complete lines written so far.
  public func take() -> [Line] {
    defer { lines.removeAll() }
    return lines
  }

  /// True when complete lines are waiting.
  public var hasLines: Bool { !lines.isEmpty }
}
