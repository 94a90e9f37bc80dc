/// A bind the network stack is about to make, release or has made (WFP's ALE resource
/// assignment and release layers), as netebpfext's bind hook builds its `bind_md_t`.
public struct BindEvent: Sendable, Hashable {
  /// The process binding.
  public var processID: UInt64
  /// The IPv4 address's bytes as they lie in memory (network order).
  public var ipv4: UInt32
  /// The local port, host order.
  public var port: UInt16
  /// `bind_operation_t`.
  public var operation: UInt32
  /// IP protocol (6 TCP, 17 UDP).
  public var `protocol`: UInt8
  /// The WFP app id blob (see ``AppID``).
  public var appID: [UInt8]
  /// Where the program's app id starts in ``appID``: after the last backslash.
  public var appIDStart: Int

  /// An IPv4 bind; `appIDStart` is found in the blob when not given.
  public init(
    processID: UInt64, address: [UInt8] = [0, 0, 0, 0], port: UInt16, protocol: UInt8, operation: UInt32,
    appID: [UInt8],
    appIDStart: Int? = nil
  ) {
    var value: UInt32 = 0
    for (i, b) in address.prefix(4).enumerated() { value |= UInt32(b) << (8 * UInt32(i)) }
    self.init(
      processID: processID, ipv4: value, port: port, protocol: `protocol`, operation: operation, appID: appID,
      appIDStart: appIDStart)
  }

  /// An IPv4 bind with the address as it lies in memory.
  public init(
    processID: UInt64, ipv4: UInt32, port: UInt16, protocol: UInt8, operation: UInt32, appID: [UInt8],
    appIDStart: Int? = nil
  ) {
    self.processID = processID
    self.ipv4 = ipv4
    self.port = port
    self.operation = operation
    self.protocol = `protocol`
    self.appID = appID
    self.appIDStart = appIDStart ?? AppID.lastComponentOffset(appID)
  }

  /// The `SOCKADDR_IN` bytes.
  public var socketAddress: [UInt8] {
    SocketAddress.ipv4(address: (0..<4).map { UInt8(truncatingIfNeeded: ipv4 >> (8 * UInt32($0))) }, port: port)
  }

  /// The hook input: the 56-byte context, the app id as data starting after its last backslash.
  public var input: HookInput {
    var c = [UInt8](repeating: 0, count: ProgramType.bind.context.size)
    c.store(processID, at: 16)
    for (i, b) in socketAddress.enumerated() { c[24 + i] = b }
    c[40] = 16
    c.store(UInt64(operation), at: 44, size: 4)
    c[48] = `protocol`
    return HookInput(context: c, data: appID, dataStart: appIDStart)
  }
}

/// A connection-level event of the sock_addr hooks (connect, recv_accept, connect_authorization,
/// bind, listen), as netebpfext fills `bpf_sock_addr_t`.
public struct SockAddrEvent: Sendable, Hashable {
  /// The attach point.
  public var attachType: AttachType
  /// AF_INET (2) or AF_INET6 (23).
  public var family: UInt32
  /// Local address for ingress, remote for egress (4 or 16 bytes).
  public var msgSrcIP: [UInt8]
  /// Its port, host order.
  public var msgSrcPort: UInt16
  /// The other side's address (4 or 16 bytes).
  public var userIP: [UInt8]
  /// Its port, host order.
  public var userPort: UInt16
  /// IP protocol.
  public var `protocol`: UInt32
  /// Network compartment.
  public var compartmentID: UInt32
  /// Interface LUID.
  public var interfaceLuid: UInt64
  /// The socket cookie `bpf_get_socket_cookie` returns.
  public var socketCookie: UInt64

  /// Creates an event.
  public init(
    attachType: AttachType, family: UInt32, msgSrcIP: [UInt8], msgSrcPort: UInt16, userIP: [UInt8], userPort: UInt16,
    protocol: UInt32, compartmentID: UInt32 = 1, interfaceLuid: UInt64 = 0, socketCookie: UInt64 = 0
  ) {
    self.attachType = attachType
    self.family = family
    self.msgSrcIP = msgSrcIP
    self.msgSrcPort = msgSrcPort
    self.userIP = userIP
    self.userPort = userPort
    self.protocol = `protocol`
    self.compartmentID = compartmentID
    self.interfaceLuid = interfaceLuid
    self.socketCookie = socketCookie
  }

  /// The hook input (addresses and ports in network byte order, as WFP gives them).
  public var input: HookInput {
    var c = [UInt8](repeating: 0, count: ProgramType.sockAddr.context.size)
    c.store(UInt64(family), at: 0, size: 4)
    c.storeEndpoint(msgSrcIP, port: msgSrcPort, at: 4)
    c.storeEndpoint(userIP, port: userPort, at: 24)
    c.store(UInt64(`protocol`), at: 44, size: 4)
    c.store(UInt64(compartmentID), at: 48, size: 4)
    c.store(interfaceLuid, at: 56)
    var extras = HookExtras()
    extras.socketCookie = socketCookie
    extras.attachTypeNumber = attachType.number
    extras.nextHopInterfaceLuid = interfaceLuid
    return HookInput(context: c, extras: extras)
  }
}

