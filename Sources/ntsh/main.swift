// ntsh's process entry: parses the command line, builds a shell, picks the mode, sets the exit status.
import ArgumentParser
import NtshKit
import Shell

#if canImport(Glibc)
  import Glibc
#endif

/// Exit statuses ntsh documents for CI users.
enum ExitStatus {
  static let success: Int32 = 0
  static let commandFailed: Int32 = 1
  static let usage: Int32 = 2
}

struct NtshCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ntsh",
    abstract: "A netsh-style shell over a simulated Windows kernel.",
    discussion: """
      With no command, ntsh is interactive when stdin and stdout are terminals, and otherwise reads \
      commands from stdin. `ntsh CONTEXT COMMAND...` runs one command, as netsh does \
      (e.g. `ntsh ebpf show programs`). `ntsh check FILE... [--update]` replays transcripts.
      Exit status: 0 when every command succeeded, 1 when a command failed, 2 for a usage error.
      Options go before the command words.
      """,
    version: Ntsh.version)

  @Option(name: .customShort("f"), help: ArgumentHelp("Run the commands of FILE, then exit.", valueName: "FILE"))
  var file: String?

  @Option(
    name: .customShort("c"),
    help: ArgumentHelp("Start in CONTEXT; with a command, run the command there.", valueName: "CONTEXT"))
  var context: String?

  @Flag(name: .long, help: "Keep running a script or stdin after a command fails (the exit status is still 1).")
  var keepGoing = false

  @Option(name: .long, help: "Seed for everything random (addresses, generated programs).")
  var seed: UInt64 = 0

  @Flag(name: .long, help: "Make format=json the default of every show command.")
  var json = false

  @Flag(name: .long, help: "Print the absolute path of ntsh's eBPF headers (for clang -I), then exit.")
  var includeDir = false

  @Argument(help: "A command to run once, or `check FILE... [--update]`.")
  var words: [String] = []
}

func currentDirectory() -> String {
  guard let cwd = getcwd(nil, 0) else { return "/" }
  defer { free(cwd) }
  return String(cString: cwd)
}

