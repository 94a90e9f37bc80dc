@testable import BPF

/// Environments and helpers shared by the verifier tests: contexts shaped like eBPF for Windows'
/// bind and XDP hooks, a handful of helper prototypes and maps.
enum VerifierFixtures {
  static let helpers: [HelperSignature] = [
    HelperSignature(id: 1, name: "bpf_map_lookup_elem", returns: .mapValueOrNull, arguments: [.map, .mapKey]),
    HelperSignature(id: 2, name: "bpf_map_update_elem", arguments: [.map, .mapKey, .mapValue, .anything]),
    HelperSignature(id: 3, name: "bpf_map_delete_elem", arguments: [.map, .mapKey]),
    HelperSignature(
      id: 5, name: "bpf_tail_call", returns: .integerOrNoReturnIfSucceed,
      arguments: [.context, .programArray, .anything]),
    HelperSignature(id: 6, name: "bpf_get_prandom_u32"),
    HelperSignature(id: 12, name: "bpf_trace_printk2", arguments: [.readableMemory, .size]),
    HelperSignature(id: 13, name: "bpf_trace_printk3", arguments: [.readableMemory, .size, .anything]),
    HelperSignature(id: 19, name: "bpf_get_current_pid_tgid"),
    HelperSignature(
      id: 22, name: "bpf_memcpy", arguments: [.writableMemory, .sizeOrZero, .readableMemory, .sizeOrZero]),
    HelperSignature(id: 24, name: "bpf_memset", arguments: [.writableMemory, .sizeOrZero, .anything]),
    HelperSignature(
      id: 10, name: "bpf_csum_diff",
      arguments: [.readableMemoryOrNull, .sizeOrZero, .readableMemoryOrNull, .sizeOrZero, .anything]),
  ]

  static let maps: [VerifierMap] = [
    VerifierMap(name: "proc_map", keySize: 4, valueSize: 40, maxEntries: 1024),
    VerifierMap(name: "counters", keySize: 4, valueSize: 8, maxEntries: 4),
    VerifierMap(name: "programs", kind: .programArray, keySize: 4, valueSize: 4, maxEntries: 8),
    VerifierMap(name: "outer", kind: .mapOfMaps(innerIndex: 4), keySize: 4, valueSize: 4, maxEntries: 2),
    VerifierMap(name: "inner", keySize: 4, valueSize: 16, maxEntries: 4),
    VerifierMap(name: ".rodata", keySize: 4, valueSize: 16, maxEntries: 1, readOnly: true),
  ]

  /// bind_md_t: 56 bytes, app id start/end pointers at 0 and 8 (read-only), data read-only.
  static let bind = VerifierEnvironment(
    context: VerifierContext(size: 56, dataOffset: 0, endOffset: 8, readOnlyRanges: [0..<16], dataWritable: false),
    helpers: helpers, maps: maps, mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// xdp_md_t: 32 bytes, data/end/meta at 0/8/16, packet writable.
  static let xdp = VerifierEnvironment(
    context: VerifierContext(size: 32, dataOffset: 0, endOffset: 8, metaOffset: 16, readOnlyRanges: [0..<24]),
    helpers: helpers + [
      HelperSignature(id: 65536, name: "bpf_xdp_adjust_head", arguments: [.context, .anything], reallocatesData: true)
    ],
    maps: maps, mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// A context without data pointers (sock_addr-like).
  static let plain = VerifierEnvironment(
    context: VerifierContext(size: 64), helpers: helpers, maps: maps,
    mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// Verifies assembly text (conformance dialect).
  static func verify(
    _ source: String, _ environment: VerifierEnvironment = bind, options: VerifierOptions = VerifierOptions()
  ) throws -> VerificationResult {
    let slots = try Assembler.assemble(source)
    return Verifier(environment: environment, options: options).verify(slots: slots)
  }

  /// The error lines of a result (`pc: text`).
  static func errors(_ r: VerificationResult) -> [String] { r.errors.map(\.description) }
}
