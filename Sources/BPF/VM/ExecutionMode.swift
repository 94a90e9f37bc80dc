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
