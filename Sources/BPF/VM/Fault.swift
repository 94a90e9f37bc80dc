/// Why a run stopped abnormally, and where: a clean error value, never a crash.
public struct Fault: Error, Hashable, Sendable, CustomStringConvertible {
  /// Slot index of the instruction that faulted.
  public let pc: Int
  /// What went wrong.
  public let reason: Reason
  /// Instructions executed before and including the faulting one (an LDDW counts once).
  public let instructionsExecuted: UInt64

  /// Creates a fault.
  public init(pc: Int, reason: Reason, instructionsExecuted: UInt64) {
    self.pc = pc
    self.reason = reason
    self.instructionsExecuted = instructionsExecuted
  }

  /// The kinds of faults.
  public enum Reason: Hashable, Sendable {
    /// A load, store or atomic outside every region it may touch.
    case memory(MemoryError)
    /// The instruction budget ran out (e.g. `ja -1`).
    case budgetExhausted(limit: UInt64)
    /// A local call would exceed the maximum call depth.
    case callDepthExceeded(limit: Int)
    /// A call or callx names a helper that is not registered.
    case unknownHelper(Int64)
    /// A helper reported a failure.
    case helperFailed(id: Int32, message: String)
    /// More tail calls than allowed.
    case tailCallLimit(Int)
    /// (sanitizing) A register was read before anything was written to it.
    case uninitializedRegister(Register)
    /// (sanitizing) Stack bytes were read before anything was written to them.
    case uninitializedStack(address: UInt64, size: Int)
    /// Verified mode was requested for a program without a verification proof.
    case notVerified
    /// The program counter left the program (cannot happen for validated programs).
    case pcOutOfRange
    /// `run` was called while the interpreter was already running (e.g. from a helper).
    case busy
  }

  /// `pc N: <reason>`.
  public var description: String { "pc \(pc): \(message)" }

  /// The reason as text.
  public var message: String {
    switch reason {
    case .memory(let e): return e.description
    case .budgetExhausted(let n): return "instruction budget of \(n) exhausted"
    case .callDepthExceeded(let n): return "call depth exceeds the limit of \(n)"
    case .unknownHelper(let id): return "call to unknown helper function \(id)"
    case .helperFailed(let id, let m): return "helper function \(id) failed: \(m)"
    case .tailCallLimit(let n): return "more than \(n) tail calls"
    case .uninitializedRegister(let r): return "read of uninitialised register \(r)"
    case .uninitializedStack(let a, let n):
      return "read of \(n) uninitialised stack byte\(n == 1 ? "" : "s") at \(hexAddress(a))"
    case .notVerified: return "verified mode needs a program with a verification proof"
    case .pcOutOfRange: return "program counter left the program"
    case .busy: return "the interpreter is already running a program"
    }
  }
}
