/// Failure to load or parse a conformance file.
public enum ConformanceError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A file-system error.
  case io(String)
  /// A malformed test file: file name, line and message.
  case parse(file: String, line: Int, String)

  /// The message.
  public var description: String {
    switch self {
    case .io(let m): m
    case .parse(let file, let line, let m): "\(file):\(line): \(m)"
    }
  }
}
