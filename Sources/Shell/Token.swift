/// One word of a command line after quote removal.
public struct Token: Equatable, Sendable {
  /// The word with its quotes removed.
  public var text: String
  /// Length in UTF-8 bytes of the tag part when the word holds an unquoted `=` (`tag=value`).
  public var tagLength: Int?

  /// Creates a token.
  public init(_ text: String, tagLength: Int? = nil) {
    self.text = text
    self.tagLength = tagLength
  }

  /// The tag name of a `tag=value` word.
  public var tag: String? {
    guard let n = tagLength else { return nil }
    return String(decoding: text.utf8.prefix(n), as: UTF8.self)
  }

  /// The value of a `tag=value` word, or the whole word.
  public var value: String {
    guard let n = tagLength else { return text }
    return String(decoding: text.utf8.dropFirst(n + 1), as: UTF8.self)
  }
}
