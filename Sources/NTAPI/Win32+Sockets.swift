import Kernel
import NTCore

/// Winsock, as much as ntsh's network needs: sockets bind, listen, connect and close, and each
/// step raises the kernel event a hook provider sees (WFP's ALE layers; see ``NetworkEvent``).
///
/// The simulated network is this machine alone: a connection succeeds only to a socket listening
/// on a local address of this machine (loopback or `0.0.0.0`); any other destination is
/// unreachable. A refusal by a hook is `WSAEACCES`, as WFP's block action makes it.
extension Win32 {
  /// A socket (a per-process number; Windows' SOCKETs are handles to `\Device\Afd` file objects).
  public typealias SOCKET = UInt64

  /// `AF_INET`.
  public static let AF_INET: UInt16 = 2
  /// `AF_INET6`.
  public static let AF_INET6: UInt16 = 23
  /// `SOCK_STREAM`.
  public static let SOCK_STREAM: Int32 = 1
  /// `SOCK_DGRAM`.
  public static let SOCK_DGRAM: Int32 = 2
  /// `WSAEACCES`.
  public static let WSAEACCES: UInt32 = 10013
  /// `WSAEINVAL`.
  public static let WSAEINVAL: UInt32 = 10022
  /// `WSAENOTSOCK`.
  public static let WSAENOTSOCK: UInt32 = 10038
  /// `WSAEAFNOSUPPORT`.
  public static let WSAEAFNOSUPPORT: UInt32 = 10047
  /// `WSAEADDRINUSE`.
  public static let WSAEADDRINUSE: UInt32 = 10048
  /// `WSAENETUNREACH`.
  public static let WSAENETUNREACH: UInt32 = 10051
  /// `WSAEISCONN`.
  public static let WSAEISCONN: UInt32 = 10056
  /// `WSAECONNREFUSED`.
  public static let WSAECONNREFUSED: UInt32 = 10061

  /// The system message of a Winsock error (FormatMessage's text).
  public static func socketErrorMessage(_ code: UInt32) -> String {
    switch code {
    case WSAEACCES: return "An attempt was made to access a socket in a way forbidden by its access permissions."
    case WSAEINVAL: return "An invalid argument was supplied."
    case WSAENOTSOCK: return "An operation was attempted on something that is not a socket."
    case WSAEAFNOSUPPORT: return "An address incompatible with the requested protocol was used."
    case WSAEADDRINUSE:
      return "Only one usage of each socket address (protocol/network address/port) is normally permitted."
    case WSAENETUNREACH: return "A socket operation was attempted to an unreachable network."
    case WSAEISCONN: return "A connect request was made on an already connected socket."
    case WSAECONNREFUSED: return "No connection could be made because the target machine actively refused it."
    default: return Win32Error(code).message ?? "Unknown error \(code)."
    }
  }

  /// `socket(af, type, protocol)`: nil with the last error set on failure.
  public func socket(_ family: UInt16, _ type: Int32, _ protocolNumber: Int32 = 0) -> SOCKET? {
    guard family == Self.AF_INET || family == Self.AF_INET6 else {
      SetLastError(Self.WSAEAFNOSUPPORT)
      return nil
    }
    guard type == Self.SOCK_STREAM || type == Self.SOCK_DGRAM else {
      SetLastError(Self.WSAEINVAL)
      return nil
    }
    let proto = UInt8(protocolNumber != 0 ? protocolNumber : type == Self.SOCK_STREAM ? 6 : 17)
    SetLastError(0)
    return sockets.add(SocketState(family: family, protocolNumber: proto, isStream: type == Self.SOCK_STREAM))
  }

  /// `bind(s, address)`: takes the address (port 0 picks an ephemeral port). The bind hook may refuse.
  public func bind(_ s: SOCKET, _ address: [UInt8], _ port: UInt16) -> Bool {
    guard let state = sockets.sockets[s] else { return socketFailure(Self.WSAENOTSOCK) }
    guard state.localPort == nil, address.count == (state.family == Self.AF_INET ? 4 : 16) else {
      return socketFailure(Self.WSAEINVAL)
    }
    return bindSocket(s, state, address: address, port: port)
  }

  /// `listen(s, backlog)`.
  public func listen(_ s: SOCKET) -> Bool {
    guard let state = sockets.sockets[s], state.isStream else { return socketFailure(Self.WSAENOTSOCK) }
    if state.localPort == nil, !bindSocket(s, state, address: state.anyAddress, port: 0) { return false }
    guard let port = state.localPort else { return socketFailure(Self.WSAEINVAL) }
    let verdicts = raise(NetworkEvent.listen, state, localPort: port)
    guard verdicts.allSatisfy({ $0 == 0 }) else { return socketFailure(Self.WSAEACCES) }
    state.listening = true
    network.listeners.append(NetworkStack.Listener(pid: process.pid, socket: s, state: state))
    SetLastError(0)
    return true
  }

