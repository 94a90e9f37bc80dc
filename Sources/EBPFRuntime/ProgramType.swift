/// A program type as its extension registers it with eBPF for Windows: number, descriptor name,
/// GUID, context layout, verdicts and helpers. The verifier reads the context descriptor and the
/// helpers; the hooks read the context layout and the verdicts.
public struct ProgramType: Sendable, Hashable {
  /// `enum bpf_prog_type` value.
  public var number: UInt32
  /// The C enumerator (`BPF_PROG_TYPE_BIND`).
  public var constantName: String
  /// The descriptor name netsh prints in its Type column (`bind`, `sock_addr`, `sockops`).
  public var name: String
  /// The program type GUID, lower case.
  public var guid: String
  /// The context structure.
  public var context: ContextDescriptor
  /// What programs return, or nil when the return value is a plain integer (sockops: 0 is success).
  public var verdict: EnumerationTable?
  /// How the hook treats a return value that is not a listed verdict.
  public var otherVerdicts: String
  /// Helpers with ids from 65536 that only this type provides.
  public var specificHelpers: [HelperPrototype]
  /// Global helper ids this type implements itself: overrides of core helpers (sock_addr's process
  /// helpers) and helpers with no core implementation (socket cookie, redirect map).
  public var globalHelperImplementations: Set<UInt32>
  /// True when netsh's `interface=` applies (XDP).
  public var supportsInterface: Bool
  /// True when netsh's `compartment=` applies (sock_addr).
  public var supportsCompartment: Bool

  /// The attach points of this type, in attach type order.
  public var attachTypes: [AttachType] { AttachType.all.filter { $0.programTypeNumber == number } }

  /// Every helper a program of this type may call.
  public var callableHelpers: [HelperPrototype] { HelperTable.callable(by: self) }
}

extension ProgramType {
  /// The registered program type with this number.
  public static func withNumber(_ number: UInt32) -> ProgramType? { all.first { $0.number == number } }

  /// The registered program type with this descriptor name.
  public static func named(_ name: String) -> ProgramType? { all.first { $0.name == name } }

  /// The Type column for a number: the descriptor name, `unspec` for 0, nil when no provider registers it.
  public static func displayName(forNumber number: UInt32) -> String? {
    number == 0 ? "unspec" : withNumber(number)?.name
  }

  /// Every program type ntsh provides a hook for, in number order.
  public static let all: [ProgramType] = [xdp, bind, sockAddr, sockOps, sample]

  /// `BPF_PROG_TYPE_XDP`: packets arriving on an interface.
  public static let xdp = ProgramType(
    number: 1, constantName: "BPF_PROG_TYPE_XDP", name: "xdp", guid: "f1832a85-85d5-45b0-98a0-7069d63013b0",
    context: ContextDescriptor(
      typeName: "xdp_md_t", size: 32, dataOffset: 0, endOffset: 8, metaOffset: 16,
      fields: [
        .init("data", offset: 0, size: 8, .pointer, readOnly: true),
        .init("data_end", offset: 8, size: 8, .pointer, readOnly: true),
        .init("data_meta", offset: 16, size: 8, .pointer, readOnly: true),
        .init("ingress_ifindex", offset: 24, size: 4),
      ]),
    verdict: EnumerationTable("xdp_action_t", [.init("XDP_PASS", 1), .init("XDP_DROP", 2), .init("XDP_TX", 3)]),
    otherVerdicts: "dropped",
    specificHelpers: [HelperPrototype(0x10000, "bpf_xdp_adjust_head", [.pointerToContext, .anything])],
    globalHelperImplementations: [], supportsInterface: true, supportsCompartment: false)

  /// `bind_operation_t`, the bind context's operation field.
  public static let bindOperation = EnumerationTable(
    "bind_operation_t",
    [.init("BIND_OPERATION_BIND", 0), .init("BIND_OPERATION_POST_BIND", 1), .init("BIND_OPERATION_UNBIND", 2)])

  /// `BPF_PROG_TYPE_BIND`: a socket binding to a local port (WFP's resource-assignment layer).
  public static let bind = ProgramType(
    number: 2, constantName: "BPF_PROG_TYPE_BIND", name: "bind", guid: "608c517c-6c52-4a26-b677-bb1c34425adf",
    context: ContextDescriptor(
      typeName: "bind_md_t", size: 56, dataOffset: 0, endOffset: 8, metaOffset: nil,
      fields: [
        .init("app_id_start", offset: 0, size: 8, .pointer, readOnly: true),
        .init("app_id_end", offset: 8, size: 8, .pointer, readOnly: true),
        .init("process_id", offset: 16, size: 8),
        .init("socket_address", offset: 24, size: 16, .bytes),
        .init("socket_address_length", offset: 40, size: 1),
        .init("operation", offset: 44, size: 4, .enumeration(bindOperation)),
        .init("protocol", offset: 48, size: 1),
      ]),
    verdict: EnumerationTable(
      "bind_action_t",
      [
        .init("BIND_PERMIT_SOFT", 0), .init("BIND_DENY", 1), .init("BIND_REDIRECT", 2), .init("BIND_PERMIT_HARD", 3),
        .init("BIND_PERMIT", 0),
      ]),
    otherVerdicts: "permitted",
    specificHelpers: [], globalHelperImplementations: [], supportsInterface: false, supportsCompartment: false)

