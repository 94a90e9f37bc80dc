#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open-addressing index from key bytes to slot numbers, over keys that live in a fixed key
/// arena (slot `s` keeps its key at `s * keySize`). Linear probing with backward-shift deletion, so
/// there are no tombstones and a probe ends at the first empty bucket. The hash is seeded with a
/// constant: the same operations give the same layout on every run.
final class HashIndex {
  /// Buckets hold slot + 1; 0 is empty.
  private let buckets: UnsafeMutablePointer<Int32>
  /// The hash of each slot's key, to skip most key comparisons.
  private let slotHashes: UnsafeMutablePointer<UInt32>
  private let mask: Int
  private let keys: MapStorage
  private let keySize: Int

  /// Buckets for `slots` keys: a power of two at least twice as large, so probes stay short.
  static func bucketCount(forSlots slots: Int) -> Int {
    var n = 8
    while n < slots * 2 { n <<= 1 }
    return n
  }

  init(slots: Int, keys: MapStorage, keySize: Int) {
    let count = Self.bucketCount(forSlots: slots)
    buckets = .allocate(capacity: count)
    buckets.initialize(repeating: 0, count: count)
    slotHashes = .allocate(capacity: max(slots, 1))
    slotHashes.initialize(repeating: 0, count: max(slots, 1))
    mask = count - 1
    self.keys = keys
    self.keySize = keySize
  }

  deinit {
    buckets.deallocate()
    slotHashes.deallocate()
  }

  /// A 32-bit hash of `count` bytes: 8-byte words mixed by multiplication, then a final avalanche.
  @inline(__always)
  static func hash(_ key: UnsafeRawPointer, count: Int) -> UInt32 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
    var i = 0
    while i + 8 <= count {
      h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    if i < count {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < count {
        tail |= UInt64(key.load(fromByteOffset: i, as: UInt8.self)) << shift
        shift += 8
        i += 1
      }
      h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 32
    return UInt32(truncatingIfNeeded: h)
  }

  /// The slot holding `key`, or nil.
  @inline(__always)
  func find(_ key: UnsafeRawPointer) -> Int? {
    let h = Self.hash(key, count: keySize)
    var i = Int(h) & mask
    while true {
      let b = Int(buckets[i])
      if b == 0 { return nil }
      let slot = b - 1
      if slotHashes[slot] == h && memcmp(keys.pointer(slot * keySize), key, keySize) == 0 { return slot }
      i = (i + 1) & mask
    }
  }

  /// Records that `slot` (whose key is already in the key arena, and not yet indexed) holds its key.
  func insert(slot: Int) {
    let h = Self.hash(keys.pointer(slot * keySize), count: keySize)
    slotHashes[slot] = h
    var i = Int(h) & mask
    while buckets[i] != 0 { i = (i + 1) & mask }
    buckets[i] = Int32(slot + 1)
  }

  /// Removes `slot` from the index, shifting later entries of its probe run back.
  func remove(slot: Int) {
    var i = Int(slotHashes[slot]) & mask
    while Int(buckets[i]) != slot + 1 {
      if buckets[i] == 0 { return }  // not indexed
      i = (i + 1) & mask
    }
    var hole = i
    var j = i
    while true {
      j = (j + 1) & mask
      let b = Int(buckets[j])
      if b == 0 { break }
      let home = Int(slotHashes[b - 1]) & mask
      // Move the entry at j into the hole unless its home lies cyclically in (hole, j].
      let homeAfterHole = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j)
      if !homeAfterHole {
        buckets[hole] = buckets[j]
        hole = j
      }
    }
    buckets[hole] = 0
  }
}
