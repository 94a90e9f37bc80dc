/// An access by simulated address that no region permits.
public struct MemoryError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The first byte accessed.
  public let address: UInt64
  /// Number of bytes.
  public let size: Int
  /// True for a store.
  public let isWrite: Bool
  /// The region the address falls in, if any.
  public let region: MemoryRegion?

  /// Creates an error.
  public init(address: UInt64, size: Int, isWrite: Bool, region: MemoryRegion?) {
    self.address = address
    self.size = size
    self.isWrite = isWrite
    self.region = region
  }

  /// E.g. `out-of-bounds read of 4 bytes at 0xffffa00100000010 (context 'ctx', 16 bytes at 0x…)`.
  public var description: String {
    let what = "\(isWrite ? "write" : "read") of \(size) byte\(size == 1 ? "" : "s") at \(hexAddress(address))"
    guard let region else { return "invalid \(what): no memory is mapped there" }
    if isWrite, region.contains(address, count: size) { return "\(what) to read-only memory in \(region)" }
    return "out-of-bounds \(what) in \(region)"
  }
}
