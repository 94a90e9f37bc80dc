/// The read–execute loop for a person at a terminal.
public enum InteractiveLoop {
  /// Why the loop could not start.
  public struct Unavailable: Error, CustomStringConvertible {
    /// The reason.
    public var description: String { "the terminal line editor (libedit) could not be initialised" }
  }

  /// Runs until `exit` or Ctrl-D; returns true when the last command succeeded.
  public static func run(_ shell: Shell) throws -> Bool {
    guard let editor = LineEditor(completer: Completer(shell: shell)) else { throw Unavailable() }
    let session = shell.session
    var lastOK = true
    while !session.exitRequested {
      editor.prompt = session.prompt
      session.output.flush()
      switch editor.read() {
      case .line(let line):
        editor.remember(line)
        lastOK = shell.execute(line) == .success
      case .interrupted:
        continue
      case .endOfInput:
        session.output.flush()
        return lastOK
      }
    }
    session.output.flush()
    return lastOK
  }
}