func printError(_ text: String) {
  var bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// The context paths under `root`, for messages (`ebpf, kd, object, winsta`).
func contextNames(_ root: ContextNode) -> String {
  root.subtree.dropFirst().map { $0.path.dropFirst().joined(separator: " ") }.joined(separator: ", ")
}

func runCheck(_ arguments: [String], options: Session.Options) -> Int32 {
  var update = false
  var files: [String] = []
  for argument in arguments {
    if argument == "--update" {
      update = true
    } else if argument.hasPrefix("-") && argument != "-" {
      printError("ntsh check: unknown option '\(argument)'. Usage: ntsh check FILE... [--update]")
      return ExitStatus.usage
    } else {
      files.append(argument)
    }
  }
  guard !files.isEmpty else {
    printError("ntsh check: no transcript given. Usage: ntsh check FILE... [--update]")
    return ExitStatus.usage
  }
  let runner = Ntsh.transcriptRunner(options: options)
  let output = Output.standard()
  var failed = 0
  for file in files {
    let path = file.hasPrefix("/") ? file : currentDirectory() + "/" + file
    do {
      let outcome = try runner.check(path: path, update: update)
      if outcome.passed {
        output.line("PASS \(file)")
      } else {
        failed += 1
        output.line((update ? "UPDATED " : "FAIL ") + file)
        output.write(outcome.diff)
      }
    } catch {
      failed += 1
      output.errorLine("FAIL \(file): the file could not be read: \(error).")
    }
  }
  output.line("\(files.count) transcript\(files.count == 1 ? "" : "s"): \(files.count - failed) passed, \(failed) failed")
  output.flush()
  return failed == 0 || update ? ExitStatus.success : ExitStatus.commandFailed
}

func run(_ command: NtshCommand) -> Int32 {
  if command.includeDir {
    do {
      let output = Output.standard()
      output.line(try Ntsh.ebpfIncludeDirectory())
      output.flush()
      return ExitStatus.success
    } catch {
      printError("ntsh: \(error)")
      return ExitStatus.commandFailed
    }
  }
  var options = Session.Options()
  options.keepGoing = command.keepGoing
  options.seed = command.seed
  options.json = command.json
  if command.words.first == "check" {
    guard command.context == nil, command.file == nil else {
      printError("ntsh: check replays transcripts from their own first prompt; -c and -f do not apply.")
      return ExitStatus.usage
    }
    return runCheck(Array(command.words.dropFirst()), options: options)
  }
  if command.file != nil && !command.words.isEmpty {
    printError("ntsh: -f FILE and a command cannot be combined.")
    return ExitStatus.usage
  }
  let interactive = command.file == nil && command.words.isEmpty && isatty(0) == 1 && isatty(1) == 1
  options.interactive = interactive
  let output = Output.standard()
  let shell = Ntsh.makeShell(output: output, options: options, baseDirectory: currentDirectory())
  defer { output.flush() }
  if let context = command.context {
    // Only context names, matched as the shell matches them (case-insensitive unique prefix).
    var node = shell.session.root
    for word in context.split(separator: " ") {
      guard case .one(let child) = PrefixMatcher.match(String(word), in: node.children.map { (keyword: $0.name, value: $0) }) else {
        printError("ntsh: '\(context)' is not a context (contexts: \(contextNames(shell.session.root))).")
        return ExitStatus.usage
      }
      node = child
    }
    guard node !== shell.session.root else {
      printError("ntsh: '\(context)' is not a context (contexts: \(contextNames(shell.session.root))).")
      return ExitStatus.usage
    }
    shell.execute(node.path.dropFirst().joined(separator: " "))
  }
  if let file = command.file {
    let text: String
    let path = shell.session.resolvePath(file)
    do {
      text = try FileReader.readText(path)
    } catch {
      printError("ntsh: the file \(file) could not be opened: \(error).")
      return ExitStatus.commandFailed
    }
    let ok = ScriptRunner(shell: shell).run(lines: FileReader.lines(of: text), name: file, path: path)
    return ok ? ExitStatus.success : ExitStatus.commandFailed
  }
  if !command.words.isEmpty {
    let line = command.words.map(Tokenizer.quoteArgument).joined(separator: " ")
    return shell.execute(line) == .success ? ExitStatus.success : ExitStatus.commandFailed
  }
  if interactive {
    do {
      _ = try InteractiveLoop.run(shell)
      return ExitStatus.success
    } catch {
      printError("ntsh: \(error).")
      return ExitStatus.commandFailed
    }
  }
  let ok = ScriptRunner(shell: shell).run(lines: StandardInput(flushing: output), name: "<stdin>")
  return ok ? ExitStatus.success : ExitStatus.commandFailed
}

/// Splits the process arguments into ntsh's options and the command words: options come first,
/// and the first word that is not an option starts the command (which may contain `-?`, `/?`…).
func splitArguments(_ arguments: [String]) -> (options: [String], words: [String]) {
  let valued: Set<String> = ["-f", "-c", "--seed"]
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    if valued.contains(argument) {
      index += 2
    } else if argument.hasPrefix("-") && argument != "-" && argument != "-?" {
      index += 1
    } else {
      break
    }
  }
  let split = min(index, arguments.count)
  return (Array(arguments[..<split]), Array(arguments[split...]))
}

do {
  let (options, words) = splitArguments(Array(CommandLine.arguments.dropFirst()))
  var parsed = try NtshCommand.parseAsRoot(options)
  guard var command = parsed as? NtshCommand else {
    try parsed.run()  // ArgumentParser's own help command
    exit(ExitStatus.success)
  }
  command.words = words
  exit(run(command))
} catch {
  let code = NtshCommand.exitCode(for: error)
  if code == .success {
    print(NtshCommand.fullMessage(for: error))
    exit(ExitStatus.success)
  }
  printError(NtshCommand.fullMessage(for: error))
  exit(ExitStatus.usage)
}
