import NtshKit
import Shell
import Testing

/// Malformed input from Fixtures/bad/shell: each fails cleanly with a clear first message.
@Suite struct BadInputTests {
  /// Runs a script through a full ntsh shell rooted at the bad-input folder.
  func runScript(_ lines: [String], name: String) -> (ok: Bool, output: String) {
    let out = Output.capturing()
    let shell = Ntsh.makeShell(output: out, baseDirectory: Fixtures.path("bad/shell"))
    let ok = ScriptRunner(shell: shell).run(lines: lines, name: name)
    return (ok, out.takeCaptured())
  }

  func runFile(_ file: String) throws -> (ok: Bool, output: String) {
    let text = try FileReader.readText(Fixtures.path("bad/shell/" + file))
    return runScript(FileReader.lines(of: text), name: file)
  }

  static let cases: [(file: String, firstLine: String)] = [
    ("unbalanced-quote.txt", "unbalanced-quote.txt:1: The line has an unbalanced quotation mark: alias x \"abc"),
    ("unknown-command.txt", "unknown-command.txt:1: The following command was not found: frobnicate the kernel."),
    ("wrong-tag.txt", "wrong-tag.txt:1: 'nosuch=1' is not a valid argument for this command."),
    ("missing-required.txt", "missing-required.txt:1: One or more essential parameters were not entered."),
    ("too-many-arguments.txt", "Ok."),
    ("recursive-exec.txt", "recursive-exec.txt:1: The script recursive-exec.txt is already running; exec cannot run it recursively."),
    ("mutual-a.txt", "mutual-a.txt:1: The script mutual-b.txt is already running; exec cannot run it recursively."),
    ("invalid-utf8.txt", "invalid-utf8.txt:1: The following command was not found: show \u{FFFD}\u{FFFD} alias."),
    ("pushd-unknown.txt", "pushd-unknown.txt:1: The following command was not found: nowhere."),
    (
      "pushd-recursion.txt",
      "pushd-recursion.txt:2: Commands run commands more than 32 deep (through aliases, pushd or exec); stopped at: p"
    ),
    ("ambiguous-tag.txt", "ambiguous-tag.txt:1: The tag 'f' is ambiguous; it could be: filename, format."),
  ]

  @Test(arguments: cases.map(\.file))
  func badScriptFailsCleanly(_ file: String) throws {
    let expected = Self.cases.first { $0.file == file }?.firstLine ?? ""
    let (ok, output) = try runFile(file)
    #expect(!ok)
    let lines = output.split(separator: "\n").map(String.init)
    #expect(lines.contains(expected), "\(output)")
  }

  @Test func tooManyArgumentsNamesTheExtraWord() throws {
    let (_, output) = try runFile("too-many-arguments.txt")
    #expect(output.contains("too-many-arguments.txt:2: 'extra' is not a valid argument for this command."))
  }

  @Test func binaryGarbageNeverReachesTheTerminalRaw() throws {
    let bytes = try FileReader.readBytes(Fixtures.path("bad/shell/binary-garbage.bin"))
    let lines = FileReader.lines(of: String(decoding: bytes, as: UTF8.self))
    var options = Session.Options()
    options.keepGoing = true
    let out = Output.capturing()
    let shell = Ntsh.makeShell(output: out, options: options, baseDirectory: "/")
    #expect(!ScriptRunner(shell: shell).run(lines: lines, name: "garbage"))
    let text = out.takeCaptured()
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0 })
    #expect(text.hasPrefix("garbage:1: The following command was not found: ^[[2J^@^G"))
  }

  @Test func megabyteLineIsRefused() {
    let (ok, output) = runScript([String(repeating: "x", count: 1 << 20), "alias a b"], name: "big")
    #expect(!ok)
    #expect(output == "big:1: The line is 1048576 bytes long; the limit is 65536 bytes.\n")
  }

  @Test func missingAndDirectoryScriptsAreReported() {
    #expect(runScript(["exec no-such-file.txt"], name: "s").output
      == "s:1: The file no-such-file.txt could not be opened: No such file or directory.\n")
    #expect(runScript(["exec ."], name: "s").output == "s:1: The file . could not be opened: Is a directory.\n")
  }
}
