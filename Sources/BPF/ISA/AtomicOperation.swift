/// Atomic read-modify-write operations.
public enum AtomicOperation: Hashable, Sendable {
  /// `lock add`, optionally fetching the old value into src.
  case add(fetch: Bool)
  /// `lock or`.
  case or(fetch: Bool)
  /// `lock and`.
  case and(fetch: Bool)
  /// `lock xor`.
  case xor(fetch: Bool)
  /// `lock xchg`: src and memory swap.
  case exchange
  /// `lock cmpxchg`: if memory == r0 then memory = src; r0 = old value.
  case compareExchange

  /// The `imm` field encoding.
  public var immediate: Int32 {
    switch self {
    case .add(let f): f ? 0x01 : 0x00
    case .or(let f): f ? 0x41 : 0x40
    case .and(let f): f ? 0x51 : 0x50
    case .xor(let f): f ? 0xA1 : 0xA0
    case .exchange: Opcode.atomicXchg
    case .compareExchange: Opcode.atomicCmpxchg
    }
  }

  /// True when the old value is written back to a register.
  public var fetches: Bool {
    switch self {
    case .add(let f), .or(let f), .and(let f), .xor(let f): f
    case .exchange, .compareExchange: true
    }
  }
}
