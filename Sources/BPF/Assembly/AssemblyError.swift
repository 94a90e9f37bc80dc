/// A line of assembly text that cannot be assembled.
public struct AssemblyError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line number in the source text.
  public let line: Int
  /// What is wrong with it.
  public let message: String

  /// Creates an error for `line`.
  public init(line: Int, _ message: String) {
    self.line = line
    self.message = message
  }

  /// `line N: message`.
  public var description: String { "line \(line): \(message)" }
}
