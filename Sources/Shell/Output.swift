#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where command output goes: a standard-output and a standard-error stream that a terminal
/// shows interleaved.
///
/// Handlers never call `print`; they write here, so tests and transcripts capture exactly what a
/// person would see. Writes are buffered; the buffer is flushed before the shell blocks for input
/// and whenever the stream switches, which keeps stdout and stderr in order on a terminal.
public final class Output {
  /// The two streams a command can write to.
  public enum Stream: Sendable {
    /// Standard output.
    case out
    /// Standard error.
    case err
  }

  private enum Sink {
    case descriptors
    case capture
  }

  private let sink: Sink
  private var buffer: [UInt8] = []
  private var bufferedStream: Stream = .out
  private var captured: [UInt8] = []

  /// Set while a script runs: prefixed to the first line of each failure message (`FILE:LINE: `).
  public var failurePrefix: String?

  /// An output bound to file descriptors 1 and 2.
  public static func standard() -> Output { Output(sink: .descriptors) }

  /// An output that records both streams, interleaved, in memory.
  public static func capturing() -> Output { Output(sink: .capture) }

  private init(sink: Sink) {
    self.sink = sink
    buffer.reserveCapacity(1 << 16)
  }

  /// Writes text to a stream without adding a newline.
  public func write(_ text: String, to stream: Stream = .out) {
    if stream != bufferedStream {
      flush()
      bufferedStream = stream
    }
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Writes one line of text to standard output.
  public func line(_ text: String = "") {
    write(text)
    write("\n")
  }

  /// Writes one line of text to standard error.
  public func errorLine(_ text: String) {
    write(text, to: .err)
    write("\n", to: .err)
  }

  /// Writes netsh's success acknowledgement, `Ok.`.
  public func ok() { line("Ok.") }

  /// Hands buffered bytes to the file descriptors (or the capture buffer).
  public func flush() {
    guard !buffer.isEmpty else { return }
    switch sink {
    case .capture:
      captured.append(contentsOf: buffer)
    case .descriptors:
      let fd: Int32 = bufferedStream == .out ? 1 : 2
      buffer.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            break  // a closed pipe: nothing sensible left to do with the bytes
          }
          offset += n
        }
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Returns everything captured so far and clears the capture (capturing outputs only).
  public func takeCaptured() -> String {
    flush()
    let text = String(decoding: captured, as: UTF8.self)
    captured.removeAll(keepingCapacity: true)
    return text
  }
}
