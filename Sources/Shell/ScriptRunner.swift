/// Runs lines non-interactively (`-f`, `exec`, piped stdin): no prompt echo, failures prefixed
/// with `FILE:LINE: `, and a stop at the first failure unless `--keep-going`.
public struct ScriptRunner {
  /// The shell the lines run in.
  public let shell: Shell

  /// Creates a runner.
  public init(shell: Shell) { self.shell = shell }

  /// Runs the lines; returns true when every command succeeded.
  public func run(lines: some Sequence<String>, name: String) -> Bool {
    let session = shell.session
    let out = session.output
    let saved = out.failurePrefix
    defer { out.failurePrefix = saved }
    var ok = true
    var number = 0
    for line in lines {
      number += 1
      out.failurePrefix = "\(name):\(number): "
      if shell.execute(line) == .failure {
        ok = false
        if !session.options.keepGoing { break }
      }
      if session.exitRequested { break }
    }
    return ok
  }
}
