/// Splits a command line into words the way netsh does: whitespace separates words, double quotes
/// group words with spaces and are removed, backslashes are literal (Windows paths).
public enum Tokenizer {
  /// Why a line could not be split.
  public enum Failure: Error, Equatable {
    /// A double quote opened at this UTF-8 offset is never closed.
    case unbalancedQuote(at: Int)
  }

  /// The words of a line; an `=` inside quotes never makes a `tag=value` word.
  public static func tokenize(_ line: String) throws(Failure) -> [Token] {
    var tokens: [Token] = []
    var current: [UInt8] = []
    var inWord = false
    var inQuote = false
    var quoteStart = 0
    var tagLength: Int?
    var offset = 0
    for byte in line.utf8 {
      defer { offset += 1 }
      if inQuote {
        if byte == UInt8(ascii: "\"") { inQuote = false } else { current.append(byte) }
        continue
      }
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        if inWord {
          tokens.append(Token(String(decoding: current, as: UTF8.self), tagLength: tagLength))
          current.removeAll(keepingCapacity: true)
          inWord = false
          tagLength = nil
        }
      case UInt8(ascii: "\""):
        inWord = true
        inQuote = true
        quoteStart = offset
      case UInt8(ascii: "="):
        if tagLength == nil && !current.isEmpty { tagLength = current.count }
        inWord = true
        current.append(byte)
      default:
        inWord = true
        current.append(byte)
      }
    }
    if inQuote { throw .unbalancedQuote(at: quoteStart) }
    if inWord { tokens.append(Token(String(decoding: current, as: UTF8.self), tagLength: tagLength)) }
    return tokens
  }

  /// Quotes a word for display or `dump` when it would not survive tokenizing as is.
  public static func quote(_ word: String) -> String {
    if word.isEmpty { return "\"\"" }
    if word.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "#") }) {
      return "\"" + word + "\""
    }
    return word
  }
}

extension Tokenizer {
  /// Quotes one process argument for the shell line: `name=a b` becomes `name="a b"`, so a tag
  /// typed as one shell word stays a tag.
  public static func quoteArgument(_ word: String) -> String {
    let needs = word.isEmpty || word.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "\"") })
    guard needs else { return word }
    let clean = word.filter { $0 != "\"" }
    if let eq = clean.firstIndex(of: "="), eq != clean.startIndex, !clean[..<eq].contains(where: { $0 == " " || $0 == "\t" }) {
      return String(clean[...eq]) + "\"" + clean[clean.index(after: eq)...] + "\""
    }
    return "\"" + clean + "\""
  }
}
