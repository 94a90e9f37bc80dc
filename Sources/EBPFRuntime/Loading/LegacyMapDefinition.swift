/// A legacy map definition (`struct bpf_map_def` in a `maps` section) in eBPF for Windows' layout,
/// `_ebpf_map_definition_in_file`: eight little-endian 32-bit fields. The fifth is the index of the
/// inner map template in the same section — Linux has `map_flags` there.
public struct LegacyMapDefinition: Sendable, Hashable {
  /// The size of one definition.
  public static let size = 32

  /// Map type number.
  public var type: UInt32
  /// Key size.
  public var keySize: UInt32
  /// Value size.
  public var valueSize: UInt32
  /// Capacity.
  public var maxEntries: UInt32
  /// Index of the inner map template among the section's definitions.
  public var innerMapIndex: UInt32
  /// Pinning (0 none, 1 by name).
  public var pinning: UInt32
  /// An id other definitions refer to with `inner_id` (0 for none).
  public var id: UInt32
  /// The `id` of the inner map template (0 for none).
  public var innerID: UInt32

  /// Decodes a definition; nil unless it is exactly 32 bytes.
  public init?(bytes: [UInt8]) {
    guard bytes.count == Self.size else { return nil }
    func word(_ i: Int) -> UInt32 {
      UInt32(bytes[i * 4]) | UInt32(bytes[i * 4 + 1]) << 8 | UInt32(bytes[i * 4 + 2]) << 16 | UInt32(bytes[i * 4 + 3])
        << 24
    }
    type = word(0)
    keySize = word(1)
    valueSize = word(2)
    maxEntries = word(3)
    innerMapIndex = word(4)
    pinning = word(5)
    id = word(6)
    innerID = word(7)
  }
}
