/// A failure the shell renders in netsh's wording.
///
/// Handlers throw these (or any other `Error`, rendered by its description); the shell prints the
/// message once, centrally, to standard error.
public enum ShellError: Error, Equatable {
  /// No command, group or context matches: `The following command was not found: LINE.`
  case commandNotFound(line: String)
  /// A word matches several commands by prefix.
  case ambiguous(word: String, candidates: [String])
  /// The arguments do not fit the command's tags (netsh's ERROR_INVALID_SYNTAX).
  case invalidSyntax
  /// A word is neither a known tag nor a valid value.
  case invalidArgument(String)
  /// A required tag is missing.
  case missingRequired
  /// A tag was given twice.
  case duplicateTag(String)
  /// A tag name or an enumerated value matches several by prefix (`what` names it).
  case ambiguousArgument(what: String, candidates: [String])
  /// A command-specific failure with its full message.
  case failed(String)
  /// The handler already printed its error (netsh's ERROR_SUPPRESS_OUTPUT); the command failed.
  case alreadyReported
}

extension ShellError {
  /// netsh's generic syntax error line.
  public static let syntaxLine =
    "The syntax supplied for this command is not valid. Check help for the correct syntax."

  /// True when the command's usage follows the message.
  var showsUsage: Bool {
    switch self {
    case .invalidSyntax, .invalidArgument, .missingRequired, .duplicateTag, .ambiguousArgument: return true
    default: return false
    }
  }

  /// The message lines, without the usage.
  var messageLines: [String] {
    switch self {
    case .commandNotFound(let line): return ["The following command was not found: \(line)."]
    case .ambiguous(let word, let candidates):
      return ["The command word '\(word)' is ambiguous; it could be: \(candidates.joined(separator: ", "))."]
    case .invalidSyntax: return [Self.syntaxLine]
    case .invalidArgument(let token):
      return ["'\(token)' is not a valid argument for this command.", Self.syntaxLine]
    case .missingRequired:
      return [
        "One or more essential parameters were not entered.",
        "Verify the required parameters, and reenter them.", Self.syntaxLine,
      ]
    case .duplicateTag(let tag):
      return ["The tag '\(tag)' was given more than once.", Self.syntaxLine]
    case .ambiguousArgument(let what, let candidates):
      return ["\(what) is ambiguous; it could be: \(candidates.joined(separator: ", ")).", Self.syntaxLine]
    case .failed(let message): return message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    case .alreadyReported: return []
    }
  }
}

extension String {
  /// The text with control characters shown as `^X` (and DEL as `^?`), so echoing a garbage line
  /// cannot drive the terminal.
  public var visible: String {
    guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
    var out = ""
    for scalar in unicodeScalars {
      switch scalar.value {
      case 0x7F: out += "^?"
      case 0..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
