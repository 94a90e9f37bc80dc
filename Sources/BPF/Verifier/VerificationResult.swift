/// One line of a verification report: `<pc>: <text>`.
public struct VerificationMessage: Hashable, Sendable, CustomStringConvertible {
  /// Slot index of the instruction.
  public var pc: Int
  /// PREVAIL-style text: the rule and, in parentheses, the assertion that failed.
  public var text: String

  /// Creates a message.
  public init(pc: Int, text: String) {
    self.pc = pc
    self.text = text
  }

  /// `<pc>: <text>`.
  public var description: String { "\(pc): \(text)" }
}

/// What the verifier concluded about a program.
public struct VerificationResult: Sendable {
  /// Failed safety checks, by pc (empty when the program is safe).
  public var errors: [VerificationMessage]
  /// Facts that are not errors: unreachable code, possible division by zero (allowed).
  public var notes: [VerificationMessage]
  /// The most times any loop head is entered in one run (PREVAIL's max_loop_count).
  public var maxLoopCount: UInt64
  /// Each loop head's bound per entry of its loop (nil when unbounded).
  public var loopBounds: [LoopBound]
  /// Instruction statistics (netsh's `show sections level=verbose` keys).
  public var statistics: VerifierStatistics
  /// What the interpreter may rely on; present only when verification succeeded.
  public var proof: VerificationProof?
  /// The program that was verified (nil when it could not be decoded).
  public var program: DecodedProgram?
  /// The abstract state before and after every instruction (level verbose).
  public var invariants: [InvariantEntry]
  /// For each error, the instructions that led to it (level informational).
  public var slices: [FailureSlice]

  /// True when every check passed.
  public var succeeded: Bool { errors.isEmpty }
}

/// A loop and how often its head may be entered each time the loop is entered.
public struct LoopBound: Hashable, Sendable {
  /// The loop head's pc.
  public var pc: Int
  /// The bound, or nil when none was found.
  public var bound: Int64?
}

/// One instruction with the abstract states around it, in one calling context.
public struct InvariantEntry: Hashable, Sendable {
  /// The instruction's pc.
  public var pc: Int
  /// The call chain (pcs of the local calls) the instruction ran under; empty for the program.
  public var callChain: [Int]
  /// The state before, in PREVAIL's notation (one constraint per element).
  public var pre: [String]
  /// The state after.
  public var post: [String]
  /// The instruction as the listing prints it.
  public var text: String
}

/// The instructions that produced the values a failed check looked at.
public struct FailureSlice: Hashable, Sendable {
  /// The error.
  public var error: VerificationMessage
  /// Slice entries in program order: pc, instruction text, and the relevant registers before it.
  public var steps: [Step]

  /// One instruction of a slice.
  public struct Step: Hashable, Sendable {
    /// Its pc.
    public var pc: Int
    /// The instruction.
    public var text: String
    /// The registers it reads, as they were before it ran.
    public var state: [String]
  }
}
