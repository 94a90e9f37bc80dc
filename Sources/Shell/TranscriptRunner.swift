#if canImport(Glibc)
  import Glibc
#endif

/// Replays transcripts in fresh worlds and compares what they print; the engine behind
/// `ntsh check` and the project's acceptance tests.
public struct TranscriptRunner {
  /// Makes a fresh shell writing to `output`, resolving and printing paths relative to `baseDirectory`.
  public typealias ShellFactory = (_ output: Output, _ baseDirectory: String) -> Shell

  /// The result of checking one file.
  public struct Outcome {
    /// The transcript file.
    public let path: String
    /// True when every line matched.
    public let passed: Bool
    /// A unified diff of expected against actual (empty when passed).
    public let diff: String
    /// The transcript rewritten with the actual output, holes kept where they still match.
    public let updatedText: String
  }

  private let makeShell: ShellFactory

  /// Creates a runner.
  public init(makeShell: @escaping ShellFactory) { self.makeShell = makeShell }

  /// Replays one transcript file; with `update`, rewrites it with the actual output.
  public func check(path: String, update: Bool = false) throws(FileReader.Failure) -> Outcome {
    let text = try FileReader.readText(path)
    let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let outcome = replay(text: text, path: path, baseDirectory: directory.isEmpty ? "/" : directory)
    if update && !outcome.passed { try write(outcome.updatedText, to: path) }
    return outcome
  }

  /// Replays transcript text.
  public func replay(text: String, path: String, baseDirectory: String) -> Outcome {
    let output = Output.capturing()
    let shell = makeShell(output, baseDirectory)
    let session = shell.session
    let transcript = Transcript(text: text, prompts: session.root.subtree.map(\.prompt))
    guard !transcript.steps.isEmpty else {
      // A file without a single prompt line would pass while checking nothing.
      return Outcome(
        path: path, passed: false,
        diff: "\(path): no line starts with a prompt (ntsh>, ntsh ebpf>, ...), so there is nothing to check.\n",
        updatedText: text)
    }
    var actual = transcript.header
    var updated = transcript.header
    for step in transcript.steps {
      if session.exitRequested { break }
      let prompt = session.prompt
      let inputLine = prompt.trimmingSpaces == step.prompt.trimmingSpaces ? step.inputLine : prompt + step.input
      actual.append(inputLine)
      updated.append(inputLine)
      shell.execute(step.input)
      let lines = FileReader.lines(of: output.takeCaptured())
      actual += lines
      for edit in LineDiff(expected: step.expected, actual: lines).edits {
        switch edit {
        case .same(let i, _): updated.append(step.expected[i])
        case .added(let j): updated.append(lines[j])
        case .removed: break
        }
      }
    }
    let expected = transcript.header + transcript.steps.flatMap { [$0.inputLine] + $0.expected }
    let diff = LineDiff(expected: expected, actual: actual)
    return Outcome(
      path: path, passed: diff.isEqual,
      diff: diff.unified(expectedName: path, actualName: path + " (actual)"),
      updatedText: updated.map { $0 + "\n" }.joined())
  }

  private func write(_ text: String, to path: String) throws(FileReader.Failure) {
    let fd = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileReader.Failure(code: errno) }
    defer { close(fd) }
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileReader.Failure(code: errno)
      }
      offset += n
    }
  }
}
