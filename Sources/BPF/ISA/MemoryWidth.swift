/// Access width of loads, stores and atomics.
public enum MemoryWidth: Hashable, Sendable, CaseIterable {
  /// 1 byte.
  case byte
  /// 2 bytes.
  case halfWord
  /// 4 bytes.
  case word
  /// 8 bytes.
  case doubleWord

  /// Width in bytes.
  public var bytes: Int {
    switch self {
    case .byte: 1
    case .halfWord: 2
    case .word: 4
    case .doubleWord: 8
    }
  }

  /// The size field of the opcode.
  public var sizeBits: UInt8 {
    switch self {
    case .byte: Opcode.sizeB
    case .halfWord: Opcode.sizeH
    case .word: Opcode.sizeW
    case .doubleWord: Opcode.sizeDW
    }
  }
}
