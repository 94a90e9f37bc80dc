/// The kernel events the simulated network stack raises for hook providers (WFP's ALE layers as
/// netebpfext sees them): their kinds, the integer fields they carry, and the payload layout.
///
/// Payload: the local address (4 bytes for IPv4, 16 for IPv6), then — for connection events — the
/// remote address of the same size. Ports are host order; a listener's verdict 0 permits.
public enum NetworkEvent {
  /// A socket takes a local address and port (ALE resource assignment): `family`, `protocol`,
  /// `port`, `operation` (0 bind, 1 post-bind).
  public static let bind = "net.bind"
  /// A socket gives its port back (ALE resource release): `family`, `protocol`, `port`.
  public static let unbind = "net.unbind"
  /// A socket starts listening: `family`, `protocol`, `port`.
  public static let listen = "net.listen"
  /// An outgoing connection is about to be made (connect redirect layer), then authorised (auth
  /// connect layer): `family`, `protocol`, `port`, `remotePort`, `cookie`, `compartment`.
  public static let connect = "net.connect"
  /// The outgoing connection's authorisation (ALE auth connect).
  public static let connectAuthorization = "net.connect_authorization"
  /// An incoming connection is about to be accepted (ALE auth recv/accept).
  public static let recvAccept = "net.recv_accept"
  /// A TCP connection is established: `passive` is 1 on the accepting side; `flow` is its flow id.
  public static let established = "net.established"
  /// A TCP connection was deleted: `flow`.
  public static let deleted = "net.deleted"
  /// A frame arrives on an interface: `interface`; the payload is the frame.
  public static let packet = "net.packet"

  /// Field names.
  public enum Field {
    /// AF_INET (2) or AF_INET6 (23).
    public static let family = "family"
    /// IP protocol number.
    public static let `protocol` = "protocol"
    /// Local port, host order.
    public static let port = "port"
    /// Remote port, host order.
    public static let remotePort = "remotePort"
    /// Bind operation (`bind_operation_t`).
    public static let operation = "operation"
    /// Socket cookie.
    public static let cookie = "cookie"
    /// Network compartment.
    public static let compartment = "compartment"
    /// WFP flow id.
    public static let flow = "flow"
    /// 1 on the accepting side of a connection.
    public static let passive = "passive"
    /// Interface index.
    public static let interface = "interface"
    /// Interface LUID.
    public static let interfaceLuid = "interfaceLuid"
  }
}
