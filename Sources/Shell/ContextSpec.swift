/// A context of the shell: its name, prompt, command table and sub-contexts.
///
/// Contexts are data. The shell builds its tree from these values, resolves commands against it
/// (own commands first, then inherited ones), and generates every help listing from it.
public struct ContextSpec {
  /// The name users type to enter the context.
  public var name: String
  /// Listing text; defaults to netsh's ``Changes to the `ntsh NAME' context.``.
  public var summary: String?
  /// A prompt of its own (kd's `lkd> `); nil gives netsh's path prompt (`ntsh ebpf>`).
  public var prompt: String?
  /// Commands defined here; they are inherited by sub-contexts unless overridden.
  public var commands: [CommandSpec]
  /// One-line help for this context's verbs (`add`, `show`, …) beyond the standard ones.
  public var groups: [GroupSpec]
  /// Nested contexts.
  public var subcontexts: [ContextSpec]
  /// Lines `dump` prints to recreate what the user made in this context (without pushd/popd).
  public var dump: ((Session) -> [String])?
  /// A context with a grammar of its own (kd) interprets lines it does not find in its table.
  /// Returns false when the line is not its command either.
  public var interpret: ((String, CommandCall) throws -> Bool)?
  /// A note printed at the top of this context's listing (what is not built yet, for instance).
  public var note: String?

  /// Creates a context.
  public init(
    name: String, summary: String? = nil, prompt: String? = nil, commands: [CommandSpec] = [],
    groups: [GroupSpec] = [], subcontexts: [ContextSpec] = [], note: String? = nil,
    dump: ((Session) -> [String])? = nil, interpret: ((String, CommandCall) throws -> Bool)? = nil
  ) {
    self.name = name
    self.summary = summary
    self.prompt = prompt
    self.commands = commands
    self.groups = groups
    self.subcontexts = subcontexts
    self.note = note
    self.dump = dump
    self.interpret = interpret
  }
}
