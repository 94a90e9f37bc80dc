#if canImport(Glibc)
  import Glibc
#endif
import EBPFRuntime

/// Map operations as programs perform them (through the raw-pointer API the helpers use), against a
/// Swift Dictionary doing the same work. Prints operations per second; never asserts a timing.
enum MapBenchmarks {
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  static func report(_ name: String, operations: Int, seconds: Double, baseline: Double? = nil) {
    let rate = Double(operations) / seconds
    var line = name + String(repeating: " ", count: max(0, 44 - name.count))
      + String(Int(rate / 1e3)).leftPadded(to: 9) + " k ops/s"
    if let baseline { line += "   (Dictionary: \(String(Int(Double(operations) / baseline / 1e3))) k ops/s)" }
    print(line)
  }

  /// The seed's value: pid, 32-byte name, count (40 bytes).
  struct ProcessInfo {
    var id: UInt32
    var name: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count: UInt32
  }

  static func run(operations n: Int = 4_000_000) {
    // Hash: lookup, increment in place when found, else insert (the seed's TraceConnections).
    do {
      guard let map = try? EBPFMap.create(MapDefinition(type: .hash, keySize: 4, valueSize: 40, maxEntries: 1024))
      else { return }
      var key: UInt32 = 0
      var value = ProcessInfo(id: 0, count: 1)
      var start = now()
      for i in 0..<n {
        key = UInt32(truncatingIfNeeded: i &* 2_654_435_761) & 1023
        if let offset = map.lookup(key: &key) {
          let p = map.values.pointer(offset + 36)
          p.storeBytes(of: p.load(as: UInt32.self) &+ 1, as: UInt32.self)
        } else {
          value.id = key
          _ = map.update(key: &key, value: &value, flags: 0)
        }
      }
      let mapTime = now() - start
      var dictionary: [UInt32: ProcessInfo] = [:]
      start = now()
      for i in 0..<n {
        key = UInt32(truncatingIfNeeded: i &* 2_654_435_761) & 1023
        if dictionary[key] != nil {
          dictionary[key]!.count &+= 1
        } else {
          dictionary[key] = ProcessInfo(id: key, count: 1)
        }
      }
      report("hash lookup + update (1024 keys, 40 B)", operations: n, seconds: mapTime, baseline: now() - start)
    }
    // Array lookups.
    do {
      guard let map = try? EBPFMap.create(MapDefinition(type: .array, keySize: 4, valueSize: 8, maxEntries: 256))
      else { return }
      var key: UInt32 = 0
      var sum = 0
      var start = now()
      for i in 0..<n {
        key = UInt32(truncatingIfNeeded: i) & 255
        sum &+= map.lookup(key: &key) ?? 0
      }
      let mapTime = now() - start
      var dictionary = [UInt32: UInt64]()
      for k: UInt32 in 0..<256 { dictionary[k] = 0 }
      start = now()
      for i in 0..<n { sum &+= Int(dictionary[UInt32(truncatingIfNeeded: i) & 255] ?? 0) }
      report("array lookup (256 entries)", operations: n, seconds: mapTime, baseline: now() - start)
      if sum == 42 { print("") }  // keeps the loops from being optimised away
    }
    // LRU under eviction: 4096 keys through 1024 slots.
    do {
      guard let map = try? EBPFMap.create(MapDefinition(type: .lruHash, keySize: 4, valueSize: 8, maxEntries: 1024))
      else { return }
      var key: UInt32 = 0
      var value: UInt64 = 1
      var evictionsOrHits = 0
      var start = now()
      for i in 0..<n {
        key = UInt32(truncatingIfNeeded: i &* 2_654_435_761) & 4095
        if map.lookup(key: &key) != nil {
          evictionsOrHits += 1
        } else {
          _ = map.update(key: &key, value: &value, flags: 0)
        }
      }
      let mapTime = now() - start
      var dictionary = [UInt32: UInt64]()
      start = now()
      for i in 0..<n {
        key = UInt32(truncatingIfNeeded: i &* 2_654_435_761) & 4095
        if dictionary[key] != nil { evictionsOrHits += 1 } else {
          if dictionary.count == 1024, let victim = dictionary.keys.first { dictionary[victim] = nil }
          dictionary[key] = value
        }
      }
      value = UInt64(evictionsOrHits)
      report("lru_hash lookup/insert under eviction", operations: n, seconds: mapTime, baseline: now() - start)
    }
    // LPM: 64 prefixes of lengths 8-32, lookups of pseudo-random addresses.
    do {
      guard
        let map = try? EBPFMap.create(MapDefinition(type: .lpmTrie, keySize: 8, valueSize: 4, maxEntries: 64))
      else { return }
      var state: UInt32 = 1
      for i in 0..<64 {
        state = state &* 1_103_515_245 &+ 12345
        var key: (UInt32, UInt32) = (UInt32(8 + (i % 25)), state)
        var rule = UInt32(i)
        _ = map.update(key: &key, value: &rule, flags: 0)
      }
      var key: (UInt32, UInt32) = (32, 0)
      var hits = 0
      let start = now()
      for i in 0..<n {
        key.1 = UInt32(truncatingIfNeeded: i &* 2_654_435_761)
        if map.lookup(key: &key) != nil { hits += 1 }
      }
      report("lpm_trie lookup (64 prefixes, /8-/32)", operations: n, seconds: now() - start)
      if hits == -1 { print("") }
    }
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
