import Testing

@testable import Shell

@Suite struct PrefixMatcherTests {
  let words = [(keyword: "programs", value: 1), (keyword: "processes", value: 2), (keyword: "maps", value: 3)]

  @Test func uniquePrefixMatchesCaseInsensitively() {
    guard case .one(let v) = PrefixMatcher.match("PROG", in: words) else { Issue.record("no match"); return }
    #expect(v == 1)
  }

  @Test func ambiguousPrefixListsCandidatesSorted() {
    guard case .ambiguous(let names) = PrefixMatcher.match("pro", in: words) else { Issue.record("not ambiguous"); return }
    #expect(names == ["processes", "programs"])
  }

  @Test func exactMatchBeatsLongerKeywords() {
    let list = [(keyword: "exit2", value: 1), (keyword: "exit", value: 2)]
    guard case .one(let v) = PrefixMatcher.match("exit", in: list) else { Issue.record("no match"); return }
    #expect(v == 2)
  }

  @Test func emptyAndLongerWordsDoNotMatch() {
    guard case .none = PrefixMatcher.match("mapsx", in: words) else { Issue.record("matched"); return }
    guard case .none = PrefixMatcher.match("", in: words) else { Issue.record("matched empty"); return }
  }
}
