/// A security identifier: revision 1, a 48-bit identifier authority and up to 15 sub-authorities.
public struct SID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The identifier authority (48 bits).
  public let authority: UInt64
  /// The sub-authorities, in order.
  public let subAuthorities: [UInt32]

  /// The largest number of sub-authorities a SID may have (SID_MAX_SUB_AUTHORITIES).
  public static let maximumSubAuthorities = 15

  /// Creates a SID; nil when the authority exceeds 48 bits or there are too many sub-authorities.
  public init?(authority: UInt64, _ subAuthorities: [UInt32]) {
    guard authority < 1 << 48, subAuthorities.count <= Self.maximumSubAuthorities else { return nil }
    self.authority = authority
    self.subAuthorities = subAuthorities
  }

  /// Creates a SID from constants known to be valid.
  init(known authority: UInt64, _ subAuthorities: UInt32...) {
    self.authority = authority
    self.subAuthorities = subAuthorities
  }

  /// Parses the string form `S-1-5-32-544` (or an SDDL alias such as `BA`, `SY`, `WD`).
  public init?(_ text: String) {
    if let alias = SID.sddlAliases[text.uppercased()] {
      self = alias
      return
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[0].uppercased() == "S", parts[1] == "1" else { return nil }
    let authority: UInt64?
    if parts[2].hasPrefix("0x") || parts[2].hasPrefix("0X") {
      authority = UInt64(parts[2].dropFirst(2), radix: 16)
    } else {
      authority = UInt64(parts[2])
    }
    guard let a = authority else { return nil }
    var subs: [UInt32] = []
    for p in parts.dropFirst(3) {
      guard let v = UInt32(p) else { return nil }
      subs.append(v)
    }
    self.init(authority: a, subs)
  }

  /// The string form: `S-1-5-32-544`; authorities of 2^32 and above print in hex, as Windows does.
  public var description: String {
    let a = authority >= 1 << 32 ? "0x" + Hex.padded(authority, digits: 12, uppercase: true) : String(authority)
    return (["S-1-" + a] + subAuthorities.map(String.init)).joined(separator: "-")
  }

  /// The binary length: 8 bytes plus 4 per sub-authority (RtlLengthSid).
  public var length: Int { 8 + 4 * subAuthorities.count }

  /// The binary form as Windows stores it (revision, count, big-endian authority, little-endian
  /// sub-authorities).
  public var bytes: [UInt8] {
    var b: [UInt8] = [1, UInt8(subAuthorities.count)]
    for shift in stride(from: 40, through: 0, by: -8) { b.append(UInt8((authority >> UInt64(shift)) & 0xFF)) }
    for s in subAuthorities { b += [UInt8(s & 0xFF), UInt8((s >> 8) & 0xFF), UInt8((s >> 16) & 0xFF), UInt8(s >> 24)] }
    return b
  }

  /// The SID with one more sub-authority (a domain's RID, a logon session's low part).
  public func appending(_ rid: UInt32) -> SID? { SID(authority: authority, subAuthorities + [rid]) }

  /// The last sub-authority (the RID), if any.
  public var rid: UInt32? { subAuthorities.last }

  /// Orders by authority, then sub-authorities, so listings are stable.
  public static func < (a: SID, b: SID) -> Bool {
    if a.authority != b.authority { return a.authority < b.authority }
    return a.subAuthorities.lexicographicallyPrecedes(b.subAuthorities)
  }
}
