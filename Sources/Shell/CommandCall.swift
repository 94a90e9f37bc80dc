/// What a handler receives: its bound arguments, the session and the output to write to.
public struct CommandCall {
  /// The bound arguments.
  public let args: Arguments
  /// The session the command runs in.
  public let session: Session
  /// The context the command was found in (where `..` and context commands act).
  public let context: ContextNode
  /// The whole line as typed.
  public let line: String

  /// Creates a call.
  public init(args: Arguments, session: Session, context: ContextNode, line: String) {
    self.args = args
    self.session = session
    self.context = context
    self.line = line
  }

  /// Where the handler writes.
  public var out: Output { session.output }
}
