/// The outcome of a run that reached `exit`.
public struct Execution: Hashable, Sendable {
  /// r0 at exit.
  public let result: UInt64
  /// Instructions executed (an LDDW counts once), across tail calls.
  public let instructionsExecuted: UInt64
  /// Tail calls made.
  public let tailCalls: Int
}
