/// The netsh-style interpreter: resolves a line against the context tree and runs it.
///
/// Resolution follows netsh: the first word is looked up among the current context's commands,
/// verb groups and sub-contexts, then among those it inherits from its ancestors; a context word
/// followed by more words runs them there without switching; a help word (`?`, `help`, `/?`, `-?`)
/// after any prefix prints help for that prefix. Every failure is rendered once, here.
public final class Shell {
  /// The outcome of one line.
  public enum Status: Equatable {
    /// The line succeeded (or was blank or a comment).
    case success
    /// The command failed; its message was printed.
    case failure
  }

  /// The session state.
  public let session: Session
  /// Words that ask for help.
  static let helpWords: Set<String> = ["?", "help", "/?", "-?"]
  /// Longest line the shell accepts; longer lines are refused, not truncated.
  public static let maximumLineLength = 65_536
  /// How deeply lines may run lines (aliases, `pushd`, `exec`) before the shell stops the chain.
  static let maximumNesting = 32
  private var tables: [ObjectIdentifier: ContextTable] = [:]
  private var nesting = 0

  /// Creates a shell over a root context; ``Builtins`` adds netsh's standard commands to it.
  public init(root spec: ContextSpec, output: Output, options: Session.Options = .init(), baseDirectory: String) {
    var rootSpec = spec
    rootSpec.commands = Builtins.commands + spec.commands
    let root = ContextNode(spec: rootSpec, parent: nil)
    session = Session(root: root, output: output, options: options, baseDirectory: baseDirectory)
    session.shell = self
  }

  /// Runs one line and renders its failure, if any.
  @discardableResult
  public func execute(_ rawLine: String) -> Status {
    let status: Status
    do {
      try run(line: rawLine)
      status = .success
    } catch {
      report(error)
      status = .failure
    }
    for hook in session.afterCommand { hook(session) }
    return status
  }

  /// Runs one line, throwing its failure (used by `exec` and `pushd` to nest lines).
  func run(line rawLine: String) throws {
    if rawLine.utf8.count > Self.maximumLineLength {
      throw ShellError.failed(
        "The line is \(rawLine.utf8.count) bytes long; the limit is \(Self.maximumLineLength) bytes.")
    }
    guard nesting < Self.maximumNesting else {
      throw ShellError.failed(
        "Commands run commands more than \(Self.maximumNesting) deep (through aliases, pushd or exec); "
          + "stopped at: \(rawLine.trimmingSpaces)")
    }
    nesting += 1
    defer { nesting -= 1 }
    let line = expandAlias(rawLine)
    var tokens: [Token]
    do {
      tokens = try Tokenizer.tokenize(line)
    } catch {
      throw ShellError.failed("The line has an unbalanced quotation mark: \(line)")
    }
    if tokens.isEmpty || tokens[0].text.hasPrefix("#") { return }
    // `help X Y` prints the help of `X Y`; it never runs it.
    var help = false
    if tokens.count > 1, tokens[0].tag == nil, Self.helpWords.contains(tokens[0].text.lowercased()) {
      tokens.removeFirst()
      help = true
    }
    try resolve(tokens[...], in: session.current, line: line, help: help)
  }

  private func expandAlias(_ line: String) -> String {
    guard !session.aliases.isEmpty else { return line }
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    let word = trimmed.prefix { $0 != " " && $0 != "\t" }
    guard let value = session.aliases[String(word)] else { return line }
    return value + trimmed.dropFirst(word.count)
  }

