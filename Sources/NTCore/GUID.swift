/// A GUID in Windows' layout: Data1 (32 bits), Data2, Data3 (16 bits) and Data4 (8 bytes).
public struct GUID: Hashable, Sendable, CustomStringConvertible {
  /// Data1.
  public var data1: UInt32
  /// Data2.
  public var data2: UInt16
  /// Data3.
  public var data3: UInt16
  /// Data4, eight bytes.
  public var data4: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

  /// Creates a GUID from its fields; `data4` must hold eight bytes.
  public init?(_ data1: UInt32, _ data2: UInt16, _ data3: UInt16, _ data4: [UInt8]) {
    guard data4.count == 8 else { return nil }
    self.data1 = data1
    self.data2 = data2
    self.data3 = data3
    self.data4 = (data4[0], data4[1], data4[2], data4[3], data4[4], data4[5], data4[6], data4[7])
  }

  /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, with or without braces.
  public init?(_ text: String) {
    var s = Substring(text)
    if s.hasPrefix("{") && s.hasSuffix("}") { s = s.dropFirst().dropLast() }
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 5, parts.map(\.count) == [8, 4, 4, 4, 12],
      let d1 = UInt32(parts[0], radix: 16), let d2 = UInt16(parts[1], radix: 16),
      let d3 = UInt16(parts[2], radix: 16)
    else { return nil }
    let tail = Array(parts[3] + parts[4])
    var d4: [UInt8] = []
    for i in stride(from: 0, to: 16, by: 2) {
      guard let b = UInt8(String(tail[i..<i + 2]), radix: 16) else { return nil }
      d4.append(b)
    }
    self.init(d1, d2, d3, d4)
  }

  /// The sixteen bytes as Windows stores them (Data1–3 little-endian).
  public var bytes: [UInt8] {
    [UInt8(data1 & 0xFF), UInt8((data1 >> 8) & 0xFF), UInt8((data1 >> 16) & 0xFF), UInt8(data1 >> 24),
     UInt8(data2 & 0xFF), UInt8(data2 >> 8), UInt8(data3 & 0xFF), UInt8(data3 >> 8),
     data4.0, data4.1, data4.2, data4.3, data4.4, data4.5, data4.6, data4.7]
  }

  /// `{6B29FC40-CA47-1067-B31D-00DD010662DA}` style, upper case.
  public var description: String {
    let d4 = [data4.0, data4.1, data4.2, data4.3, data4.4, data4.5, data4.6, data4.7]
      .map { Hex.padded(UInt64($0), digits: 2, uppercase: true) }
    return "{" + Hex.padded(UInt64(data1), digits: 8, uppercase: true) + "-"
      + Hex.padded(UInt64(data2), digits: 4, uppercase: true) + "-"
      + Hex.padded(UInt64(data3), digits: 4, uppercase: true) + "-" + d4[0] + d4[1] + "-"
      + d4[2...].joined() + "}"
  }

  /// Compares all sixteen bytes.
  public static func == (a: GUID, b: GUID) -> Bool { a.bytes == b.bytes }

  /// Hashes all sixteen bytes.
  public func hash(into h: inout Hasher) { h.combine(bytes) }
}
