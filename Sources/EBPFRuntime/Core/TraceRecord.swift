/// One line of the runtime's trace buffer: what `bpf_printk` printed, or why a hooked program
/// stopped with a fault (a helper refusing its arguments, the instruction budget).
public struct TraceRecord: Sendable, Hashable {
  /// What produced the line.
  public enum Kind: Sendable, Hashable {
    /// `bpf_printk` output.
    case printk
    /// A run that ended in a fault; the hook used its default verdict.
    case fault
  }

  /// What produced it.
  public var kind: Kind
  /// Interrupt time when it was written (100 ns units since boot).
  public var time: Int64
  /// The program's id.
  public var programID: UInt32
  /// The program's name.
  public var programName: String
  /// The process the program ran for.
  public var processID: UInt32
  /// The text.
  public var text: String
}
