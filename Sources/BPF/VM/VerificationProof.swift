/// What the verifier proved about a program; lets verified mode drop the checks it covers.
public struct VerificationProof: Hashable, Sendable {
  /// Slot indices of loads, stores and atomics whose every execution is in bounds.
  public var safeAccesses: Set<Int>

  /// Creates a proof. Only a verifier should: an unchecked access outside its region is
  /// undefined behaviour of the host.
  public init(safeAccesses: Set<Int>) {
    self.safeAccesses = safeAccesses
  }
}
