/// eBPF for Windows' map types (`ebpf_map_type_t`); the numbers differ from Linux.
public enum MapType: UInt32, Sendable, CaseIterable {
  case unspec = 0
  case hash = 1
  case array = 2
  case progArray = 3
  case percpuHash = 4
  case percpuArray = 5
  case hashOfMaps = 6
  case arrayOfMaps = 7
  case lruHash = 8
  case lpmTrie = 9
  case queue = 10
  case lruPercpuHash = 11
  case stack = 12
  case ringbuf = 13
  case perfEventArray = 14
  case sampleHashMap = 15
  case xskmap = 16

  /// The name netsh and bpftool print (`libbpf_bpf_map_type_str`).
  public var displayName: String {
    switch self {
    case .unspec: return "unspec"
    case .hash: return "hash"
    case .array: return "array"
    case .progArray: return "prog_array"
    case .percpuHash: return "percpu_hash"
    case .percpuArray: return "percpu_array"
    case .hashOfMaps: return "hash_of_maps"
    case .arrayOfMaps: return "array_of_maps"
    case .lruHash: return "lru_hash"
    case .lpmTrie: return "lpm_trie"
    case .queue: return "queue"
    case .lruPercpuHash: return "lru_percpu_hash"
    case .stack: return "stack"
    case .ringbuf: return "ringbuf"
    case .perfEventArray: return "perf_event_array"
    case .sampleHashMap: return "sample_hash_map"
    case .xskmap: return "xskmap"
    }
  }

  /// True when every key holds one value per CPU (or, for perf event arrays, one ring per CPU).
  public var isPerCPU: Bool {
    switch self {
    case .percpuHash, .percpuArray, .lruPercpuHash, .perfEventArray: return true
    default: return false
    }
  }

  /// True when values are object ids (programs for prog_array, maps for the map-in-map types).
  public var holdsObjectIDs: Bool { self == .progArray || self == .hashOfMaps || self == .arrayOfMaps }

  /// True for the map-in-map types, whose definitions name an inner map template.
  public var isMapOfMaps: Bool { self == .hashOfMaps || self == .arrayOfMaps }

  /// True when ntsh implements the type (not the sample extension's custom map, not AF_XDP sockets).
  public var isSupported: Bool { self != .unspec && self != .sampleHashMap && self != .xskmap }

  /// The name for a raw number: `unspec` when out of range, as `show sections` prints it.
  public static func displayName(forNumber number: UInt32) -> String {
    MapType(rawValue: number)?.displayName ?? "unspec"
  }
}
