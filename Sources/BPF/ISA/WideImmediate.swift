/// What an LDDW loads, by its `src` field (RFC 9669 §4.4).
public enum WideImmediate: Hashable, Sendable {
  /// src 0: the 64-bit constant.
  case value(UInt64)
  /// src 1: the map with this file descriptor.
  case mapByFD(Int32)
  /// src 2: the address of the map's value plus `offset`.
  case mapValue(fd: Int32, offset: Int32)
  /// src 3: the address of the variable with this id.
  case variableAddress(Int32)
  /// src 4: the address of the instruction at `pc + 1 + offset` (Linux's BPF_PSEUDO_FUNC).
  case codeAddress(Int32)
  /// src 5: the map with this index in the program's map table.
  case mapByIndex(Int32)
  /// src 6: the address of the value of the map with this index, plus `offset`.
  case mapValueByIndex(index: Int32, offset: Int32)

  /// The `src` field of the first slot.
  public var sourceField: UInt8 {
    switch self {
    case .value: 0
    case .mapByFD: 1
    case .mapValue: 2
    case .variableAddress: 3
    case .codeAddress: 4
    case .mapByIndex: 5
    case .mapValueByIndex: 6
    }
  }
}
