/// An attach point (`bpf_attach_type`) and the section prefix that selects it. netsh's `show links`
/// prints the prefix as the attach type's name.
public struct AttachType: Sendable, Hashable {
  /// `enum bpf_attach_type` value.
  public var number: UInt32
  /// The C enumerator (`BPF_CGROUP_INET4_CONNECT`).
  public var constantName: String
  /// The section prefix, which is also the display name (`cgroup/connect4`).
  public var name: String
  /// The attach type GUID, lower case.
  public var guid: String
  /// The program type whose programs attach here.
  public var programTypeNumber: UInt32

  /// Creates an attach type.
  public init(_ number: UInt32, _ constantName: String, _ name: String, guid: String, programType: UInt32) {
    self.number = number
    self.constantName = constantName
    self.name = name
    self.guid = guid
    self.programTypeNumber = programType
  }

  /// The program type of this attach point.
  public var programType: ProgramType? { ProgramType.withNumber(programTypeNumber) }
}

extension AttachType {
  /// `BPF_ATTACH_TYPE_UNSPEC`, displayed as `unspec`.
  public static let unspec = AttachType(0, "BPF_ATTACH_TYPE_UNSPEC", "unspec", guid: "", programType: 0)

  /// Every attach point ntsh's hooks provide (netebpfext's bind, sock_addr, sock_ops; XDP; the
  /// sample extension), in `bpf_attach_type` order. 9 is unused; 10 and 11 belong to ntosebpfext.
  public static let all: [AttachType] = [
    AttachType(1, "BPF_XDP", "xdp", guid: "85e0d8ef-579e-4931-b072-8ee226bb2e9d", programType: 1),
    AttachType(2, "BPF_ATTACH_TYPE_BIND", "bind", guid: "b9707e04-8127-4c72-833e-05b1fb439496", programType: 2),
    AttachType(
      3, "BPF_CGROUP_INET4_CONNECT", "cgroup/connect4", guid: "a82e37b1-aee7-11ec-9a30-18602489beee", programType: 3),
    AttachType(
      4, "BPF_CGROUP_INET6_CONNECT", "cgroup/connect6", guid: "a82e37b2-aee7-11ec-9a30-18602489beee", programType: 3),
    AttachType(
      5, "BPF_CGROUP_INET4_RECV_ACCEPT", "cgroup/recv_accept4", guid: "a82e37b3-aee7-11ec-9a30-18602489beee",
      programType: 3),
    AttachType(
      6, "BPF_CGROUP_INET6_RECV_ACCEPT", "cgroup/recv_accept6", guid: "a82e37b4-aee7-11ec-9a30-18602489beee",
      programType: 3),
    AttachType(7, "BPF_CGROUP_SOCK_OPS", "sockops", guid: "837d02cd-3251-4632-8d94-60d3b45769f2", programType: 4),
    AttachType(
      8, "BPF_ATTACH_TYPE_SAMPLE", "sample_ext", guid: "f788ef4b-207d-4dc3-85cf-0f2ea107213c", programType: 999),
    AttachType(
      12, "BPF_CGROUP_INET4_CONNECT_AUTHORIZATION", "cgroup/connect_authorization4",
      guid: "6076c13a-f04f-4ff8-8380-908553f22276", programType: 3),
    AttachType(
      13, "BPF_CGROUP_INET6_CONNECT_AUTHORIZATION", "cgroup/connect_authorization6",
      guid: "54b0b6ed-432a-4674-8b27-8d9f5b40c675", programType: 3),
    AttachType(
      14, "BPF_CGROUP_INET4_BIND", "cgroup/bind4", guid: "0d7ce21a-7773-405c-93b6-d5bfb92e74bc", programType: 3),
    AttachType(
      15, "BPF_CGROUP_INET6_BIND", "cgroup/bind6", guid: "81de64c0-2973-468d-8382-6769f033d759", programType: 3),
    AttachType(
      16, "BPF_CGROUP_INET4_LISTEN", "cgroup/listen4", guid: "e1b0cb3d-d70c-4ee2-b23a-0742bedb06d6", programType: 3),
    AttachType(
      17, "BPF_CGROUP_INET6_LISTEN", "cgroup/listen6", guid: "4e72f92e-5ed0-4fe5-b851-b124fe14074d", programType: 3),
  ]

  /// The attach type with this number.
  public static func withNumber(_ number: UInt32) -> AttachType? {
    number == 0 ? unspec : all.first { $0.number == number }
  }

  /// The display name for a number (`libbpf_bpf_attach_type_str`): the section prefix, `unspec` for 0,
  /// nil for a number no provider registers.
  public static func displayName(forNumber number: UInt32) -> String? { withNumber(number)?.name }
}
