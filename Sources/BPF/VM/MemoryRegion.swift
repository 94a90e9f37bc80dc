/// A range of simulated addresses backed by host memory: the stack, a program context, a packet,
/// a map's value storage, a ring-buffer reservation, memory a helper hands out.
///
/// Its simulated address is `AddressSpace.base | index << 32`: registers hold such addresses,
/// never host pointers, so output is deterministic and a debugger can show them.
public struct MemoryRegion: Hashable, Sendable, CustomStringConvertible {
  /// What a region holds (for messages and for the debugger).
  public enum Kind: String, Hashable, Sendable {
    /// The interpreter's stack frames.
    case stack
    /// A program context (`ctx`).
    case context
    /// Packet data.
    case packet
    /// A map's value storage.
    case mapValue = "map value"
    /// A ring-buffer reservation.
    case ringBuffer = "ring buffer"
    /// Memory returned or provided by a helper.
    case helper
    /// Anything else.
    case other
  }

  /// Which accesses programs may make.
  public enum Access: Hashable, Sendable {
    /// Loads only.
    case readOnly
    /// Loads and stores anywhere in the region.
    case readWrite
    /// Loads anywhere, stores only inside the byte range (e.g. a context whose data/end pointer
    /// fields are read-only).
    case writable(Range<Int>)
  }

  /// Slot in the address space's region table.
  public let index: Int
  /// Simulated address of the first byte.
  public let address: UInt64
  /// Size in bytes.
  public let size: Int
  /// What the region holds.
  public let kind: Kind
  /// A name for messages (`ctx`, `packet`, a map's name …).
  public let name: String
  /// Permitted accesses.
  public internal(set) var access: Access

  /// True when `address ..< address + count` lies inside the region.
  public func contains(_ address: UInt64, count: Int = 1) -> Bool {
    address >= self.address && address &- self.address <= UInt64(size) &- UInt64(count) && count <= size
  }

  /// `kind 'name' (size bytes at 0x…)`.
  public var description: String {
    "\(kind.rawValue) '\(name)' (\(size) bytes at \(hexAddress(address)))"
  }
}

/// `0x` and 16 lowercase hex digits.
func hexAddress(_ v: UInt64) -> String {
  let s = String(v, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 16 - s.count)) + s
}
