/// How a program runs.
public enum ExecutionMode: Hashable, Sendable {
  /// Every memory access is checked against its region; pc, call depth and the instruction
  /// budget are enforced. For unverified code.
  case checked
  /// Checked, plus faults on reads of uninitialised registers and stack bytes. Slow; for the
  /// verifier's soundness tests.
  case sanitizing
  /// For programs with a `VerificationProof`: the accesses it covers run unchecked.
  case verified
}

/// The outcome of a run that reached `exit`.
public struct Execution: Hashable, Sendable {
  /// r0 at exit.
  public let result: UInt64
  /// Instructions executed (an LDDW counts once), across tail calls.
  public let instructionsExecuted: UInt64
  /// Tail calls made.
  public let tailCalls: Int
}

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
