import Testing

@testable import Shell

@Suite struct ShellTests {
  @Test func enteringAndLeavingContextsChangesThePrompt() {
    let (shell, _) = TestShell.make()
    #expect(shell.session.prompt == "ntsh>")
    shell.execute("dem")
    #expect(shell.session.prompt == "ntsh demo>")
    shell.execute("..")
    #expect(shell.session.prompt == "ntsh>")
    shell.execute("..")
    #expect(shell.session.prompt == "ntsh>")
  }

  @Test func contextWordWithACommandRunsThereWithoutSwitching() {
    let (shell, out) = TestShell.make()
    #expect(shell.execute("demo show programs id=0x5") == .success)
    #expect(out.takeCaptured() == "programs id=5\n")
    #expect(shell.session.prompt == "ntsh>")
  }

  @Test func abbreviationsAndAmbiguity() {
    #expect(TestShell.run("demo", "sh prog", "ad p x.o") == "programs id=all\nload x.o type=- pinned=first\n")
    let text = TestShell.run("demo", "sh pro")
    #expect(text == "The command word 'pro' is ambiguous; it could be: show processes, show programs.\n")
  }

  @Test func failuresAreReportedOnceAndCounted() {
    let (shell, out) = TestShell.make()
    #expect(shell.execute("demo fail") == .failure)
    #expect(shell.execute("nonsense here") == .failure)
    #expect(shell.execute("# comment") == .success)
    #expect(shell.execute("") == .success)
    #expect(out.takeCaptured() == "it failed\nThe following command was not found: nonsense here.\n")
  }

  @Test func scriptFailuresCarryFileAndLine() {
    let (shell, out) = TestShell.make()
    let ok = ScriptRunner(shell: shell).run(lines: ["demo show processes", "bogus", "demo show processes"], name: "s.txt")
    #expect(!ok)
    #expect(out.takeCaptured() == "processes\ns.txt:2: The following command was not found: bogus.\n")
  }

  @Test func keepGoingRunsEveryLineButStillFails() {
    var options = Session.Options()
    options.keepGoing = true
    let out = Output.capturing()
    let shell = Shell(root: ContextSpec(name: "ntsh"), output: out, options: options, baseDirectory: "/")
    #expect(!ScriptRunner(shell: shell).run(lines: ["bogus", "alias a b"], name: "-"))
    #expect(out.takeCaptured().hasSuffix("Ok.\n"))
  }

  @Test func helpAfterACommandPrintsItsUsage() {
    let text = TestShell.run("demo add program ?")
    #expect(text.contains("Usage: add program [filename=]<path> [[type=]<string>] [[pinned=]none|first|all]"))
    #expect(text.contains("pinned       - What to pin. One of: none, first, all. Default: first."))
  }

  @Test func helpBeforeACommandNeverRunsIt() {
    let (shell, out) = TestShell.make()
    shell.execute("help alias foo bar")
    shell.execute("help pushd demo")
    shell.execute("help demo")
    let text = out.takeCaptured()
    #expect(text.contains("Usage: alias"))
    #expect(text.contains("Usage: pushd"))
    #expect(text.contains("The following commands are available:"))
    #expect(shell.session.aliases.isEmpty)
    #expect(shell.session.contextStack.isEmpty)
    #expect(shell.session.current === shell.session.root)
  }

  @Test func pushdAndAliasesPassTagsOnAndRecursionStops() {
    let (shell, out) = TestShell.make()
    shell.execute("pushd demo add program x.o pinned=none")
    #expect(out.takeCaptured() == "load x.o type=- pinned=none\n")
    shell.execute("alias ap demo add program y.o pinned=all")
    #expect(shell.session.aliases["ap"] == "demo add program y.o pinned=all")
    shell.execute("alias p pushd p")
    _ = out.takeCaptured()
    #expect(shell.execute("p") == .failure)
    #expect(out.takeCaptured().hasPrefix("Commands run commands more than 32 deep"))
    #expect(shell.execute("alias \"two words\" x") == .failure)
  }

  @Test func popdWithNothingPushedDoesNothing() {
    let (shell, out) = TestShell.make()
    #expect(shell.execute("popd") == .success)
    #expect(out.takeCaptured() == "")
  }

  @Test func anAlreadyReportedFailureInAScriptStillSaysWhere() {
    let out = Output.capturing()
    let demo = ContextSpec(
      name: "demo",
      commands: [
        CommandSpec(["quiet"], "Prints its own error.") { call in
          call.out.errorLine("Program not found")
          throw ShellError.alreadyReported
        }
      ])
    let shell = Shell(root: ContextSpec(name: "ntsh", subcontexts: [demo]), output: out, baseDirectory: "/")
    #expect(!ScriptRunner(shell: shell).run(lines: ["demo quiet"], name: "s.txt"))
    #expect(out.takeCaptured() == "Program not found\ns.txt:1: The command failed (its message is above).\n")
    #expect(shell.execute("demo quiet") == .failure)
    #expect(out.takeCaptured() == "Program not found\n")
  }

  @Test func scriptLinesEndWithLFOrCRLF() {
    #expect(FileReader.lines(of: "a b\r\nc\r\n\nd") == ["a b", "c", "", "d"])
    #expect(FileReader.lines(of: "x\n") == ["x"])
  }

  @Test func syntaxErrorsPrintTheUsage() {
    let text = TestShell.run("demo add program pinned=bogus x.o")
    #expect(text.hasPrefix("'pinned=bogus' is not a valid argument for this command.\n" + ShellError.syntaxLine + "\n\nUsage: add program"))
  }

  @Test func overlongLinesAreRefused() {
    let (shell, out) = TestShell.make()
    #expect(shell.execute(String(repeating: "a", count: 1 << 20)) == .failure)
    #expect(out.takeCaptured() == "The line is 1048576 bytes long; the limit is 65536 bytes.\n")
  }

  @Test func exitWordsRequestExit() {
    for word in ["exit", "quit", "bye", "QUIT"] {
      let (shell, _) = TestShell.make()
      shell.execute("demo " + word)
      #expect(shell.session.exitRequested)
    }
  }

  @Test func pathsResolveAndDisplayRelativeToTheBase() {
    let (shell, _) = TestShell.make(base: "/work/t")
    #expect(shell.session.resolvePath("a/../b.o") == "/work/t/b.o")
    #expect(shell.session.resolvePath("/x//y/./z") == "/x/y/z")
    #expect(shell.session.displayPath("/work/t/b.o") == "b.o")
    #expect(shell.session.displayPath("/elsewhere/b.o") == "/elsewhere/b.o")
  }
}
