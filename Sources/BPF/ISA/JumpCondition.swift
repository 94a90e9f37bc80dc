/// Conditions of conditional jumps.
public enum JumpCondition: Hashable, Sendable, CaseIterable {
  /// `==`.
  case eq
  /// Unsigned `>`.
  case gt
  /// Unsigned `>=`.
  case ge
  /// `dst & src != 0`.
  case set
  /// `!=`.
  case ne
  /// Signed `>`.
  case sgt
  /// Signed `>=`.
  case sge
  /// Unsigned `<`.
  case lt
  /// Unsigned `<=`.
  case le
  /// Signed `<`.
  case slt
  /// Signed `<=`.
  case sle

  /// The high nibble of the opcode.
  public var opcodeBits: UInt8 {
    switch self {
    case .eq: 0x10
    case .gt: 0x20
    case .ge: 0x30
    case .set: 0x40
    case .ne: 0x50
    case .sgt: 0x60
    case .sge: 0x70
    case .lt: 0xA0
    case .le: 0xB0
    case .slt: 0xC0
    case .sle: 0xD0
    }
  }
}
