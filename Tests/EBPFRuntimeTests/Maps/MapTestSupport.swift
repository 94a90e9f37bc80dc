@testable import EBPFRuntime

/// Little-endian bytes of a 32-bit number, the way keys and values look in memory.
func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }

/// Little-endian bytes of a 64-bit number.
func le64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }

/// The 32-bit number in the first four bytes.
func u32(_ bytes: [UInt8]) -> UInt32 {
  UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
}

/// Creates a map or fails the test.
func makeMap(
  _ type: MapType, key: UInt32 = 4, value: UInt32 = 4, max: UInt32 = 4, cpus: Int = EBPFPlatform.cpuCount
) throws -> EBPFMap {
  try EBPFMap.create(MapDefinition(type: type, keySize: key, valueSize: value, maxEntries: max), cpuCount: cpus)
}

/// Calls the program-side lookup with a byte-array key (an empty key passes a pointer to one byte,
/// as a program would pass some stack address to a map without keys).
func programLookup(_ map: EBPFMap, _ key: [UInt8], cpu: Int = 0) -> Int? {
  (key.isEmpty ? [0] : key).withUnsafeBytes { map.lookup(key: $0.baseAddress!, cpu: cpu) }
}

/// Calls the program-side update with byte arrays.
func programUpdate(_ map: EBPFMap, _ key: [UInt8], _ value: [UInt8], flags: UInt64 = 0, cpu: Int = 0) -> EBPFResult {
  (key.isEmpty ? [0] : key).withUnsafeBytes { k in
    value.withUnsafeBytes { v in map.update(key: k.baseAddress!, value: v.baseAddress!, flags: flags, cpu: cpu) }
  }
}

/// The value bytes at an arena offset.
func valueAt(_ map: EBPFMap, _ offset: Int, count: Int? = nil) -> [UInt8] {
  map.values.bytes(at: offset, count: count ?? map.valueSize)
}
