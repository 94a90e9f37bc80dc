/// A command's bound arguments: each value keyed by the tag it bound to.
public struct Arguments {
  /// The tags the values were bound against, in positional order.
  public let tags: [TagSpec]
  /// Bound values in the order they were typed: (tag index, value).
  public private(set) var values: [(tag: Int, value: String)] = []

  /// Creates an empty binding for a tag list.
  public init(tags: [TagSpec]) { self.tags = tags }

  /// The words a `.rest` tag swallowed, as typed (tags kept), for commands that run them as a line.
  public private(set) var restTokens: [Token] = []

  mutating func append(tag: Int, value: String, rest: Token? = nil) {
    values.append((tag, value))
    if let rest { restTokens.append(rest) }
  }

  /// The `.rest` words joined back into a line that tokenizes to the same words (`level=verbose`
  /// stays a tag, a quoted `"a=b"` stays a plain word).
  public var restLine: String { Tokenizer.join(restTokens) }

  private func index(of name: String) -> Int? {
    let i = tags.firstIndex { $0.name == name }
    assert(i != nil, "no tag named \(name)")
    return i
  }

  /// The value of a tag (its last occurrence), or its default, or nil.
  public subscript(_ name: String) -> String? {
    guard let i = index(of: name) else { return nil }
    return values.last { $0.tag == i }?.value ?? tags[i].defaultValue
  }

  /// True when the user gave the tag.
  public func has(_ name: String) -> Bool {
    guard let i = index(of: name) else { return false }
    return values.contains { $0.tag == i }
  }

  /// Every value given for a tag, in order (for multiple and rest tags).
  public func all(_ name: String) -> [String] {
    guard let i = index(of: name) else { return [] }
    return values.filter { $0.tag == i }.map(\.value)
  }

  /// An integer tag's value (decimal, or hexadecimal with `0x`), or its default.
  public func integer(_ name: String) -> Int64? {
    self[name].flatMap(Self.parseInteger)
  }

  /// Parses a decimal or `0x`-prefixed hexadecimal integer, optionally negative.
  public static func parseInteger(_ text: String) -> Int64? {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") {
      negative = true
      s = s.dropFirst()
    } else if s.hasPrefix("+") {
      s = s.dropFirst()
    }
    let magnitude: UInt64?
    if s.hasPrefix("0x") || s.hasPrefix("0X") {
      magnitude = UInt64(s.dropFirst(2), radix: 16)
    } else {
      magnitude = UInt64(s, radix: 10)
    }
    guard let m = magnitude else { return nil }
    if negative {
      guard m <= UInt64(Int64.max) + 1 else { return nil }
      return m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)
    }
    return Int64(exactly: m) ?? Int64(bitPattern: m)  // 0xffff... keeps its bit pattern
  }
}
