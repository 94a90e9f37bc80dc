/// The simulated memory programs see: a table of regions indexed by the high bits of the
/// address, so translating and checking an access is one table load, one compare and one add.
///
/// Address layout: `base | regionIndex << 32 | offset` with `base = 0xffffa000_00000000`, up to
/// `capacity` regions of at most 4 GiB each. The runtime registers regions (contexts, packets,
/// map values, ring-buffer reservations, helper memory) and unregisters them when they die;
/// helpers read and write program memory through the accessors here.
///
/// Registered host buffers must stay valid until unregistered; memory from `allocate` is owned
/// and freed by the address space.
public final class AddressSpace {
  /// High bits shared by every simulated address.
  public static let base: UInt64 = 0xffff_a000_0000_0000
  /// Maximum number of live regions.
  public static let capacity = 1024
  static let baseHigh: UInt64 = base >> 32

  /// The region table the interpreters index (capacity entries; unused entries have limit 0).
  let table: UnsafeMutablePointer<RegionEntry>
  private var regions: [MemoryRegion?]
  private var owned: [UnsafeMutableRawPointer?]
  private var nextIndex = 0
  /// Per-byte "initialised" flags of a region, kept while a sanitizing run watches it.
  var shadows: [Int: UnsafeMutableBufferPointer<Bool>] = [:]

  /// Creates an empty address space.
  public init() {
    table = .allocate(capacity: Self.capacity)
    table.initialize(repeating: RegionEntry(), count: Self.capacity)
    regions = Array(repeating: nil, count: Self.capacity)
    owned = Array(repeating: nil, count: Self.capacity)
  }

  deinit {
    for case let p? in owned { p.deallocate() }
    table.deallocate()
  }

  /// Registers caller-owned memory as a region.
  public func register(
    _ buffer: UnsafeMutableRawBufferPointer, kind: MemoryRegion.Kind, name: String,
    access: MemoryRegion.Access = .readWrite
  ) throws(RegionError) -> MemoryRegion {
    guard buffer.count < 1 << 32 else { throw .tooLarge(buffer.count) }
    let index = try freeIndex()
    let region = MemoryRegion(
      index: index, address: Self.base | UInt64(index) << 32, size: buffer.count,
      kind: kind, name: name, access: access)
    regions[index] = region
    table[index] = RegionEntry(host: buffer.baseAddress, size: buffer.count, access: access)
    return region
  }

