/// The simulated kernel address space: ranges mapped to live state, read as bytes on demand.
///
/// Nothing is stored as bytes: each region renders its bytes from the objects behind it when read,
/// so `db`, `dt` and `!object` of an address always agree with the object's current state.
public final class AddressSpace {
  /// A mapped range whose bytes are computed when read.
  public final class Region {
    /// First address.
    public let base: UInt64
    /// Length in bytes.
    public let size: Int
    /// What lives there, for `!address`-style answers (`Pool Even`, `nt image`).
    public let label: String
    fileprivate var render: (() -> [UInt8])?

    /// Creates a region.
    public init(base: UInt64, size: Int, label: String, render: @escaping () -> [UInt8]) {
      self.base = base
      self.size = size
      self.label = label
      self.render = render
    }

    /// The region's current bytes (zero-padded or cut to its size).
    public func bytes() -> [UInt8] {
      var b = render?() ?? []
      if b.count < size { b += Array(repeating: 0, count: size - b.count) }
      if b.count > size { b.removeLast(b.count - size) }
      return b
    }
  }

  private static let pageShift: UInt64 = 12
  private var regions: [UInt64: Region] = [:]
  private var pages: [UInt64: [UInt64]] = [:]
  private var providers: [(range: Range<UInt64>, lookup: (UInt64) -> Region?)] = []

  /// Hands a whole address range to a provider that finds regions in it itself (the pools, whose
  /// blocks are too many and too short-lived to map one by one).
  public func addProvider(_ range: Range<UInt64>, lookup: @escaping (UInt64) -> Region?) {
    providers.append((range, lookup))
  }

  /// Creates an empty address space.
  public init() {}

  /// Number of mapped regions.
  public var regionCount: Int { regions.count }

  /// Maps a region; it must not overlap another (the allocators guarantee it).
  public func map(_ region: Region) {
    regions[region.base] = region
    for page in pageRange(region) { pages[page, default: []].append(region.base) }
  }

  /// Unmaps the region that starts at `base`; its renderer is released.
  public func unmap(base: UInt64) {
    guard let region = regions.removeValue(forKey: base) else { return }
    region.render = nil
    for page in pageRange(region) {
      guard var list = pages[page] else { continue }
      list.removeAll { $0 == base }
      pages[page] = list.isEmpty ? nil : list
    }
  }

  /// The region containing an address.
  public func region(containing address: UInt64) -> Region? {
    for p in providers where p.range.contains(address) { return p.lookup(address) }
    guard let candidates = pages[address >> Self.pageShift] else { return nil }
    for b in candidates {
      if let r = regions[b], address >= r.base, address - r.base < UInt64(r.size) { return r }
    }
    return nil
  }

  /// Reads `count` bytes; unmapped bytes are nil (kd prints `??`).
  public func read(_ address: UInt64, count: Int) -> [UInt8?] {
    var out: [UInt8?] = []
    out.reserveCapacity(max(0, count))
    var a = address
    var cached: (Region, [UInt8])?
    for _ in 0..<max(0, count) {
      if let (r, bytes) = cached, a >= r.base, a - r.base < UInt64(r.size) {
        out.append(bytes[Int(a - r.base)])
      } else if let r = region(containing: a) {
        let bytes = r.bytes()
        cached = (r, bytes)
        out.append(bytes[Int(a - r.base)])
      } else {
        out.append(nil)
      }
      a &+= 1
    }
    return out
  }

  /// Reads a little-endian integer; nil if any byte is unmapped.
  public func readInteger(_ address: UInt64, size: Int) -> UInt64? {
    let b = read(address, count: size)
    var v: UInt64 = 0
    for (i, byte) in b.enumerated() {
      guard let byte else { return nil }
      v |= UInt64(byte) << (8 * UInt64(i))
    }
    return v
  }

  private func pageRange(_ r: Region) -> ClosedRange<UInt64> {
    let first = r.base >> Self.pageShift
    let last = (r.base &+ UInt64(max(r.size, 1)) &- 1) >> Self.pageShift
    return first...max(first, last)
  }
}
