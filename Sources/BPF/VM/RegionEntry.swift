/// One row of the region table. Reads are allowed at offsets below `readLimit`, writes inside
/// `writeLow ..< writeHigh`; an unused row has all limits 0 so every access fails its check.
struct RegionEntry {
  var host: UnsafeMutableRawPointer? = nil
  var readLimit: UInt64 = 0
  var writeLow: UInt64 = 0
  var writeHigh: UInt64 = 0

  init() {}

  init(host: UnsafeMutableRawPointer?, size: Int, access: MemoryRegion.Access) {
    self.host = host
    readLimit = host == nil ? 0 : UInt64(size)
    guard host != nil else { return }
    switch access {
    case .readOnly: break
    case .readWrite: writeHigh = UInt64(size)
    case .writable(let r):
      writeLow = UInt64(max(0, r.lowerBound))
      writeHigh = UInt64(min(size, max(r.upperBound, r.lowerBound, 0)))
    }
  }
}

/// Host address of `size` readable bytes at simulated `address`, or nil.
@inline(__always)
func translateRead(_ table: UnsafePointer<RegionEntry>, _ address: UInt64, _ size: UInt64) -> UnsafeMutableRawPointer? {
  let index = (address >> 32) &- AddressSpace.baseHigh
  guard index < UInt64(AddressSpace.capacity) else { return nil }
  let entry = table + Int(index)
  let offset = address & 0xffff_ffff
  guard offset &+ size <= entry.pointee.readLimit else { return nil }
  return entry.pointee.host.unsafelyUnwrapped + Int(offset)
}

/// Host address of `size` writable bytes at simulated `address`, or nil.
@inline(__always)
func translateWrite(_ table: UnsafePointer<RegionEntry>, _ address: UInt64, _ size: UInt64) -> UnsafeMutableRawPointer?
{
  let index = (address >> 32) &- AddressSpace.baseHigh
  guard index < UInt64(AddressSpace.capacity) else { return nil }
  let entry = table + Int(index)
  let offset = address & 0xffff_ffff
  guard offset >= entry.pointee.writeLow, offset &+ size <= entry.pointee.writeHigh else { return nil }
  return entry.pointee.host.unsafelyUnwrapped + Int(offset)
}

/// Host address of the region an unchecked (verifier-proven) access falls in.
@inline(__always)
func translateUnchecked(_ table: UnsafePointer<RegionEntry>, _ address: UInt64) -> UnsafeMutableRawPointer {
  let index = (address >> 32) &- AddressSpace.baseHigh
  return (table + Int(truncatingIfNeeded: index)).pointee.host.unsafelyUnwrapped + Int(address & 0xffff_ffff)
}
