/// A line diff of expected against actual text, where "equal" means "matches" (holes allowed),
/// rendered as a unified diff.
public struct LineDiff {
  /// One line of the edit script.
  public enum Edit: Equatable {
    /// In both: (expected index, actual index).
    case same(Int, Int)
    /// Only expected.
    case removed(Int)
    /// Only actual.
    case added(Int)
  }

  /// Expected lines (may hold holes).
  public let expected: [String]
  /// Actual lines.
  public let actual: [String]
  /// The edit script turning expected into actual.
  public let edits: [Edit]

  /// Largest table the longest-common-subsequence search builds; beyond it lines pair in order.
  static let maximumCells = 16_000_000

  /// Computes the diff.
  public init(expected: [String], actual: [String]) {
    self.expected = expected
    self.actual = actual
    edits = LineDiff.script(expected, actual)
  }

  /// True when every line matched.
  public var isEqual: Bool {
    expected.count == actual.count && edits.allSatisfy { if case .same = $0 { true } else { false } }
  }

  private static func script(_ a: [String], _ b: [String]) -> [Edit] {
    // Trim the common head and tail so the table only covers the changed middle.
    var head = 0
    while head < a.count && head < b.count && Transcript.line(b[head], matches: a[head]) { head += 1 }
    var tail = 0
    while tail < a.count - head && tail < b.count - head
      && Transcript.line(b[b.count - 1 - tail], matches: a[a.count - 1 - tail])
    { tail += 1 }
    var edits: [Edit] = (0..<head).map { .same($0, $0) }
    let aMid = Array(a[head..<(a.count - tail)])
    let bMid = Array(b[head..<(b.count - tail)])
    let n = aMid.count
    let m = bMid.count
    if n * m > maximumCells {
      edits += (0..<n).map { .removed(head + $0) } + (0..<m).map { .added(head + $0) }
    } else {
      // lcs[i][j] = LCS length of aMid[i...] and bMid[j...].
      var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
      if n > 0 && m > 0 {
        for i in stride(from: n - 1, through: 0, by: -1) {
          for j in stride(from: m - 1, through: 0, by: -1) {
            lcs[i][j] = Transcript.line(bMid[j], matches: aMid[i]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
          }
        }
      }
      var i = 0
      var j = 0
      while i < n || j < m {
        if i < n && j < m && Transcript.line(bMid[j], matches: aMid[i]) {
          edits.append(.same(head + i, head + j))
          i += 1
          j += 1
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
          edits.append(.removed(head + i))
          i += 1
        } else {
          edits.append(.added(head + j))
          j += 1
        }
      }
    }
    let aTail = a.count - tail
    let bTail = b.count - tail
    edits += (0..<tail).map { .same(aTail + $0, bTail + $0) }
    return edits
  }

  /// The unified diff (`---`/`+++` header, `@@` hunks with three lines of context).
  public func unified(expectedName: String, actualName: String, context: Int = 3) -> String {
    guard !isEqual else { return "" }
    var out = "--- \(expectedName)\n+++ \(actualName)\n"
    var index = 0
    while index < edits.count {
      guard let change = edits[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
      var start = max(index, change - context)
      if start < index { start = index }
      var end = change
      var quiet = 0
      var k = change
      while k < edits.count {
        if case .same = edits[k] {
          quiet += 1
          if quiet > 2 * context { break }
        } else {
          quiet = 0
          end = k
        }
        k += 1
      }
      let stop = min(edits.count, end + context + 1)
      let hunk = edits[start..<stop]
      let (aStart, aCount, bStart, bCount) = ranges(hunk)
      out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n"
      for edit in hunk {
        switch edit {
        case .same(_, let j): out += " " + actual[j] + "\n"
        case .removed(let i): out += "-" + expected[i] + "\n"
        case .added(let j): out += "+" + actual[j] + "\n"
        }
      }
      index = stop
    }
    return out
  }

  private func ranges(_ hunk: ArraySlice<Edit>) -> (Int, Int, Int, Int) {
    var aFirst: Int?
    var bFirst: Int?
    var aCount = 0
    var bCount = 0
    var aBefore = 0
    var bBefore = 0
    for edit in edits[..<hunk.startIndex] {
      switch edit {
      case .same: aBefore += 1; bBefore += 1
      case .removed: aBefore += 1
      case .added: bBefore += 1
      }
    }
    for edit in hunk {
      switch edit {
      case .same(let i, let j):
        aFirst = aFirst ?? i
        bFirst = bFirst ?? j
        aCount += 1
        bCount += 1
      case .removed(let i):
        aFirst = aFirst ?? i
        aCount += 1
      case .added(let j):
        bFirst = bFirst ?? j
        bCount += 1
      }
    }
    return ((aFirst ?? aBefore) + (aCount > 0 ? 1 : 0), aCount, (bFirst ?? bBefore) + (bCount > 0 ? 1 : 0), bCount)
  }
}