  /// `BPF_PROG_TYPE_CGROUP_SOCK_ADDR`: connect, accept, bind and listen with addresses.
  public static let sockAddr = ProgramType(
    number: 3, constantName: "BPF_PROG_TYPE_CGROUP_SOCK_ADDR", name: "sock_addr",
    guid: "92ec8e39-aeec-11ec-9a30-18602489beee",
    context: ContextDescriptor(
      typeName: "bpf_sock_addr_t", size: 64, dataOffset: nil, endOffset: nil, metaOffset: nil,
      fields: [
        .init("family", offset: 0, size: 4),
        .init("msg_src_ip4", offset: 4, size: 4, .bytes),
        .init("msg_src_ip6", offset: 4, size: 16, .bytes),
        .init("msg_src_port", offset: 20, size: 2, .bytes),
        .init("user_ip4", offset: 24, size: 4, .bytes),
        .init("user_ip6", offset: 24, size: 16, .bytes),
        .init("user_port", offset: 40, size: 2, .bytes),
        .init("protocol", offset: 44, size: 4),
        .init("compartment_id", offset: 48, size: 4),
        .init("interface_luid", offset: 56, size: 8),
      ]),
    verdict: EnumerationTable(
      "ebpf_sock_addr_verdict_t",
      [
        .init("BPF_SOCK_ADDR_VERDICT_REJECT", 0), .init("BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT", 1),
        .init("BPF_SOCK_ADDR_VERDICT_PROCEED_HARD", 2), .init("BPF_SOCK_ADDR_VERDICT_PROCEED", 1),
      ]),
    otherVerdicts: "rejected",
    specificHelpers: [
      HelperPrototype(
        0x10001, "bpf_sock_addr_set_redirect_context", [.pointerToContext, .pointerToReadableMemory, .constSize]),
      HelperPrototype(
        0x10002, "bpf_sock_addr_get_network_context", [.pointerToContext, .pointerToWritableMemory, .constSize]),
    ],
    globalHelperImplementations: [19, 20, 21, 26], supportsInterface: false, supportsCompartment: true)

  /// `bpf_sock_op_type_t`, the sock_ops context's op field.
  public static let sockOpType = EnumerationTable(
    "bpf_sock_op_type_t",
    [
      .init("BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB", 0), .init("BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB", 1),
      .init("BPF_SOCK_OPS_CONNECTION_DELETED_CB", 2),
    ])

  /// `BPF_PROG_TYPE_SOCK_OPS`: connections established and deleted.
  public static let sockOps = ProgramType(
    number: 4, constantName: "BPF_PROG_TYPE_SOCK_OPS", name: "sockops", guid: "43fb224d-68f8-46d6-aa3f-c856518cbb32",
    context: ContextDescriptor(
      typeName: "bpf_sock_ops_t", size: 64, dataOffset: nil, endOffset: nil, metaOffset: nil,
      fields: [
        .init("op", offset: 0, size: 4, .enumeration(sockOpType)),
        .init("family", offset: 4, size: 4),
        .init("local_ip4", offset: 8, size: 4, .bytes),
        .init("local_ip6", offset: 8, size: 16, .bytes),
        .init("local_port", offset: 24, size: 4, .bytes),
        .init("remote_ip4", offset: 28, size: 4, .bytes),
        .init("remote_ip6", offset: 28, size: 16, .bytes),
        .init("remote_port", offset: 44, size: 4, .bytes),
        .init("protocol", offset: 48, size: 1),
        .init("compartment_id", offset: 52, size: 4),
        .init("interface_luid", offset: 56, size: 8),
      ]),
    verdict: nil, otherVerdicts: "ignored",
    specificHelpers: [HelperPrototype(0x10000, "bpf_sock_ops_get_flow_id", [.pointerToContext])],
    globalHelperImplementations: [19], supportsInterface: false, supportsCompartment: false)

  /// `BPF_PROG_TYPE_SAMPLE`: eBPF for Windows' test extension, invoked on demand.
  public static let sample = ProgramType(
    number: 999, constantName: "BPF_PROG_TYPE_SAMPLE", name: "sample", guid: "f788ef4a-207d-4dc3-85cf-0f2ea107213c",
    context: ContextDescriptor(
      typeName: "sample_program_context_t", size: 32, dataOffset: 0, endOffset: 8, metaOffset: nil,
      fields: [
        .init("data_start", offset: 0, size: 8, .pointer, readOnly: true),
        .init("data_end", offset: 8, size: 8, .pointer, readOnly: true),
        .init("uint32_data", offset: 16, size: 4),
        .init("uint16_data", offset: 20, size: 2),
        .init("helper_data_1", offset: 24, size: 4),
        .init("helper_data_2", offset: 28, size: 4),
      ]),
    verdict: nil, otherVerdicts: "returned to the caller",
    specificHelpers: [
      HelperPrototype(0x10000, "sample_ebpf_extension_helper_function1", [.pointerToContext]),
      HelperPrototype(
        0x10001, "sample_ebpf_extension_find",
        [.pointerToReadableMemory, .constSize, .pointerToReadableMemory, .constSize]),
      HelperPrototype(
        0x10002, "sample_ebpf_extension_replace",
        [.pointerToReadableMemory, .constSize, .anything, .pointerToReadableMemory, .constSize]),
      HelperPrototype(0x10003, "sample_ebpf_extension_helper_implicit_1"),
      HelperPrototype(0x10004, "sample_ebpf_extension_helper_implicit_2", [.anything]),
      HelperPrototype(
        0x10005, "sample_ext_helper_map_lookup_element", returns: .pointerToMapValueOrNull,
        [.pointerToMap, .pointerToMapKey]),
      HelperPrototype(
        0x10006, "sample_ext_helper_map_get_value",
        [.pointerToMap, .pointerToMapKey, .pointerToWritableMemory, .constSize]),
    ],
    globalHelperImplementations: [19, 35], supportsInterface: false, supportsCompartment: false)
}
