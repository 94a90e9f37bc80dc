/// Runs lines non-interactively (`-f`, `exec`, piped stdin): no prompt echo, failures prefixed
/// with `FILE:LINE: `, and a stop at the first failure unless `--keep-going`.
public struct ScriptRunner {
  /// The shell the lines run in.
  public let shell: Shell

  /// Creates a runner.
  public init(shell: Shell) { self.shell = shell }

  /// Runs the lines; returns true when every command succeeded. `path`, when the lines come from a
  /// file, marks that file as running so an `exec` of it inside is refused.
  public func run(lines: some Sequence<String>, name: String, path: String? = nil) -> Bool {
    let session = shell.session
    let out = session.output
    let saved = out.failurePrefix
    if let path { session.scriptStack.append(path) }
    defer {
      out.failurePrefix = saved
      if path != nil { session.scriptStack.removeLast() }
    }
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
