/// The helper prototypes of eBPF for Windows: the global helpers 1–35 (the same ids for every program
/// type) and each program type's own helpers from 65536. Sources: `ebpf_general_helpers.c` (global
/// prototypes), `net_ebpf_ext_program_info.h` (netebpfext types), the sample extension's program info.
public enum HelperTable {
  /// Global helpers have ids up to this value (`EBPF_MAX_GENERAL_HELPER_FUNCTION`).
  public static let maximumGlobalHelperID: UInt32 = 0xFFFF
  /// The first program-type-specific id.
  public static let firstProgramTypeHelperID: UInt32 = 0x10000

  /// The global helper prototypes, by id.
  public static let global: [HelperPrototype] = [
    HelperPrototype(1, "bpf_map_lookup_elem", returns: .pointerToMapValueOrNull, [.pointerToMap, .pointerToMapKey]),
    HelperPrototype(2, "bpf_map_update_elem", [.pointerToMap, .pointerToMapKey, .pointerToMapValue, .anything]),
    HelperPrototype(3, "bpf_map_delete_elem", [.pointerToMap, .pointerToMapKey]),
    HelperPrototype(
      4, "bpf_map_lookup_and_delete_elem", returns: .pointerToMapValueOrNull, [.pointerToMap, .pointerToMapKey]),
    HelperPrototype(
      5, "bpf_tail_call", returns: .integerOrNoReturnIfSucceed,
      [.pointerToContext, .pointerToMapOfPrograms, .anything]),
    HelperPrototype(6, "bpf_get_prandom_u32"),
    HelperPrototype(7, "bpf_ktime_get_boot_ns"),
    HelperPrototype(8, "bpf_get_smp_processor_id"),
    HelperPrototype(9, "bpf_ktime_get_ns"),
    HelperPrototype(
      10, "bpf_csum_diff",
      [.pointerToReadableMemoryOrNull, .constSizeOrZero, .pointerToReadableMemoryOrNull, .constSizeOrZero, .anything]),
    HelperPrototype(11, "bpf_ringbuf_output", [.pointerToMap, .pointerToReadableMemory, .constSize, .anything]),
    HelperPrototype(12, "bpf_trace_printk2", [.pointerToReadableMemory, .constSize]),
    HelperPrototype(13, "bpf_trace_printk3", [.pointerToReadableMemory, .constSize, .anything]),
    HelperPrototype(14, "bpf_trace_printk4", [.pointerToReadableMemory, .constSize, .anything, .anything]),
    HelperPrototype(15, "bpf_trace_printk5", [.pointerToReadableMemory, .constSize, .anything, .anything, .anything]),
    HelperPrototype(16, "bpf_map_push_elem", [.pointerToMap, .pointerToMapValue, .anything]),
    HelperPrototype(17, "bpf_map_pop_elem", [.pointerToMap, .pointerToMapValue]),
    HelperPrototype(18, "bpf_map_peek_elem", [.pointerToMap, .pointerToMapValue]),
    HelperPrototype(19, "bpf_get_current_pid_tgid"),
    HelperPrototype(20, "bpf_get_current_logon_id", [.pointerToContext]),
    HelperPrototype(21, "bpf_is_current_admin", [.pointerToContext]),
    HelperPrototype(
      22, "bpf_memcpy_s", verifierName: "bpf_memcpy",
      [.pointerToWritableMemory, .constSizeOrZero, .pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(
      23, "bpf_memcmp_s", verifierName: "bpf_memcmp",
      [.pointerToReadableMemory, .constSizeOrZero, .pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(24, "bpf_memset", [.pointerToWritableMemory, .constSizeOrZero, .anything]),
    HelperPrototype(
      25, "bpf_memmove_s", verifierName: "bpf_memmove",
      [.pointerToWritableMemory, .constSizeOrZero, .pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(26, "bpf_get_socket_cookie", [.pointerToContext]),
    HelperPrototype(
      27, "bpf_strncpy_s", [.pointerToWritableMemory, .constSizeOrZero, .pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(
      28, "bpf_strncat_s", [.pointerToWritableMemory, .constSizeOrZero, .pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(29, "bpf_strnlen_s", [.pointerToReadableMemory, .constSizeOrZero]),
    HelperPrototype(30, "bpf_ktime_get_boot_ms"),
    HelperPrototype(31, "bpf_ktime_get_ms"),
    HelperPrototype(
      32, "bpf_perf_event_output",
      [.pointerToContext, .pointerToMap, .anything, .pointerToReadableMemory, .constSize]),
    HelperPrototype(33, "bpf_get_current_process_start_key"),
    HelperPrototype(34, "bpf_get_current_thread_create_time"),
    HelperPrototype(35, "bpf_redirect_map", [.pointerToMap, .anything, .anything]),
  ]

  /// Global helpers the core implements for every program type. 26 (socket cookie) and 35
  /// (redirect map) have no core implementation: only a program type that supplies one may call them.
  public static let coreImplemented: Set<UInt32> = Set(global.map(\.id)).subtracting([26, 35])

  /// The global prototype with this id.
  public static func globalPrototype(_ id: UInt32) -> HelperPrototype? {
    guard id >= 1, Int(id) <= global.count else { return nil }
    return global[Int(id) - 1]
  }

  /// The prototype a program of `type` gets for helper `id`, or nil when that type may not call it.
  public static func prototype(_ id: UInt32, for type: ProgramType) -> HelperPrototype? {
    if id > maximumGlobalHelperID { return type.specificHelpers.first { $0.id == id } }
    guard coreImplemented.contains(id) || type.globalHelperImplementations.contains(id) else { return nil }
    return globalPrototype(id)
  }

  /// Every helper a program of `type` may call, global ones first, by id.
  public static func callable(by type: ProgramType) -> [HelperPrototype] {
    global.filter { coreImplemented.contains($0.id) || type.globalHelperImplementations.contains($0.id) }
      + type.specificHelpers
  }
}
