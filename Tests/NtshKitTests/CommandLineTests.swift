import Foundation
import Testing

/// The `ntsh` executable's modes and exit statuses, which CI users depend on.
@Suite struct CommandLineTests {
  /// The built executable, beside the test bundle.
  static let ntsh: URL = {
    let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = bundleDir.appendingPathComponent("ntsh")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return Fixtures.root.appendingPathComponent(".build/debug/ntsh")
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  func run(
    _ arguments: [String], stdin: String? = nil, directory: URL? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = Self.ntsh
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory ?? Fixtures.root
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func executableWasBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.ntsh.path), "build with swift build --build-tests")
  }

  @Test func oneShotCommandsSucceedOrFail() throws {
    let ok = try run(["alias"])
    #expect(ok.status == 0 && ok.stdout == "No aliases are defined.\n")
    let bad = try run(["frobnicate", "now"])
    #expect(bad.status == 1)
    #expect(bad.stderr == "The following command was not found: frobnicate now.\n")
  }

  @Test func stdinRunsWithoutPromptsAndStopsAtTheFirstFailure() throws {
    let r = try run([], stdin: "alias a b\nbogus\nalias c d\n")
    #expect(r.status == 1)
    #expect(r.stdout == "Ok.\n")
    #expect(r.stderr == "<stdin>:2: The following command was not found: bogus.\n")
    let kept = try run(["--keep-going"], stdin: "alias a b\nbogus\nalias c d\n")
    #expect(kept.status == 1 && kept.stdout == "Ok.\nOk.\n")
    let clean = try run([], stdin: "alias a b\r\nalias a")  // CRLF and no final newline
    #expect(clean.status == 0 && clean.stdout == "Ok.\nb\n")
  }

  @Test func scriptFilesReportFileAndLine() throws {
    let r = try run(["-f", "Fixtures/transcripts/shell/scripts/failing.txt"])
    #expect(r.status == 1)
    #expect(r.stderr == "Fixtures/transcripts/shell/scripts/failing.txt:2: The following command was not found: not-a-command here.\n")
    let missing = try run(["-f", "no/such/script"])
    #expect(missing.status == 1 && missing.stderr.contains("could not be opened: No such file or directory"))
  }

  @Test func contextOptionStartsThere() throws {
    let r = try run(["-c", "kd"], stdin: "..\nalias x y\n")
    #expect(r.status == 0 && r.stdout == "Ok.\n")
    let bad = try run(["-c", "nowhere"])
    #expect(bad.status == 2)
  }

  @Test func usageErrorsExitWithTwo() throws {
    #expect(try run(["--no-such-option"]).status == 2)
    #expect(try run(["-f", "x", "alias"]).status == 2)
    #expect(try run(["check"]).status == 2)
    #expect(try run(["--version"]).status == 0)
    let help = try run(["--help"])
    #expect(help.status == 0 && help.stdout.contains("USAGE: ntsh"))
  }

  @Test func checkReplaysTranscripts() throws {
    let pass = try run(["check", "Fixtures/transcripts/shell/aliases.txt"])
    #expect(pass.status == 0 && pass.stdout.hasSuffix("1 transcript: 1 passed, 0 failed\n"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntsh-check-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.txt")
    try "ntsh>alias\nwrong\n".write(to: file, atomically: true, encoding: .utf8)
    let fail = try run(["check", file.path])
    #expect(fail.status == 1)
    #expect(fail.stdout.contains("-wrong\n+No aliases are defined.\n"))
    let update = try run(["check", file.path, "--update"])
    #expect(update.status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8) == "ntsh>alias\nNo aliases are defined.\n")
  }

  @Test func includeDirPrintsTheAbsoluteHeaderFolder() throws {
    let headers = Fixtures.root.appendingPathComponent("include/ebpf").resolvingSymlinksInPath().path
    let r = try run(["--include-dir"], directory: FileManager.default.temporaryDirectory)
    #expect(r.status == 0 && r.stdout == headers + "\n" && r.stderr.isEmpty)
    let overridden = try run(["--include-dir"], environment: ["NTSH_INCLUDE_DIR": "include/ebpf"])
    #expect(overridden.status == 0 && overridden.stdout == headers + "\n")
    let bad = try run(["--include-dir"], environment: ["NTSH_INCLUDE_DIR": "/nonexistent"])
    #expect(bad.status == 1 && bad.stdout.isEmpty && bad.stderr.contains("does not contain bpf_helpers.h"))
  }
}
