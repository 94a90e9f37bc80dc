/// One command of a context's table: the words that name it, its help, its tags and its handler.
///
/// A one-word command is a top-level command (`exec`); a two-word command belongs to a verb group
/// (`show programs` in the `show` group). Help listings, usage text, completion and the argument
/// binder all read this one value, so they cannot drift apart.
public struct CommandSpec {
  /// The words that name the command, e.g. `["show", "programs"]`.
  public var words: [String]
  /// The one-line help shown in command listings.
  public var summary: String
  /// Arguments in positional order.
  public var tags: [TagSpec]
  /// Paragraphs printed after the parameters in the long help.
  public var remarks: [String]
  /// Example lines printed at the end of the long help.
  public var examples: [String]
  /// Runs but is left out of listings and completion.
  public var hidden: Bool
  /// The handler; it reads bound arguments from the call and writes to its output.
  /// Throwing marks the command as failed; the shell renders the error once.
  public var run: (CommandCall) throws -> Void

  /// Creates a command.
  public init(
    _ words: [String], _ summary: String, tags: [TagSpec] = [], remarks: [String] = [],
    examples: [String] = [], hidden: Bool = false, run: @escaping (CommandCall) throws -> Void
  ) {
    self.words = words
    self.summary = summary
    self.tags = tags
    self.remarks = remarks
    self.examples = examples
    self.hidden = hidden
    self.run = run
  }

  /// The command's words joined by spaces, as help lists it.
  public var name: String { words.joined(separator: " ") }
}

/// A verb that groups commands (`show`, `add`, `pin`…) and its one-line help.
public struct GroupSpec {
  /// The verb.
  public var name: String
  /// One-line help shown for the group in listings.
  public var summary: String

  /// Creates a group description.
  public init(_ name: String, _ summary: String) {
    self.name = name
    self.summary = summary
  }
}