  /// Resolves `tokens` in `node` and runs what they name; with `help`, prints its help instead.
  private func resolve(_ tokens: ArraySlice<Token>, in node: ContextNode, line: String, help: Bool) throws {
    guard let first = tokens.first else { return }
    let rest = tokens.dropFirst()
    if Self.helpWords.contains(first.text.lowercased()) && first.tag == nil {
      HelpRenderer.contextListing(node, session: session)
      return
    }
    let table = self.table(for: node)
    let entry: ContextTable.Entry
    switch PrefixMatcher.match(first.text, in: table.topLevel) {
    case .one(let e): entry = e
    case .ambiguous(let names): throw ShellError.ambiguous(word: first.text, candidates: names)
    case .none:
      if !help, let interpret = node.spec.interpret {
        let call = CommandCall(args: Arguments(tags: []), session: session, context: node, line: line)
        if try interpret(Tokenizer.join(tokens), call) { return }
      }
      throw ShellError.commandNotFound(line: line.trimmingSpaces)
    }
    switch entry {
    case .context(let child):
      if rest.isEmpty {
        if help { HelpRenderer.contextListing(child, session: session) } else { session.current = child }
      } else {
        try resolve(rest, in: child, line: line, help: help)
      }
    case .command(let spec, let owner):
      if help { return HelpRenderer.usage(spec, to: session.output) }
      try invoke(spec, owner: owner, arguments: rest, node: node, line: line)
    case .group(let verb):
      guard let noun = rest.first, !Self.helpWords.contains(noun.text.lowercased()) else {
        HelpRenderer.groupListing(verb, in: node, table: table, session: session)
        return
      }
      let members = table.groupMembers(verb)
      switch PrefixMatcher.match(noun.text, in: members.map { (keyword: $0.spec.words[1], value: $0) }) {
      case .one(let member):
        if help { return HelpRenderer.usage(member.spec, to: session.output) }
        try invoke(member.spec, owner: member.owner, arguments: rest.dropFirst(), node: node, line: line)
      case .ambiguous(let names):
        throw ShellError.ambiguous(word: noun.text, candidates: names.map { verb + " " + $0 })
      case .none:
        throw ShellError.commandNotFound(line: line.trimmingSpaces)
      }
    }
  }

  private func invoke(
    _ spec: CommandSpec, owner: ContextNode, arguments: ArraySlice<Token>, node: ContextNode, line: String
  ) throws {
    if let last = arguments.last, last.tag == nil, Self.helpWords.contains(last.text.lowercased()),
      spec.tags.last?.presence != .rest || arguments.count == 1
    {
      HelpRenderer.usage(spec, to: session.output)
      return
    }
    let args: Arguments
    do {
      args = try ArgumentBinder.bind(arguments, to: spec.tags)
    } catch {
      throw CommandFailure(error: error, command: spec)
    }
    let call = CommandCall(args: args, session: session, context: node, line: line)
    do {
      try spec.run(call)
    } catch let error as ShellError where error.showsUsage {
      throw CommandFailure(error: error, command: spec)
    }
  }

  /// The lookup table of a context, built on first use.
  func table(for node: ContextNode) -> ContextTable {
    if let t = tables[ObjectIdentifier(node)] { return t }
    let t = ContextTable(node)
    tables[ObjectIdentifier(node)] = t
    return t
  }

  /// Prints a failure to standard error, netsh-style, with the script prefix when one is set.
  public func report(_ error: any Error) {
    let out = session.output
    var lines: [String]
    var usage: [String] = []
    switch error {
    case let failure as CommandFailure:
      lines = failure.error.messageLines
      if failure.error.showsUsage { usage = failure.usage }
    case ShellError.alreadyReported:
      // The message is out already; a script still says where the failing line is.
      lines = out.failurePrefix == nil ? [] : ["The command failed (its message is above)."]
    case let shellError as ShellError:
      lines = shellError.messageLines
    default:
      lines = String(describing: error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    for (i, text) in lines.enumerated() {
      out.errorLine(i == 0 ? (out.failurePrefix ?? "") + text.visible : text.visible)
    }
    for text in usage { out.errorLine(text) }
  }
}

/// A binding or syntax failure paired with the command whose usage explains it.
struct CommandFailure: Error {
  let error: ShellError
  /// The command's usage, rendered when the failure was raised.
  let usage: [String]

  init(error: ShellError, command: CommandSpec) {
    self.error = error
    usage = HelpRenderer.usageText(command)
  }
}

extension Tokenizer {
  /// Joins tokens back into a line, quoting words that need it.
  static func join(_ tokens: some Collection<Token>) -> String {
    tokens.map { token in
      guard let tag = token.tag else { return quote(token.text) }
      return tag + "=" + quote(token.value)
    }.joined(separator: " ")
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s = s.dropLast() }
    return String(s)
  }
}
