/// A map with eBPF for Windows' semantics over one stable byte arena.
///
/// Two faces share the state. Programs (through the helpers) use the raw-pointer methods: a lookup
/// returns the offset of the value in ``values``, so the interpreter can hand the program
/// `region base + offset`; per-CPU maps give the caller's CPU its own value. People and tests use
/// the byte-array methods in `EBPFMap+Bytes.swift`, which see all CPUs' values of per-CPU maps (each
/// padded to 8 bytes, as libbpf lays them out) and never change an LRU map's recency.
///
/// Failures are ``EBPFResult`` values; helpers hand programs their negation. Nothing here traps on
/// bad input: sizes are checked when the map is created and by the byte-array methods.
public class EBPFMap {
  /// The definition the map was created from.
  public let definition: MapDefinition
  /// Values per key for per-CPU maps (1 otherwise).
  public let cpuCount: Int
  /// Bytes between one CPU's value and the next: the value size rounded up to 8.
  public let valueStride: Int
  /// Bytes of one entry's values (all CPUs).
  public let slotStride: Int
  /// The value arena programs read and write.
  public let values: MapStorage
  /// Checks an object id before a person stores it in a prog_array or map-in-map map (the runtime
  /// knows which programs and maps exist). Nil accepts every id.
  public var objectValidator: ((UInt32) -> EBPFResult)?

  /// The key size in bytes.
  public var keySize: Int { Int(definition.keySize) }
  /// The value size in bytes.
  public var valueSize: Int { Int(definition.valueSize) }
  /// The capacity from the definition.
  public var maxEntries: Int { Int(definition.maxEntries) }
  /// The map type.
  public var type: MapType { definition.type }

  /// Sets up the common state and allocates the value arena the layout describes.
  init(definition: MapDefinition, layout: ArenaLayout) {
    self.definition = definition
    cpuCount = layout.cpus
    valueStride = layout.valueStride
    slotStride = layout.slotStride
    values = MapStorage(count: layout.valueBytes)
  }

  /// Creates a map of the definition's type; throws ``EBPFResult/invalidArgument`` for sizes the
  /// type does not allow, ``EBPFResult/operationNotSupported`` for types ntsh does not implement and
  /// ``EBPFResult/noMemory`` when the storage would be too large.
  public static func create(_ definition: MapDefinition, cpuCount: Int = EBPFPlatform.cpuCount) throws(EBPFResult)
    -> EBPFMap
  {
    switch definition.type {
    case .hash, .percpuHash, .lruHash, .lruPercpuHash, .hashOfMaps:
      return try HashTableMap(definition: definition, cpuCount: cpuCount)
    case .lpmTrie:
      return try LPMTrieMap(definition: definition, cpuCount: cpuCount)
    case .array, .percpuArray, .progArray, .arrayOfMaps:
      return try ArrayMap(definition: definition, cpuCount: cpuCount)
    case .queue, .stack:
      return try QueueStackMap(definition: definition, cpuCount: cpuCount)
    case .ringbuf:
      return try RingBufferMap(definition: definition, cpuCount: cpuCount)
    case .perfEventArray:
      return try PerfEventArrayMap(definition: definition, cpuCount: cpuCount)
    case .unspec, .sampleHashMap, .xskmap:
      throw definition.type == .unspec ? .invalidArgument : .operationNotSupported
    }
  }

  /// The number of entries the map holds now.
  public var count: Int { 0 }

  // MARK: Operations each map type implements (internal).

  /// The offset of the entry's first value (CPU 0), or nil. `touch` marks use for LRU maps.
  func findEntry(_ key: UnsafeRawPointer, touch: Bool) -> Int? { nil }

  /// Stores a value. With `cpu`, `value` is one value for that CPU (a program's update); without,
  /// it is the entry's whole value — all CPUs, each padded to ``valueStride`` — as a person writes it.
  func updateEntry(_ key: UnsafeRawPointer, _ value: UnsafeRawPointer, flags: MapUpdateFlags, cpu: Int?)
    -> EBPFResult
  { .operationNotSupported }

  /// Removes the key's entry.
  func deleteEntry(_ key: UnsafeRawPointer) -> EBPFResult { .operationNotSupported }

