/// A four-character pool tag as it sits in memory: `Even`, `Proc`, `Dstk`.
///
/// C code writes tags as multi-character constants in reverse (`'ktsD'` is stored as `Dstk`);
/// ``init(reversedLiteral:)`` accepts that form.
public struct PoolTag: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 32-bit value; its little-endian bytes are the characters.
  public let rawValue: UInt32

  /// Creates a tag from its 32-bit value.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates a tag from the characters as they appear in memory (`"Dstk"`); shorter strings are
  /// padded with spaces, longer ones cut to four characters, non-ASCII becomes `?`.
  public init(_ text: String) {
    var bytes = Array(text.unicodeScalars.prefix(4).map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") })
    while bytes.count < 4 { bytes.append(UInt8(ascii: " ")) }
    rawValue = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
  }

  /// Creates a tag from C's multi-character constant spelling (`"ktsD"` → `Dstk`).
  public init(reversedLiteral text: String) { self.init(String(text.reversed())) }

  /// The four characters.
  public var description: String {
    String(decoding: (0..<4).map { UInt8((rawValue >> (8 * $0)) & 0xFF) }, as: UTF8.self)
  }

  /// Orders by the characters, as PoolMon's tag sort does.
  public static func < (a: PoolTag, b: PoolTag) -> Bool { a.description < b.description }
}

/// Which pool an allocation comes from (`_POOL_TYPE`).
public enum PoolType: UInt32, Sendable, CaseIterable {
  /// NonPagedPool.
  case nonPaged = 0
  /// PagedPool.
  case paged = 1
  /// NonPagedPoolMustSucceed.
  case nonPagedMustSucceed = 2
  /// NonPagedPoolCacheAligned.
  case nonPagedCacheAligned = 4
  /// PagedPoolCacheAligned.
  case pagedCacheAligned = 5
  /// NonPagedPoolNx.
  case nonPagedNx = 0x200
  /// PagedPoolSession (win32k's per-session pool).
  case pagedSession = 0x21

  /// True for the paged kinds (PoolMon's `Paged` column).
  public var isPaged: Bool { self == .paged || self == .pagedCacheAligned || self == .pagedSession }

  /// The name `dt` and Object Explorer print.
  public var name: String {
    switch self {
    case .nonPaged: return "NonPagedPool"
    case .paged: return "PagedPool"
    case .nonPagedMustSucceed: return "NonPagedPoolMustSucceed"
    case .nonPagedCacheAligned: return "NonPagedPoolCacheAligned"
    case .pagedCacheAligned: return "PagedPoolCacheAligned"
    case .nonPagedNx: return "NonPagedPoolNx"
    case .pagedSession: return "PagedPoolSession"
    }
  }
}
