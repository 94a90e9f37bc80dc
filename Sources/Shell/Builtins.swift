/// netsh's commands available in every context: navigation, help, aliases, scripts and `dump`.
enum Builtins {
  /// Nesting limit of `exec` (a script that runs itself is caught earlier, by name).
  static let maximumScriptDepth = 16

  static var commands: [CommandSpec] {
    [
    CommandSpec([".."], "Goes up one context level.") { call in
      if let parent = call.context.parent { call.session.current = parent }
    },
    CommandSpec(["?"], "Displays a list of commands.") { call in
      HelpRenderer.contextListing(call.context, session: call.session)
    },
    CommandSpec(["help"], "Displays a list of commands.") { call in
      HelpRenderer.contextListing(call.context, session: call.session)
    },
    CommandSpec(["exit"], "Exits the program.") { $0.session.exitRequested = true },
    CommandSpec(["quit"], "Exits the program.") { $0.session.exitRequested = true },
    CommandSpec(["bye"], "Exits the program.") { $0.session.exitRequested = true },
    CommandSpec(
      ["alias"], "Adds an alias.",
      tags: [
        TagSpec("name", .text(placeholder: "name"), help: "Name of the alias: the first word of a line it replaces."),
        TagSpec("value", .text(placeholder: "word"), .rest, help: "The words the alias stands for."),
      ],
      remarks: [
        "With no arguments, lists every alias; with a name, shows that alias; with a name and words, defines it.",
        "An alias replaces the first word of a line once; aliases are not expanded inside aliases.",
      ],
      examples: ["alias sp show programs", "alias sp"],
      run: alias),
    CommandSpec(
      ["unalias"], "Deletes an alias.",
      tags: [TagSpec("name", .text(placeholder: "name"), .required, help: "Name of the alias to delete.")],
      run: unalias),
    CommandSpec(["show", "alias"], "Lists all defined aliases.") { call in
      listAliases(call)
    },
    CommandSpec(
      ["exec"], "Runs a script file.",
      tags: [TagSpec("filename", .file, .required, help: "The script to run, one command per line.")],
      remarks: [
        "Runs each line in the current context and stays in the shell. Lines starting with # are comments. "
          + "The script stops at its first failed command unless ntsh runs with --keep-going."
      ],
      run: exec),
    CommandSpec(
      ["pushd"], "Pushes current context on stack.",
      tags: [TagSpec("command", .commandLine, .rest, help: "A command to run after pushing, usually a context to enter.")],
      examples: ["pushd ebpf"],
      run: pushd),
    CommandSpec(
      ["popd"], "Pops a context from the stack.",
      remarks: ["With nothing pushed it does nothing, as netsh does."]
    ) { call in
      if let top = call.session.contextStack.popLast() { call.session.current = top }
    },
    CommandSpec(
      ["dump"], "Displays a configuration script.",
      remarks: ["Prints a script that recreates the aliases and what was created in each context; run it with exec or ntsh -f."],
      run: dump),
    ]
  }

  private static func alias(_ call: CommandCall) throws {
    let session = call.session
    guard let name = call.args["name"] else { return listAliases(call) }
    let words = call.args.all("value")
    if words.isEmpty {
      guard let value = session.aliases[name] else {
        throw ShellError.failed("The following alias was not found: \(name).")
      }
      call.out.line(value)
      return
    }
    guard !Shell.helpWords.contains(name.lowercased()), !name.contains("="), !name.contains(where: \.isWhitespace) else {
      throw ShellError.failed("'\(name)' cannot be used as an alias name.")
    }
    // One plain word is the alias's text as given (`alias sp "ebpf show programs"`); several words
    // keep their tags and quoting.
    let rest = call.args.restTokens
    session.aliases[name] = rest.count == 1 && rest[0].tag == nil ? rest[0].text : call.args.restLine
    call.out.ok()
  }

  private static func unalias(_ call: CommandCall) throws {
    let name = call.args["name"] ?? ""
    guard call.session.aliases.removeValue(forKey: name) != nil else {
      throw ShellError.failed("The following alias was not found: \(name).")
    }
    call.out.ok()
  }

  private static func listAliases(_ call: CommandCall) {
    let aliases = call.session.aliases
    guard !aliases.isEmpty else {
      call.out.line("No aliases are defined.")
      return
    }
    for name in aliases.keys.sorted() { call.out.line("\(name) = \(aliases[name] ?? "")") }
  }

  private static func exec(_ call: CommandCall) throws {
    let session = call.session
    let path = session.resolvePath(call.args["filename"] ?? "")
    let shown = session.displayPath(path)
    if session.scriptStack.contains(path) {
      throw ShellError.failed("The script \(shown) is already running; exec cannot run it recursively.")
    }
    if session.scriptStack.count >= maximumScriptDepth {
      throw ShellError.failed("Scripts are nested more than \(maximumScriptDepth) deep; \(shown) was not run.")
    }
    let text: String
    do {
      text = try FileReader.readText(path)
    } catch {
      throw ShellError.failed("The file \(shown) could not be opened: \(error).")
    }
    guard let shell = session.shell else { return }
    let ok = ScriptRunner(shell: shell).run(lines: FileReader.lines(of: text), name: shown, path: path)
    if !ok { throw ShellError.alreadyReported }
  }

  private static func pushd(_ call: CommandCall) throws {
    let session = call.session
    session.contextStack.append(session.current)
    let words = call.args.all("command")
    guard !words.isEmpty, let shell = session.shell else { return }
    do {
      try shell.run(line: call.args.restLine)
    } catch {
      session.contextStack.removeLast()
      throw error
    }
  }

  private static func dump(_ call: CommandCall) throws {
    let out = call.out
    let session = call.session
    out.line("#========================")
    out.line("# ntsh configuration")
    out.line("#========================")
    for name in session.aliases.keys.sorted() {
      out.line("alias \(Tokenizer.quote(name)) \(session.aliases[name] ?? "")")
    }
    for node in session.root.subtree.dropFirst() {
      guard let lines = node.spec.dump?(session), !lines.isEmpty else { continue }
      let path = node.path.dropFirst().joined(separator: " ")
      out.line()
      out.line("# ----------------------------------")
      out.line("# \(path) configuration")
      out.line("# ----------------------------------")
      out.line("pushd \(path)")
      out.line()
      lines.forEach(out.line)
      out.line()
      out.line("popd")
      out.line("# End of \(path) configuration")
    }
    out.line()
  }
}
