import Testing

@testable import Shell

@Suite struct TranscriptTests {
  @Test func inputLinesAreRecognisedByPrompt() {
    let t = Transcript(text: "header\nntsh>a\nout1\nntsh demo> b\nlkd> c\n", prompts: ["ntsh>", "ntsh demo>", "lkd> "])
    #expect(t.header == ["header"])
    #expect(t.steps.map(\.input) == ["a", "b", "c"])
    #expect(t.steps.map(\.prompt) == ["ntsh>", "ntsh demo> ", "lkd> "])
    #expect(t.steps[0].expected == ["out1"])
  }

  @Test func holesMatchVaryingValuesOnly() {
    #expect(Transcript.line("took 1234ns", matches: "took {{[0-9]+}}ns"))
    #expect(!Transcript.line("took 12.5ns", matches: "took {{[0-9]+}}ns"))
    #expect(!Transcript.line("took 5ns!", matches: "took {{[0-9]+}}ns"))
    #expect(Transcript.line("a.b", matches: "a.b"))
    #expect(!Transcript.line("axb", matches: "a.b{{}}"))
  }

  @Test func diffShowsRemovedAndAddedLines() {
    let d = LineDiff(expected: ["a", "b", "c"], actual: ["a", "x", "c"])
    #expect(!d.isEqual)
    #expect(d.unified(expectedName: "e", actualName: "f") == "--- e\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n")
    #expect(LineDiff(expected: ["{{.*}}"], actual: ["anything"]).isEqual)
  }

  @Test func replayComparesAndUpdateKeepsHoles() {
    let runner = TranscriptRunner { out, base in TestShell.make(base: base).0.withOutput(out) }
    let good = runner.replay(text: "ntsh>demo show programs\nprograms id={{.*}}\n", path: "t", baseDirectory: "/")
    #expect(good.passed)
    let bad = runner.replay(text: "ntsh>demo show programs\nprograms id={{[0-9]+}}\nntsh>alias\nstale\n", path: "t", baseDirectory: "/")
    #expect(!bad.passed)
    #expect(bad.updatedText == "ntsh>demo show programs\nprograms id=all\nntsh>alias\nNo aliases are defined.\n")
    #expect(bad.diff.contains("-programs id={{[0-9]+}}\n+programs id=all\n"))
  }

  @Test func aFileWithoutPromptsFailsInsteadOfCheckingNothing() {
    let runner = TranscriptRunner { out, base in TestShell.make(base: base).0.withOutput(out) }
    let outcome = runner.replay(text: "just prose\r\nand more prose\r\n", path: "t", baseDirectory: "/")
    #expect(!outcome.passed)
    #expect(outcome.diff.contains("nothing to check"))
    let crlf = runner.replay(text: "ntsh>alias\r\nNo aliases are defined.\r\n", path: "t", baseDirectory: "/")
    #expect(crlf.passed)
  }

  @Test func promptMismatchIsADifference() {
    let runner = TranscriptRunner { out, base in TestShell.make(base: base).0.withOutput(out) }
    let outcome = runner.replay(text: "ntsh>demo\nntsh>alias\nNo aliases are defined.\n", path: "t", baseDirectory: "/")
    #expect(!outcome.passed)
    #expect(outcome.diff.contains("+ntsh demo>alias"))
  }
}

extension Shell {
  /// A copy of this shell's tree writing to another output (tests build trees once).
  func withOutput(_ out: Output) -> Shell {
    var root = session.root.spec
    root.commands = root.commands.filter { !Builtins.commands.map(\.name).contains($0.name) }
    return Shell(root: root, output: out, baseDirectory: session.baseDirectory)
  }
}
