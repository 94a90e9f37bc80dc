/// One invocation's input as raw bytes: the context structure, the data its data/end pointers
/// cover, and the per-invocation values type-specific helpers read. Every hook event encodes to
/// this; `test program` builds one field by field.
public struct HookInput: Sendable, Hashable {
  /// The context structure (the program type's size). The runtime fills its data, end and meta
  /// pointer fields.
  public var context: [UInt8]
  /// The bytes the context's data pointers cover (an app id blob, a packet, sample data).
  public var data: [UInt8]
  /// Where the data pointer starts inside ``data`` (the bind hook skips the app id's folder part).
  public var dataStart: Int
  /// Values helpers of the hook's type read.
  public var extras: HookExtras

  /// Creates an input.
  public init(context: [UInt8], data: [UInt8] = [], dataStart: Int = 0, extras: HookExtras = HookExtras()) {
    self.context = context
    self.data = data
    self.dataStart = max(0, min(dataStart, data.count))
    self.extras = extras
  }

  /// A zeroed context for a program type.
  public static func empty(for type: ProgramType) -> HookInput {
    HookInput(context: [UInt8](repeating: 0, count: type.context.size))
  }

  /// Sets a context field by name from an unsigned value (little-endian, truncated to the field).
  /// Returns false for an unknown field or a pointer field.
  public mutating func set(field name: String, of type: ProgramType, to value: UInt64) -> Bool {
    guard let f = type.context.field(named: name), f.kind != .pointer, f.end <= context.count else { return false }
    for i in 0..<min(f.size, 8) { context[f.offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    for i in min(f.size, 8)..<f.size { context[f.offset + i] = 0 }
    return true
  }

  /// Sets a byte field (addresses) from bytes, zero-padding a short value; false when it does not fit.
  public mutating func set(field name: String, of type: ProgramType, bytes: [UInt8]) -> Bool {
    guard let f = type.context.field(named: name), f.kind != .pointer, bytes.count <= f.size, f.end <= context.count
    else { return false }
    for i in 0..<f.size { context[f.offset + i] = i < bytes.count ? bytes[i] : 0 }
    return true
  }

  /// Reads a field as an unsigned value (the first 8 bytes of wider fields).
  public func value(of name: String, in type: ProgramType) -> UInt64? {
    guard let f = type.context.field(named: name), f.end <= context.count else { return nil }
    var v: UInt64 = 0
    for i in 0..<min(f.size, 8) { v |= UInt64(context[f.offset + i]) << (8 * UInt64(i)) }
    return v
  }
}

/// Per-invocation values that live outside the context structure.
public struct HookExtras: Sendable, Hashable {
  /// sock_addr: the connection's socket cookie (`bpf_get_socket_cookie`).
  public var socketCookie: UInt64 = 0
  /// sock_ops: the WFP flow id (`bpf_sock_ops_get_flow_id`).
  public var flowID: UInt64 = 0
  /// sock_addr: the network context `bpf_sock_addr_get_network_context` returns.
  public var interfaceType: UInt32 = 6
  /// sock_addr: tunnel type of the network context.
  public var tunnelType: UInt32 = 0
  /// sock_addr: next-hop interface LUID of the network context.
  public var nextHopInterfaceLuid: UInt64 = 0
  /// sock_addr: sub-interface index of the network context.
  public var subInterfaceIndex: UInt32 = 0
  /// XDP: bytes of headroom before the packet that `bpf_xdp_adjust_head` may grow into.
  public var headroom: Int = 256
  /// The attach point the invocation comes from (sock_addr's redirect helper refuses recv_accept).
  public var attachTypeNumber: UInt32 = 0

  /// Defaults.
  public init() {}
}

/// What one invocation left behind besides the return value.
public struct HookOutput: Sendable, Hashable {
  /// The context after the run (programs may write their writable fields).
  public var context: [UInt8]
  /// The data after the run, from the data pointer to the end pointer (XDP may rewrite packets).
  public var data: [UInt8]
  /// A redirect context a sock_addr program set.
  public var redirectContext: [UInt8]?
}
