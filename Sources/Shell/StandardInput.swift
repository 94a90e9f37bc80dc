#if canImport(Glibc)
  import Glibc
#endif

/// Lines of standard input, read in large blocks (the non-interactive fast path).
///
/// Before each blocking read it flushes the output, so a program driving ntsh through pipes sees
/// every reply before ntsh waits for the next command, without a write per line.
public struct StandardInput: Sequence, IteratorProtocol {
  private let output: Output
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  private var start = 0
  private var end = 0
  private var pending: [UInt8] = []
  private var eof = false

  /// Creates a reader that flushes `output` before blocking.
  public init(flushing output: Output) { self.output = output }

  /// The next line without its line ending, or nil at end of input.
  public mutating func next() -> String? {
    while true {
      if start < end {
        if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
          var line: String
          if pending.isEmpty {
            line = String(decoding: buffer[start..<nl], as: UTF8.self)
          } else {
            pending.append(contentsOf: buffer[start..<nl])
            line = String(decoding: pending, as: UTF8.self)
            pending.removeAll(keepingCapacity: true)
          }
          start = nl + 1
          if line.utf8.last == 0x0D { line.removeLast() }
          return line
        }
        pending.append(contentsOf: buffer[start..<end])
        start = end
      }
      if eof {
        guard !pending.isEmpty else { return nil }
        var line = String(decoding: pending, as: UTF8.self)
        pending.removeAll()
        if line.utf8.last == 0x0D { line.removeLast() }
        return line
      }
      output.flush()
      let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        eof = true
      } else {
        start = 0
        end = n
      }
    }
  }
}