/// A TCP connection established or deleted (the sock_ops hook).
public struct SockOpsEvent: Sendable, Hashable {
  /// `bpf_sock_op_type_t`.
  public var op: UInt32
  /// AF_INET or AF_INET6.
  public var family: UInt32
  /// Local address and port (host order).
  public var localIP: [UInt8]
  /// Local port.
  public var localPort: UInt16
  /// Remote address.
  public var remoteIP: [UInt8]
  /// Remote port.
  public var remotePort: UInt16
  /// IP protocol.
  public var `protocol`: UInt8
  /// Compartment.
  public var compartmentID: UInt32
  /// Interface LUID.
  public var interfaceLuid: UInt64
  /// The WFP flow id.
  public var flowID: UInt64

  /// Creates an event.
  public init(
    op: UInt32, family: UInt32, localIP: [UInt8], localPort: UInt16, remoteIP: [UInt8], remotePort: UInt16,
    protocol: UInt8, compartmentID: UInt32 = 1, interfaceLuid: UInt64 = 0, flowID: UInt64 = 0
  ) {
    self.op = op
    self.family = family
    self.localIP = localIP
    self.localPort = localPort
    self.remoteIP = remoteIP
    self.remotePort = remotePort
    self.protocol = `protocol`
    self.compartmentID = compartmentID
    self.interfaceLuid = interfaceLuid
    self.flowID = flowID
  }

  /// The hook input (ports as 32-bit network-order values, as the context declares them).
  public var input: HookInput {
    var c = [UInt8](repeating: 0, count: ProgramType.sockOps.context.size)
    c.store(UInt64(op), at: 0, size: 4)
    c.store(UInt64(family), at: 4, size: 4)
    c.storeEndpoint(localIP, port: localPort, at: 8)
    c.storeEndpoint(remoteIP, port: remotePort, at: 28)
    c[48] = `protocol`
    c.store(UInt64(compartmentID), at: 52, size: 4)
    c.store(interfaceLuid, at: 56)
    var extras = HookExtras()
    extras.flowID = flowID
    return HookInput(context: c, extras: extras)
  }
}

/// A packet arriving on an interface (the XDP hook).
public struct PacketEvent: Sendable, Hashable {
  /// The interface index.
  public var interfaceIndex: UInt32
  /// The frame, from the Ethernet header on.
  public var packet: [UInt8]

  /// Creates an event.
  public init(interfaceIndex: UInt32, packet: [UInt8]) {
    self.interfaceIndex = interfaceIndex
    self.packet = packet
  }

  /// The hook input.
  public var input: HookInput {
    var c = [UInt8](repeating: 0, count: ProgramType.xdp.context.size)
    c.store(UInt64(interfaceIndex), at: 24, size: 4)
    return HookInput(context: c, data: packet)
  }
}

/// An invocation of the sample extension's hook (its test driver passes data and numbers).
public struct SampleEvent: Sendable, Hashable {
  /// The data the context's data pointers cover.
  public var data: [UInt8]
  /// `uint32_data`.
  public var uint32Data: UInt32
  /// `uint16_data`.
  public var uint16Data: UInt16
  /// `helper_data_1`.
  public var helperData1: UInt32
  /// `helper_data_2`.
  public var helperData2: UInt32

  /// Creates an event.
  public init(
    data: [UInt8], uint32Data: UInt32 = 0, uint16Data: UInt16 = 0, helperData1: UInt32 = 0, helperData2: UInt32 = 0
  ) {
    self.data = data
    self.uint32Data = uint32Data
    self.uint16Data = uint16Data
    self.helperData1 = helperData1
    self.helperData2 = helperData2
  }

  /// The hook input.
  public var input: HookInput {
    var c = [UInt8](repeating: 0, count: ProgramType.sample.context.size)
    c.store(UInt64(uint32Data), at: 16, size: 4)
    c.store(UInt64(uint16Data), at: 20, size: 2)
    c.store(UInt64(helperData1), at: 24, size: 4)
    c.store(UInt64(helperData2), at: 28, size: 4)
    return HookInput(context: c, data: data)
  }
}

/// Socket address bytes.
public enum SocketAddress {
  /// A `SOCKADDR_IN`: family 2 (little-endian), port in network order, address, 8 zero bytes.
  public static func ipv4(address: [UInt8], port: UInt16) -> [UInt8] {
    [2, 0, UInt8(port >> 8), UInt8(port & 0xff)] + Array(address.prefix(4))
      + [UInt8](repeating: 0, count: max(0, 4 - address.count))
      + [UInt8](repeating: 0, count: 8)
  }
}

extension Array where Element == UInt8 {
  /// Stores a little-endian value of `size` bytes at `offset` (within bounds).
  mutating func store(_ value: UInt64, at offset: Int, size: Int = 8) {
    for i in 0..<size where offset + i < count {
      self[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))
    }
  }

  /// Stores an address (16 bytes, IPv4 in the first 4) at `offset` and its port right after it, in
  /// network byte order, as the sock_addr and sock_ops contexts lay them out.
  mutating func storeEndpoint(_ address: [UInt8], port: UInt16, at offset: Int) {
    for (i, b) in address.prefix(16).enumerated() { self[offset + i] = b }
    self[offset + 16] = UInt8(port >> 8)
    self[offset + 17] = UInt8(port & 0xff)
  }
}
