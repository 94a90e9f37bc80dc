/// How a program runs (`ebpf_execution_type_t`), as `show programs` reports it in its Mode column.
public enum ExecutionType: UInt32, Sendable, CaseIterable {
  /// Let the runtime choose (eBPF for Windows picks JIT).
  case any = 0
  /// Compiled to native code when loaded.
  case jit = 1
  /// Run by the interpreter.
  case interpret = 2
  /// A native image built ahead of time from a verified object.
  case native = 3

  /// The Mode column: `JIT`, `INTERPRET`, and `NATIVE` for anything else (netsh's rule).
  public var modeName: String {
    switch self {
    case .jit: return "JIT"
    case .interpret: return "INTERPRET"
    case .any, .native: return "NATIVE"
    }
  }
}