  /// `connect(s, address)`: binds implicitly when needed, then asks the connect hooks; a connection
  /// is made only to a local listener.
  public func connect(_ s: SOCKET, _ address: [UInt8], _ port: UInt16) -> Bool {
    guard let state = sockets.sockets[s] else { return socketFailure(Self.WSAENOTSOCK) }
    guard state.remotePort == nil else { return socketFailure(Self.WSAEISCONN) }
    guard address.count == (state.family == Self.AF_INET ? 4 : 16) else { return socketFailure(Self.WSAEAFNOSUPPORT) }
    if state.localPort == nil, !bindSocket(s, state, address: state.anyAddress, port: 0) { return false }
    guard let localPort = state.localPort else { return socketFailure(Self.WSAEINVAL) }
    state.cookie = network.nextCookie()
    for kind in [NetworkEvent.connect, NetworkEvent.connectAuthorization] {
      let verdicts = raise(kind, state, localPort: localPort, remote: address, remotePort: port)
      guard verdicts.allSatisfy({ $0 == 0 }) else { return socketFailure(Self.WSAEACCES) }
    }
    guard NetworkStack.isLocal(address) else { return socketFailure(Self.WSAENETUNREACH) }
    guard let listener = network.listener(family: state.family, address: address, port: port),
      let server = kernel.process(pid: listener.pid), server.isAlive
    else { return socketFailure(Self.WSAECONNREFUSED) }
    // The accepting side's hooks run as the server process.
    let serverAPI = server.threads.first(where: \.isAlive).map { Win32(kernel: kernel, thread: $0) }
    let accept =
      serverAPI?.raise(
        NetworkEvent.recvAccept, listener.state, localPort: port, remote: state.localAddress, remotePort: localPort)
      ?? []
    guard accept.allSatisfy({ $0 == 0 }) else { return socketFailure(Self.WSAECONNREFUSED) }
    state.remoteAddress = address
    state.remotePort = port
    state.flow = network.nextFlow()
    _ = raise(NetworkEvent.established, state, localPort: localPort, remote: address, remotePort: port)
    let passive = SocketState(family: state.family, protocolNumber: state.protocolNumber, isStream: true)
    passive.localAddress = address
    passive.localPort = port
    passive.remoteAddress = state.localAddress
    passive.remotePort = localPort
    passive.flow = state.flow
    _ = serverAPI?.raise(
      NetworkEvent.established, passive, localPort: port, remote: state.localAddress, remotePort: localPort,
      passive: true)
    SetLastError(0)
    return true
  }

  /// `closesocket(s)`: an established connection is deleted and the port released (unbind).
  public func closesocket(_ s: SOCKET) -> Bool {
    guard let state = sockets.sockets.removeValue(forKey: s) else { return socketFailure(Self.WSAENOTSOCK) }
    if let remotePort = state.remotePort, let port = state.localPort, state.flow != 0 {
      _ = raise(NetworkEvent.deleted, state, localPort: port, remote: state.remoteAddress, remotePort: remotePort)
    }
    if state.listening { network.listeners.removeAll { $0.pid == process.pid && $0.socket == s } }
    if let port = state.localPort {
      _ = raise(NetworkEvent.unbind, state, localPort: port)
      network.release(family: state.family, protocolNumber: state.protocolNumber, port: port)
    }
    SetLastError(0)
    return true
  }

  /// The local port a socket is bound to.
  public func getsockname(_ s: SOCKET) -> UInt16? { sockets.sockets[s]?.localPort }

  // MARK: Internals

  func bindSocket(_ s: SOCKET, _ state: SocketState, address: [UInt8], port requested: UInt16) -> Bool {
    let port: UInt16
    if requested == 0 {
      guard let p = network.ephemeralPort(family: state.family, protocolNumber: state.protocolNumber) else {
        return socketFailure(Self.WSAEADDRINUSE)
      }
      port = p
    } else {
      guard !network.inUse(family: state.family, protocolNumber: state.protocolNumber, port: requested) else {
        return socketFailure(Self.WSAEADDRINUSE)
      }
      port = requested
    }
    state.localAddress = address
    let verdicts = raise(NetworkEvent.bind, state, localPort: port, operation: 0)
    guard verdicts.allSatisfy({ $0 == 0 }) else { return socketFailure(Self.WSAEACCES) }
    network.reserve(family: state.family, protocolNumber: state.protocolNumber, port: port)
    state.localPort = port
    SetLastError(0)
    return true
  }

