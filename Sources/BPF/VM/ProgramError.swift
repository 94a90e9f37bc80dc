/// Why a program cannot be prepared for execution.
public enum ProgramError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The instructions do not validate.
  case invalid(DecodeError)
  /// A map or variable reference the runtime did not resolve.
  case unresolvedImmediate(pc: Int, WideImmediate)
  /// An instruction this VM does not execute.
  case unsupported(pc: Int, String)

  /// `pc N: …`.
  public var description: String {
    switch self {
    case .invalid(let e): e.description
    case .unresolvedImmediate(let pc, let v): "pc \(pc): unresolved reference \(v)"
    case .unsupported(let pc, let m): "pc \(pc): \(m)"
    }
  }
}
