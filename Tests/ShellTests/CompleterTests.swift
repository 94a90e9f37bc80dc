import Testing

@testable import Shell

@Suite struct CompleterTests {
  func complete(_ line: String, in context: String? = nil) -> [String] {
    let (shell, _) = TestShell.make()
    if let context { shell.execute(context) }
    return Completer(shell: shell).complete(line).candidates
  }

  @Test func contextsAndCommandsAtTheStart() {
    #expect(complete("de") == ["delete", "demo"].filter { $0 == "demo" })
    #expect(complete("e") == ["exec", "exit"])
    #expect(complete("sh", in: "demo") == ["show"])
  }

  @Test func nounsOfAVerb() {
    #expect(complete("demo show pro") == ["processes", "programs"])
    #expect(complete("demo sh prog") == ["programs"])
  }

  @Test func tagNamesAndChoiceValues() {
    #expect(complete("demo add program x.o ") == ["pinned=", "type="])
    #expect(complete("demo add program x.o pinned=f") == ["pinned=first"])
    #expect(complete("demo add program x.o pin") == ["pinned="])
  }

  @Test func dynamicValuesComeFromTheContext() {
    #expect(complete("demo show programs ") == ["3", "5", "id="])
    #expect(complete("demo show programs id=") == ["id=3", "id=5"])
  }

  @Test func helpAndPushdCompleteTheCommandAfterThem() {
    #expect(complete("help de") == ["demo"])
    #expect(complete("pushd de") == ["demo"])
    #expect(complete("pushd demo sh") == ["show"])
  }

  @Test func commonPrefixIsCaseInsensitive() {
    let c = Completer.Completion(word: "p", candidates: ["Programs", "processes"])
    #expect(c.commonPrefix == "Pro")
  }
}
