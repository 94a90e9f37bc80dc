/// The arithmetic operations of the ALU classes (NEG and the byte swaps have their own cases).
public enum ALUOperation: Hashable, Sendable, CaseIterable {
  /// Addition (wrapping).
  case add
  /// Subtraction (wrapping).
  case sub
  /// Multiplication (wrapping).
  case mul
  /// Unsigned division; division by zero gives 0.
  case div
  /// Signed division (offset 1); by zero gives 0, INT_MIN / -1 gives INT_MIN.
  case sdiv
  /// Bitwise or.
  case or
  /// Bitwise and.
  case and
  /// Left shift, count masked to the operand size.
  case lsh
  /// Logical right shift, count masked.
  case rsh
  /// Unsigned modulo; modulo by zero leaves dst unchanged (low 32 bits for ALU).
  case mod
  /// Signed modulo (offset 1), truncated; by zero leaves dst unchanged, INT_MIN % -1 gives 0.
  case smod
  /// Bitwise exclusive or.
  case xor
  /// Move.
  case mov
  /// Move with sign extension from 8 bits (offset 8, register source).
  case movsx8
  /// Move with sign extension from 16 bits (offset 16).
  case movsx16
  /// Move with sign extension from 32 bits (offset 32, ALU64 only).
  case movsx32
  /// Arithmetic right shift, count masked.
  case arsh

  /// The high nibble of the opcode for this operation.
  public var opcodeBits: UInt8 {
    switch self {
    case .add: 0x00
    case .sub: 0x10
    case .mul: 0x20
    case .div, .sdiv: 0x30
    case .or: 0x40
    case .and: 0x50
    case .lsh: 0x60
    case .rsh: 0x70
    case .mod, .smod: 0x90
    case .xor: 0xA0
    case .mov, .movsx8, .movsx16, .movsx32: 0xB0
    case .arsh: 0xC0
    }
  }

  /// The offset field that distinguishes signed and sign-extending variants.
  public var offsetField: Int16 {
    switch self {
    case .sdiv, .smod: 1
    case .movsx8: 8
    case .movsx16: 16
    case .movsx32: 32
    default: 0
    }
  }
}