  func raise(
    _ kind: String, _ state: SocketState, localPort: UInt16, remote: [UInt8]? = nil, remotePort: UInt16 = 0,
    operation: UInt64? = nil, passive: Bool = false
  ) -> [Int64] {
    var fields: [String: UInt64] = [
      NetworkEvent.Field.family: UInt64(state.family), NetworkEvent.Field.protocol: UInt64(state.protocolNumber),
      NetworkEvent.Field.port: UInt64(localPort), NetworkEvent.Field.compartment: 1,
    ]
    if remote != nil { fields[NetworkEvent.Field.remotePort] = UInt64(remotePort) }
    if let operation { fields[NetworkEvent.Field.operation] = operation }
    if state.cookie != 0 { fields[NetworkEvent.Field.cookie] = state.cookie }
    if state.flow != 0 { fields[NetworkEvent.Field.flow] = state.flow }
    if passive { fields[NetworkEvent.Field.passive] = 1 }
    return RaiseKernelEvent(kind, fields: fields, payload: state.localAddress + (remote ?? []))
  }

  func socketFailure(_ code: UInt32) -> Bool {
    SetLastError(code)
    return false
  }

  var sockets: SocketTable {
    if let t = process.extensions[SocketTable.key] as? SocketTable { return t }
    let t = SocketTable()
    process.extensions[SocketTable.key] = t
    return t
  }

  var network: NetworkStack {
    let system = kernel.systemProcess ?? process
    if let n = system.extensions[NetworkStack.key] as? NetworkStack { return n }
    let n = NetworkStack()
    system.extensions[NetworkStack.key] = n
    return n
  }
}

/// One socket's state.
final class SocketState {
  let family: UInt16
  let protocolNumber: UInt8
  let isStream: Bool
  var localAddress: [UInt8]
  var localPort: UInt16?
  var remoteAddress: [UInt8] = []
  var remotePort: UInt16?
  var listening = false
  var cookie: UInt64 = 0
  var flow: UInt64 = 0

  init(family: UInt16, protocolNumber: UInt8, isStream: Bool) {
    self.family = family
    self.protocolNumber = protocolNumber
    self.isStream = isStream
    localAddress = [UInt8](repeating: 0, count: family == Win32.AF_INET ? 4 : 16)
  }

  var anyAddress: [UInt8] { [UInt8](repeating: 0, count: family == Win32.AF_INET ? 4 : 16) }
}

/// A process's sockets (kept in its `extensions`).
final class SocketTable {
  static let key = "ntsh.sockets"
  var sockets: [Win32.SOCKET: SocketState] = [:]
  private var next: Win32.SOCKET = 0x1f0

  func add(_ state: SocketState) -> Win32.SOCKET {
    next += 4
    sockets[next] = state
    return next
  }
}

/// The machine's transport state: ports in use, listeners, cookies and flow ids (kept on the
/// System process, as tcpip.sys keeps it for the whole machine).
final class NetworkStack {
  static let key = "ntsh.tcpip"

  struct Listener {
    let pid: UInt32
    let socket: Win32.SOCKET
    let state: SocketState
  }

  var listeners: [Listener] = []
  private var used: Set<String> = []
  private var nextEphemeral: UInt16 = 49_152
  private var cookies: UInt64 = 0x1000
  private var flows: UInt64 = 0x100

  static func isLocal(_ address: [UInt8]) -> Bool {
    if address.count == 4 { return address[0] == 127 || address.allSatisfy { $0 == 0 } }
    return address == [UInt8](repeating: 0, count: 15) + [1] || address.allSatisfy { $0 == 0 }
  }

  private func key(_ family: UInt16, _ proto: UInt8, _ port: UInt16) -> String { "\(family)/\(proto)/\(port)" }

  func inUse(family: UInt16, protocolNumber: UInt8, port: UInt16) -> Bool {
    used.contains(key(family, protocolNumber, port))
  }

  func reserve(family: UInt16, protocolNumber: UInt8, port: UInt16) { used.insert(key(family, protocolNumber, port)) }

  func release(family: UInt16, protocolNumber: UInt8, port: UInt16) { used.remove(key(family, protocolNumber, port)) }

  /// The next free port of the dynamic range (49152–65535), in order.
  func ephemeralPort(family: UInt16, protocolNumber: UInt8) -> UInt16? {
    for _ in 0..<16_384 {
      let candidate = nextEphemeral
      nextEphemeral = nextEphemeral == 65_535 ? 49_152 : nextEphemeral + 1
      if !inUse(family: family, protocolNumber: protocolNumber, port: candidate) { return candidate }
    }
    return nil
  }

  func listener(family: UInt16, address: [UInt8], port: UInt16) -> Listener? {
    listeners.first {
      $0.state.family == family && $0.state.localPort == port
        && ($0.state.localAddress == address || $0.state.localAddress.allSatisfy { $0 == 0 })
    }
  }

  func nextCookie() -> UInt64 {
    cookies += 1
    return cookies
  }

  func nextFlow() -> UInt64 {
    flows += 1
    return flows
  }
}
