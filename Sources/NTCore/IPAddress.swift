/// IPv4 and IPv6 addresses in text, as Winsock's `inet_pton` reads them.
public enum IPAddress {
  /// The address's bytes in network order: 4 for dotted IPv4, 16 for IPv6 (with `::`
  /// compression); nil for anything else.
  public static func parse(_ text: String) -> [UInt8]? {
    let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
    if dotted.count == 4 { return dotted.allSatisfy({ UInt8($0) != nil }) ? dotted.compactMap { UInt8($0) } : nil }
    guard text.contains(":") else { return nil }
    func groups(_ s: Substring) -> [UInt16]? {
      if s.isEmpty { return [] }
      var out: [UInt16] = []
      for part in s.split(separator: ":", omittingEmptySubsequences: false) {
        guard part.count <= 4, let g = UInt16(part, radix: 16) else { return nil }
        out.append(g)
      }
      return out
    }
    let all: [UInt16]
    if let gap = text.firstRange(of: "::") {
      guard let head = groups(text[..<gap.lowerBound]), let tail = groups(text[gap.upperBound...]),
        head.count + tail.count <= 7
      else { return nil }
      all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    } else {
      guard let g = groups(Substring(text)), g.count == 8 else { return nil }
      all = g
    }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
  }
}
