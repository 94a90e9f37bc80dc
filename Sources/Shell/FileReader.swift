#if canImport(Glibc)
  import Glibc
#endif

/// Reads whole files with POSIX calls (the shell keeps Foundation out of start-up).
public enum FileReader {
  /// A file that could not be read, with the system's reason.
  public struct Failure: Error, CustomStringConvertible {
    /// The errno value.
    public let code: Int32
    /// strerror's text for the code.
    public var description: String { String(cString: strerror(code)) }
  }

  /// Largest file the shell reads (scripts, transcripts): 64 MiB.
  public static let maximumSize = 64 << 20

  /// The bytes of a file.
  public static func readBytes(_ path: String) throws(Failure) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(code: errno) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw Failure(code: errno) }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(code: EISDIR) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(code: errno)
      }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
      if bytes.count > maximumSize { throw Failure(code: EFBIG) }
    }
    return bytes
  }

  /// The text of a file; invalid UTF-8 becomes U+FFFD.
  public static func readText(_ path: String) throws(Failure) -> String {
    String(decoding: try readBytes(path), as: UTF8.self)
  }

  /// The lines of a text, without their `\n` or `\r\n`; no empty last line for a final newline.
  public static func lines(of text: String) -> [String] {
    // Split on the byte: "\r\n" is one Character in Swift, so a Character split misses it.
    var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