  /// Writes the key after `previous` (the first key when nil) into `next`.
  func nextKeyEntry(after previous: UnsafeRawPointer?, into next: UnsafeMutableRawPointer) -> EBPFResult {
    .operationNotSupported
  }

  /// Copies the entry's value for `cpu` (per-CPU maps) to the map's scratch slot and removes the
  /// entry; returns the scratch offset. Maps without a scratch slot return nil.
  func lookupAndDeleteEntry(_ key: UnsafeRawPointer, cpu: Int) -> Int? { nil }

  // MARK: Program side.

  /// `bpf_map_lookup_elem`: the offset in ``values`` of the value for `key` — the value of `cpu` for
  /// per-CPU maps — or nil. Marks the entry used in LRU maps. `key` points at ``keySize`` bytes.
  @inline(__always)
  public func lookup(key: UnsafeRawPointer, cpu: Int = 0) -> Int? {
    guard let base = findEntry(key, touch: true) else { return nil }
    return cpuCount == 1 ? base : base + cpuIndex(cpu) * valueStride
  }

  /// `bpf_map_update_elem` from a program: `value` points at ``valueSize`` bytes; per-CPU maps
  /// update only `cpu`'s value. Maps of object ids cannot be changed by programs.
  @inline(__always)
  public func update(key: UnsafeRawPointer, value: UnsafeRawPointer, flags: UInt64, cpu: Int = 0) -> EBPFResult {
    guard let decoded = MapUpdateFlags.decode(flags) else { return .invalidArgument }
    if type.holdsObjectIDs { return .operationNotSupported }
    return updateEntry(key, value, flags: decoded, cpu: cpuIndex(cpu))
  }

  /// `bpf_map_delete_elem` from a program.
  public func delete(key: UnsafeRawPointer) -> EBPFResult {
    if type.holdsObjectIDs { return .operationNotSupported }
    return deleteEntry(key)
  }

  /// `bpf_map_lookup_and_delete_elem`: the value is copied to a scratch slot that stays valid until
  /// the next such call on this map, then the entry is removed. Returns the scratch offset, or nil.
  public func lookupAndDelete(key: UnsafeRawPointer, cpu: Int = 0) -> Int? {
    if type.holdsObjectIDs { return nil }
    return lookupAndDeleteEntry(key, cpu: cpuIndex(cpu))
  }

  /// `bpf_map_push_elem` (queue and stack).
  public func push(value: UnsafeRawPointer, flags: UInt64) -> EBPFResult { .invalidArgument }

  /// `bpf_map_pop_elem` (queue and stack): copies the value out and removes it.
  public func pop(into destination: UnsafeMutableRawPointer) -> EBPFResult { .invalidArgument }

  /// `bpf_map_peek_elem` (queue and stack): copies the next value out.
  public func peek(into destination: UnsafeMutableRawPointer) -> EBPFResult { .invalidArgument }

  /// The key after `previous` (the first key when nil); ``EBPFResult/noMoreKeys`` at the end.
  public func nextKey(after previous: UnsafeRawPointer?, into next: UnsafeMutableRawPointer) -> EBPFResult {
    nextKeyEntry(after: previous, into: next)
  }

  /// For prog_array and map-in-map maps: the object id stored under `key`, or nil when empty.
  public func objectID(key: UnsafeRawPointer) -> UInt32? {
    guard type.holdsObjectIDs, let offset = findEntry(key, touch: false) else { return nil }
    let id = values.loadU32(at: offset)
    return id == 0 ? nil : id
  }

  /// The value index for a CPU number: numbers past the map's CPUs wrap around.
  @inline(__always)
  func cpuIndex(_ cpu: Int) -> Int { cpuCount == 1 ? 0 : ((cpu % cpuCount) + cpuCount) % cpuCount }

  /// Writes one CPU's value (or, with `cpu` nil, the whole padded value) of the entry at `base`.
  @inline(__always)
  func store(_ value: UnsafeRawPointer, entry base: Int, cpu: Int?) {
    if let cpu {
      values.write(value, count: valueSize, at: base + (cpuCount == 1 ? 0 : cpu * valueStride))
    } else if cpuCount == 1 {
      values.write(value, count: valueSize, at: base)
    } else {
      values.write(value, count: slotStride, at: base)
    }
  }
}
