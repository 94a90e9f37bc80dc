/// One argument of a command, as netsh's `TAG_TYPE` declares it: a tag name, how its value is
/// read, and whether it must be present.
///
/// The same spec drives binding (`tag=value` or positional), usage text and completion.
public struct TagSpec {
  /// How a tag's value is written and completed.
  public enum Value {
    /// Free text; the placeholder names it in usage (`<string>`, `<id>`).
    case text(placeholder: String)
    /// A decimal or `0x` hexadecimal integer.
    case integer
    /// One of a fixed set of words, matched case-insensitively by unique prefix.
    case choice([String])
    /// A file path, completed from the file system and resolved against the session's folder.
    case file
    /// The rest of the line is a command of its own (`pushd ebpf show programs`), completed as one.
    case commandLine
  }

  /// How often a tag may appear (netsh's `NS_REQ_*`).
  public enum Presence: Equatable {
    /// May be omitted (NS_REQ_ZERO).
    case optional
    /// Must appear exactly once (NS_REQ_PRESENT).
    case required
    /// May appear any number of times (NS_REQ_ALLOW_MULTIPLE).
    case multiple
    /// Must appear at least once (NS_REQ_ONE_OR_MORE).
    case oneOrMore
    /// Takes every remaining word verbatim, tags and all (for `alias NAME WORDS…`, `run IMAGE ARGS…`).
    case rest
  }

  /// The tag name users type before `=`.
  public var name: String
  /// How the value is written.
  public var value: Value
  /// Whether and how often the tag appears.
  public var presence: Presence
  /// One-line description for the Parameters section of the usage.
  public var help: String
  /// Value used when the tag is absent, shown in the usage.
  public var defaultValue: String?
  /// Supplies candidate values for completion from live state (program ids, object names…).
  public var complete: ((Session) -> [String])?

  /// Creates a tag.
  public init(
    _ name: String, _ value: Value = .text(placeholder: "string"), _ presence: Presence = .optional,
    help: String, default defaultValue: String? = nil, complete: ((Session) -> [String])? = nil
  ) {
    self.name = name
    self.value = value
    self.presence = presence
    self.help = help
    self.defaultValue = defaultValue
    self.complete = complete
  }

  /// True when the command cannot run without this tag.
  public var isRequired: Bool { presence == .required || presence == .oneOrMore }

  /// The value part of the usage line: `<string>`, `yes|no`.
  public var valueSyntax: String {
    switch value {
    case .text(let placeholder): return "<\(placeholder)>"
    case .integer: return "<integer>"
    case .choice(let words): return words.joined(separator: "|")
    case .file: return "<path>"
    case .commandLine: return "<command>"
    }
  }
}
