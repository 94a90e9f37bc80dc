/// netsh's `MatchToken`: a typed word selects a keyword when it is a case-insensitive prefix of it.
///
/// Policy (documented in the README): an exact match wins; otherwise one prefix match wins;
/// several prefix matches are an ambiguity the shell reports with the candidates, where netsh
/// would silently take the first.
public enum PrefixMatcher {
  /// The outcome of matching one word against candidate keywords.
  public enum Match<T> {
    /// Exactly one candidate fits.
    case one(T)
    /// Several candidates fit; their keywords.
    case ambiguous([String])
    /// Nothing fits.
    case none
  }

  /// Matches `word` against `candidates`' keywords.
  public static func match<T>(_ word: String, in candidates: [(keyword: String, value: T)]) -> Match<T> {
    var hits: [(keyword: String, value: T)] = []
    for candidate in candidates {
      if equalsIgnoringCase(candidate.keyword, word) { return .one(candidate.value) }
      if hasPrefixIgnoringCase(candidate.keyword, word) { hits.append(candidate) }
    }
    switch hits.count {
    case 0: return .none
    case 1: return .one(hits[0].value)
    default:
      var seen = Set<String>()
      return .ambiguous(hits.map(\.keyword).filter { seen.insert($0.lowercased()).inserted }.sorted())
    }
  }

  /// Case-insensitive (ASCII) equality.
  public static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
    let x = a.utf8
    let y = b.utf8
    guard x.count == y.count else { return false }
    return zip(x, y).allSatisfy { lower($0) == lower($1) }
  }

  /// True when `prefix` is a case-insensitive (ASCII) prefix of `keyword`.
  public static func hasPrefixIgnoringCase(_ keyword: String, _ prefix: String) -> Bool {
    let k = keyword.utf8
    let p = prefix.utf8
    guard !p.isEmpty, p.count <= k.count else { return false }
    return zip(k, p).allSatisfy { lower($0) == lower($1) }
  }

  @inline(__always) private static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
  }
}
