/// One executed instruction, for tracing a run instruction by instruction.
public struct TraceEvent: Hashable, Sendable {
  /// Slot index of the instruction.
  public let pc: Int
  /// The instruction.
  public let instruction: DecodedInstruction
  /// Call depth (0 = the program's own frame).
  public let depth: Int
  /// Registers the instruction changed, in register order.
  public let changes: [RegisterChange]
  /// The program being run (changes after a tail call).
  public let programName: String
}

/// A register's value before and after an instruction.
public struct RegisterChange: Hashable, Sendable {
  /// The register.
  public let register: Register
  /// Value before.
  public let old: UInt64
  /// Value after.
  public let new: UInt64
}