  /// Allocates a zero-filled region owned by the address space.
  public func allocate(
    size: Int, kind: MemoryRegion.Kind, name: String,
    access: MemoryRegion.Access = .readWrite
  ) throws(RegionError) -> MemoryRegion {
    guard size >= 0 else { throw .tooLarge(size) }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
    memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(size, 1))
    do {
      let region = try register(
        UnsafeMutableRawBufferPointer(start: memory, count: size), kind: kind, name: name,
        access: access)
      owned[region.index] = memory
      return region
    } catch {
      memory.deallocate()
      throw error
    }
  }

  /// Allocates a region holding a copy of `bytes`.
  public func allocate(
    copying bytes: [UInt8], kind: MemoryRegion.Kind, name: String,
    access: MemoryRegion.Access = .readWrite
  ) throws(RegionError) -> MemoryRegion {
    let region = try allocate(size: bytes.count, kind: kind, name: name, access: access)
    bytes.withUnsafeBytes { src in
      if let s = src.baseAddress, let d = table[region.index].host { d.copyMemory(from: s, byteCount: src.count) }
    }
    return region
  }

  /// Removes a region; its addresses fault from now on (owned memory is freed).
  public func unregister(_ region: MemoryRegion) {
    guard regions.indices.contains(region.index), regions[region.index] == region else { return }
    regions[region.index] = nil
    table[region.index] = RegionEntry()
    owned[region.index]?.deallocate()
    owned[region.index] = nil
    if let shadow = shadows.removeValue(forKey: region.index) { shadow.deallocate() }
  }

  /// Changes what programs may do with a region.
  public func setAccess(_ access: MemoryRegion.Access, of region: MemoryRegion) {
    guard regions.indices.contains(region.index), var r = regions[region.index], r.address == region.address else {
      return
    }
    r.access = access
    regions[region.index] = r
    table[region.index] = RegionEntry(host: table[region.index].host, size: r.size, access: access)
  }

  /// The live region `address` falls in (by its index bits), if any.
  public func region(containing address: UInt64) -> MemoryRegion? {
    let index = (address >> 32) &- Self.baseHigh
    guard index < UInt64(Self.capacity) else { return nil }
    return regions[Int(index)]
  }

  /// All live regions in index order.
  public var liveRegions: [MemoryRegion] { regions.compactMap { $0 } }

  /// The host bytes of a region (valid while it is registered).
  public func bytes(of region: MemoryRegion) -> UnsafeMutableRawBufferPointer {
    // A live region is identified by its slot and address (comparing whole regions compares names).
    guard regions.indices.contains(region.index),
      let live = regions[region.index], live.address == region.address, live.size == region.size
    else {
      return UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }
    return UnsafeMutableRawBufferPointer(start: table[region.index].host, count: region.size)
  }

  // MARK: Access by simulated address (for helpers and tools)

  /// Host memory for `count` (at least 1) bytes at `address`, checked like a program access.
  public func pointer(to address: UInt64, count: Int, write: Bool) throws(MemoryError) -> UnsafeMutableRawPointer {
    guard count > 0, count < 1 << 32,
      let p = write
        ? translateWrite(table, address, UInt64(count)) : translateRead(table, address, UInt64(count))
    else {
      throw MemoryError(address: address, size: count, isWrite: write, region: region(containing: address))
    }
    if write { markInitialized(address, count) }
    return p
  }

  /// Copies `count` bytes out of program memory.
  public func read(_ address: UInt64, count: Int) throws(MemoryError) -> [UInt8] {
    if count == 0 { return [] }
    let p = try pointer(to: address, count: count, write: false)
    return Array(UnsafeRawBufferPointer(start: p, count: count))
  }

  /// Copies bytes into program memory.
  public func write(_ bytes: [UInt8], to address: UInt64) throws(MemoryError) {
    if bytes.isEmpty { return }
    let p = try pointer(to: address, count: bytes.count, write: true)
    bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: $0.count) } }
  }

  /// Loads a little-endian integer.
  public func load<T: FixedWidthInteger>(_ type: T.Type, from address: UInt64) throws(MemoryError) -> T {
    let p = try pointer(to: address, count: MemoryLayout<T>.size, write: false)
    return T(littleEndian: p.loadUnaligned(as: T.self))
  }

  /// Stores a little-endian integer.
  public func store<T: FixedWidthInteger>(_ value: T, to address: UInt64) throws(MemoryError) {
    let p = try pointer(to: address, count: MemoryLayout<T>.size, write: true)
    p.storeBytes(of: value.littleEndian, as: T.self)
  }

  /// The bytes of a NUL-terminated string at `address`, without the NUL; fails if no NUL is found
  /// within `maxLength` bytes or before the region ends.
  public func cString(at address: UInt64, maxLength: Int = 4096) throws(MemoryError) -> [UInt8] {
    var out: [UInt8] = []
    var a = address
    while out.count < maxLength {
      let b = try load(UInt8.self, from: a)
      if b == 0 { return out }
      out.append(b)
      a &+= 1
    }
    throw MemoryError(address: address, size: maxLength + 1, isWrite: false, region: region(containing: address))
  }

  private func freeIndex() throws(RegionError) -> Int {
    for i in 0..<Self.capacity {
      let index = (nextIndex + i) % Self.capacity
      if regions[index] == nil {
        nextIndex = (index + 1) % Self.capacity
        return index
      }
    }
    throw .tableFull(Self.capacity)
  }

  /// Records host stores made through the accessors in an active sanitizer shadow.
  private func markInitialized(_ address: UInt64, _ count: Int) {
    guard !shadows.isEmpty else { return }
    let index = Int((address >> 32) &- Self.baseHigh)
    guard let shadow = shadows[index] else { return }
    let start = Int(address & 0xffff_ffff)
    for i in start..<min(start + count, shadow.count) { shadow[i] = true }
  }
}
