/// A map's byte arena: allocated once, zero-filled, 16-byte aligned, never moved or resized.
///
/// The interpreter registers the arena as one memory region per map and hands programs
/// `region base + offset` pointers, so every value a lookup returns must stay at its offset for the
/// map's lifetime. The arena is freed when the map is.
public final class MapStorage {
  /// The bytes.
  public let buffer: UnsafeMutableRawBufferPointer

  /// Allocates `count` zero bytes.
  init(count: Int) {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
    buffer = UnsafeMutableRawBufferPointer(start: raw, count: count)
  }

  deinit { buffer.baseAddress?.deallocate() }

  /// The arena's size in bytes.
  public var count: Int { buffer.count }

  /// The address of `offset` (which must be within the arena).
  @inline(__always)
  public func pointer(_ offset: Int) -> UnsafeMutableRawPointer {
    // The arena is never empty (count >= 1 is allocated), so the base address exists.
    buffer.baseAddress.unsafelyUnwrapped + offset
  }

  /// A copy of `count` bytes at `offset`.
  public func bytes(at offset: Int, count: Int) -> [UInt8] {
    Array(UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + count]))
  }

  /// Copies `count` bytes from `source` to `offset`.
  @inline(__always)
  func write(_ source: UnsafeRawPointer, count: Int, at offset: Int) {
    pointer(offset).copyMemory(from: source, byteCount: count)
  }

  /// Zeroes `count` bytes at `offset`.
  @inline(__always)
  func zero(at offset: Int, count: Int) {
    pointer(offset).initializeMemory(as: UInt8.self, repeating: 0, count: count)
  }

  /// The little-endian 32-bit word at `offset`.
  @inline(__always)
  func loadU32(at offset: Int) -> UInt32 { UInt32(littleEndian: pointer(offset).loadUnaligned(as: UInt32.self)) }

  /// Stores a little-endian 32-bit word at `offset`.
  @inline(__always)
  func storeU32(_ value: UInt32, at offset: Int) { pointer(offset).storeBytes(of: value.littleEndian, as: UInt32.self) }
}
