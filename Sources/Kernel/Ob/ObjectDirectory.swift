/// A directory of the object namespace (the body of Directory objects): 37 hash buckets whose
/// chains hold the newest entry first, as `!object` lists them.
public final class ObjectDirectory {
  /// The number of hash buckets (NUMBER_HASH_BUCKETS).
  public static let bucketCount = 37

  /// One name in the directory.
  public struct Entry {
    /// The name as created.
    public let name: String
    /// The object.
    public let object: KObject
    /// The directory hash of the name.
    public let hash: UInt32
    let key: [UInt16]
    let block: Pool.Block?
  }

  var buckets: [[Entry]] = Array(repeating: [], count: bucketCount)
  private var index: [[UInt16]: [Int]] = [:]  // upcased name → buckets containing it (for speed)
  /// The session the directory belongs to (`_OBJECT_DIRECTORY.SessionId`), or nil.
  public internal(set) var sessionId: UInt32?
  /// The directory object.
  public internal(set) weak var object: KObject?
  /// The number of names.
  public private(set) var count = 0

  init(sessionId: UInt32? = nil) { self.sessionId = sessionId }

  /// Every entry in listing order: buckets 0…36, newest first within a bucket.
  public var entries: [Entry] { buckets.flatMap { $0 } }

  /// Entries with their bucket number, for `!object`-style listings.
  public var entriesByBucket: [(bucket: Int, entry: Entry)] {
    buckets.enumerated().flatMap { b in b.element.map { (b.offset, $0) } }
  }

  /// Looks a name up; case-insensitively when asked.
  func lookup(_ name: String, key: [UInt16], caseInsensitive: Bool) -> Entry? {
    guard index[key] != nil else { return nil }
    let bucket = Int(DirectoryHash.hash(key) % UInt32(Self.bucketCount))
    for e in buckets[bucket] where e.key == key {
      if caseInsensitive || e.name == name { return e }
    }
    return nil
  }

  func insert(name: String, key: [UInt16], object: KObject, block: Pool.Block?) -> Entry {
    let h = DirectoryHash.hash(key)
    let e = Entry(name: name, object: object, hash: h, key: key, block: block)
    let bucket = Int(h % UInt32(Self.bucketCount))
    buckets[bucket].insert(e, at: 0)
    index[key, default: []].append(bucket)
    count += 1
    return e
  }

  /// Removes the entry for an object; returns it.
  func remove(_ object: KObject) -> Entry? {
    guard let name = object.name else { return nil }
    let key = DirectoryHash.upcase(name)
    let bucket = Int(DirectoryHash.hash(key) % UInt32(Self.bucketCount))
    guard let i = buckets[bucket].firstIndex(where: { $0.object === object }) else { return nil }
    let e = buckets[bucket].remove(at: i)
    if var list = index[key], let j = list.firstIndex(of: bucket) {
      list.remove(at: j)
      index[key] = list.isEmpty ? nil : list
    }
    count -= 1
    return e
  }

  /// The address of bucket `b`'s first entry (zero when empty), for the memory image.
  func bucketHead(_ b: Int) -> UInt64 { buckets[b].first?.block?.address ?? 0 }

  /// The address of the entry after `e` in its bucket (zero at the end).
  func chainLink(after e: Entry) -> UInt64 {
    let bucket = Int(e.hash % UInt32(Self.bucketCount))
    guard let i = buckets[bucket].firstIndex(where: { $0.object === e.object }), i + 1 < buckets[bucket].count else { return 0 }
    return buckets[bucket][i + 1].block?.address ?? 0
  }
}

/// The object manager's name hashing (Windows 10+ ObpLookupDirectoryEntryEx) and upcasing.
public enum DirectoryHash {
  /// RtlUpcaseUnicodeChar for one UTF-16 unit: ASCII letters, and other BMP letters whose
  /// upper case is a single BMP scalar.
  public static func upcase(_ u: UInt16) -> UInt16 {
    if u < 0x80 { return (u >= 0x61 && u <= 0x7A) ? u - 0x20 : u }
    guard let scalar = Unicode.Scalar(u) else { return u }
    let upper = scalar.properties.uppercaseMapping.unicodeScalars
    guard upper.count == 1, let first = upper.first, first.value <= 0xFFFF else { return u }
    return UInt16(first.value)
  }

  /// A name as upcased UTF-16 units.
  public static func upcase(_ s: String) -> [UInt16] {
    var out: [UInt16] = []
    out.reserveCapacity(s.utf16.count)
    for u in s.utf16 { out.append(upcase(u)) }
    return out
  }

  /// The hash of a name given as UTF-16 units: four units at a time as a 64-bit word (bit 5 of each
  /// unit cleared, or each unit upcased when one is non-ASCII), then the leftovers one by one.
  public static func hash(_ units: [UInt16]) -> UInt32 {
    var acc: UInt64 = 0
    var i = 0
    let n = units.count
    while i + 4 <= n {
      let c0 = units[i], c1 = units[i + 1], c2 = units[i + 2], c3 = units[i + 3]
      var word: UInt64
      if c0 >= 0x80 || c1 >= 0x80 || c2 >= 0x80 || c3 >= 0x80 {
        word = UInt64(upcase(c0)) | UInt64(upcase(c1)) << 16 | UInt64(upcase(c2)) << 32 | UInt64(upcase(c3)) << 48
      } else {
        word = (UInt64(c0) | UInt64(c1) << 16 | UInt64(c2) << 32 | UInt64(c3) << 48) & 0xFFDF_FFDF_FFDF_FFDF
      }
      acc = word &+ (acc >> 1) &+ 3 &* acc
      i += 4
    }
    var h = UInt32(truncatingIfNeeded: acc) &+ UInt32(truncatingIfNeeded: acc >> 32)
    while i < n {
      h = UInt32(upcase(units[i])) &+ (h >> 1) &+ 3 &* h
      i += 1
    }
    return h
  }

  /// The bucket (0…36) of a name.
  public static func bucket(of name: String) -> Int { Int(hash(upcase(name)) % 37) }
}
